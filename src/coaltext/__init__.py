"""coaltext — reads the paperwork of alliances, offline.

    >>> import coaltext
    >>> report = coaltext.analyze("agreement.pdf")          # coaltext.agreement.v1
    >>> minutes = coaltext.minutes("minutes.docx")          # coaltext.minutes.v1
    >>> alignment = coaltext.align("goals.yaml")            # coaltext.alignment.v1

Importing coaltext loads no model; the first call that needs one loads it, once.
"""

from __future__ import annotations

from .errors import CoaltextError
from .pipeline import align, analyze, minutes, read
from .types import (
    AgreementReport,
    AlignmentReport,
    Clause,
    Document,
    MinutesReport,
    report_json,
)

__version__ = "0.1.0"

__all__ = [
    "AgreementReport",
    "AlignmentReport",
    "Clause",
    "CoaltextError",
    "Document",
    "MinutesReport",
    "align",
    "analyze",
    "minutes",
    "read",
    "report_json",
    "__version__",
]
