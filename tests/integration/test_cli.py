"""The console script as a user runs it: reports on stdout, JSON Lines for batches, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def coaltext(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "coaltext.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600
    )


def test_cli_analyze_json_follows_the_contract(samples):
    proc = coaltext("analyze", str(samples / "alliance_agreement.pdf"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["schema"] == "coaltext.agreement.v1"
    assert set(report) >= {"source", "parties", "clauses", "coverage", "flags"}
    assert report["source"]["name"] == "alliance_agreement.pdf" and report["source"]["pages"] == 16
    assert len(report["coverage"]["items"]) == 27
    clause = report["clauses"][5]
    assert set(clause) >= {"id", "number", "heading", "level", "parent", "start", "end", "page_start", "page_end", "text", "types"}


def test_cli_text_prints_what_offsets_index(samples, tmp_path):
    proc = coaltext("text", str(samples / "alliance_agreement.txt"))
    assert proc.returncode == 0
    assert proc.stdout == (samples / "alliance_agreement.txt").read_text(encoding="utf-8")


def test_cli_batch_goes_on_past_a_bad_file(samples, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a_good.txt").write_text((samples / "nda.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b_broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (folder / "c_empty.txt").write_bytes(b"")
    proc = coaltext("analyze", str(folder))
    assert proc.returncode == 1
    lines = [json.loads(x) for x in proc.stdout.strip().splitlines()]
    assert [x["schema"] for x in lines] == ["coaltext.agreement.v1", "coaltext.error.v1", "coaltext.error.v1"]
    assert lines[1]["error"]["code"] == "corrupt_file" and lines[2]["error"]["code"] == "empty_file"
    assert "Traceback" not in proc.stderr and "2 of 3 files failed" in proc.stderr


@pytest.mark.parametrize(
    "content,code",
    [(b"", "empty_file"), (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "unsupported_media_type")],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, content, code):
    bad = tmp_path / "draft.pdf"
    bad.write_bytes(content)
    proc = coaltext("analyze", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and f"[{code}]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_missing_file_is_a_clear_error(tmp_path):
    proc = coaltext("text", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "file_not_found" in proc.stderr


def test_cli_markdown_and_html_reports(samples, tmp_path):
    out = tmp_path / "r.html"
    proc = coaltext("analyze", str(samples / "alliance_agreement.txt"), "--format", "html", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "insurance" in html.lower()
    md = coaltext("minutes", str(samples / "steering_committee_minutes.md"), "--format", "md")
    assert md.returncode == 0 and "#" in md.stdout


def _fake_reports(monkeypatch, crash_on: str = "crash", interrupt_on: str | None = None):
    """Replace the pipeline's analyze with a fake: a tiny report per file, a ValueError (a reader
    bug, not a CoaltextError) for names containing ``crash_on``."""
    import coaltext.pipeline as pipeline

    def fake(path, playbook="auto"):
        if crash_on in path.name:
            raise ValueError("invalid literal for int() with base 10: 'x'")
        if interrupt_on and interrupt_on in path.name:
            raise KeyboardInterrupt
        return pipeline.read(path)  # sniffs the bytes as analyze does; rendered below

    as_json = lambda doc, *a, **k: json.dumps({"schema": "fake", "text": doc.text})  # noqa: E731
    monkeypatch.setattr(pipeline, "analyze", fake)
    pretty = lambda doc, fmt: json.dumps({"schema": "fake", "text": doc.text}, indent=2)  # noqa: E731
    monkeypatch.setattr("coaltext.report.render", pretty)  # a single file's report is pretty-printed
    monkeypatch.setattr("coaltext.types.report_json", as_json)


def _cli(*args: str):
    from typer.testing import CliRunner

    from coaltext.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_batch_keeps_finished_reports_past_an_unexpected_exception(tmp_path, monkeypatch):
    _fake_reports(monkeypatch)
    for name in ("a.txt", "b_crash.docx", "c.txt"):
        (tmp_path / name).write_text("The parties agree to share the costs.", encoding="utf-8")
    result = _cli("analyze", str(tmp_path))
    assert result.exit_code == 1, result.output
    lines = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert len(lines) == 3
    assert lines[1]["schema"] == "coaltext.error.v1"
    assert lines[1]["error"] == {"code": "internal_error", "message": "ValueError: invalid literal for int() with base 10: 'x'"}
    assert "text" in lines[0] and "text" in lines[2]
    assert "Traceback" not in result.output


def test_cli_batch_writes_each_report_as_it_is_done(tmp_path, monkeypatch):
    _fake_reports(monkeypatch, interrupt_on="z_stop")
    for name in ("a.txt", "b.txt", "z_stop.txt"):
        (tmp_path / name).write_text("The parties agree to share the costs.", encoding="utf-8")
    result = _cli("analyze", str(tmp_path))
    assert len(result.stdout.strip().splitlines()) == 2  # written before the interrupt


def test_cli_single_file_unexpected_exception_is_one_line_exit_3(tmp_path, monkeypatch):
    _fake_reports(monkeypatch)
    (tmp_path / "crash.docx").write_text("x", encoding="utf-8")
    result = _cli("analyze", str(tmp_path / "crash.docx"))
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.strip() == "coaltext: error [internal_error]: ValueError: invalid literal for int() with base 10: 'x'"


def test_cli_folder_gives_every_file_a_line(tmp_path, monkeypatch):
    _fake_reports(monkeypatch)
    (tmp_path / "NDA_no_extension").write_text("The parties agree to share the costs.", encoding="utf-8")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = _cli("analyze", str(tmp_path))
    lines = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert [x.get("error", {}).get("code") for x in lines] == [None, "unsupported_media_type", "unsupported_media_type"]
    assert result.exit_code == 1 and "left out 1 hidden file" in result.stderr


def test_cli_folder_with_one_readable_file_is_still_json_lines(tmp_path, monkeypatch):
    _fake_reports(monkeypatch)
    (tmp_path / "a.txt").write_text("The parties agree to share the costs.", encoding="utf-8")
    result = _cli("analyze", str(tmp_path))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1 and json.loads(result.stdout)


def test_cli_rerun_into_the_input_folder_does_not_read_its_own_output(tmp_path, monkeypatch):
    _fake_reports(monkeypatch)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The parties agree to share the costs.", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    for _ in range(2):
        result = _cli("analyze", str(tmp_path), "-o", str(out))
        assert result.exit_code == 0
        assert len(out.read_text(encoding="utf-8").strip().splitlines()) == 2


def test_cli_serve_on_a_busy_port_is_one_line_and_exit_2():
    """It exited 3 ("internal error") with uvicorn's raw "[Errno 98] … address already in use"."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = coaltext("serve", "--port", str(port))
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == [
        f"coaltext: error [bad_config]: cannot listen on 127.0.0.1:{port}: the port is in use (is coaltext "
        "already serving there?); stop that server or choose another --port"
    ]


