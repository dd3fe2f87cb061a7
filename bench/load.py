"""Bounded load test of the HTTP service on loopback.

Starts the service as a subprocess (``python -m api``, what ``coaltext serve`` runs), waits until
/ready says the models are loaded, then has N concurrent clients post an agreement for a fixed
time. Prints a Markdown table: latency p50/p95/max, throughput, errors, the server's RSS at ready
and its peak RSS (VmHWM), and whether /health still answers afterwards.

    .venv/bin/python bench/load.py [--clients 8] [--seconds 30] [--file corpora/samples/alliance_agreement.pdf]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "corpora" / "samples" / "alliance_agreement.pdf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int, field: str) -> int:
    """VmRSS or VmHWM (peak) of a process, in KiB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not found for pid {pid}")


def start_server(port: int, workers: int | None) -> tuple[subprocess.Popen, str]:
    """``coaltext serve`` as a user starts it (``python -m api`` if the CLI is not there)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    if workers:
        env["COALTEXT_WORKERS"] = str(workers)
    if importlib.util.find_spec("coaltext.cli") is not None:
        cmd = [sys.executable, "-m", "coaltext.cli", "serve", "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "api", "--port", str(port), "--log-level", "warning"]
    log = tempfile.TemporaryFile()  # the server's log; a pipe left unread could fill and block it
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    proc.log = log
    return proc, " ".join(["python", *cmd[1:]])


def wait_ready(base: str, proc: subprocess.Popen, timeout: float) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            proc.log.seek(0)
            raise SystemExit(f"server exited: {proc.log.read().decode(errors='replace')[-2000:]}")
        try:
            r = httpx.get(base + "/ready", timeout=2)
            if r.status_code == 200:
                return time.monotonic() - t0
            if r.json().get("status") == "failed":
                raise SystemExit(f"warm-up failed: {r.json()}")
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server not ready within {timeout:.0f} s")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def bad_uploads(data: bytes) -> list[tuple[str, dict]]:
    """Broken requests of every kind, as (label, httpx request kwargs)."""
    import io

    from pypdf import PdfReader, PdfWriter

    cases = [
        ("garbage", {"files": {"file": ("junk.bin", os.urandom(20_000))}}),
        ("empty", {"files": {"file": ("empty.pdf", b"")}}),
        ("truncated", {"files": {"file": ("cut.pdf", data[: len(data) // 2])}}),
        ("wrong-field", {"files": {"document": ("a.pdf", data)}}),
        ("wrong-type", {"content": b'{"file": 1}', "headers": {"content-type": "application/json"}}),
        ("oversize", {"files": {"file": ("big.txt", b"a" * (26 * 1024 * 1024))}}),
    ]
    if data.startswith(b"%PDF"):
        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
        writer.encrypt(user_password="secret", owner_password="owner")
        out = io.BytesIO()
        writer.write(out)
        cases.append(("encrypted", {"files": {"file": ("locked.pdf", out.getvalue())}}))
    return cases


def run_hostile(url: str, data: bytes, clients: int, seconds: float) -> Counter[str]:
    cases = bad_uploads(data)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset: int) -> None:
        i = offset
        with httpx.Client(timeout=60) as c:
            while time.monotonic() < stop_at:
                label, kwargs = cases[i % len(cases)]
                i += 1
                try:
                    status = c.post(url, **kwargs).status_code
                    outcome = "4xx" if 400 <= status < 500 else f"{status} ({label})"
                except httpx.HTTPError as exc:
                    outcome = f"{type(exc).__name__} ({label})"
                with lock:
                    outcomes[outcome] += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--workers", type=int, default=None, help="service workers (default: its own)")
    parser.add_argument("--route", choices=["agreements", "minutes"], default="agreements")
    parser.add_argument(
        "--hostile-seconds", type=float, default=10.0,
        help="then as long again with bad uploads (0 skips): all must get a 4xx, none a 5xx",
    )
    args = parser.parse_args()

    data = args.file.read_bytes()
    load_before = os.getloadavg()[0]
    schema = "coaltext.agreement.v1" if args.route == "agreements" else "coaltext.minutes.v1"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc, command = start_server(port, args.workers)
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    try:
        ready_s = wait_ready(base, proc, timeout=180)
        url = f"{base}/v1/{args.route}"
        rss_ready = rss_kib(proc.pid, "VmRSS")

        # One warm request alone, for the single-user latency.
        with httpx.Client(timeout=120) as c:
            t = time.perf_counter()
            r = c.post(url, files={"file": (args.file.name, data)})
            single_s = time.perf_counter() - t
            r.raise_for_status()
            pages = r.json()["source"]["pages"]

        stop_at = time.monotonic() + args.seconds

        def client() -> None:
            with httpx.Client(timeout=180) as c:
                while time.monotonic() < stop_at:
                    t = time.perf_counter()
                    try:
                        r = c.post(url, files={"file": (args.file.name, data)})
                        ok = r.status_code == 200 and r.json().get("schema") == schema
                        outcome = "200" if ok else str(r.status_code) + ("-bad-body" if r.status_code == 200 else "")
                    except httpx.HTTPError as exc:
                        outcome, ok = type(exc).__name__, False
                    elapsed = time.perf_counter() - t
                    with lock:
                        statuses[outcome] += 1
                        if ok:
                            latencies.append(elapsed)

        t0 = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.monotonic() - t0

        hostile = Counter()
        if args.hostile_seconds > 0:
            hostile = run_hostile(url, data, args.clients, args.hostile_seconds)

        health = httpx.get(base + "/health", timeout=5)
        ready_after = httpx.get(base + "/ready", timeout=5)
        peak_kib = rss_kib(proc.pid, "VmHWM")
        rss_after = rss_kib(proc.pid, "VmRSS")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()

    total = sum(statuses.values())
    ok = statuses.get("200", 0)
    errors = {k: v for k, v in statuses.items() if k != "200"}
    mib = lambda kib: f"{kib / 1024:.0f} MiB"  # noqa: E731
    rows = [
        ("server", f"`{command}`"),
        ("route", f"POST /v1/{args.route}"),
        ("file", f"{args.file.name} ({len(data) / 1024:.0f} KiB, {pages} pages)"),
        ("clients × duration", f"{args.clients} × {args.seconds:.0f} s (wall {wall:.1f} s)"),
        ("startup to /ready", f"{ready_s:.1f} s"),
        ("single request, warm", f"{single_s:.2f} s"),
        ("requests (ok / total)", f"{ok} / {total}"),
        ("errors", ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) or "0"),
        ("throughput", f"{ok / wall:.2f} req/s ({ok * (pages or 0) / wall:.1f} pages/s)"),
        ("latency p50", f"{statistics.median(latencies):.2f} s" if latencies else "n/a"),
        ("latency p95", f"{percentile(latencies, 0.95):.2f} s"),
        ("latency max", f"{max(latencies):.2f} s" if latencies else "n/a"),
        ("server RSS at ready", mib(rss_ready)),
        ("server RSS after load", mib(rss_after)),
        ("server peak RSS (VmHWM)", mib(peak_kib)),
        ("bad uploads (hostile phase)", ", ".join(f"{k}: {v}" for k, v in sorted(hostile.items())) or "skipped"),
        ("/health after load", f"{health.status_code} {health.json().get('status')}"),
        ("/ready after load", str(ready_after.status_code)),
        ("machine load avg (1 min) before / after", f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"),
    ]
    print(f"## coaltext HTTP load test ({os.cpu_count()} CPUs)\n")
    print("| measure | value |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()
