"""Key terms a reviewer asks first: which law governs, when the agreement ends (a date, or the
event it ends on), how it renews and how much notice stops the renewal; where disputes are
arbitrated, under which rules, before how many arbitrators and in which language; which courts
the parties chose, and whether exclusively.

Each term is read from the clauses the classifier typed for it (``governing_law``,
``term_renewal``, ``arbitration``, ``jurisdiction``; for the governing law, the whole text when no
typed clause names one), by a named rule, and points at the words it came from (offsets into the
document text). Measured by ``bench/terms.py``: against CUAD's answers, and the arbitration terms
against the project's labels (``corpora/term_labels``); the expiry event and the court forum were
checked by reading (see the commits that added them).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta

from .classify.engine import THRESHOLD
from .classify.features import own_text
from .structure.parties import REDACTION, all_dates, without_furniture
from .types import Clause, Coverage, KeyTerm

# ----------------------------------------------------------------------------------- governing law

_GOV_CUE = re.compile(r"\b(?:governed|governs|govern|construed|interpreted|governing\s+laws?|applicable\s+law)\b", re.I)
# a sentence ends after a lowercase word ("… of Delaware. The", not "Acme Inc. shall", "e.g. by") or at a blank line
_SENTENCE_END = re.compile(r"\b[a-z]{3,}[.;]\s+(?=[A-Z(])|\n[ \t]*\n")
_ABOUT_THIS = re.compile(r"(?i)\b(?:this|the)\s+(?:agreement|amendment|contract)\b|\bhereunder\b|\bhereto\b")
_TOK = r"[A-Z][A-Za-z.'’\-]*"
# a key term the filed copy blanks out (``REDACTION``) is reported as "redacted", never as not named
REDACTED = "redacted"
# ... in the place of a name, not of a number ("within [***] ([***]) days", "[***] arbitrators", "[***]%")
_REDACTED_NAME = rf"{REDACTION}(?!\s*\(\s*[\[\d]|\s*%|\s+(?i:days?|weeks?|months?|years?|business|arbitrators?|percent)\b)"
_LAWS_OF = re.compile(
    r"(?i:\blaws?\s+(?:and\s+decisions\s+)?(?:in\s+force\s+in|of|prevailing\s+in|applicable\s+in)\s+(?:the\s+)?"
    r"(?:(?:State|Commonwealth|Province|Republic|Kingdom|People's\s+Republic|Federal\s+Republic|Canton|District|"
    r"Territory)\s+of\s+)?)"
    rf"(?P<place>{_REDACTED_NAME}|{_TOK}(?:[ \t\n]+(?:{_TOK}|of|and|OF|AND))*)"
)
_PLACE_LAW = re.compile(rf"\b(?P<adj>{_TOK}(?:[ \t]+{_TOK})?)\s+(?i:laws?)\b")  # "English law", "New York law", "PRC Laws"
_PLACE_CUT = re.compile(
    r"[ \t\n]+(?i:without|excluding|applicable|as|in|that|which|to|and\s+the|and\s+of|and\s+any|and\s+shall|and\s+will|"
    r"shall|will|regardless|other|including|except|govern|governs|the|this|any|for|with|by|on)\b.*$", re.S)
_NOT_PLACE = re.compile(
    r"^(?i:governing|applicable|substantive|local|federal|such|this|the|any|other|general|obligations|common|contract|"
    r"corporate|conflicts?|choice|law|laws|section|its|their|said|internal|state|country|jurisdiction|province|"
    r"place|territory)\b")
_US = re.compile(r"(?i)(?:the\s+)?(?:united\s+states|u\.?\s?s\.?a?\.?$|usa$|america$)")
_PEOPLE = {"english": "England", "scottish": "Scotland", "swiss": "Switzerland", "german": "Germany",
           "french": "France", "dutch": "Netherlands", "irish": "Ireland", "israeli": "Israel", "japanese": "Japan",
           "chinese": "China", "prc": "China", "canadian": "Canada", "swedish": "Sweden", "italian": "Italy",
           "spanish": "Spain", "korean": "Korea", "indian": "India", "australian": "Australia", "danish": "Denmark",
           "finnish": "Finland", "belgian": "Belgium"}
# places whose name alone may stand before "law" ("New York law"); any place may follow "the laws of"
_KNOWN_PLACES = {p.lower() for p in (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois "
    "Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri "
    "Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington "
    "Wisconsin Wyoming Ontario Quebec Alberta Singapore England Israel Japan China Germany France India").split()} | {
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "rhode island",
    "south carolina", "south dakota", "west virginia", "district of columbia", "british columbia", "hong kong"}


def _place_words(raw: str) -> str:
    """The words of the place: up to a sentence end ("Florida. Jurisdiction") or a blank line, and
    before "without …", "applicable …" and other words that follow a place."""
    raw = re.split(r"(?<=[a-z]{2})\.\s|\n[ \t]*\n", raw)[0]
    return re.sub(r"[ \t\n]+(?:and|of|AND|OF)$", "", _PLACE_CUT.sub("", raw)).rstrip(" .,;")


def _place(raw: str) -> str:
    p = _place_words(raw)
    p = re.sub(r"\s+", " ", re.sub(r"[ \t\n]+(?:and|of|AND|OF)$", "", p)).strip(" .,;")
    return _PEOPLE.get(p.lower(), _from_caps(p))


_CAPS_KEPT = {"USA", "U.S.A", "U.S.A.", "US", "U.S.", "UK", "U.K.", "PRC", "UAE", "NY", "DC", "D.C."}


def _from_caps(place: str) -> str:
    """ "NEW YORK, NEW YORK" → "New York, New York" (an all-capitals place; "USA" stays)."""
    if not place.isupper():
        return place
    words = (w if w.strip(",") in _CAPS_KEPT else w.capitalize() for w in place.split())
    return " ".join(words).replace(" Of ", " of ").replace(" And ", " and ")


MAX_CUES = 200  # choice-of-law cues examined per text


def governing_law(text: str, offset: int = 0) -> KeyTerm | None:
    """The law a choice-of-law sentence names: "governed by the laws of the State of New York" →
    New York. A sentence about this agreement wins over one about something else (a party's
    charter); a US-federal mention counts only when no state or country is named."""
    found = []
    for k, cue in enumerate(_GOV_CUE.finditer(text)):
        if k >= MAX_CUES or (found and not found[-1][0]):
            break  # the first sentence about this agreement wins; a hostile text stops here too
        a = max(0, cue.start() - 250)
        # 350 characters after the cue, to the end of the sentence they cut (a heading "GOVERNING LAW" whose
        # sentence names "the Italian Law" 356 characters on), but not after "applicable law", which compliance
        # sentences say too ("… subject to the laws of the United States"); there a place the window cuts is not read
        cut = None if cue.group(0).lower().startswith("applicable") else \
            _SENTENCE_END.search(text, cue.start() + 350, cue.start() + 600)
        window = text[a : cut.end() if cut else cue.start() + 350]
        cands = []
        for m in _LAWS_OF.finditer(window):
            if not cut and m.end() >= len(window) - 1 and a + len(window) < len(text):
                continue  # the window cuts the place ("the laws of the Commonweal"): a later cue reads it whole
            if re.fullmatch(REDACTION, m.group("place")):  # a named place, if any, wins over a blanked one
                cands.append((m.start(), m.end("place"), REDACTED, "redacted"))
                continue
            kept = _place_words(m.group("place"))  # the span ends where the place name ends
            cands.append((m.start(), m.start("place") + len(kept), _place(m.group("place")), "laws_of"))
        for m in _PLACE_LAW.finditer(window):
            adj = m.group("adj").lower()
            place = _PEOPLE.get(adj.split()[-1]) or next((x.title() for x in (adj, adj.split()[-1]) if x in _KNOWN_PLACES), None)
            if place:
                cands.append((m.start(), m.end(), place, "place_law"))
        cands = [c for c in cands if c[2] and not _NOT_PLACE.match(c[2])]
        if not cands:
            continue
        us = [c for c in cands if _US.match(c[2])]
        rest = [c for c in cands if not _US.match(c[2])]
        pool = sorted(rest or us, key=lambda c: (c[3] != "laws_of", c[3] == "redacted", abs(a + c[0] - cue.start())))
        s, e, place, rule = pool[0]
        ends_before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, cue.start() - 250), cue.start())]
        begin = ends_before[-1] if ends_before else max(0, cue.start() - 250)
        after = _SENTENCE_END.search(text, cue.end(), cue.end() + 250)
        stop = after.start() if after else cue.end() + 250
        # this agreement is what is governed: its subject before "governed" ("This Agreement shall be
        # governed by …"), or its object after an active "govern(s)" ("… shall govern this Agreement")
        about_this = bool(_ABOUT_THIS.search(text, begin, cue.start())) or (
            cue.group(0).lower() in ("govern", "governs") and bool(_ABOUT_THIS.search(text, cue.end(), min(stop, cue.end() + 150))))
        found.append((not about_this, len(found), KeyTerm(
            name="governing_law", value="United States" if _US.match(place) else place,
            start=offset + a + s, end=offset + a + e, rule=f"terms.governing_law.{rule}")))
    return min(found, key=lambda f: f[:2])[2] if found else None


# ------------------------------------------------------------------------------ term and renewal

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {
    "fifteen": 15, "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36,
    "forty-five": 45, "sixty": 60, "ninety": 90, "one hundred twenty": 120, "one hundred eighty": 180}
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + ")"
# a length: "five (5) years", "twenty four (24) months" (not "four (24) months"), where digits follow the words they count
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS_BEFORE = "".join(f"(?<!{t} )(?<!{t}-)" for t in _TENS)  # not the "five" of "twenty five" or "twenty-five"
_DURATION = re.compile(
    rf"(?<![\w-]){_TENS_BEFORE}(?P<n>{_NUM}(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\b)?)"
    rf"(?:\s*\((?P<digits>\d{{1,3}})\))?[\s-]+(?:(?:calendar|consecutive|full|contract)\s+){{0,2}}"
    r"(?P<unit>year|month|week|day)s?\b", re.I)
_NOTICE = re.compile(
    rf"\b(?P<n>{_NUM})(?:\s*\(\d{{1,3}}\))?[\s-]+(?:calendar\s+|business\s+)?(?P<unit>day|month|year)(?P<s>s?)(?:'|’)?\s*"
    r"(?:prior|before|advance|written\s+notice|notice|in\s+advance)", re.I)
# in a term clause, a sentence whose subject is the agreement or its term and whose verb says how
# long it lasts: "The term of this Agreement shall continue for …", "This Agreement will expire on …"
_TERM_SENTENCE = re.compile(
    r"(?i)^\W*(?:initial\s+)?term(?:\s+of\s+(?:this\s+)?\w+)?\s*:|"  # a label: "Term: twelve (12) months from …", "TERM OF SERVICE: …"
    r"\b(?:(?:initial\s+)?term|(?:this|the)\s+(?:\w+\s+)?(?:agreement|amendment|contract(?!\s+(?:year|quarter|month|period))|"
    r"joint\s+venture(?!\s+(?:company|entity|vehicle)))|duration)\b"
    r"(?:[^.;]|\.(?=\d)){0,150}?"
    r"(?:\b(?:shall|will|to|and)\s+(?:\w+\s+){0,3}?(?:continue|remain|expire|end|terminate|conclude|run|last|be|extend|endure)\b|"
    r"\b(?:continues|remains|expires|ends|terminates|concludes|runs|lasts|is|extends|ending|terminating|expiring|concluding)\b|"
    r"\b(?:shall|will)\s+have\s+an?\s+(?:initial\s+)?term\b|\bhas\s+an?\s+(?:initial\s+)?term\b)")
# ... not one about what lasts "during the term" or survives it, nor the definition of another period
# (""Year" means …"; a definition of the term itself is one: ""Contract Period" shall mean …")
_TERM_NAME = r"(?:(?:initial|contract|agreement|license|licence|sponsorship|endorsement|services?)\s+(?:term|period)|term)"
_DEFINITION = r"^\W{0,5}(?:(?:\(\w{1,4}\)|\d{1,3}(?:\.\d{1,3})*\.?)\W{0,3})?[\"“]"
_TERM_DEFINED = re.compile(rf"(?i){_DEFINITION}{_TERM_NAME}[\"”]\s+(?:shall\s+)?means?\b")
_NOT_TERM = re.compile(r"(?i)\bduring\s+the\s+term\b|\b(?:quarter|year|month)\s+of\s+the\s+term\b|"
                       rf"{_DEFINITION}(?!{_TERM_NAME}[\"”])[^\"”]{{1,60}}[\"”]\s+(?:shall\s+)?means?\b|"
                       r"\bsurviv|\b(?:following|after)\s+(?:the\s+)?(?:termination|expiration)\b")
_END_WORD = re.compile(
    r"(?i)\b(?:until|through|expire[sd]?\s+(?:on|at)|terminate[sd]?\s+on|end(?:s|ing)?\s+(?:on|as\s+of)|conclude[sd]?\s+on|"
    r"expiring\s+on|to)\b")
_LENGTH_BEFORE = re.compile(r"(?i)\b(?:for|of|period|be|is|until|continue|remain|have|has)\s+"
                            r"(?:a\s+(?:period|term)\s+of\s+|an?\s+(?:initial\s+)?(?:term\s+of\s+)?)?$")
_LENGTH_AFTER = re.compile(r"(?i)^\s*(?:\([^)]{0,30}\)\s*)?(?:from|after|following|thereafter|therefrom|commencing|beginning|starting|"
                           r"term|period)\b")
# the term runs from the effective date (so expiry = effective date + term), not from a launch or a first sale
# ("… years (the "Term") which shall commence on the date upon which the Company delivers …", "…, commencing from the acceptance date")
_OWN_DAY = (r"the\s+effective\s+date|"
            r"the\s+date\s+(?:hereof|of\s+this\b|of\s+the\s+(?:agreement|contract|effective\s+date)\b|"
            r"of\s+(?:its\s+|the\s+)?(?:last\s+|final\s+|full\s+|mutual\s+|parties'?\s+)?(?:execution|signing|signature)\b|"
            r"(?:set\s+forth|written)\s+above|first\b|signed)|such\s+date|"
            r"the\s+commencement\s+date|"
            r"the\s+execution|execution|signing")
_FROM_OTHER = re.compile(r"(?i)^[\s,]*(?:\([^)]{0,30}\)[\s,]*)?(?:from(?:\s+and\s+including\b|(?!\s+and\s+including\b))|after|following|"
                         r"(?:which\s+(?:shall|will)\s+)?commenc\w*(?:\s+(?:on|from|upon|as\s+of)|(?!\s+(?:on|from|upon|as)\b)))\s+"
                         rf"(?!{_OWN_DAY})")
# where a sentence says when the term (or the agreement) starts: "shall commence upon the launch of the Site",
# "The effective date of the start of the Term will be from the Launch Date"; what follows is the start
_START_SAID = re.compile(r"(?i)\b(?:(?:commenc|begin|start)\w*|(?:become|becomes|be|is)\s+effective|with\s+effect)\s+"
                         r"(?:on|upon|from|as\s+of|at|with)\s+(?:and\s+including\s+)?|"
                         r"\b(?P<of_term>start|commencement|beginning)\s+(?:date\s+)?of\s+the\s+(?:initial\s+)?term\s+(?:shall|will|is\s+to)\s+be\s+"
                         r"(?:(?:on|from|upon|as\s+of)\s+)?")
# the agreement's own start: its effective date, its date, its signature
_OWN_START_SAID = re.compile(rf"(?i)(?:{_OWN_DAY}|(?:its\s+|the\s+|full\s+)*(?:execution|signature|signing)\b|"
                             r"the\s+date\s+(?:(?:on|upon)\s+which|when)\s+(?:(?:this|the)\s+\w+|it)\s+(?:is|has\s+been|shall\s+have\s+been)\s+"
                             r"(?:duly\s+)?(?:signed|executed)|(?:the\s+)?date\s+first\s+(?:above\s+)?written|this\s+date|today)")
_START_SUBJECT = re.compile(r"(?i)\b(?:term|agreement|contract)\b")
_NOT_LENGTH = re.compile(r"(?i)^\s*(?:'|’)?\s*(?:prior|before|advance|notice|written|after\s+(?:the\s+)?(?:termination|expiration|receipt|notice))")
# a bound or a deadline, not the term: "for a maximum period of six (6) months", "within 14 days", "at least one year"
_BOUND = re.compile(r"(?i)\b(?:maximum|minimum|at\s+least|at\s+most|up\s+to|within|less\s+than|more\s+than|later\s+than|longer\s+than|"
                    r"exceed(?:ing)?)\s+(?:a\s+|the\s+|such\s+)?(?:period\s+of\s+|term\s+of\s+)?$")
# "until terminated", "will end when terminated by either party", "until it is terminated", "until either Party informs the other",
# "for an unlimited period of time"
_PERPETUAL = re.compile(r"(?i)\bin\s+perpetuity\b|\bperpetual(?:ly)?\b|\bindefinite(?:ly)?\b|\b(?:until|when)\s+(?:it\s+is\s+)?terminated\b|"
                        r"\bunlimited\s+(?:period|term|duration)\b|\buntil\s+(?:either|one)\s+party\s+(?:terminates|gives|informs|"
                        r"notifies|provides|elects)\b|"
                        r"unless\s+and\s+until\s+(?:terminated|either\s+party)")
# the renewal needs both parties' consent: "by mutual written agreement of the parties", "the Parties may agree in writing to extend"
_BY_AGREEMENT = re.compile(r"(?i)\bmutual(?:ly)?\s+(?:written\s+)?(?:agree\w*|consent|decision)|"
                           r"\b(?:by|upon|with)\s+(?:the\s+)?(?:mutual\s+)?(?:written\s+)?(?:agreement|consent)\s+(?:of|between)\s+"
                           r"(?:the\s+|both\s+)?(?:parties|joint)|"
                           r"\b(?:both\s+|the\s+)?parties\s+(?:may|shall|can)\s+(?:mutually\s+)?agree\s+(?:in\s+writing\s+)?to\s+(?:renew|extend)|"
                           r"\bif\s+(?:both\s+|the\s+)?parties\s+(?:so\s+)?agree|"
                           r"\bby\s+(?:an?\s+)?(?:written\s+)?amendment\s+(?:to|of)\s+(?:this|the)\b")  # "… by amendment to this agreement"
# "shall not cause this Agreement to be construed as an agreement of indefinite duration"
_DENIED = re.compile(r"(?i)\b(?:not|no|never)\b[^.;]*$")
_RENEWS = re.compile(
    r"(?i)\b(?:automatically\s+(?:renew|extend|be\s+renewed|be\s+extended)|renew(?:ed|s)?\s+automatically|"
    r"(?:successive|additional|further)\s+(?:renewal\s+)?(?:terms?|periods?)|renewal\s+terms?|"
    r"(?:shall|will|may|can)\s+(?:be\s+)?(?:renewed|extended)|(?:renew|extend)\s+(?:(?:this|the)\s+agreement\s+)?for|"
    r"(?:renewable|extendable|extendible)\s+for)")  # "shall have a duration of * years, extendable for a further * years"
# the renewal's length: "for successive periods of two (2) years", "additional one-year terms", "year to year"
_RENEWAL_BEFORE = re.compile(r"(?i)\b(?:for|of|additional|successive|further|renewal|consecutive|like|subsequent)\s+"
                             r"(?:(?:an?|one\s+or\s+more|successive|additional|further|renewal)\s+)*(?:periods?\s+of\s+|terms?\s+of\s+)?$")
_RENEWAL_AFTER = re.compile(r"(?i)^\s*(?:\([^)]{0,30}\)\s*)?(?:renewal\s+)?(?:terms?|periods?|increments?|extensions?)\b|"
                            r"^\s*\((?:a|an|each|each\s+a|the|such)?\s*[\"“']?(?:renewal|extension|extended)")
_YEARLY = re.compile(r"(?i)\byear[- ]to[- ]year\b|\bannually\b|\b(?:another|an\s+additional|a\s+further|additional|"
                     r"successive)\s+(?:one\s+)?(?:year|twelve[- ]month)(?:ly)?\b|\bone\s+year\s+at\s+a\s+time\b|"
                     r"\bannual\s+(?:renewal\s+)?(?:periods?|terms?|renewals?|basis)\b")  # "for one or more annual periods"
# "shall thereafter automatically renew for an unlimited period of time": a renewal with no end
# right after the renewal verb, not anywhere later ("… and Section 7 shall survive indefinitely")
_RENEWS_INDEFINITELY = re.compile(r"(?i)\s*(?:automatically\s+)?(?:for\s+)?(?:an?\s+)?(?P<v>(?:unlimited|indefinite)\s+"
                                  r"(?:periods?|terms?|duration)(?:\s+of\s+time)?\b|indefinitely\b|in\s+perpetuity\b)")
# the notice stops the renewal (not, say, a termination for convenience in the same sentence)
_NON_RENEWAL = re.compile(r"(?i)non-?\s?renewal|not\s+(?:to\s+)?(?:renew|extend)|\bunless\b|(?:prior\s+to|before)\s+the\s+"
                          r"(?:end|expiration|expiry)|(?:end|expiration|expiry)\s+of\s+the\s+(?:then[- ])?(?:current|initial|"
                          r"renewal)|intention\s+not")
# what follows the initial term: "Following the end of said Initial Term, this Agreement shall continue …"
_AFTER_INITIAL = re.compile(r"(?i)\b(?:after|following|upon|end\s+of|expiration\s+of|expiry\s+of)\s+(?:the\s+|said\s+|such\s+)?initial\s+term\b")
_SENTENCE = re.compile(r"[^.;]+(?:\.(?=[\w,])[^.;]*)*[.;]?")
# the term ends with whichever of two events comes first or last: no date can be given
_LATER_OF = re.compile(r"(?i)\b(?:later|earlier|latest|earliest|sooner)\s+(?:to\s+occur\s+)?of\b|"
                       r"\bwhichever\s+(?:is|occurs|comes|shall\s+occur)\s+(?:later|earlier|first|last|sooner)\b")
# ... unless each other event only ends the agreement early, as any term may end: "shall continue in effect until the
# earlier of (a) the fifth (5th) anniversary of the Effective Date, and (b) termination by either Party for any reason upon
# thirty (30) days' written notice", "until the earlier of (a) its termination in accordance with this Article 14 or (b) the
# date that is two (2) years after the date of this Agreement"; not "(ii) the termination or expiration of the Studio Lease"
_LIST_ITEM = re.compile(r"\(\s*(?:[a-hA-Hx-zX-Z]|[ivx]{1,4}|[IVX]{1,4})\s*\)")
_EARLY_END = re.compile(  # read with .match(sent, start, end): anchored at the item's start
    r"(?i)\W*(?:the\s+)?(?:(?:effective\s+)?date\s+of\s+(?:the\s+)?)?(?:(?:its|any|an?|earlier|early|prior)\s+)*termination\b"
    r"(?!\s+(?:or\s+expiration\s+)?of\s+(?!(?:this|the)\s+agreement\b|it\b))|"
    r"\W*(?:the\s+date\s+(?:on\s+which\s+|that\s+|when\s+)?)?(?:this|the)\s+agreement\s+is\s+(?:earlier\s+|otherwise\s+)?terminated\b")


def _earlier_or_terminated(sent: str, later_of: re.Match, at: int) -> bool:
    """``sent`` ends the term on "the earlier of" a listed period or date (the item holding ``sent[at]``) and
    the agreement's termination: the period is the term, the termination only an early end."""
    if not re.match(r"(?i)earl|soon", later_of.group(0)):
        return False
    items = list(_LIST_ITEM.finditer(sent, later_of.end()))
    if len(items) < 2 or sent[later_of.end() : items[0].start()].strip(" \t\n:,") or at < items[0].end():
        return False
    parts = [(m.end(), items[i + 1].start() if i + 1 < len(items) else len(sent)) for i, m in enumerate(items)]
    return all(a <= at < b or _EARLY_END.match(sent, a, b) for a, b in parts)