def test_cli_version_and_help_name_things_plainly():
    import coaltext as package

    r = coaltext("--version")
    assert (r.returncode, r.stdout) == (0, f"coaltext {package.__version__}\n")
    help_text = coaltext("analyze", "--help").stdout
    assert "<bool>" not in help_text and "{files}" not in help_text and "--playbook NAME" in help_text


def test_cli_playbooks_say_what_each_requires_and_what_auto_does():
    """The listing was seven bare names, without 'auto', though its help promised what each requires."""
    from coaltext.coverage import playbooks

    r = coaltext("playbooks")
    assert r.returncode == 0
    blocks = r.stdout.split("\n\n")
    assert blocks[0].startswith("auto — picked per agreement from its title")
    nda = next(b for b in blocks if b.startswith("nda — "))
    required = " ".join(nda.split("requires", 1)[1].split("recommends")[0].split())
    assert set(required.split(", ")) == set(playbooks()["nda"].required)
    assert len(blocks) == 1 + len(playbooks())


def test_cli_train_help_lists_its_options_and_says_what_it_overwrites():
    """Its options were reachable only through 'coaltext train -- --help'."""
    r = coaltext("train", "--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    assert "--features" in text and "--out FILE" in text and "--sentence-head" in text
    assert "Overwrites the shipped models/clause_head" in text and "minutes" in text


def test_cli_playbooks_names_prints_one_bare_name_per_line():
    """Since the listing became blocks, a script reading one name per line got 'nda — …' and
    '  requires …' lines; --names gives the bare names again."""
    from coaltext.coverage import playbooks

    r = coaltext("playbooks", "--names")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == list(playbooks())
    assert "--names" in coaltext("playbooks", "--help").stdout


@pytest.mark.parametrize("command", ["minutes", "align"])
def test_cli_max_meeting_chars_sets_the_minutes_readers_limit(tmp_path, monkeypatch, command):
    """The minutes reader refuses meetings over 500,000 characters; the CLI had no way to raise the
    limit. --max-meeting-chars N passes ``Limits(max_meeting_chars=N)`` (0: no limit)."""
    import coaltext.pipeline as pipeline

    seen = []
    monkeypatch.setattr(pipeline, command, lambda path, **kw: seen.append(kw["limits"].max_meeting_chars) or pipeline.read(path))
    monkeypatch.setattr("coaltext.report.render", lambda doc, fmt: doc.text)
    (tmp_path / "m.txt").write_text("Ana: We agreed.\n", encoding="utf-8")
    for args in ([], ["--max-meeting-chars", "2000000"], ["--max-meeting-chars", "0"]):
        assert _cli(command, str(tmp_path / "m.txt"), *args).exit_code == 0
    assert seen == [500_000, 2_000_000, None]
    assert _cli(command, str(tmp_path / "m.txt"), "--max-meeting-chars", "-1").exit_code == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["minutes", "-f", "xml", "x.txt"], "invalid value for '--format' / '-f': 'xml' is not one of 'json', 'md', 'html' (see 'coaltext minutes --help')"),
        (["minutes", "--max-meeting-chars", "-5", "x.txt"], "invalid value for '--max-meeting-chars'"),
        (["analyze", "--bogus", "x.txt"], "no such option: --bogus (see 'coaltext analyze --help')"),
        (["analyze"], "missing argument 'FILE'"),
        (["nope"], "no such command 'nope'"),
        # click's parser raises these without a context: they came out as "… requires an argument."
        (["minutes", "x.txt", "-f"], "option '-f' requires an argument (see 'coaltext minutes --help')"),
        (["align", "x.txt", "--agreement"], "option '--agreement' requires an argument (see 'coaltext align --help')"),
    ],
)
def test_cli_option_errors_are_the_documented_one_line_and_exit_2(args, said):
    """Before, click printed its own box ("Usage: … Error: Invalid value for '--format'…") instead
    of the `coaltext: error [bad_usage]: …` line every other error is."""
    result = _cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coaltext: error [bad_usage]: "), result.stderr
    assert said in lines[0] and "Usage:" not in result.output


def test_cli_without_a_command_still_prints_the_help():
    result = _cli()
    assert "Usage:" in result.output and "analyze" in result.output


def test_cli_minutes_of_a_huge_file_names_the_minutes_limit(tmp_path):
    """`coaltext minutes big.txt` (20 MB) spoke of a 500-page agreement: the ingest limit fired
    first. It now says what helps: splitting (not --max-meeting-chars, which cannot lift the 10 M cap),
    for align too."""
    big = tmp_path / "big.txt"
    big.write_text("Ana: We agreed to ship on Friday.\n" * 300_000)  # 10.2 M characters
    for command, *extra in (("minutes",), ("align",), ("minutes", "--max-meeting-chars", "0")):
        result = _cli(command, str(big), *extra)
        assert result.exit_code == 2
        assert "more than coaltext reads of any document (10,000,000" in result.stderr
        assert "split the transcript or the notes into parts" in result.stderr
        assert "--max-meeting-chars" not in result.stderr and "agreement" not in result.stderr
