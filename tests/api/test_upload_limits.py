"""Request bodies that stop early: a multipart body cut short, and a client that stalls."""

from __future__ import annotations

import asyncio
import json

import pytest

from api import Settings, create_app
from api_fakes import AGREEMENT_TEXT, FakeLibrary, make_client

BOUNDARY = "XyZ"
HEAD = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="nda.txt"\r\n\r\n'.encode()
CTYPE = f"multipart/form-data; boundary={BOUNDARY}"


@pytest.mark.parametrize("route", ["/v1/agreements", "/v1/minutes", "/v1/alignment"])
def test_upload_truncated_multipart_is_refused_not_analysed(route):
    library = FakeLibrary()
    full = HEAD + AGREEMENT_TEXT.encode() + f"\r\n--{BOUNDARY}--\r\n".encode()
    with make_client(library) as c:
        r = c.post(route, content=full[: len(full) // 2], headers={"content-type": CTYPE})
        assert r.status_code == 422
        assert r.json()["error"]["code"] == "invalid_request"
        assert "cut short" in r.json()["error"]["message"]
        assert library.calls == []
        ok = c.post(route, content=full, headers={"content-type": CTYPE})  # whole: read
        assert ok.status_code in (200, 422) and library.calls, ok.text  # 422: no goals in an NDA


async def _post(app, path: str, headers: list[tuple[bytes, bytes]], receive) -> tuple[int, dict, dict]:
    """POST through the ASGI app with the client's ``receive``: (status, headers, JSON body)."""
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 8000),
        "headers": [(b"host", b"127.0.0.1"), *headers],
    }
    await asyncio.wait_for(app(scope, receive, send), timeout=10)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), json.loads(body)


def _stalling(chunks: list[bytes]):
    """A client's ``receive`` that sends ``chunks``, then stops sending."""
    queue = list(chunks)

    async def receive():
        if queue:
            return {"type": "http.request", "body": queue.pop(0), "more_body": True}
        await asyncio.sleep(3600)  # never sends the rest

    return receive


async def _call(app, chunks: list[bytes]) -> tuple[int, dict, dict]:
    """Send ``chunks`` of a multipart upload, then stall as a client that stops sending would."""
    headers = [(b"content-type", CTYPE.encode()), (b"content-length", b"100000")]
    return await _post(app, "/v1/agreements", headers, _stalling(chunks))


@pytest.mark.parametrize(
    ("settings", "chunks", "says"),
    [
        ({"upload_idle_s": 0.3}, [HEAD, b"The parties agree"], "no bytes"),
        ({"upload_idle_s": 5, "upload_timeout_s": 0.3}, [HEAD], "longer than"),
    ],
)
def test_upload_stalled_body_is_408_upload_timeout(settings, chunks, says):
    library = FakeLibrary()
    app = create_app(Settings(warm_up=False, **settings).checked(), library=library)
    status, headers, body = asyncio.run(_call(app, chunks))
    assert status == 408 and body["error"]["code"] == "upload_timeout" and says in body["error"]["message"]
    assert headers[b"connection"] == b"close"
    assert library.calls == []


def test_upload_stalled_json_body_is_408():
    app = create_app(Settings(warm_up=False, upload_idle_s=0.3).checked(), library=FakeLibrary())
    receive = _stalling([b'{"parties": {"A": ["Cut costs"]'])
    status, _, _ = asyncio.run(_post(app, "/v1/alignment", [(b"content-type", b"application/json")], receive))
    assert status == 408


def test_upload_timeouts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("COALTEXT_UPLOAD_IDLE_S", "7")
    monkeypatch.setenv("COALTEXT_UPLOAD_TIMEOUT_S", "90")
    s = Settings.from_env()
    assert (s.upload_idle_s, s.upload_timeout_s) == (7, 90)


@pytest.mark.parametrize(
    "body",
    [
        b'{"parties": {"A": ["Share lab data"], "A": ["Cut costs"], "B": ["Cut costs"]}}',
        b'{"parties": {"A": ["Cut costs"], "A ": ["Raise prices"]}}',
    ],
)
def test_upload_json_goals_with_a_party_twice_are_refused(body):
    library = FakeLibrary()
    with make_client(library) as c:
        r = c.post("/v1/alignment", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_document"
    assert "twice" in r.json()["error"]["message"] and "'A" in r.json()["error"]["message"]
    assert library.calls == []


def test_library_alignment_stops_at_the_request_deadline(monkeypatch, fake_embedder):
    from api.library import Library
    from coaltext import models
    from coaltext.errors import ParseTimeout
    from coaltext.ingest import Limits

    monkeypatch.setattr(models, "embedder", lambda *a, **k: fake_embedder)
    body = json.dumps({"parties": {f"P{p}": [f"Cut cost of item {i}" for i in range(4)] for p in range(50)}}).encode()
    assert Library().alignment(body, name="g.json", limits=Limits(timeout_s=600))
    with pytest.raises(ParseTimeout):
        Library().alignment(body, name="g.json", limits=Limits(timeout_s=1e-9))


def test_upload_slow_but_steady_body_is_read_whole():
    """The idle limit counts from the last bytes, not from the start: a body whose chunks come
    every 0.15 s for about a second passes an idle limit of 0.3 s."""
    library = FakeLibrary()
    app = create_app(Settings(warm_up=False, upload_idle_s=0.3).checked(), library=library)
    body = HEAD + AGREEMENT_TEXT.encode() + f"\r\n--{BOUNDARY}--\r\n".encode()
    chunks = [body[i : i + len(body) // 6 + 1] for i in range(0, len(body), len(body) // 6 + 1)]

    queue = list(chunks)

    async def receive():
        await asyncio.sleep(0.15)
        chunk = queue.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(queue)}

    headers = [(b"content-type", CTYPE.encode()), (b"content-length", str(len(body)).encode())]
    status, _, _ = asyncio.run(_post(app, "/v1/agreements", headers, receive))
    assert len(chunks) >= 6
    assert status == 200 and library.calls
