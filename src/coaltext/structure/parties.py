"""Parties (with roles), the agreement date and defined terms."""

from __future__ import annotations

import re

from ..types import Clause, Definition, Party
from .dates import all_dates

# EDGAR's furniture line "Source: ACME INC, 10-K, 3/3/2017" carries the filing date, never the agreement's
_SOURCE_LINE = re.compile(r"^.*\bSource:.*$", re.M)
_DATE_CUE = re.compile(
    r"(dated|entered\s+into|made|effective|executed|as\s+of|this\s+agreement\s+is\s+made|dated\s+as\s+of|on)\b", re.I
)

ROLE_WORDS = {
    "licensor", "licensee", "company", "distributor", "supplier", "manufacturer", "customer", "consultant",
    "contractor", "partner", "investor", "institute", "university", "sponsor", "developer", "reseller",
    "franchisee", "franchisor", "provider", "client", "purchaser", "seller", "buyer", "vendor", "agent",
    "participant", "member", "collaborator", "owner", "lender", "borrower", "employer", "affiliate",
    "promoter", "endorser", "publisher", "producer", "marketer", "servicer", "operator", "recipient",
    "discloser", "disclosing party", "receiving party", "venturer", "co-venturer", "joint venturer",
    "party a", "party b", "party c", "party d", "party e", "party f", "agency", "bank", "parent", "subsidiary",
    "guarantor", "landlord", "tenant",
}  # fmt: skip

# Parties. A contract names them in one sentence of its preamble ("by and between Acme Corp., a
# Delaware corporation ("Licensor"), and Beta Ltd ("Beta")"), on a cover page ("between / ACME
# CORP. / and / BETA LTD"), or in a numbered list ("BETWEEN: (1) ACME LIMITED … (2) JOHN SMITH").
# Measured against CUAD's "Parties" answers by bench/parties.py. (A lower-case "inc" or "plc" is a legal form too:
# "BorrowMoney.com, inc of 512 Bayshore DR", "between salesforce.com, inc., a Delaware corporation", "QIWI plc".)
_SUFFIX = (
    r"(?:Inc|INC|inc|Incorporated|INCORPORATED|Corp|CORP|Corporation|CORPORATION|Company|COMPANY|Co|CO|LLC|L\.L\.C|"
    r"Ltd|LTD|Limited|LIMITED|LP|L\.P|LLLP|L\.L\.L\.P|LLP|L\.L\.P|PLC|Plc|plc|GmbH|GMBH|AG|S\.A\.S|SARL|S[àa]rl|"
    r"S\.A|SA|SAS|S/A|N\.V|NV|B\.V|BV|"
    r"Pty\.?[ \t]+Ltd|PTY\.?[ \t]+LTD|S\.p\.A|SpA|S\.R\.L|S\.r\.l|S\.L|AB|A/S|K\.K|G\.I\.E|N\.A|S\.[AÀ]\.?[ \t]*R\.L|"
    r"S\.à[ \t]*r\.l|Holdings|HOLDINGS|Trust|TRUST|University|UNIVERSITY|Institute|INSTITUTE|Association|ASSOCIATION|"
    r"Foundation|FOUNDATION|Fund|FUND|Bank|BANK|Partnership|PARTNERSHIP|Partners|PARTNERS|Group|GROUP|FSB|F\.S\.B)"
)
# spaces, at most one line break (a name never spans a blank line); written so that a run of
# spaces can be matched one way only: "[ \t]+\n?[ \t]*" backtracked exponentially on "Abc      Abc      …"
_SP = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
_CAP = r"(?:[A-Z0-9]|[a-z]{1,2}[A-Z\-]|[a-z][\w\-]*\.(?:com|net|org)\b)[\w&@'’.\-/]*"  # Acme, 3M, eDiets, ebix.com
_CONN = r"(?:of|and|for|the|de|du|des|la|le|di|von|van|der|&|\+)"
_LEAD_WORDS = r"BETWEEN|AMONG|AND|And|By|BY|With|WITH|The|THE|This|THIS|Each|EACH|Your|Our|For|Between|Among|PhD|Dated|DATED"
_HONORIFICS = r"Mr|Mrs|Ms|Messrs|Miss|MR|MRS|MS"
# a person's name read without a legal form never opens with an honorific ("Mr. Nirmal K. MINDA")
_LEAD = rf"(?!(?:{_LEAD_WORDS}|{_HONORIFICS})\b)(?=\S*[A-Za-z])"
# a company's may ("Mrs. Fields Franchising, L.L.C.", "Mr. Cooper Group Inc.", "Miss Universe L.P."), but not
# with nothing between the honorific and the legal form: "s/o. Mr. S.L. Minda" is a person, not "Mr. S.L."
_LEAD_ORG = rf"(?!(?:{_LEAD_WORDS})\b)(?!(?:{_HONORIFICS})\.?[ \t]+{_SUFFIX}\b)(?=\S*[A-Za-z])"
# a place in brackets inside a name: "Dialog Semiconductor (UK) Ltd.", "TOM Online (BVI) Limited"
_BRACKETED = r"\((?:[A-Z][\w.'’-]*)(?:[ \t]+[A-Z][\w.'’-]*){0,2}\)"
# a word of the kind that ends a name but may go on ("Blackstone Holdings I/II GP L.L.C."), unlike "Inc." or "SA"
_GOES_ON = "(?:" + "|".join(f"(?<={w})" for w in ("Holdings", "HOLDINGS", "Partners", "PARTNERS", "Group", "GROUP")) + ")"
# a name ending in a legal form: "Acme Robotics, Inc.", "MOELIS & COMPANY HOLDINGS GP LLC" (not "… HOLDINGS" and "GP LLC")
_ORG = re.compile(
    rf"(?<![\w&])(?P<org>{_LEAD_ORG}{_CAP}(?:{_SP}(?:{_CAP}|{_CONN}|{_BRACKETED})){{0,9}}?,?{_SP}{_SUFFIX}\.?"
    # "Northgate Institute of Technology", "Bank of America"; not an address ("LIMITED of 4 Adelaide Street",
    # "A/S of Industriparken 55, DK-2750 Ballerup": words read whole, then no number may follow them)
    rf"(?:{_SP}of{_SP}[A-Z][\w&@'’.\-/]*+(?:{_SP}[A-Z][\w&@'’.\-/]*+){{0,3}}+(?![ \t]*,?[ \t]*\d))?"
    # a second legal form, a word on ("HOLDINGS LP"), or two after a word that may go on ("HOLDINGS GP LLC", "Partners
    # Equity Management, LLC"; not "A.B. Watley, Inc. PC Quote, Inc.", which names two)
    rf"(?:(?:{_SP}{_CAP})?(?:{_GOES_ON}(?:[ \t]+{_CAP}){{1,2}})?,?{_SP}{_SUFFIX}\.?)?)(?![\w])"
)
# a name without a legal form, then a description or straight its quoted alias: "Jane Doe, an individual ("Consultant")",
# "The University of Iowa, located at … ("University")", "WPD Pharmaceuticals, ("WPD")", "Mr. N. K. Minda, s/o. Mr.
# S. L. Minda, r/o. … (hereinafter referred to as ‘MINDA’" (a place, a residence or a parent describes a party too, and
# the office it acts through: "Lloyds Register FNMA, acting through its office in Abu Dhabi ("Lloyds"")
# (the possessive "\s++" and "\s*+" read a run of spaces once: backtracking into it took 10 s for 5,000 spaces)
_PLACED = (r"located|with\s+(?:a|an|its)\s+(?:principal\s+|registered\s+)?(?:place|office|address)|having\s+(?:a|an|its)|"
           r"whose|residing|resident|[sdw]/o\.?|(?:son|daughter|wife)\s+of|acting\s+(?:through|by|via)\b")
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Messrs|Miss|MR|MRS|MS)\.?\s+)?"
# before a person who signs for a party ("through Ms. Jane Roe"), and before a party's name ("…, and The University")
_SIGNS_FOR = re.compile(rf"(?i)\b(?:through|represented\s+by|acting\s+by|attention|attn)\b\W*{_HONORIFIC}$")
_PARTY_OPENS = re.compile(rf"(?:^|\n|\b(?:between|among|and|AND)|[,;:(])\s*(?:[Tt]he\s+)?{_HONORIFIC}$")
_NAMED = re.compile(
    rf"(?<![\w&])(?P<name>{_LEAD}[A-Z][\w&'’.\-]*(?:[ \t]+(?:[A-Z][\w&'’.\-]*|{_CONN})){{0,6}})"
    rf"(?P<desc>,?\s+(?:an?|the|(?P<placed>{_PLACED}))\s++[^()\"“”‘]{{0,300}}?)?,?\s*+\((?:hereinafter\s+|hereafter\s+)?"
    r"(?:(?:referred\s+to\s+|defined\s+)?as\s+)?(?:the\s+)?[\"“”'‘’]+(?P<alias>[^\"“”'‘’]{1,60})[\"“”'‘’]+"
)
_NUMBERED = re.compile(r"^\s*\(\d\)\s+(?P<name>[A-Z][A-Z&'’.\-]+(?:[ \t]+[A-Z][A-Z&'’.\-]+){1,5})\b", re.M)  # (2) JOHN SMITH
_ANCHOR = re.compile(r"\b(?:between|among)\b|^\s*(?:Parties|PARTIES)\s*:?\s*$", re.M | re.I)
_PREAMBLE_END = re.compile(
    r"\bWHEREAS\b|(?:^|(?<=[.;:\s]))Whereas\b|\bRECITALS\b|\bBACKGROUND\b|W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H|NOW,?\s+THEREFORE|"
    r"TABLE\s+OF\s+CONTENTS|IT\s+IS\s+AGREED|\n\s*(?:ARTICLE|Article|Section|SECTION)\s+\w+|\n\s*1\.(?:0\.?)?\s+[A-Z]"
)
# a quoted alias in brackets after a name ("(the "Licensor")", "(hereinafter referred to as ‘IMPCO’"), or a bare
# "Party A" ("(hereinafter referred to as Party A)")
_ALIAS = re.compile(r"\(\s*(?:[^()\"“”‘]{0,80}?)[\"“”'‘’]+(?P<alias>[^\"“”'‘’]{1,60}?)[\"“”'‘’]+"
                    r"|\(\s*(?:hereinafter\s+)?(?:referred\s+to\s+as|called)\s+(?P<bare>Party\s+[A-Z])\s*\)")
