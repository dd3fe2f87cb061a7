"""Minutes, notes and transcripts → ``coaltext.minutes.v1``.

Two readings of one document, chosen line by line:

- **minutes / notes**: section headings ("Present:", "Agenda", "Decisions", "Action items", "AOB",
  Markdown ``##``, Word headings) say what their entries are; entries are bullets, numbered lines,
  table rows or sentences (spaCy). Outside those sections, cue patterns (``conf/minutes.yaml``)
  find decisions, actions, disagreements and goals in running text.
- **transcripts**: ``Name: utterance`` lines (also ``(Name) utterance`` and timestamped lines; JSON
  transcripts arrive from ingest already rendered so). Every utterance is scored by the learned
  detectors (:mod:`.minutes_model`): decisions and action items (AMI, ELITR), disagreements and
  stated goals (AMI, ELITR, CaSiNo); explicit cues add items too. A disagreement carries the
  utterance it answers (``replies_to``).

Attendees come from attendee lists ("Name (Org)", "Name, Org", "Name from Org"), transcript
speakers, self-introductions ("I'm Ana from Acme"), sign-offs ("Minutes taken by …") and the names that head
each person's items in status notes ("- [PERSON3]" / "* Alice:" over nested bullets); an item's
``party`` is its speaker's organisation where known. Action items get an owner (a name before
"to/will", an "Owner:" column, "I'll" → the speaker, the sentence subject by spaCy, or the person
header it is nested under) and a due
date resolved against the meeting date (:mod:`.minutes_dates`).

Every item's ``start``/``end`` index ``doc.text`` and ``doc.text[start:end] == item.text``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from ..errors import InvalidDocument, ModelUnavailable, TooLarge
from ..ingest import Limits
from ..types import (
    AgendaItem,
    Attendee,
    Document,
    Explanation,
    Meeting,
    MinutesItem,
    MinutesReport,
    Reply,
    source_of,
)
from .dates import MONTHS
from .minutes_dates import WEEKDAYS, find_dates, parse_date, resolve_due
from .parties import party_key

__all__ = ["extract_minutes", "load_config", "find_utterances", "Utterance"]

KIND_PREFIX = {"decision": "dec", "action": "act", "goal": "goal", "disagreement": "dis"}
SECTION_KIND = {"decisions": "decision", "actions": "action", "disagreements": "disagreement", "goals": "goal"}


# ----------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class Config:
    sections: dict[str, re.Pattern]
    meta: dict[str, re.Pattern]
    cues: dict[str, list[tuple[str, re.Pattern]]]
    notes_cues: dict[str, list[tuple[str, re.Pattern]]]  # terse written notes only, never speech
    baseline: dict[str, list[re.Pattern]]
    attendee_lead: re.Pattern  # "… summary. On the call: Ana and Ben (Acme)." inside a line of prose
    roles: frozenset[str]
    job_title: re.Pattern  # "Finance Lead", "Head of Legal": a role between a name and an organisation
    office: re.Pattern  # "Minister of Finance", "Leader of the Opposition": a public office, the whole bracket
    party_label: re.Pattern  # "CPC", "Lib.": a political party after a constituency ("(Papineau, Lib.)")
    closing: re.Pattern  # "Thanks,", "Best regards": the signature follows
    email_keys: frozenset[str]  # "from", "sent", "subject" …: the keys of an e-mail header block
    reply_prefix: re.Pattern  # "RE: FW: " before a subject
    forward_prefix: re.Pattern  # "Fwd: " / "RE: FW: ": a forwarded message
    forward_marker: re.Pattern  # "---------- Forwarded message ---------"
    negated_decision: re.Pattern  # "did not reach a decision": an open issue, not a decision
    shouted: re.Pattern  # "PROFANITY FILTERING": a topic in capitals, no owner
    transcript_decision: re.Pattern
    transcript_action: re.Pattern
    speaker_org: re.Pattern
    speech: re.Pattern  # a spoken marker ("yeah", "I think", "you know" …): see _speech_without_speakers
    speech_limits: dict[str, float]
    header_limits: dict[str, float]  # speaker headers: min_headers, min_share (see _speaker_headers)
    header_not_name: re.Pattern  # "Monday 10:00 AM", "Team Sync 9:30 AM": a timed line that names nobody
    owner_group: re.Pattern  # head nouns of a group or role that owns a task ("the designers", "our legal team")
    procedure: dict[str, re.Pattern]  # talk about running the meeting: mechanics, floor, courtesy (see _procedural)
    limits: dict[str, int]  # lines and utterances per character of the size limit; work caps (see _check_size, _split_long, _SpacyBudget)


@lru_cache(maxsize=1)
def load_config() -> Config:
    """``conf/minutes.yaml`` compiled (cached)."""
    raw = yaml.safe_load(resources.files("coaltext").joinpath("conf/minutes.yaml").read_text(encoding="utf-8"))

    def whole(pats: list[str]) -> re.Pattern:
        return re.compile(r"^(?:" + "|".join(pats) + r")$", re.I)

    return Config(
        sections={k: whole(v) for k, v in raw["sections"].items()},
        meta={k: whole(v) for k, v in raw["meta"].items()},
        cues={k: [(cid, re.compile(p, 0 if cid in ("org_needs", "org_goal") else re.I)) for cid, p in v.items()]
              for k, v in raw["cues"].items()},
        notes_cues={k: [(cid, re.compile(p, re.I)) for cid, p in v.items()] for k, v in raw["notes_cues"].items()},
        baseline={k: [re.compile(p, re.I) for p in v] for k, v in raw["baseline"].items()},
        attendee_lead=re.compile(r"(?:^|(?<=[.!?])\s+)(?:" + "|".join(raw["sections"]["attendees"])
                                 + r")\s*:\s*(?P<names>.+?)(?:\.\s|\.?$)", re.I),
        roles=frozenset(r.lower() for r in raw["attendee"]["roles"]),
        job_title=re.compile(raw["attendee"]["job_title"], re.I),
        office=re.compile(raw["attendee"]["office"], re.I),
        party_label=re.compile(r"^(?:" + "|".join(raw["attendee"]["party_labels"]) + r")\.?$"),
        closing=whole(raw["closing"]),
        email_keys=frozenset(k.lower() for k in raw["email"]["keys"]),
        reply_prefix=re.compile(raw["email"]["reply_prefix"], re.I),
        forward_prefix=re.compile(raw["email"]["forward_prefix"], re.I),
        forward_marker=re.compile(raw["email"]["forward_marker"], re.I),
        negated_decision=re.compile(raw["negated_decision"], re.I),
        shouted=re.compile(raw["owner"]["shouted"]),
        transcript_decision=re.compile("|".join(raw["transcript_cues"]["decision"].values()), re.I),
        transcript_action=re.compile("|".join(raw["transcript_cues"]["action_with_due"].values()), re.I),
        speaker_org=re.compile(raw["transcript_cues"]["speaker_org"]),
        speech=re.compile(raw["speech"]["markers"], re.I),
        speech_limits={k: float(v) for k, v in raw["speech"].items() if k != "markers"},
        header_limits={k: float(v) for k, v in raw["speaker_header"].items() if k != "not_name"},
        header_not_name=re.compile(raw["speaker_header"]["not_name"], re.I),
        owner_group=re.compile(r"^(?:" + raw["owner"]["group"] + r")$", re.I),
        procedure={k: re.compile(v, re.I) for k, v in raw["procedure"].items()},
        limits={k: int(v) for k, v in raw["limits"].items()},
    )


# ----------------------------------------------------------------------------- lines


def _letter_class(upper: bool) -> str:
    """The capital (or small) letters of the Latin, Greek and Cyrillic blocks as the body of a regex
    character class, in ranges: names are "Tomáš Novák", "Zoë Ødegaard", "Łukasz", not only A-Z."""
    codes = [c for lo, hi in ((0x41, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF))
             for c in range(lo, hi + 1) if (chr(c).isupper() if upper else chr(c).islower())]
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + ("-" + re.escape(chr(codes[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


_UP = "[" + _letter_class(True) + "]"  # a capital letter of a name
_LOW = _letter_class(False)  # small letters, for a character class

# the small words inside a name ("Jan van der Berg", "Luis de la Cruz", "Ursula von Braun", "Mohammed bin
# Salman") and the small prefixes glued to one ("Chris d'Entremont", "Ali al-Rashid"): a name's word in
# small letters only between two capitalised ones, as a prefix only before a capital
_PARTICLE = r"(?:van|von|der|den|de|del|della|des|du|da|das|dos|di|la|le|ten|ter|bin|ibn|al|el|zu|af)"
_PARTICLE_WORDS = frozenset(_PARTICLE[3:-1].split("|"))
_NAME_PREFIX = r"(?:[dl]['’]|dell['’]|(?:al|el|ul)-)"
_BULLET = re.compile(r"^[ \t]*(?:(?:[-*•·▪◦‣–—>●○■□➢►✓✔]+|\d{1,2}[.)](?!\d)|[a-zA-Z][.)](?=\s)|\(\w{1,3}\)|\[[ xX]\])[ \t]*)+")
# the heading's text ends at its last character that is no blank or "#" (a greedy match backed off to
# it, not a lazy one that tries the closing "[ \t#]*$" from every character of the line: quadratic)
_MD_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+((?:.*[^ \t#])?)[ \t#]*$")
_MARKUP = "*_`"  # Markdown emphasis and code marks at the edges of a heading or a cell, stripped
_TIMESTAMP = r"(?:\[?\(?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\)?\]?[ \t]*(?:-->[^\n]*?)?[ \t]*)?"
_NAME_WORD = r"(?:" + _NAME_PREFIX + r"?" + _UP + r"[\w.'’\-]*)"
_NAME = (r"(?:\[[A-Z][A-Za-z]*\d*\]|" + _NAME_WORD + r"(?:(?:[ \t]+" + _PARTICLE + r"){0,2}[ \t]+" + _NAME_WORD
         + r"){0,3}(?:[ \t]+\d{1,3})?)")
# the bracket after a speaker's name: "(Acme)", "(Minister of Employment, Workforce Development and Disability
# Inclusion)", "(Mr. Bruce Stanton (Simcoe North, CPC))" (one bracket inside it)
_LABEL_BRACKET = r"\((?P<org>[^()\n]{1,100}(?:\([^()\n]{1,80}\)[^()\n]{0,20})?)\)"
_TURN = re.compile(
    r"^[ \t]*" + _TIMESTAMP + r"(?:\*\*)?(?P<name>" + _NAME + r")(?:[ \t]*" + _LABEL_BRACKET + r")?(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]+(?P<text>\S(?:.*[^ \t])?)[ \t]*$"
)
_TURN_PAREN = re.compile(r"^[ \t]*" + _TIMESTAMP + r"\((?P<name>[A-Z][\w\-]*\d*)\)[ \t]+(?P<text>\S(?:.*[^ \t])?)[ \t]*$")
# a WebVTT voice cue (Teams): "<v Ahmed Khan>I'll send it.</v>" (the closing tag is trimmed by _cue_lines)
_TURN_VOICE = re.compile(
    r"^<v(?:\.[\w\-]+)*[ \t]+(?P<name>[^<>\n]{1,60}?)[ \t]*>[ \t]*(?:<(?!/?v[\s.>])[^<>\n]{1,40}>[ \t]*)*(?P<text>\S(?:.*[^ \t])?)[ \t]*$")
# a speaker header alone on its line, the speech on the lines below (Teams, Zoom, Otter exports):
# "Jane Doe  10:02 AM", "Jane Doe (Acme)  0:03:12", "Jane Doe 10:02", "[10:02] Jane Doe". The time is
# what makes it a header: a name alone ("Jane Doe" over her stand-up notes) or a time before a
# plain word ("09:00 Registration" in a programme) is not one. A strong time (AM/PM or seconds)
# may follow a one-word name; a plain "10:02" needs a full name; a time before the name needs
# brackets or seconds.
_CLOCK_STRONG = r"\d{1,2}:\d{2}(?::\d{2})?[ \t]*[AaPp]\.?[Mm]\.?|\d{1,2}:\d{2}:\d{2}"
_CLOCK = r"(?:" + _CLOCK_STRONG + r"|\d{1,2}:\d{2})"
_HEADER_ORG = r"(?:[ \t]*\((?P<org>[^()\n]{1,60})\))?"
_SPEAKER_HEADER = re.compile(
    r"^(?P<name>" + _NAME + r")" + _HEADER_ORG + r"[ \t]+[\[(]?(?P<time>" + _CLOCK + r")[\])]?$"
    r"|^(?:[\[(](?P<lead>" + _CLOCK + r")[\])]|(?P<lead_s>\d{1,2}:\d{2}:\d{2}))[ \t]+(?P<name2>" + _NAME + r")"
    + _HEADER_ORG.replace("org", "org2") + r"$"
)
# subtitle files (WebVTT, SRT): the "WEBVTT" line, cue numbers or ids and timing lines are furniture
_CUE_TIMING = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}[ \t]+-->[ \t]+(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\b")
# cue markup at the edges of a cue line: "<c>", "<i>", "<00:00:01.000>" before the text, "</c>",
# "</v>" after it (the offsets of an item then still index the original text; tags inside stay)
_CUE_TAGS_LEAD = re.compile(r"^(?:<(?!v[\s.])[^<>\n]{1,40}>[ \t]*)+")
_CUE_TAG_CLOSING = re.compile(r"</[\w.]{1,20}>|<\d[\d:.]*>")
# WebVTT blocks that are no cues: "NOTE …", "STYLE", "REGION" up to the next blank line
_CUE_META_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)\b")
_KEY_VALUE = re.compile(r"^[ \t]*(?:\*\*)?(?P<key>[A-Za-z][\w '/&\-]{0,40}?)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>(?:.*[^ \t])?)[ \t]*$")
_NOT_SPEAKERS = {
    "note", "notes", "date", "time", "location", "place", "venue", "purpose", "subject", "title", "re", "cc", "to",
    "from", "action", "actions", "decision", "decisions", "agreed", "owner", "due", "deadline", "status", "update",
    "agenda", "attendees", "present", "apologies", "absent", "chair", "minutes", "summary", "next", "meeting",
    "outcome", "result", "results", "question", "answer", "todo", "ai", "ap", "goal", "goals", "issue",
    "issues", "risk", "topic", "item", "items", "conclusion", "conclusions", "objective", "objectives", "priority",
    "comment", "comments", "aob", "url", "link", "email", "phone", "tel", "http", "https", "where", "when", "who",
    "what", "why", "how", "important", "warning", "nb", "ps", "fyi", "task", "tasks", "follow up", "background",
    "context", "problem", "solution", "proposal", "resolution", "vote", "motion", "agreement", "disagreement",
    # the same labels in the languages of European minutes (names may start with "Ü", "É", "Č": these must not)
    "über", "betreff", "thema", "themen", "datum", "zeit", "ort", "teilnehmer", "anwesend", "protokoll", "tagesordnung",
    "beschluss", "beschlüsse", "aufgabe", "aufgaben", "hinweis", "notiz", "zusammenfassung", "ergebnis", "ergebnisse",
    "objet", "sujet", "lieu", "présents", "absents", "ordre du jour", "décision", "décisions", "résumé", "remarque",
    "à faire", "asunto", "tema", "fecha", "lugar", "asistentes", "acuerdos", "resumen", "oggetto", "luogo", "presenti",
    "argomento", "téma", "účastníci", "přítomni", "zápis", "úkoly", "úkol", "závěr", "poznámka",
}
# what labels an entry by its topic ("Budget (revised): …", "Timeline: …"): no speaker either, but
# unlike the words above not dropped as a meta line inside a transcript (it may be speech that goes on)
_TOPIC_LABELS = {
    "budget", "budgets", "cost", "costs", "price", "prices", "pricing", "funding", "revenue", "timeline", "timing",
    "schedule", "scope", "milestone", "milestones", "target", "targets", "requirement", "requirements", "position",
    "stance", "plan", "plans", "strategy", "deliverable", "deliverables", "risks", "constraint", "constraints",
    "open question", "open questions", "open issue", "open issues", "recommendation", "recommendations", "idea", "ideas",
}
# "Tom (Southgate): We want…": a speaker label at the start of an item's text (written minutes leave it there)
_TURN_LABEL = re.compile(
    r"^[ \t]*" + _TIMESTAMP + r"(?:\*\*)?(?P<name>" + _NAME + r")(?:[ \t]*" + _LABEL_BRACKET + r")?(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]+(?=\S)"
)


@dataclass(slots=True)
class Line:
    start: int  # offset of the content (bullets and indentation stripped)
    end: int
    text: str  # doc.text[start:end]
    raw_start: int
    indent: int
    bullet: bool
    heading: str | None = None  # heading text if the line is a heading
    turn: tuple[str, str | None] | None = None  # (speaker, org) for transcript turns
    section: str = "discussion"
    topic: str | None = None


@dataclass(slots=True)
class Utterance:
    """One transcript utterance (a turn, or a sentence of a long turn)."""

    speaker: str | None
    start: int
    end: int
    text: str


def _content_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\r":
        a += 1
    while b > a and text[b - 1] in " \t\r":
        b -= 1
    return a, b


def _lines(doc: Document) -> list[Line]:
    text = doc.text
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        ca, cb = _content_span(text, a, b)
        if ca >= cb:
            continue
        m = _BULLET.match(text[ca:cb])
        bullet = bool(m and m.end() > 0 and not _TURN.match(text[ca:cb]))
        sa = ca + m.end() if bullet else ca
        sa, cb = _content_span(text, sa, cb)
        if sa >= cb:
            continue
        out.append(Line(sa, cb, text[sa:cb], a, ca - a, bullet))
    if sum(bool(_CUE_TIMING.match(ln.text)) for ln in out) >= 2:
        out = _cue_lines(out, text)
    return out


_WRAP_END = (".", "!", "?", ":", ";")
# the shortest line (from its bullet) that wraps onto the next: before a line in lower case, before
# another one (in the text's own width too); wrapped lines of a PDF or a plain-text file run to 60-100
_WRAP_MIN, _WRAP_FULL = 40, 50
_WRAP_WIDTH = 110  # the widest a hard-wrapped line runs


# a line that opens a sentence of its own, not the rest of a wrapped one: "Ben noted that …", "Ana Ruiz
# will …", "We agreed …", "The vendor …" (a wrapped line that starts in capitals goes on with a name:
# "… give the punctuator to\nPerVoice and the team")
_SENTENCE_OPENING = re.compile(
    r"(?:The|We|I|They|He|She|It|There|This|That|These|Those|Our|Their|His|Her|Everyone|Nobody|Someone)\b(?!\s*[,.;:])|"
    + _UP + r"[\w'’\-]*(?:[ \t]+" + _UP + r"[\w'’\-]*){0,2}[ \t]+(?:will|to|shall|should|must|would|could|can|is|are|"
    r"was|were|has|had|have|noted|said|says|asked|agreed|reported|presented|explained|mentioned|suggested|proposed|"
    r"confirmed|thinks|thought|wants|needs|wondered|stressed|informed)\b")
# a line that ends on a word that needs more ("… than the", "… of", "… and") goes on below whatever follows
_OPEN_END = re.compile(r"\b(?:the|a|an|of|to|and|or|with|for|than|in|on|at|by|from|that|our|their|its|his|her)$", re.I)


def _heading_like(s: str) -> bool:
    """A short line that may head what follows ("Milestones", "Next Steps"): up to four words, no sentence end."""
    return len(s.split()) <= 4 and not s.endswith((".", "!", "?", ",", ";"))


def _wrapped_bullets(lines: list[Line], text: str, cfg: Config) -> list[Line]:
    """Bullets wrapped onto the lines below them, as a PDF or a plain-text file hard-wraps them,
    joined into one line each ("• … the reviewers have 2 weeks to" / "process them …"): one item,
    not two, and not one cut off. A line continues the bullet above it where no blank line parts
    them, it is no bullet, heading, section line, speaker turn or table row, it is indented at
    least as far, the bullet's last line does not end a sentence or a label, and it starts in lower
    case after a line of some length, or the line above it runs (nearly) the full width of the
    text, as a wrapped line does, and it is not a short line that may head what follows
    ("Milestones").
    Word paragraphs are parted by a blank line and never joined."""
    if len(lines) < 2:
        return lines
    widths = sorted(ln.end - ln.raw_start for ln in lines)
    full = widths[int(0.9 * (len(widths) - 1))]
    out: list[Line] = []
    last_raw = None  # where the last physical line of the bullet being read starts
    joined = False  # the bullet being read has taken a line below it (its text is cut once, at its end)
    key_value = False  # the bullet's own line reads "Label: value" (a joined text never does)
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.bullet and not ln.bullet and last_raw is not None
                and text[prev.end : ln.raw_start].strip(" \t\r") == "\n" and ln.indent >= prev.indent
                and text[prev.end - 1] not in _WRAP_END and "|" not in ln.text and not _TURN.match(ln.text)
                and not _MD_HEADING.match(text[ln.raw_start : ln.end]) and not _section_line(ln, cfg)
                and not key_value
                and ((ln.text[0].islower() and prev.end - last_raw >= _WRAP_MIN)
                     or (prev.end - last_raw >= max(0.75 * full, _WRAP_FULL) and not _heading_like(ln.text)
                         and (_OPEN_END.search(text, prev.start, prev.end) or not _SENTENCE_OPENING.match(ln.text))))):
            prev.end = ln.end  # not prev.text: cutting the text per line joined is quadratic (80k lines: 70 s)
            last_raw, joined, key_value = ln.raw_start, True, False
            continue
        if joined:
            prev.text, joined = text[prev.start : prev.end], False
        out.append(ln)
        last_raw = ln.raw_start if ln.bullet else None
        key_value = ln.bullet and bool(_KEY_VALUE.match(ln.text))
    if joined:
        out[-1].text = text[out[-1].start : out[-1].end]
    return out


def _before_closing_tags(text: str) -> int:
    """Where the closing cue tags at the end of a line ("… vendor.</c></v>") begin (a scan from
    the end, linear where a pattern searched from each space would not be)."""
    end = len(text)
    while (e := len(text[:end].rstrip(" \t"))) and text[e - 1] == ">":
        a = text.rfind("<", 0, e)
        if a < 0 or not _CUE_TAG_CLOSING.fullmatch(text, a, e):
            break
        end = a
    return len(text[:end].rstrip(" \t"))


def _cue_lines(lines: list[Line], text: str) -> list[Line]:
    """The cue text of a subtitle file (WebVTT, SRT): the "WEBVTT" header and its "Kind:",
    "Language:" lines (all before the first cue), NOTE/STYLE/REGION blocks, timing lines
    ("00:00:01.000 --> 00:00:04.000") and the cue number or id above each are dropped, and cue
    tags at the edges of a line ("<c>", "</v>", "<00:00:01.000>") are trimmed off it (offsets
    still index the original text)."""
    out: list[Line] = []
    first = next(i for i, ln in enumerate(lines) if _CUE_TIMING.match(ln.text))
    in_block = False
    for i, ln in enumerate(lines):
        if i and text.count("\n", lines[i - 1].end, ln.raw_start) >= 2:
            in_block = False  # a blank line ends a NOTE block
        if _CUE_META_BLOCK.match(ln.text):
            in_block = True
        cue_id = i + 1 < len(lines) and _CUE_TIMING.match(lines[i + 1].text) and not re.search(r"\s", ln.text)
        if i < first or in_block or _CUE_TIMING.match(ln.text) or cue_id:
            continue
        if (e := _before_closing_tags(ln.text)) < len(ln.text):
            ln.end, ln.text = ln.start + e, ln.text[:e]
        if m := _CUE_TAGS_LEAD.match(ln.text):
            ln.start, ln.text = ln.start + m.end(), ln.text[m.end() :]
        if ln.text:
            out.append(ln)
    return out


def _heading_blocks(doc: Document) -> list[tuple[int, int]]:
    return [
        (b.start, b.end)
        for b in doc.blocks
        if b.kind == "heading" or (b.style or "").lower().startswith(("heading", "title"))
    ]


def _norm_heading(s: str) -> str:
    s = s.strip().strip(_MARKUP)
    s = re.sub(r"^(?:\d+(?:\.\d+)*[.)]?|[IVX]+\.|[A-Z]\.)\s+", "", s)
    return re.sub(r"\s+", " ", s.strip(" :.-–—*_#")).strip()


def _section_of(heading: str, cfg: Config) -> str | None:
    h = _norm_heading(heading).lower()
    for name, rx in cfg.sections.items():
        if rx.match(h):
            return name
    return None


# ----------------------------------------------------------------------------- attendees


_ORG_SUFFIX = re.compile(
    r"\b(?:inc|ltd|llc|plc|gmbh|ag|sa|bv|nv|corp|corporation|company|co|group|university|institute|foundation|"
    r"council|association|agency|ministry|department|dept|bank|partners|holdings|labs?|trust|network|alliance|"
    r"committee|authority|ngo|society|centre|center|school|college|hospital|[A-Z]{2,})\b\.?",
)
# a word of a person's name: "Ana", "Marie-Claude", "McLean", "O'Connell", "d'Entremont", "al-Rashid"
_PERSON_WORD = _NAME_PREFIX + "?" + _UP + "[" + _LOW + r"'’\-]+(?:" + _UP + "[" + _LOW + r"'’\-]+)?"
_HONORIFIC = r"(?:(?:Right|Rt\.?)\s+)?(?:Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Professor|Hon\.?|The Honourable|Sir|Dame)"
_PERSONISH = re.compile(r"^(?:\[?PERSON\d+\]?|(?:" + _HONORIFIC + r"\s*)?" + _PERSON_WORD + r"(?:\s+(?:" + _UP + r"\.\s+)?(?:"
                        + _PARTICLE + r"\s+){0,2}" + _PERSON_WORD + r"){0,3}|" + _UP + ")$")
# (a name ends on a non-blank: a lazy name before "\s+" would try the blanks after it from each of
# them, quadratic in a run of blanks)
_FROM = re.compile(r"^(?P<name>.*?\S)\s+(?:from|of|representing|on behalf of|at|for)\s+(?P<org>\S.*)$")
_NAME_PAREN = re.compile(r"^(?P<name>[^()]*?[^()\s])\s*\((?P<paren>[^()]+)\)\s*(?P<rest>.*)$")  # "Ana Ruiz (Acme) …"
_NAME_DASH = re.compile(r"^(?P<name>.*?\S)\s+[-–—|/]\s+(?P<org>.+)$")  # "Ana Ruiz – Acme"
# the separators of an attendee list: ";", " & ", and "," or "and" outside brackets ("Ana Ruiz (Acme,
# Spain) and Ben"); which are outside is told by _split_outside (a look-ahead for the next bracket
# at each separator was quadratic on a long list)
_LIST_SEP = re.compile(r"(?:;|(?P<inner>,))\s*")
_ATTENDEE_SEP = re.compile(r"(?:;|\s&\s|(?P<inner>,|\band\b))\s*")
_SIGNOFF = re.compile(
    r"^(?:minutes?\s+(?:taken|recorded|written|prepared|submitted)\s+by|minute[- ]?taker|note[- ]?taker|"
    r"notes\s+(?:taken\s+)?by|recorded by|prepared by|chair(?:ed by)?|chairperson|facilitator|meeting creator|"
    r"moderator|meeting head speaker(?:/moderator)?)\s*[:\-]?\s*(?P<names>.+)$",
    re.I,
)
# "I'm Ana from Acme", "This is Ben with Globex", "I'm in here from [ORGANIZATION5]" and "I'm [PERSON3]
# from [ORGANIZATION2]" (ELITR's anonymised names); "this is" and "it's" only before a name ("It's
# from Acme" speaks of a thing); "with"/"at" only where the organisation ends the phrase (see _introduces)
_SELF_INTRO = re.compile(
    r"\b(?P<lead>[Ii]['’]?m|I am|[Tt]his is|[Mm]y name is|[Ii]t['’]?s)\s+"
    r"(?:(?P<name>\[PERSON\d+\]|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\s*,?\s*)?"
    r"(?:(?:and\s+)?I\s+(?:work|am)\s+)?(?:(?:in\s+)?here\s+)?(?P<prep>from|with|at|representing|on behalf of)\s+(?:the\s+)?"
    r"(?P<org>\[ORGANI[SZ]ATION\d+\]|[A-Z][\w&.'’\-]*(?:\s+(?:[A-Z][\w&.'’\-]*|of|and|for))*)"
)
# what may follow the organisation of "I'm with/at ORG": the end of the utterance or of its clause
_INTRO_END = re.compile(r"\s*(?:$|[.,;:!?](?![\w'’]))")


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened before it in ``text`` (curly quotes, or an odd
    number of straight double quotes)."""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _introduces(m: re.Match, text: str) -> bool:
    """A :data:`_SELF_INTRO` match that introduces someone: "this is"/"it's" need a name ("It's from
    Acme" is about a thing); "with"/"at" an organisation that ends the phrase ("I'm with
    [ORGANIZATION3] on this one", "I'm at [ORGANIZATION2] tomorrow", "I am at [ORGANIZATION6]'s office",
    "I'm here with the [ORGANIZATION2] people" say where the speaker stands or is, not who employs them).
    A quoted introduction (she said "I'm Maria from Acme") is someone else's words."""
    if not m.group("name") and m.group("lead").lower().startswith(("this", "it")):
        return False
    if _quoted(text, m.start()):
        return False
    return m.group("prep") not in ("with", "at") or bool(_INTRO_END.match(text, m.end()))


