"""Scanned PDFs: OCR with Tesseract, and repair of text layers that OCR tools wrote.

``load_scanned`` is called by the PDF loader when a PDF has no text layer. Each page is
rendered at 300 dpi (pypdfium2, which pdfplumber already brings), despeckled (3x3
median) and read by ``tesseract -l chi_sim --psm 3`` as TSV: words with their boxes. A
line's words are joined without the spaces Tesseract puts between Chinese characters,
and lines become paragraphs by their positions (indents, short lines, gaps), like PDF
text. One progress line per page goes to the callback set with ``reporting`` and to the
``ingest.ocr`` logger. Without Tesseract or its chi_sim data the PDF is refused as before
(NoTextLayer, which says to run OCR first).

``repair_text_layer`` handles PDFs that were OCR'd elsewhere (ocrmypdf, scanners): their
text layer often spaces the characters out (``省 发 展 改 革 委 牵头``). When at least
30% of the neighbouring Chinese characters in the text are separated by a space, the
spaces next to Chinese characters and punctuation are removed.

Text from OCR is flagged: the block list is an ``OcrBlocks`` (a list with ``ocr =
True`` and the ``engine``); ``ocr_used(blocks)`` tells later stages.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import NoTextLayer, OcrFailed, UnsupportedFormat
from ..records import Block
from .ofd import paragraph_blocks, wide

log = logging.getLogger("ingest.ocr")

LANG = os.environ.get("POLICYKB_OCR_LANG", "chi_sim")
PSM = os.environ.get("POLICYKB_OCR_PSM", "3")
DPI = 300
BORDER = 20  # white pixels around a line read again on its own
DESKEW_FROM = 1.2  # degrees of skew from which a page is straightened before OCR
#: Longest side of a rendered page in pixels (an A0 plan at 300 dpi would be 14,000).
MAX_SIDE = 7000
#: Pages OCR'd at most (about 3 s a page on one core); longer scans are refused.
MAX_PAGES = int(os.environ.get("POLICYKB_OCR_MAX_PAGES", "300"))
#: Seconds Tesseract may spend on one page (POLICYKB_OCR_PAGE_TIMEOUT).
PAGE_TIMEOUT = float(os.environ.get("POLICYKB_OCR_PAGE_TIMEOUT", "300"))
#: Share of neighbouring Chinese characters separated by a space that marks a text layer
#: as spaced out by OCR; ordinary Chinese text has next to none.
SPACED_SHARE = 0.3

_progress: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar(
    "ocr_progress", default=None)

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_SPACED_PAIR = re.compile(rf"(?<=[{_HAN}]) (?=[{_HAN}])")
_TIGHT_PAIR = re.compile(rf"(?<=[{_HAN}])(?=[{_HAN}])")
_UNSPACE = re.compile(
    rf"(?<=[{_CJK}])[ \t]+(?=\S)|(?<=\S)[ \t]+(?=[{_CJK}])"  # next to Chinese
    r"|(?<=\d)[ \t]+(?=[.．、](?!\d))"  # "1 .促进" -> "1.促进"
    r"|(?<=\S)[ \t]+(?=[.,;:!?)\]%])|(?<=[(\[])[ \t]+(?=\S)"  # inside brackets, before stops
)
# "(省科技厅、省教育厅奉头)": 牵 is the character OCR most often gets wrong in the notes
# that name lead units, and the note is then lost. Only a single character between a
# unit's last character and 头 closing the note or its part (头) 头， 头；) is replaced.
_LEAD_NOTE = re.compile(r"(?<=[厅局委会府办院部室行司心团社处])[^\W\d牵负带龙]头(?=[)）,，;；])")
_LEAD_TAIL = re.compile(r"(?<=[厅局委会府办院部室行司心团社处])牵[^\W\d头](?=[)）,，;；])")
_LEAD_CUT = re.compile(r"[厅局委会府办院部室行司心团社处]牵$")
_FOLIO = re.compile(r"^[\s\d\-—–－一二_~·.]{1,9}$")
# The PDF's Creator/Producer (Info dictionary or XMP) naming an OCR program.
_OCR_TOOL = re.compile(rb"(?:Producer|Creator|CreatorTool)\W{1,4}[^\n<>]{0,120}?"
                       rb"(ocrmypdf|Tesseract|ABBYY|FineReader|OmniPage|Readiris|Paper Capture)",
                       re.IGNORECASE)


class OcrBlocks(list):
    """Blocks whose text came from OCR."""

    ocr = True

    def __init__(self, blocks=(), engine: str = ""):
        super().__init__(blocks)
        self.engine = engine


def ocr_used(blocks) -> bool:
    """Whether a loader's blocks came from OCR (a scan read here, or an OCR'd text layer)."""
    return bool(getattr(blocks, "ocr", False))


@contextlib.contextmanager
def reporting(callback: Callable[[str], None] | None) -> Iterator[None]:
    """Send one line per OCR'd page to ``callback`` (e.g. ``print``) inside the block."""
    token = _progress.set(callback)
    try:
        yield
    finally:
        _progress.reset(token)


