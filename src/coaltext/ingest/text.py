"""Plain text, Markdown, JSON and YAML: decoded as is, so offsets index the decoded input unchanged.

The one exception is a JSON transcript: its document text is the transcript rendered as
``Speaker: text`` lines, one turn per line, which is what ``coaltext text`` prints and what every
offset then indexes. Two shapes are read as transcripts:

- a list of turns, ``[{"speaker": …, "text": …}, …]``: each turn's ``"content"`` is taken where it
  has no ``"text"``, and its ``"role"`` where it has no ``"speaker"`` (chat logs,
  ``[{"role": "user", "content": …}]``);
- QMSum's meeting files, ``{"meeting_transcripts": [{"speaker": …, "content": …}, …], …}``: its
  transcription marks (``{disfmarker}``, ``{vocalsound}``, …) are removed and its tokenized
  punctuation ("we 're on .") is joined back, before the lines are rendered.
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
_UTF16_SAMPLE = 4096  # bytes looked at to tell UTF-16 without a BOM
_UTF16_NULS = 0.9  # share of the odd (LE) or even (BE) bytes that are NUL in Latin-script UTF-16
# UTF-16 without a BOM is read where its NULs say so (mostly Latin-script text); past that, a hint
_NO_BOM_HINT = " (it may be UTF-16 without a byte-order mark, told apart only in mostly Latin-script text: save it as UTF-8)"


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` where the NUL bytes say so, else None.

    Latin-script UTF-16 has a NUL high byte in almost every character: at odd offsets in LE, even
    ones in BE. UTF-8 and Windows-1252 text has no NULs at all, so ≥ 90% NULs on one side (and
    ≤ 10% on the other) over the first 4 KB is UTF-16; the whole file must then decode."""
    sample = data[:_UTF16_SAMPLE]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= _UTF16_NULS and nul_even <= 1 - _UTF16_NULS:
        return "utf-16-le"
    if nul_even >= _UTF16_NULS and nul_odd <= 1 - _UTF16_NULS:
        return "utf-16-be"
    return None


def _looks_utf16(data: bytes) -> bool:
    """A weaker sign, for the error message only: most NULs sit on one side of the byte pairs."""
    sample = data[:_UTF16_SAMPLE]
    nul_even, nul_odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(nul_even, nul_odd) >= max(4, len(sample) // 20) and max(nul_even, nul_odd) >= 4 * min(nul_even, nul_odd)


def sniff_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark or the NUL pattern of UTF-16 names; None for UTF-8/cp1252."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return _utf16_without_bom(data)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)``. UTF-8/16/32 with BOM, UTF-16 without one, then UTF-8, then cp1252."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + " (BOM)"
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"{name}: starts with a {enc} mark but is not {enc} ({exc.reason})") from None
    enc = _utf16_without_bom(data)
    if enc is not None:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            raise UndecodableText(f"{name}: looks like {enc} without a byte-order mark but is not ({exc.reason})") from None
        _check_not_binary(text, name)
        return text, enc + " (no BOM)"
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            hint = _NO_BOM_HINT if _looks_utf16(data) else "; save it as UTF-8"
            raise UndecodableText(f"{name}: not UTF-8, UTF-16, UTF-32 or Windows-1252 text{hint}") from None
    _check_not_binary(text, name, hint=_NO_BOM_HINT if _looks_utf16(data) else "")
    return text, enc


