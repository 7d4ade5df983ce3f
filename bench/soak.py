"""Soak: reader processes answering questions while a writer adds documents, then
repeated SIGKILLs of ingest processes, then the hostile files; prints the figures.

    .venv/bin/python bench/soak.py --seconds 120 --readers 4 --kills 40
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb import KnowledgeBase, Settings  # noqa: E402
from tests.workers import notice  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--kills", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "kb"
        with KnowledgeBase(Settings(home=home)) as kb:
            kb.ingest([ROOT / "corpus"])
        readers = [subprocess.Popen([sys.executable, "-m", "tests.workers", "read", str(home),
                                     str(args.seconds)], cwd=ROOT, env=ENV,
                                    stdout=subprocess.PIPE, text=True)
                   for _ in range(args.readers)]
        added = 0
        started = time.monotonic()
        with KnowledgeBase(Settings(home=home)) as kb:
            while time.monotonic() - started < args.seconds - 5:
                kb.add_bytes(notice(1000 + added), f"notice-{1000 + added}.txt")
                added += 1
                time.sleep(0.2)
        results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in readers]
        print(f"load: {args.readers} reader processes for {args.seconds:.0f} s while "
              f"{added} documents were added: {sum(r['queries'] for r in results)} questions "
              f"answered, {sum(r['errors'] for r in results)} errors, "
              f"worst reader p95 {max(r['p95_ms'] for r in results)} ms")

        rng = random.Random(3)
        survived = 0
        for _ in range(args.kills):
            proc = subprocess.Popen([sys.executable, "-m", "tests.workers", "ingest", str(home),
                                     "400"], cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
            proc.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            with KnowledgeBase(Settings(home=home)) as kb:
                survived += not kb.check()
        print(f"faults: {args.kills} ingest processes killed with SIGKILL, store and index "
              f"consistent after {survived}")

        from tests.test_hostile import ACCEPTED, hostile_files

        refused = accepted = wrong = 0
        with KnowledgeBase(Settings(home=home)) as kb:
            for name, data in hostile_files().items():
                before = kb.store.counts()
                outcome = kb.add_bytes(data, name)
                if name in ACCEPTED:
                    accepted += outcome.ok
                    wrong += not outcome.ok
                else:
                    refused += outcome.error is not None and kb.store.counts() == before
                    wrong += outcome.error is None
        print(f"bad input: {len(hostile_files())} hostile files tried, {refused} refused with "
              f"the knowledge base unchanged, {accepted} parsed, {wrong} wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