def _report(message: str) -> None:
    log.info(message)
    callback = _progress.get()
    if callback is not None:
        callback(message)


@functools.lru_cache(maxsize=4)
def _languages(tesseract: str) -> frozenset[str]:
    try:
        done = subprocess.run([tesseract, "--list-langs"], capture_output=True, timeout=30,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    said = (done.stdout + done.stderr).decode("utf-8", "replace").splitlines()
    return frozenset(line.strip() for line in said[1:] if line.strip())


def missing() -> str | None:
    """What OCR lacks on this machine, or None when it can run."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return "Tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
    wanted = [lang for lang in LANG.split("+") if lang not in _languages(tesseract)]
    if wanted:
        return f"Tesseract's {'+'.join(wanted)} data (apt-get install tesseract-ocr-chi-sim)"
    return None


def engine() -> str:
    tesseract = shutil.which("tesseract") or "tesseract"
    try:
        first = subprocess.run([tesseract, "--version"], capture_output=True, timeout=30,
                               stdin=subprocess.DEVNULL).stdout.decode().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        first = "tesseract"
    return f"{first} {LANG} psm {PSM}"


# --------------------------------------------------------------------------- scans


def load_scanned(data: bytes, source: str) -> list[Block]:
    """OCR every page of an image-only PDF. Raises NoTextLayer when OCR is not available
    and OcrFailed when it reads no text."""
    lacking = missing()
    if lacking is not None:
        log.info("%s: no text layer, and OCR needs %s", source, lacking)
        raise NoTextLayer(source)
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise UnsupportedFormat(source, " (a damaged or truncated PDF)") from exc
    pages = []
    started = time.perf_counter()
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise OcrFailed(source, f"it has {count} pages, more than the {MAX_PAGES} that are "
                                    "OCR'd", "split it, or raise POLICYKB_OCR_MAX_PAGES")
        with tempfile.TemporaryDirectory(prefix="policykb-ocr-") as tmp:
            for index in range(count):
                began = time.perf_counter()
                page = pdf[index]
                image, dpi = _render(page)
                page.close()
                lines = read_image(image, Path(tmp) / f"page{index}.png", source, dpi=dpi)
                lines = _retry_weak_lines(image, _drop_folios(lines, image.height), Path(tmp),
                                          source, dpi)
                pages.append((lines, image.height))
                chars = sum(len(ln["text"]) for ln in lines)
                _report(f"{source}: OCR page {index + 1}/{count}: {chars} characters, "
                        f"{time.perf_counter() - began:.1f} s")
    finally:
        pdf.close()
    blocks = paragraph_blocks(pages)
    texts = repair_markers([fix_common(b.text) for b in blocks])
    blocks = [replace(b, text=t) for b, t in zip(blocks, texts)]
    if sum(len(b.text) for b in blocks) < 10:
        raise OcrFailed(source)
    _report(f"{source}: OCR read {count} page{'s' * (count != 1)} in "
            f"{time.perf_counter() - started:.1f} s")
    return OcrBlocks(_respan(blocks), engine=engine())


def _render(page):
    """The page as a despeckled, straightened grayscale image, and its resolution."""
    from PIL import Image, ImageFilter

    width, height = page.get_size()  # points
    scale = min(DPI / 72, MAX_SIDE / max(width, height, 1))
    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    image = image.filter(ImageFilter.MedianFilter(3))
    angle = skew(image)
    if abs(angle) >= DESKEW_FROM:  # Tesseract copes with less; resampling costs accuracy
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    return image, round(scale * 72)


def skew(image) -> float:
    """The rotation (degrees) that makes the text lines level: the angle at which the
    rows' ink varies most (lines and gaps sharpest), coarse then fine, up to ±5°."""
    from PIL import Image, ImageOps

    small = ImageOps.invert(image.reduce(4))

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.BILINEAR)
        rows = turned.resize((1, turned.height), Image.BOX).tobytes()
        mean = sum(rows) / len(rows)
        return sum((v - mean) ** 2 for v in rows)

    best = max((a / 2 for a in range(-10, 11)), key=sharpness)
    return max((best + a / 10 for a in range(-5, 6)), key=sharpness)


