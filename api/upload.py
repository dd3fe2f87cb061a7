"""Reading request bodies with the size limit enforced *while* reading.

Uploads stay in memory (never spooled to disk): the multipart stream is parsed as it arrives and
the request is refused with 413 as soon as a file part passes the limit, without reading the
rest. A route names the fields it takes (``file``, and ``agreement`` on /v1/alignment); a part under
any other name is refused (422 ``invalid_request`` naming it), so a misspelt field is never ignored.

File names are what the client meant: RFC 5987/6266 ``filename*=UTF-8''…`` (quoted or not) is decoded
and preferred over ``filename``, and the escapes browsers write into ``filename`` (WHATWG: ``%22`` for
a quote, ``%0D``/``%0A``) are undone; then only the base name is kept, without control characters or
line/paragraph separators, cut to 200 characters with its extension kept. Part headers may take
16 KB in all, one header line as much.

A body must keep arriving: no bytes for ``idle_s`` seconds, or the whole body taking longer than
``total_s``, is answered 408 ``upload_timeout`` and what was buffered is dropped, so a client that
stalls cannot hold memory and a connection for ever. A multipart body must end with its closing
boundary: one cut short is refused (422 ``invalid_request``) rather than analysed in part.
"""

from __future__ import annotations

import asyncio
import json
import re
import unicodedata
import urllib.parse
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass

import python_multipart as multipart
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartState, parse_options_header
from starlette.requests import ClientDisconnect, Request

from coaltext.errors import CoaltextError, InvalidDocument, TooLarge, UnsupportedMediaType
from coaltext.goals.sources import DuplicateKey, unique_pairs

FIELD = "file"
MAX_PARTS = 8
MAX_HEADER_BYTES = 16 * 1024  # all part headers of one request together, and so any one header line
MAX_PART_HEADERS = 8  # header lines in one part (python-multipart's default, said here)
MULTIPART_SLACK = 64 * 1024  # boundaries, part headers and small fields around the file
MAX_NAME_CHARS = 200


class InvalidRequest(CoaltextError):
    """The request itself is malformed (not the document in it)."""

    code = "invalid_request"
    http_status = 422


class UploadTimeout(CoaltextError):
    """The client stopped sending the body, or sent it too slowly."""

    code = "upload_timeout"
    http_status = 408


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    content_type: str | None = None


def size_in_words(n: int) -> str:
    """A byte count as people write it: "25 MB", "1,000 MB", "512 KB", and the bytes too where the
    two decimals shown are rounded: "12.34 MB (12,939,427 bytes)", "20.48 KB (20,971 bytes)".

    Plain digits, never "1e+03 MB" (``:.3g`` printed that for a 1,000 MB limit)."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            shown = f"{n / size:,.2f}".rstrip("0").rstrip(".")
            exact = float(shown.replace(",", "")) * size == n
            return f"{shown} {unit}" + ("" if exact else f" ({n:,} bytes)")
    return f"{n:,} bytes"


def _too_large(limit: int) -> TooLarge:
    return TooLarge(f"the upload is larger than the limit of {size_in_words(limit)}")


# One parameter of a header value (RFC 9110 5.6.6): ``; name=token`` or ``; name="quoted string"``.
# Read left to right, so a quoted value ('filename="x; filename*=…"') is one value, never a parameter.
_PARAM = re.compile(rb""";\s*([^\s=;"]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)""")
# RFC 8187 (ex 5987) ext-value: charset'language'pct-encoded.
_EXT_VALUE = re.compile(rb"([A-Za-z0-9!#$%&+\-^_`{}~]*)'[^']*'(.*)", re.S)
_QUOTED_PAIR = re.compile(rb"\\(.)", re.S)
# The only escapes the WHATWG multipart/form-data algorithm writes into filename="…".
_BROWSER_ESCAPE = re.compile(r"%(22|0[dD]|0[aA])")
_CHARSETS = {"utf-8": "utf-8", "utf8": "utf-8", "iso-8859-1": "latin-1", "latin1": "latin-1", "us-ascii": "ascii"}
# The longest extension kept when a name is cut to MAX_NAME_CHARS ('.pdf', '.docx', '.markdown').
MAX_EXTENSION_CHARS = 16


def _params(disposition: bytes) -> dict[bytes, bytes]:
    """A header's parameters (names lower-cased, the first of a name wins), quotes removed."""
    found: dict[bytes, bytes] = {}
    for m in _PARAM.finditer(disposition):
        value = m.group(2).strip()
        if value.startswith(b'"'):
            value = _QUOTED_PAIR.sub(rb"\1", value[1:-1])
        found.setdefault(m.group(1).lower(), value)
    return found


def client_filename(disposition: bytes, options: dict[bytes, bytes]) -> str | None:
    """The file name a client gave in a part's Content-Disposition header, decoded.

    ``filename*`` (RFC 6266 4.3: preferred where both are given; quoted or not, as clients send
    it) is percent-decoded in its charset (UTF-8 or ISO-8859-1; others read as UTF-8);
    ``filename`` has the browser escapes undone."""
    ext = _EXT_VALUE.fullmatch(_params(disposition).get(b"filename*", b"").strip())
    if ext:
        charset = _CHARSETS.get(ext.group(1).decode("ascii").lower(), "utf-8")
        return urllib.parse.unquote_to_bytes(ext.group(2)).decode(charset, "replace")
    raw = options.get(b"filename")
    if raw is None:
        return None
    return _BROWSER_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw.decode("utf-8", "replace"))


