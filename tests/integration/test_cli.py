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
