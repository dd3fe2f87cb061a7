"""The upload page end to end in headless Chromium (Debian's ``chromium``, driven by Playwright,
which is told never to download a browser) against a real uvicorn server on loopback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("COALTEXT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set COALTEXT_CHROMIUM)",
        allow_module_level=True,
    )
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

import uvicorn  # noqa: E402

from api import Settings, create_app  # noqa: E402
from api_fakes import AGREEMENT_TEXT, FakeLibrary  # noqa: E402

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A live loopback server is the point of this module: allowed even where pytest-socket blocks sockets.
pytestmark = pytest.mark.enable_socket

HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, app) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="uvicorn-test", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def fake_server():
    app = create_app(Settings(warm_up=False).checked(), library=FakeLibrary())
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    p = context.new_page()
    p.set_default_timeout(20_000)
    problems: list[str] = []
    p.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: problems.append(str(e)))
    p.problems = problems
    yield p
    context.close()


def _upload(page, server, kind: str, name: str, data: bytes, mime: str = "text/plain", playbook: str | None = None):
    page.goto(server.url + "/")
    page.check(f'input[name="kind"][value="{kind}"]')
    page.set_input_files("#file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    if playbook:
        page.wait_for_selector(f'#playbook option[value="{playbook}"]', state="attached")
        page.select_option("#playbook", playbook)
    page.click("#submit")


def test_api_page_shows_missing_required_first_with_quoted_evidence(page, fake_server):
    text = f"{HOSTILE}\n{AGREEMENT_TEXT}".encode()
    _upload(page, fake_server, "agreement", "draft.txt", text, playbook="joint_venture")
    page.wait_for_selector("#coverage tbody tr")
    rows = page.locator("#coverage tbody tr")
    assert rows.count() == 5
    # problems first (required missing, required weak, recommended missing), then what is present,
    # then types the playbook does not ask for
    order = [rows.nth(i).get_attribute("data-type") for i in range(5)]
    assert order == ["arbitration", "confidentiality", "non_solicit", "term_renewal", "insurance"]
    assert rows.nth(0).get_attribute("data-status") == "missing"
    # types by the names the reports use, not their ids
    page.wait_for_function("document.querySelector('#coverage tbody td').textContent === 'Arbitration'")
    assert "Arbitration" in page.text_content("#coverage-summary")
    evidence = rows.nth(3).locator("blockquote").text_content()
    assert HOSTILE in evidence  # shown as text...
    assert rows.nth(3).locator(".cite").text_content().startswith("1 Term")
    assert page.locator("#report img, #report script").count() == 0  # ...never parsed as HTML
    assert page.evaluate("window.__xss") is None
    assert "playbook: joint_venture" in page.text_content("#report")
    assert "Restraint between competitors" in page.text_content("#flags")
    assert page.get_attribute("#download", "download") == "draft.txt.agreement.json"
    assert page.problems == []


def test_api_page_renders_minutes_and_alignment(page, fake_server):
    _upload(page, fake_server, "minutes", "notes.md", b"Acme will host the pilot.\nBeta funds it.\n", "text/markdown")
    page.wait_for_selector(".items-decision")
    assert "Acme will host the pilot." in page.text_content(".items-decision")
    assert "Ana (Acme)" in page.text_content("#attendees")

    goals = {"parties": {"Acme": ["Share lab results"], "Beta": ["Share lab results"], "<b>Gamma</b>": ["Cut cost"]}}
    _upload(page, fake_server, "alignment", "goals.json", json.dumps(goals).encode(), "application/json")
    page.wait_for_selector("#alignment-matrix")
    headers = page.locator("#alignment-matrix thead th").all_text_contents()
    assert headers == ["", "Acme", "Beta", "<b>Gamma</b>"]
    cells = page.locator("#alignment-matrix tbody tr").first.locator("td").all_text_contents()
    assert cells == ["—", "0.50", "0.50"]
    assert page.problems == []


def test_api_page_sends_a_draft_agreement_with_partners_goals(page, fake_server):
    """Alignment could not be asked about a draft: the page had no input for the API's `agreement` part."""
    goals = {"parties": {"Acme": ["Share lab results"], "Beta": ["Cut cost"]}}
    page.goto(fake_server.url + "/")
    assert page.is_hidden("#agreement-row")
    page.check('input[name="kind"][value="alignment"]')
    assert page.is_visible("#agreement-row") and page.is_hidden("#playbook-row")
    page.set_input_files("#file", files=[{"name": "goals.json", "mimeType": "application/json",
                                          "buffer": json.dumps(goals).encode()}])
    page.set_input_files("#agreement", files=[{"name": "draft.txt", "mimeType": "text/plain",
                                               "buffer": AGREEMENT_TEXT.encode()}])
    page.click("#submit")
    page.wait_for_selector("#alignment-matrix")
    assert "not in draft.txt" in page.text_content("#report")
    assert page.problems == []


