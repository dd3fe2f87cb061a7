"""The types every stage takes and returns.

Internal stage types (``Document``, ``Page``, ``Block``) are plain dataclasses: they are built
often and never validated. Report types are pydantic models: they *are* the public JSON contract
(``coaltext.agreement.v1``, ``coaltext.minutes.v1``, ``coaltext.alignment.v1``) and the FastAPI app
uses them as response models, so the OpenAPI schema and the CLI output cannot drift apart.

Offsets (``start``/``end``) always index ``Document.text``; ``coaltext text FILE`` prints that text.
"""

from __future__ import annotations

import bisect
import csv
from dataclasses import dataclass, field
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MediaType = Literal[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/plain",
    "text/markdown",
    "application/json",
    "application/yaml",
]

# --------------------------------------------------------------------------------------------
# Ingest → structure
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a paginated source: 1-based ``number`` and its char range in the text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text the source itself marks as a unit (a DOCX paragraph or table row, a PDF line).

    ``label`` is list numbering the source generated (Word's automatic "3.2(b)") and that is part
    of ``Document.text``; ``style`` is the source's style name ("Heading 1"), where it has one.
    """

    start: int
    end: int
    kind: Literal["paragraph", "heading", "table_row", "line"] = "paragraph"
    label: str | None = None
    style: str | None = None
    level: int | None = None


@dataclass(slots=True)
class Document:
    """Decoded text of one input with its pages and blocks; every offset indexes ``text``."""

    name: str
    sha256: str
    media_type: str
    text: str
    pages: list[Page] | None = None
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset`` (None for unpaginated sources)."""
        if not self.pages:
            return None
        i = bisect.bisect_right(self.pages, offset, key=lambda p: p.start) - 1
        return self.pages[max(i, 0)].number

    @property
    def page_count(self) -> int | None:
        return len(self.pages) if self.pages is not None else None


# --------------------------------------------------------------------------------------------
# Report contract (JSON schema version 1)
# --------------------------------------------------------------------------------------------


def _taxonomy_ids() -> list[str]:
    """The 27 clause type ids of ``conf/clause_types.tsv`` (the public contract's enum)."""
    text = resources.files("coaltext").joinpath("conf", "clause_types.tsv").read_text(encoding="utf-8")
    return [row["id"] for row in csv.DictReader(text.splitlines(), delimiter="\t")]


CLAUSE_TYPE_IDS: tuple[str, ...] = tuple(_taxonomy_ids())


def _open_to_additions(schema: dict[str, Any], cls: type) -> None:
    # Reports are responses: a client validating against the published schema must accept the
    # additive fields the contract allows within a schema version. Building a report in Python
    # still refuses unknown fields (extra="forbid"), which catches typos in the stages.
    schema["additionalProperties"] = True


class _Model(BaseModel):
    # In the OpenAPI / serialization schema every field is required (nullable where it may be
    # null): report_json always writes every key, and DESIGN.md lists them as always present.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_serialization_defaults_required=True,
        json_schema_extra=_open_to_additions,
    )


class _Report(_Model):
    """What the three reports share in Python (none of it is a field, so none of it is JSON):
    ``report.schema`` is the schema id (the field is ``schema_``, aliased ``schema`` in the JSON;
    pydantic's deprecated ``BaseModel.schema()`` would answer otherwise), and a one-line repr —
    the file, the title and the counts — instead of every field of every clause."""

    @property
    def schema(self) -> str:  # type: ignore[override]  # shadows pydantic's deprecated classmethod
        return self.schema_

    def _summary(self) -> str:  # pragma: no cover - every report defines its own
        return ""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.source.name!r}: {self._summary()}>"

    __str__ = __repr__


def _count(n: int, what: str, plural: str | None = None) -> str:
    return f"{n} {what if n == 1 else plural or what + 's'}"


# A clause type id: any of the 27 in the taxonomy (a plain str in Python, an enum in the schema).
ClauseTypeId = Annotated[str, Field(json_schema_extra={"enum": list(CLAUSE_TYPE_IDS)})]


class Source(_Model):
    name: str
    sha256: str
    media_type: str
    pages: int | None = None
    chars: int


class Party(_Model):
    name: str
    role: str | None = Field(None, description='A role the agreement gives the party ("Licensor").')
    alias: str | None = Field(None, description='The short name the agreement defines ("Acme").')
    start: int | None = Field(None, description="Offset of the party's mention in the text.")
    end: int | None = None
    groups: list[str] = Field(
        default_factory=list,
        description='The collective names the agreement gives the party with others ("Veoneer Parties", '
        '"SMBC/Nikko"), in the order defined; a group is never itself a party (additive to v1)',
    )