@dataclass
class _People:
    """Attendees in order of first mention, keyed by a normalised name. Looking a name up and adding
    one take time independent of how many are listed (indexes by first name and by organisation:
    a scan of the list for each name was quadratic, a 1 MB attendee line of distinct names minutes)."""

    order: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, str | None] = field(default_factory=dict)
    # first word of a key -> the keys that start with it, in order
    _by_first: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # org_key -> {spelling: place in ``order`` of the first attendee given it}
    _spellings: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    _place: dict[str, int] = field(default_factory=dict, repr=False)
    _org_index: dict[bool, _Phrases] = field(default_factory=dict, repr=False)  # see org_phrases

    @staticmethod
    def key(name: str) -> str:
        """"Tomáš Novák" and "Tomas Novak" → "tomas novak": case, punctuation and accents left out."""
        bare = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
        return re.sub(r"[\W_]+", " ", bare).strip()

    def find(self, name: str) -> str | None:
        k = self.key(name)
        if k in self.names:
            return k
        # "Ana" ↔ "Ana Ruiz": a one-word name matches the one full name that starts with it
        # ("Ana Ruiz" is no one-word key that "Ana …" could match: only a key "ana" could, and it is none)
        first = k.split(" ")[0] if k else ""
        if " " not in k:
            hits = self._by_first.get(first, ())
        else:
            hits = (first,) if first in self.names else ()
        return hits[0] if len(hits) == 1 and len(first) > 1 and not first.isdigit() else None

    def listed(self, name: str) -> str | None:
        """The listed attendee a whole line names: a full name, or a one-word first name ("Ana" for
        "Ana Ruiz"); never a longer line that only starts with a name ("Jordan Market Entry")."""
        k = self.find(name)
        return self.names[k] if k and (" " not in self.key(name) or self.key(name) in self.names) else None

    def add(self, name: str, org: str | None = None) -> None:
        name = name.strip(" .,;:-–—*_\"'")
        if not name or len(name) > 60:
            return
        k = self.find(name) or self.key(name)
        if not k:
            return
        if k not in self.names:
            self._place[k] = len(self.order)
            self._by_first.setdefault(k.split(" ")[0], []).append(k)
            self.order.append(k)
            self.names[k] = name
            self.orgs[k] = None
        elif len(name) > len(self.names[k]):
            self.names[k] = name
        if org and not self.orgs.get(k):
            org = org.strip(" .,;:-–—")
            # "Tom (MIL Ltd)" after "Nirmal Minda (MIL)": one organisation, spelt as first given
            # (first in the list of attendees, as a scan of ``orgs`` finds it)
            same = [(place, o) for o, place in self._spellings.get(org_key(org), {}).items() if o and o != org]
            self.set_org(k, min(same)[1] if same else org)

    def set_org(self, k: str, org: str) -> None:
        """Attendee ``k``'s organisation (each attendee's is set once)."""
        self.orgs[k] = org
        self._org_index.clear()
        spellings = self._spellings.setdefault(org_key(org), {})
        spellings[org] = min(spellings.get(org, self._place[k]), self._place[k])

    def org_of(self, name: str | None) -> str | None:
        if not name:
            return None
        k = self.find(name)
        return self.orgs.get(k) if k else None

    def org_phrases(self, inside: bool = False) -> _Phrases:
        """The attendees' organisations as a :class:`_Phrases` index (kept until one is added)."""
        if inside not in self._org_index:
            self._org_index[inside] = _Phrases((o for o in self.orgs.values() if o), inside=inside)
        return self._org_index[inside]

    def attendees(self) -> list[Attendee]:
        return [Attendee(name=self.names[k], organization=self.orgs[k]) for k in self.order]


_WORD_RUN = re.compile(r"\w+")


class _Phrases:
    r"""Names or organisations to look for as whole words (``\bphrase\b``) in many texts, without
    trying each on each (quadratic: 5,000 attendees by 15,000 items took minutes). Where
    ``\bphrase\b`` matches, the phrase's first run of word characters is a whole run of the text
    (the \b, or the phrase's own non-word characters, bound it): only phrases whose first run
    the text has are tried. ``inside=True`` indexes every run of a phrase instead, to find the
    phrases that hold a given name (:meth:`holding`)."""

    def __init__(self, phrases: Iterable[str], inside: bool = False):
        self.phrases = list(dict.fromkeys(phrases))
        self.place = {ph: i for i, ph in enumerate(self.phrases)}
        self.by_run: dict[str, list[str]] = defaultdict(list)
        self.always: list[str] = []  # phrases without a word character: always tried
        for ph in self.phrases:
            runs = _WORD_RUN.findall(ph)
            for r in dict.fromkeys(runs if inside else runs[:1]):
                self.by_run[r].append(ph)
            if not runs:
                self.always.append(ph)

    def candidates(self, text: str) -> list[str]:
        """The phrases that may occur in ``text`` (in the order given)."""
        hits = {ph for r in set(_WORD_RUN.findall(text)) for ph in self.by_run.get(r, ())}
        return sorted(hits.union(self.always), key=self.place.__getitem__)

    def holding(self, name: str) -> list[str]:
        """The phrases that hold ``name`` as whole words (index built with ``inside=True``)."""
        first = _WORD_RUN.search(name)
        pool = self.by_run.get(first.group(), []) if first else self.phrases
        rx = re.compile(r"\b" + re.escape(name) + r"\b")
        return [ph for ph in pool if rx.search(ph)]


def _looks_org(s: str) -> bool:
    return bool(_ORG_SUFFIX.search(s)) or bool(re.search(r"\[ORGANI[SZ]ATION\d+\]", s))


def _is_role(s: str, cfg: Config) -> bool:
    s = s.strip(" .")
    return s.lower() in cfg.roles or bool(cfg.job_title.match(s))


def _organisation(cand: str, cfg: Config) -> str | None:
    """The organisation in what follows a name, roles and job titles left out: "Finance Lead,
    Brightwater Energy" → "Brightwater Energy"; "Chair" → None; "remote" → None; "eBay" → "eBay"."""
    parts = [p for p in (p.strip() for p in cand.split(",")) if p]
    if len(parts) >= 2 and cfg.party_label.match(parts[-1]) and not _looks_org(", ".join(parts[:-1])):
        return parts[-1]  # "(Sherwood Park—Fort Saskatchewan, CPC)": a constituency and the party, the organisation
    if cfg.office.match(cand.strip()):
        return None  # "(Minister of Employment, Workforce Development and Disability Inclusion)": an office
    org = ", ".join(p for p in parts if not _is_role(p, cfg))
    return org if org and any(c.isupper() for c in org) else None  # "eBay" is one; "tbc", "by phone" are none


def parse_attendee(entry: str, cfg: Config, one_per_line: bool) -> tuple[str, str | None] | None:
    """One attendee entry → (name, organisation or None); None for what is not a person.

    Handles "Ana Ruiz (Acme)", "Ana Ruiz, Acme Corp" (one per line), "Ana Ruiz from Acme",
    "Ana Ruiz – Acme", and drops roles: "Ana Ruiz (Chair)", "Ana Ruiz, Finance Lead, Acme".
    """
    e = entry.strip(" \t.;*_")
    if not e or re.match(r"^(?:\+\d+|other|others|etc|and others|everyone|all|none|n/?a)\b", e, re.I):
        return None
    org = None
    m = _NAME_PAREN.match(e)
    if m:
        e = m.group("name").strip()
        org = _organisation(m.group("paren"), cfg) or _organisation(m.group("rest").strip(" ,-–—"), cfg)
    m = _NAME_DASH.match(e)
    if m and not org:
        e, org = m.group("name"), _organisation(m.group("org"), cfg)
    if one_per_line and "," in e and not org:
        e, cand = (p.strip() for p in e.split(",", 1))
        org = _organisation(cand, cfg)
    m = _FROM.match(e)
    if m and not org and _PERSONISH.match(m.group("name").strip()):
        e, org = m.group("name"), m.group("org")
    e = e.strip(" ,.")
    if org:
        org = re.sub(r"^the\s+", "", org.strip(" ,."), flags=re.I)
    if not _PERSONISH.match(e) or _is_role(e, cfg) or _looks_org(e) and not e.startswith("[PERSON"):
        return None
    return e, org


def _names_line(text: str, cfg: Config) -> bool:
    """A line that lists people: "Ana Ruiz, Ben Carter, Li Wei (Globex), Tomáš Novák" (most entries
    are people; a sentence is not)."""
    entries = _attendee_entries(text)
    people = sum(parse_attendee(e, cfg, False) is not None for e in entries)
    return people >= 2 and people >= 0.75 * len(entries)


def _split_outside(text: str, sep: re.Pattern) -> list[str]:
    """``text`` split at the matches of ``sep``, those of its group "inner" only outside brackets
    (where the next bracket after them is no closing one), the blanks before a separator dropped,
    blank parts too. Linear: the brackets are found once, not looked for after every separator."""
    brackets = [i for i, c in enumerate(text) if c in "()"]
    out, start, pos = [], 0, 0
    while m := sep.search(text, pos):
        if m.group("inner"):
            k = bisect.bisect_left(brackets, m.end("inner"))
            if k < len(brackets) and text[brackets[k]] == ")":
                pos = m.start() + 1  # inside brackets: "(Acme, Spain)"; the blanks after it may open " & "
                continue
        out.append(text[start : m.start()].rstrip())
        start = pos = m.end()
    out.append(text[start:])
    return [p for p in out if p.strip()]


def _attendee_entries(value: str) -> list[str]:
    """The entries of an attendee list; an organisation after a group of names applies to each:
    "Ana Ruiz and Ben Carter (Acme), Li Wei (Globex)" → "Ana Ruiz (Acme)", "Ben Carter (Acme)", "Li Wei (Globex)"."""
    out = []
    for group in _split_outside(value, _LIST_SEP):
        m = re.match(r"^(?P<names>.*?\S)\s*(?P<org>\([^()]*\))$", group)
        names = _split_outside(m.group("names"), _ATTENDEE_SEP) if m else []
        if len(names) > 1:
            out += [f"{n} {m.group('org')}" for n in names]
        else:
            out += _split_outside(group, _ATTENDEE_SEP)
    return out


def _add_attendees(value: str, people: _People, cfg: Config) -> None:
    """The people a list on one line names ("Minutes taken by …", "On the call: …")."""
    for e in _attendee_entries(value):
        if (p := parse_attendee(e, cfg, False)) and not re.match(r"\[?ANNOTATOR", p[0]):
            people.add(*p)


