"""One exception tree. Every error has a stable ``code`` (part of the CLI and HTTP contract) and a
one-line message meant for the person who brought the file.

The HTTP app maps ``http_status`` to the response; the CLI prints ``code: message`` and exits 2.
"""

from __future__ import annotations


class CoaltextError(Exception):
    """Base of every error coaltext raises on purpose."""

    code = "coaltext_error"
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class InputError(CoaltextError):
    """The input cannot be read as what it claims to be."""

    code = "bad_input"
    http_status = 422


class EmptyInput(InputError):
    code = "empty_file"


class UnsupportedMediaType(InputError):
    code = "unsupported_media_type"
    http_status = 415


class CorruptFile(InputError):
    code = "corrupt_file"


class EncryptedFile(InputError):
    code = "encrypted_file"


class NoTextLayer(InputError):
    """A scanned/image-only PDF: there is no text to read and coaltext does no OCR."""

    code = "no_text_layer"


class UndecodableText(InputError):
    code = "undecodable_text"


class InvalidDocument(InputError):
    """Structured input (JSON/YAML goals, JSON transcripts) that does not have the expected shape."""

    code = "invalid_document"


class TooLarge(CoaltextError):
    code = "file_too_large"
    http_status = 413


class TextTooLong(TooLarge):
    """The text runs past ``Limits.max_chars``, the cap on any document; ``chars``: its length, where
    known (a DOCX or PDF reader stops as soon as it passes the cap)."""

    def __init__(self, message: str, chars: int | None = None) -> None:
        super().__init__(message)
        self.chars = chars


class TooManyPages(CoaltextError):
    code = "too_many_pages"
    http_status = 413


class ParseTimeout(CoaltextError):
    """The work ran past its time limit (``Limits.timeout_s`` or the pipeline's ``deadline``) and
    coaltext stopped it. Not bad input: the same file may pass under a higher limit or a smaller
    load, so HTTP answers 504 (a deadline expired, as gRPC's DEADLINE_EXCEEDED), not a 4xx."""

    code = "parse_timeout"
    http_status = 504


class UnknownPlaybook(CoaltextError):
    code = "unknown_playbook"
    http_status = 400


class ModelUnavailable(CoaltextError):
    """A model package is not installed or its files are missing (no download is ever attempted)."""

    code = "model_unavailable"
    http_status = 503


class Busy(CoaltextError):
    code = "busy"
    http_status = 503