# "shall extend for five years" is the term itself; "shall extend for a further term of one year" renews it
_FURTHER = re.compile(r"(?i)extend\w*\s+(?:\w+\s+){0,2}?for\s+(?:an?\s+)?(?:further|additional|successive|renewal)\b")
# a range of dates that bounds something else: "during the period …", "for each period from …"
_NOT_RANGE = re.compile(r"(?i)\b(?:during|each|any|per)\b")
_DATED = re.compile(r"(?i)\bdated\b")


def _number(s: str) -> int | None:
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s)
    if s in _NUMBER_WORDS:
        return _NUMBER_WORDS[s]
    tens, _, unit = s.replace("-", " ").rpartition(" ")  # "twenty four"
    return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit] if tens in _NUMBER_WORDS and unit in _NUMBER_WORDS else None


def _length(m: re.Match) -> tuple[int, str, str] | None:
    """(n, unit, "3 years") for a matched length, None when its number is not one we read (the
    digits in brackets count where the words give them)."""
    digits = m.groupdict().get("digits")
    n = int(digits) if digits else _number(m.group("n"))
    if not n:
        return None
    unit = m.group("unit").lower()
    return n, unit, f"{n} {unit}{'s' if n > 1 else ''}"


def _later(start: str, n: int, unit: str) -> str:
    d = date.fromisoformat(start)
    if unit in ("day", "week"):
        return (d + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    months = d.month - 1 + n * (12 if unit == "year" else 1)
    y, m = d.year + months // 12, months % 12 + 1
    return date(y, m, min(d.day, monthrange(y, m)[1])).isoformat()


# "until the fifth (5th) anniversary of the Effective Date", "expire on the 3rd anniversary of this Agreement"
# (not the "fifth" of "twenty-fifth" or "twenty fifth"; where digits follow the words, the digits count)
_ORDINALS = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_ANNIVERSARY = re.compile(r"(?i)(?<![\w-])" + _TENS_BEFORE +
                          r"(?:(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}\s*(?:s\s?t|n\s?d|r\s?d|t\s?h))"
                          r"(?:\s*\((?P<ord_digits>\d{1,2})\s*(?:s\s?t|n\s?d|r\s?d|t\s?h)\))?|"  # "fifth (5t h)" as a PDF splits it
                          rf"(?P<years>{_NUM})(?:\s*\((?P<year_digits>\d{{1,3}})\))?[\s-]+year)\s+"
                          r"anniversary\s+of\s+(?P<base>the\s+(?:effective\s+date|date\s+(?:hereof|of\s+this\s+\w+)|"
                          r"(?:[a-z][\w-]*\s+){0,2}(?:commencement|execution)\s+date)|this\s+(?:agreement|contract))\b")
# the term ends on it: an end word shortly before ("shall continue until the", "will expire at midnight
# on the", "through and including the"), not another step ("renegotiated on the", "after the")
_ANNIVERSARY_END = re.compile(r"(?i)\b(?:until|through|to|upon|expir\w*|end(?:s|ed|ing)?|terminat\w*|conclud\w*)\b[^.;]{0,30}$")
_NOT_ANNIVERSARY_END = re.compile(r"(?i)\b(?:after|following|prior\s+to|before|beyond|renegotiat\w*|review\w*|adjust\w*|"
                                  r"increas\w*|payable|paid|due)\b[^.;]{0,30}$")
# the day the term starts, named before its length ("commence on the Commencement Date and continue for five years")
# or after it ("for one year commencing on May 1, 2006", "5 years from the commencement date")
_START_BEFORE = re.compile(r"(?i)\b(?:commenc\w*|begin\w*|start\w*|effective|from|as\s+of)\s+(?:on\s+)?(?:the\s+\w+\s+day\s+of\s+)?$")
_START_AFTER = re.compile(r"(?i)^[\s,]*(?:\([^)]{0,30}\)[\s,]*)?(?:commenc\w*|beginning|starting|from)\s+(?:on\s+|as\s+of\s+)?")
_STARTS_ON = re.compile(r"(?i)\b(?:commenc\w*|begin\w*|start\w*|from|anniversary\s+of)\s+(?:on\s+|upon\s+|as\s+of\s+)?the\s+"
                        r"(?P<name>(?!effective\s+date)(?:[a-z][\w-]*\s+){1,2}date)\b")
# named days that mean the agreement's own start where the text never dates them otherwise
_OWN_START = {"commencement date", "start date", "starting date", "execution date", "signing date"}
# a term given as two dates: "From January 30, 2012 until July 29, 2012", "commencing on … and concluding December 31, 2003"
_DATE_RANGE_GAP = re.compile(r"(?i)^[\s,]*(?:and\s+)?(?:until|till|to|through(?:\s+to)?|thru|[-–]|"
                             r"(?:ending|concluding|expiring|terminating|ends?)(?:\s+on)?)[\s,]*(?:on\s+)?$")
_TERM_WORD = re.compile(r"(?i)\b(?:term|period|duration)\b")
# how a text defines a named day: ""Commencement Date" means 16 October 2005" (after the name) or
# "16 October 2005 (the "Commencement Date")" (before it)
_DEFINED_AS = re.compile(r"(?i)[\"”']?\s*(?:(?:for|of)\s+this\s+\w+\s+)?(?:shall\s+(?:mean|be)|will\s+be|means|is|to\s+be)\s+")
_DEFINED_BY = re.compile(r"\s*\(\s*(?:the\s+)?[\"“']?")
_MAX_MENTIONS = 50  # mentions of a named start day examined per text
_MAX_NAMES = 5  # named start days looked up per text


def _defined_date(text: str, name: str) -> tuple[str | None, bool]:
    """(the date ``text`` gives a named day, whether it defines the day otherwise): ""Commencement
    Date" means 16 October 2005", "16 October 2005 (the "Commencement Date")", "The commencement
    date for this contract will be 16th June 2004" give a date; ""Commencement Date" means the date
    on which the Services are first delivered" defines it otherwise."""
    words = r"\s+".join(map(re.escape, name.split()))
    otherwise = False
    for k, m in enumerate(re.finditer(rf"(?i)\b{words}\b", text)):
        if k >= _MAX_MENTIONS:
            break
        if after := _DEFINED_AS.match(text, m.end(), m.end() + 60):
            found = [d for d in all_dates(text[after.end() : after.end() + 40]) if d[0] == 0]
            if found:
                return found[0][2], False
            otherwise = otherwise or text[m.end() : m.end() + 1] in ("\"", "”", "'")  # a quoted definition
        a = max(0, m.start() - 60)
        before = all_dates(text[a : m.start()])
        if before and _DEFINED_BY.fullmatch(text, a + before[-1][1], m.start()):
            return before[-1][2], False
        otherwise = otherwise or bool(_DEFINED_BY.fullmatch(text[max(0, m.start() - 8) : m.start()].lstrip(" ,;")))
    return None, otherwise


def _anniversary_years(m: re.Match) -> int | None:
    """How many years an anniversary counts: "fifth", "5th", "fifth (5th)", "five (5) year"."""
    if digits := m.group("ord_digits") or m.group("year_digits"):
        return int(digits)
    if said := m.group("ord"):
        return _ORDINALS.get(said.lower()) or int("".join(ch for ch in said if ch.isdigit()))
    return _number(m.group("years"))


def _ends_on(sent: str, lo: int, at: int) -> bool:
    """An end word stands shortly before the date at ``sent[at]`` ("until December 31, 2003", "expire
    on the close of business on …"), not before another agreement's date ("to the Agreement dated …")."""
    ends = list(_END_WORD.finditer(sent, lo, at))
    return bool(ends) and not _DATED.search(sent, ends[-1].end(), at)


_TERM_MODAL = re.compile(r"(?i)\b(?:shall|will|may|must)\b")
_NOT_OWN_TERM = re.compile(r"(?i)\b(?:renewal|extension|extended|additional|successive|further|each|any)\s+$")


def _start_said(sent: str) -> tuple[str, str | None] | None:
    """What ``sent`` says the term (or the agreement) starts on, where its subject is the term or the
    agreement: ("date", ISO), ("named", "launch date"), ("own", None) for the agreement's own date
    or signature, ("event", None) for anything else ("upon the launch of the Co-Branded Site");
    None where it says nothing of the start. A renewal term's start is not the term's."""
    for m in _START_SAID.finditer(sent):
        if not m.group("of_term"):  # "the start of the Term will be from …" names its subject
            subjects = list(_START_SUBJECT.finditer(sent, max(0, m.start() - 100), m.start() + 1))
            if not subjects or _NOT_OWN_TERM.search(sent, max(0, subjects[-1].start() - 20), subjects[-1].start()):
                continue
            between = sent[subjects[-1].end() : m.start()]
            if len(_TERM_MODAL.findall(between)) > 1 or re.search(r"[;:]|,\s*and\b", between):
                continue  # "… shall continue for five years, and payments shall commence upon …": another subject's start
        rest = sent[m.end() :]
        if dated := [d for d in all_dates(rest[:60]) if d[0] <= 16]:
            return "date", dated[0][2]
        if _OWN_START_SAID.match(rest):
            return "own", None
        if named := re.match(r"(?i)the\s+((?:[a-z][\w-]*\s+){1,2}date)\b", rest):
            return "named", " ".join(named.group(1).lower().split())
        return "event", None
    return None


# the term ends on an event: "will be in effect from the Effective Date until completion of the Research
# Program", "remain in full force and effect until the expiration of the Sublicense Agreement", "until the
# expiration of the "Sales Term" as that term is defined in …" (a defined term in quotes is part of the event)
_QUOTED = r"[\"“][A-Z][^,;:.()\[\]\"“”]{0,60}[\"”]"
_UNTIL_EVENT = re.compile(
    r"(?i)\b(?:until|till|(?:expire[sd]?|expiring|terminate[sd]?|terminating|end(?:s|ed|ing)?|conclude[sd]?|concluding)\s+(?:on|upon|at))\s+"
    rf"(?:such\s+time\s+as\s+)?(?P<event>(?:[^,;:.()\[\]\"“”]|{_QUOTED}){{6,200}}?)"
    rf"(?=\s*(?:[,;:.()\[\]]|(?!{_QUOTED})[\"“”]|$)|"
    r"\s+(?:unless|or\s+(?:until|upon|earlier|sooner|on)|(?:if|when)\s+(?:earlier|sooner)|subject\s+to|provided|"
    r"except|pursuant\s+to|in\s+accordance|as\s+(?:provided|set\s+forth|otherwise|(?:(?:that|such)\s+term\s+is\s+)?defined)|whichever|"
    r"dated|and\s+(?:shall|will|may|thereafter))\b)")
# the subject of the term sentence is the agreement or its term, not a word inside another phrase ("The obligations
# of the Agent pursuant to this Agreement shall terminate upon …", "… under this IP Agreement, the license … shall
# terminate upon …", "… as a Class I Director, which term expires at …")
_NOT_SUBJECT_BEFORE = re.compile(r"(?i)\b(?:to|under|of|in|by|with|for|from|on|which|whose|his|her|their|such)\s+$")
_NEW_SUBJECT = re.compile(r",\s+(?:the|such|each|any|all|its)\s+\w+")
_EVENT_CUT = re.compile(r"(?:\s+(?:and|or|of|the|any|a|an|on|in|to|for|by|with|at|its|their|such))+$")  # "Exhibit A" keeps its "A"
# ... not a date, a length or an anniversary (read otherwise), nor a party's act or the term itself
_NOT_EVENT = re.compile(
    r"(?i)^(?:(?:it\s+is\s+|this\s+\w+\s+is\s+)?terminated\b|(?:either|one|a|any|the)\s+(?:party|parties)\b|"
    r"(?:the\s+)?(?:end|expiration|expiry|termination|completion)\s+of\s+(?:the\s+|such\s+|this\s+|its\s+)?(?:then[- ]current\s+|"
    r"initial\s+|renewal\s+)?(?:term|agreement)\b|"
    r"(?:the\s+)?(?:earlier|later|earliest|latest|first|last)\s+(?:to\s+occur\s+)?of\b|(?:the\s+)?date\b|(?:such\s+)?time\b|midnight|"
    r"(?:the\s+)?(?:close|end)\s+of\s+business)")


def _event_end(sent: str, term: re.Match, hi: int) -> tuple[int, int] | None:
    """Where (start, end in ``sent``) a term sentence names the event that ends the term ("until completion of the
    Research Program"), or None: not a date, a length, an anniversary or a party's act (read otherwise)."""
    if _NOT_SUBJECT_BEFORE.search(sent, max(0, term.start() - 25), term.start()) or _NEW_SUBJECT.search(term.group(0)):
        return None
    for m in _UNTIL_EVENT.finditer(sent, max(0, term.end() - 12), hi):
        event = m.group("event")
        if _NOT_EVENT.match(event) or re.match(r"(?i)\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", event) \
                or all_dates(event) or _DURATION.search(event) or _ANNIVERSARY.search(event) or _PERPETUAL.search(event) \
                or _LATER_OF.search(event):
            continue
        kept = _EVENT_CUT.sub("", event)
        if kept != event.rstrip() and sent[m.end("event") :].lstrip()[:1] in ("[", "(", '"', "“", "”"):
            continue  # "upon delivery of [**] to …", "until the expiration of the "sales term"": the event's object is unread
        if len(kept) >= 6:
            return m.start("event"), m.start("event") + len(kept)
    return None


def _sentences(clauses: Iterable[Clause]):
    for c in clauses:
        for m in _SENTENCE.finditer(c.text):
            if len(m.group(0)) <= 1500:
                yield c, c.start + m.start(), m.group(0)


def term_and_renewal(clauses: list[Clause], effective: str | None, text: str = "") -> list[KeyTerm]:
    """From the term clauses: when the agreement ends (a date it names, its start plus the initial
    term or an anniversary of its start, two dates that bound the term, or "perpetual"), the initial
    term, the renewal term and the notice that stops a renewal. The start is a date the sentence
    names, else a day it names ("the Commencement Date") that ``text`` (or the clauses) dates, else
    ``effective``; a named day the text defines otherwise (or never, for names other than "the
    Commencement Date") gives no expiry."""
    out: dict[str, KeyTerm] = {}
    text = text or "\n".join(c.text for c in clauses)
    ranges = []  # a term given as two dates, taken only where no sentence says more
    named_days: dict[str, str | None] = {}  # a named start day ("the Commencement Date") → its start
    undecided = False  # the term sentence ends on an event ("whichever is later"): no sentence gives a date

    def named_start(name: str) -> str | None:
        if name not in named_days:
            if len(named_days) >= _MAX_NAMES:
                return None
            iso, otherwise = _defined_date(text, name)  # the text is searched once per name
            named_days[name] = iso or (effective if name in _OWN_START and not otherwise else None)
        return named_days[name]

    def anniversary_start(base: str) -> str | None:
        """The day an anniversary counts from: the effective date, or the named day ("the
        Commencement Date") the text dates."""
        base = " ".join(base.lower().split())
        if not base.endswith("date") or base in ("the effective date",) or base.startswith("the date"):
            return effective  # "this Agreement", "the date hereof"
        return named_start(base.removeprefix("the "))

    clause_starts: dict[str, tuple[str, str | None] | None] = {}  # per clause: the start one of its sentences says

    def said_in(c: Clause) -> tuple[str, str | None] | None:
        if c.id not in clause_starts:
            clause_starts[c.id] = next((found for m in _SENTENCE.finditer(c.text[:6000]) if (found := _start_said(m.group(0)))), None)
        return clause_starts[c.id]

    def start_of(sent: str, s: int, e: int, elsewhere: tuple[str, str | None] | None = None) -> tuple[str | None, bool]:
        """The start of a term said at ``sent[s:e]``, and whether a date right after it gave it: a
        date named just before or after it, else a named day, else the effective date."""
        before = [d for d in all_dates(sent[:s]) if _START_BEFORE.search(sent[max(0, d[0] - 40) : d[0]])]
        if before:
            return before[-1][2], False
        after = _START_AFTER.match(sent[e:])
        if after and (found := [d for d in all_dates(sent[e + after.end() : e + after.end() + 60]) if d[0] <= 16]):
            return found[0][2], True
        named = _STARTS_ON.search(sent)
        if named:
            return named_start(" ".join(named.group("name").lower().split())), False
        # the start said in this sentence, else in another sentence of the clause ("The term … shall be
        # for a period of two (2) years. The effective date of the start of the Term will be from the Launch Date.")
        said = _start_said(sent) or elsewhere
        if said and said[0] == "date":
            return said[1], False
        if said and said[0] == "named":
            return named_start(said[1]), False
        return (None if said and said[0] == "event" else effective), False

    def put(name, value, clause, s, e, rule):
        if name == "expiry" and undecided:
            return
        out.setdefault(name, KeyTerm(name=name, value=value, clause=clause.id, start=s, end=e, rule=f"terms.{rule}"))

    for c, at, sent in _sentences(clauses):
        term = _TERM_SENTENCE.search(sent)
        renews = _RENEWS.search(sent)
        is_term = bool(term) and not _NOT_TERM.search(sent)
        later_of = _LATER_OF.search(sent)
        if is_term:
            # the initial term comes first (a renewal said after it is not; "shall extend for five
            # years" is the term itself, "shall extend for a further term of one year" is not)
            the_verb = renews and renews.start() < term.end() and renews.group(0).lower().startswith("extend") \
                and not _FURTHER.match(sent, renews.start()) and not _AFTER_INITIAL.search(sent)
            renewal_after = renews and renews.start() > term.start() and not the_verb
            stop = renews.start() if renewal_after else len(sent)
            verb = max(0, term.end() - 12)
            dated = [d for d in all_dates(sent) if verb < d[0] < stop and _ends_on(sent, max(verb, d[0] - 60), d[0])]
            length = next((m for m in _DURATION.finditer(sent, verb, stop) if not _NOT_LENGTH.match(sent[m.end() :])
                           and not _BOUND.search(sent[max(0, m.start() - 40) : m.start()])
                           and (_LENGTH_BEFORE.search(sent[max(0, m.start() - 40) : m.start()])
                                or _LENGTH_AFTER.match(sent[m.end() :]))), None)
            anniversary = next((m for m in _ANNIVERSARY.finditer(sent, verb, stop)
                                if _ANNIVERSARY_END.search(sent, max(0, m.start() - 40), m.start())
                                and not _NOT_ANNIVERSARY_END.search(sent, max(0, m.start() - 40), m.start())), None)
            said_at = dated[0][0] if dated else anniversary.start() if anniversary and not length else \
                length.start() if length else None
            if later_of and said_at is not None and _earlier_or_terminated(sent, later_of, said_at):
                later_of = None  # "until the earlier of (a) the fifth anniversary … and (b) termination by either Party …"
            if later_of and (dated or length or anniversary):
                undecided = True
            if dated:
                put("expiry", dated[0][2], c, at + dated[0][0], at + dated[0][1], "expiry.date")
            elif anniversary and not length and not later_of:
                n = _anniversary_years(anniversary)
                base = " ".join(anniversary.group("base").lower().split())
                own_base = not base.endswith("date") or base in ("the effective date", "the execution date") or base.startswith("the date")
                if n and own_base and _start_said(sent) in (None, ("own", None)):
                    # "shall commence on the Effective Date and continue until the fifth anniversary of the Effective
                    # Date": a five-year term, whether or not the filed copy dates its start
                    put("initial_term", f"{n} year{'s' if n > 1 else ''}", c, at + anniversary.start(), at + anniversary.end(),
                        "initial_term.anniversary")
                if n and (start := anniversary_start(anniversary.group("base"))):
                    put("expiry", _later(start, n, "year"), c, at + anniversary.start(), at + anniversary.end(), "expiry.anniversary")
            elif length and (read := _length(length)):
                n, unit, value = read
                if later_of:  # "until the later of (x) three (3) years … and (y) …": a bound, not the term
                    bound = "at least" if re.search(r"(?i)later|latest|last", later_of.group(0)) else "at most"
                    put("initial_term", f"{bound} {value}", c, at + length.start(), at + length.end(), "initial_term.later_of")
                put("initial_term", value, c, at + length.start(), at + length.end(), "initial_term")
                this_term = out["initial_term"].start == at + length.start()  # not a later sentence's length
                start, dated_after = start_of(sent, length.start(), length.end(), said_in(c))
                undecided = undecided or (this_term and start is None and effective is not None)  # a named day never dated
                # a start dated right after the length ("for two years commencing on 1 July 2018") is
                # the term's; any other "from …" after it is another start ("from the First Commercial Sale")
                if this_term and start and (dated_after or not _FROM_OTHER.match(sent[length.end() :])) and not later_of:
                    put("expiry", _later(start, n, unit), c, at + length.start(), at + length.end(), "expiry.start_plus_term")
            elif (p := _PERPETUAL.search(sent, verb, stop)) and not _YEARLY.search(sent) and not _AFTER_INITIAL.search(sent) \
                    and not _DENIED.search(sent, max(0, p.start() - 120), p.start()):
                # "perpetual" (the schema's word for no fixed end); the rule says which: the draft's "perpetual" or
                # "in perpetuity", or a term that runs until a party ends it ("an indefinite term … unless terminated")
                said = "perpetual" if re.match(r"(?i)perpetual|in\s+perpetuity", p.group(0)) else "until_terminated"
                put("expiry", "perpetual", c, at + p.start(), at + p.end(), f"expiry.{said}")
            elif not later_of and (ev := _event_end(sent, term, stop)):
                event = re.sub(r"[\"“”]", "", " ".join(sent[ev[0] : ev[1]].split()))  # the expiration of the Sales Term
                put("expiry_event", event, c, at + ev[0], at + ev[1], "expiry_event")
        if (is_term or _TERM_DEFINED.search(sent)) and "expiry" not in out and not later_of:
            dates = all_dates(sent)
            for (s1, e1, _), (s2, e2, iso) in zip(dates, dates[1:]):
                if s2 - e1 <= 40 and _DATE_RANGE_GAP.match(sent[e1:s2]) and _TERM_WORD.search(sent, max(0, s1 - 60), s1) \
                        and not _NOT_RANGE.search(sent, 0, s1):
                    ranges.append((iso, c, at + s2, at + e2))
                    break
        if renews:
            taken = out.get("initial_term")
            length = next((m for m in _DURATION.finditer(sent, max(0, renews.start() - 40))
                           if not (taken and taken.start == at + m.start())
                           and (m.start() >= renews.start() or _RENEWAL_AFTER.match(sent[m.end() :]))
                           and not _NOT_LENGTH.match(sent[m.end() :]) and not re.match(r"(?i)\s*(?:after|following)", sent[m.end() :])
                           and (_RENEWAL_BEFORE.search(sent[max(0, m.start() - 40) : m.start()])
                                or _RENEWAL_AFTER.match(sent[m.end() :]))), None)
            yearly = _YEARLY.search(sent, max(0, renews.start() - 40))
            # a renewal only the parties' agreement brings about is said so ("can be renewed by mutual written
            # agreement of the parties for successive one (1) year periods"): it is no right to renew
            agreed = (agree := _BY_AGREEMENT.search(sent)) and not re.search(r"(?i)automatic", sent) \
                and not re.search(r"(?i)\b(?:unless|except|otherwise)\b", sent[max(0, agree.start() - 40) : agree.start()])
            how = (" (only by mutual agreement)", ".by_agreement") if agreed else ("", "")
            if length and (read := _length(length)):
                put("renewal", read[2] + how[0], c, at + length.start(), at + length.end(), "renewal" + how[1])
            elif yearly:
                put("renewal", "1 year" + how[0], c, at + yearly.start(), at + yearly.end(), "renewal.yearly" + how[1])
            elif endless := _RENEWS_INDEFINITELY.match(sent, renews.end()):
                put("renewal", "indefinite" + how[0], c, at + endless.start("v"), at + endless.end("v"), "renewal.indefinite" + how[1])
            notice = next((m for m in _NOTICE.finditer(sent)
                           if _NON_RENEWAL.search(sent, max(0, m.start() - 150), m.end() + 80)), None)
            if notice and (read := _length(notice)):
                put("renewal_notice", read[2], c, at + notice.start("n"), at + notice.end("s"), "renewal_notice")
    if "expiry" not in out and ranges:
        iso, c, s, e = ranges[0]
        put("expiry", iso, c, s, e, "expiry.date_range")
    if "expiry" in out or "initial_term" in out or undecided:
        out.pop("expiry_event", None)  # an event is reported only where nothing else says when the term ends
    return [out[k] for k in ("expiry", "expiry_event", "initial_term", "renewal", "renewal_notice") if k in out]


# ----------------------------------------------------------------------------------- arbitration

# (code, name) of the bodies whose rules an arbitration clause names; the first that a sentence names wins.
# Full names are matched in any case ("AMERICAN ARBITRATION ASSOCIATION"); a bare "AAA" not before another name.
_INSTITUTIONS = [(code, name, re.compile(rx)) for code, name, rx in (
    ("ICDR", "International Centre for Dispute Resolution", r"(?i:International\s+Cent(?:re|er)\s+for\s+Dispute\s+Resolution|"
                                                            r"International\s+(?:Arbitration\s+|Dispute\s+Resolution\s+)?Rules\s+of\s+"
                                                            r"the\s+American\s+Arbitration\s+Association)|\bICDR\b"),
    ("AAA", "American Arbitration Association",
     # a bare "AAA" before a lower-case word, a stop or "… Rules", not a party ("AAA Club Services and …")
     r"(?i:American\s+Arbitration\s+Association)|\bAAA\b(?=\s*(?:$|[^\sA-Z])|\s+(?:[A-Z][\w-]*\s+){0,4}"
     r"(?:Rules|Procedures|Arbitration|Arbitrators?|Administrator|Tribunal)\b)"),
    ("ICC", "International Chamber of Commerce", r"(?i:International\s+Chamber\s+of\s+Commerce)|\bICC\s+(?:Rules|Court|International\s+Court)|"
                                                 r"(?i:rules\s+of\s+(?:the\s+)?)ICC\b"),
    ("JAMS", "JAMS", r"\bJAMS\b|J\.A\.M\.S|(?i:Judicial\s+Arbitration\s+(?:and|&)\s+Mediation)"),
    ("LCIA", "London Court of International Arbitration", r"(?i:London\s+Court\s+of\s+International\s+Arbitration)|\bLCIA\b"),
    ("UNCITRAL", "UNCITRAL Arbitration Rules", r"\bUNCITRAL\b|(?i:United\s+Nations\s+Commission\s+on\s+International\s+Trade\s+Law)"),
    ("CIETAC", "China International Economic and Trade Arbitration Commission",
     r"(?i:China\s+International\s+Economic\s+and\s+Trade\s+Arbitration\s+Commission)|\bCIETAC\b"),
    ("SIAC", "Singapore International Arbitration Centre", r"(?i:Singapore\s+International\s+Arbitration\s+Cent(?:re|er))|\bSIAC\b"),
    ("HKIAC", "Hong Kong International Arbitration Centre", r"(?i:Hong\s+Kong\s+International\s+Arbitration\s+Cent(?:re|er))|\bHKIAC\b"),
    ("WIPO", "WIPO Arbitration and Mediation Center", r"(?i:World\s+Intellectual\s+Property\s+Organi[sz]ation)|\bWIPO\b"),
    ("SCC", "Arbitration Institute of the Stockholm Chamber of Commerce", r"(?i:Stockholm\s+Chamber\s+of\s+Commerce)|\bSCC\s+Rules"),
    ("NAF", "National Arbitration Forum", r"(?i:National\s+Arbitration\s+Forum)"),
    # "binding arbitration according to the [***]": the body is blanked out (not a count: "by [***] ([***]) arbitrators")
    (REDACTED, REDACTED, rf"(?i:\b(?:according\s+to|in\s+accordance\s+with|under|pursuant\s+to|administered\s+by|"
                         rf"(?:rules|auspices)\s+of)\s+(?:the\s+)?){_REDACTED_NAME}"),
    # another body: "the Beijing Arbitration Commission", "the Arbitration Foundation of Southern Africa" (not "The Arbitral
    # Tribunal", the panel itself); each name starts at a word start, so a long capitalised word is read once
    ("other", None, r"(?<![\w.&'’-])(?!(?:The|This|Such|Said|Each|Any|An?|Such)\s)(?:[A-Z][\w.&'’-]*\s+){1,6}(?:Arbitration|Arbitral|"
                    r"Dispute\s+Resolution)\s+(?:Association|Commission|Cent(?:re|er)|Institute|Board|Foundation|Chamber)\b|"
                    r"International\s+Institute\s+for\s+Conflict\s+Prevention(?:\s+(?:and|&)\s+Resolution)?|\bCPR\s+(?:Rules|Institute)|"
                    r"(?<![\w.&'’-])(?:Arbitration|Arbitral)\s+(?:Association|Commission|Cent(?:re|er)|Institute|Board|Foundation|Chamber)\s+"
                    r"of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"),
    ("statute", None, r"(?<![\w.'’-])(?:[A-Z][\w.'’-]*\s+){0,4}Arbitration\s+(?:and\s+Conciliation\s+)?(?:Act|Law|Ordinance|Code)\b"
                      r"(?:,?\s+\d{4})?"),
)]
_ARB = r"(?i:arbitra(?!r))"
_LANGUAGES = r"English|French|German|Spanish|Mandarin(?:\s+Chinese)?|Chinese|Japanese|Korean|Swedish|Italian|Dutch|Portuguese|Hebrew|Russian"
# words a seat pattern may land on that are not a place ("conducted in English in Delaware", "held at JAMS in San
# Francisco", "an arbitrator in the Request for Arbitration"): the place, if any, comes later
_NOT_PLACE_WORD = (rf"(?:{_LANGUAGES}|Section|Article|Exhibit|Schedule|Rules?|Agreement|Accordance|Arbitration|Disputes?|Party|Parties|"
                   r"This|Such|Each|Any|If|Request|Notice|Demand|Statement|Claim|Answer|Licensee|Licensor|Company|Claimant|Respondent|"
                   r"Distributor|Supplier|Franchisor|Franchisee|Buyer|Seller|Purchaser|Vendor|Customer|Client|Contractor|Consultant|"
                   r"Agent|Commercial|Code|Federal|Courts?|AAA|JAMS|ICC|ICDR|LCIA|American|International|Office|Offices|The(?!\s+Hague))\b")
_PLACE = (rf"(?P<place>{_REDACTED_NAME}|(?!{_NOT_PLACE_WORD})[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|upon|on)\b)*"
          r"(?:,?[ \t]+\(?[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of)\b)*\)?){0,2})")
_IN_PLACE = r"(?:the\s+)?(?:(?i:city|county|state|commonwealth|province|republic)\s+of\s+)?" + _PLACE
_HELD_VERBS = r"held|conducted|take\s+place|located|seated|heard|sit|venued"
# "The arbitration shall be held in …", "the proceedings will only take place in …", "shall (i) be subject to …, (ii) take
# place in Paris": a subject, a modal within 100 characters, the verb within 80, then "in"/"at" a place within 120. Each
# part is found on its own and the parts are put together by position, so no stretch of text is read more than once.
_SUBJECT = re.compile(rf"{_ARB}\w*|(?i:\bproceedings?\b|\bhearings?\b)")
_MODAL = re.compile(r"(?i)\b(?:shall|will|must|to)\b")
_VERB = re.compile(rf"(?i:\b(?P<verb>{_HELD_VERBS}|brought)\b)")
_AT_PLACE = re.compile(r"(?i:\bin|\bat)\s+" + _IN_PLACE)
# a seat the clause describes instead of naming: "held in the county in which Excite@Home has its principal place of
# business", "in the respondent's home city"; it depends on a party, so it is reported as the clause words it
_AT_DESCRIBED = re.compile(r"(?i:\bin|\bat)\s+(?P<place>(?i:the\s+(?:[\w@'’-]+\s+){0,3}?(?:county|city|state|place|location|offices?|"
                           r"forum|principal\s+(?:place|office)))\b[^.;]{0,120})")
_DEPENDS_ON = re.compile(r"(?i)\b(?:respond\w*|defend\w*|claimant|initiat\w*|part(?:y|ies)|in\s+which|where)\b")
_SEAT = [(rule, re.compile(rx)) for rule, rx in (
    # "The place of arbitration shall be Hartford, Connecticut", "The seat, or legal place, of arbitration shall be London"
    ("seat", rf"(?i:\b(?:place|seat|venue|location|situs|site|forum)\b[^.;]{{0,25}}?\s(?:of|for)\s+(?:the\s+|any\s+|such\s+|all\s+)?"
             rf"(?:{_ARB}\w*|arbitral\s+proceedings?)(?:\s+proceedings?|\s+hearings?)?[^.;]{{0,40}}?\b(?:shall|will|must)\s+be\s+"
             r"(?:(?:in|at)\s+)?)" + _IN_PLACE),
    # "binding arbitration in Los Angeles County, California", "by a single arbitrator, in New York, New York"
    ("arbitration_in", rf"{_ARB}(?i:tion|tors?)(?:\s+proceedings?)?,?\s+(?:(?i:conducted|held)\s+)?in\s+" + _IN_PLACE),
    # "… of the American Arbitration Association sited in Washington State"
    ("sited_in", r"\b(?i:sited|seated)\s+in\s+" + _IN_PLACE),
)]
# a court or a judgment between the verb and the place ("… heard by any court in Orange County"), or a mediation or a
# court just before the subject ("Mediation proceedings shall be held in Chicago"); arbitration bodies' names aside
# ("the London Court of International Arbitration")
_NOT_SEAT_GAP = re.compile(r"(?i)\bcourts?\b|\bjudgments?\b|\bjudicial\b")
_NOT_SEAT_BEFORE = re.compile(r"(?i)\b(?:mediation|court|courts|litigation|judicial)\s+$")
# a seat that depends on who starts the arbitration ("in Tokyo if demanded by A …"), or a choice ("Shanghai or Beijing")
_CONDITIONAL = re.compile(r"^(?:,?\s+or\s+(?:in\s+)?[A-Z][a-z]|[^.;]{0,80}?\b(?i:if\b[^.;]{0,60}\b(?:demanded|initiated|brought|"
                          r"commenced|filed|requested|instituted)))")  # not "… or such other place as the parties agree"
_CAPS_CUT = re.compile(r"\s+(?:UNDER|BEFORE|PURSUANT|ACCORDING|IN|BY|WITH|UNLESS|FOR|TO|AT|ON|AND|OR|THE|SHALL|WILL|AS)\b.*$", re.S)
_COMPANY = re.compile(r"(?i)\b(?:Inc|Incorporated|Corp|Corporation|Company|LLC|L\.L\.C|Ltd|Limited|LLP|LP|GmbH|AG|S\.?A|"
                      r"N\.?V|B\.?V|PLC)\.?$")  # "held at Acme Corporation, 100 Main Street": a party's office, no place
_LANGUAGE = re.compile(
    rf"(?i:\blanguage\s+(?:of|(?:to\s+be\s+)?used\s+in|for)\s+(?:the\s+|all\s+|such\s+|any\s+)?(?:{_ARB}|proceeding)[^.;]{{0,40}}?"
    rf"\b(?:shall|will)\s+be\s+(?:in\s+)?(?:the\s+)?)(?P<lang>{_LANGUAGES})\b|"
    rf"(?i:\b(?:conducted|held|proceedings?|{_ARB}\w*)\b[^.;]{{0,60}}?\bin\s+(?:the\s+)?)(?P<lang2>{_LANGUAGES})"
    r"(?!\s+(?:translation|courts?|law|laws|lawyers?))\b")
_COUNT = r"(?<![\d.])(?P<n>one|1|single|sole|three|3|five|5)"
_ARBITRATORS = [(rule, re.compile(rx)) for rule, rx in (
    ("number", rf"(?i)\bnumber\s+of\s+arbitrators\s+(?:shall|will)\s+be\s+{_COUNT}\b"),
    ("panel", r"(?i)\b(?:panel|tribunal)(?:\s+(?:shall|will))?(?:\s+be)?(?:\s+(?:consist(?:ing)?|composed|comprised|made\s+up))?"
              r"(?:\s+of)?\s+(?<![\d.])(?P<n>one|1|three|3)\b(?:\s*\(\d\))?"),
    # "by one (1) arbitrator", "a sole arbitrator", "three (3) arbitrators" — not each party's "one arbitrator" (below)
    ("stated", rf"(?i)\b(?:an?\s+)?{_COUNT}(?:\s*\(\d\))?\s+(?:neutral\s+|independent\s+|impartial\s+|disinterested\s+|qualified\s+)?"
               r"arbitrators?\b(?!\s+(?:each|so))"),
    # each party appoints one, and those two appoint a third
    ("third", r"(?i)\bthird\s+(?:neutral\s+)?arbitrator\b|\bpresiding\s+arbitrator\b|\bchair(?:man|person)?\s+of\s+the\s+(?:arbitral\s+)?tribunal\b|"
              r"\b(?:appoint|select|choose|name|designate|nominate)\w*\s+(?:a|the)\s+third\b(?![- ]part)"),
)]
# "each party shall appoint one arbitrator" (however the line wraps), not "the parties shall jointly select one arbitrator"
_EACH_APPOINTS = re.compile(r"(?i)^(?![^.;]*\b(?:jointly|mutually|together)\b)[^.;]*\b(?:appoints?|selects?|chooses?|names?|designates?|nominates?)\s+$")
_APPOINTED_BY_EACH = re.compile(r"(?i)^\s*(?:shall|will|to|is\s+to)\s+be\s+(?:appointed|selected|chosen|named|designated|nominated)\s+by\s+each\b")
# the number is not fixed: "one or more arbitrators", "if the parties cannot agree upon a single arbitrator, …",
# "one arbitrator, unless the amount in controversy exceeds …"
_OPEN_COUNT = re.compile(r"(?i)\b(?:one|1)(?:\s*\(1\))?\s+or\s+(?:more|three|3)\b[^.;]{0,20}arbitrators|"
                         r"\b(?:unable|fail\w*|cannot|can\s+not|do\s+not|does\s+not)\s+(?:to\s+)?agree\s+(?:up)?on\s+(?:a|the)\s+"
                         r"(?:single|sole)\s+arbitrator|\brequests?\s+(?:a\s+)?panel\s+of\s+three|"
                         r"\b(?:amount|value)\b[^.;]{0,30}\b(?:in\s+(?:dispute|controversy)|claimed|of\s+the\s+claim)\b(?=[^.;]*\barbitrators?\b)|"
                         r"\barbitrators?\b[^.;]{0,200}\b(?:amount|value)\b[^.;]{0,30}\b(?:in\s+(?:dispute|controversy)|claimed|of\s+the\s+claim)\b|"
                         r"\bin\s+dispute\s+has\s+a\s+value")
# a sentence ends at "." or ";", but not after "St." or "No." ("St. Louis"); at most 1,500 characters are read
_ABBREVIATED = "|".join(rf"(?<=\b{w})" for w in ("St", "Ft", "Mt", "No", "Nos", "Co", "Inc", "Jr", "Sr"))
_ARB_SENTENCE = re.compile(rf"[^.;]+(?:(?:\.(?=[\w,])|(?:{_ABBREVIATED})\.)[^.;]*)*[.;]?")


def arbitration_clauses(clauses: list[Clause], cited: list[str]) -> list[tuple[Clause, str, bool]]:
    """Where an arbitration clause says its terms: (clause, its own text, whether the clause is
    part of the arbitration clause). First the clauses typed ``arbitration`` (see :func:`typed`) and
    their sub-clauses, then, only for sentences that name arbitration, their parents, siblings and
    the siblings' sub-clauses: a seat or a language often has a clause of its own ("9.4 The seat …
    shall be London")."""
    own = dict(zip((c.id for c in clauses), own_text(clauses)))
    first = typed(clauses, cited, "arbitration")
    core = {c.id for c in first}
    for c in clauses:  # document order: a parent comes before its children
        if c.parent in core:
            core.add(c.id)
    near = {c.parent for c in first} - {None}
    for c in clauses:  # the parents, their other children and those children's sub-clauses
        if c.id not in core and c.parent in near:
            near.add(c.id)
    out = [(c, own[c.id], True) for c in first]
    taken = {f.id for f in first}
    out += [(c, own[c.id], True) for c in clauses if c.id in core and c.id not in taken]
    out += [(c, own[c.id], False) for c in clauses if c.id not in core and c.id in near]
    return out


def _about_arbitration(sent: str, part: bool) -> bool:
    """The sentence speaks of arbitration itself, not only of a body whose name holds the word
    ("mediation under the rules of the American Arbitration Association"); inside the arbitration
    clause, "the proceedings" or "the tribunal" will do."""
    sent = _without_bodies(sent)
    return bool(re.search(_ARB, sent)) or part and bool(re.search(r"(?i)\b(?:proceedings?|hearings?|tribunal)\b", sent)) and \
        not re.search(r"(?i)\bmediat", sent)


def _seat_value(raw: str) -> str:
    place = re.sub(r"\s+", " ", re.split(r"(?<=[a-z]{2})\.\s|\s+(?:and|or)\s+", raw)[0]).strip(" ,.")
    if place.isupper():  # "NEW YORK, NEW YORK UNDER THE RULES …" → "New York, New York"
        place = _from_caps(_CAPS_CUT.sub("", place)).strip(" ,.")
    place = re.sub(r"\s+(?:of|on|upon)$|\s+(?:State|Commonwealth|Province)\s+of\b.*$", "", place)  # "New York State of New York, USA"
    if place.count("(") > place.count(")"):  # "Paris (France" as cut → "Paris (France)"
        place += ")"
    return place


def _without_bodies(text: str) -> str:
    """``text`` with the names of arbitration bodies blanked ("the London Court of International Arbitration")."""
    for _, _, rx in _INSTITUTIONS[:-2]:
        text = rx.sub(" ", text)
    return text


def _a_seat(sent: str, m: re.Match, rule: str, at: int) -> tuple[int, int, str, str] | None:
    """The seat a place match ``m`` names, or None when it is no place: a party ("Distributor's"), a body's name, a
    run of words; a place followed by a condition or a choice is given in the clause's words."""
    if re.fullmatch(REDACTION, m.group("place")):
        return at + m.start("place"), at + m.end("place"), REDACTED, "redacted"
    place = _seat_value(m.group("place"))
    if re.fullmatch(r"\S+['’]s", place) or len(place.split()) > 8 or any(i.fullmatch(place) for _, _, i in _INSTITUTIONS) \
            or _COMPANY.search(place.split(",")[0]):
        return None
    s = m.start("place")
    if _CONDITIONAL.match(sent[m.end("place"):]):  # "in Tokyo, Japan, if it is demanded by A, and in New York …"
        rest = sent[s:].rstrip(" .;")
        return at + s, at + s + len(rest), " ".join(rest.split())[:160], "described"
    return at + s, at + s + len(m.group("place").rstrip(" ,.(")), place, rule


def _seat(sent: str) -> tuple[int, int, str, str] | None:
    for rule, rx in _SEAT[:1]:  # "the place of arbitration shall be …"
        for m in rx.finditer(sent):
            if (found := _a_seat(sent, m, rule, 0)):
                return found
    subjects = [m.start() for m in _SUBJECT.finditer(sent)]
    modals = [m.end() for m in _MODAL.finditer(sent)]
    places = list(_AT_PLACE.finditer(sent))
    starts = [p.start() for p in places]
    described = list(_AT_DESCRIBED.finditer(sent))
    for v in _VERB.finditer(sent):
        k = bisect_right(modals, v.start()) - 1  # "shall" at most 80 characters before the verb …
        if k < 0 or v.start() - modals[k] > 80 or re.search(r"[.;]", sent[modals[k] : v.start()]):
            continue
        j = bisect_right(subjects, modals[k] - 1) - 1  # … and "the arbitration" at most 100 before that
        if j < 0 or modals[k] - subjects[j] > 110 or _NOT_SEAT_BEFORE.search(sent[max(0, subjects[j] - 20) : subjects[j]]):
            continue
        i = bisect_left(starts, v.end())
        if v.group("verb").lower() != "brought" and i < len(places) and places[i].start() - v.end() <= 120 \
                and not _NOT_SEAT_GAP.search(_without_bodies(sent[v.end() : places[i].start()])):
            if (found := _a_seat(sent, places[i], "held_in", 0)):
                return found
        d = next((d for d in described if d.start() >= v.end()), None)
        if d is not None and d.start() - v.end() <= 60 and _DEPENDS_ON.search(d.group("place")) \
                and not _NOT_SEAT_GAP.search(sent[v.end() : d.start()]):
            raw = d.group("place").rstrip(" ,.")
            return d.start("place"), d.start("place") + len(raw), " ".join(raw.split()), "described"
    for rule, rx in _SEAT[1:]:
        for m in rx.finditer(sent):
            if not _NOT_SEAT_BEFORE.search(sent[max(0, m.start() - 20) : m.start()]) and (found := _a_seat(sent, m, rule, 0)):
                return found
    return None


def _count(sent: str) -> tuple[re.Match, int, str] | None:
    for rule, rx in _ARBITRATORS:
        for m in rx.finditer(sent):
            if rule == "stated" and m.group("n").lower() in ("one", "1") and (
                    _EACH_APPOINTS.match(sent[max(0, m.start() - 40) : m.start()]) or _APPOINTED_BY_EACH.match(sent[m.end():])):
                continue  # each party's own arbitrator, not the panel
            n = 3 if rule == "third" else {"one": 1, "single": 1, "sole": 1, "three": 3, "five": 5}.get(
                m.group("n").lower(), int(m.group("n")) if m.group("n").isdigit() else 0)
            return m, n, rule
    return None


def arbitration_terms(parts: list[tuple[Clause, str, bool]]) -> list[KeyTerm]:
    """From the arbitration clauses (:func:`arbitration_clauses`): the seat, the rules or
    institution, how many arbitrators and the language, where the clause says them. Each term comes
    from the first sentence (in the order given) that states it; a count the clause leaves open
    ("one or more", "if the parties cannot agree on a sole arbitrator, …", one or three by the
    amount in dispute) is none."""
    out: dict[str, KeyTerm] = {}

    def put(name, value, clause, s, e, rule):
        out.setdefault(name, KeyTerm(name=name, value=value, clause=clause.id, start=s, end=e, rule=f"terms.{rule}"))

    sentences = [(c, c.start + m.start(), m.group(0)) for c, text, part in parts for m in _ARB_SENTENCE.finditer(text)
                 if len(m.group(0)) <= 1500 and _about_arbitration(m.group(0), part)]
    open_count = any(_OPEN_COUNT.search(sent) for _, _, sent in sentences)
    statute = None
    for c, at, sent in sentences:
        if "arbitration_seat" not in out and (seat := _seat(sent)):
            s, e, place, rule = seat
            put("arbitration_seat", place, c, at + s, at + e, f"arbitration_seat.{rule}")
        if "arbitration_rules" not in out and re.search(_ARB, sent):
            for code, name, rx in _INSTITUTIONS:
                if (m := rx.search(sent)):
                    said = re.sub(r"\s+", " ", m.group(0)).strip()
                    if code == "statute":  # an act counts only where no institution is named
                        statute = statute or (said, c, at + m.start(), at + m.end())
                        continue
                    value = (name if name == code else f"{name} ({code})") if name else said
                    put("arbitration_rules", value, c, at + m.start(), at + m.end(), f"arbitration_rules.{code.lower()}")
                    break
        if "arbitrators" not in out and not open_count and (found := _count(sent)):
            m, n, rule = found
            put("arbitrators", str(n), c, at + m.start(), at + m.end(), f"arbitrators.{rule}")
        if "arbitration_language" not in out and (m := _LANGUAGE.search(sent)):
            g = "lang" if m.group("lang") else "lang2"
            put("arbitration_language", re.sub(r"\s+", " ", m.group(g)), c, at + m.start(g), at + m.end(g), "arbitration_language")
    if "arbitration_rules" not in out and statute:
        said, c, s, e = statute
        put("arbitration_rules", said, c, s, e, "arbitration_rules.statute")
    return [out[k] for k in ("arbitration_seat", "arbitration_rules", "arbitrators", "arbitration_language") if k in out]


# ----------------------------------------------------------------------------------- court forum

# a place in a court clause: capitalised words, "of" inside ("Southern District of New York"), up to two more parts
# after commas ("San Francisco, California, USA"); "England and Wales" is one place
_FORUM_WORD = r"[A-Z][\w.'’-]*"
_FORUM_PLACE = (rf"(?P<place>{_REDACTED_NAME}|{_FORUM_WORD}(?:\s+(?:{_FORUM_WORD}|of(?=\s+[A-Z])))*(?:\s+and\s+Wales)?"
                rf"(?:,\s*{_FORUM_WORD}(?:\s+(?:{_FORUM_WORD}|of(?=\s+[A-Z])))*){{0,2}})")
_PLACE_KIND = r"(?i:(?:city|county|states?|commonwealth|province|borough|republic|kingdom|canton|emirate|parish)\s+(?:and\s+county\s+)?of\s+)"
_FORUM = [(rule, re.compile(rx)) for rule, rx in (
    # "the courts located in Houston, Texas", "the Supreme Court of the State of New York", "courts in and for Maricopa County"
    ("courts_in", r"(?i:\bcourts?(?:\s+of\s+(?:competent\s+jurisdiction|chancery|justice))?(?:\s+of\s+and)?"
                  r"(?:\s+(?:located|sitting|situated|situate|seated|having\s+(?:jurisdiction|situs)))?"
                  r"\s+(?:in\s+and\s+for|in|of|for|at|within)\s+(?:the\s+)?)" + _PLACE_KIND + "?" + _FORUM_PLACE),
    # "the Delhi Courts shall have exclusive jurisdiction", "the Texas state courts", "the Delaware Court of Chancery"
    ("place_courts", _FORUM_PLACE + r"\s+(?i:(?:state|federal|provincial|district)\s+(?:(?:and|or)\s+(?:state|federal)\s+)?)?(?i:courts?)\b"),
    # "exclusive venue in the State of Texas, Collin County", "venue shall lie in Santa Clara County"
    ("venue_in", r"(?i:\bvenue\b[^.;]{0,100}?\b(?:in|lie\s+in|be\s+in)\s+(?:the\s+)?|\bvenue\s+(?:the\s+)?(?=[A-Z]))"
                 r"(?!(?i:(?:state|federal|district|superior|supreme|county)\s+courts?)\b)" + _PLACE_KIND + "?" + _FORUM_PLACE),
    # "submit to the jurisdiction of the State of New York"
    ("jurisdiction_of", r"(?i:\bjurisdiction\s+(?:of|in)\s+(?:the\s+)?)" + _PLACE_KIND + _FORUM_PLACE),
)]
# a sentence chooses a forum: it speaks of jurisdiction, venue or a forum, or sends actions to a court
_FORUM_CUE = re.compile(r"(?i)\b(?:jurisdiction|venue|forum|attorn\w*|submit\w*|brought|litigated|instituted|commenced|filed|heard|tried|"
                        r"adjudicated|resolved|venued|take\s+place|held|conducted)\b")
# ... not about enforcing an award or a judgment, relief pending arbitration, or an arbitral body ("ICC International
# Court of Arbitration"), unless a plain choice of courts follows those words ("Venue for any proceedings not subject
# to arbitration … shall be in the state and federal courts located in New York", "If arbitration fails … the Courts of
# the State of Florida will be deemed to have jurisdiction")
_NOT_FORUM = re.compile(rf"(?i)\baward\b|{_ARB}|\binjunct\w*|\bequitable\s+relief\b|\bspecific\s+performance\b|\bjudge?ments?\b")
_CHOSEN = re.compile(r"(?i)\bexclusive\s+(?:personal\s+)?(?:jurisdiction|venue|forum)|\b(?:jurisdiction|venue)\b[^.;]{0,80}?\b(?:shall|will)\s+"
                     r"(?:be|lie)\b|\b(?:shall|will|must)\s+(?:only\s+)?be\s+(?:brought|litigated|instituted|commenced|filed)\b|"
                     r"\b(?:shall|will)\s+(?:be\s+deemed\s+to\s+)?have\s+(?:exclusive\s+|non-?\s?exclusive\s+)?jurisdiction\b|"
                     r"\bsubmits?\s+to\s+the\s+(?:exclusive\s+|non-?\s?exclusive\s+)?jurisdiction\b")
_NOT_FORUM_PLACE = re.compile(
    r"(?i)^(?:the\s+)?(?:competent|appropriate|applicable|any|such|said|this|that|each|all|either|federal|state|supreme|superior|district|"
    r"circuit|county|city|court|courts|law|laws|equity|jurisdiction|venue|agreement|section|article|party|parties|territory|licensee|"
    r"licensor|company|seller|buyer|purchaser|supplier|distributor|customer|client|contractor|consultant|agent|franchisor|"
    r"franchisee|provider|manufacturer|member|owner|borrower|lender|plaintiff|defendant|claimant|respondent|united\s+states(?:\s+of\s+america)?"
    r"$|u\.?s\.?a?\.?$|international|national|arbitration|chancery)\b|^(?i:the|a|an|all|both|these|those|its|their)$")
# the name of a court, not its place ("the United States District Court", "the Bankruptcy Court")
_COURT_NAME_END = re.compile(r"(?i)\b(?:courts?|district|supreme|superior|circuit|federal|chancery|bankruptcy|appellate|high|magistrate|"
                             r"state\s+or|state\s+and)$")
_NON_EXCLUSIVE = re.compile(r"(?i)\bnon[-\s]?exclusive\b")
_EXCLUSIVE = re.compile(r"(?i)\bexclusive(?:ly)?\b|\b(?:sole(?:ly)?|only)\s+(?:in|before|by|and\s+exclusive|jurisdiction|venue|forum)\b")
# "shall be litigated in the courts located in Houston", "shall be brought exclusively in", "must be filed in"
_MANDATORY = re.compile(r"(?i)\b(?:shall|will|must)\s+(?:only\s+)?be\s+(?:brought|litigated|instituted|commenced|filed|heard|tried|"
                        r"adjudicated|resolved|venued|determined|submitted)\b|\bshall\s+(?:be\s+)?(?:lie|laid)\b|"
                        r"\b(?:shall|will|must)\s+(?:only\s+)?take\s+place\b|"
                        r"\bvenue\b[^.;]{0,80}?\b(?:shall|will|must)\s+(?:be|lie)\b")


def forum_clauses(clauses: list[Clause], cited: dict[str, list[str]]) -> list[tuple[Clause, str]]:
    """Where a choice of courts is read: the clauses typed ``jurisdiction``, then ``governing_law`` and
    ``dispute_resolution`` (a "Governing Law; Jurisdiction" clause), each with its sub-clauses, as
    (clause, its own text)."""
    own = dict(zip((c.id for c in clauses), own_text(clauses)))
    first = [c for t in ("jurisdiction", "governing_law", "dispute_resolution") for c in typed(clauses, cited.get(t, []), t)]
    seen, order = set(), []
    for c in first:
        if c.id not in seen:
            seen.add(c.id)
            order.append(c)
    core = set(seen)
    for c in clauses:  # document order: a parent comes before its children
        if c.parent in core and c.id not in seen:
            core.add(c.id)
            seen.add(c.id)
            order.append(c)
    return [(c, own[c.id]) for c in order]


def _forum_place(sent: str, text: str) -> tuple[int, int, str, str] | None:
    """(start, end, place, rule) of the first place a court sentence names, a named place before "United States"."""
    found = []
    for rule, rx in _FORUM:
        for m in rx.finditer(sent):
            raw = m.group("place")
            if re.fullmatch(REDACTION, raw):
                found.append((m.start("place"), m.end("place"), REDACTED, rule))
                break
            if raw.isupper():  # "… THAT MAY BE FILED IN ANY COURT": in capitals, the words before "court" are no place
                cut = _CAPS_CUT.sub("", raw)
                words = cut.lower().replace(",", " ").split()
                known = any(" ".join(words[i:j]) in _KNOWN_PLACES or " ".join(words[i:j]) in _PEOPLE
                            for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1))
                if (rule == "place_courts" and cut != raw) or (not known and not re.search(r"(?i)\b(?:county|city|parish|borough)\b", cut)):
                    continue  # "… FOR THE PURPOSES OF CARRYING OUT THIS PROVISION": no place a list knows
                raw = cut
            place = " ".join(raw.split()).rstrip(" ,.")
            place = re.sub(r"\s+of$", "", place)
            if _NOT_FORUM_PLACE.match(place) and not _US.fullmatch(place) or _COURT_NAME_END.search(place) or len(place.split()) > 9 \
                    or re.search(r"['’]s\b", place) or _COMPANY.search(place.split(",")[0]) \
                    or re.search(rf"[\"“]{re.escape(place.split(',')[0])}[\"”]", text):  # a defined term ("Territory")
                continue
            place = _PEOPLE.get(place.lower(), place)  # "the English courts" → England
            found.append((m.start("place"), m.start("place") + len(raw.rstrip(" ,.")), _from_caps(place), rule))
            break
    if not found:
        return None
    named = [f for f in found if not _US.fullmatch(f[2])]
    return min(named or found, key=lambda f: f[0])


