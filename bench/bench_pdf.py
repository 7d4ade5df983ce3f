"""PDF and DOCX ingest speed: pages per second through the whole parser.

    .venv/bin/python bench/bench_pdf.py

Parses the PDF fixtures (the seed notice rendered as PDF, the task-division table
notice) repeatedly and prints pages/s and clauses/s; DOCX alongside for comparison.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

import ingest  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def main(rounds: int = 10) -> int:
    ingest.parse(FIXTURES / "sample_notice.txt")  # load the directory once
    print(f"{'file':<28} {'pages':>5} {'clauses':>7} {'ms/file':>8} {'pages/s':>8} {'clauses/s':>9}")
    total_pages = total_seconds = 0.0
    for name in ("seed_notice.pdf", "task_table_notice.pdf", "sample_notice.pdf",
                 "seed_notice.docx", "task_table_notice.docx"):
        path = FIXTURES / name
        pages = len(pdfplumber.open(path).pages) if name.endswith(".pdf") else 0
        started = time.perf_counter()
        for _ in range(rounds):
            doc = ingest.parse(path)
        seconds = (time.perf_counter() - started) / rounds
        if pages:
            total_pages += pages
            total_seconds += seconds
        rate = f"{pages / seconds:8.1f}" if pages else f"{'—':>8}"
        print(f"{name:<28} {pages or '—':>5} {len(doc.clauses):>7} {seconds * 1000:8.1f} {rate} "
              f"{len(doc.clauses) / seconds:9.0f}")
    print(f"PDF overall: {total_pages / total_seconds:.1f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
