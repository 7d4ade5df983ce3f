"""The same notice, whoever produced the file: the seed notice rendered by LibreOffice
(ragged right, two columns), Chromium's "Save as PDF" (header/footer, CSS columns, a
borderless task table), pdftotext and a hard wrap, and Word/HTML with layout tables must
give the clauses, lead/cooperating units and targets of its text version.

The renderings are made once per session by tests/fixtures/make_render_fixtures.py into
a temporary folder; those needing soffice, chromium or pdftotext are skipped without them.
Per-rendering F1 is printed at the end of the run. Plus unit tests of ``reflow`` on
literal lines, and reportlab-drawn two-column and borderless-table pages that need no
outside tool.
"""

from __future__ import annotations

import importlib.util
import io
import re
from collections import Counter

import pytest

import ingest
from ingest.loaders import pdf as pdf_loader
from ingest.loaders import reflow as rf
from ingest.loaders import text as text_loader
from ingest.loaders.reflow import Line

from .conftest import FIXTURES, SEED

# rendering -> the tool it needs (None: python-docx or plain Python only)
SEED_RENDERINGS = {
    "lo_ragged.pdf": "soffice",
    "lo_ragged.docx": None,
    "chromium_print.pdf": "chromium",
    "lo_two_column.pdf": "soffice",
    "lo_two_column.docx": None,
    "chromium_columns.pdf": "chromium",
    "pdftotext_layout.txt": "soffice and pdftotext",
    "pdftotext_plain.txt": "chromium and pdftotext",
    "wrapped38.txt": None,
    "nested_tables.docx": None,
    "nested_tables.html": None,
}
_LEAK = re.compile(r"(?:https?|file)://|\bwww\.|(?<![\d.])\d{1,3}\s*/\s*\d{1,3}(?![\d.])|\b[AP]M\b")
_RESULTS: dict[str, tuple[float, float, str]] = {}