# a label before a name on its line: "Party A: Beike Internet Security Technology Co., Ltd.", "Licensor: Acme Inc."
_LABEL = re.compile(r"(?:(?<!\w)(?P<party>Party[ \t]+[A-Z])|(?:^|[ \t]{2,}|[.;][ \t]+)"
                    r"(?P<role>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?))[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?[:：][ \t]*$", re.M)
_ADDRESS = re.compile(r"\d|\b(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Drive|Suite|Floor|Boulevard|Blvd|Lane|Way|Parkway|Building|P\.?O\.? Box)\b")
_NOT_NAME = re.compile(
    r"^(?:Exhibit|Schedule|Section|Article|Annex|Appendix|Agreement|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Board|Effective|Closing|Company|Party|Parties)\b", re.I)
_GENERIC = re.compile(r"^(?:(?:the|and|of|Company|Bank|Group|Trust|Fund|Partnership|Partners|Holdings)[ ,\t\n]*)+$", re.I)
# "Kestrel and the Institute", "Investor and Company": parties referred to by their defined names
_ROLE_REF = re.compile(rf"\band\s+the\s+{_SUFFIX}\.?$|^(?:Whereas|Provide|Duties)\b|\band\s+(?:Company|Bank|Corporation|"
                       r"Partnership|Fund|Trust|University|Institute|Foundation|Association)\.?$", re.I)
_TERM_END = re.compile(
    r"\b(?:Agreement|Contract|Marks?|Services?|Program|Products?|Shares?|Stock|Offering|System|Territory|Information|"
    r"Notice|Plan|Date|Term|Price|Fees?|Materials|Rights|Property|Software|Content|Works|Business(?:es)?|Area|Letter|"
    r"Documents?)$")
_ENTITY_DESC = re.compile(
    r"\b(?:corporation|company|partnership|individual|limited|entity|organi[sz]ation|university|association|bank|firm|"
    r"llc|institution|society|agency|authority|government|person|resident|citizen|trust|fund)\b", re.I)
_BAD_NAMES = {"agreement", "this agreement", "the agreement", "effective date", "parties", "party", "the parties"}
MAX_PARTIES = 12


def _party_zone(text: str) -> tuple[int, int]:
    """Where the parties are named: from the first "between"/"among" that an organisation's name
    follows (else the top) to the recitals, the table of contents or the first article."""
    head = text[:8000]
    start = 0
    for m in _ANCHOR.finditer(head):
        if _ORG.search(head, m.end(), m.end() + 300):
            start = m.start()
            break
    first = _ORG.search(head, start)
    end = _PREAMBLE_END.search(head, max(start + 20, first.end() if first else 0))
    return start, min(end.start() if end else len(head), start + 3000)


# a table of contents, and after it the preamble's opening ("THIS JOINT VENTURE AGREEMENT ("Agreement") is made as
# of … by and among", "This Agreement is entered into … between"): a cover page before the contents names the
# parties bare, the preamble after them gives their aliases ("Aizu Fujitsu Semiconductor Limited ("AFSL")")
_TOC = re.compile(r"TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents|^[ \t]*CONTENTS[ \t]*$", re.M)
# The opening starts a paragraph, after the title at most ("PROMOTION AGREEMENT This PROMOTION AGREEMENT …")
# (the atomic group keeps the first "Agreement": trying each later one took seconds on "This Agreement" repeated)
_OPENING = re.compile(r"^[ \t]*(?:[A-Z][A-Z&,'’\- ]{2,80}?[ \t]+)?(?:THIS|This)\b"
                      r"(?>(?:(?!\n[ \t]*\n)[^;]){0,300}?\b(?:AGREEMENT|Agreement|CONTRACT|Contract)\b)"
                      r"(?:(?!\n[ \t]*\n)[^;]){0,300}?\b(?P<anchor>between|among|BETWEEN|AMONG)\b", re.M)
# how a preamble says what it does ("is made", "entered into", "dated as of", "by and between"), which a clause
# does not ("This Agreement shall be binding between Acme and any Sublicensee, including Gamma Holdings Ltd.")
_MADE = re.compile(r"\b(?:made|entered|dated|effective|executed|signed|by\s+and)\b", re.I)
# the recitals, which define terms but give no party its alias ("the Driver User (hereinafter … the "Driver User")")
_RECITALS = re.compile(r"\s*(?:WHEREAS|Whereas|RECITALS|Recitals|BACKGROUND|Background|NOW,?\s+THEREFORE|"
                       r"W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H)\b")