def _shown(ch: str) -> bool:
    """Not a control, format or unassigned character (category C) nor a line or paragraph
    separator (Zl U+2028, Zp U+2029); spaces (Zs) stay."""
    category = unicodedata.category(ch)
    return category[0] != "C" and category not in ("Zl", "Zp")


def safe_filename(raw: str | None) -> str:
    """The base name of a client-supplied file name, without paths, control characters or line
    breaks, at most MAX_NAME_CHARS long with its extension kept."""
    if not raw:
        return "upload"
    name = re.split(r"[\\/]", raw)[-1]
    name = "".join(ch for ch in name if _shown(ch)).strip(" .")
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and 0 < len(ext) < MAX_EXTENSION_CHARS:
            name = stem[: MAX_NAME_CHARS - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:MAX_NAME_CHARS]
    return name or "upload"


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _check_declared_length(request: Request, cap: int, limit: int) -> None:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            length = int(declared)
        except ValueError:
            raise InvalidRequest("the Content-Length header is not a number") from None
        if length > cap:
            raise _too_large(limit)


async def _body(request: Request, idle_s: float, total_s: float) -> AsyncIterator[bytes]:
    """The request body's chunks, with a deadline for each chunk and for the whole body."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + total_s
    chunks = request.stream().__aiter__()
    while True:
        left = deadline - loop.time()
        wait = min(idle_s, left)
        try:
            if wait <= 0:
                raise TimeoutError
            chunk = await asyncio.wait_for(anext(chunks), timeout=wait)
        except StopAsyncIteration:
            return
        except TimeoutError:
            await chunks.aclose()
            if left <= idle_s:
                raise UploadTimeout(f"the upload took longer than {total_s:g} s; send it again") from None
            raise UploadTimeout(f"no bytes of the upload arrived for {idle_s:g} s; send it again") from None
        yield chunk


class _Part:
    def __init__(self, name: str | None, content_type: str | None) -> None:
        self.name = name
        self.content_type = content_type
        self.data = bytearray()


class _MultipartCollector:
    def __init__(self, fields: tuple[str, ...], max_file_bytes: int) -> None:
        self.fields = fields
        self.max_file_bytes = max_file_bytes
        self.parts = 0
        self.header_bytes = 0
        self.files: dict[str, _Part] = {}
        self._current: _Part | None = None
        self._headers: dict[bytes, bytes] = {}
        self._hname = b""
        self._hvalue = b""

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
        }

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise InvalidRequest(f"too many multipart parts (at most {MAX_PARTS})")
        self._headers = {}
        self._current = None

    def _count_header(self, n: int) -> None:
        self.header_bytes += n
        if self.header_bytes > MAX_HEADER_BYTES:
            raise _headers_too_large()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._hname += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._hvalue += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._hname.lower()] = self._hvalue
        self._hname = self._hvalue = b""

    def on_headers_finished(self) -> None:
        disposition = self._headers.get(b"content-disposition", b"")
        _, options = parse_options_header(disposition)
        field = options.get(b"name", b"").decode("utf-8", "replace")
        if field not in self.fields:
            raise InvalidRequest(
                f"unknown multipart field {field[:100]!r}: this route takes {_names(self.fields)}"
            )
        if field in self.files:
            raise InvalidRequest(f"send exactly one file in the field {field!r}")
        ctype = self._headers.get(b"content-type")
        self._current = self.files[field] = _Part(
            safe_filename(client_filename(disposition, options)),
            ctype.decode("latin-1")[:200] if ctype else None,
        )

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self._current
        if part is None:  # pragma: no cover - every part names a field or is refused
            return
        if len(part.data) + (end - start) > self.max_file_bytes:
            raise _too_large(self.max_file_bytes)
        part.data += data[start:end]


def _headers_too_large() -> InvalidRequest:
    return InvalidRequest(f"multipart part headers are too large (at most {MAX_HEADER_BYTES // 1024} KB in all)")


def _parse_error(exc: Exception) -> InvalidRequest:
    """python-multipart's own header limits, said as ours; anything else is a malformed body."""
    said = str(exc)
    if "header size" in said:
        return _headers_too_large()
    if "header count" in said:
        return InvalidRequest(f"a multipart part has more than {MAX_PART_HEADERS} headers")
    return InvalidRequest(f"the multipart body is malformed ({type(exc).__name__})")


