"""The files people actually have: Word .doc, WPS .wps, .odt, RTF (through LibreOffice),
OFD, scanned PDFs (OCR) and PDFs whose OCR'd text layer spaces the characters out.

Fixtures: tests/fixtures/formats/ (made by tests/fixtures/make_format_fixtures.py); the
scan is rendered at test time. Tests that need LibreOffice, antiword or Tesseract skip
with the reason when the program is missing.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import sys
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import ingest
from ingest.loaders import load, ocr, ocr_used, office, ofd, sniff

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FORMATS = FIXTURES / "formats"
TEXT = FIXTURES / "sample_notice.txt"

_spec = importlib.util.spec_from_file_location("make_format_fixtures",
                                               FIXTURES / "make_format_fixtures.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

needs_soffice = pytest.mark.skipif(office.soffice() is None,
                                   reason="LibreOffice (soffice) is not installed")
needs_ofdkit = pytest.mark.skipif(importlib.util.find_spec("ofdkit") is None,
                                  reason="the ofdkit package is not installed")


def signature(doc):
    return [(c.path, [u.name for u in c.lead_units]) for c in doc.clauses]


def head(doc):
    return (doc.title, doc.doc_number, doc.issuer, doc.signed_date, doc.body_title)


@pytest.fixture(scope="module")
def text_doc():
    return ingest.parse(TEXT)


def one_sentence(message: str, name: str) -> None:
    assert message.startswith(name + ": ")
    assert message.count("\n") == 0 and message.endswith(".")


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize("ext", ["doc", "wps", "odt", "rtf", "ofd"])
def test_sniff_knows_each_format_from_its_bytes(ext):
    data = (FORMATS / f"sample_notice.{ext}").read_bytes()
    assert sniff(data, f"notice.{ext}") == ext
    # Content first: a misnamed file is still read as what it is (.wps only by name).
    assert sniff(data, "notice.txt") == ("doc" if ext == "wps" else ext)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, name, words",
    [
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
               "content.xml": b"<x/>"}), "plan.ods", "OpenDocument spreadsheet (.ods)"),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "tasks.xlsx",
         "Excel .xlsx workbook"),
        (_zip({"readme.txt": b"hello"}), "bundle.zip", "zip archive, not a document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200 + "Workbook".encode("utf-16-le")
         + b"\0" * 200, "tasks.xls", "Excel .xls workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc", "old binary Word"),
        ("一、总体要求".encode(), "notice.odt", "not a OpenDocument .odt file"),
        ("一、总体要求".encode(), "notice.ofd", "not a OFD file"),
        ("一、总体要求".encode(), "notice.rtf", "not an RTF file"),
    ],
)
def test_refused_formats_are_named_in_one_sentence(data, name, words):
    with pytest.raises(ingest.UnsupportedFormat) as info:
        ingest.parse_bytes(data, name)
    message = str(info.value)
    one_sentence(message, name)
    assert words in message
    assert "Word .docx" not in message  # the old wrong explanation for .odt and OFD


def test_password_protected_office_files_are_refused():
    ole = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 300
           + "EncryptedPackage".encode("utf-16-le") + b"\0" * 300)
    with pytest.raises(ingest.EncryptedDocument):
        ingest.parse_bytes(ole, "locked.doc")  # an encrypted .docx under an old name
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": b"\x8a\x01garbled",
                "META-INF/manifest.xml": b'<manifest:manifest><manifest:file-entry '
                b'manifest:full-path="content.xml"><manifest:encryption-data/>'
                b"</manifest:file-entry></manifest:manifest>"})
    with pytest.raises(ingest.EncryptedDocument):
        ingest.parse_bytes(odt, "locked.odt")


def test_web_page_saved_as_doc_is_read_as_html():
    page = "<html><body><p>一、总体要求</p><p>（一）推进改革。（省发展改革委牵头）</p></body></html>"
    doc = ingest.parse_bytes(page.encode(), "notice.doc")
    assert doc.format == "html"
    assert doc.clauses[0].lead_units[0].as_written == "省发展改革委"


# --------------------------------------------------------------------------- LibreOffice


@needs_soffice
@pytest.mark.parametrize("ext", ["doc", "wps", "odt", "rtf"])
def test_office_formats_give_the_clauses_of_the_text_version(ext, text_doc):
    doc = ingest.parse(FORMATS / f"sample_notice.{ext}")
    assert doc.format == ext
    assert signature(doc) == signature(text_doc)
    assert head(doc) == head(text_doc)
    assert doc.text == text_doc.text  # Word's automatic numbering (1. 2.) rebuilt too
    assert office.last_seconds < 60


@needs_soffice
def test_parallel_conversions_do_not_share_a_profile():
    paths = [FORMATS / "sample_notice.odt", FORMATS / "sample_notice.rtf"]
    with ThreadPoolExecutor(2) as pool:
        docs = list(pool.map(ingest.parse, paths))
    assert signature(docs[0]) == signature(docs[1]) != []


@needs_soffice
def test_damaged_doc_names_the_format_to_save_as():
    data = (FORMATS / "sample_notice.doc").read_bytes()
    broken = data[:512] + bytes(4096 - 512) + data[4096:]  # the Word header zeroed
    with pytest.raises(ingest.UnsupportedFormat) as info:
        ingest.parse_bytes(broken, "broken.doc")
    one_sentence(str(info.value), "broken.doc")
    assert "could not be converted" in str(info.value) and ".docx" in str(info.value)


@needs_soffice
def test_conversion_time_limit_is_enforced(monkeypatch):
    monkeypatch.setattr(office, "TIMEOUT", 0.01)
    with pytest.raises(ingest.UnsupportedFormat) as info:
        ingest.parse(FORMATS / "sample_notice.odt")
    assert "took over" in str(info.value)


def test_without_libreoffice_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    monkeypatch.setattr(office.shutil, "which", lambda name: None)  # no antiword either
    for ext, words in (("odt", "OpenDocument (.odt)"), ("rtf", "RTF"), ("doc", "antiword"),
                       ("wps", "WPS (.wps)")):
        with pytest.raises(ingest.UnsupportedFormat) as info:
            ingest.parse(FORMATS / f"sample_notice.{ext}")
        message = str(info.value)
        one_sentence(message, str(FORMATS / f"sample_notice.{ext}"))
        assert words in message and "LibreOffice" in message
        assert "libreoffice-writer" in message and "save it as .docx" in message


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed")
@pytest.mark.parametrize("ext", ["doc", "wps"])
def test_antiword_reads_doc_when_libreoffice_is_missing(monkeypatch, ext, text_doc):
    monkeypatch.setattr(office, "soffice", lambda: None)
    doc = ingest.parse(FORMATS / f"sample_notice.{ext}")
    assert head(doc) == head(text_doc)
    # antiword drops Word's automatic numbering, so the 1. and 2. under (三) become two
    # paragraphs of (三); every clause keeps its lead units.
    assert signature(doc) == [(path[:2], units) for path, units in signature(text_doc)]


# --------------------------------------------------------------------------- OFD


@needs_ofdkit
def test_ofd_gives_the_text_and_clauses_of_the_text_version(text_doc):
    fmt, blocks = load((FORMATS / "sample_notice.ofd").read_bytes(), "notice.ofd")
    assert fmt == "ofd" and not ocr_used(blocks)
    doc = ingest.parse(FORMATS / "sample_notice.ofd")
    assert doc.format == "ofd"
    # Lines re-joined into paragraphs across two pages, page numbers gone, a line set
    # one character per TextObject read as one line.
    assert doc.text == text_doc.text
    assert signature(doc) == signature(text_doc)
    assert head(doc) == head(text_doc)


@needs_ofdkit
def test_fixture_ofd_has_the_standard_structure(tmp_path):
    path = make.write_ofd(tmp_path / "n.ofd", TEXT.read_text(encoding="utf-8").splitlines(),
                          "通知")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml",
                "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Pages/Page_1/Content.xml"} <= names
        assert b"<ofd:Font " in archive.read("Doc_0/PublicRes.xml")
    assert ingest.parse(path).text == ingest.parse(FORMATS / "sample_notice.ofd").text


def test_ofd_without_ofdkit_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ofdkit", None)
    with pytest.raises(ingest.UnsupportedFormat) as info:
        ingest.parse(FORMATS / "sample_notice.ofd")
    assert "pip install ofdkit" in str(info.value) and "PDF" in str(info.value)


@needs_ofdkit
def test_damaged_ofd_is_refused():
    data = _zip({"OFD.xml": b"<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>"
                            b"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
                            b"</ofd:OFD>"})
    with pytest.raises(ingest.UnsupportedFormat) as info:
        ingest.parse_bytes(data, "broken.ofd")
    assert "damaged OFD" in str(info.value)
    one_sentence(str(info.value), "broken.ofd")


def test_positioned_lines_become_paragraphs():
    def line(text, x0, top, x1=190.0):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 5, "size": 5}

    page = [line("一、总体要求", 38, 10, 70), line("（一）加强领导。各地要建立", 38, 20),
            line("工作机制，抓好落实。（省发展", 28, 30), line("改革委牵头）", 28, 40, 60),
            line("2024年计划完成10", 38, 50), line("0项。", 28, 60, 40),
            line("— 1 —", 95, 280, 110)]
    texts = [b.text for b in ofd.paragraph_blocks([(page, 297)])]
    assert texts == ["一、总体要求", "（一）加强领导。各地要建立工作机制，抓好落实。（省发展改革委牵头）",
                     "2024年计划完成100项。"]


# --------------------------------------------------------------------------- OCR'd text layers


def test_unspace_and_detection():
    assert ocr.unspace("（ 省 发 展 改 革 委 牵头 ）") == "（省发展改革委牵头）"
    assert ocr.unspace("1 .促进 区 域 协 同 ,推进 “ 科 创 + 产业") == "1.促进区域协同,推进“科创+产业"
    assert ocr.unspace("到 2025 年 培育 5G 基站") == "到2025年培育5G基站"
    assert ocr.spaced_out("省 发 展 改 革 委 牵头 实 施 重 大 项 目 建 设")
    assert not ocr.spaced_out("山东省科学技术厅 山东省财政厅关于印发山东省科技成果转化三年行动计划的通知")


def test_ocr_misreadings_of_markers_and_notes_are_repaired():
    assert ocr.fix_common("（省科技厅、省发展改革委奉头）") == "（省科技厅、省发展改革委牵头）"
    assert ocr.fix_common("(省商务厅它头,省财政厅配合)") == "(省商务厅牵头,省财政厅配合)"
    assert ocr.fix_common("(省农业农村厅牵尖)") == "(省农业农村厅牵头)"
    assert ocr.fix_common("培育龙头企业，发挥带头作用)") == "培育龙头企业，发挥带头作用)"
    assert ocr.repair_markers(["三、重要举措", "(一)实施", "1.甲", "全)实施科技", "人三)实施",
                               "(和六)实施", "四、组织保障", "他)是"]) == [
        "三、重要举措", "(一)实施", "1.甲", "(二)实施科技", "(三)实施", "(六)实施",
        "四、组织保障", "他)是"]


def _spaced_pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = ["关 于 加 强 科 技 创新 工作 的 通知", "一 、 总 体 要求",
             "（ 一 ） 建 设 中 试 平台 。 到 2025 年 建成 50 家 以 上 。 （ 省 科技 厅 牵头 ）",
             "（ 二 ） 推进 改 革 。 深化 放 管 服 改 革 。 （ 省 发 展 改 革 委 牵头 ）"]
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.setFont("STSong-Light", 11)
    for i, text in enumerate(lines):
        c.drawString(72 + (22 if i > 1 else 0), 760 - 24 * i, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_pdf_text_layer_that_spaces_characters_is_joined_and_flagged():
    data = _spaced_pdf()
    fmt, blocks = load(data, "ocred.pdf")
    assert fmt == "pdf" and ocr_used(blocks)
    doc = ingest.parse_bytes(data, "ocred.pdf")
    assert "省发展改革委牵头" in doc.text and "到2025年建成50家以上" in doc.text
    assert [(c.path, [u.as_written for u in c.lead_units]) for c in doc.clauses] == [
        (("一", "(一)"), ["省科技厅"]), (("一", "(二)"), ["省发展改革委"])]


def test_born_digital_pdf_is_not_touched():
    data = (FIXTURES / "sample_notice.pdf").read_bytes()
    fmt, blocks = load(data, "notice.pdf")
    assert not ocr_used(blocks)
    assert any("山东省科学技术厅 山东省财政厅" in b.text for b in blocks)  # a real space stays


def test_tesseract_tsv_lines():
    tsv = "\n".join([
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext",
        "4\t1\t1\t1\t1\t0\t100\t200\t900\t60\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t200\t120\t60\t91\t(省",
        "5\t1\t1\t1\t1\t2\t225\t200\t60\t60\t90\t发",
        "5\t1\t1\t1\t1\t3\t290\t200\t120\t60\t88\t展改",
        "5\t1\t1\t1\t1\t4\t500\t200\t100\t60\t95\t牵头)",
        "4\t1\t1\t1\t2\t0\t100\t300\t400\t60\t-1\t",
        "5\t1\t1\t1\t2\t1\t100\t300\t120\t60\t93\t5G",
        "5\t1\t1\t1\t2\t2\t240\t300\t160\t60\t92\tnetwork",
    ])
    lines = ocr.tsv_lines(tsv)
    assert [ln["text"] for ln in lines] == ["(省发展改 牵头)", "5G network"]
    assert lines[0]["x0"] == 100 and lines[0]["bottom"] == 260 and lines[0]["conf"] == 91


# --------------------------------------------------------------------------- scans


needs_ocr = pytest.mark.skipif(ocr.missing() is not None,
                               reason=f"OCR is not available: {ocr.missing()}")


@pytest.fixture(scope="session")
def scan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scan")
    lines = make.scan_lines()
    rows = make.write_scan_pdf(folder / "scan_notice.pdf", lines)
    (folder / "scan_notice.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder / "scan_notice.pdf", folder / "scan_notice.txt", "".join(rows[0])


def _normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _cer(reference: str, hypothesis: str) -> float:
    a, b = _normal(reference), _normal(hypothesis)
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1] / len(a)


@needs_ocr
def test_scanned_pdf_is_read_by_ocr(scan):
    pdf, txt, printed = scan
    assert len(pdf.read_bytes()) > 100_000
    progress: list[str] = []
    with ocr.reporting(progress.append):
        fmt, blocks = load(pdf.read_bytes(), "scan_notice.pdf")
        doc = ingest.parse(pdf)
    assert fmt == "pdf" and ocr_used(blocks) and "chi_sim" in blocks.engine
    assert progress[0].startswith("scan_notice.pdf: OCR page 1/1: ")
    truth = ingest.parse(txt)
    assert _cer(printed, doc.text) < 0.03
    assert signature(doc) == signature(truth)
    last = doc.clauses[-1]
    assert last.note == "省科技厅、省市场监管局、省教育厅牵头"
    assert [u.as_written for u in last.lead_units] == ["省科技厅", "省市场监管局", "省教育厅"]


def test_scan_without_ocr_keeps_the_refusal(monkeypatch, scan):
    monkeypatch.setattr(ocr, "missing", lambda: "Tesseract (apt-get install tesseract-ocr)")
    with pytest.raises(ingest.NoTextLayer) as info:
        ingest.parse(scan[0])
    assert "run OCR on it first" in str(info.value)
    one_sentence(str(info.value), str(scan[0]))


@needs_ocr
def test_long_scans_are_refused_before_ocr(monkeypatch, scan):
    monkeypatch.setattr(ocr, "MAX_PAGES", 0)
    with pytest.raises(ingest.NoTextLayer) as info:
        ingest.parse(scan[0])
    assert "more than the 0 that are OCR'd" in str(info.value)
    assert "POLICYKB_OCR_MAX_PAGES" in str(info.value)


@needs_ocr
def test_blank_scan_says_ocr_found_nothing():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (850, 1100), 255).save(buffer, "PDF", resolution=100)
    with pytest.raises(ingest.NoTextLayer) as info:
        ingest.parse_bytes(buffer.getvalue(), "blank.pdf")
    assert "OCR found no text" in str(info.value)
    one_sentence(str(info.value), "blank.pdf")
