"""Clause typing: every clause gets zero or more of the 27 clause types with calibrated scores and
an explanation (pattern, heading, model). See :mod:`.engine` for how the evidence combines and
``models/clause_classifier.md`` for the model card."""

from __future__ import annotations

import threading

from .engine import MIN_SCORE, THRESHOLD, ClauseClassifier, load_classifier
from .taxonomy import ClauseType, clause_type, clause_types, type_ids

__all__ = [
    "MIN_SCORE",
    "THRESHOLD",
    "ClauseClassifier",
    "ClauseType",
    "classifier",
    "clause_type",
    "clause_types",
    "load_classifier",
    "type_ids",
]

_lock = threading.Lock()
_instance: ClauseClassifier | None = None


def classifier(embedder=None) -> ClauseClassifier:
    """The process-wide classifier (loaded on first use from ``models/clause_head``).

    ``embedder`` injects an embedder (tests); it is used only by heads that need embeddings.
    """
    global _instance
    if embedder is not None:
        return load_classifier(embedder=embedder)
    with _lock:
        if _instance is None:
            _instance = load_classifier()
        return _instance
