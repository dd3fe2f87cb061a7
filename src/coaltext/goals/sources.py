"""Goals per party from the three sources: a JSON/YAML goal list, minutes, an agreement.

    {"parties": {"Acme": ["Expand into Asia", …], "Beta": […]}}      # JSON or YAML

Minutes and transcripts give the goal items of the minutes stage (and their decisions, which the
draft check uses); an agreement gives its recitals and purpose clauses, attributed to the party
the text names, else to "All parties".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml

from ..errors import InvalidDocument
from ..ingest import Limits
from ..types import Clause, Document, Goal, MinutesItem
from .cues import settings

ALL_PARTIES = "All parties"
_MAX_STRUCTURED_CHARS = 2_000_000

_PURPOSE_WORD = r"(?:purposes?|objectives?|goals?|aims?|mission|background|recitals?|scope|intent|objects?)"
_PURPOSE_HEADING = re.compile(
    rf"(?:the\s+)?{_PURPOSE_WORD}"
    r"(?:\s+of\s+(?:the|this)\s+(?:alliance|venture|joint venture|collaboration|cooperation|agreement|programme|program|project|partnership|consortium))?"
    rf"(?:\s*(?:and|&|,)\s*(?:the\s+)?{_PURPOSE_WORD})*\s*[.:]?",
    re.I,
)
_PURPOSE_TEXT = re.compile(
    r"^\s*(?:the\s+)?(?:purpose|purposes|objectives?|goals?|aims?)\s+of\s+(?:this|the)\s+"
    r"(?:agreement|alliance|joint venture|venture|collaboration|partnership|consortium|cooperation)",
    re.I,
)
# what marks a contract: its set phrases (a transcript's "whereas" is lowercase), and the words of
# contract drafting that minutes and transcripts do not use ("this contract", "hereto", "hereunder")
_AGREEMENT_HINTS = re.compile(
    r"\bWHEREAS\b|\bNOW,? THEREFORE\b|\bIN WITNESS WHEREOF\b|\bthis Agreement\b|^\s*ARTICLE\s+[IVX\d]+"
    r"|\b[Tt]he\s+present\s+Agreement\b|(?i:\b(?:this|the\s+present)\s+contract\b|\bby\s+and\s+(?:between|among)\b|\bhereinafter\b|\bhereto\b|\bhereunder\b)",
    re.M,
)
_OPERATIVE_LEAD_IN = re.compile(r"^\s*NOW,?\s+THEREFORE\b|\bagree as follows\s*:?\s*$", re.I)
_RECITAL_PREFIX = re.compile(r"^\s*(?:\(?[A-Za-z0-9]{1,3}[.)]\s*)?(?:WHEREAS|Whereas)\s*[,:]?\s*", re.M)


# ------------------------------------------------------------------------------- language and noise

# the commonest English function words, and those of the languages partners most often write goals in
# instead (German, French, Spanish, Italian, Dutch, Portuguese; words English also uses left out)
_ENGLISH_WORDS = frozenset(
    "the a an of to and or in on for with by at from as is are be our we us their its this that these those "
    "will shall should must can want wants need needs more less all each every into than not no per".split()
)
_OTHER_WORDS = frozenset(
    "der die das den dem des und oder für auf mit von zu wir unser unsere ist sind nicht ein eine einen bei "
    "le la les un une des du et ou pour avec sur dans nous notre nos est sont pas au aux "
    "el los las y con por para en nuestro nuestra es son del al lo una "
    "il gli di da con per che è sono nostro "
    "het een en van voor met op wij onze niet "
    "os as um uma em com para não nosso".split()
) - _ENGLISH_WORDS
NOT_ENGLISH_GOALS = (
    "{n} of {total} goals do not look English: the sentence embedder is English-only, so their matches, "
    "conflicts and clusters are not reliable (translate them first)"
)
NO_RECITAL_GOALS = (
    "the text reads as an agreement, but no recital or purpose clause states a goal (its operative clauses are "
    "obligations, not goals): give the parties' goals as minutes or a goal list to align them"
)
NOT_ENGLISH_TEXT = "the text does not look English: goals and decisions are read by English-only rules and models (translate it first)"
_NOISE_TAG = re.compile(r"<(?:[a-z_]{2,30}/|/?(?:another_language|aside))>")  # a transcript's "<unintelligible/>"


def not_english(texts: list[str]) -> int:
    """How many texts read as another language: more of their words are common function words of
    German, French, Spanish, Italian, Dutch or Portuguese (or accented letters, half a word each)
    than common English ones. A text with neither ("Cut grid costs") counts as English."""
    foreign = 0
    for t in texts:
        words = re.findall(r"[^\W\d_]+", t.lower())
        en = sum(w in _ENGLISH_WORDS for w in words)
        other = sum(w in _OTHER_WORDS for w in words) + len(re.findall(r"[äöüßéèêàçñòùâîôûœ]", t.lower())) / 2
        foreign += other > en
    return foreign


def topical(goal: Goal) -> str:
    """A goal's text with the issue it is about, where it has one: "Revenue split: 70/30"."""
    return f"{goal.topic}: {goal.text}" if goal.topic else goal.text


def without_noise(text: str) -> str:
    """A goal's words without a transcript's noise tags ("<laugh/>", "<unintelligible/>")."""
    return " ".join(_NOISE_TAG.sub(" ", text).split()) or text


@dataclass(slots=True)
class GoalSet:
    """Goals found in one document, plus the minutes decisions the draft check also needs."""

    goals: list[Goal]
    decisions: list[MinutesItem] = field(default_factory=list)
    origin: str = "goals"  # goals | minutes | agreement
    warnings: list[str] = field(default_factory=list)
    # ids of the goals that are sides of an open disagreement: wanted, not agreed (no draft item)
    positions: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------- JSON / YAML


class DuplicateKey(ValueError):
    def __init__(self, key: object) -> None:
        super().__init__(key)
        self.key = key


