"""README's error code table lists every code the code base can return, with the right status.

The codes are found in the source, not in a list kept beside it: error class attributes
(``code = "…"``), ``code="…"`` arguments to errors, the CLI's ``_fail("…")``, the HTTP app's
``error_response(status, "…")`` and its routing-error map. A new code without a README row fails here."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import api.deps
import api.errors
import api.settings
import api.upload
import api.workers
import coaltext.errors

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.glob("src/coaltext/**/*.py"), *ROOT.glob("api/**/*.py")])
# The tree's base classes: their codes are never raised as such (checked below).
BASES = {"coaltext_error": coaltext.errors.CoaltextError, "bad_input": coaltext.errors.InputError}

PATTERNS = [
    re.compile(r'^\s+code\s*=\s*"(\w+)"', re.M),  # class attribute of an error
    re.compile(r'\bcode="(\w+)"'),  # CoaltextError(..., code="…")
    re.compile(r'\b_fail\(\s*"(\w+)"'),  # the CLI's own failures
    re.compile(r'\berror_response\(\s*\d+,\s*"(\w+)"'),  # the HTTP app's direct answers
    re.compile(r'_HTTP_CODES\.get\([^)]*"(\w+)"\)'),  # its fallback for other framework errors
]


def _readme_table() -> dict[str, tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Error codes") :]
    section = section[: section.index("\n## ")]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", section, re.M)
    assert rows, "README has no error code table under '### Error codes'"
    table = {code: (surface.strip(), status.strip()) for code, surface, status in rows}
    assert len(table) == len(rows), "a code is listed twice"
    return table


def _declared_codes() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "Flag(" in line:  # report flags (missing_required, …) are findings, not errors
                continue
            for pattern in PATTERNS[1:]:
                for code in pattern.findall(line):
                    found.setdefault(code, set()).add(f"{path.relative_to(ROOT)}:{line_no}")
        for m in PATTERNS[0].finditer(path.read_text(encoding="utf-8")):
            found.setdefault(m.group(1), set()).add(str(path.relative_to(ROOT)))
    for code in api.errors._HTTP_CODES.values():
        found.setdefault(code, set()).add("api/errors.py:_HTTP_CODES")
    return found


def test_error_codes_every_code_in_the_source_is_in_the_readme_table():
    declared = _declared_codes()
    assert {"parse_timeout", "file_unreadable", "analysis_timeout", "invalid_host", "token_required"} <= set(declared)
    table = _readme_table()
    missing = {code: sorted(where) for code, where in declared.items() if code not in table and code not in BASES}
    assert not missing, f"codes the code base can return but README's error table lacks: {missing}"


def test_error_codes_the_readme_lists_no_code_that_cannot_occur():
    stale = set(_readme_table()) - set(_declared_codes()) - {"internal_error"}
    assert not stale, f"README lists codes nothing raises: {sorted(stale)}"


def test_error_codes_base_classes_are_never_raised_bare():
    raising = re.compile(r"raise (CoaltextError|InputError)\(((?:[^()]|\([^()]*\))*)\)")
    for path in SOURCES:
        for m in raising.finditer(path.read_text(encoding="utf-8")):
            assert "code=" in m.group(2), f"{path}: {m.group(0)[:120]} raises a base class without its own code"


def _error_classes():
    for module in (coaltext.errors, api.deps, api.settings, api.upload, api.workers):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, coaltext.errors.CoaltextError) and cls.code not in BASES:
                yield cls


def test_error_codes_the_readme_gives_each_http_status_the_service_sends():
    table = _readme_table()
    classes = list(_error_classes())
    assert len(classes) >= 18
    for cls in classes:
        surface, status = table[cls.code]
        if status != "—":  # start-up and CLI-only codes are never an HTTP answer
            assert status == str(cls.http_status), f"{cls.code}: README says {status}, the service sends {cls.http_status}"
    assert table["invalid_host"][1] == "400" and table["not_found"][1] == "404"