def row_cells(text: str) -> list[str] | None:
    """The cells of a table row ("Ana Ruiz | Acme | Chair", a Markdown "| a | b |", a Word row with an
    empty first cell "| Task | Friday"), empty cells kept in their places; None for a line that is
    no row."""
    if "|" not in text:
        return None
    body = text.strip()
    if body.startswith("|") and body.endswith("|") and len(body) > 1:
        body = body[1:-1]  # Markdown's outer pipes; a Word row has none
    cells = [c.strip() for c in body.split("|")]
    return cells if len(cells) >= 2 else None


# the column of an attendee table a header cell names ("Name | Organisation | Role")
_ATTENDEE_COLUMNS = {
    "name": re.compile(r"^(?:(?:full |participant |attendee |member )?names?|participants?|attendees?|persons?|people|"
                       r"members?|who|delegates?|representatives?)$", re.I),
    "org": re.compile(r"^(?:organi[sz]ations?|orgs?|company|companies|affiliations?|institutions?|partners?|employer|"
                      r"entity|agency|representing|on behalf of|team|department|institute|university|firm)$", re.I),
    "role": re.compile(r"^(?:roles?|(?:job )?titles?|functions?|positions?|responsibilit(?:y|ies)|capacity)$", re.I),
}


def _attendee_columns(cells: list[str]) -> dict[str, int] | None:
    """{column kind: index} when ``cells`` is the header row of an attendee table: a "Name" column
    and an organisation or role column, every header cell short."""
    cols: dict[str, int] = {}
    for j, c in enumerate(cells):
        c = c.strip(_MARKUP).strip(" :")
        if len(c.split()) > 3:
            return None
        kind = next((k for k, rx in _ATTENDEE_COLUMNS.items() if rx.match(c)), None)
        if kind and kind not in cols:
            cols[kind] = j
    return cols if "name" in cols and ("org" in cols or "role" in cols) else None


def _attendee_row(cells: list[str], cols: dict[str, int] | None, people: _People, cfg: Config) -> None:
    """A row of an attendee table: the name from the "Name" column (else the first cell), the
    organisation from the organisation column (an empty cell: none; without a header, the first
    later cell that is no role). A role column is left out."""
    def cell(kind: str) -> str:
        j = cols.get(kind) if cols else None
        return cells[j] if j is not None and j < len(cells) else ""

    name = cell("name") if cols else cells[0]
    if cols:  # the organisation column names one: "alfatraining" too
        org = cell("org").strip(" .,;") if cell("org") and not _is_role(cell("org"), cfg) else None
    else:
        org = next((o for c in cells[1:] if c and (o := _organisation(c, cfg))), None)
    if p := parse_attendee(name, cfg, one_per_line=False):
        people.add(p[0], p[1] or org)


# a Word "meeting details" table: "Attendees | Ana Ruiz (Acme), …", "Date | 4 June 2020", "Chair | Tom Lee"
_KEY_CELL = re.compile(r"^[ \t]*(?P<key>[A-Za-z][\w '/&\-]{0,40}?)[ \t]*\|[ \t]*(?P<value>[^|\n]*[^ \t|])[ \t]*$")


def _known_key(key: str, cfg: Config) -> bool:
    return bool(any(rx.match(key) for rx in cfg.meta.values()) or _section_of(key, cfg) in ("attendees", "apologies", "agenda")
                or _SIGNOFF.match(key + ": x"))


def _key_cell(text: str, cfg: Config, before: str = "", after: str = "") -> re.Match | None:
    """A two-cell row whose first cell is a meta key, an attendee, apologies or agenda heading, or
    a sign-off ("Chair", "Minutes taken by"): read as "Key: value". Not where the value is a
    sentence ("Present | Ben Carter presented the roadmap; Ana Ruiz to review it.": notes on a
    topic), an attendee key's value names no people, or the row heads a table of two columns
    ("Agenda | Presenter", "Topic | Lead": the first row, a label or two as value, and a row below
    it whose first cell is no such key). ``before``/``after``: the lines around it."""
    m = _KEY_CELL.match(text)
    if not m:
        return None
    key, value = m.group("key").strip(), m.group("value").strip()
    if not _known_key(key, cfg):
        return None
    if _SENTENCE_VALUE.search(value) and not _names_line(value, cfg):
        return None  # a sentence, not a value
    if _section_of(key, cfg) in ("attendees", "apologies") and not (
            _names_line(value, cfg) or parse_attendee(value, cfg, False)):
        return None
    below = _KEY_CELL.match(after)
    if "|" not in before and below and not _known_key(below.group("key").strip(), cfg) and re.fullmatch(r"[^\W\d_]+", value):
        return None  # the header of a table: "Agenda | Presenter" over "Budget | Ana"
    return m


# a cell that says what happened, not a value: 5+ words, a full stop or semicolon, and a verb of the notes
_SENTENCE_VALUE = re.compile(
    r"^(?=(?:\S+\s+){4}\S)(?=.*(?:[.!?]\s*$|[.;]\s+\S))(?=.*\b(?:will|shall|should|must|is|are|was|were|has|have|had|"
    r"agreed|decided|presented|noted|said|asked|reported|explained|mentioned|suggested|proposed|confirmed|discussed|"
    r"[a-z]+ed\s+(?:the|that|a|an|it|them|to|on)|to\s+[a-z]+\s+(?:the|it|them|a|an))\b)", re.S)


# the sender in a "From:" line: "Maria Rossi <maria@…>", "\"Rossi, Maria\" [mailto:…]"
# (the name ends on a non-blank, the address has one "@" before its domain and the mailto: link no
# bracket inside: each part then is tried once, not from every blank or "@" of a long line)
_SENDER = re.compile(r"^\"?(?P<name>[^<>\"@\n]*?[^<>\"@\s])(?:\s*\")?\s*(?:<[^<>\s@]+@[^<>\s]+>|\[mailto:[^\[\]]+\])?$")


def _email_blocks(lines: list[Line], cfg: Config) -> list[tuple[int, int]]:
    """The e-mail header blocks, [start, end) line indices: two or more "Key: value" lines of
    e-mail keys in a row, one of them From: or Subject:. The first at line 0 heads the notes; one
    further down is a forwarded or quoted earlier message."""
    out, i = [], 0
    while i < len(lines):
        keys = []
        for j in range(i, len(lines)):  # (indices, not lines[i:]: a slice per line was quadratic on long notes)
            kv = _KEY_VALUE.match(lines[j].text)
            if lines[j].bullet or not kv or kv.group("key").strip().lower() not in cfg.email_keys:
                break
            keys.append(kv.group("key").strip().lower())
        if len(keys) >= 2 and {"from", "subject"} & set(keys):
            out.append((i, i + len(keys)))
        i += max(len(keys), 1)
    return out


def _email_field(ln: Line) -> tuple[str, str]:
    kv = _KEY_VALUE.match(ln.text)
    return kv.group("key").strip().lower(), kv.group("value").strip()


def _signature_lines(lines: list[Line], ends: list[int], cfg: Config) -> set[int]:
    """The lines of the closings and the signatures under them ("Thanks,", "Maria Rossi",
    "Alliance Manager, Helios Labs"). A closing opens a signature only among the last
    ``_SIGNATURE_SPAN`` lines of a message (``ends``: where each message ends) and only where
    every line below it to that end is short: no bullet, no section heading, no sentence.
    "Thanks everyone!" above the notes, or "Thanks" among the actions, is a closing alone."""
    out: set[int] = set()
    start = 0
    for end in ends:
        for i in range(max(start, end - _SIGNATURE_SPAN), end):
            if _is_closing(lines[i], cfg) and all(_signature_like(ln, cfg) for ln in lines[i + 1 : end]):
                out.update(range(i, end))
                break
        start = end
    return out


_SIGNATURE_SPAN = 8  # a closing further up than this many lines from a message's end opens no signature


def _is_closing(ln: Line, cfg: Config) -> bool:
    return not ln.bullet and bool(cfg.closing.match(ln.text.rstrip(" ,.!")))


def _signature_like(ln: Line, cfg: Config) -> bool:
    words = ln.text.split()
    return (not ln.bullet and len(words) <= 8 and not _section_line(ln, cfg)
            and not (len(words) > 3 and ln.text.rstrip().endswith((".", "!", "?"))))


# ----------------------------------------------------------------------------- structure


@dataclass
class _Parsed:
    lines: list[Line]
    title: str | None
    date: date | None
    people: _People
    agenda: list[tuple[str, int, int]]
    transcript: bool
    listed: bool = False  # the document has an attendee list
    speech: bool = False  # speech without speaker labels: read as notes *and* by the detector
    author: str | None = None  # who wrote the notes (an e-mail's sender, the signer): the "I" of "I'll …"
    warnings: list[str] = field(default_factory=list)  # what the reading left out (see _SpacyBudget)
    # index into ``lines`` of a person header ("- [PERSON3]", "* Alice:", "**Carol**" over her items) →
    # the names it gives and the person test that passed (see _person_headers)
    headers: dict[int, tuple[tuple[str, ...], str]] = field(default_factory=dict)


def _speaker_of(m: re.Match, cfg: Config) -> tuple[str, str | None] | None:
    """(speaker, org) of a turn or header match; None where the "name" is a label or a section."""
    return _speaker(m.group("name"), m.groupdict().get("org"), cfg)


def _speaker(name: str, org: str | None, cfg: Config) -> tuple[str, str | None] | None:
    name = name.strip()
    low = name.lower()
    if low in _NOT_SPEAKERS or low in _TOPIC_LABELS or any(rx.match(low) for rx in cfg.sections.values()) or any(
        rx.match(low) for rx in cfg.meta.values()
    ):
        return None
    words = [w for w in re.sub(r"^" + _HONORIFIC + r"\s+", "", name).split() if w not in _PARTICLE_WORDS]
    if len(words) > 3 or re.match(r"^(?:https?|www)", low):
        return None  # "Right Hon. Justin Trudeau", "Luis de la Cruz" are three words or fewer
    if not org:
        return name, None
    inner = re.fullmatch(r"(?P<outer>[^()]*[^()\s])\s*\([^()]*\)\s*", org)
    outer = inner.group("outer") if inner else org  # "Mr. Bruce Stanton (Simcoe North, CPC)" → "Mr. Bruce Stanton"
    if _is_role(name, cfg) and _PERSONISH.match(outer.strip()) and not _looks_org(outer):
        # "The Acting Chair (Mr. Bruce Stanton)": the chair is the person named, who speaks in no
        # organisation's name there
        return outer.strip(), None
    return name, _organisation(outer, cfg)  # "Tom Okoro (Finance Lead)": a role, as in attendee lists


def _speaker_turn(line: Line, cfg: Config) -> tuple[str, str | None, int] | None:
    """(speaker, org, offset of the utterance) if the line is a ``Name: text`` turn."""
    m = _TURN.match(line.text) or _TURN_PAREN.match(line.text) or _TURN_VOICE.match(line.text)
    if not m or not (who := _speaker_of(m, cfg)):
        return None
    return *who, line.start + m.start("text")


def org_key(org: str) -> str:
    """An organisation's name for matching: the key agreements match parties by
    (:func:`coaltext.structure.parties.party_key`: case, punctuation and legal forms left out),
    without a leading "the" ("MIL Ltd" and "MIL" → "mil"; "Acme Corp." and "ACME" → "acme")."""
    bare = org.strip()
    bare = bare[4:] if bare[:4].casefold() == "the " else bare
    return party_key(bare) or re.sub(r"[^\w&]+", " ", org.casefold()).strip()


def label_org(bracket: str, organisations: Iterable[str] = (), cfg: Config | None = None) -> str | None:
    """The organisation the bracket of a speaker label names ("Tom (MIL Ltd): …"), or None: a role
    ("Chair") or a word in lower case ("high", "revised", "remote") is none. One the attendee list
    names is given as listed ("MIL Ltd" → "MIL"); else it must look like a name: a capital or a
    digit first, a legal form or a word such as "Institute", or a camel-cased brand ("eBay")."""
    cfg = cfg or load_config()
    org = _organisation(bracket, cfg)
    if org is None:
        return None
    known = {org_key(o): o for o in organisations if o}
    if (k := org_key(org)) in known:
        return known[k]
    if re.match(r"[A-Z0-9]|[a-z]+[A-Z]", org) or _looks_org(org):
        return org
    return None


def speaker_label(text: str, organisations: Iterable[str] = ()) -> tuple[str, str | None, int] | None:
    """(speaker, organisation or None, offset of what is said) of the speaker label ``text`` opens
    with ("Tom (MIL Ltd): We want…" → ("Tom", "MIL", 14) where "MIL" is an attendee organisation),
    or None where there is none or the "name" labels a topic or a section ("Priority (high): …",
    "Budget (revised): …", "Action: …"). The bracket is read by :func:`label_org`."""
    m = _TURN_LABEL.match(text)
    if not m:
        return None
    cfg = load_config()
    who = _speaker(m.group("name"), None, cfg)
    if who is None:
        return None
    return who[0], label_org(m.group("org"), organisations, cfg) if m.group("org") else None, m.end()


def _speaker_headers(lines: list[Line], cfg: Config) -> dict[int, tuple[str, str | None]]:
    """{line index: (speaker, org)} of the speaker headers of a Teams or Zoom transcript: a name
    with a clock time alone on its line ("Jane Doe  10:02 AM", "[10:02] Jane Doe"), followed by a
    line of speech. Empty unless the evidence is strong: ``min_headers`` with a Teams/Zoom time
    or ``min_headers_plain`` with any (conf), by two or more person-shaped names (a one-word name
    only with a strong time, and then some name heads two turns), no agenda heading above the
    first, and the headers with their speech (up to a section heading) most of the lines.
    Written minutes ("09:00 Registration", a heading repeated, stand-up notes under each
    person's name) stay minutes: a name without a time is never a header."""
    heads: dict[int, tuple[str, str | None]] = {}
    n_strong = 0
    for i, ln in enumerate(lines[:-1]):
        m = _SPEAKER_HEADER.match(ln.text)
        if not m or ln.bullet or lines[i + 1].bullet or _SPEAKER_HEADER.match(lines[i + 1].text):
            continue
        name, org = (m.group("name"), m.group("org")) if m.group("name") else (m.group("name2"), m.group("org2"))
        strong = re.fullmatch(_CLOCK_STRONG, m.group("time") or m.group("lead") or m.group("lead_s") or "")
        words = name.split()
        if (not _PERSONISH.match(name) or _is_role(name, cfg) or _looks_org(name) or cfg.header_not_name.search(name)
                or (len(words) == 1 and not strong)):
            continue
        if who := _speaker(name, org, cfg):
            heads[i] = who
            n_strong += bool(strong)
    names = [name for name, _ in heads.values()]
    lim = cfg.header_limits
    if len(set(names)) < 2 or (n_strong < lim["min_headers"] and len(heads) < lim["min_headers_plain"]):
        return {}
    if all(len(n.split()) == 1 for n in names) and len(names) == len(set(names)):
        return {}
    first = min(heads)
    if any(_section_line(ln, cfg) == "agenda" for ln in lines[:first]):
        return {}  # a timed programme under "Agenda"
    covered, under = 0, False
    for i, ln in enumerate(lines):
        if i in heads:
            under = True
        elif under and _section_line(ln, cfg):
            under = False  # "Decisions", "Action items": speech ends at a section heading
        covered += under
    if covered < cfg.header_limits["min_share"] * len(lines):
        return {}
    return heads


def _section_line(ln: Line, cfg: Config) -> str | None:
    """The section a line opens as a heading ("Decisions", "## Action items", "Agenda:"), or None;
    "Agreed." with its full stop is speech."""
    if ln.bullet or ln.text.rstrip().endswith((".", "!", "?")):
        return None
    kv = _KEY_VALUE.match(ln.text)
    return _section_of(kv.group("key") if kv else ln.text, cfg)


# the sections whose lines, under their heading, are written minutes even after a transcript's turns
# (a "Discussion" or topic heading there opens more speech)
_WRITTEN_SECTIONS = frozenset({"decisions", "actions", "disagreements", "goals", "attendees", "apologies", "agenda"})