def _check_not_binary(text: str, name: str, hint: str = "") -> None:
    bad = len(_CONTROL.findall(text[:20000]))
    if bad > max(8, len(text[:20000]) // 100):
        raise UndecodableText(f"{name}: looks like binary data, not text{hint}")


def read_text(data: bytes, *, name: str, sha256: str, media_type: str) -> Document:
    text, enc = decode(data, name)
    warnings = [] if enc.startswith("utf-8") else [f"{name}: decoded as {enc}"]
    if media_type == JSON:
        found = _transcript_turns(text, name)
        if found is not None:
            turns, marks = found
            if marks:
                warnings = warnings + [f"{name}: removed {marks:,} QMSum transcription marks ({{disfmarker}}, {{vocalsound}}, …)"]
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


# QMSum's transcription marks (disfluency, non-speech sounds, gaps, transcriber comments).
_QMSUM_MARKS = re.compile(r"\{(?:disfmarker|vocalsound|nonvocalsound|gap|pause|comment)\}")
# QMSum is tokenized: "OK , we 're on ." — a space before punctuation and clitics.
_QMSUM_SPLIT = re.compile(r" (?=[,.?!;:%)]|'(?:s|re|ve|ll|m|d)\b|n't\b)|(?<=\() ", re.I)
TRANSCRIPT_SHAPES = (
    'a list of turns [{"speaker": …, "text": …}, …] ("content" for "text" and "role" for "speaker" '
    'are read too), or QMSum\'s {"meeting_transcripts": [{"speaker": …, "content": …}, …]}'
)
_WORD_KEYS = ("text", "content")
_SPEAKER_KEYS = ("speaker", "role")


def _first_key(turn: dict, keys: tuple[str, ...]) -> str | None:
    return next((k for k in keys if k in turn), None)


def _turn_list(obj: object) -> list[dict] | None:
    """The turns of a transcript-shaped JSON value (each with a "text" or a "content"), or None."""
    qmsum = isinstance(obj, dict) and isinstance(obj.get("meeting_transcripts"), list)
    turns = obj["meeting_transcripts"] if qmsum else obj
    if not isinstance(turns, list) or not turns or not all(isinstance(t, dict) for t in turns):
        return None
    if not all(_first_key(t, _WORD_KEYS) for t in turns):
        return None
    return turns


def _transcript_turns(text: str, name: str = "the file") -> tuple[list[tuple[str, str]], int] | None:
    """(speaker, words) per turn and how many QMSum marks were removed; None where ``text`` is
    not a transcript (another JSON shape, such as a goal list, is left to its reader).

    Raises :class:`InvalidDocument` for a transcript whose turns hold no words at all (only
    transcription marks, or empty): there is nothing to read in it."""
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return None
    items = _turn_list(obj)
    if items is None:
        return None
    # (speaker key, words key) per turn: "text" or else "content", "speaker" or else "role"
    keys = [(_first_key(t, _SPEAKER_KEYS), _first_key(t, _WORD_KEYS)) for t in items]
    # QMSum's files, and lists of turns cut from them (marks in the words)
    qmsum = isinstance(obj, dict) or any(
        isinstance(t[w], str) and _QMSUM_MARKS.search(t[w]) for t, (_, w) in zip(items, keys)
    )
    turns, marks = [], 0
    for i, (t, (who, key)) in enumerate(zip(items, keys)):
        speaker, utterance = t.get(who) if who else None, t[key]
        if not isinstance(utterance, str) or (speaker is not None and not isinstance(speaker, str)):
            raise InvalidDocument(f"{name}: turn {i + 1}: '{who or 'speaker'}' and '{key}' must be strings")
        if qmsum:
            utterance, n = _QMSUM_MARKS.subn(" ", utterance)
            marks += n
            utterance = _QMSUM_SPLIT.sub("", " ".join(utterance.split()))
        utterance = " ".join(utterance.split())
        if qmsum and not utterance:
            continue  # a turn that was only "{vocalsound}"
        turns.append(((speaker or "Unknown").strip() or "Unknown", utterance))
    if not any(words for _, words in turns):
        n = f"{len(items):,} turn{'s' if len(items) != 1 else ''}"
        only = (
            f"only {marks:,} transcription mark{'s' if marks != 1 else ''} such as {{vocalsound}}"
            if marks
            else "every one empty"
        )
        raise InvalidDocument(f"{name}: a transcript of {n} with no words to read, {only}")
    return turns, marks


def json_shape(text: str) -> str:
    """What a JSON text holds, in words, for an error message: 'an object with keys "a", "b"',
    'a list of 3 items (a string)', 'a list of 120 objects with keys "who", "said"'."""
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return "text that is not valid JSON"
    if isinstance(obj, dict) and "meeting_transcripts" in obj:
        return f'an object whose "meeting_transcripts" is {_shape(obj["meeting_transcripts"])}'
    return _shape(obj)


def _keys(d: dict) -> str:
    names = [json.dumps(str(k)[:40]) for k in list(d)[:6]]
    more = f", … ({len(d)} keys)" if len(d) > 6 else ""
    return f"keys {', '.join(names)}{more}" if names else "no keys"


def _shape(obj: object) -> str:
    if isinstance(obj, dict):
        return f"an object with {_keys(obj)}"
    if not isinstance(obj, list):
        return {str: "a string", bool: "true or false", int: "a number", float: "a number"}.get(type(obj), "null")
    if not obj:
        return "an empty list"
    if not all(isinstance(t, dict) for t in obj):
        kinds = sorted({_shape(v).split(" with ")[0] if isinstance(v, dict) else _shape(v) for v in obj})
        return f"a list of {len(obj)} items ({', '.join(kinds)})"
    common = [k for k in obj[0] if all(k in t for t in obj[1:])]
    wordless = [i for i, t in enumerate(obj) if not _first_key(t, _WORD_KEYS)]
    out = f"a list of {len(obj)} object{'s' if len(obj) > 1 else ''} with {_keys(dict.fromkeys(common))}"
    if len(wordless) == len(obj):
        return out + ' and no "text" or "content"'
    if not wordless:  # every turn has words (a Document built by hand, not rendered by read())
        return out + ' (each with "text" or "content")'
    odd = wordless[0]
    return out + f' in common; item {odd + 1} has no "text" or "content" ({_keys(obj[odd])})'


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