# characters after a table of contents searched for the preamble that follows it, which opens a paragraph (on CUAD
# each one lies within 8,200; further on, "20.4 This Agreement does not create any agency … between" is a clause)
MAX_CONTENTS = 15000
# a reference to another agreement and its parties: "as an amendment to that certain Joint Venture Agreement
# dated March 7, 2016 by and among Autoliv ASP, Inc. …": those are the parties of that agreement, not of this one
_OTHER_AGREEMENT = re.compile(
    r"(?:\bthat\s+certain|\b(?:to|under|of|amends?|amending)\s+the)\s+(?:[A-Z][\w\-]*\s+){0,6}(?:Agreement|Contract)\b"
    r"[^;()]{0,120}?\b(?:between|among)\b")


def _contents(text: str, a: int, b: int) -> re.Match[str] | None:
    """The table of contents that starts in the zone ``a:b`` (or just after it); not EDGAR's "Table of
    Contents" link at the top of each page, which may cut a sentence in two ("… ("Acme"),⏎⏎2⏎⏎Table of
    Contents⏎⏎and Beta LLC …"): a mixed-case heading that a sentence runs across (after a comma or a
    word in lower case, before a word in lower case, a page number aside)."""
    for toc in _TOC.finditer(text, a, b + 40):
        if toc.start() > b:
            break
        before = re.sub(r"\s*(?:\n[ \t]*[-\divxlc]{1,6}[ \t]*)?\s*$", "", text[max(0, toc.start() - 200) : toc.start()])
        if toc.group().startswith("Table") and (re.match(r"\s*[a-z]", text[toc.end() :])
                                                or re.search(r"[,;]$|\b[a-z]+$", before)):
            continue
        return toc
    return None


def _party_zones(text: str) -> list[tuple[int, int]]:
    """Where the parties are named (see ``_party_zone``), plus the preamble after a table of
    contents that ends the first zone or lies in it: a cover page and a table of contents come
    before the sentence that gives the parties' aliases. A zone ends where it starts naming the
    parties of another agreement."""
    a, b = _party_zone(text)
    zones = [(a, b)]
    toc = _contents(text, a, b)
    if toc:
        zones = [(a, toc.start())]
        opening = _OPENING.search(text, toc.end(), toc.end() + MAX_CONTENTS)
        if (opening and _MADE.search(text, opening.start(), opening.end())
                and _ORG.search(text, opening.end(), opening.end() + 300)):
            start = opening.start("anchor")
            end = _PREAMBLE_END.search(text, start + 20, start + 3000)
            zones.append((start, end.start() if end else min(len(text), start + 3000)))
    out = []
    for za, zb in zones:
        other = _OTHER_AGREEMENT.search(text, za + 20, zb)
        out.append((za, other.start() if other else zb))
    return out


def _clean(name: str) -> str:
    """The name's last column, line or sentence ("Distributor      NETGEAR, Inc." → "NETGEAR,
    Inc."; "General Scope. Company" → "Company"), without a leading "and" or a trailing "of"."""
    name = re.split(r"[ \t]{3,}|\n|(?<=[a-z]{3}\.)\s+", name.strip(" ,"))[-1]
    name = re.sub(r"\s+(?:of|and|for|the|de)$", "", name)
    return re.sub(r"^(?:and|AND|And)\s+", "", name).strip(" ,")


# the words before a line break that wraps a line of prose (50+ characters) inside a name: after a list marker, a
# comma or semicolon, or a word in lower case ("by and among Aizu⏎Fujitsu Semiconductor Limited", "and its subsidiary
# SMBC⏎Nikko Securities Inc.", "between INSTITUTE OF GRASSLAND AND⏎ENVIRONMENTAL RESEARCH", "and mPhase⏎Technologies
# Inc."), but not after "of" or "in" ("the laws of New York⏎…"); not a label on a line of its own ("Distributor⏎NETGEAR,
# Inc.")
_WRAPPED_HEAD = re.compile(r"[^\n]{50,}?(?:\([a-z0-9]{1,3}\)|[,;]|\b(?!(?:of|for|the|in|at|to|on|from|de|du|des|la|le|"
                           r"di|von|van|der)\b)[a-z]+)[ \t]+(?P<head>(?:[A-Z]|[a-z]{1,2}[A-Z])[\w&'’.\-]*"
                           r"(?:[ \t](?:[A-Z][\w&'’.\-]*|of|and|&)){0,4})\n[ \t]*$")


def _wrapped_head(text: str, s: int) -> int:
    """Where the name that starts its line at ``s`` starts when a wrapped line of prose holds its
    first words (``s`` if none does)."""
    wrapped = _WRAPPED_HEAD.match(text, text.rfind("\n", 0, max(0, text.rfind("\n", 0, s))) + 1, s)
    return wrapped.start("head") if wrapped else s
# a field of bank details before a name ("Deposit Bank:", "Beneficiary's bank:", "Account name:")
_PAYMENT_FIELD = re.compile(r"(?i)\b(?:bank|account|a/c|beneficiary|payee|swift|iban)\b[^:\n]{0,30}:[ \t]*$")
# what separates two parties' names, so that the text between them is no address of the first
_NEXT_PARTY = re.compile(r"(?i)\band\b|;|:|\n[ \t]*\n|[()]")
# after a quoted name: a definition; before one: the group it names
_DEFINES = re.compile(r"\s*[\"”]\s*(?:means|shall\s+mean|has\s+the\s+meaning)\b")
_TOGETHER = re.compile(r"\btogether\s+with\b[^()\"“”]{0,60},?\s*(?:the\s+)?[\"“]$")
# the end of an address before a name: "…, Ceredigion, SY23 3EB, United Kingdom and CERES, INC."
# or the law a party is organised under: "existing under the laws of Singapore and Ability Computer & Software Industries Ltd"
_ADDRESS_TAIL = re.compile(r"\d[^()\n;\d]{0,60},[ \t]*$|\blaws?\s+of\s+(?:the\s+)?$")
# a name that stands alone on its line or in its column and holds one lower-case word before the words that
# end in its legal form: "AND       Petro data Management Services Limited.,"
_LOWER_WORD_HEAD = re.compile(
    r"(?:^|(?<=\n)|(?<=[ \t]{3})|(?<=:)|(?<=\bAND\b))[ \t]*(?P<head>[A-Z][\w&'’.\-]*[ \t]+"
    r"(?!(?:and|or|of|the|with|by|to|in|for|a|an|its|is|as|at|on|from|between|among|hereby|which|that|who|under|dba|"
    r"has|have|be|being|are|was|shall|will|may|de|du|des|la|le|di|von|van|der)\b)[a-z]{2,}[ \t]+)$", re.M)
# a party's other name, which is no party: "(formerly known as Tarzan HoldCo, Inc.)", "d/b/a", "f/k/a"
_OTHER_NAME_OF = re.compile(r"(?i)\b(?:formerly(?:\s+known\s+as)?|previously\s+known\s+as|f/k/a|d/b/a|dba|"
                            r"doing\s+business\s+as|trading\s+as)\s*$")