def _short_exchange(lines: list, turns: list, text: str) -> bool:
    """A title and an attendee line, then nothing but the turns of people they name ("Attendees:
    Ann Lee (Acme), Bob Ray (Beta)", "Ann Lee: We will send the draft by Friday.", "Bob Ray: I
    disagree"): a transcript, though too short for the share of turns to say so (two turns were
    read as written notes: the label kept in the text, "Bob Ray: I disagree" an action owned by Bob,
    no speaker). Only where every line from the first turn on is a turn and every speaker is named
    above it, so two labelled entries ("Licensing: exclusive versus open") stay notes."""
    first = lines.index(turns[0][0])
    if len(lines) - first != len(turns):
        return False
    above = text[: turns[0][0].start]
    return all(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", above) for name in {t[0] for _, t in turns})


def _parse(doc: Document, cfg: Config) -> _Parsed:
    lines = _wrapped_bullets(_lines(doc), doc.text, cfg)
    blocks = sorted(_heading_blocks(doc))
    block_starts = [a for a, _ in blocks]
    people = _People()
    title: str | None = None
    mdate: date | None = None
    signer: str | None = None  # the name under a closing "Thanks,"
    sender: str | None = None  # an e-mail's "From:"
    mail = _email_blocks(lines, cfg)
    in_mail = {i: k for k, (a, b) in enumerate(mail) for i in range(a, b)}
    fwd_lines = {i for i, ln in enumerate(lines) if cfg.forward_marker.match(ln.text.strip())}
    # a forward or a reply chain: the sender on top did not write what is below
    forwarded = bool(fwd_lines) or len(mail) > 1 or bool(mail and mail[0][0] > 0) or any(
        key == "subject" and cfg.forward_prefix.match(value) for key, value in (_email_field(lines[i]) for i in in_mail))
    ends = sorted({a for a, _ in mail if a > 0} | fwd_lines | {len(lines)})  # where each message ends
    last_message = ends[-2] if len(ends) > 1 else 0  # its signer wrote the notes, not one who replies above
    signature = _signature_lines(lines, ends, cfg)

    found = [(ln, _speaker_turn(ln, cfg)) for ln in lines]
    turns = [(ln, t) for ln, t in found if t]
    # a transcript: enough "Name: …" turns by at least two speakers (long turns are often
    # continued on unlabelled lines, so a share of 30 % or 20 turns is enough). Outside
    # transcripts "Licensing: exclusive versus open" is a labelled entry, not somebody speaking.
    # A text of two lines, both turns of two speakers, is a transcript too (an exchange of positions).
    n_speakers = len({t[0] for _, t in turns})
    transcript = n_speakers >= 2 and (len(turns) >= 3 or len(turns) == len(lines)) and (
        len(turns) >= 0.3 * len(lines) or len(turns) >= 20)
    if not transcript and n_speakers >= 2 and _short_exchange(lines, turns, doc.text):
        transcript = True
    labelled: dict[int, tuple[int, str]] = {}  # id of a turn's line: its (start, text) with the label
    if transcript:
        held: dict[str, str] = {}  # a role label ("the chair") → the person its bracket last named
        for ln, (name, org, ustart) in turns:
            if (m := _TURN.match(ln.text)) and _is_role(label := m.group("name").strip(), cfg):
                if label != name:
                    held[label.lower()] = name  # "The Chair (Hon. Anthony Rota (…)): …"
                elif not m.group("org") and label.lower() in held:
                    name = held[label.lower()]  # then "The Chair: …" is the same person
            labelled[id(ln)] = ln.start, ln.text
            ln.turn = (name, org)
            ln.start, ln.text = ustart, doc.text[ustart : ln.end]  # the content is the utterance
    # a Teams or Zoom export: "Jane Doe  10:02 AM" alone on its line, the speech below it
    headers = {} if transcript else _speaker_headers(lines, cfg)
    for i, (name, org) in headers.items():
        ln = lines[i]
        ln.turn, ln.start, ln.text = (name, org), ln.end, ""  # the utterance is on the lines below
    transcript = transcript or bool(headers)
    speech = not transcript and _speech_without_speakers(lines, cfg)

    section = "discussion"
    topic: str | None = None
    agenda: list[tuple[str, int, int]] = []
    topics: list[tuple[str, int, int]] = []
    title_starts = {b.start for b in doc.blocks if (b.style or "").lower() == "title"}
    seen_turn = False
    att_cols: dict[str, int] | None = None  # the columns of the attendee table being read
    under_header = False  # on the lines of speech below a Teams/Zoom speaker header
    # under a written section's heading ("## Decisions", "Action items:") after the turns of a
    # transcript: its lines are minutes, not speech going on, up to the next turn
    written = False
    # "Attendees: A, B," wrapped: the list goes on on the next line; (section, True) where a PDF wrapped an
    # agenda in the middle of an entry ("… Demo" / "and extension …"), the next line's first part ends it
    list_tail: tuple[str, bool] | None = None
    agenda_bullets = False  # the agenda being read lists its entries as bullets: a line that is none ends it
    widths = sorted(ln.end - ln.raw_start for ln in lines)
    full = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    for i, ln in enumerate(lines):
        tail, list_tail = list_tail, None
        if ln.turn and written and ln.bullet and id(ln) in labelled:
            # "- Marta Sousa: circulate the budget by 31 March" under "Action items": an entry, not a turn
            ln.turn = None
            ln.start, ln.text = labelled[id(ln)]
        if ln.turn:
            seen_turn = True
            name, org = ln.turn
            people.add(name, org)
            ln.section = "transcript" if transcript else section
            under_header = bool(headers)
            written = False
            continue
        if under_header:
            if not _section_line(ln, cfg):
                ln.section = "transcript"  # under a speaker header a line is speech ("Agreed." too)
                continue
            under_header = False  # a section heading ends the speech: "Action items" is read as minutes
        md = _MD_HEADING.match(doc.text[ln.raw_start : ln.end])
        k = bisect.bisect_right(block_starts, ln.start) - 1
        is_block_heading = k >= 0 and blocks[k][0] <= ln.start < blocks[k][1]
        kv = _KEY_VALUE.match(ln.text) or (None if transcript else _key_cell(
            ln.text, cfg, lines[i - 1].text if i else "", lines[i + 1].text if i + 1 < len(lines) else ""))
        key = kv.group("key").strip().lower() if kv else None
        value = kv.group("value") if kv else ""
        vstart = ln.start + kv.start("value") if kv else ln.start

        if tail and not (transcript or speech) and not ln.bullet and _list_continuation(lines[i - 1], ln, doc.text) and not (
                kv and key and (_section_of(key, cfg) or any(rx.match(key) for rx in cfg.meta.values()))) and not _section_line(ln, cfg):
            # "Attendees: [PERSON10], …, [PERSON12]," / "[PERSON6]": a PDF or a hard-wrapped text wrapped
            # the list; its next line goes on with it
            sec, mid = tail
            n = len(agenda)
            _section_entry(ln, sec, people, agenda, cfg, inline=True)
            if mid and 0 < n < len(agenda):
                t, a, _ = agenda[n - 1]
                t2, _, b = agenda.pop(n)
                agenda[n - 1] = (f"{t} {t2}", a, b)
            ln.heading, ln.section = "meta", "discussion"
            list_tail = _list_goes_on(ln, sec, doc.text, full)
            continue

        if i in in_mail:
            # an e-mail header: the subject is the title, the sender an attendee (not the one who
            # forwards), the date that of the earliest message (the forwarded one)
            ln.heading, section, topic = "meta", "discussion", None
            if key == "subject" and value.strip() and title is None:
                title = cfg.reply_prefix.sub("", value).strip()
            elif key == "from" and not forwarded and (m := _SENDER.match(value.strip())) and (
                    p := parse_attendee(m.group("name"), cfg, False)):
                people.add(*p)
                sender = p[0]
            elif key in ("sent", "date") and in_mail[i] == len(mail) - 1:
                mdate = parse_date(value) or mdate
            continue
        if i in fwd_lines:
            ln.heading, section, topic = "meta", "discussion", None
            continue
        # meta lines
        if kv and key and cfg.meta["date"].match(key) and mdate is None:
            mdate = parse_date(value)
            if mdate:
                continue
        if kv and key and cfg.meta["title"].match(key) and value and title is None and not _section_of(key, cfg):
            title = value.strip()
            continue
        # "Next meeting: Wednesday 5 November" is no task, and not this meeting's date; "Next meeting will be
        # on 21st July." under "Decisions": the date, no decision. A task said after it is one ("Next meeting
        # on 10 June: Ana to circulate the agenda by 8 June."): the line is read from the task on.
        nm = (kv.start("value") if kv and key and cfg.meta["next_meeting"].match(key) else None)
        if nm is None and not (transcript or speech) and (m := _NEXT_MEETING.match(ln.text)) and find_dates(ln.text):
            nm = m.end()
        if nm is not None:
            if (task := _task_after(ln.text, nm)) is None:
                ln.heading = "meta"
                continue
            ln.start, ln.text = ln.start + task, ln.text[task:]
            kv, key, value, vstart = None, None, "", ln.start
        if not (transcript or speech) and i in signature:
            ln.heading = "meta"  # "Thanks," / "Best regards" and the signature under it end the last section
            if not _is_closing(ln, cfg) and i >= last_message:
                signer = _signature_line(ln.text, signer, people, cfg)
            continue
        if not (transcript or speech) and _is_closing(ln, cfg):
            ln.heading = "meta"  # "Thanks everyone!" above the notes, "Thanks" among them: no item
            continue
        if transcript and seen_turn and key in _NOT_SPEAKERS and not _section_of(key, cfg):
            ln.heading = "meta"  # "Note: recording started late" is not somebody's utterance
            continue
        sig = _SIGNOFF.match(f"{key}: {value}") if kv is not None and kv.re is _KEY_CELL else _SIGNOFF.match(ln.text)
        if sig and not ln.bullet:
            _add_attendees(sig.group("names"), people, cfg)
            continue

        heading_text = None
        if md:
            heading_text = md.group(2)
        elif is_block_heading:
            heading_text = ln.text
        elif kv and key and _section_of(key, cfg):
            heading_text = kv.group("key")
        elif (not ln.bullet and _section_of(ln.text, cfg)) or (
            not ln.bullet and ln.text.endswith(":") and len(ln.text.split()) <= 8
        ) or (ln.text.isupper() and len(ln.text.split()) <= 8 and len(ln.text) > 3):
            heading_text = ln.text
        elif not (transcript or speech) and not kv and _list_heading(lines, i, doc.text, full, people, section, cfg):
            heading_text = ln.text  # "Discussing the demo" between two lists: its bold is lost in a PDF

        if heading_text is not None:
            sec = _section_of(heading_text, cfg)
            ln.heading = _norm_heading(heading_text)
            written = sec in _WRITTEN_SECTIONS
            agenda_bullets = False
            if sec:
                section = sec
                topic = None
            else:
                section, topic = "discussion", ln.heading
                if ln.heading and not (transcript and seen_turn) and (kv is None or not value):
                    topics.append((ln.heading, ln.start, ln.start + len(ln.text.rstrip(":").rstrip())))
            ln.section = section
            # the first line, or a Word "Title" paragraph, is the title; as a Word or Markdown heading
            # also where it reads "Minutes: Including the EP transcripts" (not "Attendees: …")
            if title is None and (i == 0 or ln.start in title_starts) and not sec and (
                    not kv or ((md or is_block_heading) and _section_of(key, cfg) in (None, "discussion"))):
                title = ln.heading
                mdate = mdate or parse_date(ln.text)
                if topics and topics[-1][1] == ln.start:
                    topics.pop()  # the title is no topic of the meeting
                if kv:
                    continue
            if kv and value.strip():
                # "Attendees: A, B" / "Decision: …" — the value is content of that section
                ln.start, ln.text, ln.heading = vstart, doc.text[vstart : ln.end], None
                ln.section = section
                if sec in ("attendees", "apologies", "agenda"):
                    _section_entry(ln, sec, people, agenda, cfg, inline=True)
                    list_tail = _list_goes_on(ln, sec, doc.text, full)
                if sec not in ("decisions", "actions", "disagreements", "goals"):
                    # "Attendees: A, B" is complete on its line; "Agenda: a, b" too
                    section = "discussion"
                    ln.heading = "meta"
                else:
                    # a one-line "Decision: …" does not open a section for the lines below it
                    if not ln.bullet and (i + 1 >= len(lines) or not lines[i + 1].bullet):
                        section = "discussion"
                        ln.section = sec
            continue

        # a transcript's first line is its title where it is no turn and no sentence ("Meeting of the
        # steering committee" over "Attendees: …" and the turns)
        if i == 0 and title is None and not ln.bullet and len(ln.text) <= 120 and not speech and not (
                transcript and (ln.turn or ln.text.rstrip().endswith((".", "?", "!", ","))
                                or ln.text.lstrip().startswith(("<", "(", "[")))):  # ELITR's "<another_language/>"
            title = _norm_heading(ln.text)
            ln.heading = title
            mdate = mdate or parse_date(ln.text)
            continue
        # a date line near the top; not a table row ("Date | The partners agreed to move the launch to 5 July":
        # a note in a table of topics, no key and value; "Ana | Send the deck | 5 June 2020": a due date)
        if mdate is None and i < 6 and len(ln.text) < 80 and "|" not in ln.text and (d := parse_date(ln.text)):
            mdate = d
            ln.heading = "meta"
            continue
        cells = row_cells(ln.text) if section in ("attendees", "apologies") else None
        if cells is None:
            att_cols = None
        elif (found := _attendee_columns(cells)) is not None:
            att_cols = found  # "Name | Organisation | Role": the header of an attendee table, no person
            ln.section, ln.heading = section, "table"
            continue
        # a non-bullet line after a list section, less indented, ends it
        if section in ("attendees", "apologies") and not ln.bullet and cells is None and len(ln.text.split()) > 8 and not (
                _names_line(ln.text, cfg)):
            section = "discussion"
        if section == "agenda" and agenda_bullets and not ln.bullet and not (ln.indent or ln.text[:1].islower()) and not (
                i + 1 < len(lines) and lines[i + 1].bullet and not _body_line(lines[i + 1].text)):
            # (an indented or lower-case line goes on with the entry above: "- Hiring plan" / "  details of the roles")
            section = "discussion"  # an agenda of bullets ends at the first line that is none (a PDF's heading)
        if section == "agenda" and ln.bullet:
            agenda_bullets = True
        if section == "discussion" and not (transcript or speech) and (m := cfg.attendee_lead.search(ln.text)):
            _add_attendees(m.group("names"), people, cfg)  # "… a quick summary. On the call: Ana and Ben (Acme)."
        ln.section = "transcript" if transcript and seen_turn and not headers and not written else section
        ln.topic = topic
        if section == "attendees" and cells is not None:
            _attendee_row(cells, att_cols, people, cfg)
            ln.heading = "list"
        elif section in ("attendees", "apologies", "agenda"):
            _section_entry(ln, section, people, agenda, cfg, inline=False)
            ln.heading = "list"

    if mdate is None:
        mdate = parse_date(doc.name.replace("_", " "))
    for header in getattr(doc, "page_headers", ()) if mdate is None else ():
        # a Word page header: "ELITR call — Thursday 6 February 2020"; after the file name's date, and
        # not a template's "last updated 1 March 2019" or "Version 3, 2 May 2018"
        if not _HEADER_NOT_MEETING.search(header):
            mdate = mdate or parse_date(header)
    headers = {} if transcript or speech else _person_headers(doc, lines, people, cfg)
    for i, (names, _) in headers.items():
        for name in names:
            people.add(name)  # a name over items of their own: that person was there
        lines[i].heading = lines[i].heading or "person"  # "Alice:" is no item of Alice's
    if not agenda:
        # without an agenda, the topic headings the notes are organised by are the agenda; not the
        # person headings of notes kept per attendee ("Ondrej Havel" over his updates), not a bare
        # placeholder ("[URL]", "[ANNOTATOR2][PERSON8]"), and not one heading alone ("Summary of meeting")
        topics = [t for t in topics if not _TAGS_ONLY.fullmatch(t[0]) and not (
            _People.key(t[0]) in people.names or (_PERSONISH.match(t[0]) and people.find(t[0])))]
        agenda = topics if len(topics) >= 2 else []
    listed = any(ln.section == "attendees" for ln in lines) or bool(people.order and not transcript)
    return _Parsed(lines, title, mdate, people, agenda, transcript, listed, speech, None if forwarded else sender or signer,
                   headers=headers)


# a list on one line that goes on on the next: it ends on a separator or on "and"
_LIST_OPEN_END = re.compile(r"(?:[,;&]|\band)\s*$")
_SENTENCE_END_MARKS = (".", "!", "?", ",", ";")
_TAGS_ONLY = re.compile(r"(?:\[[A-Z]+\d*\][\s,&]*)+")  # "[PERSON3]", "[ANNOTATOR2][PERSON8]": a person's header


# a line that says something of its own: a verb of a task or of what was settled ("We agreed to …", "Decided to …")
_SENTENCE_VERB = re.compile(r"\b(?:will|shall|agreed|agrees|decided|decides|approved|should|must)\b|'ll\b", re.I)


def _list_continuation(prev: Line, ln: Line, text: str) -> bool:
    """Whether ``ln`` can be the rest of the list ``prev`` left open ("[PERSON12]," / "[PERSON6]"): not
    after a blank line, and no sentence of its own: no sentence opening ("We agreed …", "Ana Ruiz will
    …"), no full stop at its end, no verb of a task or a decision ("Decided to hold the workshop …")."""
    if text.count("\n", prev.end, ln.raw_start) >= 2:
        return False
    s = ln.text
    return not (_SENTENCE_OPENING.match(s) or s.endswith((".", "!", "?")) or _SENTENCE_VERB.search(s))


def _body_line(s: str) -> bool:
    """A sentence of the minutes' body, not a short entry of an agenda ("Travel", "Office move")."""
    return s.endswith((".", "!", "?")) or bool(_SENTENCE_OPENING.match(s))


def _list_goes_on(ln: Line, sec: str, text: str, full: int) -> tuple[str, bool] | None:
    """Whether the list on ``ln`` (an inline "Attendees: …" or "Agenda: …") goes on on the next line:
    it ends on a separator ("[PERSON12],"), or an agenda runs the full width of the text, no full stop
    at its end (a PDF wrapped it inside an entry)."""
    if _LIST_OPEN_END.search(ln.text):
        return sec, False
    width = ln.end - ln.raw_start
    if sec == "agenda" and not ln.text.endswith(_WRAP_END) and max(0.75 * full, _WRAP_FULL) <= width <= _WRAP_WIDTH:
        return sec, True  # (a line of a text that is not hard-wrapped, as long as it likes, wraps nowhere)
    return None


def _list_heading(lines: list[Line], i: int, text: str, full: int, people: _People, section: str | None, cfg: Config) -> bool:
    """A heading that lost its marks: a short line of its own between two lists, no bullet, no
    sentence ("Discussing the demo" in bold over its bullets; a PDF keeps the words, not the bold).
    The line above is a bullet that ends there (no wrapped line cut short: it ends a sentence or
    stops short of the text's width), the line below a bullet as deep or deeper; the line is no
    sentence that opens with its subject ("Ana will send it"), no name over its person's items,
    and opens in capitals. Not under "Decisions" or "Action items" (a short entry there, "Budget
    approved", is one of them), not a line a decision or action cue reads ("Budget approved"), not a
    name over the bullets that open with it ("Ben Carter" / "- Ben Carter will …")."""
    ln = lines[i]
    if ln.bullet or not 0 < i < len(lines) - 1 or ln.turn or ln.heading or section in ("decisions", "actions"):
        return False
    prev, nxt = lines[i - 1], lines[i + 1]
    s = ln.text
    if not (prev.bullet and nxt.bullet and not prev.turn and nxt.indent >= ln.indent) or len(s.split()) > 10 or (
            s.endswith(_SENTENCE_END_MARKS) or not s[0].isupper() or "|" in s):
        return False
    if _SENTENCE_OPENING.match(s) or _TAGS_ONLY.fullmatch(s) or people.listed(s) or nxt.text.startswith(s + " "):
        return False
    # (a terse note's "will be done" is no cue here: "Discussing how the presentation will be carried out" is a topic)
    if _match_cues(s, ("decision", "action"), cfg) or any(
            cid != "will_be_done" for _, cid, _ in _match_cues(s, ("decision", "action"), cfg, notes=True)):
        return False
    if section == "agenda" and not _body_line(nxt.text):
        return False  # "Also discussed" over more short entries of the agenda: a line of it
    last = text.rfind("\n", 0, prev.end) + 1  # the last physical line of the bullet above
    return text[prev.end - 1] in _WRAP_END or prev.end - last < max(0.75 * full, _WRAP_FULL)


def _depth(text: str, ln: Line) -> int:
    """How deep a line is nested: its indentation (tabs as four blanks) plus its bullet marks ("--" is 2)."""
    indent = text[ln.raw_start : ln.raw_start + ln.indent].expandtabs(4)
    return len(indent) + len(text[ln.raw_start + ln.indent : ln.start].strip())


_PERSON_TAGS = re.compile(r"\[PERSON\d+\](?:\s*(?:,|&|\band\b)\s*\[PERSON\d+\])*")
_PERSON_TAG = re.compile(r"\[PERSON\d+\]")
# the marks around a name that heads its items: "## ", "**Carol**", "Alice:", "Bob —", "**Dan:**"
_HEADER_LEAD = re.compile(r"^(?:#{1,6}[ \t]+)?[*_ \t]*")
_HEADER_TAIL = re.compile(r"[*_ \t]*(?:(?::|[ \t][-–—]+|[-–—]{2,})[*_ \t]*)?$")


def _person_headers(doc: Document, lines: list[Line], people: _People, cfg: Config) -> dict[int, tuple[tuple[str, ...], str]]:
    """Status notes that put each person on a line of their own with their items nested under it:
    "- [PERSON3]" over "-- adding the command …", "* Alice:" over "  - did X", "Bob —", "**Carol**" or
    "## Dan" over indented bullets. A line is such a header where it is only a name (its marks and a
    closing ":" or dash aside) and the next line is nested deeper, and the name is a person's by
    something the notes themselves say: ELITR's [PERSONn] tags ("tag"; never [PROJECTn] or
    [ORGANIZATIONn]) or an attendee the notes list ("attendee"; a one-word header may be a listed
    attendee's first name, a longer one must be a listed name: "Jordan Market Entry" is no "Jordan").
    Not spaCy alone, nor a name's shape: topic headings of the same form ("## Jira", "## Austin",
    "## Atlas", "Release Train") read as people as often as names do. Returns {index into
    ``lines``: (names, test)}; a line of several tags ("[PERSON5], [PERSON6]") names them all."""
    text = doc.text
    depths = [_depth(text, ln) for ln in lines]
    found: dict[int, tuple[tuple[str, ...], str]] = {}
    for i, ln in enumerate(lines):
        if ln.turn or i + 1 >= len(lines) or depths[i + 1] <= depths[i] or len(ln.text) > 80 or ln.heading in (
                "meta", "list", "table") or ln.section in ("attendees", "apologies", "agenda"):
            continue
        head = _HEADER_TAIL.sub("", _HEADER_LEAD.sub("", ln.text))
        if len(head) < 2:
            continue
        if _PERSON_TAGS.fullmatch(head):
            found[i] = (tuple(_PERSON_TAG.findall(head)), "tag")
            continue
        if "[" in head or not _PERSONISH.match(head) or len(head.split()) > 4:
            continue
        first = _People.key(head).split(" ")[0]
        if first in _NOT_SPEAKERS or first in _TOPIC_LABELS or first in _NOT_NAMES or first in _NOT_OWNER or (
                _section_of(head, cfg)) or _People.key(head) in _NOT_SPEAKERS | _TOPIC_LABELS:
            continue
        if who := people.listed(head):
            found[i] = ((who,), "attendee")
    return found


# a page header or footer date that is not the meeting's: a template's, a revision's, a print date
_HEADER_NOT_MEETING = re.compile(
    r"\b(?:updated|revised|revision|rev\.|version|template|printed|created|modified|saved|issued|effective|"
    r"copyright|generated|exported)\b|©|\bv\d", re.I)

# a line that gives the next meeting's date: "Next meeting will be on 21st July.", "The next call is Monday 3 pm"
_NEXT_MEETING = re.compile(
    r"^(?:the\s+)?next\s+(?:meeting|call|session|sync|telco|catch[- ]up)\b\s*(?::|[-–—]|will be\b|is\b|shall be\b|on\b|at\b|"
    r"in\b|scheduled\b|planned\b|set\b|takes? place\b|to be held\b|(?:will|to) take place\b)", re.I)


def _signature_line(text: str, signer: str | None, people: _People, cfg: Config) -> str | None:
    """A line of the signature under "Thanks,": the first name ("Maria", "Maria Rossi") is the
    signer, an attendee of their own notes; a line below it ("Alliance Manager, Helios Labs",
    "Helios Labs") gives the signer's organisation and is never a signer of its own. Returns
    the signer."""
    text = text.strip()
    p = parse_attendee(text, cfg, one_per_line=True)
    if p and (signer is None or p[0].split()[0] == signer.split()[0]):  # "Lena", then "Lena Vogt"
        people.add(*p)
        return p[0]
    if signer is None:
        return None
    if text != signer and (org := _organisation(text, cfg)) and (org != text or _looks_org(org) or _PERSONISH.match(org)):
        people.add(signer, org)
    return signer


def _speech_without_speakers(lines: list[Line], cfg: Config) -> bool:
    """Lines of speech with no speaker labels (an ASR transcript): many lines with words, few
    bullets, and a large share holding a spoken marker (limits in ``conf/minutes.yaml`` ``speech``)."""
    lim = cfg.speech_limits
    worded = [ln for ln in lines if has_words(ln.text)]
    if len(worded) < lim["min_lines"] or sum(ln.bullet for ln in worded) >= lim["max_bullets"] * len(worded):
        return False
    return sum(bool(cfg.speech.search(ln.text)) for ln in worded) >= lim["min_share"] * len(worded)


def _section_entry(ln: Line, sec: str, people: _People, agenda: list, cfg: Config, inline: bool) -> None:
    if sec == "attendees":
        words = ln.text.split()
        if len(words) >= 2 and all(any(rx.match(w) for rx in _ATTENDEE_COLUMNS.values()) for w in words):
            return  # "Name Organisation Role": the header of a table whose columns a PDF ran together
        if inline:
            entries = _attendee_entries(ln.text)
        elif ln.bullet:
            entries = [ln.text]  # one attendee per bullet: "Name, Org" is a name and its organisation
        else:
            entries = _attendee_entries(ln.text)
            if len(entries) == 2 and (_looks_org(entries[1]) or not _PERSONISH.match(entries[1].strip())):
                entries = [ln.text]
        for e in entries:
            if p := parse_attendee(e, cfg, one_per_line=len(entries) == 1):
                people.add(*p)
    elif sec == "agenda":
        if inline and not ln.text.strip():
            return
        parts = [ln.text] if not inline else [p for p in re.split(r"\s*[;,]\s*(?![^()]*\))", ln.text) if p.strip()]
        off = ln.start
        for p in parts:
            s = ln.text.find(p, off - ln.start) + ln.start
            agenda.append((p.strip(), s, s + len(p.strip())))
            off = s + len(p)


# ----------------------------------------------------------------------------- utterances

_SENT_SPLIT = re.compile(r"(?<=[.!?])[ \t]+(?=[\"'“(\[]?[A-Z0-9])")


def _split_long(text: str, start: int, limit: int = 220) -> list[tuple[int, int]]:
    """Sentence spans of a long turn (a regex split: transcripts are not prose); a stretch without
    a sentence end longer than ``utterance_chars`` (conf/minutes.yaml ``limits``) is cut at the last
    blank before it: a 5 MB line of words was one utterance that spaCy then refused (over its
    ``max_length``) or parsed for minutes."""
    if len(text) <= limit:
        return [(start, start + len(text))]
    cut = load_config().limits["utterance_chars"]
    spans, a = [], 0
    for m in _SENT_SPLIT.finditer(text):
        spans.append((a, m.start()))
        a = m.end()
    spans.append((a, len(text)))
    out = []
    for x, y in spans:
        while y - x > cut:
            k = max(text.rfind(" ", x + 1, x + cut), text.rfind("\t", x + 1, x + cut))
            k = k if k > x else x + cut
            out.append((x, k))
            x = k
        out.append((x, y))
    return [(start + x, start + y) for x, y in out if text[x:y].strip()]


_TAG = re.compile(r"<[^<>]{1,40}>")
_WORD = re.compile(r"[^\W_]")


def has_words(text: str) -> bool:
    """A letter or digit outside noise tags: "<laugh/>" or a bare "." is not an utterance."""
    return bool(_WORD.search(_TAG.sub("", text)))


def find_utterances(doc: Document, parsed: _Parsed | None = None) -> list[Utterance]:
    """Transcript utterances in text order (continuation lines belong to the last speaker); in
    speech without speaker labels, every line that is not a heading, with no speaker."""
    parsed = parsed or _parse(doc, load_config())
    out: list[Utterance] = []
    speaker = None
    for ln in parsed.lines:
        if ln.turn:
            speaker = ln.turn[0]
        elif ln.heading or (ln.section != "transcript" and not parsed.speech):
            continue
        for a, b in _split_long(ln.text, ln.start):
            a, b = _content_span(doc.text, a, b)
            if a < b and has_words(doc.text[a:b]):
                out.append(Utterance(speaker, a, b, doc.text[a:b]))
    return out


# ----------------------------------------------------------------------------- owners


_OWNER_NAME = (r"(?:@?\[[A-Z][A-Za-z]*\d*\]|@?(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?" + _UP + r"[\w'’\-]+(?:(?:\s+" + _PARTICLE
               + r"){0,2}\s+" + _NAME_PREFIX + "?" + _UP + r"[\w'’\-]+){0,2})(?:\s*\([^()\n]{1,60}\))?")
_OWNER_LEAD = re.compile(
    r"^(?:(?:action(?:\s+item)?|ai|ap|todo|to do)\s*[:\-–]\s*)?(?P<owner>" + _OWNER_NAME + r"(?:\s*(?:/|,|&|and)\s*" + _OWNER_NAME + r")*)"
    r"(?:\s*[:\-–]\s*(?:please\s+)?|\s+(?:to|will|shall|should|must|is to|are to|needs? to|has to|have to|agreed to|"
    r"promise[sd]? (?:to|that)|offer(?:s|ed) to|volunteer(?:s|ed) to|(?:is|are) going to|'ll)\b)"
)
# a task after the next meeting's date: "…: Ana to circulate the agenda", "…, Ben will send the deck", "…; please …"
_TASK_AFTER = re.compile(
    r"(?:^|(?<=[:;,.!?])|[ \t][-–—])[ \t]*(?P<task>(?P<who>" + _OWNER_NAME + r"|[Ww]e|I|[Ee]veryone|[Aa]ll)[ \t]+"
    r"(?:to|will|shall|should|must|needs? to|has to|have to|is to|are to)\b"
    r"(?![ \t]+be[ \t]+(?:confirmed|announced|held|decided|fixed|set|scheduled|arranged|circulated|sent)\b)|[Pp]lease\b)")


def _task_after_clause(seg: str, people: _People) -> re.Match | None:
    """A task given to a named attendee after a leading clause, inside the sentence: "Again deciding
    on a date, [PERSON15] will prepare the poll" (not at its start: ``_OWNER_LEAD`` reads that). The
    one named is an ELITR [PERSONn] tag or a listed attendee; "will not", "will be" give no task."""
    for m in _TASK_AFTER.finditer(seg):
        who = m.group("who")
        if m.start("task") == 0 or not who or re.fullmatch(r"[Ww]e|I|[Ee]veryone|[Aa]ll", who):
            continue
        if re.match(r"[ \t]+(?:not|never|be|have been|probably|maybe)\b", seg[m.end() :]):
            continue
        if re.fullmatch(r"\[PERSON\d+\]", who) or people.find(who):
            return m
    return None


def _task_after(text: str, pos: int) -> int | None:
    """Where a task starts in ``text`` after ``pos`` (the end of "Next meeting on 10 June"), if one does."""
    for m in _TASK_AFTER.finditer(text, pos):
        who = (m.group("who") or "").lower()
        if who not in WEEKDAYS and who not in MONTHS:  # "…, Monday will be …" is no one's task
            return m.start("task")
    return None


# terse notes: "Waiting for [PERSON13] to test this new segmenter."
_OWNER_AWAITED = re.compile(r"^waiting for (?P<owner>" + _OWNER_NAME + r")\s+to\b", re.I)
_OWNER_FIELD = re.compile(r"\b(?:owner|responsible|assigned to|who|lead)\s*[:=]\s*(?P<owner>" + _OWNER_NAME + r")", re.I)
_OWNER_TAIL = re.compile(r"[(\[]\s*(?P<owner>" + _OWNER_NAME + r")\s*[)\]]\s*[.;]?\s*$|\s[-–—]\s*(?P<owner2>" + _OWNER_NAME + r")\s*[.;]?\s*$")
_NOT_OWNER = {"the", "we", "it", "this", "that", "there", "they", "he", "she", "you", "i", "a", "an", "if", "in", "on",
              "for", "by", "next", "please", "action", "decision", "agreed", "all", "everyone", "each", "team", "due",
              "no", "yes", "also", "so", "and", "but", "then", "once", "when", "after", "before", "send", "check"}
# "So [PERSON10] should try it", "[PERSON5] and [PERSON11] should select the video": placeholders of
# an anonymised transcript (ELITR's) are names wherever they stand
_PLACEHOLDER = r"\[[A-Z][A-Za-z]*\d+\]"
_OWNER_PLACEHOLDER = re.compile(
    r"(?P<owner>" + _PLACEHOLDER + r"(?:\s*(?:,|and|&|/)\s*" + _PLACEHOLDER + r")*)\s+"
    r"(?:should|will|'ll|shall|must|needs? to|has to|have to|is going to|are going to|is to|are to"
    r"|(?:would|can|could)(?!\s+(?:be|have|not|never)\b)"  # "[PERSON11] would check"; not "would be happy"
    r"|(?:said|says|promised|offered|agreed)\s+(?:that\s+)?(?:he|she|they)?\s*(?:would|will|to))\b"
)
# "So I told [PERSON10] to be nasty", "ask [PERSON2] to check": the one told is the owner
_OWNER_TOLD = re.compile(r"\b(?:told|tell|asked|ask|want|wanted|need|needs|remind|reminded)\s+(?P<owner>" + _PLACEHOLDER
                         + r"(?:\s*(?:,|and|&|/)\s*" + _PLACEHOLDER + r")*)\s+to\s+\w", re.I)
# a name at the end of the line that is the object of a verb or a preposition ("please contact
# [PERSON12].", "talk to [PERSON3]") is no owner in brackets
_OBJECT_BEFORE = re.compile(r"\b(?:contact|e-?mail|mail|ask|tell|call|ping|inform|remind|thank|meet|with|to|from|by|for|cc)\s*$",
                            re.I)
_FIRST_PERSON = re.compile(r"\b(?:i(?:'ll| will| shall| am going to|'m going to|'m gonna| can| could| need to| have to| must)|let me|i'll|my (?:task|job|homework) is)\b", re.I)
# a request to whoever is spoken to: "Could you try these metrics?", "you need to check it by Friday"
_YOU_TASK = re.compile(r"\b(?:can|could|would|will) you\b|\byou(?:'ll| will| should| need to| have to| must)\b|\bplease\b", re.I)
# "you" that is given no task: what the one spoken to knows or has seen ("You'll be aware that …",
# "you will have seen the figures"), what is done to them ("you will be sent a transcript": a
# passive names no owner) and what they will receive ("you'll have it by Friday", "you will get
# answers": someone else delivers it)
_YOU_AWARE = re.compile(
    r"you(?:'ll| will| would| should| must| may)(?:\s+(?:all|both|already|probably|certainly|of course|no doubt))?\s+"
    r"(?:have\s+(?:seen|heard|noticed|read|been aware|gathered)|be\s+(?:aware|pleased|glad|happy|delighted|interested|"
    r"surprised|familiar|relieved|reassured|disappointed|sorry)|know|remember|recall|see|notice|appreciate|understand|"
    r"agree|recogni[sz]e|forgive|excuse|imagine)\b", re.I)
_YOU_PASSIVE = re.compile(r"you(?:'ll| will| would| should| must| may)(?:\s+(?:all|both|also|then|soon|shortly))?\s+be\s+"
                          r"(?:[a-z]+ed|sent|given|told|shown|taken|written|brought|kept|paid|made|met|left)\b(?!\s+to\s)", re.I)
_YOU_RECEIVE = re.compile(r"you(?:'ll| will| should)(?:\s+(?:all|both|also|then|soon|definitely))?\s+"
                          r"(?:have|get|receive)\s+(?:it|them|this|that|these|those|the|a|an|your|all|some|our|my|access|answers|"
                          r"feedback|results)\b", re.I)
# "you two, who'll be working on this", "both of you", "you guys": more than one person spoken to
_YOU_PLURAL = re.compile(r"\byou\s+(?:two|three|four|both|all|guys|people|folks|lot)\b|\b(?:both|all|each|either|one|two|some)"
                         r"\s+of\s+you\b|\bthe\s+(?:two|three|four)\s+of\s+you\b|\by'?all\b", re.I)
# first-person plural commitments belong to the speaker (the item's party is the speaker's
# organisation): "We will do that in a Welsh context", "we'll send the figures"; not "we'll see"
_WE_COMMIT = re.compile(r"\bwe(?:'ll| will| shall| are going to|'re going to|'re gonna| are gonna)\s+(?:also\s+|then\s+|definitely\s+|"
                        r"certainly\s+|now\s+|just\s+)?(?!see\b|have\s+to\s+see\b|find\s+out\s+whether\b|be\s+(?:able|happy|glad|fine)\b)"
                        r"[a-z]+", re.I)
# someone else does what "we" or "I" will see to: "We'll have Ben send the figures", "we'll let Beta
# check the samples", "We will wait for Beta Corp to deliver", "We will need Beta Corp to sign",
# "We'll have the lawyers look at it" (the one named, or a group, owns it), "We'll need you to send
# the figures" (no owner here: the one spoken to); "we'll have the figures by Friday" is the speaker's
_DOER = (r"(?:(?P<name>" + _OWNER_NAME + r")(?<!['’]s)|(?P<group>(?i:the|our|your|their)\s+(?:\w+\s+)?\w+)"
          r"|(?i:you|them|him|her|someone|somebody|others|everyone))\s+")
_OTHER_DOER = re.compile(
    r"(?i:\b(?:we|i)(?:['’]ll| will| shall| are going to| am going to|['’]re going to|['’]m going to|['’]re gonna|['’]m gonna|"
    r" would| need to| have to)?\s+(?:also\s+|then\s+|just\s+|first\s+)?)"
    r"(?:(?P<to>(?i:need|want|ask|expect|get|wait\s+(?:for|on)|rely\s+on|count\s+on|depend\s+on|leave\s+it\s+to))|(?i:have|let|make))\s+"
    + _DOER + r"(?(to)(?i:to)\s+|(?!(?i:know|by|at|on|in|for|from|with|before|after|and|or|back|ready|done|here|there|off|"
    r"available|now|today|tomorrow)\b))[a-z]+")
_NOT_DOER = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
                       r"august|september|october|november|december)\b", re.I)