def court_forum(parts: list[tuple[Clause, str]], text: str = "") -> KeyTerm | None:
    """The courts the agreement sends disputes to, from the first sentence (in the order of
    :func:`forum_clauses`) that chooses a forum and names a place: "Houston, Texas (mandatory)". The
    value says whether the choice is exclusive ("exclusive jurisdiction", "exclusively"), mandatory
    without the word ("shall be litigated in"), non-exclusive, or not said to be exclusive (a bare
    submission); the rule says the same (``terms.court_forum.exclusive`` …). A sentence about an
    arbitration, an award, a judgment or injunctive relief is read only where a plain choice of
    courts follows those words."""
    for c, own in parts:
        for m in _ARB_SENTENCE.finditer(own):
            sent = m.group(0)[:1500]
            if not _FORUM_CUE.search(sent) or not re.search(r"(?i)\bcourts?\b|\bvenue\b|\bjurisdiction\b", sent):
                continue
            if not (found := _forum_place(sent, text or own)):
                continue
            s, e, place, _ = found
            other = [x.end() for x in _NOT_FORUM.finditer(sent, 0, s)]
            if other and not any(x.end() > other[-1] for x in _CHOSEN.finditer(sent)):
                continue
            if _NON_EXCLUSIVE.search(sent):
                kind, said = "non_exclusive", "non-exclusive"
            elif _EXCLUSIVE.search(sent):
                kind, said = "exclusive", "exclusive"
            elif _MANDATORY.search(sent):
                kind, said = "mandatory", "mandatory"
            else:
                kind, said = "not_exclusive", "not said to be exclusive"
            at = c.start + m.start()
            value = place if place == REDACTED else f"{place} ({said})"
            return KeyTerm(name="court_forum", value=value, clause=c.id, start=at + s, end=at + e, rule=f"terms.court_forum.{kind}")
    return None