# a party made of others, whose names follow a description: "(a) a contractual joint venture comprised of GA Retail,
# Inc. ("GA") and Tiger Capital Group, LLC", "a consortium consisting of …"
_MADE_OF = re.compile(r"\b(?:comprised|composed|consisting|made\s+up)\s+of\s*$")
_LISTED_ON = re.compile(r"\b(?:listed|traded|quoted)\s+(?:on|in)\b[^;(),]{0,140}$")
# a party's parent or other group company, which its description names: no party, nor where the description goes on
# to give it an alias ("Xi'an Zhonghong … Co., Ltd. is … also the third tier subsidiary of China Recycling Energy
# Corporation … China Recycling Energy Corporation (the "Company") is a NASDAQ listing company"); not the company a
# division is part of, which is the party in law ("TWENTIETH CENTURY FOX LICENSING & MERCHANDISING, division of Fox
# Entertainment Group, Inc. ("Fox")")
_OWNER_OF = re.compile(r"(?i)\b(?:subsidiary|subsidiaries|parent(?:\s+company)?|affiliate)\s+of\s+(?:the\s+)?$")
# where a party is or acts from, which may be named like an organisation: "with offices located at McMaster University,
# Nuclear Research Building", "principal place of business at 3801-E FLORIDA AVE STE 400 DENVER, CO 80210"
_SEATED_AT = re.compile(r"(?i)\b(?:located|situated|offices?|address|business|premises|campus)\s+(?:at|in|on)\s+"
                        r"(?:the\s+)?$")
# the words that end in a full stop as an abbreviation ("Acme Co.", "Beta Pty. Ltd."); after another word a full stop
# ends the sentence ("… and Müller GmbH. The parties …"), and after a word with stops in it ("S.R.L.") it is its own
_ABBREVIATIONS = {"inc", "corp", "co", "cos", "ltd", "pty", "bhd", "bros", "mfg", "intl", "assn", "assoc", "natl"}


def _organisations(text: str, a: int, b: int, owners: set[str] | None = None) -> list[tuple[int, str]]:
    """Names ending in a legal form, with their offsets; not those inside a description ("a
    Delaware corporation", "a corporation of McMaster University", a place or a parent: see
    ``_SEATED_AT``, ``_OWNER_OF``) or on EDGAR's "Source:" line. ``owners`` gets the parents'
    keys (``party_key``)."""
    seg, out, prev_end = text[a:b], [], 0
    owners = set() if owners is None else owners
    for m in _ORG.finditer(seg):
        name, s = m.group("org"), m.start("org")
        if s and seg[s - 1] in "\"“" and (_DEFINES.match(seg, m.end("org")) or _TOGETHER.search(seg, max(0, s - 80), s)):
            continue  # a defined term ("COMMERCE ONE INC. " means), a group ("together with its Affiliates, "QIWI Group"")
        parts = re.split(r"\s+and\s+", name)
        if len(parts) > 1 and (_ADDRESS.search(" and ".join(parts[:-1])) or _ADDRESS_TAIL.search(seg, max(0, s - 80), s)):
            # "…, New Jersey 07407 and WebMD, Inc.", "…, Ceredigion, SY23 3EB, United Kingdom and CERES, INC."
            s += len(name) - len(parts[-1])
            name = parts[-1]
        # the words before the name in its part of the sentence (a label starts afresh: "… is a listed company. Party B:
        # Beta Co., Ltd.")
        since = seg[max(seg.rfind(c, 0, s) for c in ",(;:\n") + 1 : s]
        gap = seg[prev_end:s]
        if _LISTED_ON.search(seg, max(0, s - 160), s):
            continue  # "listed on the NASDAQ … and the Growth Enterprise Market of The Stock Exchange of Hong Kong Limited"
        if _OTHER_NAME_OF.search(seg, max(0, s - 40), s):
            continue  # the same party's other name: "AHF Holding, Inc. (formerly known as Tarzan HoldCo, Inc.)"
        # a name in a description ("a Delaware corporation"), or after the last one's description with nothing that
        # joins a next party ("and", "AND" on a line of its own: "…, PhD⏎AND⏎MOLIPHARMA S.R.L. an Italian Company")
        if (re.search(r"\ban?\s", re.split(r"\band\b", since)[-1]) and not _MADE_OF.search(since)) or (
            prev_end and re.search(r",\s+(?:a|an)\s", gap) and not re.search(r"\b(?:and|AND|And)\b|;|\n\s*\n|\)", gap)
        ):
            continue
        if _SEATED_AT.search(since):
            continue
        if _OWNER_OF.search(since):  # (not after "a": "Sub LLC, a subsidiary of Parent Inc., and Parent Inc.": two)
            owners.add(party_key(_clean(name)) or name)
            continue
        if prev_end and _ADDRESS.search(gap) and gap.rstrip(" \t").endswith(",") and not _NEXT_PARTY.search(gap):
            continue  # a place in the last one's address: "LIMITED of 4 Adelaide Street, Dun Laoghaire, Co. Dublin"
        if re.search(r"\b(?:its|their|his|her|our|your)\s+$", seg[max(0, s - 8) : s]) and " and " in name:
            s += name.index(" and ") + 5  # "on behalf of itself and its Affiliates and Phreesia, Inc."
            name = name[name.index(" and ") + 5 :]
        cleaned = _clean(name)
        s += name.rfind(cleaned)
        last = re.search(r"([^\s,]+)\.$", cleaned)
        if last and "." not in last.group(1) and last.group(1).lower() not in _ABBREVIATIONS:
            cleaned = cleaned[:-1]  # a sentence's full stop (see _ABBREVIATIONS)
        if party_key(cleaned) in owners:
            continue  # a party's parent named again
        lower = _LOWER_WORD_HEAD.search(seg, max(0, s - 60), s)
        if lower and re.match(r"[.,;]*(?:[ \t]*\n|[ \t]{3}|[ \t]*$)", seg[s + len(cleaned) :]):
            # "Petro data Kestrel Services Limited.," alone in its column; not "Licensee agrees Beta Corporation shall"
            s, cleaned = lower.start("head"), lower.group("head") + cleaned
        head = _wrapped_head(text, a + s) - a  # (the line may start before the zone: "by and among Aizu⏎Fujitsu …")
        if m.start("org") <= head < s:  # "(d) TOM⏎Online Inc." in a wrapped line
            cleaned = seg[head:s].replace("\n", " ") + cleaned
            s = head
        line = seg[seg.rfind("\n", 0, s) + 1 : s]
        if _PAYMENT_FIELD.search(line) or re.match(r"[ \t]*:", seg[s + len(cleaned) :]):
            continue  # "Deposit Bank: China Merchants Bank Co., Ltd." names where money goes, not a party
        if re.search(r"\(\s*$", seg[max(0, s - 3) : s]) and re.match(r"\s+(?:No\.?|Number)\s*:?\s*\d",
                                                                   seg[s + len(cleaned) :]):
            continue  # a register in brackets: "(Registered Company No. 5701810)"; not "Westfield Trust No. 2"
        # (a lower-case "inc" after a comma only: "Contract Price inc. VAT" is "including")
        last_ok = cleaned and (cleaned.split()[-1][:1].isupper() or re.search(r",\s*inc\.?$|\splc\.?$", cleaned))
        if (not cleaned or _GENERIC.match(cleaned) or not last_ok
                or len(party_key(cleaned)) < 2  # only a legal form: "CORPORATION" of a column layout
                or _ROLE_REF.search(cleaned) or "Source:" in line):
            continue
        out.append((a + s, cleaned))
        prev_end = s + len(cleaned)
    return out