# "we'll discuss it at the next meeting", "we will decide next week": the meeting's business, no one's task
_WE_TOGETHER = re.compile(r"\bwe(?:['’]ll| will| shall| are going to|['’]re going to|['’]re gonna| are gonna)\s+(?:also\s+|then\s+|just\s+)?"
                          r"(?:discuss|talk|decide|meet|reconvene|revisit|come back to|return to|continue|pick (?:it|this|that) up|"
                          r"see|have to see|find out whether)\b", re.I)


def _other_doer(text: str) -> tuple[bool, str | None]:
    """(whether "we"/"I" have someone else do the task, that one where named) (``_OTHER_DOER``);
    not after a task of the speaker's own ("I'll send the deck and we'll ask Ben to review it")."""
    m = _OTHER_DOER.search(text)
    if m is None or any(o and o.start() < m.start() for o in (_FIRST_PERSON.search(text), _WE_COMMIT.search(text))):
        return False, None
    if m.group("name"):
        if _NOT_DOER.match(m.group("name")):
            return False, None  # "we'll have Monday off"
        return True, _clean_owner(m.group("name"))
    if m.group("group") and load_config().owner_group.match(m.group("group").split()[-1]):
        return True, m.group("group")
    return (m.group("group") is None), None


# "I will ask whether [PERSON2] will join", "If [PERSON2] should fail, ...": not an assignment
_NOT_ASSIGNED = re.compile(r"\b(?:if|whether|when|unless|ask|asks|asked)\s*$", re.I)
_ALL_OWNER = re.compile(r"^(?:all|everyone|everybody|each (?:partner|member|party)|all (?:partners|members|parties))\b\s*(?:to|will|should|must)\b", re.I)


def _clean_owner(s: str) -> str | None:
    s = re.sub(r"\s*\([^()]*\)", "", s).strip().lstrip("@").strip(" :-–")
    first = s.split()[0].lower() if s.split() else ""
    if not s or first in _NOT_OWNER or load_config().shouted.fullmatch(s):  # "PROFANITY FILTERING": a topic
        return None
    return s


# the rules that name an action item's owner (explanations added to an item found otherwise; a
# report tells them from the rules and models that found the item)
OWNER_RULES = frozenset({"owner_field", "owner_lead", "owner_awaited", "owner_all", "owner_tail", "owner_placeholder",
                         "owner_told", "owner_first_person", "owner_we", "owner_addressee", "owner_spoken_to",
                         "owner_delivery", "owner_subject", "owner_parent_bullet"})


def owner_of(text: str, speaker: str | None = None, author: str | None = None) -> tuple[str | None, str | None]:
    """(owner, rule) of an action item by pattern; (None, None) when no pattern names one.
    ``speaker``: the transcript speaker, the "I" and the "we" of the item; ``author``: the one
    who wrote the notes, their "I" only ("We will contact the suppliers" in e-mailed notes is the
    team's, not the sender's). Where "we" or "I" have someone else do it ("We'll have Ben send the
    figures", "we will wait for Beta Corp to deliver") the one named owns it, or no one."""
    for rx, rule in ((_OWNER_FIELD, "owner_field"), (_OWNER_LEAD, "owner_lead"), (_OWNER_AWAITED, "owner_awaited")):
        m = rx.search(text) if rule == "owner_field" else rx.match(text)
        if m and (o := _clean_owner(m.group("owner"))):
            return o, rule
    m = _ALL_OWNER.match(text)
    if m:
        return "All", "owner_all"
    m = _OWNER_TAIL.search(text)
    if m and not _OBJECT_BEFORE.search(text, 0, m.start()) and (o := _clean_owner(m.group("owner") or m.group("owner2"))):
        return o, "owner_tail"
    m = _OWNER_TOLD.search(text)
    if m:
        return m.group("owner").replace("[", "").replace("]", ""), "owner_told"
    m = _OWNER_PLACEHOLDER.search(text)
    if m and not _FIRST_PERSON.search(text, 0, m.start()) and not _NOT_ASSIGNED.search(text, 0, m.start()):
        return m.group("owner").replace("[", "").replace("]", ""), "owner_placeholder"
    other, named = _other_doer(text)
    if named:
        return named, "owner_told"
    if other:
        return None, None
    if (speaker or author) and _FIRST_PERSON.search(text):
        return speaker or author, "owner_first_person"
    if speaker and (m := _WE_COMMIT.search(text)) and not _request_before(text, m.start()) and not _WE_TOGETHER.match(text, m.start()):
        return speaker, "owner_we"
    return None, None