# "… as of March 5, 2024 (the "Effective Date")", ""Effective Date" means March 5, 2024", "effective as of March 5, 2024"
_EFFECTIVE_DEF = re.compile(r"(?i)[\"“']Effective\s+Date[\"”']\s+(?:shall\s+)?means?\b|"
                            r"\((?:[^()]{0,40}?(?:,|\bherein|\bhereinafter|\bcalled|\bas)\s+)?(?:the\s+)?[\"“']?Effective\s+Date[\"”']?\s*\)|"
                            r"\bhereinafter[\s,]+(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?[\"“']Effective\s+Date[\"”']")
MAX_DEFINITIONS = 50  # "Effective Date" definitions examined per text
_EFFECTIVE_AS_OF = re.compile(r"(?i)\b(?:effective|with\s+effect)\s+(?:as\s+of|from|on)\b")


def effective_date(text: str) -> KeyTerm | None:
    """The date the draft calls its Effective Date: the date just before the defined term
    "(the "Effective Date")", or in its definition; else the first date "effective as of" gives
    near the top."""
    text = without_furniture(text)
    for k, m in enumerate(_EFFECTIVE_DEF.finditer(text)):
        if k >= MAX_DEFINITIONS:
            break
        if m.group(0).rstrip().endswith(("means", "mean")):
            after = [d for d in all_dates(text[m.end() : m.end() + 200]) if d[0] < 120]
            if after:
                s, e, iso = after[0]
                return KeyTerm(name="effective_date", value=iso, start=m.end() + s, end=m.end() + e, rule="terms.effective_date.means")
            continue
        base = max(0, m.start() - 160)
        stop = max(0, base - 40)  # no date is longer
        while base > stop and not text[base - 1].isspace():  # never start inside a date ("1|1/15/2020")
            base -= 1
        before = all_dates(text[base : m.start()])
        if before:
            s, e, iso = before[-1]
            return KeyTerm(name="effective_date", value=iso, start=base + s, end=base + e, rule="terms.effective_date.defined")
    for m in _EFFECTIVE_AS_OF.finditer(text, 0, 6000):
        after = [d for d in all_dates(text[m.end() : m.end() + 60]) if d[0] < 20]
        if after:
            s, e, iso = after[0]
            return KeyTerm(name="effective_date", value=iso, start=m.end() + s, end=m.end() + e, rule="terms.effective_date.as_of")
    return None


