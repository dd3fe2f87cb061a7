"""Offline by construction: with every network socket blocked, in a fresh process (so the models
load under the block), the whole pipeline runs — agreement, minutes and alignment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import json, socket, sys
    attempts = []

    class Blocked(OSError):
        pass

    def guard(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise Blocked("network access attempted: " + repr(args)[:200])

    socket.socket.connect = guard
    socket.socket.connect_ex = guard
    socket.create_connection = guard
    socket.getaddrinfo = guard

    import coaltext
    s = sys.argv[1]
    agreement = coaltext.analyze(s + "/alliance_agreement.pdf")
    minutes = coaltext.minutes(s + "/partner_call_transcript.txt")
    alignment = coaltext.align(s + "/partner_goals.yaml")
    print(json.dumps({
        "attempts": attempts,
        "clauses": len(agreement.clauses),
        "typed": sum(bool(c.types) for c in agreement.clauses),
        "coverage": len(agreement.coverage.items),
        "minutes_items": len(minutes.items),
        "goals": len(alignment.goals),
        "matches": len(alignment.matches),
    }))
    """
)


def test_offline_whole_pipeline_with_sockets_blocked(samples):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(samples)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["attempts"] == []
    assert out["clauses"] > 100 and out["typed"] > 50
    assert out["coverage"] == 27
    assert out["minutes_items"] > 5
    assert out["goals"] >= 9 and out["matches"] > 0
