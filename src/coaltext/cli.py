"""The ``coaltext`` command line.

    coaltext analyze FILE… [--playbook NAME] [--format json|md|html] [-o FILE]
    coaltext minutes FILE…   coaltext align FILE… [--agreement DRAFT]
    coaltext text FILE       coaltext serve [--host 127.0.0.1] [--port 8000]
    coaltext train [--features F] [--out FILE]   coaltext playbooks   coaltext --version

Several files (or a folder) give one JSON report per line (JSON Lines) with a progress bar on
stderr; a bad file gives an error line (``coaltext.error.v1``) and the batch goes on. Errors are
one line on stderr, ``coaltext: error [code]: message``, and a non-zero exit: 2 for bad input,
1 when some files of a batch failed, 3 for an internal error (``[internal_error]``) (never a traceback unless
``COALTEXT_DEBUG=1``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

try:  # typer 0.2x carries its own copy of click's exceptions
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - a typer that uses click itself
    from click import exceptions as click

from .errors import CoaltextError
from .ingest import MAX_MEETING_CHARS


def usage_message(exc: click.UsageError, command: str | None = None) -> str:
    """Click's usage error as the rest of the one-line message: "invalid value for '--format' /
    '-f': 'xml' is not one of 'json', 'md', 'html' (see 'coaltext minutes --help')". ``command``:
    the subcommand named on the command line, for the errors click's parser raises without a
    context ("option '-f' requires an argument")."""
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")
    message = message[:1].lower() + message[1:] if message[:2] != message[:2].upper() else message
    ctx, names = exc.ctx, []
    while ctx is not None and ctx.parent is not None:  # the subcommand's name, not "python -m …"
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    if exc.ctx is None and command:
        names = [command]
    if exc.ctx is not None or command:
        message = message.rstrip(".") + f" (see '{' '.join(['coaltext', *names])} --help')"
    return message


class _Group(TyperGroup):
    """Typer's group with click's usage errors (a bad ``--format``, a negative
    ``--max-meeting-chars``, an unknown option) printed as every other error is, one line
    ``coaltext: error [bad_usage]: …`` and exit 2, instead of click's usage box."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: ANN001, ANN201
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.NoArgsIsHelpError as exc:  # `coaltext` alone: the help, as before
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            given = sys.argv[1:] if args is None else list(args)
            command = next((a for a in given if not a.startswith("-")), None)
            sys.exit(_fail("bad_usage", usage_message(exc, command if command in self.commands else None)).exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (click.Abort, typer.Abort):
            typer.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=_Group,
    name="coaltext",
    help="Reads the paperwork of alliances: clause coverage, minutes and goal alignment, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

class Fmt(str, Enum):
    json = "json"
    md = "md"
    html = "html"


FilesArg = Annotated[list[Path], typer.Argument(help="Files or folders to read.", show_default=False, metavar="FILE")]
FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format: json, md or html.", metavar="FORMAT")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.", metavar="FILE")]
MeetingCharsOpt = Annotated[
    int,
    typer.Option(
        "--max-meeting-chars",
        min=0,
        help="The most characters of minutes or a transcript read (more lines or utterances than one per 20 of "
        "them are refused too); 0: no limit.",
        metavar="N",
    ),
]


def _meeting_limits(max_meeting_chars: int):
    """``Limits`` with the minutes reader's size limit of ``--max-meeting-chars`` (0: none)."""
    from .ingest import Limits

    return Limits(max_meeting_chars=max_meeting_chars or None)


def _fail(code: str, message: str, status: int = 2) -> typer.Exit:
    typer.echo(f"coaltext: error [{code}]: {message}", err=True)
    return typer.Exit(status)


def _expand(paths: list[Path], output: Path | None = None) -> tuple[list[Path], bool]:
    """The files to read, and whether this is a batch (several files, or any folder).

    Every file of a folder is read — the media type comes from the bytes, as for a single file,
    so a ``.doc`` or a ``.png`` gets its own ``unsupported_media_type`` line instead of being
    skipped in silence. Hidden files and folders (``.git``, ``.DS_Store``) are left out, and
    stderr says how many; so is ``output``, the ``-o`` file a rerun would otherwise read back.
    """
    skip = output.resolve() if output is not None else None
    out: list[Path] = []
    batch = len(paths) > 1
    for p in paths:
        if p.is_dir():
            batch = True
            found, hidden = [], 0
            for f in sorted(p.rglob("*")):
                if not f.is_file() or f.resolve() == skip:
                    continue
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    hidden += 1
                    continue
                found.append(f)
            if hidden:
                typer.echo(f"coaltext: {p}: left out {hidden} hidden file(s)", err=True)
            if not found:
                raise _fail("empty_folder", f"{p}: no files in this folder")
            out.extend(found)
        else:
            out.append(p)
    return out, batch


