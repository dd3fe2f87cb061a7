"""The clause classifier: patterns + headings + a learned head, combined into calibrated scores.

For each clause (its own text, heading removed — see :mod:`.features`):

1. the head (TF-IDF and/or MiniLM features → one-vs-rest logistic regression) gives a logit;
2. the patterns of ``conf/patterns.yaml`` fire or not;
3. a sentence head (same features, trained on single sentences against CUAD's sentence-level
   spans) scores every sentence of the clause; the best one counts;
4. a per-type stacker, fitted on out-of-fold predictions, turns (head logit, pattern hit, best
   sentence logit) into a calibrated probability;
5. a drafter heading mapped to the type (``conf/heading_map.yaml``) adds its measured reliability
   r as independent evidence: ``score = 1 - (1 - p) * (1 - r)``.

Every returned label explains itself: the model with the words that pushed it, each pattern with
the words it matched, the heading.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np

from ..blanks import is_blank
from ..types import Clause, Explanation, TypeScore
from .features import EMB_CHARS, clause_inputs, is_formula, model_text, pattern_text, sentences_of, strip_heading
from .head import NO_SENTENCE, ClauseHead, max_by_owner
from .rules import HeadingMap, PatternSet, headings, patterns

# The committed head lives in the repository's models/ (editable installs); COALTEXT_CLAUSE_MODEL
# points elsewhere (a path without suffix: <stem>.npz and <stem>.json).
MODEL_STEM = Path(os.environ.get("COALTEXT_CLAUSE_MODEL") or Path(__file__).resolve().parents[3] / "models" / "clause_head")
THRESHOLD = 0.3  # a label at or above this is "present" (chosen by the CV threshold sweep in bench/classify.py)
MIN_SCORE = 0.2  # labels between MIN_SCORE and THRESHOLD are returned as weak candidates
MIN_WORDS = 3  # a body of fewer words is not read by the head (its heading may still count)
_WORD = re.compile(r"[^\W\d_]{2,}")
# A heading that names several topics ("Representations and Warranties; Indemnity", "Compensation and
# Reporting") vouches for each of them only where the clause's text, its sub-clauses included, uses
# one of that type's words (its ``_gate`` in conf/patterns.yaml): Embark's Section 5, warranties
# alone, was typed indemnification (0.80) from its heading. On the hand-labelled dev contracts
# (held-out folds) this drops 5 of 17 heading-only false presents and none of 19 true ones.
_SEVERAL = re.compile(r"[;,&]|\b(and|or)\b", re.I)
# A clause the drafter headed as one restraint is not, on the head's word alone, one of the restraints
# the head confuses it with: "6. Non-Solicitation. Consultant will not, during the Term … directly or
# indirectly: (i) solicit … any employee" reads to the head like a non-compete (GigglesN Hugs: 0.84,
# exclusivity 0.54). Where the heading (as written, before the several-topics filter) names the key
# type and not the other one, no pattern of the other type fires, and every limb of the clause that
# restrains (a list item, or a part that says "shall not" …) speaks of soliciting, hiring, recruiting,
# inducing or employing, the other type's score is held below THRESHOLD (a weak candidate, not a
# present type). A limb without such words ("(ii) own, manage, operate … any business engaged in the
# sale of nutritional supplements") may be a restraint of the other type: the rule then stands aside.
HEADING_EXCLUDES = {"non_solicit": ("non_compete", "exclusivity")}
# A clause whose restraint bars only dealing with the other party's rivals — no ads for them, no
# endorsing them ("Women.com will not … display … advertising from … a Competitive Company", "shall not
# place advertising relating to the … entities listed on Exhibit A") — is exclusive dealing, not a
# non-compete: the hand labels put it under exclusivity, but the head read "competitor" and "shall not"
# as non_compete (2TheMart 0.30, Impresse 0.49, eDiets 0.87 on held-out folds). Where one of these
# exclusivity patterns fires, no non_compete pattern fires and the heading does not name non_compete,
# the non_compete score is held below THRESHOLD, like HEADING_EXCLUDES — but only where every
# restraint of the clause is about ads or endorsements (:func:`bars_rivals_only`): "will not endorse any
# other multivitamin, and Celebrity shall not own … any business that sells vitamins" is a non-compete too.
PATTERN_EXCLUDES = {"non_compete": ("exclusivity.not_promote_competitors", "exclusivity.no_listed_ads",
                                    "exclusivity.no_endorse_other")}
# A type the head alone may not give a clause that shows one party's own control and names none of the
# type's bodies. Governance is a body or a process the parties run together (GUIDELINES: committees,
# managers, meetings, voting/decision rights, deadlock); the head also reads it into one party's control or
# approval of a web site's design or "look and feel" ("COMPANY shall have sole control over the content,
# composition, and 'look and feel' of the Web site": Midwest 0.93), co-branded page specifications, a
# licensor's approval: 5 of the 10 governance false presents of the 141 hand-labelled dev/test/test2
# contracts (held-out folds). Where no governance pattern fires, the heading does not name governance, the
# clause shows one party's control (``ONE_SIDED``), and neither the clause nor its parents' headings and
# lead-ins ("The JSC shall: … (ii) oversee …") nor the end of the clause before it (list items parsed as
# siblings of their lead-in) name a body or joint process, the governance score is held below THRESHOLD.
# Both tests are needed: a review of a first version that held every clause naming no body found it
# holding real joint governance worded without its list ("shall be managed jointly", "jointly determine
# the budget", "act by consensus", "unable to agree … the prior plan shall apply").
BODY_REQUIRED = {"governance": (
    re.compile(r"\b(?:committees?|boards?|councils?|managers?|manag(?:e|ed|es|ing|ement)|representatives?|"
               r"meet(?:s|ings?)?|teleconferences?|vot(?:e|es|ed|ing)|quorum|deadlocks?|unanimous(?:ly)?|majority|"
               r"consensus|decisions?|decid(?:e|es|ed|ing)|escalat\w*|chair\w*|members?|govern\w*|steering|"
               r"oversight|liaisons?|co-?ordinat\w*|(?:working\s+)?groups?|teams?|directors?|officers?|designees?|"
               r"shareholders?|leaders?|leads|sponsors?|bod(?:y|ies)|partners|(?:joint\s+)?venturers?|participants|"
               r"points?\s+of\s+contact|relationship\s+contacts?|jointly|mutual(?:ly)?|consult\w*|collaborat\w*|"
               r"both\s+part(?:y|ies)|each\s+party|(?:unable|fail\w*)\s+to\s+agree)\b", re.I),
    re.compile(r"\bJ[A-Z]{1,3}C\b"),  # "the JSC", "the JDC", "JCC"
)}
# one party's own control, design or approval of content, a site, materials or products (the head's false
# alarms above; not "FMI will have sole control over … the budget" of a collaboration, a decision right)
ONE_SIDED = {"governance": re.compile(
    r"\blook\s+and\s+feel\b|\bco-?branded\s+(?:pages?|sites?|areas?)\b|\bresponsible\s+for\s+the\s+overall\s+"
    r"(?:advertis\w*|marketing|promotion)\b|\b(?:sole\s+(?:control|responsibility|discretion)|(?:final|prior"
    r"(?:\s+written)?)\s+approval|quality\s+control)\b[^.;]{0,80}\b(?:content|web\s*sites?|sites?|pages?|design|"
    r"artwork|materials|advertis\w*|brand\w*|appearance|merchandise|products?|hosting)\b", re.I)}


# BLANK: a draft's clause that is a heading and a placeholder — "8.6 Governing Law / Jurisdiction: [to be
# completed]", "Term: [●] years", "Price. [TBD]" — states no term: a heading alone with no operative text
# is not a clause of its type (GUIDELINES). CERES's Exhibit C form was jurisdiction 0.80 from its heading
# and cited as governing-law evidence. Where the clause's text, its heading removed, is nothing but
# placeholders and punctuation (:func:`coaltext.blanks.is_blank`, the SAFE rule: "Delaware [TBD]", "3 years
# [●]", "5% [●]" keep their type), neither the heading nor the head gives it a type. A filed copy's redaction ("Governing Law. [***]") is not a
# placeholder: the text was there, and the heading still vouches for it.

BODY_LEAD_CHARS = 1500  # how much of a parent's lead-in (its text before its first sub-clause) is read
BODY_PREV_CHARS = 300  # and of the end of the clause before


def names_body(t: str, text: str) -> bool:
    """Whether a text names a body or process of type ``t`` (:data:`BODY_REQUIRED`)."""
    return any(r.search(text) for r in BODY_REQUIRED[t])


def _context(i: int, clauses: list[Clause], index: dict, first_child: dict, depth: int = 3) -> str:
    """A clause's text with its parents' headings and lead-ins, nearest first (up to ``depth``), and
    the end of the clause before it (a list item's lead-in, where the items are siblings of it)."""
    parts = [clauses[i].text]
    if i > 0 and clauses[i].start >= clauses[i - 1].end:
        parts.append(clauses[i - 1].text[-BODY_PREV_CHARS:])
    parent = clauses[i].parent
    while parent in index and depth > 0:
        a = clauses[index[parent]]
        lead = a.text[: max(0, first_child.get(parent, a.end) - a.start)] or a.text
        parts.append(f"{a.heading or ''}\n{lead[:BODY_LEAD_CHARS]}")
        parent, depth = a.parent, depth - 1
    return "\n".join(parts)


_ADS = re.compile(r"\b(?:advertis\w*|adverts?|ads|banners?|endors\w*|promot\w*|display\w*|sponsor\w*|spokes\w*|"
                  r"appear\w*|market(?:s|ing)?\s+(?:for|on\s+behalf\s+of))\b", re.I)


def bars_rivals_only(body: str) -> bool:
    """Whether every restraint of a clause body ("shall not", "agrees not to", "nor" … up to the
    next one) is about advertising, promoting or endorsing others, not about doing their business."""
    marks = list(_RESTRAINS.finditer(body))
    parts = [body[m.end() : (marks[k + 1].start() if k + 1 < len(marks) else len(body))] for k, m in enumerate(marks)]
    parts = [x for x in parts if len(x.split()) >= 3]
    return bool(parts) and all(_ADS.search(x) for x in parts)


# An amendment's section that deletes what its heading names: "2. Non-Competition. Section 2 of the
# Non-Competition Agreement shall be deleted in its entirety …" was non_compete 0.71 from the heading
# alone, and the report flagged a restraint the amendment removes. The heading then vouches for nothing
# (a section deleted *and replaced* keeps it: its new text is the clause). 8 of the 407 CUAD texts delete.
_DELETES = re.compile(r"\b(?:shall\s+be|is|are)\s+(?:hereby\s+)?deleted\b", re.I)
_REPLACES = re.compile(r"\b(?:replaced|substituted|in\s+(?:its|their)\s+place|amended\s+to\s+read|the\s+following)\b", re.I)
HEADING_EXCLUDED_CAP = THRESHOLD - 0.05
_LIMB_SPLIT = re.compile(r"[.;:](?=\s|$)|(?<!clause )(?<!section )(?<!paragraph )\(\s*(?:[ivx]{1,5}|[a-z])\s*\)|,?\s+\b(?:and|or|nor)\b(?=\s+(?:(?:shall|will|may|must)\s+not|not\s+to)\b)", re.I)
_RESTRAINS = re.compile(r"\b(?:(?:shall|will|may|must|agrees?|covenants?|undertakes?)(?:\s+to)?\s+not(?!\s+(?:apply|be\s+(?:deemed|construed)))|not\s+to|nor|neither)\b", re.I)
# a proviso or exception narrows the restraint before it; it is no limb of its own
_PROVISO = re.compile(r"^\W*(?:provided|except|excluding|notwithstanding|nothing)\b", re.I)
_SOLICITS = re.compile(r"\b(?:solicit\w*|hir(?:e|es|ed|ing)|recruit\w*|induc\w*|entic\w*|employ(?:s|ing)?)\b", re.I)


def solicits_only(body: str) -> bool:
    """Whether every restraining limb of a clause body is about soliciting, hiring or inducing
    (people or customers). A list's lead-in ("Consultant will not, … directly or indirectly:") is
    no limb of its own; its items are."""
    parts = _LIMB_SPLIT.split(body)
    marks = [m.group(0) for m in _LIMB_SPLIT.finditer(body)]
    limbs = []
    for k, part in enumerate(parts):
        part = (part or "").strip()
        if len(part.split()) < 3:
            continue
        item = k > 0 and marks[k - 1].lstrip().startswith("(")
        lead_in = k < len(marks) and (marks[k] == ":" or marks[k].lstrip().startswith("("))
        if (item or _RESTRAINS.search(part)) and not (lead_in and not item) and not _PROVISO.match(part):
            limbs.append(part)
    return bool(limbs) and all(_SOLICITS.search(x) for x in limbs)


class ClauseClassifier:
    """Multi-label clause typing; ``classify(clauses)`` → one list of TypeScore per clause."""

    def __init__(
        self,
        head: ClauseHead,
        embedder=None,
        pattern_set: PatternSet | None = None,
        heading_map: HeadingMap | None = None,
        min_score: float = MIN_SCORE,
    ):
        self.head = head
        self._embedder = embedder
        self.patterns = pattern_set or patterns()
        self.headings = heading_map or headings()
        self.min_score = min_score
        self.types = list(head.types)
        self._index = {t: i for i, t in enumerate(self.types)}
        self.model_name = f"clause-head/{head.features}"

    @property
    def embedder(self):
        if self._embedder is None:
            from .. import models

            self._embedder = models.embedder()
        return self._embedder

    def score_matrix(self, clauses: list[Clause]):
        """(n, T) final scores plus the per-clause evidence they rest on (and the clauses' TF-IDF
        rows, which the explanations read again, and which scores HEADING_EXCLUDES held down)."""
        inputs = clause_inputs(clauses)
        texts = [model_text(i.body) for i in inputs]
        emb = None
        if self.head.uses_embeddings and texts:
            emb = np.asarray(self.embedder.encode([t[:EMB_CHARS] for t in texts]), np.float32)
        n, k = len(clauses), len(self.types)
        pat = np.zeros((n, k), np.float32)
        heading_r = np.zeros((n, k), np.float32)
        pattern_hits, heading_hits = [], []
        unnamed = np.zeros((n, k), bool)  # a type the clause cannot have: it never names it
        held = np.zeros((n, k), bool)  # a type held below THRESHOLD (HEADING_EXCLUDES, PATTERN_EXCLUDES, BODY_REQUIRED)
        bodiless = np.zeros((n, k), bool)  # BODY_REQUIRED may hold it: neither a pattern nor the heading says it
        blank = np.zeros(n, bool)  # a heading and a placeholder, no operative words (BLANK)
        for i, inp in enumerate(inputs):
            # the clause's whole text, its items included, heading off (its own body is ``inp.body``)
            tree = strip_heading(clauses[i].text, clauses[i].number, inp.heading)[0]
            blank[i] = is_blank(tree)
            ph = self.patterns.find(pattern_text(inp.body)) if texts[i] else []
            hh = raw = self.headings.find(inp.heading)
            if len(hh) and _DELETES.search(inp.body) and not _REPLACES.search(inp.body):
                hh = []  # the section deletes what its heading names (_DELETES)
            if len(hh) and _SEVERAL.search(inp.heading):
                hh = [h for h in hh if self.patterns.speaks_of(h.type, tree.lower())]
            for t in self.patterns.unnamed(f"{inp.heading or ''} {inp.body}"):
                unnamed[i, self._index[t]] = True
            headed = {h.type for h in raw}
            said = {h.type for h in ph}
            for key, others in HEADING_EXCLUDES.items():
                # the limbs are read from the clause's whole text: its items are often clauses of
                # their own, leaving the body a bare lead-in ("Consultant will not, … directly or indirectly:")
                if (key in headed and any(t not in headed and t not in said for t in others)
                        and solicits_only(tree)):
                    for t in others:
                        if t not in headed and t not in said and t in self._index:
                            held[i, self._index[t]] = True
            rules = {h.rule for h in ph}
            for other, keys in PATTERN_EXCLUDES.items():
                if (other in self._index and other not in said and other not in headed and rules.intersection(keys)
                        and bars_rivals_only(tree)):
                    held[i, self._index[other]] = True
            for t in BODY_REQUIRED:
                if t in self._index and t not in said and t not in headed:
                    bodiless[i, self._index[t]] = True  # read below, where the score would be present
            pattern_hits.append(ph)
            heading_hits.append(hh)
            for h in ph:
                pat[i, self._index[h.type]] = 1
            for h in hh:
                heading_r[i, self._index[h.type]] = self.head.heading_reliability.get(h.type, 0.8)
        if n == 0:
            return np.zeros((0, k)), np.zeros((0, k)), [], [], texts, None, held
        v = self.head.vectorizer()
        tfidf = v.transform(texts).tocsr() if v is not None else None  # once, for the head and the explanations
        logits = self.head.logits(texts, emb, tfidf)
        best = self._best_sentences(inputs, n) if self.head.uses_sentences else None
        p = self.head.calibrated(logits, pat, best)
        # a clause with no body (a bare heading) or hardly any words (a table rule, "Information
        # ----|----") gets nothing from the head: a lone word would carry the whole TF-IDF vector
        empty = np.array([len(_WORD.findall(t)) < MIN_WORDS for t in texts])
        contents = np.array([c.kind == "contents" for c in clauses])  # names every type, states none
        framing = np.array([is_formula(i.body) for i in inputs])  # "NOW, THEREFORE, … agree as follows:"
        p[empty | contents | framing] = 0.0
        p[unnamed] = 0.0
        heading_r[unnamed] = 0.0
        p[blank] = 0.0  # BLANK: a heading over "[to be completed]" is no clause of the heading's type
        heading_r[blank] = 0.0
        heading_r[contents] = 0.0  # ("Confidentiality. Each Party agrees as follows:" keeps its heading)
        scores = 1.0 - (1.0 - p) * (1.0 - heading_r)
        index = {c.id: j for j, c in enumerate(clauses)}
        first_child: dict[str, int] = {}
        for c in clauses:
            if c.parent is not None and (c.parent not in first_child or c.start < first_child[c.parent]):
                first_child[c.parent] = c.start
        for i, j in zip(*np.nonzero(bodiless & (scores >= THRESHOLD))):
            t = self.types[j]
            if ONE_SIDED[t].search(clauses[i].text) and not names_body(t, _context(i, clauses, index, first_child)):
                held[i, j] = True
        scores[held] = np.minimum(scores[held], HEADING_EXCLUDED_CAP)
        return scores, p, pattern_hits, heading_hits, texts, tfidf, held

    def _best_sentences(self, inputs, n: int) -> np.ndarray:
        """(n, T): each clause's best sentence logit — a clause can state a type in one sentence
        of many (CUAD marks single sentences inside long supply or licence clauses)."""
        sents, owner = [], []
        for i, inp in enumerate(inputs):
            texts = sentences_of(inp.body)[0]
            sents += texts
            owner += [i] * len(texts)
        if not sents:
            return np.full((n, len(self.types)), NO_SENTENCE, np.float32)
        return max_by_owner(self.head.sentence_logits(sents), np.array(owner), n)

    def classify(self, clauses: list[Clause]) -> list[list[TypeScore]]:
        scores, p_model, pattern_hits, heading_hits, texts, rows, held = self.score_matrix(clauses)
        out: list[list[TypeScore]] = []
        for i in range(len(clauses)):
            labels = []
            for j in np.argsort(-scores[i]) if len(self.types) else []:
                s = float(scores[i, j])
                if s < self.min_score:
                    break
                t = self.types[j]
                ex = self._explain(i, j, t, p_model, pattern_hits, heading_hits, texts, rows)
                by_pattern = sorted({h.rule for h in pattern_hits[i]}.intersection(PATTERN_EXCLUDES.get(t, ())))
                if held[i, j] and by_pattern:
                    ex.append(Explanation(method="pattern", rule=f"pattern_excludes.{t}",
                                          matched=f"held below {THRESHOLD}: {by_pattern[0]} bars dealing with rivals, "
                                                  f"no {t} pattern fires"))
                elif held[i, j] and t in BODY_REQUIRED:
                    ex.append(Explanation(method="model", rule=f"body_required.{t}",
                                          matched=f"held below {THRESHOLD}: one party's own control or approval; the "
                                                  f"clause names no committee, manager, meeting, vote or other "
                                                  f"body the parties run together"))
                elif held[i, j]:
                    key = next(k for k, others in HEADING_EXCLUDES.items() if t in others)
                    ex.append(Explanation(method="heading", rule=f"heading_excludes.{key}",
                                          matched=f"held below {THRESHOLD}: headed {key} only, every limb solicits"))
                labels.append(TypeScore(type=t, score=round(s, 4), explanation=ex))
            out.append(labels)
        return out

    def _explain(self, i, j, t, p_model, pattern_hits, heading_hits, texts, rows=None) -> list[Explanation]:
        ex = [Explanation(method="heading", rule=h.rule, matched=h.matched)
              for h in heading_hits[i] if h.type == t]
        ex += [Explanation(method="pattern", rule=h.rule, matched=h.matched)
               for h in pattern_hits[i] if h.type == t]
        if p_model[i, j] >= self.min_score or not ex:
            row = rows[i] if rows is not None else None
            words = self.head.top_terms(texts[i], j, row=row) if texts[i] else []
            ex.append(Explanation(method="model", rule=f"{self.model_name} p={p_model[i, j]:.2f}",
                                  matched=", ".join(words) or None))
        return ex


def load_classifier(stem: Path = MODEL_STEM, embedder=None) -> ClauseClassifier:
    from ..errors import ModelUnavailable

    if not stem.with_suffix(".npz").exists():
        raise ModelUnavailable(
            f"the clause model is missing at {stem}.npz: rebuild it with `coaltext train`"
        )
    return ClauseClassifier(ClauseHead.load(stem), embedder=embedder)