# a date the filed copy leaves blank: "effective as of , 2020", "dated as of [●]", "the ___ day of _____, 20___", "on 2018"
_BLANK_DATE = re.compile(rf"(?i)(?:_{{2,}}|\[\s*[●•]?\s*\]|{REDACTION}|\b(?:of|on|dated|as\s+of)\s*,?\s*(?:19|20)\d\d|\b20_+|\b(?:19|20)\d_)"
                         r"[\s,]*$")
_BLANK_AFTER = re.compile(rf"\s*(?:the\s+)?(?:_{{2,}}|\[\s*[●•]?\s*\]|{REDACTION}|,\s*(?:19|20)\d\d)")  # ""Effective Date" means ______, 2001"


def effective_date_left_blank(text: str) -> bool:
    """The draft defines its Effective Date by a date it leaves blank ("effective as of , 2020 (the
    "Effective Date")"): a term counted from it has no known start, whatever else the text dates."""
    text = without_furniture(text)
    for k, m in enumerate(_EFFECTIVE_DEF.finditer(text)):
        if k >= MAX_DEFINITIONS:
            break
        if m.group(0).rstrip().endswith(("means", "mean")):
            if _BLANK_AFTER.match(text, m.end()):
                return True
            continue
        if _BLANK_DATE.search(text, max(0, m.start() - 40), m.start()):
            return True
    return False


