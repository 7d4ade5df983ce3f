"""PDF and DOCX specifics: page furniture, task-division tables, Word numbering, and
files that must be refused."""

import io
import zipfile

import pytest

import ingest
from ingest.loaders import docx as docx_loader
from ingest.loaders import pdf as pdf_loader
from ingest.records import Block
from ingest.tables import header_map, task_rows

from .conftest import FIXTURES

ROWS = {2: ("夯实数字基础设施", ["省通信管理局"], ["省住房城乡建设厅"], "2024年底前"),
        3: ("夯实数字基础设施", ["省大数据局"], ["省发展改革委", "省能源局"], "2025年底前"),
        14: ("提升数字治理能力", ["省大数据局"], ["省政府办公厅"], "2024年底前"),
        20: ("强化保障措施", ["省委网信办"], ["省公安厅", "省大数据局"], "长期坚持"),
        22: ("强化保障措施", ["省政府办公厅"], ["省有关部门"], "持续推进")}


@pytest.mark.parametrize("name", ["task_table_notice.pdf", "task_table_notice.docx"])
def test_task_table_gives_one_clause_per_row(name):
    doc = ingest.parse(FIXTURES / name)
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert [c.path for c in rows] == [("表1", f"第{n}项") for n in range(1, 23)]
    for n, (task, lead, coop, deadline) in ROWS.items():
        clause = rows[n - 1]
        assert clause.heading == task  # merged 重点任务 cells apply to each row
        assert [u.as_written for u in clause.lead_units] == lead
        assert [u.as_written for u in clause.coop_units] == coop
        assert clause.deadlines[0] == deadline
    assert rows[0].targets[0].value == 2 and rows[0].targets[0].unit == "万个"
    assert rows[0].targets[0].year == 2024  # from the 完成时限 column
    assert doc.attachments == ("重点任务分工表",)


def test_pdf_page_furniture_is_removed():
    blocks = pdf_loader.load((FIXTURES / "task_table_notice.pdf").read_bytes(), "t.pdf")
    texts = [b.text for b in blocks]
    assert not any("— 1 —" in t or "— 2 —" in t for t in texts)
    assert "山东省人民政府文件" not in texts  # the running header of both pages
    # A sentence broken by the line end is one paragraph again.
    assert "到2025年，数字经济核心产业增加值占地区生产总值比重达到10%以上。" in texts
    # The header row repeated on page 2 is in the blocks but not a clause.
    assert sum(1 for b in blocks if b.cells and b.cells[0] == "序号") == 2


def test_spaces_between_chinese_and_digits_go():
    assert pdf_loader._CJK_SPACE.sub("", "鲁政字〔2023〕 209 号 2023 年") == "鲁政字〔2023〕209号2023年"
    assert pdf_loader._CJK_SPACE.sub("", "EOD 模式 与 Tech Transfer") == "EOD 模式 与 Tech Transfer"


def _row(*cells):
    return Block(" ".join(cells), 0, 1, kind="table_row", cells=tuple(cells))


def test_table_rows_continue_across_a_page_break_and_spans_fill_down():
    header = _row("序号", "重点任务", "具体措施", "责任单位", "完成时限")
    assert header_map(header.cells) == {"seq": 0, "task": 1, "measure": 2, "lead": 3, "deadline": 4}
    rows = task_rows([
        header,
        _row("1", "优化营商环境", "推行一网通办，", "省大数据局、", "2024年底前"),
        _row("", "", "压减办理时限", "省政务服务中心", ""),  # the rest of row 1 after a page break
        header,
        _row("2", "", "开展营商环境评价", "省发展改革委", "持续推进"),  # merged 重点任务 cell
    ])
    assert [(r.seq, r.task, r.measure, r.lead) for r in rows] == [
        ("1", "优化营商环境", "推行一网通办，压减办理时限", "省大数据局、省政务服务中心"),
        ("2", "优化营商环境", "开展营商环境评价", "省发展改革委")]
    # the header is kept as the role word: 责任单位 alone means responsible, so lead
    assert rows[0].note == "责任单位：省大数据局、省政务服务中心"
    assert task_rows([_row("年份", "产值"), _row("2023", "100")]) is None


def test_word_automatic_numbering_is_rebuilt():
    import docx

    raw = docx.Document(str(FIXTURES / "sample_notice.docx"))
    assert any(p.text == "设立成果转化基金。发挥政府引导基金作用，吸引社会资本投入。由省财政厅会同省科技厅、省地方金融监管局负责。"
               for p in raw.paragraphs)  # the number is not in the text
    doc = ingest.parse(FIXTURES / "sample_notice.docx")
    clause = next(c for c in doc.clauses if c.path == ("二", "(三)", "1"))
    assert clause.text.startswith("1.设立成果转化基金")


def test_chinese_numbering_formats():
    assert [docx_loader._format(n, "chineseCounting") for n in (1, 10, 12, 20, 23)] == [
        "一", "十", "十二", "二十", "二十三"]
    assert docx_loader._format(3, "decimalEnclosedCircle") == "③"


def _pdf(draw, encrypt=None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=encrypt)
    draw(c)
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_scanned_pdf_needs_ocr():
    data = _pdf(lambda c: c.rect(50, 50, 400, 600, fill=1))  # an image of a page, no text
    with pytest.raises(ingest.NoTextLayer) as info:
        ingest.parse_bytes(data, "scan.pdf")
    assert "OCR" in str(info.value) and str(info.value).startswith("scan.pdf: ")


def test_encrypted_pdf_is_refused():
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def draw(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, "一、总体要求（省科技厅牵头）")

    data = _pdf(draw, encrypt=StandardEncryption("secret", canPrint=0))
    with pytest.raises(ingest.EncryptedDocument):
        ingest.parse_bytes(data, "locked.pdf")


def test_truncated_pdf_is_refused():
    data = (FIXTURES / "sample_notice.pdf").read_bytes()[:1500]
    with pytest.raises(ingest.IngestError) as info:
        ingest.parse_bytes(data, "cut.pdf")
    assert str(info.value).startswith("cut.pdf: ")


def test_docx_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(docx_loader, "MAX_UNPACKED", 1_000_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/huge.bin", b"\0" * 2_000_000)
    with pytest.raises(ingest.TooLarge):
        ingest.parse_bytes(buffer.getvalue(), "bomb.docx")


def test_password_protected_docx_is_refused():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    with pytest.raises(ingest.EncryptedDocument):
        ingest.parse_bytes(data, "locked.docx")


def test_red_head_and_cc_block_are_metadata():
    from ingest.layout import assemble
    from ingest.loaders.text import lines_to_blocks

    lines = ["山东省人民政府文件", "鲁政发〔2024〕3号", "山东省人民政府关于加强某项工作的意见",
             "一、总体要求", "（一）加强领导。建立机制。（省发展改革委牵头）",
             "抄送：省委各部门，省人大常委会办公厅。", "山东省人民政府办公厅　　2024年1月5日印发"]
    layout = assemble(lines_to_blocks(lines))
    assert layout.meta["版头"] == "山东省人民政府文件"
    assert layout.meta["抄送"] == "省委各部门，省人大常委会办公厅。"
    assert layout.meta["印发"].endswith("2024年1月5日印发")
    assert [b.text for b in layout.body][-1] == "（一）加强领导。建立机制。（省发展改革委牵头）"
