import codecs

import pytest

import ingest
from ingest.loaders import load, sniff

from .conftest import FIXTURES


def test_text_utf8_bom_and_gb18030_give_the_same_blocks():
    utf8 = (FIXTURES / "sample_notice.txt").read_bytes()
    gbk = (FIXTURES / "sample_notice_gbk.txt").read_bytes()
    assert gbk != utf8 and gbk.decode("gb18030") == utf8.decode("utf-8")
    plain = load(utf8, "a.txt")[1]
    assert load(codecs.BOM_UTF8 + utf8, "a.txt")[1] == plain
    assert load(gbk, "a.txt")[1] == plain
    assert load(utf8.decode().encode("utf-16"), "a.txt")[1] == plain


def test_html_drops_portal_chrome_and_reads_the_metadata_table():
    fmt, blocks = load((FIXTURES / "sample_notice.html").read_bytes(), "notice.html")
    assert fmt == "html"
    meta = {b.label: b.text.split("：", 1)[1] for b in blocks if b.kind == "meta"}
    assert meta["发文字号"] == "鲁科字〔2024〕18号"
    assert meta["成文日期"] == "2024年03月08日"
    assert meta["发布日期"] == "2024年03月15日"
    texts = [b.text for b in blocks]
    for chrome in ("政务公开", "互动交流", "统计代码", "版权所有", "微博"):
        assert not any(chrome in t for t in texts), chrome
    assert "（一）建设中试验证平台。布局建设省级中试基地，到2026年建成50家以上。（省科技厅牵头，省工业和信息化厅、省财政厅配合）" in texts


def test_spans_point_into_the_document_text():
    _, blocks = load((FIXTURES / "sample_notice.html").read_bytes(), "notice.html")
    text = "\n".join(b.text for b in blocks)
    assert all(text[b.start : b.end] == b.text for b in blocks)


def test_gbk_page_declared_as_utf8_still_decodes():
    body = "<html><head><meta charset='utf-8'></head><body><div id='zoom'><p>一、总体要求</p><p>（一）推进改革。加快建设。（省发展改革委牵头）</p></div></body></html>"
    doc = ingest.parse_bytes(body.encode("gb18030"), "page.html")
    assert doc.clauses[0].lead_units[0].as_written == "省发展改革委"


@pytest.mark.parametrize(
    "data, name, error, words",
    [
        (b"", "empty.txt", ingest.EmptyDocument, "empty"),
        (b"   \n\n ", "blank.txt", ingest.EmptyDocument, "empty"),
        (b"\x00\x01\x02binary\x00\xff" * 50, "data.txt", ingest.BinaryFile, "binary"),
        (b"just some bytes, not a pdf", "report.pdf", ingest.UnsupportedFormat, "not a PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", ingest.UnsupportedFormat,
         "old binary Word"),
        (b"a,b,c\n1,2,3\n", "table.csv", ingest.UnsupportedFormat, ".csv"),
        (b"\xff\xfe\x00\xd8" + b"\x00\xdc" * 3, "bad.txt", ingest.BadEncoding, "UTF-8"),
    ],
)
def test_bad_input_gets_one_clear_sentence_naming_the_file(data, name, error, words):
    with pytest.raises(error) as info:
        ingest.parse_bytes(data, name)
    message = str(info.value)
    assert message.startswith(name + ": ")
    assert words in message
    assert message.count("\n") == 0 and message.endswith(".")


def test_text_with_no_policy_content_is_refused():
    with pytest.raises(ingest.NoClauses):
        ingest.parse_bytes("首页\n关于我们\n".encode(), "nav.txt")


def test_huge_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"a" * 2_000)
    with pytest.raises(ingest.TooLarge) as info:
        ingest.parse(big, max_bytes=1_000)
    assert "huge.txt" in str(info.value) and "limit" in str(info.value)


def test_sniff_prefers_content_over_name():
    assert sniff(b"%PDF-1.7 ...", "notice.txt") == "pdf"
    assert sniff("<html><body>通知</body></html>".encode(), "notice.txt") == "html"
    assert sniff("一、总体要求".encode(), "notice") == "text"