def _internal(exc: BaseException) -> tuple[str, str]:
    """An unexpected exception as a stable code and a one-line message (never a traceback)."""
    message = " ".join(str(exc).split())[:500]
    return "internal_error", f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _fail("output_unwritable", f"{output}: {exc.strerror}") from None


def _progress(items: list[Path]) -> Iterator[Path]:
    from tqdm import tqdm

    yield from tqdm(items, desc="coaltext", unit="file", file=sys.stderr, disable=len(items) < 2, leave=False)


def _run(files: list[Path], fmt: Fmt, output: Path | None, make: Callable[[Path], object]) -> None:
    """Run ``make`` on each file; one file → its report, a batch → JSON Lines (or Markdown).

    A batch writes each report as soon as it is done (flushed), so a crash or an interrupt keeps
    what was finished; any exception from one file — ours or not — becomes that file's error line.
    """
    from .report import render
    from .types import report_json

    paths, batch = _expand(files, output)
    if not batch:
        try:
            report = make(paths[0])
        except CoaltextError as exc:
            raise _fail(exc.code, str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - a reader bug must not print a traceback
            if os.environ.get("COALTEXT_DEBUG"):
                raise
            raise _fail(*_internal(exc), status=3) from None
        _write(render(report, fmt.value), output)
        return
    if fmt is Fmt.html:
        raise _fail("bad_usage", "--format html takes one file; use json (JSON Lines) or md for several")
    try:
        sink = sys.stdout if output is None else output.open("w", encoding="utf-8")
    except OSError as exc:
        raise _fail("output_unwritable", f"{output}: {exc.strerror}") from None
    failed = 0
    try:
        for i, path in enumerate(_progress(paths)):
            try:
                report = make(path)
                chunk = report_json(report, indent=None) if fmt is Fmt.json else render(report, "md")
            except Exception as exc:  # noqa: BLE001 - one file never stops a batch
                if isinstance(exc, CoaltextError):
                    code, message = exc.code, str(exc)
                else:
                    if os.environ.get("COALTEXT_DEBUG"):
                        raise
                    code, message = _internal(exc)
                failed += 1
                typer.echo(f"coaltext: {path}: error [{code}]: {message}", err=True)
                err = {"schema": "coaltext.error.v1", "source": {"name": path.name}, "error": {"code": code, "message": message}}
                chunk = json.dumps(err) if fmt is Fmt.json else f"# {path.name}\n\n**error [{code}]**: {message}\n"
            if fmt is Fmt.md and i:
                sink.write("\n\n---\n\n")
            sink.write(chunk.rstrip("\n") + "\n")
            sink.flush()
    except OSError as exc:
        raise _fail("output_unwritable", f"{output or 'stdout'}: {exc.strerror}") from None
    finally:
        if sink is not sys.stdout:
            sink.close()
    if failed:
        typer.echo(f"coaltext: {failed} of {len(paths)} files failed", err=True)
        raise typer.Exit(1)


@app.command()
def analyze(
    files: FilesArg,
    playbook: Annotated[
        str, typer.Option(help="Playbook name ('coaltext playbooks' lists them), or 'auto' to pick from title and recitals.", metavar="NAME")
    ] = "auto",
    fmt: FormatOpt = Fmt.json,
    output: OutOpt = None,
) -> None:
    """Agreement report: clause tree, clause types, coverage against a playbook, flags."""
    from .pipeline import analyze as run

    _run(files, fmt, output, lambda p: run(p, playbook=playbook))


@app.command()
def minutes(
    files: FilesArg, fmt: FormatOpt = Fmt.json, output: OutOpt = None, max_meeting_chars: MeetingCharsOpt = MAX_MEETING_CHARS
) -> None:
    """Minutes report: attendees, agenda, decisions, action items, disagreements, goals."""
    from .pipeline import minutes as run

    limits = _meeting_limits(max_meeting_chars)
    _run(files, fmt, output, lambda p: run(p, limits=limits))


@app.command()
def align(
    files: FilesArg,
    agreement: Annotated[
        Path | None, typer.Option(help="A draft agreement to check the decisions and goals against.", metavar="DRAFT")
    ] = None,
    fmt: FormatOpt = Fmt.json,
    output: OutOpt = None,
    max_meeting_chars: MeetingCharsOpt = MAX_MEETING_CHARS,
) -> None:
    """Alignment report: shared, one-sided and conflicting goals per pair of partners."""
    from .pipeline import align as run

    limits = _meeting_limits(max_meeting_chars)
    _run(files, fmt, output, lambda p: run(p, agreement=agreement, limits=limits))


@app.command()
def text(file: Annotated[Path, typer.Argument(help="The file to read.", metavar="FILE")]) -> None:
    """Print the document text that every offset in the reports indexes."""
    from .pipeline import read

    try:
        doc = read(file)
    except CoaltextError as exc:
        raise _fail(exc.code, str(exc)) from None
    sys.stdout.write(doc.text)
    sys.stdout.flush()


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind (anything but loopback needs COALTEXT_API_TOKEN).", metavar="HOST")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.", metavar="PORT")] = 8000,
) -> None:
    """Run the HTTP API and the upload page."""
    try:
        from api import serve as run_server
    except ImportError as exc:
        raise _fail("api_unavailable", f"the HTTP app is not installed ({exc})") from None
    try:
        run_server(host=host, port=port, token=os.environ.get("COALTEXT_API_TOKEN") or None)
    except CoaltextError as exc:
        raise _fail(exc.code, str(exc)) from None