def _request_before(text: str, pos: int) -> bool:
    """Whether a request to the one spoken to comes before ``pos``: "Could you send the slides,
    and we'll review them" asks the other first."""
    return any(m.start() < pos for m in _you_tasks(text))


def _you_tasks(text: str) -> list[re.Match]:
    """The requests to whoever is spoken to (``_YOU_TASK``), less the "you" given no task:
    "you'll be aware", "you will be sent", "you'll have it by Friday"."""
    out = []
    for m in _YOU_TASK.finditer(text):
        you = text.lower().find("you", m.start(), m.end())
        if you >= 0 and any(rx.match(text, you) for rx in (_YOU_AWARE, _YOU_PASSIVE, _YOU_RECEIVE)):
            continue
        out.append(m)
    return out




# "I think Ana will send it", "I know that the designers are gonna work on it": the one said to act
# is the subject of the clause the speaker reports, not the speaker (word forms: no lemmatizer runs)
_REPORTING = re.compile(r"(?:know|knew|think|thought|guess|believe|suppose|hope|expect|mean|meant|say|said|feel|felt|assume|"
                        r"reckon|understand|understood|imagine|suspect|bet|gather|trust|presume)(?:s|d|ed)?", re.I)


def _owner_by_parse(sdoc, speaker: str | None, author: str | None = None) -> str | None:
    """The grammatical subject of the main verb, when it names a person, an organisation or a
    group ("the designers") (spaCy); "I" and "we" are the speaker ("we" not in a clause of
    "if" or "so that", nor where someone else does it or the meeting will discuss it: see
    :func:`owner_of`); the author of written notes is their "I" only. A name set off by commas
    beside another subject is the one spoken to ("Of course, Suzy, we are working on it"); the
    subject of a passive is not its doer ("you will be sent a transcript"), the agent is; after
    "I think / I know that" the subject of the clause reported owns it."""
    if _other_doer(sdoc.text)[0] or _WE_TOGETHER.search(sdoc.text):
        return None
    for root in (t for t in sdoc if t.dep_ == "ROOT"):
        if (first := _before_so(root)) is not None:
            # "All papers should be submitted by Friday, so the reviewers have 2 weeks": spaCy makes the
            # consequence the main clause; its subject receives the work, the clause before ", so" says who does it
            owner = _subject_owner(sdoc, first, speaker, author=author)
            if owner is not None or not any(c.lower_ in ("will", "shall", "'ll") for c in root.children if c.dep_ == "aux"):
                return owner or None
            # "The report is late, so Ben Carter will send it by Monday": the clause before names no doer;
            # the task after ", so" is its subject's own
        if owner := _subject_owner(sdoc, root, speaker, author=author):
            return owner
    return None


def _before_so(verb):
    """The clause before a ", so …" that spaCy hangs under the consequence's verb (a clausal
    complement or adverbial clause of ``verb`` before it, ``verb`` modified by "so"); None if none."""
    if not any(c.lower_ == "so" and c.dep_ in ("advmod", "mark", "cc") and c.i < verb.i for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.i < verb.i), None)


def _subject_owner(sdoc, verb, speaker: str | None, depth: int = 0, author: str | None = None) -> str | None:
    """The owner ``verb``'s subject names; "" when the subject is there but names no owner (a
    passive without its agent, "they" in a reported clause), None when no subject of it says."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:
        subjects = [t for t in subjects if not (t.i + 1 < len(sdoc) and sdoc[t.i + 1].text == ",")]  # vocative
    for tok in subjects:
        if tok.dep_ == "nsubjpass":
            agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is None or _NOT_DOER.fullmatch(agent.text):
                return ""  # no agent, or "sent by Friday": a date, no doer
            tok = agent
        if tok.lower_ == "i" and _REPORTING.fullmatch(verb.text) and depth < 2:
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is not None and (owner := _subject_owner(sdoc, clause, speaker, depth + 1, author)) is not None:
                return owner
        if tok.lower_ == "we" and any(c.dep_ == "mark" for c in verb.children):
            return ""  # "So that we could get metrics", "if we can have the files": no commitment
        if tok.lower_ in ("i", "we") and speaker:
            return speaker
        if tok.lower_ == "i" and author:
            return author
        if tok.lower_ == "we" and author:
            return ""  # the notes' "we" is the team, not their author
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
            if owner := _clean_owner(sdoc[tok.left_edge.i : tok.i + 1].text):
                # "PERSON5 and PERSON11 will prepare the slides": both own it (names joined by "and")
                co, t = [owner], tok
                while len(co) < 6 and (t := next((c for c in t.children if c.dep_ == "conj" and (
                        c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG") or (c.pos_ == "NOUN" and c.text[:1].isupper()))),
                        None)) is not None:  # (spaCy tags "PERSON11" after "PERSON5 and" a noun)
                    if name := _clean_owner(sdoc[max(t.left_edge.i, tok.i + 1) : t.i + 1].text):
                        co.append(name)
                return " and ".join(co)
        elif tok.pos_ == "NOUN" and load_config().owner_group.match(tok.text):
            return sdoc[tok.left_edge.i : tok.i + 1].text
    # the clause reported names its own subject ("I think they should …"): that one, not the speaker
    return "" if depth and subjects else None


# ----------------------------------------------------------------------------- items


# what spaCy's tokenizer reads in time quadratic in its length: a run of punctuation (its prefix and
# suffix search cuts one character a pass: 4,000 ";" take 2 s, 40,000 minutes) and a long run without
# blanks (its URL pattern: a 40,000-character one 7 s). Such a run is no word of a sentence.
_TOKENIZER_SLOW = re.compile(r"(?<![^\w\s])(?<!_)(?P<punct>(?:[^\w\s]|_){20,})|(?<!\S)\S{200,}")


_RUN_END = re.compile(r"[.!?:;,)\]\"'’”]{1,3}$")


def _plain_run(m: re.Match) -> str:
    """A slow run of the same length that keeps the marks a sentence splitter reads: a punctuation
    run keeps its first mark ("...." → "." and blanks), a long word its closing marks ("https://….")."""
    run = m.group()
    if m.group("punct"):
        return run[0] + " " * (len(run) - 1)
    tail = _RUN_END.search(run)
    keep = tail.group() if tail else ""
    return "x" * (len(run) - len(keep)) + keep


def _for_spacy(text: str) -> str:
    """``text`` with the runs spaCy would read in quadratic time cut down to what a sentence needs
    (:func:`_plain_run`), of the same length: offsets into it still index ``text``."""
    return _TOKENIZER_SLOW.sub(_plain_run, text)


class _SpacyBudget:
    """The characters spaCy may still read for one document and one use (``spacy_chars`` in
    conf/minutes.yaml ``limits``): it reads some 20,000 characters a second, so a megabyte of
    action items or of long written lines took a minute. Texts are granted in order until the
    budget is spent; the rest go without (and a warning says so, once)."""

    def __init__(self, cfg: Config, warnings: list[str], what: str):
        self.left = cfg.limits["spacy_chars"]
        self.warnings, self.what = warnings, what

    def take(self, n: int) -> bool:
        if n <= self.left:
            self.left -= n
            return True
        if self.left >= 0:
            self.warnings.append(f"a long document: {self.what}")
            self.left = -1  # spent: later texts, however short, go without (text order kept)
        return False


def _pipe(texts: list[str], ner: bool):
    """spaCy over a batch of short texts (``coaltext.models.nlp``), unneeded components off."""
    if not texts:
        return []
    from .. import models

    pipe = models.nlp()
    off = [p for p in ("lemmatizer",) + (() if ner else ("ner",)) if p in pipe.pipe_names]
    return pipe.pipe((_for_spacy(t) for t in texts), batch_size=64, disable=off)


@dataclass
class _Cand:
    kind: str
    start: int
    end: int
    speaker: str | None
    score: float
    explanation: list[Explanation]
    owner: str | None = None
    due: str | None = None
    parent_owner: str | None = None  # the person a parent bullet or header names ("- Plan C [PERSON9]:")
    parent_where: str | None = None  # that header's line number and text


def _match_cues(text: str, kinds: Iterable[str], cfg: Config, notes: bool = False) -> list[tuple[str, str, str]]:
    """(kind, cue id, matched words) for every cue that fires (``notes``: the terse-notes cues)."""
    return [(kind, cid, m.group(0)) for kind, cid, m in _cue_matches(text, kinds, cfg, notes)]


def _cue_matches(text: str, kinds: Iterable[str], cfg: Config, notes: bool = False) -> list[tuple[str, str, re.Match]]:
    table = cfg.notes_cues if notes else cfg.cues
    return [(kind, cid, m) for kind in kinds for cid, rx in table.get(kind, ()) if (m := rx.search(text))]


_ENTRY_PREFIX = re.compile(
    r"^(?:(?P<kind>decision|decided|agreed|resolved|resolution|action(?:\s+item)?|ai|ap|todo|to do|objection|"
    r"disagreement|open issue|concern|goal|priority|position)\s*[:\-–]\s*)",
    re.I,
)
_PREFIX_KIND = {"decision": "decision", "decided": "decision", "agreed": "decision", "resolved": "decision",
                "resolution": "decision", "action": "action", "action item": "action", "ai": "action", "ap": "action",
                "todo": "action", "to do": "action", "objection": "disagreement", "disagreement": "disagreement",
                "open issue": "disagreement", "concern": "disagreement", "goal": "goal", "priority": "goal",
                "position": "goal"}


def _table_rows(lines: list[Line]) -> dict[int, dict[str, tuple[int, int]]]:
    """Table rows under a header that names an owner, a task or a due date ("Owner | Action | Due",
    Markdown or a Word table) → {line index: {column: (start, end)}}. Cells are taken by their
    place, so an empty cell (an unassigned task, a Word row "| Task | Friday") keeps the cells after
    it in their columns."""
    out: dict[int, dict[str, tuple[int, int]]] = {}
    header: list[str] | None = None
    for i, ln in enumerate(lines):
        # a row of two cells has one "|"; under a header it is a row of the table whose last cells are
        # empty (a Word row leaves its empty cells at the end out: "Ana | Annotate the data", no due date)
        if not ln.text.startswith("|") and ln.text.count("|") < (1 if header else 2):
            header = None
            continue
        body, pos = ln.text, 0
        if body.startswith("|") and body.endswith("|") and len(body) > 1:
            body, pos = body[1:-1], 1  # Markdown's outer pipes
        cells = []
        for part in body.split("|"):
            a = pos
            pos += len(part) + 1
            s = part.strip()
            off = a + part.find(s) if s else a
            cells.append((s, ln.start + off, ln.start + off + len(s)))
        filled = [c for c in cells if c[0]]
        if filled and all(re.fullmatch(r":?-{2,}:?", c[0]) for c in filled):
            ln.heading = "table"
            continue
        names = [c[0].lower() for c in cells]
        if header is None and any(re.search(r"\b(?:owner|who|responsible|due|deadline|when|action|task|what)\b", n) for n in names):
            header = []
            for n in names:
                if re.search(r"owner|who|responsible|assignee", n):
                    header.append("owner")
                elif re.search(r"due|deadline|when|date|by", n):
                    header.append("due")
                elif re.search(r"action|task|what|item|description", n):
                    header.append("task")
                else:
                    header.append("other")
            ln.heading = "table"
            continue
        if header:
            out[i] = {h: (c[1], c[2]) for h, c in zip(header, cells) if h != "other" and c[0]}
            ln.heading = "table"
    return out


_PLACEHOLDER_ONLY = re.compile(_PLACEHOLDER)
_AFTER_PREPOSITION = re.compile(r"\b(?:from|by|about|with|to|for|of|on|at|re|regarding|cc)\s*$", re.I)
# an action that names its own subject ("we will check the venue") is not the parent's
_OWN_SUBJECT = re.compile(r"^(?:we|they|i|you|he|she|everyone|all)\b", re.I)


def _parent_owners(doc: Document, parsed: _Parsed) -> dict[int, tuple[str, str]]:
    """Start offset of a line -> the person its parent names. Terse minutes put the owner on the
    bullet above ("- Plan C [PERSON9]:" then "-- stream ourselves with ffmpeg") or in a header
    ("- [PERSON8]" then "-- Will start visualization …"): a line that is only a person's name (a
    placeholder or a listed attendee, with or without ":"), or a short line ending in ":" that
    names one placeholder not after a preposition ("Feedback from [PERSON3]:" names no owner),
    owns the lines nested under it, up to the next line at its depth or shallower (depth:
    indentation plus bullet marks). A person header of status notes (:func:`_person_headers`:
    "* Alice:", "**Carol**", "Bob —") owns its items too. Returns the owner and the evidence: the
    header's line number and the test that made it a person."""
    out: dict[int, tuple[str, str]] = {}
    stack: list[tuple[int, str, str]] = []  # (depth, owner, evidence) of the open headers
    line_no, counted = 1, 0  # the line number of ``counted`` in the text (counted on, never from the start)
    for i, ln in enumerate(parsed.lines):
        if ln.turn:
            stack.clear()
            continue
        depth = _depth(doc.text, ln)
        while stack and depth <= stack[-1][0]:
            stack.pop()
        if stack:
            out[ln.start] = stack[-1][1:]
        line_no += doc.text.count("\n", counted, ln.start)
        counted = ln.start
        where = f"line {line_no}"
        head = ln.text.rstrip()
        name = head.rstrip(":").strip()
        names = _PERSON_TAG.findall(head)
        if i in parsed.headers:
            people, test = parsed.headers[i]
            if len(people) == 1:  # "[PERSON5], [PERSON6]" over their items: attendees, no one owner
                stack.append((depth, people[0], f"{where}: {people[0]} ({test})"))
        elif len(names) == 1 and len(_PLACEHOLDER_ONLY.findall(head)) == 1 and (name == names[0] or (
                head.endswith(":") and len(head.split()) <= 8 and not _AFTER_PREPOSITION.search(head.split(names[0])[0]))):
            stack.append((depth, names[0], f"{where}: {head}"))
        elif not names and len(name) <= 100 and (who := parsed.people.listed(name)):
            stack.append((depth, who, f"{where}: {head}"))  # the whole line is the attendee's name
    return out


_REPEAT_STOP = frozenset(
    "the and for with that this there these those from into will shall should would could must can has have had was were "
    "are been being not all any our their its his her them they who which what when also then than about please".split())


def _content_words(s: str) -> set[str]:
    """Words of three letters or more, lower-cased, without digits glued on ("4there") or common words."""
    return {w for w in re.findall(r"[^\W\d_]{3,}", s.casefold()) if w not in _REPEAT_STOP}


_NEGATIONS = frozenset({"not", "no", "never", "cannot", "nor", "neither", "without"})


def _negated_words(s: str) -> set[str]:
    """The content words within three words after a negation: "We decided not to renew the contract" → {"renew"}."""
    toks = re.findall(r"[^\W\d_]+(?:[’']t)?", s.casefold())
    out: set[str] = set()
    for i, t in enumerate(toks):
        if t in _NEGATIONS or t.endswith(("n't", "n’t")):
            out.update(w for w in toks[i + 1 : i + 4] if len(w) >= 3 and w not in _REPEAT_STOP)
    return out


def _same_person(a: str, b: str, people: _People) -> bool:
    """"Ana" and "Ana Ruiz" (one attendee, or a first name that opens the other name) are one person."""
    ka, kb = people.find(a) or _People.key(a), people.find(b) or _People.key(b)
    return ka == kb or (" " not in ka and kb.split(" ")[0] == ka) or (" " not in kb and ka.split(" ")[0] == kb)


_REPEAT_TRIES = 200  # listed entries a note is compared with at most (see _without_repeats)


def _without_repeats(cands: list[_Cand], text: str, people: _People) -> list[_Cand]:
    """Decisions and actions noted in the discussion that a "Decisions"/"Action items" section or
    an action table lists again ("Implement truecasing …" under a person's notes and as a row of
    the action table) are one item: the listed entry stays (it has the owner and due columns), the
    note is dropped. Same kind, three quarters or more of the content words of the shorter text
    (at least three) in the other, and nothing that tells them apart: not two owners ("Ana to
    review the report" is no repeat of "Ben to review the report"), not one negating what the other
    says ("We decided not to renew …" is no repeat of "Renew …"). An owner or a due date the note gives and the
    listed entry lacks moves onto the entry.

    Linear in practice: a listed entry is looked up by its rarest words only (two texts that share
    three or more words share one of the |words| - 2 rarest of each, in one order of rarity), not
    compared with every note (4,000 items took 107 s). Where the words are few and shared by
    thousands of entries (notes and actions of one template), a note is compared with the first
    ``_REPEAT_TRIES`` entries found by its rarest words only: 4,500 notes by 4,500 entries that
    all differed in owner took minutes; a real meeting lists a few dozen entries."""
    kinds = ("decision", "action")
    listed = [c for c in cands if c.kind in kinds
              and any(e.rule == "action_table" or e.rule.startswith("section:") for e in c.explanation)]
    if not listed:
        return cands
    listed_ids = {id(c) for c in listed}
    words = {id(c): _content_words(text[c.start : c.end]) for c in cands if c.kind in kinds}
    rarity = Counter(w for ws in words.values() for w in ws)

    def rarest(ws: set[str]) -> list[str]:
        return sorted(ws, key=lambda w: (rarity[w], w))[: len(ws) - 2]

    by_word: dict[tuple[str, str], list[_Cand]] = defaultdict(list)
    for e in listed:
        for w in rarest(words[id(e)]):
            by_word[(e.kind, w)].append(e)
    owners: dict[int, tuple[str | None, str | None]] = {}

    def owner(c: _Cand) -> tuple[str | None, str | None]:
        if id(c) not in owners:
            owners[id(c)] = (c.owner, "owner_column") if c.owner else owner_of(text[c.start : c.end])
        return owners[id(c)]

    def negated(c: _Cand) -> set[str]:
        return _negated_words(text[c.start : c.end])

    def repeats(c: _Cand, entry: _Cand) -> bool:
        a, b = words[id(c)], words[id(entry)]
        if len(a & b) < 0.75 * min(len(a), len(b)):
            return False
        # a statement and its negation are two items: "We decided not to renew the contract" is no repeat of
        # "Renew the contract" (a "don't" elsewhere, "ask for it if you don't have it", tells nothing)
        na, nb = negated(c), negated(entry)
        if (na & b) - nb or (nb & a) - na:
            return False
        (oc, _), (oe, _) = owner(c), owner(entry)
        return not (oc and oe and not _same_person(oc, oe, people))

    out: list[_Cand] = []
    for c in cands:
        if c.kind not in kinds or id(c) in listed_ids or len(words[id(c)]) < 3:
            out.append(c)
            continue
        seen: set[int] = set()
        entry = None
        for w in rarest(words[id(c)]):
            for e in by_word.get((c.kind, w), ()):
                if id(e) not in seen and len(words[id(e)]) >= 3:
                    seen.add(id(e))
                    if repeats(c, e):
                        entry = e
                        break
                    if len(seen) >= _REPEAT_TRIES:
                        break
            if entry is not None or len(seen) >= _REPEAT_TRIES:
                break
        if entry is None:
            out.append(c)
            continue
        # the note is dropped: what it says that the listed entry does not stays, on the entry
        (oc, rule), (oe, _) = owner(c), owner(entry)
        if oc and not oe and c.kind == "action":
            entry.owner = oc
            owners[id(entry)] = (oc, rule)
            entry.explanation.append(Explanation(method="pattern", rule=rule, matched=oc))
        if (c.kind == "action" and entry.due is None and resolve_due(text[entry.start : entry.end], None) is None
                and (dm := resolve_due(text[c.start : c.end], None)) is not None):
            entry.due = dm.phrase
    return out


