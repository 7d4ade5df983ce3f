"""PDF and DOCX ingest speed: pages per second, text layer alone and through the whole
parser.

    .venv/bin/python bench/bench_pdf.py [--rounds N] [--no-renders]

Parses the PDF fixtures (the seed notice rendered by reportlab, the task-division table
notice with a ruled table, the sample notice) repeatedly, and — unless --no-renders or
the tools are missing — the seed rendered by LibreOffice and Chromium
(tests/fixtures/make_render_fixtures.py, built into a temporary folder: ragged right,
header/footer, two columns, borderless tables). For each file: ms per page for the
loader (text layer -> blocks: characters, furniture, tables, columns, reflow) and
pages/s through ``ingest.parse``; DOCX alongside for comparison. Single-threaded: the
figures are per core.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ingest  # noqa: E402
from ingest.loaders import docx as docx_loader  # noqa: E402
from ingest.loaders import pdf as pdf_loader  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
RENDERS = ("lo_ragged.pdf", "chromium_print.pdf", "lo_two_column.pdf", "chromium_columns.pdf",
           "table_top.pdf", "table_seed.pdf")


def _pages(path: Path) -> int:
    if path.suffix != ".pdf":
        return 0
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _timed(fn, rounds: int) -> float:
    fn()  # warm up (imports, the unit directory)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _renders(out: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("make_render_fixtures",
                                                  FIXTURES / "make_render_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.build(out, set(RENDERS))
    return [made[name] for name in RENDERS if name in made]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-renders", action="store_true")
    args = parser.parse_args(argv)
    ingest.parse(FIXTURES / "sample_notice.txt")  # load the directory once
    files = [FIXTURES / n for n in ("seed_notice.pdf", "task_table_notice.pdf",
                                    "sample_notice.pdf", "seed_notice.docx",
                                    "task_table_notice.docx")]
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        if not args.no_renders:
            files += _renders(Path(tmp))
        print(f"{'file':<24} {'pages':>5} {'clauses':>7} {'load ms/page':>12} "
              f"{'parse ms':>9} {'pages/s':>8}")
        load_pages = load_seconds = parse_pages = parse_seconds = 0.0
        for path in files:
            data = path.read_bytes()
            pages = _pages(path)
            loader = pdf_loader if path.suffix == ".pdf" else docx_loader
            load = _timed(lambda: loader.load(data, path.name), args.rounds)
            parse = _timed(lambda: ingest.parse(path), args.rounds)
            clauses = len(ingest.parse(path).clauses)
            if pages:
                load_pages += pages
                load_seconds += load
                parse_pages += pages
                parse_seconds += parse
                per_page = f"{load * 1000 / pages:12.1f}"
                rate = f"{pages / parse:8.1f}"
            else:
                per_page = f"{'—':>12}"
                rate = f"{'—':>8}"
            print(f"{path.name:<24} {pages or '—':>5} {clauses:>7} {per_page} "
                  f"{parse * 1000:9.1f} {rate}")
    print(f"PDF text layer (loader): {load_pages / load_seconds:.1f} pages/s per core")
    print(f"PDF overall (parse):     {parse_pages / parse_seconds:.1f} pages/s per core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