def _builder():
    spec = importlib.util.spec_from_file_location("make_render_fixtures",
                                                  FIXTURES / "make_render_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def renders(tmp_path_factory):
    return _builder().build(tmp_path_factory.mktemp("renders"))


@pytest.fixture(scope="session", autouse=True)
def _report(request):
    yield
    if not _RESULTS:
        return
    lines = ["", "rendering                 lead F1  coop F1  note"]
    lines += [f"{name:<25} {lead:7.3f}  {coop:7.3f}  {note}"
              for name, (lead, coop, note) in sorted(_RESULTS.items())]
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is None:
        print("\n".join(lines))
        return
    with capture.global_and_fixture_disabled():
        print("\n".join(lines))


def _rendering(renders, name: str, tool: str | None):
    if name not in renders:
        pytest.skip(f"{name}: {tool or 'its writer'} is not available")
    return renders[name]


# ------------------------------------------------------------------ scoring


def unit_items(doc, role: str, kind: str | None = None) -> Counter:
    """(path, seq, unit name) of every unit in ``role`` (lead/coop)."""
    return Counter((c.path, c.seq, u.name) for c in doc.clauses
                   for u in getattr(c, f"{role}_units") if kind is None or c.kind == kind)


def f1(expected: Counter, got: Counter) -> float:
    if not expected and not got:
        return 1.0
    hits = sum((expected & got).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(got.values()), hits / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def targets(doc) -> Counter:
    return Counter((c.path, c.seq, t.metric, t.value, t.unit, t.year)
                   for c in doc.clauses for t in c.targets)


def test_f1_helper():
    a = Counter({("一",): 1, ("二",): 1})
    assert f1(a, a) == 1.0 and f1(a, Counter()) == 0.0 and f1(Counter(), Counter()) == 1.0
    assert f1(a, Counter({("一",): 1})) == pytest.approx(2 / 3)


# ------------------------------------------------------------------ renderings


@pytest.mark.parametrize("name", sorted(SEED_RENDERINGS))
def test_rendering_keeps_clauses_units_and_targets(name, renders, seed_doc):
    path = _rendering(renders, name, SEED_RENDERINGS[name])
    doc = ingest.parse(path)
    lead = f1(unit_items(seed_doc, "lead"), unit_items(doc, "lead"))
    coop = f1(unit_items(seed_doc, "coop"), unit_items(doc, "coop"))
    _RESULTS[name] = (lead, coop, f"{len(doc.clauses)} clauses")
    assert lead >= 0.97, name
    assert coop >= 0.9, name
    assert {c.path for c in doc.clauses} == {c.path for c in seed_doc.clauses}
    assert targets(doc) == targets(seed_doc)
    leaks = [c.text for c in doc.clauses if _LEAK.search(c.text)]
    assert not leaks, leaks[:1]


def test_chromium_single_page_drops_header_and_footer(renders):
    path = _rendering(renders, "chromium_sample.pdf", "chromium")
    doc = ingest.parse(path)
    plain = ingest.parse(FIXTURES / "sample_notice.txt")
    assert [(c.path, [u.name for u in c.lead_units], [u.name for u in c.coop_units])
            for c in doc.clauses] == [
        (c.path, [u.name for u in c.lead_units], [u.name for u in c.coop_units])
        for c in plain.clauses]
    assert not any(_LEAK.search(c.text) for c in doc.clauses)
    _RESULTS["chromium_sample.pdf"] = (
        f1(unit_items(plain, "lead"), unit_items(doc, "lead")),
        f1(unit_items(plain, "coop"), unit_items(doc, "coop")), f"{len(doc.clauses)} clauses")


def test_borderless_task_table_top_aligned(renders):
    """22 rows, cells aligned to the top, header 序号/重点任务/具体措施/牵头单位/配合单位/完成时限."""
    path = _rendering(renders, "table_top.pdf", "chromium")
    doc = ingest.parse(path)
    ruled = ingest.parse(FIXTURES / "task_table_notice.docx")
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert [c.path for c in rows] == [("表1", f"第{n}项") for n in range(1, 23)]
    lead = f1(unit_items(ruled, "lead", "table_row"), unit_items(doc, "lead", "table_row"))
    coop = f1(unit_items(ruled, "coop", "table_row"), unit_items(doc, "coop", "table_row"))
    _RESULTS["table_top.pdf"] = (lead, coop, f"{len(rows)} rows")
    assert lead == 1.0 and coop == 1.0
    expected = [l.split("\t") for l in (FIXTURES / "task_table_rows.tsv").read_text(
        encoding="utf-8").splitlines()[1:] if l.strip()]
    blocks = pdf_loader.load(path.read_bytes(), path.name)
    cells = [list(b.cells) for b in blocks if b.kind == "table_row" and b.cells[0] != "序号"]
    merged = []  # a row cut by the page break goes on in a row without 序号
    for row in cells:
        if not row[0] and merged:
            merged[-1] = [a + b for a, b in zip(merged[-1], row)]
        else:
            merged.append(row)
    assert merged == expected


def test_borderless_task_table_centred_cells_wrapping(renders, seed_doc):
    """35 rows built from the seed, cells centred vertically and wrapping over up to
    seven lines, rows cut by page breaks."""
    path = _rendering(renders, "table_seed.pdf", "chromium")
    doc = ingest.parse(path)
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    noted = [c for c in seed_doc.clauses if c.lead_units]
    assert len(rows) == len(noted) == 35

    def expected(role):
        return Counter((("表1", f"第{n}项"), 1, u.name) for n, c in enumerate(noted, 1)
                       for u in getattr(c, f"{role}_units"))

    lead = f1(expected("lead"), unit_items(doc, "lead", "table_row"))
    coop = f1(expected("coop"), unit_items(doc, "coop", "table_row"))
    _RESULTS["table_seed.pdf"] = (lead, coop, f"{len(rows)} rows")
    assert lead >= 0.97 and coop >= 0.9
    # Each task cell holds its own clause text, whole: no line went to a neighbour.
    source = _builder().seed_task_rows()
    norm = lambda s: re.sub(r"[\s,，]", "", s)  # noqa: E731
    assert [norm(c.heading) for c in rows] == [norm(r[1]) for r in source]


def test_docx_with_columns_reads_in_order(renders, seed_doc):
    path = _rendering(renders, "lo_two_column.docx", None)
    from docx import Document

    assert Document(str(path)).sections[-1]._sectPr.xpath("./w:cols/@w:num") == ["2"]
    doc = ingest.parse(path)
    assert [c.text for c in doc.clauses] == [c.text for c in seed_doc.clauses]


# ------------------------------------------------------------------ reportlab pages


def _two_column_pdf(paragraphs: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("b", fontName="STSong-Light", fontSize=10, leading=15,
                           firstLineIndent=20, wordWrap="CJK")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4)
    width = (A4[0] - 40 * mm - 8 * mm) / 2
    frames = [Frame(20 * mm, 20 * mm, width, A4[1] - 40 * mm, id="left"),
              Frame(20 * mm + width + 8 * mm, 20 * mm, width, A4[1] - 40 * mm, id="right")]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    doc.build([Paragraph(p, style) for p in paragraphs])
    return buffer.getvalue()


def test_two_column_page_reads_left_column_first():
    lines = [l.strip() for l in SEED.read_text(encoding="utf-8").splitlines()]
    body = [l for l in lines if re.match(r"^(?:\(|（)[一二三四五六七]", l) or re.match(r"^\d\.", l)]
    data = _two_column_pdf(body[:14])
    blocks = pdf_loader.load(data, "columns.pdf")
    assert [b.text for b in blocks] == body[:14]


def test_borderless_table_without_rulings_gives_rows():
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cell = ParagraphStyle("c", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    rows = [l.split("\t") for l in (FIXTURES / "task_table_rows.tsv").read_text(
        encoding="utf-8").splitlines() if l.strip()]
    data = [[Paragraph(c, cell) for c in row] for row in rows]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([
        Paragraph("附件：重点任务分工表", cell),
        Table(data, colWidths=[30, 80, 120, 80, 100, 60],
              style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))])
    blocks = pdf_loader.load(buffer.getvalue(), "borderless.pdf")
    got = [list(b.cells) for b in blocks if b.kind == "table_row"]
    assert got[0] == rows[0]
    assert [r for r in got[1:] if r[0] != "序号"] == rows[1:]


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
@pytest.mark.parametrize("turned", [False, True])
def test_turned_pages_read_along_their_text(rotate, turned):
    """/Rotate with text drawn upright in page space (a page turned in a viewer), or
    with text drawn turned so that the rotated page shows it upright."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = ["一、总体要求", "（一）加强领导。建立机制，抓好落实。（省发展改革委牵头）",
             "（二）强化保障。（省科技厅负责）"]
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.setPageRotation(rotate)
    c.setFont("STSong-Light", 12)
    if turned:
        c.translate(300, 420)
        c.rotate(-rotate)
        c.translate(-300, -420)
    for i, line in enumerate(lines):
        c.drawString(72, 706 - 20 * i, line)
    c.showPage()
    c.save()
    assert [b.text for b in pdf_loader.load(buffer.getvalue(), "turned.pdf")] == lines


def test_frame_and_shaded_box_are_not_tables():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.rect(40, 40, 515, 760)  # a frame round the page
    c.setFillGray(0.9)
    c.rect(60, 700, 300, 24, fill=1, stroke=1)  # a shaded box behind the heading
    c.setFillGray(0)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 706, "一、总体要求")
    c.drawString(72, 670, "（一）加强领导。建立机制，抓好落实。（省发展改革委牵头）")
    c.showPage()
    c.save()
    blocks = pdf_loader.load(buffer.getvalue(), "framed.pdf")
    assert [(b.kind, b.text) for b in blocks] == [
        ("line", "一、总体要求"), ("line", "（一）加强领导。建立机制，抓好落实。（省发展改革委牵头）")]


# ------------------------------------------------------------------ reflow on literal lines

W = 30.0  # column width in characters


def L(text, x0=0.0, x1=None):  # noqa: N802
    """A line of ``text`` starting x0 characters in; x1 defaults to its own length."""
    return Line(text, x0, x0 + len(text) if x1 is None else x1)


def test_note_broken_over_two_lines_is_joined():
    lines = [L("4.加速推进科技成果转化。打通最后一公里。(省科技", 2, W - 4),  # ended short
             L("厅、省市场监管局、省教育厅牵头)"),
             L("5.下一项。")]
    assert rf.reflow(lines, W) == ["4.加速推进科技成果转化。打通最后一公里。(省科技厅、省市场监管局、省教育厅牵头)",
                                   "5.下一项。"]
    # The bracket stays open across any number of lines, even past a marker-like start.
    lines = [L("(省发展改革委、", 0, W - 10), L("1.省直部门、", 0, W - 12), L("省财政厅牵头)")]
    assert rf.reflow(lines, W) == ["(省发展改革委、1.省直部门、省财政厅牵头)"]
    # A bracket never closed (a typo) does not swallow the next section.
    lines = [L("（一）加强领导。（省发展改革委牵头，省财政厅配合。", 2, W - 3), L("（二）强化保障。")]
    assert len(rf.reflow(lines, W)) == 2


def test_unit_name_is_never_cut_by_a_short_line():
    lines = [L("3.推进产业链融链固链。由省工业和信", 2, 20), L("息化厅负责。")]
    assert rf.reflow(lines, W) == ["3.推进产业链融链固链。由省工业和信息化厅负责。"]
    assert rf.unit_across("由省工业和信", "息化厅负责。")
    assert not rf.unit_across("现代服务业集聚区达", "120家")


def test_heading_markers_start_paragraphs():
    for marker in ("一、", "(二)", "（三）", "4.", "（5）", "⑥", "第七条"):
        lines = [L("积极争取中央转移支付资金落实省级转移支付资金加大对", 0, W), L(marker + "下一段")]
        assert len(rf.reflow(lines, W)) == 2, marker
    assert len(rf.reflow([L("增长达到", 0, W), L("1.5%以上")], W)) == 1  # 1.5 is no marker


def test_sentence_end_and_indents():
    full = "推进县域商业三年行动计划打造一批全国县域商业领跑县。"
    # No indents in the document: a sentence end at the line end ends the paragraph.
    assert len(rf.reflow([L(full, 0, W), L("支持城市中心区发展总部经济。")], W)) == 2
    # Paragraphs start indented: a flush-left line after a full line goes on.
    going = "推进县域商业三年行动计划打造一批全国县域商业领跑县和"
    lines = [L(going, 2, W), L("支持城市中心区发展总部经济。", 0),
             L(going, 2, W), L(full, 0, W), L("下一段的第二行，第三行。", 0),
             L(going, 2, W), L("第三段的结束。", 0), L(going, 2, W), L("第四段的结束。", 0)]
    assert rf.uses_indents(lines)
    assert len(rf.reflow(lines, W)) == 4
    # An indented line always starts a paragraph; a closing note ends one.
    assert len(rf.reflow([L("一段话没有结束", 0, W), L("缩进的新段落", 2)], W)) == 2
    assert rf.closes_note("……协同发展。(省发展改革委牵头,省有关部门配合)")
    assert not rf.closes_note("……三年行动方案(2023-2025年)")


def test_short_lines_break_but_forced_wraps_join():
    # A heading with no stop: the line is short.
    assert len(rf.reflow([L("一、主要目标"), L("坚持以习近平新时代中国特色社会主义思想为指导", 0, W)], W)) == 2
    # "2023-2025年" could not fit in the gap: the line above is full for it.
    lines = [L("实施特色强县示范计划。在", 0, W - 4), L("2023-2024年围绕工业开展工作。")]
    assert rf.reflow(lines, W) == ["实施特色强县示范计划。在2023-2024年围绕工业开展工作。"]
    # Quotation marks stick to their neighbours (no break between 里” and 和“).
    assert rf.first_unit_width("里”和“最后一公里") == 5
    assert rf.first_unit_width("，推动") == 1 and rf.first_unit_width("厅、省") == 2


def test_centred_and_right_aligned_lines_stand_alone():
    lines = [L("山东省人民政府", 11), L("关于印发山东省县域经济高质量发展", 7),
             L("各市人民政府各县市区人民政府省政府各部门各直属机构", 0, W), L("各大企业各高等院校：", 0),
             L("山东省人民政府", 23), L("2023年11月11日", 22)]
    assert rf.reflow(lines, W) == ["山东省人民政府", "关于印发山东省县域经济高质量发展",
                                   "各市人民政府各县市区人民政府省政府各部门各直属机构各大企业各高等院校：",
                                   "山东省人民政府", "2023年11月11日"]


def test_join_keeps_latin_spaces_not_number_breaks():
    assert rf.join("Tech", "Transfer") == "Tech Transfer"
    assert rf.join("到2", "025年") == "到2025年"
    assert rf.join("模式", "试点") == "模式试点"


def test_furniture_patterns_and_repetition():
    for text in ("— 3 —", "-12-", "第3页 共5页", "1/5", "Page 2 of 9", "file:///tmp/a.html",
                 "https://www.shandong.gov.cn/art/2023/12/25/art_1.html", "11/27/26, 9:02 AM",
                 "2023/12/25 下午4:46"):
        assert rf.furniture_pattern(text), text
    for text in ("2025", "2024-12-31", "2025年底前", "一、主要目标", "30"):
        assert not rf.furniture_pattern(text), text
    body = ["一、主要目标", "二、重点任务", "三、重要举措", "四、组织保障", "（一）提高政治站位"]
    pages = [[("山东省人民政府公报", 0.03), (body[p - 1], 0.1), (f"— {p} —", 0.95)]
             for p in range(1, 6)]
    assert rf.repeated(pages, tolerance=0.02) == {(p, i) for p in range(5) for i in (0, 2)}
    assert rf.repeated(pages[:1], tolerance=0.02) == set()


def test_hard_wrapped_text_is_recognised_and_rejoined():
    seed = SEED.read_text(encoding="utf-8")
    assert text_loader.hard_wrapped(seed.splitlines()) is None  # one paragraph a line
    wrapped = _builder().wrap(_builder().seed_lines())
    assert text_loader.hard_wrapped(wrapped.splitlines()) == ("chars", 38.0)
    blocks = text_loader.load(wrapped.encode(), "wrapped.txt")
    texts = [b.text for b in blocks]
    assert "二、重点任务" in texts
    assert any(t.endswith("(省发展改革委牵头,省有关部门配合)") and t.startswith("(一)实施经济强县领跑计划")
               for t in texts)


def test_text_pages_lose_their_furniture():
    pages = []
    for p in range(1, 4):
        body = "\n".join(["坚持以高质量发展为主线推动强县进位弱县赶超全省县域经济总量产业层次",
                          "财政实力均有较大提升关键性改革取得重要突破城乡区域发展差距不断缩",
                          "小生态环境质量持续改善综合竞争力显著增强。"] * 3)
        pages.append(f"11/27/26, 9:02 AM\n山东省人民政府关于印发某方案的通知\n{body}\n"
                     f"file:///tmp/notice.html\n{p}/3\n")
    blocks = text_loader.load("\f".join(pages).encode(), "dump.txt")
    texts = "\n".join(b.text for b in blocks)
    assert "file://" not in texts and "AM" not in texts and "/3" not in texts
    assert "印发某方案" not in texts  # the title a browser repeats at the top of each page


# ------------------------------------------------------------------ layout tables


def _docx(build) -> bytes:
    from docx import Document

    doc = Document()
    build(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_docx_box_table_is_a_container_and_data_table_stays_rows():
    from ingest.loaders import docx as docx_loader

    def build(doc):
        box = doc.add_table(rows=1, cols=1).cell(0, 0)
        box.paragraphs[0].text = "一、总体要求"
        box.add_paragraph("（一）加强领导。建立机制。（省发展改革委牵头）")
        inner = box.add_table(rows=2, cols=3)  # a data table inside the box
        for c, text in enumerate(("序号", "重点任务", "牵头单位")):
            inner.cell(0, c).text = text
        for c, text in enumerate(("1", "推进改革", "省财政厅")):
            inner.cell(1, c).text = text
        box.add_paragraph("（二）强化保障。（省科技厅负责）")

    blocks = docx_loader.load(_docx(build), "box.docx")
    assert [(b.kind, b.text) for b in blocks] == [
        ("line", "一、总体要求"), ("line", "（一）加强领导。建立机制。（省发展改革委牵头）"),
        ("table_row", "序号 重点任务 牵头单位"), ("table_row", "1 推进改革 省财政厅"),
        ("line", "（二）强化保障。（省科技厅负责）")]


def test_html_layout_and_data_tables():
    from ingest.loaders import html as html_loader

    page = ("<html><body><div id='zoom'><table><tr><td width=10>&nbsp;</td><td>一、总体要求<br>"
            "（一）加强领导。（省发展改革委牵头）<br>（二）强化保障。（省科技厅负责）</td></tr></table>"
            "<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>"
            "<tr><td><p>1</p></td><td><p>推进改革</p></td><td><p>省财政厅</p></td></tr></table>"
            "</div></body></html>")
    blocks = html_loader.load(page.encode(), "page.html")
    assert [(b.kind, b.text) for b in blocks] == [
        ("line", "一、总体要求"), ("line", "（一）加强领导。（省发展改革委牵头）"),
        ("line", "（二）强化保障。（省科技厅负责）"), ("table_row", "序号 重点任务 牵头单位"),
        ("table_row", "1 推进改革 省财政厅")]
