"""The thin seam between the HTTP app and the coaltext library.

Routes call a :class:`Library`; tests hand the app a fake one (``create_app(library=...)`` or
``app.dependency_overrides[get_library]``) so route tests need no model. Each method takes the
upload's bytes and returns the report as contract JSON bytes: serialising in the worker thread
keeps that CPU work off the event loop too.
"""

from __future__ import annotations

import logging

import coaltext
from coaltext.errors import CoaltextError, ModelUnavailable
from coaltext.ingest import Limits
from coaltext.types import report_json

try:  # the playbook list comes from the coverage stage, which may not be installed yet
    from coaltext.coverage import playbook_names as _playbook_names
except ImportError:  # pragma: no cover - depends on what has landed
    _playbook_names = None

log = logging.getLogger("coaltext.api")

WARM_UP_AGREEMENT = (
    "COLLABORATION AGREEMENT\n\n1. Term. This Agreement lasts two years.\n\n"
    "2. Governing Law. This Agreement is governed by the laws of England.\n"
)
WARM_UP_TRANSCRIPT = "Ana: We agreed to start the pilot in May.\nBen: I will send the plan by Friday.\n"
WARM_UP_GOALS = '{"parties": {"Acme": ["Share test results"], "Beta": ["Share test results"]}}'


class Library:
    """The real pipeline: ``coaltext.analyze / minutes / align`` (``coaltext.pipeline``), the same
    functions the Python API and the CLI run.

    Each call takes its deadline (``limits.deadline()``, ``COALTEXT_TIMEOUT_S`` from now) when its
    worker starts it, the moment the pool's clock starts too. The pipeline stops itself at the
    deadline (504 ``parse_timeout``, the worker is free); only work still running the pool's grace
    (2 s) later is abandoned (504 ``analysis_timeout``, the worker stays busy until it ends).
    A draft sent with the minutes shares that one deadline."""

    def agreement(self, data: bytes, *, name: str, playbook: str, limits: Limits) -> bytes:
        report = coaltext.analyze(data, name=name, playbook=playbook, limits=limits, deadline=limits.deadline())
        return report_json(report, indent=None).encode()

    def minutes(self, data: bytes, *, name: str, limits: Limits) -> bytes:
        report = coaltext.minutes(data, name=name, limits=limits, deadline=limits.deadline())
        return report_json(report, indent=None).encode()

    def alignment(
        self,
        data: bytes,
        *,
        name: str,
        limits: Limits,
        agreement: bytes | None = None,
        agreement_name: str | None = None,
    ) -> bytes:
        report = coaltext.align(
            data,
            name=name,
            agreement=agreement,
            agreement_name=agreement_name,
            limits=limits,
            deadline=limits.deadline(),
        )
        return report_json(report, indent=None).encode()

    def playbooks(self) -> list[str]:
        if _playbook_names is None:
            return ["auto"]
        names = list(_playbook_names())
        return names if "auto" in names else ["auto", *names]

    def clause_types(self) -> list[dict[str, str]]:
        """The taxonomy: id, label, group and definition of each clause type (no model needed)."""
        from coaltext.classify.taxonomy import clause_types

        return [{"id": t.id, "label": t.label, "group": t.group, "definition": t.definition} for t in clause_types()]

    def warm_up(self) -> None:
        """Load every model the analyses use, so the first request is as fast as the rest."""
        from coaltext import models

        models.warm_up()
        try:
            from coaltext.classify import classifier
        except ImportError:  # pragma: no cover - classify not installed yet
            return
        classifier()
        # One tiny analysis of each kind loads what the stages read lazily (playbooks, patterns,
        # the minutes detector, spaCy pipes), so the first real request is as fast as the rest.
        for run, text, name in (
            (coaltext.analyze, WARM_UP_AGREEMENT, "warm-up.txt"),
            (coaltext.minutes, WARM_UP_TRANSCRIPT, "warm-up.txt"),
            (coaltext.align, WARM_UP_GOALS, "warm-up.json"),
        ):
            try:
                run(text.encode(), name=name)
            except ModelUnavailable:
                raise
            except CoaltextError as exc:  # the text is not the point; loading is
                log.info("warm-up %s: %s", run.__name__, exc)

