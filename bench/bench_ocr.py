"""OCR of scanned notices: character error rate, pages per minute, clauses recovered; and
the time LibreOffice takes to convert .doc/.wps/.odt/.rtf, and OFD parsing.

    .venv/bin/python bench/bench_ocr.py [--pages N] [--angle DEG] [--quick]

The scan is the seed notice's 三、重要举措 (corpus/seed-lu-zheng-zi-2023-209.txt),
rendered by tests/fixtures/make_format_fixtures.py at 300 dpi with Noto Serif CJK,
turned ``--angle`` degrees (0.7 by default), with grain and dust, as an image-only PDF.

- "policykb": the whole ingest path (ingest.parse -> ingest.loaders.ocr): 300 dpi
  render, despeckle, tesseract chi_sim --psm 3, weak short lines read again.
- "tesseract psm 6": the plain baseline, pdftoppm pages and tesseract --psm 6.
- "ocrmypdf sidecar": ocrmypdf -l chi_sim --sidecar, its text file.
- "ocrmypdf PDF -> policykb": ocrmypdf's PDF (a text layer that spaces the characters
  out) read by the PDF loader and repaired by ingest.loaders.ocr.repair_text_layer.

CER = edit distance / reference length, after NFKC (full-width punctuation = ASCII)
and with all white space removed. Clauses: share of the text version's clauses whose
path and lead units the OCR'd version has too. --quick runs only the first row.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import make_format_fixtures as fixtures  # noqa: E402

import ingest  # noqa: E402
from ingest.loaders import load, ocr, ocr_used  # noqa: E402


def section_lines() -> list[str]:
    lines = [l.strip() for l in fixtures.SEED.read_text(encoding="utf-8").splitlines()
             if l.strip()]
    start, end = lines.index("三、重要举措"), lines.index("四、组织保障")
    return ["山东省县域经济高质量发展三年行动方案", *lines[start:end]]


def normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def distance(a: str, b: str) -> int:
    """Levenshtein distance, banded (exact while the distance stays inside the band)."""
    band = max(64, abs(len(a) - len(b)) + len(a) // 10)
    big = len(a) + len(b)
    previous = {j: j for j in range(0, min(len(b), band) + 1)}
    for i in range(1, len(a) + 1):
        current = {}
        for j in range(max(0, i - band), min(len(b), i + band) + 1):
            if j == 0:
                current[j] = i
                continue
            current[j] = min(previous.get(j, big) + 1, current.get(j - 1, big) + 1,
                             previous.get(j - 1, big) + (a[i - 1] != b[j - 1]))
        previous = current
    return previous.get(len(b), big)


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = normal(reference), normal(hypothesis)
    return distance(ref, hyp) / max(len(ref), 1)


def clause_agreement(doc, truth) -> tuple[int, int]:
    want = {(c.path, tuple(u.name for u in c.lead_units)) for c in truth.clauses}
    got = {(c.path, tuple(u.name for u in c.lead_units)) for c in doc.clauses}
    return len(want & got), len(want)


def row(name: str, pages: int, seconds: float, error: float | None, clauses: str = "") -> None:
    rate = pages / seconds * 60 if seconds else 0.0
    err = f"{error:7.2%}" if error is not None else f"{'—':>7}"
    print(f"{name:<28} {pages:>5} {seconds:8.1f} {rate:9.1f} {err} {clauses:>9}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument("--angle", type=float, default=0.7)
    parser.add_argument("--quick", action="store_true", help="policykb's OCR only")
    args = parser.parse_args()
    lacking = ocr.missing()
    if lacking:
        print(f"OCR is not available: install {lacking}")
        return 1
    lines = section_lines()
    tmp = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    rendered = fixtures.render_scan(lines, angle=args.angle)
    if args.pages:
        rendered = rendered[:args.pages]
    images = [image for image, _ in rendered]
    truth_text = "".join("".join(rows) for _, rows in rendered)
    scan = tmp / "scan.pdf"
    images[0].save(scan, "PDF", resolution=300, save_all=True, append_images=images[1:],
                   quality=70)
    # The text version of exactly what the pages show, for the clause comparison.
    shown, kept = normal(truth_text), []
    for line in lines:
        if normal(line)[:20] and normal(line)[:20] in shown:
            kept.append(line)
    truth_txt = tmp / "scan.txt"
    truth_txt.write_text("\n".join(kept), encoding="utf-8")
    ingest.parse(truth_txt)  # load the unit directory before timing
    truth = ingest.parse(truth_txt)
    n = len(images)
    print(f"scan: {n} pages, {len(normal(truth_text))} characters, turned {args.angle}°, "
          f"{scan.stat().st_size / 1e6:.1f} MB; {ocr.engine()}")
    print(f"{'path':<28} {'pages':>5} {'seconds':>8} {'pages/min':>9} {'CER':>7} {'clauses':>9}")

    started = time.perf_counter()
    with ocr.reporting(lambda line: print("   ", line, flush=True)):
        doc = ingest.parse(scan)
    seconds = time.perf_counter() - started
    hit, total = clause_agreement(doc, truth)
    row("policykb", n, seconds, cer(truth_text, doc.text), f"{hit}/{total}")
    if args.quick:
        return 0

    if shutil.which("pdftoppm"):
        started = time.perf_counter()
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(scan), str(tmp / "pg")],
                       check=True)
        texts = []
        for png in sorted(tmp.glob("pg*.png")):
            texts.append(subprocess.run(
                ["tesseract", str(png), "stdout", "-l", "chi_sim", "--psm", "6"],
                capture_output=True, env={"PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1"},
            ).stdout.decode())
        seconds = time.perf_counter() - started
        plain = "".join(re.sub(r"^\W*[一二—\-\d]\W*[一二—\-\d]?\W*$", "", t, flags=re.M)
                        for t in texts)
        row("tesseract psm 6", n, seconds, cer(truth_text, plain))

    if shutil.which("ocrmypdf"):
        sidecar, ocred = tmp / "sidecar.txt", tmp / "ocred.pdf"
        started = time.perf_counter()
        subprocess.run(["ocrmypdf", "-q", "-l", "chi_sim", "--jobs", "1", "--output-type", "pdf",
                        "--sidecar", str(sidecar), str(scan), str(ocred)], check=True)
        seconds = time.perf_counter() - started
        side = re.sub(r"^\W*[一二—\-\d]\W*[一二—\-\d]?\W*$", "",
                      sidecar.read_text(encoding="utf-8"), flags=re.M)
        row("ocrmypdf sidecar", n, seconds, cer(truth_text, side))
        started = time.perf_counter()
        fmt, blocks = load(ocred.read_bytes(), "ocred.pdf")
        layer = ingest.parse(ocred)
        seconds = time.perf_counter() - started
        hit, total = clause_agreement(layer, truth)
        raw = subprocess.run(["pdftotext", "-layout", str(ocred), "-"], capture_output=True
                             ).stdout.decode() if shutil.which("pdftotext") else ""
        row("ocrmypdf PDF -> policykb", n, seconds, cer(truth_text, layer.text),
            f"{hit}/{total}")
        print(f"    text layer flagged as OCR: {ocr_used(blocks)} "
              f"({getattr(blocks, 'engine', '')}); "
              f"spaced out before repair: {ocr.spaced_out(raw) if raw else '?'}")

    print("\nconversions (seconds per file, mean of 3; LibreOffice starts afresh each time)")
    formats = fixtures.OUT
    for ext in ("doc", "wps", "odt", "rtf", "ofd"):
        path = formats / f"sample_notice.{ext}"
        if not path.is_file() or (ext != "ofd" and not shutil.which("soffice")):
            print(f"  .{ext:<4} skipped")
            continue
        started = time.perf_counter()
        for _ in range(3):
            parsed = ingest.parse(path)
        seconds = (time.perf_counter() - started) / 3
        print(f"  .{ext:<4} {seconds:6.2f}  "
              f"({len(parsed.clauses)} clauses, format {parsed.format})")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
