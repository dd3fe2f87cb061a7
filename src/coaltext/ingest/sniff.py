"""Media-type sniffing from the bytes themselves."""

from __future__ import annotations

import codecs
import io
import json
import re
import zipfile

from ..errors import CorruptFile, InvalidDocument, UndecodableText, UnsupportedMediaType

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
MARKDOWN = "text/markdown"
JSON = "application/json"
YAML = "application/yaml"

# Signatures of formats people upload by mistake, with what to tell them.
_FOREIGN = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Office (.doc/.xls) file or a password-protected Office file: save it as .docx or PDF without a password"),
    (b"{\\rtf", "an RTF file: save it as .docx, PDF or plain text"),
    (b"\x89PNG", "a PNG image: coaltext reads text, and does no OCR"),
    (b"\xff\xd8\xff", "a JPEG image: coaltext reads text, and does no OCR"),
    (b"GIF8", "a GIF image: coaltext reads text, and does no OCR"),
    (b"II*\x00", "a TIFF image: coaltext reads text, and does no OCR"),
    (b"MM\x00*", "a TIFF image: coaltext reads text, and does no OCR"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it first"),
    (b"\x7fELF", "a program, not a document"),
    (b"MZ", "a Windows program, not a document"),
]

_EXT = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".json": JSON,
    ".yaml": YAML,
    ".yml": YAML,
}


def claimed_type(name: str, declared: str | None = None) -> str | None:
    """The media type a file claims by its declared type or its name (never trusted alone)."""
    if declared and declared not in ("application/octet-stream", "multipart/form-data"):
        return declared.split(";")[0].strip().lower()
    dot = name.rfind(".")
    return _EXT.get(name[dot:].lower()) if dot >= 0 else None


def sniff(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Return ``(media_type, warnings)``; raise for formats coaltext does not read."""
    head = data[:1024]
    claimed = claimed_type(name, declared)
    if b"%PDF-" in head:
        kind = PDF
    elif head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        kind = _zip_kind(data, name)
    else:
        for sig, what in _FOREIGN:
            if head.startswith(sig):
                raise UnsupportedMediaType(f"{name}: this is {what}")
        kind = _text_kind(data, name, claimed)
    warnings = []
    if claimed and claimed != kind and {claimed, kind} - {TEXT, MARKDOWN, YAML, JSON}:
        warnings.append(f"{name}: named or sent as {claimed}, but the content is {kind}; read as {kind}")
    elif claimed == JSON and kind != JSON:  # an agreement saved as "x.json": read it, but say so
        warnings.append(f"{name}: named or sent as JSON, but the content is not JSON; read as text")
    return kind, warnings


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptFile(f"{name}: a damaged or truncated ZIP/DOCX file ({exc})") from None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        raise UnsupportedMediaType(f"{name}: this is an Excel workbook; coaltext reads PDF, DOCX and text")
    if "ppt/presentation.xml" in names:
        raise UnsupportedMediaType(f"{name}: this is a PowerPoint file; coaltext reads PDF, DOCX and text")
    if "content.xml" in names:
        raise UnsupportedMediaType(f"{name}: this is an OpenDocument file; save it as .docx or PDF")
    raise UnsupportedMediaType(f"{name}: a ZIP archive, not a document")


# How JSON a goal list or a transcript starts: an object with a key (or empty), or a list of
# objects, lists or strings. Agreements that open with a bracket do not: "[LOGO]", "[*] = Certain
# confidential information…", "[Execution Copy]" (9 of the 407 CUAD texts).
_JSON_START = re.compile(r'\{\s*["}]|\[\s*[{\["\]]')


def _text_kind(data: bytes, name: str, claimed: str | None = None) -> str:
    """JSON, YAML, Markdown or plain text. JSON is told from the decoded text (so UTF-16 JSON is
    JSON too); a file named or sent as JSON that starts like JSON but does not parse is refused
    (``invalid_document``, with the line and column), never read as the text of an agreement."""
    lower = name.lower()
    if lower.endswith((".yaml", ".yml")):
        return YAML
    text = _decoded_if_bracketed(data)
    if text is not None:
        try:
            json.loads(text)
            return JSON
        except RecursionError:  # valid so far, but "[[[[…" 100,000 deep: no reader takes it
            raise InvalidDocument(f"{name}: JSON nested too deeply to read") from None
        except json.JSONDecodeError as exc:
            if claimed == JSON and _JSON_START.match(text.lstrip()):
                raise InvalidDocument(
                    f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                    "fix it, or save it as .txt if it is meant as plain text"
                ) from None
        except ValueError:
            pass
    if lower.endswith((".md", ".markdown")):
        return MARKDOWN
    return TEXT


def _first_char(data: bytes, enc: str | None, chunk: int = 1 << 16) -> str:
    """The first character of ``data`` decoded as ``enc`` (None: UTF-8) past a BOM and JSON's
    whitespace, or "". Any run of whitespace is passed (70 blank lines before a transcript's "[",
    which the first 64 bytes alone missed), in one pass: UTF-8 bytes at C speed (50 MB of spaces:
    ~0.4 s), UTF-16/32 decoded a chunk at a time."""
    if enc in (None, "utf-8"):  # UTF-8 (or cp1252): the whitespace is single bytes, passed at C speed
        rest = data.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
        return rest[:4].decode("utf-8", errors="ignore")[:1]
    decoder = codecs.getincrementaldecoder(enc)(errors="ignore")
    for i in range(0, len(data), chunk):
        if lead := decoder.decode(data[i : i + chunk]).lstrip("\ufeff \t\r\n"):
            return lead[0]
    return decoder.decode(b"", final=True).lstrip("\ufeff \t\r\n")[:1]


def _decoded_if_bracketed(data: bytes) -> str | None:
    """The text of ``data`` where it starts with ``{`` or ``[`` (after spaces and a BOM), decoded
    as the text reader decodes it (UTF-8/16/32, with or without a BOM); else None."""
    from .text import decode, sniff_encoding  # text imports this module's media types

    if _first_char(data, sniff_encoding(data)) not in ("{", "["):
        return None
    try:
        return decode(data, "")[0]
    except UndecodableText:
        return None
