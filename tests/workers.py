"""Worker processes for the reliability tests (run as ``python -m tests.workers ...``).

    ingest HOME COUNT   add COUNT generated notices, one by one (to be killed midway)
    read HOME SECONDS   search in a loop; print {"queries", "errors", "p95_ms"} as JSON

The store is the one the environment names (POLICYKB_DATABASE_URL, else HOME's SQLite).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from kb import KnowledgeBase, Settings

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "tests" / "fixtures" / "sample_notice.txt").read_text(encoding="utf-8")


def notice(n: int) -> bytes:
    """A distinct notice per n: its own 文号 and figures, the sample's structure."""
    text = TEMPLATE.replace("鲁科字〔2024〕18号", f"鲁科字〔2024〕{1000 + n}号")
    text = text.replace("建成50家以上", f"建成{50 + n}家以上")
    return text.encode("utf-8")


def ingest(home: str, count: int) -> None:
    with KnowledgeBase(Settings.from_env(home)) as kb:
        for n in range(count):
            kb.add_bytes(notice(n), f"notice-{n}.txt")
            print(n, flush=True)


def read(home: str, seconds: float) -> None:
    latencies, errors = [], 0
    with KnowledgeBase(Settings.from_env(home)) as kb:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                answer = kb.ask("哪些部门牵头技术经理人培训")
                for hit in answer.hits:  # never a half-added document
                    assert hit.clause.text and hit.document.title
            except Exception:  # noqa: BLE001 - counted and reported
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(json.dumps({"queries": len(latencies), "errors": errors, "p95_ms": round(p95, 2)}))


if __name__ == "__main__":
    logging.getLogger("jieba").setLevel(logging.WARNING)
    command, home, amount = sys.argv[1], sys.argv[2], sys.argv[3]
    if command == "ingest":
        ingest(home, int(amount))
    else:
        read(home, float(amount))