def test_the_character_ranges_of_the_fast_paths_hold():
    """decode's COMMON characters are never control, private-use or unassigned, and the
    text loader's WIDE ones take two cells (three bytes of UTF-8): the fast paths that
    skip a lookup per character rely on it."""
    import re
    import unicodedata

    from ingest.loaders.decode import COMMON
    from ingest.loaders.text import WIDE, _cells, _WIDTHS

    common = re.compile(f"[{COMMON}]")
    wide = re.compile(f"[{WIDE}]")
    for code in range(0x10000):
        char = chr(code)
        if common.match(char):
            assert unicodedata.category(char) not in ("Cc", "Co", "Cn"), hex(code)
        if wide.match(char):
            assert unicodedata.east_asian_width(char) in "WFA", hex(code)
            assert len(char.encode("utf-8")) == 3, hex(code)
        if code < 0x80:  # one cell, one byte
            assert unicodedata.east_asian_width(char) not in "WFA", hex(code)
    for line in ("一、总体要求", "ASCII only", "“引号”——全角ＡＢＣ１２３。", "Ünïcödé 混合 ½"):
        assert _cells(line) == sum(_WIDTHS[c] for c in line)


@pytest.mark.parametrize("name, data", [
    # a page indenting each article with &emsp; (as law sites do), and text copied from it
    ("rules.html", ("<p id=\"t1\">&emsp;&emsp;<b>第一条</b>&emsp;为了保护和改善流域水质，制定本条例。</p>\n"
                    "<p id=\"t2\">&emsp;&emsp;<b>第二条</b>&emsp;环境保护主管部门对流域水质保护工作实行"
                    "统一监督管理。<br>\n&emsp;&emsp;水行政主管部门负责河道综合治理。</p>\n"
                    ).encode()),
    ("rules.txt", ("\u2003\u2003第一条\u2003为了保护和改善流域水质，制定本条例。\n"
                   "\u2003\u2003第二条\u2003环境保护主管部门对流域水质保护工作实行统一监督管理。\n"
                   "\u2003\u2003水行政主管部门负责河道综合治理。\n").encode()),
])
def test_articles_indented_with_em_spaces_are_articles(name, data):
    doc = ingest.parse_bytes(data, name)
    assert [c.path for c in doc.clauses] == [("第一条",), ("第二条",)]
    assert [u.name for u in doc.clauses[1].lead_units][-1] == "水行政主管部门"



def test_markdown_heading_marks_are_no_part_of_a_title_or_chapter():
    # law collections publish texts as Markdown: # title, ## 第一章　总则
    data = ("# 山东省中医药条例\n\n## 第一章　总则\n\n第一条 为了传承和弘扬中医药，制定本条例。\n\n"
            "## 第二章　中医药服务\n\n第五条 县级以上人民政府中医药主管部门负责本行政区域内的中医药管理工作。\n"
            ).encode()
    doc = ingest.parse_bytes(data, "tcm.txt")
    assert doc.title == "山东省中医药条例"
    assert [(c.path, c.section) for c in doc.clauses] == [
        (("第一章", "第一条"), ("总则",)), (("第二章", "第五条"), ("中医药服务",))]


def _printed(paragraph: str, width: int = 20, indent: int = 2) -> str:
    """A paragraph as text copied out of a PDF joins its printed lines: a space at every
    line end (the first line indented), inside words too."""
    cuts = list(range(width - indent, len(paragraph), width))
    return " ".join(paragraph[a:b] for a, b in zip([0] + cuts, cuts + [len(paragraph)]))


_WRAPPED = "\n".join([
    "一、强化监管责任",
    _printed("（一）各级医保行政部门要督促医保经办机构建立健全业务、财务、安全和风险管理制度，"
             "加强内部全流程管理。医保经办机构要提高日常审核能力，强化对定点医药机构医保费用"
             "申报和参保人员医疗费用报销的审核。"),
    _printed("（二）卫生健康委 教育部 财政部等部门要按照职责分工加强对医疗机构的管理，落实"
             "监管责任，形成监管合力。国家医保局会同有关部门建立协同机制，加强部门间信息共享"
             "和联合执法。"),
]) + "\n"


def test_spaces_standing_for_printed_line_ends_are_removed():
    doc = ingest.parse_bytes(_WRAPPED.encode(), "wrapped.txt")
    first, second = doc.clauses
    assert "建立健全业务" in first.text and "日常审核能力" in first.text
    assert "加强内部" in first.text
    # spaces between names set there on purpose stay
    assert "卫生健康委 教育部 财政部等部门" in second.text and "按照职责分工" in second.text
    assert [u.name for u in first.lead_units][:2] == ["各级医保行政部门", "医保经办机构"]


def test_a_text_with_a_few_spaces_between_chinese_words_keeps_them():
    data = "第一条 本办法所称 农村危房 是指…。\n第二条 县级 财政部门负责资金管理。\n".encode()
    doc = ingest.parse_bytes(data, "spaced.txt")
    assert "本办法所称 农村危房" in doc.clauses[0].text