def _other_names(text: str, a: int, b: int, orgs: list[tuple[int, str]], owners: set[str]) -> list[tuple[int, str]]:
    """People and names without a legal form: introduced by a description of an entity or by a
    quoted alias, or listed as "(2) JOHN SMITH"; not defined terms ("the Program"), the tail of
    an organisation's address ("…, Israel ("Supplier")") nor a party's parent (``owners``)."""
    seg, out = text[a:b], []
    taken = [(s, s + len(n)) for s, n in orgs]
    for rx in (_NAMED, _NUMBERED):
        pos = 0
        while m := rx.search(seg, pos):
            pos = m.end()
            name = _clean(m.group("name"))
            s = a + m.start("name") + m.group("name").find(name)
            if (not name or any(fs <= s < fe or s <= fs < s + len(name) for fs, fe in taken)
                    or re.search(r",\s*$", text[max(0, s - 3) : s]) or name.lower() in _BAD_NAMES
                    or _NOT_NAME.match(name) or _ADDRESS.search(name) or _GENERIC.match(name)
                    or party_key(name) in owners):
                continue
            head = _wrapped_head(text, s) if rx is _NAMED else s
            if head < s and text[s - 1] == "\n" and text[head:s].split()[-1][:1].isupper() and not any(
                    head < fe and fs < s for fs, fe in taken):  # "between INSTITUTE OF GRASSLAND AND⏎ENVIRONMENTAL …"
                name, s = text[head:s].replace("\n", " ") + name, head
            if rx is _NAMED:
                alias = m.group("alias").strip().lower()
                if alias in _BAD_NAMES or alias.rstrip("s") in ("agreement", "effective date", "term"):
                    continue
                before = text[max(0, s - 40) : s]
                if _SIGNS_FOR.search(before):
                    # the person who signs for a party, whose description may hold the next party: "through Ms.
                    # Jane Roe a duly authorized person … AND Mr. A. Seth, s/o. … (‘SETH’)"
                    pos = m.end("name")
                    continue
                if m.group("placed") and not _PARTY_OPENS.search(before):
                    continue  # a place, not a party: "organized under the laws of Switzerland and having its registered office"
                if not m.group("desc") and re.match(r"[^(]*,", seg[m.end("name") : m.start("alias")]) and not re.match(
                        r",\s*\(\s*[\"“'‘]", seg[m.end("name") :]):
                    continue  # "PLAYBOY, (the "Playboy Properties")" defines a term; "WPD Pharmaceuticals, ("WPD")" a party
                if m.group("placed") and " " not in name and re.search(r"\bthe\s+$", seg[max(0, m.start() - 5) : m.start()], re.I):
                    continue  # a place or a thing: "and the Restaurant located at 5 Elm Street (the "Restaurant")"
                if not m.group("placed") and not _ENTITY_DESC.search(m.group("desc") or "") and (
                    _TERM_END.search(name) or re.search(r"\bthe\s+$", seg[max(0, m.start() - 5) : m.start()], re.I)
                ):
                    continue
                if any(0 <= s - fe <= 300 and not re.search(r"(?i)\band\b|;", text[fe:s]) for _, fe in taken):
                    continue  # the alias after an organisation's address
            out.append((s, name))
            taken.append((s, s + len(name)))
    return out


_SIGNS = re.compile(r"^\s*(?:By|BY|Name|NAME|Signature|SIGNATURE)\s*:", re.M)


def party_key(name: str) -> str:
    """A name without punctuation and legal forms: "Acme Corp." and "ACME CORPORATION" are one party."""
    return re.sub(r"[^a-z0-9]+", "", re.sub(rf"\b{_SUFFIX}\b\.?", " ", name, flags=re.I).lower())


def _signatories(text: str, known: set[str]) -> list[tuple[int, str]]:
    """Organisations that sign: a line holding only a name with a legal form, on one of the three
    lines above a "By:" line, in the last 6,000 characters and before any exhibit that follows
    the signatures (used when the preamble names fewer than two parties)."""
    tail = max(0, len(text) - 6000)
    witness = text.find("IN WITNESS", tail)
    annex = re.compile(r"^\s*(?:EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)\b", re.M).search(
        text, witness if witness >= 0 else tail)
    end = annex.start() if annex else len(text)
    out = []
    for sign in _SIGNS.finditer(text, tail, end):
        above = text.rfind("\n", tail, max(tail, text.rfind("\n", tail, text.rfind("\n", tail, sign.start()))))
        for s, name in _organisations(text, max(tail, above), sign.start()):
            line = text[text.rfind("\n", 0, s) + 1 : (text.find("\n", s) + 1 or len(text) + 1) - 1].strip(" \t,.:")
            key = party_key(name)
            if line != name.strip(" ,.:") or len(key) < 2 or key in known:
                continue  # a name alone on its line, not a bare legal form, not one already found
            known.add(key)
            out.append((s, name))
    return out


def find_parties(text: str) -> list[Party]:
    """The parties the contract names, in order, each with its quoted alias ("Licensor",
    "Allscripts") and, where the alias is a role word, its role. A role that the list of parties
    gives them all ("(individually the "Member" and collectively the "Members")") is each one's
    role and no one's alias; a later mention of an alias ("Moelis Holdings", which ends in a
    legal form) is no new party."""
    found: list[tuple[int, str, int, int]] = []  # offset, name, where its alias must end, zone (0: the first)
    zones = _party_zones(text)
    for z, (a, b) in enumerate(zones):
        owners: set[str] = set()
        orgs = _organisations(text, a, b, owners)
        # an alias is read past the zone's end (a cover page's names have theirs in the first clause), not into recitals
        stop = b if _RECITALS.match(text, b) else len(text)
        found += [(s, name, stop, z) for s, name in orgs + _other_names(text, a, b, orgs, owners)]
    found.sort()
    if len(found) < 2:
        found += [(s, name, len(text), 0) for s, name in _signatories(text, {party_key(n) for _, n, *_ in found})]
    out: list[Party] = []
    seen: dict[str, Party] = {}
    aliases: set[str] = set()
    mentioned: list[tuple[int, int, Party]] = []  # the parties named so far: where their zone's aliases end, where
    cover: dict[str, list[str]] = {}  # the first zone's parties (a cover page's where a preamble follows): their words
    mentions: list[tuple[int, int, Party]] = []  # each naming of a party: where, and which
    for i, (s, name, alias_stop, zone) in enumerate(found):
        key = party_key(name) or name.lower()
        if zone and key not in seen:  # a name the preamble shortened to its end ("SMBC⏎Nikko Securities Inc.")
            key = _cover_key(_words(name), cover) or key
        if name.strip(" ,.") in aliases:
            continue  # "… and together with Moelis Holdings, the "Moelis Entities"": a party by its alias
        e = s + len(name)
        # the next name that is no quoted alias ("Moelis & Company Holdings LP ("Moelis Holdings")") bounds the alias
        nxt = next((f for f, *_ in found[i + 1 :] if text[f - 1 : f] not in ("\"", "“")), e + 400)
        alias, each, each_at = _alias(text, s, e, max(e, min(nxt, e + 400, alias_stop)))
        each = each if each and each.lower() in ROLE_WORDS else None
        # the role of each party of the list that the bracket closes: those named in this zone after the last bracket
        # before it, which gave the one before it its alias ("Acme Inc. ("Acme") and Beta LLC and Gamma LLC (each a
        # "Member")": Beta and Gamma)
        listed_from = text.rfind(")", 0, each_at) if each else 0
        for zone, at, party in mentioned if each else []:
            if zone == alias_stop and at > listed_from and party.role is None:
                party.role = each
        role = alias if alias and alias.lower() in ROLE_WORDS else each
        if alias:
            aliases.add(alias)
        if key in seen:  # the cover page and the preamble name the same party ("ACME CORP." / "Acme Corporation")
            if alias and not seen[key].alias:  # the preamble's "("Party A")" after the cover page's bare name
                seen[key].alias = alias
            seen[key].role = seen[key].role or role
            mentioned.append((alias_stop, s, seen[key]))
            mentions.append((s, e, seen[key]))
            continue
        if len(out) >= MAX_PARTIES:
            break
        seen[key] = Party(name=name, role=role, alias=alias, start=s, end=e)
        if not zone:
            cover[key] = _words(name)
        out.append(seen[key])
        mentioned.append((alias_stop, s, seen[key]))
        mentions.append((s, e, seen[key]))
    return _assign_groups(text, zones, mentions, out)


