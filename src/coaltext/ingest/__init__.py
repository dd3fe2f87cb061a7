"""Ingest: bytes + (sniffed) media type → :class:`~coaltext.types.Document`.

The media type comes from the bytes, never from the file name alone: a ``.pdf`` that is really a
Word file is read as Word (with a warning), a ``.docx`` that is really text is read as text.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import (
    CoaltextError,
    CorruptFile,
    EmptyInput,
    TextTooLong,
    TooLarge,
    UndecodableText,
    UnsupportedMediaType,
)
from ..types import Document
from .sniff import DOCX, JSON, MARKDOWN, PDF, TEXT, YAML, claimed_type, sniff

# The most characters a Document may hold, whatever the format. A 500-page agreement is about
# 1.5 M characters; a small DOCX can unpack (or number its lists) into hundreds of MB of text, which
# every later stage would then hold and scan. The DOCX and PDF readers stop as soon as they pass it.
MAX_TEXT_CHARS = 10_000_000
# The most characters of minutes, notes or a transcript the minutes reader takes (and, in proportion,
# lines and utterances: see ``limits`` in conf/minutes.yaml). Four QMSum meetings joined (537,000
# characters, 5,300 utterances) read in about 6 s; past this the HTTP service's 60 s come near.
MAX_MEETING_CHARS = 500_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for one input. ``None`` means unlimited; the text caps are on by default.

    ``max_meeting_chars`` bounds what the minutes reader (``coaltext.minutes``, and ``coaltext.align``
    on minutes) takes: more characters, or more lines or utterances than one per 20 of them, are
    refused (``file_too_large``).

    ``minutes`` says the input is read as minutes (set by ``coaltext.minutes`` and for the source
    of ``coaltext.align``, so by every command and route over them): a text past ``max_chars`` is
    then refused in the minutes reader's words (split it), not as an agreement too long to read."""

    max_bytes: int | None = None
    max_pages: int | None = None
    timeout_s: float | None = None
    max_chars: int | None = MAX_TEXT_CHARS
    max_meeting_chars: int | None = MAX_MEETING_CHARS
    minutes: bool = False

    def deadline(self) -> float | None:
        return time.monotonic() + self.timeout_s if self.timeout_s else None


def text_too_long(name: str, limit: int, chars: int | None = None) -> TooLarge:
    return TextTooLong(
        f"{name}: the text runs past {limit:,} characters, the limit (a 500-page agreement has about "
        "1.5 million); split the document",
        chars,
    )


def minutes_too_long(name: str, limits: Limits, chars: int | None = None) -> TooLarge:
    """A text past ``limits.max_chars`` (the cap on any document), in the words of the minutes reader
    (``structure.minutes``). Only splitting helps: --max-meeting-chars cannot lift this cap."""
    what = f"{chars:,} characters are" if chars else f"the text runs past {limits.max_chars:,} characters,"
    meeting = limits.max_meeting_chars
    if meeting is not None and (limits.max_chars is None or meeting < limits.max_chars):
        return TextTooLong(
            f"{name}: {what} more than coaltext reads of any document ({limits.max_chars:,}), and the minutes "
            f"reader takes {meeting:,}: split the transcript or the notes into parts of at most {meeting:,}",
            chars,
        )
    return TextTooLong(
        f"{name}: {what} more than coaltext reads of any document ({limits.max_chars:,}, whatever the "
        "minutes limit): split the transcript or the notes into parts",
        chars,
    )


def read(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    media_type: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """Read a path or bytes into a Document. ``media_type`` is a hint; the bytes decide."""
    limits = limits or Limits()
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = name or "upload"
    else:
        path = Path(source)
        name = name or path.name
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise CoaltextError(f"{path}: no such file", code="file_not_found") from None
        except OSError as exc:
            raise CoaltextError(f"{path}: cannot read ({exc.strerror})", code="file_unreadable") from None
        if path.is_dir():
            raise CoaltextError(f"{path} is a folder, not a file", code="file_unreadable")
        if limits.max_bytes is not None and size > limits.max_bytes:
            raise TooLarge(f"{name}: {size:,} bytes is over the limit of {limits.max_bytes:,}")
        data = path.read_bytes()
    return read_bytes(data, name=name, media_type=media_type, limits=limits)


def read_bytes(
    data: bytes, *, name: str, media_type: str | None = None, limits: Limits | None = None
) -> Document:
    limits = limits or Limits()
    if limits.max_bytes is not None and len(data) > limits.max_bytes:
        raise TooLarge(f"{name}: {len(data):,} bytes is over the limit of {limits.max_bytes:,}")
    try:
        return _read_bytes(data, name=name, media_type=media_type, limits=limits)
    except TextTooLong as exc:
        if not limits.minutes:
            raise
        raise minutes_too_long(name, limits, exc.chars) from None


def _read_bytes(data: bytes, *, name: str, media_type: str | None, limits: Limits) -> Document:
    if not data or not data.strip():
        raise EmptyInput(f"{name}: the file is empty")
    kind, warnings = sniff(data, name=name, declared=media_type)
    sha = hashlib.sha256(data).hexdigest()
    if kind == PDF:
        from .pdf import read_pdf

        doc = read_pdf(data, name=name, sha256=sha, limits=limits)
    elif kind == DOCX:
        from .docx import read_docx

        doc = read_docx(data, name=name, sha256=sha, limits=limits)
    elif kind in (TEXT, MARKDOWN, JSON, YAML):
        from .text import read_text

        # UTF-32 is the widest decoding (4 bytes a character): more bytes than that cannot fit
        if limits.max_chars is not None and len(data) > 4 * limits.max_chars + 4:
            raise text_too_long(name, limits.max_chars)
        try:
            doc = read_text(data, name=name, sha256=sha, media_type=kind)
        except UndecodableText:
            claimed = claimed_type(name, media_type)
            if claimed in (PDF, DOCX):  # "x.pdf" that is neither a PDF nor text
                label = "PDF" if claimed == PDF else "Word (.docx)"
                raise CorruptFile(f"{name}: not a valid {label} file (damaged, or mislabelled binary data)") from None
            raise
    else:  # pragma: no cover - sniff only returns the kinds above or raises
        raise UnsupportedMediaType(f"{name}: unsupported file type {kind}")
    doc.warnings[:0] = warnings
    if limits.max_chars is not None and len(doc.text) > limits.max_chars:
        raise text_too_long(name, limits.max_chars, len(doc.text))
    if not doc.text.strip():
        raise EmptyInput(f"{name}: the file holds no text")
    return doc


__all__ = ["MAX_MEETING_CHARS", "MAX_TEXT_CHARS", "Limits", "read", "read_bytes", "sniff"]