def _names(fields: Iterable[str]) -> str:
    return " and ".join(repr(f) for f in fields)


async def read_files(
    request: Request, max_bytes: int, *, optional: tuple[str, ...] = (), idle_s: float, total_s: float
) -> dict[str, Upload]:
    """The files of a multipart body: ``file`` (required) and the ``optional`` fields sent, each
    read in memory under ``max_bytes``. A part under any other name is refused."""
    ctype = media_type(request)
    if ctype != "multipart/form-data":
        raise UnsupportedMediaType(
            f"send the document as multipart/form-data in the field {FIELD!r} "
            f"(got Content-Type {ctype or 'none'!r})"
        )
    _, params = parse_options_header(request.headers["content-type"])
    boundary = params.get(b"boundary")
    if not boundary:
        raise InvalidRequest("the multipart Content-Type has no boundary")
    fields = (FIELD, *optional)
    cap = max_bytes * len(fields) + MULTIPART_SLACK
    _check_declared_length(request, cap, max_bytes)

    collector = _MultipartCollector(fields, max_bytes)
    received = 0
    try:
        # One header line may use the whole header budget: the parser's per-line limit (4 KB by
        # default) would otherwise refuse a long file name as a malformed body.
        parser = multipart.MultipartParser(
            boundary, collector.callbacks(), max_header_size=MAX_HEADER_BYTES, max_header_count=MAX_PART_HEADERS
        )
        async for chunk in _body(request, idle_s, total_s):
            received += len(chunk)
            if received > cap:
                raise _too_large(max_bytes)
            parser.write(chunk)
        parser.finalize()
        if parser.state != MultipartState.END:
            raise InvalidRequest(
                "the multipart body ends before its closing boundary: the upload was cut short "
                f"({received} bytes received); send it again"
            )
    except (FormParserError, ValueError) as exc:
        raise _parse_error(exc) from None
    except ClientDisconnect:
        raise InvalidRequest("the client disconnected before the upload finished") from None

    if FIELD not in collector.files:
        sent = _names(collector.files) or "none"
        raise InvalidRequest(f"no file in the multipart field {FIELD!r} (fields sent: {sent})")
    return {
        field: Upload(name=part.name or "upload", data=bytes(part.data), content_type=part.content_type)
        for field, part in collector.files.items()
    }


async def read_file(request: Request, max_bytes: int, *, idle_s: float, total_s: float) -> Upload:
    """The file in the multipart field ``file``, read in memory under ``max_bytes``."""
    files = await read_files(request, max_bytes, idle_s=idle_s, total_s=total_s)
    return files[FIELD]


async def read_json(request: Request, max_bytes: int, *, idle_s: float, total_s: float) -> tuple[bytes, object]:
    """A JSON request body, read under ``max_bytes``: its bytes as sent, and the value they decode
    to (decoded without trusting its shape)."""
    _check_declared_length(request, max_bytes, max_bytes)
    body = bytearray()
    try:
        async for chunk in _body(request, idle_s, total_s):
            body += chunk
            if len(body) > max_bytes:
                raise _too_large(max_bytes)
    except ClientDisconnect:
        raise InvalidRequest("the client disconnected before the body was sent") from None
    if not body:
        raise InvalidRequest("the JSON body is empty")
    try:
        return bytes(body), json.loads(body, object_pairs_hook=unique_pairs)
    except DuplicateKey as exc:
        raise InvalidDocument(f"the key {str(exc.args[0])[:100]!r} is given twice in the JSON body") from None
    except RecursionError:
        raise InvalidRequest("the JSON body is nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidRequest(f"the body is not valid JSON ({str(exc)[:120]})") from None