def _minutes_candidates(doc: Document, parsed: _Parsed, cfg: Config) -> list[_Cand]:
    """Items from the minutes reading: sections, inline prefixes, cue sentences."""
    text = doc.text
    cands: list[_Cand] = []
    tables = _table_rows(parsed.lines)
    prose: list[tuple[int, int, str]] = []  # (start, end, section) of lines to sentence-split
    for i, ln in enumerate(parsed.lines):
        if i in tables:
            row = tables[i]
            if "task" in row:
                a, b = row["task"]
                owner = text[slice(*row["owner"])] if "owner" in row else None
                due_phrase = text[slice(*row["due"])] if "due" in row else None
                cands.append(_Cand("action", a, b, None, 0.9, [Explanation(method="heading", rule="action_table")],
                                   owner=owner, due=due_phrase))
            continue
        if ln.heading or ln.turn or ln.section in ("attendees", "apologies", "agenda", "transcript"):
            continue
        cell = _KEY_CELL.match(ln.text) if not parsed.transcript else None
        # a row of two cells, "Budget | Ana Ruiz will send the revised budget": the topic labels the note
        prose.append((ln.start + cell.start("value") if cell else ln.start, ln.end, ln.section))

    spans: list[tuple[int, int, str]] = []
    long_lines = [(a, b, s) for a, b, s in prose if _SENT_SPLIT.search(text[a:b])]
    spans.extend((a, b, s) for a, b, s in prose if not _SENT_SPLIT.search(text[a:b]))
    budget = _SpacyBudget(cfg, parsed.warnings, "the lines after the first "
                          f"{cfg.limits['spacy_chars']:,} characters of sentences were split at sentence marks, not by spaCy")
    granted = [budget.take(b - a) for a, b, _ in long_lines]
    for (a, b, s), ok in zip(long_lines, granted):
        if not ok:
            spans.extend((x, y, s) for x, y in (_content_span(text, x, y) for x, y in _split_long(text[a:b], a, 0)) if x < y)
    long_lines = [ln for ln, ok in zip(long_lines, granted) if ok]
    for (a, b, s), sdoc in zip(long_lines, _pipe([text[a:b] for a, b, _ in long_lines], ner=False)):
        for sent in sdoc.sents:
            sa, sb = _content_span(text, a + sent.start_char, a + sent.end_char)
            if sa < sb:
                spans.append((sa, sb, s))
    # "Ben Carter presented the roadmap; Ana Ruiz to review it next week.": in the notes (not under a
    # Decisions/Action items heading, whose entries are one item each), a clause after a semicolon that
    # gives an attendee a task is an item of its own
    split: list[tuple[int, int, str]] = []
    for a0, b, s in spans:
        a = a0
        for m in re.finditer(r";[ \t]+", text[a0:b]) if s not in SECTION_KIND else ():
            lead = _OWNER_LEAD.match(text[a0 + m.end() : min(b, a0 + m.end() + 300)])  # ("^" holds at a string's start only)
            if lead and (o := _clean_owner(lead.group("owner"))) and all(
                    parsed.people.find(x) for x in re.split(r"\s*(?:/|,|&|\band\b)\s*", o.replace("@", "")) if x):
                split.append((a, a0 + m.start(), s))
                a = a0 + m.end()
        split.append((a, b, s))
    spans = sorted(split)
    for a, b, sec in spans:
        seg = text[a:b]
        m = _ENTRY_PREFIX.match(seg)
        fixed = SECTION_KIND.get(sec)
        if m:
            kind = _PREFIX_KIND[m.group("kind").lower()]
            cands.append(_Cand(kind, a, b, None, 0.95, [Explanation(method="pattern", rule=f"prefix:{m.group('kind').lower()}", matched=m.group(0).strip())]))
            continue
        if fixed:
            cands.append(_Cand(fixed, a, b, None, 0.9, [Explanation(method="heading", rule=f"section:{sec}")]))
            if fixed in ("decision", "action"):
                # a disagreement noted inside the decisions section is still a disagreement
                for kind, cid, words in _match_cues(seg, ("disagreement",), cfg):
                    cands.append(_Cand(kind, a, b, None, 0.6, [Explanation(method="pattern", rule=cid, matched=words)]))
            continue
        lead = _OWNER_LEAD.match(seg)
        # "Ana:" alone on its line heads Ana's items (or nothing): no task of its own
        if lead and seg[lead.end() :].strip(" \t*_:-–—") and (o := _clean_owner(lead.group("owner"))) and (
            o.startswith("[") or all(parsed.people.find(x) for x in re.split(r"\s*(?:/|,|&|\band\b)\s*", o.replace("@", "")) if x)
        ):
            cands.append(_Cand("action", a, b, None, 0.8, [Explanation(method="pattern", rule="owner_to", matched=lead.group(0).strip())]))
        elif not lead and not parsed.speech and (mid := _task_after_clause(seg, parsed.people)):
            # "Again deciding on a date, [PERSON15] will prepare the internal poll …": a named attendee's
            # task after a leading clause
            cands.append(_Cand("action", a, b, None, 0.7, [Explanation(method="pattern", rule="owner_after_clause",
                                                                       matched=mid.group("task"))],
                               owner=mid.group("who")))
        for kind, cid, words in _match_cues(seg, ("decision", "action", "disagreement", "goal"), cfg):
            if kind == "action" and cid == "deadline" and not re.search(
                r"\b(?:will|shall|should|must|needs? to|has to|have to|is to|are to|please)\b", seg, re.I
            ):
                continue
            if kind == "decision" and cfg.negated_decision.search(seg):
                continue  # "did not reach a decision" is an open issue (the disagreement cues catch it)
            cands.append(_Cand(kind, a, b, None, 0.7, [Explanation(method="pattern", rule=cid, matched=words)]))
        if not parsed.speech and not cfg.negated_decision.search(seg):
            notes = _cue_matches(seg, ("decision", "action"), cfg, notes=True)
            settled = [m.span() for kind, _, m in notes if kind == "decision"]
            for kind, cid, m in notes:
                if kind == "action" and any(m.start() < e and s < m.end() for s, e in settled):
                    continue  # one phrase, one reading: "Will be arranged by doodle", "X is severely WANTED" say what is settled
                cands.append(_Cand(kind, a, b, None, 0.6, [Explanation(method="pattern", rule=f"notes:{cid}", matched=m.group(0))]))
    cands = _without_repeats(cands, text, parsed.people)
    parents = _parent_owners(doc, parsed)
    if parents:
        starts = [ln.start for ln in parsed.lines]
        for c in cands:
            if c.kind == "action" and (j := bisect.bisect_right(starts, c.start) - 1) >= 0:
                c.parent_owner, c.parent_where = parents.get(starts[j], (None, None))
    return cands


_TRANSCRIPT_DISAGREE = ("disagree", "open_issue")
_TRANSCRIPT_GOAL = ("our_goal", "org_goal", "org_needs", "important_for")
# a partner speaking for its organisation opens with its position: "We want to cut the programme
# budget", "We need a seat on the board" (the detector reads speech in context and misses such
# turns in a short exchange: 0.47 for that one after another speaker's "We want to expand …")
_ORG_POSITION = re.compile(
    r"^(?:(?:so|well|and|but|no|yes|ok(?:ay)?)\s*,?\s+)?we\s+(?:really\s+|also\s+|still\s+|only\s+|just\s+)?"
    r"(?:want|need|would like|'d like|intend|insist on|aim)\s+(?:to\s+)?\w",
    re.I,
)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_STANCE_WORDS = re.compile(r"\b(?:need|needs|must|require[sd]?|priority|but|however|disagree)\b", re.I)
_TAG_QUESTION = re.compile(r",\s*(?:right|okay|ok|agreed|yes|no|yeah|correct|isn't it|don't we|shall we)\s*\?\s*$", re.I)
_LEAD_IN = re.compile(r"^\W*(?:(?:and|so|but|well|okay|ok|first of all|firstly|finally|also|again|just|now|um|uh)\W+)*")
# what makes a sentence more than running the meeting where it stands outside the procedural phrase:
# a negation, an objection, a goal ("We're running out of time, but no, we won't accept …", "Thanks
# for joining; our goal is to launch …", "I can't hear Europe's objections being dismissed")
_NOT_PROCEDURE = re.compile(
    r"n['’]t\b|['’]d like\b|\b(?:not|never|nothing|cannot|disagree\w*|objections?|object(?:s|ed|ing)?|oppos\w*|reject\w*|"
    r"refus\w*|(?:un)?accept\w*|wrong|dismiss\w*|ignor\w*|against|premise|concerns?|concerned|problems?|doubts?|goals?|"
    r"aims?|objectives?|priorit\w*|targets?|wants?|wanted|needs?|must|require[sd]?|hope|intend\w*|plan(?:s|ned|ning)?|"
    r"wish\w*|would like|decisions?|decide\w*)\b", re.I)
# … a hedge on a call problem ("Chair, I don't think my microphone is muted") or an answer
# ("No, we can't hear Suzy") is none
_HEDGE = re.compile(r"\b(?:i|we) (?:don['’]t|do not) think\b|^\W*no\b", re.I)
# … nor the modal that leads into the procedure ("So we need to close this meeting", "You need to unmute yourself")
_PROCEDURE_MODAL = re.compile(r"(?:\b(?:we|you|i)\s*(?:really\s+)?)?(?:\b(?:need|needs|have|has|must|got|(?:are|am|is)\s+going)\s+to|"
                              r"\b(?:will|shall|must|gonna)|['’]ll)\s+$", re.I)
_FILLER = re.compile(r"(?:uh|um|er|erm|mm|hmm|vocalsound|disfmarker)$", re.I)  # and AMI's noise tags
_WORD_OF = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # a word, "don't" one
PROCEDURE_FEW = 5  # words in small letters outside the procedural phrases a procedural sentence may have (or as many as inside)


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+", text))


def _outside(sent: str, rx: Iterable[re.Pattern]) -> tuple[str, int]:
    """The words of ``sent`` outside every match of ``rx`` (hedges dropped), and how many words
    those matches (and a modal before one) cover."""
    spans = sorted(m.span() for r in rx for m in r.finditer(sent))
    parts, pos, inside = [], 0, 0
    for a, b in spans:
        if b <= pos:
            continue
        a = max(a, pos)
        if m := _PROCEDURE_MODAL.search(sent, pos, a):
            a = m.start()
        parts.append(sent[pos:a])
        inside += len(_WORD_OF.findall(sent[a:b]))
        pos = b
    parts.append(sent[pos:])
    return _HEDGE.sub(" ", " ".join(parts).strip()), inside


def _procedural(text: str, kind: str) -> bool:
    """Whether an utterance only runs the meeting (``procedure`` in conf/minutes.yaml): every
    sentence is about the call ("we can't hear Suzy"), the floor ("that will have to be the last
    question") or, for a goal, thanks and welcomes, or is a word or two ("Suzy?", "No."). The call
    or floor phrases must be most of the sentence (``PROCEDURE_FEW`` words outside them, or no
    more than inside); thanks count where the sentence opens with them or is short (25 words).
    Nothing outside those phrases may negate, object or state a goal: "We're running out of time,
    but no, we won't accept an exclusivity clause" and "Thank you for coming, we'd like to reach a
    decision on pricing today" say more than that."""
    conf = load_config().procedure
    found = False
    for sent in _SENTENCE_END.split(text.strip()):
        n = _words(sent)
        if n <= 2:
            continue
        rest, inside = _outside(sent, (conf["mechanics"], conf["floor"]))
        # names and titles ("Mr. Redekopp", "Janet") and fillers are no more business: other words in small letters count
        few = len([w for w in _WORD_OF.findall(rest) if not w[0].isupper() and not _FILLER.match(w)]) <= max(PROCEDURE_FEW, inside)
        if inside and few and not _NOT_PROCEDURE.search(rest):
            found = True
            continue
        if kind == "goal" and (m := conf["courtesy"].search(sent)):
            rest = _outside(sent, (conf["courtesy"],))[0]
            if not _STANCE_WORDS.search(rest) and not _NOT_PROCEDURE.search(rest) and (
                    n <= 25 or m.start() <= _LEAD_IN.match(sent).end()):
                found = True
                continue
        return False
    return found


def _procedural_once(text: str, kind: str, seen: dict[str, bool]) -> bool:
    """:func:`_procedural`, asked once per utterance and kind (``seen`` holds the answers)."""
    if kind not in seen:
        seen[kind] = _procedural(text, kind)
    return seen[kind]


def _question(text: str) -> bool:
    """An utterance that only asks ("Do you want 'em to roll it like that?"): it asks, no
    sentence of it ends with a full stop or "!" (a trailing fragment may follow: "… like that?
    'Cause in a mouse your hand's …,"), and it is no tag question ("We take the yellow one,
    agreed?")."""
    t = text.strip()
    return "?" in t and not re.search(r"[.!](?:\s|$)", t) and not _TAG_QUESTION.search(t)


def _detector_candidates(utts: list[Utterance], warnings: list[str], cfg: Config) -> list[_Cand]:
    """Items of the learned detectors: decisions and action items (``minutes_detector``),
    disagreements and stated goals (``stance_detector``); an item wherever one of their heads fires.
    A missing stance model leaves disagreements and goals to the cue patterns, with a warning."""
    from ..models import embedder
    from .minutes_model import detector, stance_detector

    cands: list[_Cand] = []
    if not utts:
        return cands
    texts = [u.text for u in utts]
    detectors = [detector()]
    try:
        detectors.append(stance_detector())
    except ModelUnavailable as exc:
        warnings.append(f"{exc}: disagreements and goals in speech come from cue patterns only")
    emb = None  # MiniLM vectors, computed once and only for a model trained with them
    for det in detectors:
        if det.uses_embeddings and emb is None:
            emb = np.asarray(embedder().encode(texts))
        scores = det.scores(texts, [u.speaker for u in utts], emb if det.uses_embeddings else None)
        for head, thr in det.threshold.items():
            for i in np.flatnonzero(scores[head] >= thr):
                u = utts[i]
                kind = det.heads[head]
                if kind == "decision" and cfg.negated_decision.search(u.text):
                    continue  # "Then we do not have an agreement on the split": the open-issue cue reads it
                if kind == "decision" and _question(u.text):
                    continue  # a question puts a choice; the answer decides it
                if kind in ("disagreement", "goal") and _procedural(u.text, kind):
                    continue  # "Chair, I don't think my microphone is muted." runs the call
                cands.append(_Cand(det.heads[head], u.start, u.end, u.speaker, round(float(scores[head][i]), 4),
                                   [Explanation(method="model", rule=f"{det.name}:{head}")]))
    return cands


def _transcript_candidates(doc: Document, parsed: _Parsed, utts: list[Utterance], cfg: Config,
                           warnings: list[str]) -> list[_Cand]:
    """Items from the transcript reading: the learned detectors (decisions and actions;
    disagreements and goals), plus cues ("we agree", a commitment with a due date, "I disagree",
    "our priority is")."""
    cands = _detector_candidates(utts, warnings, cfg)
    for u in utts:
        question = u.text.rstrip().endswith("?")
        if not question and (m := cfg.transcript_decision.search(u.text)) and not cfg.negated_decision.search(u.text):
            cands.append(_Cand("decision", u.start, u.end, u.speaker, 0.7,
                               [Explanation(method="pattern", rule="transcript:we_agree", matched=m.group(0))]))
        if (m := cfg.transcript_action.search(u.text)) and resolve_due(u.text, parsed.date) is not None:
            cands.append(_Cand("action", u.start, u.end, u.speaker, 0.7,
                               [Explanation(method="pattern", rule="transcript:commitment_with_due", matched=m.group(0))]))
        if question:
            continue  # a question states no goal and no objection
        # thanks, the floor, the call itself; thanks are no goal but may open an objection ("Thank
        # you for that, I don't accept those numbers though")
        # (asked only where a cue matched: reading every utterance for it was a fifth of the time)
        procedure: dict[str, bool] = {}
        if u.speaker and (m := _ORG_POSITION.match(u.text)) and parsed.people.org_of(u.speaker) and not (
                _procedural_once(u.text, "goal", procedure)):
            cands.append(_Cand("goal", u.start, u.end, u.speaker, 0.6,
                               [Explanation(method="pattern", rule="transcript:org_position", matched=m.group(0))]))
        for kind, cid, words in _match_cues(u.text, ("disagreement", "goal"), cfg):
            if _procedural_once(u.text, kind, procedure):
                continue
            if (kind == "disagreement" and cid in _TRANSCRIPT_DISAGREE) or (kind == "goal" and cid in _TRANSCRIPT_GOAL):
                cands.append(_Cand(kind, u.start, u.end, u.speaker, 0.6, [Explanation(method="pattern", rule=cid, matched=words)]))
    return cands


def _reply_of(utts: list[Utterance], starts: list[int], pos: int, speaker: str, people: _People,
              reach: int = 3) -> Reply | None:
    """What the disagreement at ``pos`` answers: the last utterance before it by someone other
    than ``speaker`` (names compared as attendees: "Ana" is "Ana Ruiz"), skipping backchannels of
    one or two words ("Yeah.", "Mm-hmm"), within ``reach`` turns of other speakers."""
    me = people.find(speaker) or speaker
    i = bisect.bisect_right(starts, pos) - 1
    turns, last = 0, None
    for j in range(i - 1, max(-1, i - 200), -1):
        u = utts[j]
        if u.speaker is None or (people.find(u.speaker) or u.speaker) == me:
            continue
        if u.speaker != last:
            turns, last = turns + 1, u.speaker
        if turns > reach:
            break
        if len(u.text.split()) > 2:
            return Reply(speaker=u.speaker, text=u.text, start=u.start, end=u.end)
    return None


_QUOTE_MARK = re.compile(r"[\"“”„«»]")


def _author_of(text: str, c: _Cand, parsed: _Parsed) -> str | None:
    """The author of the notes as the "I" of an item, where the author wrote it: not on a line
    quoted from an earlier message ("> I'll send the budget") nor in quoted speech
    ('Ben said "I'll send the contract"')."""
    if parsed.author is None:
        return None
    if text[text.rfind("\n", 0, c.start) + 1 : c.start].lstrip().startswith(">") or _QUOTE_MARK.search(text[c.start : c.end]):
        return None
    return parsed.author