def test_api_page_shows_the_error_code_for_a_bad_file(page, fake_server):
    _upload(page, fake_server, "agreement", "empty.pdf", b"", "application/pdf")
    page.wait_for_selector("#status.error")
    assert page.text_content("#status").startswith("empty_file:")
    assert page.locator("#report *").count() == 0



def test_api_page_sends_the_bearer_token_when_the_service_has_one(page):
    token = "browser-test-token-0123456789"
    app = create_app(Settings(warm_up=False, token=token).checked(), library=FakeLibrary())
    with LiveServer(app) as server:
        _upload(page, server, "minutes", "notes.txt", b"Acme will host the pilot.\n")
        page.wait_for_selector("#status.error")
        assert page.text_content("#status").startswith("unauthorized:")
        page.click("#token-row summary")
        page.fill("#token", token)
        page.click("#submit")
        page.wait_for_selector(".items-decision")
        # the playbook list loads once the token is known
        page.dispatch_event("#token", "change")
        page.wait_for_selector('#playbook option[value="joint_venture"]', state="attached")
    page.problems[:] = [p for p in page.problems if "401" not in p]  # the refused first attempt
    assert page.problems == []

# ------------------------------------------------------------------ the real pipeline behind the page

SAMPLES = Path(__file__).resolve().parents[2] / "corpora" / "samples"


@pytest.fixture(scope="module")
def real_server():
    app = create_app(Settings(warm_up=False).checked())  # models load on the first upload
    with LiveServer(app) as server:
        yield server


def test_api_page_end_to_end_with_the_real_pipeline(page, real_server):
    pdf = SAMPLES / "alliance_agreement.pdf"
    minutes = SAMPLES / "steering_committee_minutes.md"
    if not (pdf.exists() and minutes.exists()):
        pytest.skip("the sample agreement PDF and minutes are not in corpora/samples yet")
    page.set_default_timeout(120_000)  # includes loading the models on first use
    _upload(page, real_server, "agreement", pdf.name, pdf.read_bytes(), "application/pdf")
    page.wait_for_selector("#coverage tbody tr")
    rows = page.locator("#coverage tbody tr")
    assert rows.count() == 27  # one row per clause type in the taxonomy
    keys = [
        (rows.nth(i).get_attribute("data-required") == "true", rows.nth(i).get_attribute("data-status"))
        for i in range(rows.count())
    ]
    missing_required = [k == (True, "missing") for k in keys]
    # every missing required type comes before every other row
    assert missing_required == sorted(missing_required, reverse=True)
    n_missing = sum(missing_required)
    summary = page.text_content("#coverage-summary")
    assert summary.startswith(f"{n_missing} required") if n_missing else summary.startswith("No required")
    # evidence is quoted with its section and page
    cites = page.locator("#coverage .cite").all_text_contents()
    assert cites and any(" — p" in c for c in cites)
    # key terms name their value and the clause they came from
    terms = page.locator("#key-terms tbody tr")
    assert terms.count() >= 1 and page.locator('#key-terms tr[data-term="governing_law"] td').nth(2).text_content()

    _upload(page, real_server, "minutes", minutes.name, minutes.read_bytes(), "text/markdown")
    page.wait_for_selector("#report h3")
    assert page.locator("#report table tbody tr").count() > 0
    assert page.problems == []