def read_image(image, path: Path, source: str = "", psm: str = PSM,
               dpi: int = DPI) -> list[dict]:
    """Tesseract's lines of one page image: text, box (pixels) and mean word confidence,
    in reading order."""
    image.save(path)
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one core a page; the machine is shared
    command = ["tesseract", str(path), "stdout", "-l", LANG, "--psm", psm,
               "--dpi", str(dpi), "tsv"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PAGE_TIMEOUT, env=env,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise OcrFailed(source, f"OCR took over {PAGE_TIMEOUT:.0f} s on one page") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(source, f"Tesseract failed ({said[-1][:120] if said else done.returncode})")
    return tsv_lines(done.stdout.decode("utf-8", "replace"))


def tsv_lines(tsv: str) -> list[dict]:
    """Lines from Tesseract's TSV: words joined without the spaces OCR puts between
    Chinese characters; a gap as wide as a character stays one space."""
    boxes: dict[tuple, dict] = {}
    words: dict[tuple, list] = {}
    order: list[tuple] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level = cols[0]
        key = (cols[1], cols[2], cols[3], cols[4])
        left, top, width, height = (int(c) for c in cols[6:10])
        if level == "4":
            boxes[key] = {"x0": left, "x1": left + width, "top": top, "bottom": top + height}
            order.append(key)
        elif level == "5" and cols[11].strip():
            words.setdefault(key, []).append((left, left + width, cols[11].strip(),
                                              float(cols[10])))
    lines = []
    for key in order:
        found = sorted(words.get(key, ()))
        if not found:
            continue
        box = boxes[key]
        size = max(box["bottom"] - box["top"], 1)
        text = found[0][2]
        for (_, previous_end, *_), (start, _, word, _) in zip(found, found[1:]):
            gap = start - previous_end
            if wide(text[-1]) or wide(word[0]):
                spaced = gap > 0.8 * size  # a blank a character wide, as between two names
            else:  # 5G network; but 1 . and ( 3 ) are one token each
                spaced = gap > 0.15 * size and word[0] not in ".．,;:!?)]%、" \
                    and text[-1] not in "(["
            text += (" " if spaced else "") + word
        if text:
            conf = sum(w[3] for w in found) / len(found)
            lines.append({"text": text, "size": size, "conf": conf, **box})
    return lines


def _retry_weak_lines(image, lines: list[dict], tmp: Path, source: str,
                      dpi: int = DPI) -> list[dict]:
    """Read again, as a single line, the short lines Tesseract was unsure of.

    The last line of a paragraph can hold just 头) of a note's 牵头); in the page's
    layout Tesseract often cuts its box short and reads a digit. A crop with some margin
    read with --psm 7 gets it right.
    """
    from PIL import ImageOps

    out, tries = [], 0
    for line in lines:
        size = line["bottom"] - line["top"]
        if line["conf"] < 40 and len(line["text"]) <= 4 and tries < 8:
            tries += 1
            pad = round(0.15 * size)  # more takes in the lines above and below
            box = (max(0, line["x0"] - pad), max(0, line["top"] - pad),
                   min(image.width, line["x1"] + size), min(image.height, line["bottom"] + pad))
            crop = ImageOps.expand(image.crop(box), BORDER, fill=255)  # Tesseract wants margins
            again = read_image(crop, tmp / "line.png", source, psm="7", dpi=dpi)
            if len(again) == 1 and again[0]["conf"] > line["conf"]:
                line = {**line, "text": again[0]["text"], "conf": again[0]["conf"],
                        "x1": box[0] - BORDER + again[0]["x1"]}
        out.append(line)
    return out


def _drop_folios(lines: list[dict], height: int) -> list[dict]:
    """Page numbers at the page's top or bottom edge, as OCR reads them: — 1 — comes out
    as 一 1 一, 二二一, or as junk like =汪- that Tesseract is unsure of."""
    def folio(ln: dict) -> bool:
        text = ln["text"].replace(" ", "")
        return (len(text) <= 6 and (ln["top"] > 0.9 * height or ln["bottom"] < 0.07 * height)
                and (bool(_FOLIO.match(text)) or ln["conf"] < 75 or any(c.isdigit() for c in text)))

    return [ln for ln in lines if not folio(ln)]


_NUMERALS = "一二三四五六七八九"
_SUB_MARK = re.compile(r"^[(（]([一二三四五六七八九十]{1,3})[)）]")
_TOP_MARK = re.compile(r"^[一二三四五六七八九十]{1,3}、")
# A (二) that OCR garbled: 全) 人三) (和六) — at most two stray characters around an
# optional numeral, then the bracket, then the heading's Chinese text.
_GARBLED_MARK = re.compile(
    r"^[(（]?[^\W\d一二三四五六七八九十]{0,2}([一二三四五六七八九十]{0,2})"
    r"[^\W\d一二三四五六七八九十]{0,2}[)）](?=[\u4e00-\u9fff])")


_ITEM_MARK = re.compile(r"^(\d{1,2})[.．、](?!\d)")
_ITEM_NO_DOT = re.compile(r"^(\d{1,2})(?=[\u4e00-\u9fff])(?![\d]*[年月日号个万亿项家人次])")
_ITEM_JUNK = re.compile(r"^[\]\[|lI!｜][.．]?(?=[\u4e00-\u9fff])")


def _numeral(value: str) -> int:
    if value.startswith("十"):
        return 10 + (_NUMERALS.index(value[1]) + 1 if len(value) > 1 else 0)
    if "十" in value:
        tens, _, ones = value.partition("十")
        return (_NUMERALS.index(tens) + 1) * 10 + (_NUMERALS.index(ones) + 1 if ones else 0)
    return _NUMERALS.index(value) + 1 if len(value) == 1 else 0


def _chinese(n: int) -> str:
    if n < 10:
        return _NUMERALS[n - 1]
    tens = "" if n < 20 else _NUMERALS[n // 10 - 1]
    return tens + "十" + (_NUMERALS[n % 10 - 1] if n % 10 else "")


def repair_markers(texts: list[str]) -> list[str]:
    """Restore clause markers that OCR garbled at a paragraph's start: （二） from the
    numeral left in it or else from the marker before (（一） -> （二）); 2. whose dot was
    lost (2推动 -> 2.推动) or 1. read as ] or l, when the item before makes it the next."""
    out, last, item = [], 0, 0
    for text in texts:
        if _TOP_MARK.match(text):
            last = item = 0
        elif (found := _SUB_MARK.match(text)) and _numeral(found.group(1)):
            last, item = _numeral(found.group(1)), 0
        elif (found := _ITEM_MARK.match(text)):
            item = int(found.group(1))
        elif (found := _ITEM_NO_DOT.match(text)) and int(found.group(1)) == item + 1:
            item += 1
            text = f"{item}." + text[found.end():]
        elif _ITEM_JUNK.match(text) and item == 0 and last:
            item = 1
            text = "1." + text[_ITEM_JUNK.match(text).end():]
        elif (garbled := _GARBLED_MARK.match(text)) and len(garbled.group()) >= 2:
            kept = _numeral(garbled.group(1)) if garbled.group(1) else 0
            number = kept or last + 1
            if number and (kept or last):  # a guess needs a marker before it
                text = f"({_chinese(number)})" + text[garbled.end():]
                last, item = number, 0
        out.append(text)
    return out


def fix_common(text: str) -> str:
    """Undo OCR misreadings that would lose a clause's lead units."""
    text = _LEAD_TAIL.sub("牵头", _LEAD_NOTE.sub("牵头", text))
    if _LEAD_CUT.search(text) and text.count("(") + text.count("（") > \
            text.count(")") + text.count("）"):
        text += "头）" if text.rfind("（") > text.rfind("(") else "头)"  # 头) lost with its line
    return text


# --------------------------------------------------------------------------- text layers


def unspace(text: str) -> str:
    """Remove the spaces OCR puts between Chinese characters (and before stops)."""
    return _UNSPACE.sub("", text)


def spaced_out(text: str) -> bool:
    """Whether the text's Chinese characters are spaced out, as OCR text layers are."""
    spaced = len(_SPACED_PAIR.findall(text))
    tight = len(_TIGHT_PAIR.findall(text))
    return spaced >= 10 and spaced >= SPACED_SHARE * (spaced + tight)


def _respan(blocks: list[Block]) -> list[Block]:
    out, pos = [], 0
    for block in blocks:
        out.append(replace(block, start=pos, end=pos + len(block.text)))
        pos += len(block.text) + 1
    return out


def repair_text_layer(blocks: list[Block], data: bytes) -> list[Block]:
    """A PDF's blocks with an OCR'd text layer cleaned up and flagged; others unchanged."""
    if ocr_used(blocks):
        return blocks
    text = "\n".join(b.text for b in blocks)
    if spaced_out(text):
        fixed = []
        for block in blocks:
            cells = tuple(fix_common(unspace(c)) for c in block.cells)
            new = fix_common(unspace(block.text)) if not cells else " ".join(c for c in cells if c)
            fixed.append(replace(block, text=new, cells=cells))
        texts = repair_markers([b.text if not b.cells else "" for b in fixed])
        fixed = [replace(b, text=t) if not b.cells else b for b, t in zip(fixed, texts)]
        return OcrBlocks(_respan(fixed), engine="text layer (spaced out)")
    tool = _OCR_TOOL.search(data)
    if tool is not None:
        return OcrBlocks(blocks, engine=f"text layer ({tool.group(1).decode()})")
    return blocks