def _finish(doc: Document, parsed: _Parsed, cands: list[_Cand], utts: list[Utterance] | None = None) -> list[MinutesItem]:
    """Owners, due dates and parties; one item per kind and stretch of text (overlapping
    candidates merge); ids in text order."""
    text = doc.text
    # one item per kind and stretch of text: the minutes reading and the detector may cut one
    # sentence differently (speech without speaker labels is read both ways)
    ordered: list[_Cand] = []
    last: dict[str, _Cand] = {}
    for c in sorted(cands, key=lambda c: (c.start, list(KIND_PREFIX).index(c.kind), -c.end)):
        prev = last.get(c.kind)
        if prev is not None and c.start < prev.end:
            prev.explanation.extend(e for e in c.explanation if e not in prev.explanation)
            prev.score = max(prev.score, c.score)
            prev.owner = prev.owner or c.owner
            prev.due = prev.due if prev.due is not None else c.due
            methods = {e.method for e in prev.explanation} - {"combined"}
            if len(methods) > 1 and not any(e.method == "combined" for e in prev.explanation):
                prev.explanation.append(Explanation(method="combined", rule="model+pattern"))
            continue
        ordered.append(c)
        last[c.kind] = c

    for c in ordered:
        if c.owner and any(e.rule == "owner_after_clause" for e in c.explanation):
            c.explanation.append(Explanation(method="pattern", rule="owner_lead", matched=c.owner))
    actions = [c for c in ordered if c.kind == "action" and c.owner is None]
    need_parse = []
    for c in actions:
        o, rule = owner_of(text[c.start : c.end], c.speaker, _author_of(text, c, parsed))
        if o:
            c.owner = o
            c.explanation.append(Explanation(method="pattern", rule=rule, matched=o))
        else:
            need_parse.append(c)
    firsts: dict[str, list[str]] = defaultdict(list)  # first names of the attendees → their keys
    for k in parsed.people.order:
        firsts[parsed.people.names[k].split()[0]].append(k)
    first_names = _Phrases(firsts)
    for c in list(need_parse):
        # "Mark, can you send it by Friday?" — the one attendee addressed is the owner
        seg = text[c.start : c.end]
        if re.search(r"\b(?:can|could|would|will) you\b", seg, re.I):
            me = parsed.people.find(c.speaker or "")
            named = {k for f in first_names.candidates(seg) if re.search(r"\b" + re.escape(f) + r"\b", seg)
                     for k in firsts[f] if k != me}
            if len(named) == 1:
                k = named.pop()
                c.owner = parsed.people.names[k]
                c.explanation.append(Explanation(method="pattern", rule="owner_addressee", matched=c.owner))
                need_parse.remove(c)
    if parsed.transcript:
        turn_starts = [ln.start for ln in parsed.lines if ln.turn]
        turn_speakers = [ln.turn[0] for ln in parsed.lines if ln.turn]
        for c in list(need_parse):
            seg = text[c.start : c.end]
            if not c.speaker:
                continue
            if _you_tasks(seg):
                if _YOU_PLURAL.search(seg):
                    need_parse.remove(c)  # a request to more than one ("you two", "both of you") has no one owner
                elif who := _spoken_to(turn_starts, turn_speakers, c.start, c.speaker):
                    c.owner = who
                    c.explanation.append(Explanation(method="pattern", rule="owner_spoken_to", matched=who))
                    need_parse.remove(c)
            elif (m := _YOU_RECEIVE.search(seg)) and not re.search(r"\bfrom\b", seg[m.end() :], re.I):
                # "you'll have it by Friday": the speaker delivers it (not "you'll get a reply from Ana")
                c.owner = c.speaker
                c.explanation.append(Explanation(method="pattern", rule="owner_delivery", matched=m.group(0)))
                need_parse.remove(c)
    budget = _SpacyBudget(load_config(), parsed.warnings, "the owners of action items after the first "
                          f"{load_config().limits['spacy_chars']:,} characters of them were read by the rules alone, not by spaCy")
    granted = [budget.take(c.end - c.start) for c in need_parse]
    sdocs = iter(_pipe([text[c.start : c.end] for c, ok in zip(need_parse, granted) if ok], ner=True))
    for c, ok in zip(need_parse, granted):
        sdoc = next(sdocs) if ok else None
        if sdoc is not None and (o := _owner_by_parse(sdoc, c.speaker, _author_of(text, c, parsed))):
            c.owner = o
            c.explanation.append(Explanation(method="pattern", rule="owner_subject", matched=o))
        elif c.parent_owner and not _OWN_SUBJECT.match(text[c.start : c.end]):
            c.owner = c.parent_owner
            c.explanation.append(Explanation(method="pattern", rule="owner_parent_bullet", matched=c.parent_where or c.parent_owner))

    items: list[MinutesItem] = []
    counters = {k: 0 for k in KIND_PREFIX}
    utt_starts = [u.start for u in utts or []]
    for c in ordered:
        due = None
        if c.kind in ("action", "decision"):
            phrase_src = c.due if c.due is not None else text[c.start : c.end]
            dm = _due_of(phrase_src, parsed.date, deadline_only=c.kind == "decision")
            if dm is not None:
                due = dm.value.isoformat() if dm.value else None
                c.explanation.append(Explanation(method="pattern", rule=f"due:{dm.rule}", matched=dm.phrase))
        owner = c.owner.strip() if c.owner else None
        if owner and (k := parsed.people.find(owner.lstrip("@"))) and not _CO_OWNERS.search(owner):
            owner = parsed.people.names[k]
        elif owner:
            # "PERSON5 and PERSON11": each name as the attendee list spells it, both kept (find() matched the first alone)
            owner = "".join(parsed.people.names[k] if j % 2 == 0 and (k := parsed.people.find(p.lstrip("@"))) else p
                            for j, p in enumerate(_CO_OWNERS.split(owner)))
        party = parsed.people.org_of(c.speaker) if c.speaker else None
        if party is None and c.speaker is None:
            party = _written_party(text[c.start : c.end], parsed)
        if party is None and c.speaker is None and owner:
            party = parsed.people.org_of(owner)
        if party is None and c.kind == "goal":
            party = c.speaker
        counters[c.kind] += 1
        items.append(
            MinutesItem(
                id=f"{KIND_PREFIX[c.kind]}-{counters[c.kind]}",
                kind=c.kind,
                text=text[c.start : c.end],
                speaker=c.speaker,
                party=party,
                owner=owner,
                due=due,
                start=c.start,
                end=c.end,
                score=min(max(c.score, 0.0), 1.0),
                explanation=c.explanation,
                # a summary line "X is still open" answers nobody; an objection answers someone
                replies_to=_reply_of(utts, utt_starts, c.start, c.speaker, parsed.people)
                if c.kind == "disagreement" and c.speaker and utts and any(e.rule != "open_issue" for e in c.explanation)
                else None,
            )
        )
    return items


# a deadline word right before a date: what makes a date in a decision its due date ("submit all the
# deliverables at the latest on the last of June"; not "we agreed to hold the workshop on 1 June")
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|no later than|at the latest(?:[ \t]+(?:on|by))?|deadline(?:[ \t]+(?:is|of))?|due(?:[ \t]+(?:on|by))?)"
                              r"[ \t]+(?:the[ \t]+)?$", re.I)


def _due_of(text: str, ref: date | None, deadline_only: bool = False):
    """The due date in ``text`` (:func:`.minutes_dates.resolve_due`). ``deadline_only``: only a date
    after a deadline word ("by", "until", "at the latest on", "deadline"): a decision's date is its
    due date only so."""
    dm = resolve_due(text, ref)
    if dm is None or (deadline_only and not _DEADLINE_BEFORE.search(text, 0, dm.start)):
        return None
    return dm


_CO_OWNERS = re.compile(r"(\s*(?:,|&|/)\s*|\s+and\s+)")  # between the names of an item's owners


def _spoken_to(starts: list[int], speakers: list[str], pos: int, speaker: str, reach: int = 3) -> str | None:
    """Who a request at ``pos`` is put to: the next other speaker (who answers it) within
    ``reach`` turns, else the last other speaker before it (turns given by start and speaker)."""
    i = bisect.bisect_right(starts, pos) - 1
    for j in list(range(i + 1, min(len(starts), i + 1 + reach))) + list(range(i - 1, max(-1, i - 1 - reach), -1)):
        if speakers[j] != speaker:
            return speakers[j]
    return None


def _known_org(name: str, parsed: _Parsed) -> str | None:
    """The attendee organisation a short name refers to ("Kestrel" → "Kestrel Drive Systems")."""
    hits = set(parsed.people.org_phrases(inside=True).holding(name))
    return hits.pop() if len(hits) == 1 else None


def _written_party(sentence: str, parsed: _Parsed) -> str | None:
    """The party a written item names: "Acme: …", "Acme needs …", "Acme's goal …", "Tom objects …"
    (Tom's organisation), or an attendee organisation the sentence mentions."""
    m = re.match(
        r"^(?:The\s+|For\s+)?(?P<p>[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,3}?)"
        r"(?P<how>\s*:|['’]s\s+(?:stated\s+|main\s+|key\s+|top\s+)?(?:goal|priority|aim|objective|position|interest)"
        r"|\s+(?:needs|wants|requires|expects|insists|aims|seeks|would like|is looking|prefers|supports|asks|asked))",
        sentence,
    )
    if m and m.group("p").split()[0].lower() not in _NOT_OWNER:
        p = m.group("p").strip()
        known = parsed.people.org_of(p) or _known_org(p, parsed)
        if known or not m.group("how").strip().startswith(":"):
            return known or p
    m = re.match(r"^(?P<p>" + _OWNER_NAME + r")\s", sentence)
    if m and (k := parsed.people.find(re.sub(r"\s*\(.*", "", m.group("p")))):
        return parsed.people.orgs.get(k)
    for o in sorted(parsed.people.org_phrases().candidates(sentence), key=len, reverse=True):
        if re.search(r"\b" + re.escape(o) + r"\b", sentence):
            return o
    return None


_ADDRESSEE = r"(?P<n>\[?PERSON\d+\]?|" + _UP + "[" + _LOW + "]{2,}(?:\\s" + _UP + "[" + _LOW + "]{2,})?)"
_ADDRESSED = [
    # "Hi Maria", "Thank you, [PERSON5]", "Welcome Tom"
    re.compile(r"\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Tt]hanks|[Tt]hank you|[Ww]elcome|[Bb]ye|[Gg]ood (?:morning|afternoon|evening))"
               r"\s*,?\s+" + _ADDRESSEE + r"\b"),
    # "Can you hear me, [PERSON5]?" / "Okay, Maria."
    re.compile(r",\s*" + _ADDRESSEE + r"\s*[?!.]"),
    # "Maria, could you send it?"
    re.compile(r"(?:^|(?<=[.?!]\s))" + _ADDRESSEE + r"\s*,\s+(?:can|could|would|will|do|did|are|were|have|is|please|what|how|"
               r"when|where|why|you|I|we|so|now|any|maybe)\b", re.M),
    # "whenever you [PERSON10] have some data" (anonymised transcripts)
    re.compile(r"\byou\s+(?P<n>\[PERSON\d+\])"),
]
_NOT_NAMES = frozenset(
    "everyone everybody all guys team folks sir madam okay yes yeah well right thanks please god the and but great "
    "good sure there here again then now guys friends colleagues monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november december".split())


# a word in small letters before a name inside a sentence ("… asked Maria …"), not a greeting's
_MID_SENTENCE = re.compile(r"\b(?!(?:hi|hello|hey|thanks|you|welcome|bye|and|but|so|okay|ok|yes|yeah|well|oh|um|uh)\b)"
                           r"[a-z]+,?\s+")
_CAPITAL_WORD = re.compile(_UP + "[" + _LOW + "]*")
_WORD_CHAR = re.compile(r"\w")
_BLANK = re.compile(r"\s")


def _mid_sentence_names(text: str) -> set[str]:
    r"""Every name of one or two capitalised words (as ``_ADDRESSEE`` reads them) that follows a word in
    small letters somewhere in ``text``: the names ``\b[a-z]+,?\s+NAME\b`` finds, in one pass (a
    search of the whole text for each name addressed was quadratic)."""
    out = set()
    n = len(text)
    for m in _MID_SENTENCE.finditer(text):
        w1 = _CAPITAL_WORD.match(text, m.end())
        if not w1:
            continue
        e = w1.end()
        if e == n or not _WORD_CHAR.match(text, e):
            out.add(w1.group())
        if e < n and _BLANK.match(text, e) and (w2 := _CAPITAL_WORD.match(text, e + 1)) and (
                w2.end() == n or not _WORD_CHAR.match(text, w2.end())):
            out.add(text[m.end() : w2.end()])
    return out


def _addressed_people(text: str, people: _People, transcript: bool) -> None:
    """Without an attendee list, the people spoken *to* were there: greetings ("Hi Maria"),
    vocatives ("Can you hear me, Tom?", "Ana, could you …"). Third-person mentions are not used.
    In a transcript, only names of the same kind as the speaker labels count: speakers "A"/"B"
    are addressed by names the transcript never ties to them."""
    kinds = {"tag" if re.fullmatch(r"\[?PERSON\d+\]?", people.names[k]) else
             "name" if re.fullmatch(_UP + "[" + _LOW + r"]+(?:\s" + _UP + "[" + _LOW + r"'’\-]+)*", people.names[k]) else "label"
             for k in people.order}
    if transcript and (not kinds or "label" in kinds):
        return
    mid: set[str] | None = None
    for rx in _ADDRESSED:
        for m in rx.finditer(text):
            name = m.group("n").strip("[]")
            if name.split()[0].lower() in _NOT_NAMES:
                continue
            # a real name keeps its capital inside a sentence too ("… asked Maria …"); "Maybe" does not
            tag = name.startswith("PERSON")
            if transcript and ("tag" if tag else "name") not in kinds:
                continue
            if not tag and mid is None:
                mid = _mid_sentence_names(text)
            if tag or name in mid:
                people.add(name)


# spaCy labels that make "I'm from X" (no name given) a place, not an employer
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_MOST_INTROS_CHECKED = 200  # spaCy reads a window around each; a hostile transcript of intros stops here


def _not_employers(found: list[tuple[Utterance, re.Match]]) -> set[int]:
    """Indexes into ``found`` of self-introductions that name no employer: "I'm from Leicester",
    "I'm from San Diego as well" (no name given, and spaCy reads a place: where the speaker comes
    from; 15 of the 17 self-introductions in the AMI, ICSI and QMSum transcripts were such places or
    "I'm with Steph") and "I'm with Steph" (a person: agreeing). Only these shapes are checked:
    spaCy's small model calls an unknown company a place too ("I'm Ana from Acme": Acme GPE), so a
    named introduction is believed; anonymised [ORGANIZATIONn] tags are employers."""
    checks = [(i, m) for i, (_, m) in enumerate(found)
              if not m.group("org").startswith("[") and (m.group("prep") == "with" or not m.group("name"))]
    checks = checks[:_MOST_INTROS_CHECKED]
    if not checks:
        return set()
    windows = []
    for i, m in checks:
        a = max(0, m.start() - 100)
        windows.append((a, found[i][0].text[a:m.end("org") + 100]))
    out = set()
    for (i, m), (a, _), sdoc in zip(checks, windows, _pipe([w for _, w in windows], ner=True)):
        labels = _PLACE_LABELS if m.group("prep") != "with" else _PLACE_LABELS | {"PERSON"}
        start, end = m.start("org") - a, m.end("org") - a
        if any(e.label_ in labels and e.start_char < end and start < e.end_char for e in sdoc.ents):
            out.add(i)
    return out


def _self_introductions(utts: list[Utterance], people: _People) -> None:
    cfg = load_config()
    said: list[tuple[Utterance, re.Match, bool]] = []  # in utterance order; True: "for ORG" (speaker_org)
    for u in utts:
        if u.speaker and (m := cfg.speaker_org.search(u.text)):
            said.append((u, m, True))
        elif m := next((m for m in _SELF_INTRO.finditer(u.text) if _introduces(m, u.text)), None):
            said.append((u, m, False))
    intros = [i for i, (_, _, speaks_for) in enumerate(said) if not speaks_for]
    places = {intros[j] for j in _not_employers([said[i][:2] for i in intros])}
    for i, (u, m, speaks_for) in enumerate(said):
        if speaks_for:
            # "For Kestrel, our priority is safety." — the speaker speaks for Kestrel
            k = people.find(u.speaker)
            if k and not people.orgs.get(k):
                people.set_org(k, (m.group("org") or m.group("org2")).strip())
            continue
        if i in places:
            continue
        org = m.group("org").strip().rstrip(".,;:")
        if org.lower() in ("the", "here", "home") or len(org) < 2:
            continue
        name = m.group("name")
        if name and u.speaker and not _same_person(name, u.speaker, people) and (
                m.group("lead").lower().startswith(("this", "it")) or name.startswith("[") or people.find(name)):
            # "Okay, this is [PERSON4] from [ORGANIZATION2], she will present", "this is Maria Lopez
            # from Acme" said by Ben: someone else's organisation, never the speaker's. An attendee so
            # named gets it; a name only mentioned is no attendee. ("I'm Ana from Acme" under a label
            # that is no attendee's name, "Speaker 2", is the speaker's.)
            k = people.find(name)
            if k and not people.orgs.get(k):
                people.set_org(k, org)
            continue
        if name and u.speaker and people.find(u.speaker) is None:
            people.add(u.speaker)
        target = u.speaker or name
        if target:
            k = people.find(target)
            if k and not people.orgs.get(k):
                people.set_org(k, org)
            elif not k:
                people.add(target, org)


def _too_large(doc: Document, what: str, limit: str) -> TooLarge:
    return TooLarge(f"{doc.name}: {what} are more than the minutes reader takes ({limit}): split the transcript or the "
                    "notes into parts, or raise the limit: --max-meeting-chars N of the minutes and align commands (0: none), "
                    "COALTEXT_MAX_MEETING_CHARS for the service, Limits(max_meeting_chars=N or None) in Python")


def _check_size(doc: Document, cfg: Config, max_chars: int | None) -> int | None:
    """Refuse what would take minutes to read: over ``max_chars`` characters (``Limits.max_meeting_chars``),
    or more lines with text than one per ``chars_per_line`` of them (``limits`` in conf/minutes.yaml).
    Returns the most utterances taken (one per ``chars_per_utterance``; counted once found)."""
    if max_chars is None:
        return None
    lim = cfg.limits
    if len(doc.text) > max_chars:
        raise _too_large(doc, f"{len(doc.text):,} characters", f"{max_chars:,}")
    lines = sum(1 for ln in doc.text.split("\n") if ln.strip())
    if lines > (most := max_chars // lim["chars_per_line"]):
        raise _too_large(doc, f"{lines:,} lines with text", f"{most:,}, one for each {lim['chars_per_line']} characters of "
                         f"its limit of {max_chars:,}")
    return max_chars // lim["chars_per_utterance"]


def extract_minutes(doc: Document, limits: Limits | None = None) -> MinutesReport:
    """Minutes, notes or a transcript → :class:`MinutesReport` (``coaltext.minutes.v1``).

    ``limits.max_meeting_chars`` bounds the size read (:class:`coaltext.ingest.Limits`; without
    ``limits``, the defaults)."""
    if not isinstance(doc, Document):
        raise InvalidDocument("extract_minutes expects a coaltext Document")
    if not doc.text.strip():
        raise InvalidDocument(f"{doc.name}: the document has no text to read as minutes")
    if doc.media_type == "application/json" and doc.text.lstrip().startswith(("{", "[")):
        raise InvalidDocument(
            f"{doc.name}: JSON minutes must be a list of {{\"speaker\", \"text\"}} turns"
        )
    cfg = load_config()
    max_chars = (limits or Limits()).max_meeting_chars
    most_utts = _check_size(doc, cfg, max_chars)
    parsed = _parse(doc, cfg)
    utts = find_utterances(doc, parsed) if parsed.transcript or parsed.speech else []
    if most_utts is not None and len(utts) > most_utts:
        raise _too_large(doc, f"{len(utts):,} utterances", f"{most_utts:,}, one for each {cfg.limits['chars_per_utterance']} "
                         f"characters of its limit of {max_chars:,}")
    _self_introductions(utts, parsed.people)
    if not parsed.listed:
        _addressed_people(doc.text, parsed.people, parsed.transcript)
    cands = _minutes_candidates(doc, parsed, cfg)
    warnings = list(doc.warnings)
    if parsed.transcript:
        cands += _transcript_candidates(doc, parsed, utts, cfg, warnings)
    elif parsed.speech:
        cands += _detector_candidates(utts, warnings, cfg)
    items = _finish(doc, parsed, cands, utts)
    warnings += parsed.warnings
    if parsed.speech:
        warnings.append("read as speech without speaker labels: decisions, actions, disagreements and goals come from the "
                        "written-minutes cues and the transcript detectors; items have no speaker")
    if parsed.date is None and any(i.due is None and any(e.rule.startswith("due:") for e in i.explanation) for i in items):
        warnings.append("no meeting date found: relative due dates are left unresolved")
    return MinutesReport(
        source=source_of(doc),
        meeting=Meeting(
            title=parsed.title,
            date=parsed.date.isoformat() if parsed.date else None,
            attendees=parsed.people.attendees(),
        ),
        agenda=[AgendaItem(id=f"ag-{i + 1}", text=t) for i, (t, _, _) in enumerate(parsed.agenda)],
        items=items,
        warnings=warnings,
    )