class Features(str, Enum):
    tfidf = "tfidf"
    emb = "emb"
    emb_tfidf = "emb+tfidf"


@app.command()
def train(
    features: Annotated[
        Features,
        typer.Option(help="Clause features: tfidf (shipped), emb (MiniLM embeddings) or emb+tfidf (much slower).", metavar="FEATURES"),
    ] = Features.tfidf,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the head (FILE.json and FILE.npz).",
            show_default="models/clause_head, the shipped one",
            metavar="FILE",
        ),
    ] = None,
    sentence_head: Annotated[
        bool, typer.Option("--sentence-head", help="Add the sentence head (not shipped: no better on held-out folds).")
    ] = False,
) -> None:
    """Retrain the clause classifier from ../shared/corpora.

    Overwrites the shipped models/clause_head.json and .npz unless --out names another place
    (git restores them). Takes about 1.5 minutes with the example cache under out/cache/, longer
    on a first run; --features emb or emb+tfidf embeds every clause and takes much longer.
    """
    from .classify.train import main as train_main

    argv = ["--features", features.value]
    if out is not None:
        argv += ["--out", str(out)]
    if sentence_head:
        argv.append("--sentence-head")
    raise typer.Exit(train_main(argv))


# What --playbook auto does (coverage.choose_playbook), for the playbooks listing.
AUTO = "picked per agreement from its title, else its recitals and preamble; generic where none names a kind"


@app.command()
def playbooks(
    names: Annotated[
        bool, typer.Option("--names", help="Print only the playbook names, one per line (for scripts; 'auto' is not one).")
    ] = False,
) -> None:
    """List the playbooks and what each requires and recommends (clause type ids)."""
    import textwrap

    from .classify.taxonomy import type_ids
    from .coverage import playbooks as books

    if names:
        typer.echo("\n".join(books()))
        return

    order = {t: i for i, t in enumerate(type_ids())}

    def types(found: frozenset[str]) -> str:
        return ", ".join(sorted(found, key=order.__getitem__)) or "—"

    def lines(label: str, text: str) -> list[str]:
        return textwrap.wrap(text, width=100, initial_indent=f"  {label:<12}", subsequent_indent=" " * 14)

    typer.echo(f"auto — {AUTO} (the default)")
    for name, book in books().items():
        typer.echo(f"\n{name} — {book.title}")
        typer.echo("\n".join(lines("requires", types(book.required)) + lines("recommends", types(book.recommended))))


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"coaltext {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Reads the paperwork of alliances: clause coverage, minutes and goal alignment, offline."""


def main() -> None:
    try:
        app()
    except CoaltextError as exc:
        typer.echo(f"coaltext: error [{exc.code}]: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # never a traceback for a user, unless asked
        if os.environ.get("COALTEXT_DEBUG"):
            raise
        code, message = _internal(exc)
        typer.echo(f"coaltext: error [{code}]: {message} (set COALTEXT_DEBUG=1 for details)", err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