class Explanation(_Model):
    """Why a label was given: which classifier, which rule or model, which words."""

    method: Literal["pattern", "model", "heading", "combined"]
    rule: str | None = Field(None, description="Pattern id or model name that made the call.")
    matched: str | None = Field(None, description="The words the pattern matched, if any.")


class TypeScore(_Model):
    type: ClauseTypeId
    score: float = Field(ge=0.0, le=1.0)
    explanation: list[Explanation] = Field(default_factory=list)


class Clause(_Model):
    id: str
    number: str | None = None
    heading: str | None = None
    level: int
    parent: str | None = None
    kind: str = Field(
        "clause",
        description="article | section | clause | paragraph | passage | recital | preamble | signature | schedule | title | contents",
    )
    start: int
    end: int
    page_start: int | None = None
    page_end: int | None = None
    text: str
    types: list[TypeScore] = Field(default_factory=list)
    citation: str | None = Field(
        None, description='how a lawyer cites it: "8.3(a)(i)", "Section 2.01", "8.1 ¶ 2" (additive to v1)'
    )


class Definition(_Model):
    term: str
    clause: str | None = None
    start: int
    end: int


class CoverageItem(_Model):
    type: ClauseTypeId
    required: bool
    recommended: bool = False
    status: Literal["present", "weak", "missing"]
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list)


class Coverage(_Model):
    playbook: str
    playbook_reason: str | None = None
    items: list[CoverageItem] = Field(default_factory=list)


class Flag(_Model):
    code: str
    severity: Literal["info", "warning", "high"]
    message: str
    clauses: list[str] = Field(default_factory=list)


class KeyTerm(_Model):
    """A deal term read from the draft, with the words it came from (additive to v1)."""

    name: Literal["governing_law", "effective_date", "expiry", "expiry_event", "initial_term", "renewal", "renewal_notice",
                  "arbitration_seat", "arbitration_rules", "arbitrators", "arbitration_language", "court_forum"]
    value: str = Field(description='"New York"; an ISO date or "perpetual" for expiry; the event for expiry_event '
                                   '("completion of the Research Program"); "3 years", "60 days"; '
                                   '"International Chamber of Commerce (ICC)"; "3" arbitrators; "English"; '
                                   '"Houston, Texas (exclusive)" for court_forum')
    clause: str | None = None
    start: int
    end: int
    rule: str


class AgreementReport(_Report):
    schema_: Literal["coaltext.agreement.v1"] = Field("coaltext.agreement.v1", alias="schema")
    source: Source
    title: str | None = None
    date: str | None = None
    parties: list[Party] = Field(default_factory=list)
    definitions: list[Definition] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    coverage: Coverage
    flags: list[Flag] = Field(default_factory=list)
    key_terms: list[KeyTerm] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(_Model.model_config, populate_by_name=True)

    def clause(self, clause_id: str) -> Clause:
        """The clause a flag, a coverage item or a key term names (``"c29"``)."""
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(f"no clause {clause_id!r} in {self.source.name} (ids run c1 to c{len(self.clauses)})")

    @property
    def missing(self) -> list[str]:
        """The clause types the playbook requires and the agreement lacks (type ids, in coverage order)."""
        return [i.type for i in self.coverage.items if i.required and i.status == "missing"]

    def _summary(self) -> str:
        counts = {s: sum(f.severity == s for f in self.flags) for s in ("high", "warning", "info")}
        by = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        missing = self.missing
        names = ", ".join(missing[:4]) + (", …" if len(missing) > 4 else "")
        return (
            f"{self.title!r}, {_count(len(self.clauses), 'clause')}, {_count(len(self.parties), 'party', 'parties')}, "
            f"playbook {self.coverage.playbook}, {len(missing)} required missing" + (f" ({names})" if missing else "")
            + f", {_count(len(self.flags), 'flag')}" + (f" ({by})" if by else "")
            + (f", warnings: {len(self.warnings)}" if self.warnings else "")
        )


class Attendee(_Model):
    name: str
    organization: str | None = None


class Meeting(_Model):
    title: str | None = None
    date: str | None = None
    attendees: list[Attendee] = Field(default_factory=list)


class AgendaItem(_Model):
    id: str
    text: str