# Party groups: a collective name that the preamble gives some of the parties, which is no party itself. Three ways:
# - in a party's bracket, the party and others it names: "("Nikko" and together with SMBC, "SMBC/Nikko")", "("PEPCO"
#   and, together with PHLVIC and PLIC, the "PHL Parties")", "("OICL" and together with its Affiliates, "Otkritie")";
# - a bracket after a list of names: "Marathon Partners L.P., … and Mario Cibelli (collectively, the "Marathon
#   Parties")", "WYZZ, Inc. and WYZZ Licensee, Inc. (collectively "WYZZ")", "(PJMF and PJI are, individually and
#   collectively, "PAPA JOHN'S")";
# - a sentence that names them: "Skype, Online BVI and the Company may be referred to individually as "Party" and
#   collectively as "Parties."", "Under this Agreement, FDMS and Bank will collectively be referred to as "SERVICERS.""
_GROUP_CUE = re.compile(r"\b(?:together|collectively)\b(?P<with>\s+with\b)?", re.I)
# the quoted name that follows the cue (after the parties it is "together with", for the first way); not the name of
# each ("together with Sekisui, each a "Party"")
_GROUP_TERM = re.compile(r"(?P<gap>[^()\"“”;]{0,80}?)[\"“](?P<term>[^\"“”()]{1,60})[\"”]")
_GROUP_TERM_AFTER_LIST = re.compile(r"(?P<gap>[^()\"“”;]{0,250}?)[\"“](?P<term>[^\"“”()]{1,60})[\"”]")
# the words that end the list of names a bracket or a sentence opens with ("PJMF and PJI are, individually …")
_LIST_END = re.compile(r"\b(?:is|are|were|shall|may|will|be|being|individually|collectively|together|referred|"
                       r"hereinafter|hereafter|sometimes|each\s+(?:a|an|as|referred)|a|an)\b|[\"“”]", re.I)
_SENTENCE_END = re.compile(r"[.;][\"”']?\s+(?=[A-Z(])|\n[ \t]*\n")
# "the Parties", "parties to this Agreement": every party, which needs no listing; the parties that a list names so
# when others sign too ("Skype, Online BVI and the Company … collectively as "Parties."", of five) are a group
_ALL_PARTIES = re.compile(r"(?i)(?:the\s+)?(?:contracting\s+)?parties(?:\s+(?:hereto|to\s+this\s+agreement))?")
# the others that a group holds beside the party, who are no parties ("and its subsidiaries", "on behalf of itself and
# its Affiliates"), or who it is as well ("together with its successors and permitted assigns, "Vivint"": an alias)
_NOT_PARTIES = re.compile(r"(?i)\b(?:itself|and\s+(?:its|their|his|her))\b")
_OTHERS = re.compile(r"(?i)\b(?:its|their|his|her)\b.*")
_SUCCESSORS = re.compile(r"(?i)^[\s,]*(?:the\s+)?(?:its|their|his|her)\s+(?:respective\s+)?(?:permitted\s+)?"
                         r"(?:successors|assigns)\b")
# what separates two sides or lists of parties: the list before a group's bracket starts after it
_SIDES = re.compile(r"(?i)\bon\s+the\s+(?:one|other)\s+hand\b|\b(?:between|among)\b|;|\(\s*(?:\d{1,2}|[a-h]|[ivx]{1,4})\s*\)"
                    r"|\b(?:WHEREAS|RECITALS|BACKGROUND)\b|[.][\"”']?\s+[A-Z][a-z]")
_EACH_OF = re.compile(r"(?i)\b(?:individually|each)\b")


