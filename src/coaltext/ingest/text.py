"""Plain text, Markdown, JSON and YAML: decoded as is, so offsets index the decoded input unchanged.

The one exception is a JSON transcript (``[{"speaker": …, "text": …}, …]``): its document text is
the transcript rendered as ``Speaker: text`` lines, one turn per line, which is what ``coaltext
text`` prints and what every offset then indexes.
"""

from __future__ import annotations

import codecs
import json
import re

from ..errors import InvalidDocument, UndecodableText
from ..types import Block, Document
from .sniff import JSON

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# C0 controls other than tab, LF, CR, FF: their presence in bulk means binary, not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)``. UTF-8/16/32 with BOM, then UTF-8, then cp1252."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + " (BOM)"
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"{name}: starts with a {enc} mark but is not {enc} ({exc.reason})") from None
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise UndecodableText(
                f"{name}: not UTF-8, UTF-16 (with BOM) or Windows-1252 text; save it as UTF-8"
            ) from None
    bad = len(_CONTROL.findall(text[:20000]))
    if bad > max(8, len(text[:20000]) // 100):
        raise UndecodableText(f"{name}: looks like binary data, not text")
    return text, enc


def read_text(data: bytes, *, name: str, sha256: str, media_type: str) -> Document:
    text, enc = decode(data, name)
    warnings = [] if enc.startswith("utf-8") else [f"{name}: decoded as {enc}"]
    if media_type == JSON:
        turns = _transcript_turns(text)
        if turns is not None:
            return _render_transcript(turns, name=name, sha256=sha256, warnings=warnings)
    return Document(
        name=name,
        sha256=sha256,
        media_type=media_type,
        text=text,
        pages=None,
        blocks=_paragraph_blocks(text),
        warnings=warnings,
    )


def _paragraph_blocks(text: str) -> list[Block]:
    """Blank-line separated paragraphs (a hint for later stages; offsets into ``text``)."""
    blocks = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*(?:\n[ \t\r]*\n|\Z))", text, flags=re.S):
        blocks.append(Block(start=m.start(), end=m.end()))
    return blocks


def _transcript_turns(text: str) -> list[tuple[str, str]] | None:
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, list) or not obj:
        return None
    if not all(isinstance(t, dict) and "text" in t for t in obj):
        return None
    turns = []
    for i, t in enumerate(obj):
        speaker, utterance = t.get("speaker"), t.get("text")
        if not isinstance(utterance, str) or (speaker is not None and not isinstance(speaker, str)):
            raise InvalidDocument(f"turn {i + 1}: 'speaker' and 'text' must be strings")
        turns.append(((speaker or "Unknown").strip() or "Unknown", " ".join(utterance.split())))
    return turns


def _render_transcript(turns, *, name, sha256, warnings) -> Document:
    parts, blocks, pos = [], [], 0
    for speaker, utterance in turns:
        speaker = speaker.replace(":", " ").replace("\n", " ")
        line = f"{speaker}: {utterance}"
        blocks.append(Block(start=pos, end=pos + len(line), kind="line", label=speaker))
        parts.append(line + "\n")
        pos += len(line) + 1
    return Document(
        name=name,
        sha256=sha256,
        media_type=JSON,
        text="".join(parts),
        pages=None,
        blocks=blocks,
        warnings=warnings + [f"{name}: JSON transcript rendered as 'Speaker: text' lines"],
    )