class Reply(_Model):
    """The utterance a disagreement answers: the last one before it by another speaker."""

    speaker: str
    text: str
    start: int
    end: int
    line: int | None = Field(None, description="1-based line of start in the document text (additive to v1)")


class MinutesItem(_Model):
    id: str
    kind: Literal["decision", "action", "goal", "disagreement"]
    text: str
    speaker: str | None = None
    party: str | None = None
    owner: str | None = None
    due: str | None = None
    start: int
    end: int
    score: float | None = Field(None, ge=0.0, le=1.0)
    explanation: list[Explanation] = Field(default_factory=list)
    replies_to: Reply | None = Field(
        None, description="For a disagreement in a transcript: the other speaker's utterance it answers."
    )
    line: int | None = Field(
        None, description="1-based line of start in the document text, as `coaltext text` prints it (additive to v1)"
    )
    page: int | None = Field(None, description="1-based page of start, for paginated sources (additive to v1)")
    section: str | None = Field(
        None, description='The heading the item sits under ("3. Pilot cell production"), where the source has headings (additive to v1)'
    )


class MinutesReport(_Report):
    schema_: Literal["coaltext.minutes.v1"] = Field("coaltext.minutes.v1", alias="schema")
    source: Source
    meeting: Meeting
    agenda: list[AgendaItem] = Field(default_factory=list)
    items: list[MinutesItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(_Model.model_config, populate_by_name=True)

    def _summary(self) -> str:
        counts = [_count(sum(i.kind == k for i in self.items), k) for k in ("decision", "action", "disagreement", "goal")]
        return f"{self.meeting.title!r}, {_count(len(self.meeting.attendees), 'attendee')}, {', '.join(counts)}"


class Goal(_Model):
    id: str
    party: str
    text: str
    start: int | None = None
    end: int | None = None
    # the issue a position of an open disagreement is about ("Revenue split" for "70/30"); null elsewhere
    topic: str | None = None


class GoalMatch(_Model):
    a: str
    b: str
    similarity: float
    relation: Literal["shared", "related", "conflict"]
    reason: str | None = None


class GoalCluster(_Model):
    id: str
    label: str
    goals: list[str]
    parties: list[str]


class PartyPair(_Model):
    a: str
    b: str
    alignment: float = Field(ge=0.0, le=1.0)
    shared: int
    conflicts: int
    related: int = 0


class DraftGap(_Model):
    """A decision or goal from minutes that the draft does not cover, or that a clause contradicts."""

    item: str
    text: str
    status: Literal["uncovered", "contradicted", "covered"]
    clauses: list[str] = Field(default_factory=list)
    similarity: float | None = None
    reason: str | None = None


class AlignmentReport(_Report):
    schema_: Literal["coaltext.alignment.v1"] = Field("coaltext.alignment.v1", alias="schema")
    source: Source
    parties: list[str] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    matches: list[GoalMatch] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list)
    clusters: list[GoalCluster] = Field(default_factory=list)
    pairs: list[PartyPair] = Field(default_factory=list)
    draft: list[DraftGap] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(_Model.model_config, populate_by_name=True)

    def _summary(self) -> str:
        n = {r: sum(m.relation == r for m in self.matches) for r in ("conflict", "shared", "related")}
        rel = [_count(n["conflict"], "conflict"), f"{n['shared']} shared", f"{n['related']} related"]
        out = f"{_count(len(self.parties), 'party', 'parties')}, {_count(len(self.goals), 'goal')}, {', '.join(rel)}"
        if self.draft:
            gaps = [f"{sum(d.status == s for d in self.draft)} {s}" for s in ("uncovered", "contradicted", "covered")]
            out += f"; draft: {', '.join(gaps)}"
        return out


Report = AgreementReport | MinutesReport | AlignmentReport


def report_json(report: BaseModel, indent: int | None = 2) -> str:
    """The report as contract JSON (``schema`` key, aliases applied)."""
    return report.model_dump_json(by_alias=True, indent=indent)


def source_of(doc: Document) -> Source:
    """The ``source`` block every report carries."""
    return Source(
        name=doc.name,
        sha256=doc.sha256,
        media_type=doc.media_type,
        pages=doc.page_count,
        chars=len(doc.text),
    )


@dataclass(slots=True)
class AgreementStructure:
    """What the structure stage finds in an agreement, before classification."""

    clauses: list[Clause]
    title: str | None = None
    date: str | None = None
    parties: list[Party] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