def _refs(span: str, names: dict[str, list[Party]], only: bool = False) -> tuple[list[Party], bool]:
    """The parties that ``span`` (a list of names: "SMBC, Nikko and Moelis Holdings") names by
    name, alias or an earlier group's name, longest first, across any spacing (a PDF's line may
    break a name: "Nissin⏎Holding"); and whether the list holds no other capitalised word (a name
    not known as a party's: "the Firm Units"), or with ``only``, nothing but the names, commas,
    "and" and "the" ("The Company, " but not "This Agreement is made by Acme Inc. and Beta LLC, ")."""
    taken = [False] * len(span)
    out: list[Party] = []
    for name in sorted(names, key=len, reverse=True):
        pattern = r"\s+".join(map(re.escape, name.split()))
        for m in re.finditer(rf"(?<![\w&]){pattern}(?![\w&])", span, re.I):
            if m.group()[:1].isupper() and not any(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                out += [p for p in names[name] if p not in out]
    rest = "".join(c if not t else " " for c, t in zip(span, taken))
    if only:
        return out, bool(re.fullmatch(r"(?i)(?:\s|,|\b(?:and|the|both)\b)*", rest))
    rest = re.sub(r"\b(?:Each|The|Under|In|This|Agreement|Both|All)\b", " ", rest)
    return out, not re.search(r"[A-Z]", rest)


def _assign_groups(text: str, zones: list[tuple[int, int]], mentions: list[tuple[int, int, Party]],
                   parties: list[Party]) -> list[Party]:
    """Give each party the collective names that the preamble gives it with others (see the three
    ways above), and return the parties less those that are groups: a list of parties read as one
    ("Loop and Joint Venture Company", where both are aliases), a name that a group's name is the
    alias of. A name for one party with others who are no parties ("Bellicum Pharmaceuticals,
    Inc. … on behalf of itself and its Affiliates … (collectively … "Bellicum")") is its alias when
    it has none; a group's name is no party's alias; "the Parties" that hold every party, or a list
    not read name by name, are no group."""
    parties = [p for p in parties if not _names_others(p, parties)]
    mentions = sorted((m for m in mentions if m[2] in parties), key=lambda m: m[0])
    names: dict[str, list[Party]] = {}
    for key, p in [(text[s:e].strip(" ,."), p) for s, e, p in mentions] + [(p.alias, p) for p in parties if p.alias]:
        names.setdefault(_key(key), []).append(p)
    groups: dict[str, int] = {}  # each group's name, and where the preamble defines it
    fewer: list[tuple[str, list[Party]]] = []
    every_party = False
    for a, b in zones:
        prev_term_end = a
        for cue in _GROUP_CUE.finditer(text, a, b):
            with_ = bool(cue.group("with"))
            term_m = (_GROUP_TERM_AFTER_LIST if with_ else _GROUP_TERM).match(text, cue.end())
            if not term_m or _EACH_OF.search(term_m.group("gap")):
                continue
            term = re.sub(r"\s+", " ", term_m.group("term")).strip(" ,.;")
            term = re.sub(r"^(?:the|The)\s+", "", term)
            if _TERM_END.search(term) and not _ALL_PARTIES.fullmatch(term):
                continue  # a thing: "(… and, together with the Original Trust Agreement, the "Trust Agreement")"
            opened, closed = text.rfind("(", a, cue.start()), text.rfind(")", a, cue.start())
            bracket = opened if opened > closed else -1
            # where the list of names starts: the bracket, else the sentence; after the last group named in either
            start = max(bracket + 1 if bracket >= 0 else max([m.end() for m in _SENTENCE_END.finditer(text, a, cue.start())],
                                                            default=a), prev_term_end)
            prev_term_end = term_m.end()
            # the bracket gives a party its own alias before the cue ("("PLIC" and, together with …"), not only the
            # name of each ("(individually the "Member" and collectively …")
            first_quote = re.search(r"[\"“]", text[bracket : cue.start()]) if bracket >= 0 else None
            own_alias = first_quote and not _EACH_OF.search(text, bracket, bracket + first_quote.start())
            listed = True
            if with_:  # the party whose bracket this is (or the list it ends), and those it is "together with"
                between = text[cue.end() : term_m.start("term")]
                if _SUCCESSORS.match(between):
                    continue  # "(together with its successors and assigns, "Lessor")": the party's alias
                members, read = _refs(_OTHERS.sub("", between), names)
                owner = [p for s, e, p in mentions if a <= s and e <= (bracket if bracket >= 0 else cue.start())]
                if not read or not owner:
                    continue  # "(the "Option Units" and, together with the Firm Units, the "Units")": no parties
                if bracket < 0:  # a sentence: those it opens with ("The Company, together with its subsidiaries, is …")
                    listed_before, read = _refs(text[start : cue.start()], names, only=True)
                    # the party named right before the cue, alone with others who are no parties
                    last = next(((e, p) for s, e, p in reversed(mentions) if e <= cue.start()), None)
                    if (not members and not (listed_before and read) and last
                            and re.fullmatch(r"[\s,]{0,9}", text[last[0] : cue.start()])):
                        listed_before = [last[1]]  # "… and Beta LLC, together with its affiliates, the "Beta Group""
                    elif not listed_before or not read:
                        continue  # not only names before the cue: who is "together with" the others is not known
                else:
                    listed_before = [owner[-1]] if own_alias else _listed_before(text, a, bracket, mentions)
                members = (listed_before or [owner[-1]]) + [p for p in members if p not in listed_before]
            else:
                start = max(start, text.rfind(";", start, cue.start()) + 1)
                head = text[start : cue.start()]
                head = head[: m.start()] if (m := _LIST_END.search(head)) else head
                after = term_m.group("gap")  # "(together, Blackwell and Munksgaard shall be referred to as "the …")"
                head += " , " + (after[: m.start()] if (m := _LIST_END.search(after)) else after)
                members, listed = _refs(head, names) if re.search(r"[A-Z]", head) else ([], True)
                if not members and bracket >= 0 and not own_alias:
                    members, listed = _listed_before(text, a, bracket, mentions), False
                    if _NOT_PARTIES.search(text, bracket, cue.start()):
                        members = members[-1:]  # "Bellicum … (on behalf of itself and its Affiliates, … "Bellicum")"
                elif not listed:
                    continue  # a name in the list that is no party's: its members are not known
            if not members or re.fullmatch(r"(?i)(?:the\s+)?party", term):
                continue
            if _ALL_PARTIES.fullmatch(term):
                if listed and len(members) >= len(parties):
                    every_party = True
                elif listed and len(members) >= 2:
                    fewer.append((term, members))
                continue  # "the Parties": all of them (or not known to be fewer)
            if len(members) == 1 and (not members[0].alias or members[0].alias.lower() == term.lower()):
                # one party, and others who are no parties: its alias ("The Bon-Ton Stores, Inc. and its associated
                # debtors (collectively, "Merchant")")
                members[0].alias = members[0].alias or term
                continue
            _join(term, members)
            names[term.lower()] = members  # "Purchaser and Merchant are collectively the "Parties"": the group's
            groups.setdefault(term.lower(), term_m.start("term"))
    # "Parties" that are fewer than the parties found, where another name holds them all ("Skype, Online BVI, the
    # Company, Skype Holding and Tom Holding … "parties to this Agreement""); without one, the parties found beside
    # them are more likely misread than a group ("MS and MSCI … collectively as the "Parties"", and two defined terms)
    for term, members in fewer if every_party else []:
        _join(term, members)
    # a party that the group's name names: the group read as one more party ("Loop and Joint Venture Company"); or,
    # named only after the group was defined, and none of its members, with the group's name for alias: a misread
    # (OLDAPI: "… (the "Agents") … the "Offering". … (the "Agents' Fee")" gave a party "Offering" the alias
    # "Agents"). A party named before the group keeps its alias ("Acme Inc. ("Licensor"), Beta LLC ("Beta") and
    # Gamma LLC ("Gamma", and together with Beta, the "Licensor")": three parties)
    return [p for p in parties if not (p.alias and p.alias not in p.groups
                                       and groups.get(_key(p.alias), len(text)) < p.start)
            and _key(p.name.strip(" ,.")) not in groups]


def _key(name: str) -> str:
    """How a name, alias or group's name is looked up: one blank between words (a PDF's line may
    break a name), lower case."""
    return re.sub(r"\s+", " ", name).lower()


def _join(term: str, members: list[Party]) -> None:
    """Make the parties ``members`` of the group ``term``, whose name is then none's alias."""
    for p in members:
        if term not in p.groups:
            p.groups.append(term)
        if len(members) > 1 and p.alias and p.alias.lower() == term.lower():
            p.alias = None  # "WYZZ, Inc. and WYZZ Licensee, Inc. (collectively "WYZZ")": a group, no alias


def _names_others(party: Party, parties: list[Party]) -> bool:
    """Whether the party's name is a list of the others' names or aliases ("Loop and Joint Venture
    Company", "Purchaser and Merchant"): the parties together, no party."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", party.name.strip(" ,."))
    known = {x.lower() for p in parties if p is not party for x in (p.name, p.alias) if x}
    return len(parts) > 1 and all(re.sub(r"^(?:the|The)\s+", "", x).lower() in known for x in parts)


def _listed_before(text: str, a: int, bracket: int, mentions: list[tuple[int, int, Party]]) -> list[Party]:
    """The parties a list names right before the bracket at ``bracket``: the last party named
    before it (after its address or its alias in brackets), then those that commas join before
    it, with one "and" before the last ("A Corp., B LLC and C Inc. (collectively …"; after an
    address, where the bracket names each: "A inc of 5 Bay Dr, and B LLC of … (individually the
    "Member" and collectively the "Members")"); none before a side or a list's start ("between",
    "on the one hand", "(2)", ";"); the last alone where others who are no parties join it ("Acme
    Inc. and its subsidiaries (collectively …")."""
    before = [(s, e, p) for s, e, p in mentions if a <= s and e <= bracket]
    if not before:
        return []
    s, e, p = before[-1]
    gap = text[e:bracket]
    if _SIDES.search(gap):
        return []
    if _NOT_PARTIES.search(gap):
        return [p]
    # the last of the list, a name not read as a party's: "… LLC and Mario Cibelli (collectively, …"
    unread_last = re.fullmatch(r"\s*,?\s+and\s+[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,4}\s*", gap)
    if not unread_last and re.search(r"\band\b", re.sub(r"\([^()]*\)", "", gap)):
        return []  # another thing after the party: "Acme Inc. may offer Users (the "Offering") … and …"
    each = _EACH_OF.search(text, bracket, text.find(")", bracket) + 1 or len(text))
    out, first = [p], not unread_last
    for s0, e0, p0 in reversed(before[:-1]):
        gap = text[e0:s]
        tail = gap[gap.rfind(")") + 1 :]  # after the earlier one's alias, if it has one
        joined = re.search(r"(?:,?\s+and|,)\s*$", tail)
        if (_SIDES.search(gap) or not joined or re.search(r"\band\b", tail[: joined.start()])
                or ("and" in joined.group() and not (first and (each or joined.start() == 0)))):
            break  # only the last two are joined by "and" (after an address: where the bracket names each)
        out.insert(0, p0)
        s, first = s0, False
    return out


def _words(name: str) -> list[str]:
    """The name's words without legal forms, in lower case."""
    return re.findall(r"[a-z0-9]+", re.sub(rf"\b{_SUFFIX}\b\.?", " ", name, flags=re.I).lower())


def _cover_key(words: list[str], cover: dict[str, list[str]]) -> str | None:
    """The one name of ``cover`` whose words end with ``words`` or hold two or more of them in a
    row ("SMBC NIKKO SECURITIES INC." for "Nikko Securities Inc."), if one does."""
    n = len(words)
    hits = [key for key, held in cover.items() if n and len(held) > n and (
        held[-n:] == words or (n >= 2 and any(held[i : i + n] == words for i in range(len(held) - n))))]
    return hits[0] if len(hits) == 1 else None


# the quoted name that a list of parties gives each of them: "(individually the "Member" and collectively the
# "Members")", "(each a "Participant")"
_EACH = re.compile(r"\(\s*(?:[^()\"“”‘]{0,40}?\b)?(?:individually|each)\b")
# a label on the line above a name that stands on its own line: "Party A:⏎⏎Beijing Baidu Netcom … Co., Ltd."
_LABEL_ABOVE = re.compile(r"(?:^|\n)[ \t]*(?P<label>Party[ \t]+[A-Z]|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]*[:：][ \t]*\n\s*$")


def _alias(text: str, s: int, e: int, stop: int) -> tuple[str | None, str | None, int]:
    """The short name defined for the party named at ``s:e``: a quoted one in brackets after the
    name (before ``stop``), else "Party A" or a role word labelling the name ("Party A: Acme Co.,
    Ltd.", on its line or alone on the line above it). Second: a name given to each party of a list
    ("individually the "Member""), which is no alias, and where its bracket opens."""
    m = _ALIAS.search(text, e, stop)
    alias = (m.group("alias") or m.group("bare")).strip(" ,.") if m else None
    if alias and (alias.lower() in _BAD_NAMES or re.match(r"(?:agreement|effective date)$", alias, re.I)):
        alias = None
    if alias and _EACH.match(text, m.start()):
        return None, alias, m.start()
    if not alias:
        line_start = text.rfind("\n", 0, s) + 1
        label = _LABEL.search(text, line_start, s)
        if label and (label.group("party") or label.group("role").lower() in ROLE_WORDS):
            alias = re.sub(r"\s+", " ", label.group("party") or label.group("role"))
        elif not text[line_start:s].strip() and (above := _LABEL_ABOVE.search(text, max(0, line_start - 80), s)):
            if above.group("label").startswith("Party") or (above.group("label").lower() in ROLE_WORDS
                                                            and not _PAYMENT_FIELD.search(above.group(0))):  # "Bank:"
                alias = re.sub(r"\s+", " ", above.group("label"))
    return alias, None, -1


def parse_date(s: str) -> str | None:
    """ISO date for the first date in ``s``, or None."""
    found = all_dates(s)
    return found[0][2] if found else None


# what a filed copy puts where the parties blanked a term out: "[***]", "[* * *]", "{*****}", "*****", "[REDACTED]"
REDACTION = r"(?:[\[{(][ \t]*\*[ \t*]*[\]})]|\*{3,}|\[(?i:redacted|confidential[^\]\n]{0,40})\])"


def without_furniture(text: str) -> str:
    """``text`` with EDGAR's "Source: …" lines blanked (same length, so offsets hold)."""
    return _SOURCE_LINE.sub(lambda m: " " * len(m.group(0)), text)


def find_date(text: str, head_end: int = 3000) -> str | None:
    """The agreement date: the first date near the top that a cue ("dated", "entered into", "as
    of") introduces; else the first date in the first 3,000 characters; else a date the signature
    blocks give ("Date: May 17, 2006"). ``head_end``: where the preamble ends."""
    clean = without_furniture(text)
    cut = min(max(head_end, 3000), 8000)
    stop = min(len(clean), cut + 40)  # no date is longer
    while cut < stop and not clean[cut].isspace():  # never cut a date in two ("1/15/19|99")
        cut += 1
    head = clean[:cut]
    found = all_dates(head)
    for s, _, iso in found:
        if _DATE_CUE.search(head[max(0, s - 80) : s]):
            return iso
    if found and found[0][0] < 3000:
        return found[0][2]
    # the signature blocks: the text's end, else after each "IN WITNESS WHEREOF" (exhibits may follow them)
    regions = [max(0, len(clean) - 5000)] + [m.start() for m in _WITNESS.finditer(clean, 0, max(0, len(clean) - 5000))]
    for a in regions[:MAX_WITNESS + 1]:
        region = clean[a : a + 5000]
        for s, _, iso in all_dates(region):
            if re.search(r"\b(?:date|dated|signed|executed|on\s+this)\b", region[max(0, s - 40) : s], re.I):
                return iso
    return None


_WITNESS = re.compile(r"IN\s+WITNESS\s+(?:WHEREOF|THEREOF)|In\s+[Ww]itness\s+[Ww]hereof|(?i:\bsignature\s+(?:and\s+stamp\s+)?page\b)")
MAX_WITNESS = 5  # signature blocks searched before the last 5,000 characters


_DEFINITION = re.compile(
    r"[\"“](?P<term>[A-Z][^\"“”]{0,60})[\"”]\s*(?:\([^)]{0,40}\)\s*)?(?:shall\s+mean|means|shall\s+have\s+the\s+meaning|has\s+the\s+meaning|shall\s+refer\s+to|refers\s+to|is\s+defined)"
    r"|\((?:the\s+|each\s+a\s+|collectively,?\s+the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?[\"“](?P<term2>[A-Z][^\"“”]{0,60})[\"”]\)"
)


def find_definitions(text: str, clauses: list[Clause]) -> list[Definition]:
    """Defined terms with where they are defined (the most specific clause holding the definition)."""
    out: list[Definition] = []
    seen: set[str] = set()
    starts = [(c.start, c.end, c.id) for c in clauses]
    for m in _DEFINITION.finditer(text):
        term = (m.group("term") or m.group("term2")).strip()
        key = term.lower()
        if key in seen:
            continue
        seen.add(key)
        grp = "term" if m.group("term") else "term2"
        s, e = m.start(grp), m.end(grp)
        holder = None
        for cs, ce, cid in starts:  # clauses are in document order; the last container is the deepest
            if cs <= s and e <= ce:
                holder = cid
        out.append(Definition(term=term, clause=holder, start=s, end=e))
    return out