def _holder(clauses: list[Clause], start: int, end: int) -> str | None:
    """The deepest clause that holds all of text[start:end] (clauses are in document order)."""
    return next((c.id for c in reversed(clauses) if c.start <= start and end <= c.end), None)


def typed(clauses: list[Clause], cited: list[str], t: str) -> list[Clause]:
    """The clauses of type ``t``: those coverage cites first, then every other clause typed so
    (score ≥ the classifier's threshold), highest score first."""
    by_id = {c.id: c for c in clauses}
    more = sorted((c for c in clauses if c.id not in cited and any(ts.type == t and ts.score >= THRESHOLD for ts in c.types)),
                  key=lambda c: -max(ts.score for ts in c.types if ts.type == t))
    return [by_id[i] for i in cited if i in by_id] + more


def key_terms(text: str, clauses: list[Clause], coverage: Coverage, effective: str | None) -> list[KeyTerm]:
    """Governing law, effective date, expiry (or the event the term ends on), initial term, renewal
    term and renewal notice, the arbitration's terms and the chosen courts, where the draft says
    them. ``effective``: the agreement's date, the start of the term when the draft defines no
    Effective Date (not where it defines one and leaves it blank)."""
    cited = {i.type: i.evidence for i in coverage.items if i.status != "missing"}
    evidence = {t: typed(clauses, cited.get(t, []), t) for t in ("governing_law", "term_renewal")}
    out = []
    law = next((found for c in evidence["governing_law"] if (found := governing_law(c.text, c.start))), None)
    law = law or governing_law(text)
    if law:
        out.append(law.model_copy(update={"clause": _holder(clauses, law.start, law.end)}))
    eff = effective_date(text)
    if eff:
        out.append(eff.model_copy(update={"clause": _holder(clauses, eff.start, eff.end)}))
    start = eff.value if eff else None if effective_date_left_blank(text) else effective
    out += term_and_renewal(evidence["term_renewal"], start, text)
    out += arbitration_terms(arbitration_clauses(clauses, cited.get("arbitration", [])))
    if forum := court_forum(forum_clauses(clauses, cited), text):
        out.append(forum)
    return out