def unique_pairs(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object hook that refuses a key given twice (json keeps the last one in silence)."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.safe_load`` that refuses a mapping key given twice instead of keeping the last."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen: set = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    if key in seen:
                        raise DuplicateKey(key)
                    seen.add(key)
                except TypeError:  # an unhashable key: the base class reports it
                    pass
        return super().construct_mapping(node, deep=deep)


def _duplicate(doc: Document, exc: DuplicateKey) -> InvalidDocument:
    return InvalidDocument(f"{doc.name}: the key {str(exc.key)[:100]!r} is given twice; give each party once, with all its goals")


def _parse_structured(doc: Document) -> object | None:
    """The decoded JSON/YAML object, or None when the text is not structured goal input."""
    text = doc.text.strip()
    if not text:
        return None
    yaml_like = doc.media_type == "application/yaml" or re.match(r"^parties\s*:", text)
    if (text[0] in "{[" or yaml_like) and len(text) > _MAX_STRUCTURED_CHARS:
        raise InvalidDocument(f"{doc.name}: goal list larger than {_MAX_STRUCTURED_CHARS} characters")
    if text[0] in "{[":
        try:
            return json.loads(text, object_pairs_hook=unique_pairs)
        except DuplicateKey as exc:
            raise _duplicate(doc, exc) from None
        except RecursionError:
            raise InvalidDocument(f"{doc.name}: JSON nested too deeply") from None
        except json.JSONDecodeError as exc:
            if doc.media_type == "application/json":
                raise InvalidDocument(
                    f"{doc.name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
                ) from None
            return None
    if yaml_like:
        try:
            # safe_load builds no Python objects; aliases share nodes, and sizes are capped below
            return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
        except DuplicateKey as exc:
            raise _duplicate(doc, exc) from None
        except RecursionError:
            raise InvalidDocument(f"{doc.name}: YAML nested too deeply") from None
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            at = f" (line {where.line + 1})" if where is not None else ""
            raise InvalidDocument(f"{doc.name}: not valid YAML{at}") from None
    return None


def _party_lists(obj: object, name: str) -> list[tuple[str, list[object], tuple]]:
    """(party, goals, path of the goals value in the document) for each party, in document order."""
    if not isinstance(obj, dict) or "parties" not in obj:
        raise InvalidDocument(
            f'{name}: expected an object {{"parties": {{"Name": ["goal", …]}}}} with a "parties" key'
        )
    parties = obj["parties"]
    if isinstance(parties, dict):
        return [(k, v, ("parties", k)) for k, v in parties.items()]
    if isinstance(parties, list):  # also accept [{"name": …, "goals": […]}]
        out = []
        for i, p in enumerate(parties):
            if not isinstance(p, dict) or "name" not in p or "goals" not in p:
                raise InvalidDocument(f'{name}: parties[{i}] needs "name" and "goals"')
            out.append((p["name"], p["goals"], ("parties", i, "goals")))
        return out
    raise InvalidDocument(f'{name}: "parties" must map each party name to a list of goals')


def repeated_party(names) -> str | None:
    """The message for a party listed twice ("A" and "A " fold to one: their goals would merge), or None."""
    seen: dict[str, str] = {}  # a party's name with spaces and case folded → as first written
    for raw in names:
        folded = " ".join(raw.split()).casefold()
        if folded in seen:
            return f"the party {seen[folded][:100]!r} is listed twice (also as {raw[:100]!r}); give each party once, with all its goals"
        seen[folded] = raw
    return None


# a JSON token: a string (escapes kept), a structural character, or a bare literal (number, true, null)
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def json_string_spans(text: str) -> dict[tuple, tuple[int, int]]:
    """{path: (start, end)} of every string value in valid JSON ``text``, the span inside the
    quotes as written (escapes such as ``\\u00e4`` or ``\\"`` left as they are). A path is the keys
    and array indices down to the value: ``("parties", "Acme", 0)``. Keys have no entry."""
    spans: dict[tuple, tuple[int, int]] = {}
    stack: list[list] = []  # [is_object, current key or index, expecting a key]
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok == "{":
            stack.append([True, None, True])
        elif tok == "[":
            stack.append([False, 0, False])
        elif tok in "}]":
            if stack:
                stack.pop()
        elif tok == ":":
            if stack:
                stack[-1][2] = False
        elif tok == ",":
            if stack and stack[-1][0]:
                stack[-1][2] = True
            elif stack:
                stack[-1][1] += 1
        elif tok[0] == '"':
            if stack and stack[-1][0] and stack[-1][2]:
                stack[-1][1] = json.loads(tok)  # a key: the path of the value that follows
            else:
                spans[tuple(f[1] for f in stack)] = (m.start() + 1, m.end() - 1)
    return spans


def _yaml_node(root: yaml.Node, path: tuple) -> yaml.Node | None:
    """The node at ``path`` (keys compared as written, indices into sequences), or None."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            hits = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)]
            if len(hits) != 1:
                return None
            node = hits[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return None
    return node


def _goal_spans(doc: Document) -> tuple[str, object]:
    """How goals are located in ``doc.text``: ("json", spans), ("yaml", root node) or ("", None)."""
    text = doc.text
    lead = len(text) - len(text.lstrip())
    if text[lead : lead + 1] in ("{", "["):
        return "json", json_string_spans(text)
    try:
        return "yaml", (yaml.compose(text[lead:], Loader=yaml.SafeLoader), lead)
    except (yaml.YAMLError, RecursionError):
        return "", None


def _span_of(where: tuple[str, object], path: tuple, value: str, text: str) -> tuple[int, int] | None:
    """The span of the goal string ``value`` at ``path``: inside the quotes of the string as
    written (JSON, quoted YAML) or the plain YAML scalar, without spaces at its edges; None where
    the written string is not found or does not read as ``value``."""
    kind, found = where
    if kind == "json":
        span = found.get(path)  # type: ignore[union-attr]
        if span is None or json.loads(f'"{text[span[0] : span[1]]}"') != value:
            return None
    elif kind == "yaml":
        root, lead = found  # type: ignore[misc]
        node = _yaml_node(root, path) if root is not None else None
        if not isinstance(node, yaml.ScalarNode) or node.value != value:
            return None
        a, b = node.start_mark.index + lead, node.end_mark.index + lead
        if node.style in ("'", '"'):
            a, b = a + 1, b - 1
        elif node.style in ("|", ">"):
            return None  # a block scalar: its indicator and indentation are no part of the goal
        span = (a, b)
    else:
        return None
    a, b = span
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    return a, b


def goals_from_structured(doc: Document, obj: object) -> GoalSet:
    """Validated goals from a decoded ``{"parties": {...}}`` object.

    A goal's ``text`` is its string decoded, with runs of spaces folded; its offsets are those of
    the string as written in the document: inside the quotes of the JSON string (escapes such as
    ``\\u00e4`` or ``\\"`` as written, so ``doc.text[start:end]`` may differ from ``text``), or the
    YAML scalar (a block scalar, ``|`` or ``>``, gets none). Each goal is found at its place in the
    document (its party's list, its index), never by searching for its words."""
    lim = settings()["limits"]
    entries = _party_lists(obj, doc.name)
    if not entries:
        raise InvalidDocument(f"{doc.name}: no parties listed")
    if len(entries) > lim["max_parties"]:
        raise InvalidDocument(f"{doc.name}: {len(entries)} parties; at most {lim['max_parties']} are accepted")
    if any(not isinstance(p, (str, int, float)) or isinstance(p, bool) for p, _, _ in entries):
        raise InvalidDocument(f"{doc.name}: party names must be text")
    if repeated := repeated_party(str(p) for p, _, _ in entries):
        raise InvalidDocument(f"{doc.name}: {repeated}")
    where = _goal_spans(doc)
    goals: list[Goal] = []
    for party, items, path in entries:
        party = str(party).strip()
        if not party or len(party) > lim["max_party_name_chars"]:
            raise InvalidDocument(f"{doc.name}: a party name is empty or longer than {lim['max_party_name_chars']} characters")
        paths: list[tuple] = [path + (j,) for j in range(len(items))] if isinstance(items, list) else []
        if isinstance(items, str):
            items, paths = [items], [path]
        if not isinstance(items, list):
            raise InvalidDocument(f"{doc.name}: goals of {party!r} must be a list of strings")
        if len(items) > lim["max_goals_per_party"]:
            raise InvalidDocument(
                f"{doc.name}: {party!r} lists {len(items)} goals; at most {lim['max_goals_per_party']} are accepted"
            )
        for j, g in enumerate(items):
            gpath = paths[j]
            if isinstance(g, dict) and isinstance(g.get("text"), str):
                g, gpath = g["text"], gpath + ("text",)
            if not isinstance(g, str):
                raise InvalidDocument(f"{doc.name}: goal {j + 1} of {party!r} is not a string")
            text = " ".join(g.split())
            if not text:
                continue
            if len(text) > lim["max_goal_chars"]:
                raise InvalidDocument(
                    f"{doc.name}: goal {j + 1} of {party!r} is longer than {lim['max_goal_chars']} characters"
                )
            span = _span_of(where, gpath, g, doc.text)
            goals.append(
                Goal(
                    id=f"g{len(goals) + 1}",
                    party=party,
                    text=text,
                    start=span[0] if span else None,
                    end=span[1] if span else None,
                )
            )
            if len(goals) > lim["max_goals"]:
                raise InvalidDocument(f"{doc.name}: more than {lim['max_goals']} goals in total")
    if not goals:
        raise InvalidDocument(f"{doc.name}: no goals listed for any party")
    return GoalSet(goals=goals, origin="goals")


# ------------------------------------------------------------------------------- minutes


_GENERIC_NAME_WORDS = frozenset(
    "the of and for inc inc. ltd ltd. llc plc corp corp. co co. company corporation group holdings gmbh ag sa s.a. bv nv limited".split()
)


# words that open many organisations' names but are ordinary English words too: "General terms of the
# contract…" names no "General Robotics", "United action on pricing…" no "United Freight"; such a word
# is never a short name of its organisation (its full name still is)
_COMMON_NAME_WORDS = frozenset(
    "general united first global new national international american british european royal standard universal "
    "central southern northern western eastern north south east west pacific atlantic advanced applied allied "
    "associated consolidated integrated digital smart green blue red black white golden silver prime premier open "
    "future modern great big best better super total pure true next common public federal state city metro mutual "
    "joint local regional world continental capital home old free clear bright core key main major independent "
    "special strategic creative quality precision dynamic active summit union trans inter bank second third".split()
)


# a salutation or title before a person's name: no short name of them ("Mr. Chair, …" is said to the chair,
# not by "Mr. Bruce Stanton"; a speaker of no organisation is a party of their own, named as the label reads)
_HONORIFICS = frozenset("mr mrs ms miss mx dr prof professor sir dame madam mme hon rev lord lady".split())


def _name_words(org: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[A-Za-z][A-Za-z&'-]+", org)
        if w.lower() not in _GENERIC_NAME_WORDS and w.lower() not in _HONORIFICS and w[0].isupper()
    ]


def _short_names(org: str) -> list[str]:
    """The words of ``org`` that name it on their own ("Robotics", "Kestrel"), ordinary words such
    as "General" or "United" left out."""
    return [w for w in _name_words(org) if w.lower() not in _COMMON_NAME_WORDS]


def attribute_party(text: str, party: str | None, speaker: str | None, orgs: dict[str, str | None]) -> str:
    """The party a minutes goal belongs to.

    In order: the organisation the text opens with as its subject ("Southgate wants…", also when
    a facilitator says it; by its full name or a word of it that is no ordinary word: "General
    terms of the contract…" names no "General Robotics"); the minutes stage's ``party`` (expanded to a full organisation name when it is a
    short form of one, "Kestrel" → "Kestrel Drive Systems"); the speaker's organisation; the
    organisation the text names first ("The Institute wants…" → "Northgate Institute"); the
    speaker; else "All parties". ``orgs`` maps attendee names to organisations.
    """
    organisations = list(dict.fromkeys(o for o in orgs.values() if o))
    subject = subject_party(text, [(o, [o, *_short_names(o)[:1]]) for o in organisations])
    if subject is not None:
        return subject  # "Southgate wants…" said by the facilitator is Southgate's goal
    if party:
        for org in organisations:
            if party == org or party in _name_words(org) or org.startswith(party + " "):
                return org
        return party
    if speaker and orgs.get(speaker):
        return orgs[speaker]  # type: ignore[return-value]
    first, where = None, len(text) + 1
    for org in organisations:
        for w in [org, *_short_names(org)]:
            m = re.search(rf"\b{re.escape(w)}\b", text)
            if m and m.start() < where:
                first, where = org, m.start()
    return first or speaker or ALL_PARTIES


# a clause that states a position: "we want…", "our priority is…" (a party's "Beta wants…" is
# found with the party's names); a line may hold two ("Beta wants a bigger share, we want 5%")
_WANT_VERB = r"(?:wants?|needs?|would like|'d like|wish(?:es)?|aims?|seeks?|insists?|prefers?|intends?|expects?|requires?)"
_OWN_POSITION = re.compile(
    rf"(?:we|i)\s+(?:really\s+|also\s+|still\s+|only\s+|just\s+)?{_WANT_VERB}\b"
    r"|our\s+(?:main\s+|key\s+|top\s+|own\s+)?(?:goal|aim|priority|position|objective|interest)s?\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"\s*[,;]\s+(?:(?:and|but|while|whereas|yet)\s+)?")


def _states_position(clause: str, parties: list[tuple[str, list[str]]]) -> bool:
    """Whether ``clause`` opens with somebody's position: "we want…", "our goal…", "Beta Labs wants…"."""
    if _OWN_POSITION.match(clause):
        return True
    names = _alias_pattern([a for _, aliases in parties for a in aliases])
    return bool(names) and bool(re.match(rf"(?:[Tt]he\s+)?(?:{names})(?:\s+(?:also|still|really|only))?\s+{_WANT_VERB}\b", clause))


def position_clauses(text: str, parties: list[tuple[str, list[str]]]) -> list[tuple[int, int]]:
    """The clauses of ``text`` that state positions, as (start, end) in ``text``, where it holds
    more than one ("Beta Labs wants a bigger share of royalties, we want to keep royalties at 5%"
    → two); else the whole text. A clause starts after a comma or semicolon (and an optional
    "and", "but", "while", "whereas")."""
    if not _states_position(text.lstrip(), parties):
        return [(0, len(text))]
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        if _states_position(text[m.end() :], parties):
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return spans


def goals_from_minutes(doc: Document, limits: Limits | None = None) -> GoalSet:
    """Goal items (attributed to a party) and decisions of the minutes stage, plus the positions
    its open disagreements state (:func:`disagreement_positions`). An item that states the positions
    of two parties ("Beta Labs wants a bigger share, we want to keep royalties at 5%", said by Acme)
    gives a goal for each.

    A party is an organisation where the minutes give the speaker's (the attendee list, or what the
    speakers say: :func:`speaker_organisations`), so two people of one organisation are one party;
    a speaker of no known organisation is a party of their own, and a warning names them."""
    from ..structure.minutes import extract_minutes, find_utterances, speaker_label

    report = extract_minutes(doc, limits)
    orgs = {a.name: a.organization for a in report.meeting.attendees}
    warnings = list(report.warnings)
    utterances = find_utterances(doc) if any(i.speaker for i in report.items) else []
    inferred = speaker_organisations(utterances, orgs)
    if inferred:
        orgs.update(inferred)
        by_org: dict[str, list[str]] = {}
        for who, org in inferred.items():
            by_org.setdefault(org, []).append(who)
        said = "; ".join(f"{', '.join(who)} → {org}" for org, who in by_org.items())
        warnings.append(f"organisations read from what the speakers say (check them): {said}")
    organisations = [o for o in orgs.values() if o]
    parties = [(o, [o, *_short_names(o)[:1]]) for o in dict.fromkeys(organisations)]
    goals: list[Goal] = []
    for item in report.items:
        if item.kind != "goal":
            continue
        text, start = item.text, item.start
        speaker = item.speaker
        # the minutes stage names a speaker of no known organisation as the party: the organisation
        # read from the transcript is the better party
        item_party = None if speaker and item.party == speaker and orgs.get(speaker) else item.party
        # "Tom (MIL Ltd): We want…" left in the text of written minutes: the label is not the goal,
        # its organisation ("MIL", as the attendee list spells it) is the party; "Priority (high): …"
        # or "Budget (revised): …" is a topic label, no speaker
        label = None if item.speaker else speaker_label(text, organisations)
        labelled = None
        if label and (label[1] or label[0] in orgs):
            text, start = text[label[2] :], start + label[2]
            labelled, speaker = label[1], label[0]
        found = []
        for a, b in position_clauses(text, parties):
            clause = text[a:b]
            party = labelled if labelled and _OWN_POSITION.match(clause) else attribute_party(clause, item_party, speaker, orgs)
            found.append((party, a, b))
        if len({p for p, _, _ in found}) < 2:  # one party's position, however many clauses: one goal
            party = labelled or attribute_party(text, item_party, speaker, orgs)
            found = [(party, 0, len(text))]
        for party, a, b in found:
            end = item.end if b == len(text) else start + b
            goals.append(Goal(id=f"g{len(goals) + 1}", party=party, text=" ".join(text[a:b].split()), start=start + a, end=end))
    positions = _positions(report.items, goals, orgs, len(goals))
    goals += positions
    people = sorted({g.party for g in goals if g.party in orgs and not orgs[g.party] and g.party not in organisations})
    if people and len({g.party for g in goals}) > 1:
        warnings.append(
            f"no organisation known for {', '.join(people[:5])}{' …' if len(people) > 5 else ''}: each is a party of their own (name the organisation "
            "in the attendee list, \"Name (Organisation)\", to count the people of one organisation as one party)"
        )
    decisions = [i for i in report.items if i.kind == "decision"]
    return GoalSet(goals=goals, decisions=decisions, origin="minutes", warnings=warnings, positions=[g.id for g in positions])


def _positions(items: list[MinutesItem], goals: list[Goal], orgs: dict[str, str | None], n: int) -> list[Goal]:
    """Goals for the positions of the open disagreements that name their party, except those a
    goal of the same party already holds (a turn read both as a goal and as a disagreement)."""
    organisations = list(dict.fromkeys(o for o in orgs.values() if o))
    parties = [(o, party_aliases(o)) for o in organisations]
    out: list[Goal] = []
    for item in items:
        if item.kind != "disagreement":
            continue
        if item.speaker and all(e.rule == "open_issue" for e in item.explanation):
            continue  # "Then we do not have an agreement on the split": says an issue is open, states no side
        for party, text, a, b, topic in disagreement_positions(item, parties, orgs, orgs.get(item.speaker or "")):
            if any(g.party == party and g.start is not None and g.start < b and a < (g.end or g.start) for g in [*goals, *out]):
                continue
            out.append(Goal(id=f"g{n + len(out) + 1}", party=party, text=text, start=a, end=b, topic=topic))
    return out


# ------------------------------------------------------------------------------- speakers' organisations

# A transcript often has no attendee list: who speaks for whom is in what they say. "For Kestrel, our
# priority…", "Can I add one point for Halvorsen?", "we at Acme…" name the speaker's own side (2 votes
# each); "Katrin, what is Halvorsen's priority?" names the side of the person asked (2 votes); "Yes,
# Halvorsen agrees", "Kestrel keeps its position" (a side that accepts, objects or holds a position in
# its own name, 1 vote each). A chair who reports "Acme wants…" casts no vote: wanting is reported
# speech as often as it is one's own.
# "Institute of Physics" is one name (not "Institute", a word of another organisation's)
_ORG_WORDS = r"[A-Z][\w&\-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w&\-]*){0,3}"
_SPEAKS_FOR = (
    re.compile(
        rf"^(?:For|At|From|Here at|On behalf of|Speaking for)\s+(?:the\s+)?(?P<org>{_ORG_WORDS}),\s+"
        r"(?:our|we|my|I|the\s+(?:main\s+)?(?:goal|priority|aim|position|objective|interest|need|view))\b"
    ),
    re.compile(  # "Can I add one point for Halvorsen?" (not "a question for the Minister": asking is no speaking for)
        r"\b(?:I|we)\b[^.?!]{0,120}?\b(?:add|make|raise|say)\s+(?:one|a|another|two|a few|some)\s+(?:more\s+|quick\s+)?"
        rf"(?:point|word|thing|remark|comment)s?\s+(?:for|on behalf of)\s+(?:the\s+)?(?P<org>{_ORG_WORDS})"
    ),
    re.compile(  # "We at Acme…", "I'm speaking on behalf of Beta" (not "is Deloitte able to speak on behalf of PSPC?")
        r"^(?:[\w']+\s*,\s*)?(?:I|we|I'm|I am|we're|we are)\b[^.?!]{0,120}?\b(?:on behalf of|speak(?:ing)? for)\s+(?:the\s+)?"
        rf"(?P<org>{_ORG_WORDS})[^?]*$"
    ),
    re.compile(rf"\b(?:[Ww]e at|[Uu]s at|[Hh]ere at)\s+(?:the\s+)?(?P<org>{_ORG_WORDS})"),
)
_OWN_STANCE = (
    r"(?:agrees|accepts|can accept|cannot accept|can't accept|can not accept|will not accept|won't accept|"
    r"is fine with|is happy with|can live with|could live with|keeps its position|holds its position|"
    r"maintains its position|objects|insists|supports|would rather|rejects)"
)
_NOT_ORGS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december today tomorrow now example instance starters once me us him her them "
    "everyone everybody all you i we the this that".split()
)
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
_LONGEST_SENTENCE = 2_000
# "I can't speak for the Welsh Government", "not speaking on behalf of Deloitte": no side of the speaker's
_DISOWNED = re.compile(r"\b(?:not|never|cannot|no longer)\b|n[’']t\b", re.I)
_PAST = re.compile(r"\bused to\b|\bformerly\b|\bwhen I was\b|\bI (?:studied|worked|was)\b", re.I)
# "Katrin, what is Halvorsen's priority?": the person asked speaks for the organisation
_ASKED = re.compile(
    r"^(?P<name>[A-Z][a-z]+)\s*,\s+(?:what|how|where|which)\s+(?:is|are|was|were)\s+(?:the\s+)?"
    rf"(?P<org>{_ORG_WORDS})['’]s\s+(?:main\s+|key\s+|top\s+|own\s+)?"
    r"(?:priority|priorities|position|goal|goals|aim|aims|view|interest|interests|proposal|objective|objectives|need|needs)\b"
)


def _org_candidate(name: str) -> str | None:
    name = re.sub(r"(?:\s+(?:I|We|My|Our))+$", "", name.strip())  # "We at Boeing I used…"
    first = name.split()[0].lower() if name else ""
    if not name or first in _NOT_ORGS or re.fullmatch(r"Q[1-4]|H[12]|\d.*", name):
        return None
    return name


def speaker_organisations(utterances, orgs: dict[str, str | None]) -> dict[str, str]:
    """Organisations of the speakers ``orgs`` leaves without one, read from what is said.

    ``utterances``: objects with ``speaker`` and ``text`` in order; ``orgs``: speaker → known
    organisation (None where unknown). A speaker gets the organisation with the most votes (see
    above) when it has two or more and at least twice the votes of any other; a short name that is a
    word of a known organisation is that organisation ("Kestrel" → "Kestrel Drive Systems").
    """
    speakers = list(dict.fromkeys(u.speaker for u in utterances if u.speaker))
    known = list(dict.fromkeys(o for o in orgs.values() if o))

    def canonical(name: str) -> str:
        for org in known:
            if name == org or name in _name_words(org) or org.startswith(name + " "):
                return org
        return name

    candidates = set(known)
    votes: dict[str, dict[str, int]] = {}

    def vote(speaker: str, org: str, n: int) -> None:
        per = votes.setdefault(speaker, {})
        per[canonical(org)] = per.get(canonical(org), 0) + n

    people = {w for p in speakers for w in (p, *p.split())}
    said = " ".join(u.text for u in utterances)

    def org_named(name: str) -> str | None:
        """``name`` where it may be an organisation: no speaker's name, and an organisation the
        attendee list knows or one the text names at least twice ("For Google, we built…" said
        once of a customer is no side; nor "For Christmas", "At Stanford, I studied")."""
        org = _org_candidate(name)
        if org is None or org in people or any(w in people for w in org.split()):
            return None
        if canonical(org) in known:
            return org
        return org if len(re.findall(rf"\b{re.escape(org)}\b", said)) >= 2 else None

    for u in utterances:
        for sentence in _SENTENCE.findall(u.text):
            s = sentence.strip()
            if len(s) > _LONGEST_SENTENCE:
                continue  # a long unpunctuated turn (a transcript without full stops) names no side in one sentence
            for rx in _SPEAKS_FOR:
                if (
                    u.speaker
                    and (m := rx.search(s))
                    and not _DISOWNED.search(s[: m.start("org")])
                    and not _PAST.search(s)
                    and (org := org_named(m.group("org")))
                ):
                    candidates.add(canonical(org))
                    vote(u.speaker, org, 2)
                    break
            if (m := _ASKED.match(s)) and (org := org_named(m.group("org"))):
                who = [p for p in speakers if p != u.speaker and p.split()[0] == m.group("name")]
                if len(who) == 1:
                    candidates.add(canonical(org))
                    vote(who[0], org, 2)
    owner = {a.lower(): c for c in candidates for a in party_aliases(c)}
    if not owner:
        return {}
    stance = re.compile(
        rf"^(?:(?:yes|no|so|well|ok(?:ay)?|then|and|but|fine|good)\s*,?\s+)?(?:the\s+)?(?P<org>{_alias_pattern(list(owner))})\s+"
        rf"(?:also\s+|still\s+|really\s+|only\s+)?{_OWN_STANCE}\b",
        re.I,
    )
    for u in utterances:
        for sentence in _SENTENCE.findall(u.text):
            s = sentence.strip()
            mentioned = {c for a, c in owner.items() if re.search(rf"\b{re.escape(a)}\b", s, re.I)}
            if u.speaker and not s.endswith("?") and (m := stance.match(s)) and len(mentioned) <= 1:
                vote(u.speaker, owner[m.group("org").lower()], 1)
    out = {}
    for speaker, per in votes.items():
        if orgs.get(speaker):
            continue
        ranked = sorted(per.items(), key=lambda kv: -kv[1])
        best, n = ranked[0]
        if n >= 2 and (len(ranked) == 1 or n >= 2 * ranked[1][1]):
            out[speaker] = best
    return out


def party_aliases(org: str) -> list[str]:
    """How a text names ``org``: in full, by its first distinctive word ("Kestrel" for "Kestrel Drive
    Systems"), or by another distinctive word after "the" ("the Institute" for "Northgate Institute")."""
    short = _short_names(org)
    return list(dict.fromkeys([org, *short[:1], *(f"{t} {w}" for w in short[1:] for t in ("the", "The"))]))


# ------------------------------------------------------------------------------- positions in disagreements

# a side of an open issue: "Halvorsen wants the Institute to increase output; the Institute wants to
# reduce it", "exclusive (Kestrel) versus open, non-exclusive licensing (Institute)"; "the 2028 vs. 2029
# timelines" compares two numbers, no sides
_SIDE_BREAK = re.compile(
    r"\s*;\s*|(?<!\d)\s+(?:versus|vs\.?|v\.)\s+|\s+(?:versus|vs\.?|v\.)\s+(?!\d)|,?\s+(?:while|whereas)\s+", re.I
)
_TOPIC_LABEL = re.compile(r"^(?P<topic>[^:;.?!]{2,60}?)\s*:\s+(?=\S)")
_PAREN_PARTY = re.compile(r"\s*\((?P<p>[^()]{2,60})\)")
# "Maria Lopez noted that Kestrel objects": the side is Kestrel's, not the reporter's
_REPORTED = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?\s+"
    r"(?:noted|said|reported|stated|mentioned|explained|added|remarked|pointed out|confirmed)\s+that\s+"
)
# what a party's name must be followed by for a side to say something: a want or a stance
_SIDE_VERB = re.compile(
    rf"\s*(?:also\s+|still\s+|really\s+|only\s+)?(?:{_WANT_VERB}|wanted|preferred|asked\s+for|would\b|will\b|"
    r"can(?:not|'t|’t)?\b|could\b|propos\w*|suggest\w*|offer\w*|demand\w*|favou?r\w*|oppos\w*|backs?\b|backed\b|"
    r"accept\w*|refus\w*|argu\w*|insist\w*|object\w*|reject\w*|support\w*|agree\w*|holds?\b|keeps?\b|maintains?\b|"
    r"is\s+(?:fine|happy|against|for|open)\b)",
    re.I,
)
_ASKED_WHETHER = re.compile(r"\basked\s+(?:whether|if|how|when|why|what)\b|\bwondered\b", re.I)
# a speaker's own position in a disagreement: "We would rather begin vehicle tests after June 2029",
# "we'd rather wait", "I'd prefer 50/50"
_POSITION = re.compile(
    rf"\b(?:we|i)(?:\s+(?:really\s+|also\s+|still\s+|only\s+|just\s+)?(?:{_WANT_VERB}|would rather|would prefer|"
    r"prefer|propose|insist|object|cannot accept|can't accept|can not accept|won't accept|will not accept|reject|"
    r"can only accept|could live with|can live with)|['’]d\s+(?:rather|prefer|like))\b"
    r"|\bour\s+(?:position|proposal|preference|view|priority|goal|aim|offer)\b",
    re.I,
)
# "I want to thank…", "I would like to tell the hon. member…": courtesy and procedure, no position
_COURTESY = re.compile(
    r"^\W*(?:(?:well|so|and|but|now|first|firstly|madam speaker|mr\.? speaker|chair)\s*,?\s+)?(?:I|we)\s+"
    r"(?:(?:really|also|just)\s+)?(?:want|wish|would like|['’]d like|need)\s+to\s+"
    r"(?:thank|take (?:this|the) opportunity|tell|say|remind|welcome|acknowledge|congratulate|begin|start|ask|"
    r"point out|mention|note|recognize|recognise|express|commend|join|associate|make (?:a|one|two) (?:point|comment)s?)\b",
    re.I,
)


def _lead_party(side: str, parties: list[tuple[str, list[str]]], people: dict[str, str | None]) -> tuple[str, int] | None:
    """The party ``side`` opens with, and where its name ends: the party by one of its names ("Halvorsen",
    "the Institute", "Institute"), or a person of a known organisation ("Dr. Lopez", "Tom")."""
    for org, aliases in parties:
        if m := re.match(rf"\s*(?:[Tt]he\s+)?(?:{_alias_pattern(aliases)})(?:['’]s)?\b", side):
            return org, m.end()
    lead = re.match(r"\s*(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?P<n>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)", side)
    if lead:
        name = lead.group("n")
        hits = {o for p, o in people.items() if o and (p == name or set(name.split()) <= set(p.split()))}
        if len(hits) == 1:
            return hits.pop(), lead.end()
    return None


def _bracket_party(inner: str, parties: list[tuple[str, list[str]]]) -> str | None:
    inner = inner.strip()
    for org, aliases in parties:
        if any(inner == a or inner == a.removeprefix("the ").removeprefix("The ") for a in aliases):
            return org
    return None


def _written_side(side: str, parties: list[tuple[str, list[str]]], people: dict[str, str | None]) -> tuple[str, int, int] | None:
    """A side of a written open issue as (party, start, end) in ``side``, or None where it states no
    position. The party is the one it opens with, when a want or a stance follows ("Halvorsen wants…",
    "Maria Lopez noted that Kestrel objects") or a value in brackets ("Halvorsen (70/30)"); else the
    party in brackets after a value ("exclusive (Kestrel)": the span ends before the bracket). A
    question ("Halvorsen asked whether…") or a party's bare name ("Halvorsen v. Kestrel") states none."""
    if side.rstrip().endswith("?") or _ASKED_WHETHER.search(side):
        return None
    start = 0
    if (reported := _REPORTED.match(side)) and _lead_party(side[reported.end() :], parties, {}):
        start = reported.end()
    body = side[start:]
    if lead := _lead_party(body, parties, people):
        party, at = lead
        rest = body[at:]
        value = re.match(r"\s*\((?P<v>[^()]{1,60})\)\s*$", rest)
        owned = body[:at].endswith(("'s", "’s")) and re.search(r"\w", rest)  # "the Institute's 50/50"
        if owned or _SIDE_VERB.match(rest) or (value and _bracket_party(value.group("v"), parties) is None):
            return party, start, len(side)
        return None
    for m in _PAREN_PARTY.finditer(body):
        party = _bracket_party(m.group("p"), parties)
        if party is None:
            continue
        value = _PAREN_PARTY.sub("", body[: m.start()]).strip(" ,")
        if not re.search(r"\w", value):
            return None
        end = start + (m.start() if not body[m.end() :].strip(" .,") else len(body))
        return party, start, end
    return None


def disagreement_positions(
    item: MinutesItem, parties: list[tuple[str, list[str]]], people: dict[str, str | None], speaker_org: str | None
) -> list[tuple[str, str, int, int, str | None]]:
    """The positions an open disagreement states, as (party, text, start, end, topic); start/end locate
    the position in the document.

    Said in a transcript (``speaker_org``: the speaker's organisation): the speaker's side, from the
    sentence that states it ("I don't think that's realistic. We would rather begin vehicle tests
    after June 2029" → "We would rather begin…"); nothing where no sentence states a position (a
    question, or courtesy: "I want to thank…") or the speaker's organisation is unknown. Written
    ("Revenue split: 70/30 (Halvorsen) versus 50/50 (Institute)"): one position per side that names
    its party and says something of its own (:func:`_written_side`), its text the side as written
    ("70/30") and the issue's label its topic ("Revenue split"), since "50/50" alone says nothing of
    what it is about. A party is also named by a distinctive word of its name ("Institute").
    """
    text, start = item.text, item.start
    if item.speaker:
        if not speaker_org:
            return []
        for m in _SENTENCE.finditer(text):
            sentence = m.group().strip()
            if sentence.endswith("?") or _COURTESY.match(sentence) or not _POSITION.search(sentence):
                continue
            a = m.start() + len(m.group()) - len(m.group().lstrip())
            return [(speaker_org, " ".join(text[a:].split()), start + a, item.end, None)]
        return []
    named = [(org, list(dict.fromkeys([*aliases, *_short_names(org)]))) for org, aliases in parties]
    topic = _TOPIC_LABEL.match(text)
    label = topic.group("topic").strip() if topic else None
    body_at = topic.end() if topic else 0
    out = []
    cut = [body_at, *(x for m in _SIDE_BREAK.finditer(text, body_at) for x in (m.start(), m.end())), len(text)]
    for a, b in zip(cut[::2], cut[1::2]):
        side = text[a:b].rstrip(" .")
        found = _written_side(side, named, people) if side.strip() else None
        if found is None:
            continue
        party, x, y = found
        while y > x and side[y - 1] in " \t,":
            y -= 1
        out.append((party, side[x:y], start + a + x, start + a + y, label))
    return out


# ------------------------------------------------------------------------------- agreement


# the line EDGAR adds to a filed exhibit: "Source: FUSE MEDICAL, INC., 10-K, 3/21/2019"
# its form type is capitals and digits ("8-K", "S-1/A", "10-K405", "SC 13D", "DRS (on F-1)"), never a word
# such as "Minutes" ("Source: Helix JSC, Minutes, 08/03/2027" heads minutes)
_EDGAR_SOURCE = re.compile(
    r"^[ \t]*Source:[ \t]+[^\n]{2,120},[ \t]*(?=[^,\n]{0,24}\d)[A-Z0-9]+(?:[ /-][A-Z0-9]+){0,3}(?:[ \t]\(on [A-Z0-9/-]+\))?"
    r",[ \t]*\d{1,2}/\d{1,2}/\d{4}[ \t]*$",
    re.M,
)


def looks_like_agreement(doc: Document) -> bool:
    """Whether ``doc`` reads as a contract: two of its set phrases, or an exhibit filed on EDGAR."""
    text = doc.text[:200_000]
    return len(_AGREEMENT_HINTS.findall(text)) >= 2 or bool(_EDGAR_SOURCE.search(text))


def own_text(clause: Clause, clauses: list[Clause]) -> tuple[str, int, int]:
    """A clause's text without its children: (text, start, end)."""
    first_child = min((c.start for c in clauses if c.parent == clause.id), default=clause.end)
    end = max(clause.start, min(first_child, clause.end))
    return clause.text[: end - clause.start], clause.start, end


def _alias_pattern(aliases: list[str]) -> str:
    return "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))


def subject_party(text: str, parties: list[tuple[str, list[str]]]) -> str | None:
    """The party a statement opens with as its subject ("MIL will contribute…", "The Institute
    wants…", "MIL/MINDA will…": the first of a pair written as one side), or None where it opens
    with something else or joins two parties with "and" (a joint statement). A phrase set off by
    commas is an apposition, not a second party: "Beta, Acme's long-standing supplier, wishes…" and
    "Beta, a German company, wishes…" are Beta's; so is "Acme's subsidiary Beta wishes…"."""
    found = subject_parties(text, parties)
    return found[0] if len(found) == 1 else None


def subject_parties(text: str, parties: list[tuple[str, list[str]]]) -> list[str]:
    """The parties a statement opens with as its subject: one (see :func:`subject_party`), or each
    party of a joint subject ("PDMS and Gateway desire…", "Acme, together with Beta, wishes…"); none
    where it opens with something else or with a party and a non-party ("Acme and its affiliates…").
    Where two parties' names both fit ("Kallo" and "Kallo Technologies Inc."), the longer is the one
    written."""

    def party_at(s: str) -> tuple[str, re.Match] | None:
        best = None
        for name, aliases in parties:
            m = re.match(rf"\s*(?:[Tt]he\s+)?(?:{_alias_pattern(aliases)})(?P<own>['’]s)?\b", s)
            if m and (best is None or m.end() > best[1].end()):
                best = (name, m)
        return best

    found: list[str] = []
    joined = False  # two parties joined by "and", "&" or a comma: a joint statement
    rest = text
    joiner = None  # what follows the last party found: "," or "and" (None: a slash, or nothing)
    while True:
        hit = party_at(rest)
        if hit is None or (joiner and hit[1].group("own")):
            break  # after "Beta," a possessive ("Acme's supplier") opens an apposition
        name, m = hit
        if not found and m.group("own"):
            # "Acme's subsidiary Beta wishes…": the party the possessive qualifies is the subject
            owned = re.match(r"(?:\s+[a-z][\w-]*){1,3}(?=\s)", rest[m.end() :])
            other = party_at(rest[m.end() + owned.end() :]) if owned else None
            if other and other[0] != name and not other[1].group("own"):
                return [other[0]]
        joined = joined or joiner is not None
        found.append(name)
        rest = rest[m.end() :]
        if defined := re.match(r"\s*\([^()]{1,80}\)", rest):
            rest = rest[defined.end() :]  # 'Cargill, Incorporated ("Cargill") and BioAmber…', "Gateway (Agent) desires…"
        joint = re.match(r"\s*(?:(?P<comma>,)|and\b|&)\s*", rest)
        joiner = ("," if joint.group("comma") else "and") if joint else None
        if joint:
            rest = rest[joint.end() :]
            continue
        slash = re.match(r"\s*/\s*", rest)
        if slash:
            rest = rest[slash.end() :]
            continue
        break
    if not found or joiner == "and":
        return []  # "Acme and its affiliates…": not one party's alone
    if joiner == "," and (together := re.match(r"(?:together|along|jointly)\s+with\b|with\b|as well as\b", rest, re.I)):
        # "Acme, together with Beta, wishes…": a joint statement
        other = party_at(rest[together.end() :])
        return list(dict.fromkeys([*found, other[0]])) if other and not other[1].group("own") else []
    if joined and len(set(found)) > 1:
        return list(dict.fromkeys(found))
    return found[:1]  # a comma after the last party opens an apposition ("Beta, a German company, …")


# "On March 1, 2011, SMBC entered into…", "With the consent of the Parties, AFSL has…": a phrase of time
# or circumstance before the subject (a comma before a year is part of a date, not its end)
_LEAD_PHRASE = re.compile(
    r"^\s*(?:on|as\s+of|prior\s+to|pursuant\s+to|in\s+connection\s+with|following|after|before|since|"
    r"subject\s+to|with|under|upon|by|in|at|through|effective|concurrently\s+with|simultaneously\s+with)\b"
    r"(?:[^,;:]|,\s*(?=\d))*?,\s+(?!\d)",
    re.I,
)


def _party_named(text: str, parties: list[tuple[str, list[str]]]) -> list[str]:
    """The parties a recital is about: its subject (one party, or each party of a joint subject
    that is not all of them: "PDMS and Gateway desire…" of three parties), also after a phrase of
    time or circumstance ("On March 1, 2011, SMBC entered into…"); else the only party it names;
    else all parties."""
    subject = subject_parties(text, parties)
    if not subject and (lead := _LEAD_PHRASE.match(text)):
        subject = subject_parties(text[lead.end() :], parties)
    if subject:
        return [ALL_PARTIES] if len(subject) > 1 and len(subject) == len(parties) else subject
    named = [name for name, aliases in parties if any(re.search(rf"\b{re.escape(a)}\b", text) for a in aliases)]
    return named if len(named) == 1 else [ALL_PARTIES]


def _lists_recitals(recital: Clause, clauses: list[Clause]) -> bool:
    """Whether a recital is a heading of recitals: "RECITALS" or "Background", or a bare "WHEREAS:"
    over "1. … 2. …" (not a recital with items of its own: "WHEREAS, Acme wishes: (1) …")."""
    if recital.heading:
        return True
    first = min((c.start for c in clauses if c.parent == recital.id and c.number), default=None)
    if first is None:
        return False
    lead = recital.text[: max(0, first - recital.start)]
    return len(_RECITAL_PREFIX.sub("", lead, count=1).strip(" \t\r\n.:-–—")) < 15


# recitals written inside a preamble: "WHEREAS, Acme wishes…", or "RECITALS A. …", "BACKGROUND: A. …",
# "WITNESSETH: WHEREAS …" (a heading word counts where a lettered item or "WHEREAS" follows it)
_INLINE_RECITALS = re.compile(
    r"\b(?:WHEREAS|Whereas)\b|\b(?:RECITALS?|Recitals?|BACKGROUND|Background|WITNESSETH|Witnesseth)\b[ \t]*[:.]?[\s_=-]*"
    r"(?=\(?[A-Z1][.)]\s|WHEREAS\b|Whereas\b)"
)
# where the recitals end: the operative lead-in ("NOW, THEREFORE", "In consideration of…"), else the
# sentence that says the parties agree ("AGREEMENT The Parties hereby agree as follows:")
_RECITALS_END = re.compile(r"\bNOW,?\s+THEREFORE\b|\bIN\s+CONSIDERATION\b|\bFor\s+good\s+and\s+valuable\b", re.I)
_AGREE_SENTENCE = re.compile(r"\bagrees?\s+(?:as\s+follows|to\s+the\s+following)\b", re.I)
# what opens a recital item: its label and "WHEREAS", either way round ("A. WHEREAS, …", "Whereas 1. As …")
_ITEM_START = re.compile(
    r"\s*(?:\(?(?:[A-Z]|\d{1,2})[.)]\s*)?(?:(?:WHEREAS|Whereas)\b\s*[,:]?\s*)?(?:\(?(?:[A-Z]|\d{1,2})[.)]\s+)?[\s.:-]*"
)
_ITEM_LABEL = re.compile(r"(?<![\w.&])\(?([A-Z]|\d{1,2})[.)]\s+(?=\S)")


def _recitals_end(text: str) -> int:
    """Where the recitals in ``text`` stop: before the operative lead-in or the sentence that says the parties agree."""
    end = len(text)
    if m := _RECITALS_END.search(text):
        end = m.start()
    if (m := _AGREE_SENTENCE.search(text, 0, end)) is not None:
        stop = max(text.rfind(". ", 0, m.start()), text.rfind(";", 0, m.start()), text.rfind("\n\n", 0, m.start()))
        end = stop + 1 if stop >= 0 else m.start()
    return end


def recital_items(text: str, parties: list[tuple[str, list[str]]]) -> list[tuple[int, int]]:
    """The recitals in ``text`` (recitals only, up to the lead-in): (start, end) of each, split at each
    "WHEREAS", at lettered or numbered items in order from "A." or "1." ("A. … B. … C. …"), and at a
    "; and" that opens a party's own statement ("…wishes to sell; and Gridiron wishes to buy…")."""
    end = _recitals_end(text)
    cuts = {0}
    cuts.update(m.start() for m in re.finditer(r"\b(?:WHEREAS|Whereas)\b", text[:end]))
    labels = list(_ITEM_LABEL.finditer(text[:end]))
    for first in ("A", "1"):
        want = first
        for m in labels:
            if m.group(1) == want:
                cuts.add(m.start())
                want = chr(ord(want) + 1) if want.isalpha() else str(int(want) + 1)
        if want != first and want not in ("B", "2"):  # two items or more
            break
        cuts -= {m.start() for m in labels if m.group(1) == first and m.start() > 0}
    for m in re.finditer(r";\s*and\s+", text[:end]):
        if subject_parties(text[m.end() : m.end() + 300], parties):
            cuts.add(m.end())
    spans: list[tuple[int, int]] = []
    bounds = sorted(c for c in cuts if c < end)
    for a, b in zip(bounds, [*bounds[1:], end]):
        if spans and len(text[spans[-1][0] : a].strip()) <= 4:  # "A. WHEREAS, …": a label and its "WHEREAS" are one item
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def goals_from_clauses(clauses: list[Clause], parties: list[tuple[str, list[str]]]) -> list[Goal]:
    """Recitals and purpose clauses as goals (``parties``: canonical name and its aliases)."""
    goals: list[Goal] = []
    by_id = {c.id: c for c in clauses}
    closed: set[str] = set()  # recitals headings whose items have ended
    for c in clauses:
        # "RECITALS  A. … B. …": the lettered items under a recitals heading are recitals too, up to the
        # first with a heading of its own ("2.0 Contract Reference") or the operative lead-in; an item
        # under one recital ("(1) …", or "A. Section 13.9 is amended…" after an unclosed "WHEREAS") is not
        heading = by_id.get(c.parent or "")
        listed = c.kind != "recital" and heading is not None and heading.kind == "recital" and _lists_recitals(heading, clauses)
        if listed and (c.heading or heading.id in closed):
            closed.add(heading.id)
            listed = False
        elif listed and _OPERATIVE_LEAD_IN.search(c.text[:300]):
            closed.add(heading.id)  # the last item: its recital, if any, is read up to the lead-in
        is_recital = c.kind == "recital" or listed
        is_purpose = bool(c.heading and _PURPOSE_HEADING.fullmatch(c.heading.strip()))
        body, start, end = own_text(c, clauses)
        if c.heading:
            hpos = body.casefold().find(c.heading.casefold())  # "BACKGROUND" under the heading "Background"
            if hpos >= 0:
                cut = hpos + len(c.heading)
                body, start = body[cut:], start + cut
        if not (is_recital or is_purpose or _PURPOSE_TEXT.match(body)):
            continue
        # a recital clause may hold several ("A. … B. …") and run into the lead-in ("… NOW, THEREFORE, the
        # parties agree as follows:"): one goal per recital, up to the lead-in
        items = recital_items(body, parties) if is_recital else [(0, len(body))]
        for a, b in items:
            item, at = body[a:b], start + a
            m = _RECITAL_PREFIX.match(item)
            if m:
                item, at = item[m.end() :], at + m.end()
            elif c.number and a == 0 and (label := re.match(rf"\s*{re.escape(c.number)}\s*", item)):
                item, at = item[label.end() :], at + label.end()  # "C. Skype is…": the recital's letter is no part of it
            elif is_recital and (label := _ITEM_START.match(item)):
                item, at = item[label.end() :], at + label.end()
            lead = len(item) - len(item.lstrip(" \t\r\n.:-–—"))
            text = " ".join(item[lead:].split())
            if is_recital and len(items) > 1:
                text = re.sub(r"[;,]?\s+and$", "", text.rstrip(" ;"))  # "…the Products; and"
            if len(text) < 15 or _OPERATIVE_LEAD_IN.search(text):
                continue
            item_end = end if b == len(body) else start + b
            for party in _party_named(text, parties):  # a recital two of three parties state is a goal of each
                goals.append(Goal(id=f"g{len(goals) + 1}", party=party, text=text[:2000], start=at + lead, end=item_end))
    inline = _inline_recitals(clauses, parties, [(g.start, g.end) for g in goals])
    if not inline:
        return goals
    goals = sorted([*goals, *inline], key=lambda g: g.start)  # stable: a joint recital's copies keep their order
    return [g.model_copy(update={"id": f"g{i}"}) for i, g in enumerate(goals, 1)]


def _inline_recitals(clauses: list[Clause], parties: list[tuple[str, list[str]]], taken: list[tuple[int, int]]) -> list[Goal]:
    """Recitals the clause tree leaves inside a preamble or a recital's own text ("…by and between Acme
    and Beta. WHEREAS, Acme wishes…", "RECITALS A. … B. … AGREEMENT The Parties agree as follows"),
    one goal per item (:func:`recital_items`), none where a goal already covers it (``taken``). They end
    at the lead-in, else before the first numbered section or item with a heading."""
    goals: list[Goal] = []
    for c in clauses:
        if not ((c.kind == "preamble" and c.parent is None) or c.kind == "recital"):
            continue
        m = _INLINE_RECITALS.search(c.text)
        if m is None:
            continue
        at = m.start() if m.group()[0] in "Ww" else m.end()
        stop = min(
            (x.start - c.start for x in clauses
             if c.start + at < x.start < c.end and (x.heading or (x.number and x.number[0].isdigit()))),
            default=len(c.text),
        )
        region = c.text[at:stop]
        for a, b in recital_items(region, parties):
            body = region[a:b]
            label = _ITEM_START.match(body)
            start = c.start + at + a + label.end()
            text = " ".join(body[label.end() :].split()).rstrip(" ;")
            text = re.sub(r"[;,]?\s+and$", "", text)  # "…the Products; and"
            end = c.start + at + b
            if len(text) < 15 or any(start < e and s0 < end for s0, e in taken):
                continue
            taken.append((start, end))
            for party in _party_named(text, parties):
                goals.append(Goal(id="g0", party=party, text=text[:2000], start=start, end=end))
    return goals


# a company's legal form: what ends its full name ("Acme, Inc.", "Aizu … Wafer Solution Limited")
_LEGAL_FORM = (
    r"(?:Inc|Incorporated|Corp|Corporation|Company|Co|LLC|L\.L\.C|Ltd|Limited|LP|L\.P|LLP|L\.L\.P|PLC|plc|GmbH|AG|"
    r"S\.A\.S|S\.A|SA|SAS|N\.V|NV|B\.V|BV|Pty|S\.p\.A|SpA|S\.R\.L|S\.r\.l|AB|A/S|K\.K)"
)
_NAME_END = re.compile(rf",?\s+{_LEGAL_FORM}\.?$", re.I)


def _written(name: str, text: str) -> list[str]:
    """``name`` as ``text`` writes it, spaces and case aside ("SMBC NIKKO SECURITIES" → "SMBC Nikko
    Securities"): each form that opens with a capital, the name itself first."""
    words = name.split()
    if not words:
        return []
    rx = re.compile(r"(?<![\w&])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w&])", re.I)
    forms = [" ".join(m.group().split()) for m in rx.finditer(text[:300_000])]
    return list(dict.fromkeys([name, *(f for f in forms if f[0].isupper())]))[:4]


def _names_another(alias: str, name: str, text: str) -> bool:
    """Whether ``text`` uses ``alias``, a short form of the party ``name``, for something else: the
    alias another name is given ('Sumitomo Mitsui Banking Corporation ("SMBC")' where "SMBC" is the
    first word of the party "SMBC Nikko Securities Inc."), or the start of another company's full
    name ("Aizu Fujitsu Semiconductor Wafer Solution Limited", "Kallo Technologies Inc."). That name
    runs to its first legal form and never over "and" or a comma: the parties' listing "Zentrix Inc. and
    Borealis Corp." is two companies, not a third named "Zentrix…", and "Zentrix and Company" none."""
    own = " ".join(name.split()).casefold()
    for m in re.finditer(rf"\(\s*(?:the\s+)?[\"“]{re.escape(alias)}[\"”]", text[:300_000]):
        if own not in " ".join(text[max(0, m.start() - 250) : m.start()].split()).casefold():
            return True
    company = re.compile(
        rf"(?<![\w&])(?i:{re.escape(alias)})(?:\s+(?:(?!{_LEGAL_FORM}\b)[A-Z&][\w&'.-]*|of|de|du|der)){{1,6}}?,?\s+{_LEGAL_FORM}\b\.?"
    )
    base = _bare_name(own)
    for m in company.finditer(text[:300_000]):
        other = _bare_name(m.group())
        # "Acme Corporation" for "Acme Corp.", and "Bellicum Bellicum Pharmaceuticals, Inc." (a signature
        # line run into the name) are the party itself
        if other != base and not other.endswith(" " + base):
            return True
    return False


def _bare_name(name: str) -> str:
    """A company name without its legal forms, spaces and case folded: "Acme Co., Ltd." → "acme"."""
    name = " ".join(name.split()).casefold()
    while (bare := _NAME_END.sub("", name).strip(" ,")) != name:
        name = bare
    return name


def agreement_parties(parties, text: str) -> list[tuple[str, list[str]]]:
    """(name, names) for each party of an agreement, ``parties`` as the agreement stage finds them
    (``name`` and ``alias``). A party is named by its full name and its defined alias, as the text
    writes them ("KALLO" is also "Kallo"); by its name without the legal form ("Halvorsen Motorworks")
    and by its first word ("Halvorsen"; "PHL Variable" for "PHL Variable Insurance Company", defined as
    "PHLVIC", is common), unless that short form is also another party's name, a word of one, or the
    text's name for something else (:func:`_names_another`): a goal never goes to a party through
    another's name."""
    given: list[tuple[str, list[str]]] = []
    for p in parties:
        names = _written(p.name, text)
        if p.alias:
            names += _written(p.alias, text)  # "PPG Shanghai" written "PPG SHANGHAI", "KALLO" written "Kallo"
        given.append((p.name, list(dict.fromkeys(names))))
    out = []
    for (name, names), p in zip(given, parties):
        short = [_NAME_END.sub("", name).strip(" ,")]
        words = _name_words(name)
        if words and words[0].lower() not in _COMMON_NAME_WORDS:
            short.append(words[0])  # "Halvorsen" for "Halvorsen Motorworks AG", never "General" for "General Motors"
        others = [n for other, ns in given if other != name for n in ns]
        for s in dict.fromkeys(x for x in short if x and x.casefold() != name.casefold()):
            clash = any(
                s.casefold() == o.casefold() or re.search(rf"(?<![\w&]){re.escape(s)}(?![\w&])", o, re.I) for o in others
            )
            if not clash and not _names_another(s, name, text):
                names += [n for n in _written(s, text) if n not in names]
        out.append((name, names))
    return out


def goals_from_agreement(doc: Document) -> GoalSet:
    from ..structure.clauses import parse_agreement

    structure = parse_agreement(doc)
    goals = goals_from_clauses(structure.clauses, agreement_parties(structure.parties, doc.text))
    warnings = [] if goals else [NO_RECITAL_GOALS]
    return GoalSet(goals=goals, origin="agreement", warnings=warnings)


# ------------------------------------------------------------------------------- dispatch


def extract_goals(doc: Document, limits: Limits | None = None) -> GoalSet:
    """Goals from whichever source ``doc`` is: JSON/YAML goal list, agreement, or minutes (read
    within ``limits.max_meeting_chars``)."""
    obj = _parse_structured(doc)
    if obj is not None:
        return goals_from_structured(doc, obj)
    if doc.media_type == "application/yaml":
        raise InvalidDocument(f'{doc.name}: expected {{"parties": {{"Name": ["goal", …]}}}}')
    if looks_like_agreement(doc) and not reads_as_meeting(doc):
        # an agreement is never read as minutes: its "Source: ACME INC, 10-K, 5/1/2006" line (an EDGAR
        # filing's) or its "By: ___" signature lines are no speakers, its clauses no goals
        return goals_from_agreement(doc)
    return goals_from_minutes(doc, limits)


def reads_as_meeting(doc: Document) -> bool:
    """Whether ``doc`` has the shape of minutes or a transcript, whatever contract words it quotes
    ("under this Agreement", "attached hereto"): a JSON transcript, or a sign of a meeting that the
    analysis's ``not_an_agreement`` check reads (a meeting title, an "Attendees" or "Agenda" heading,
    lines that begin with a speaker). No CUAD agreement has one (0 of 407)."""
    from ..pipeline import meeting_signs

    if doc.media_type == "application/json":  # turns rendered as "Speaker: text" (a goal list was read before)
        return True
    return meeting_signs(doc) is not None
