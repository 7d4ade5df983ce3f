"""Tables as portals publish them: merged cells (rowspan/colspan) on the table's grid,
a unit column found from its content when no header names it, 考核细则 headers, and
pages saved under their server's suffix (.jsp, .aspx, .php)."""

from __future__ import annotations

import pytest

import ingest
from kb import KnowledgeBase, Settings

# A county's scoring rules: the department sits in the second column of 考核项目 (the
# header spans two columns), its row spans the rows of its several tasks, and a general
# row names no department.
SCORING = """<%@ page language="java" contentType="text/html; charset=UTF-8"%>
<div class="header"><h2>县级考核依据</h2></div>
<table class="khTable" border="1">
<caption>某县2018年度河湖保护工作责任单位考核细则</caption>
<thead><tr><th>序号</th><th colspan="2">考核项目</th><th>各项分值</th><th>考核内容</th>
<th>评分标准</th></tr></thead>
<tbody>
<tr><td>一、</td><td colspan="2">通用考核项目（全部责任单位）</td><td>40</td><td></td><td></td></tr>
<tr><td>1</td><td colspan="2">组织领导</td><td>8</td><td>组织领导</td><td>积极配合各乡镇开展河湖保护工作（8分）。</td></tr>
<tr><td>二、</td><td colspan="2">部门履职考核项目</td><td>60</td><td></td><td></td></tr>
<tr><td rowspan="2">2</td><td rowspan="4">重点考核部门</td><td rowspan="2">县农业局</td><td>30</td>
<td>持续推进畜禽养殖污染控制</td><td>1.建立畜禽养殖污染台账（10分）;<br>2.配套建设粪污处理设施（20分）<br>
3.定期检查<br>4.通报<br>5.整改<br>6.复查</td></tr>
<tr><td>30</td><td>持续开展渔业资源保护专项整治</td><td>严厉查处电鱼炸鱼等非法捕捞行为，与县水利局、县公安局共同开展联合执法（30分）</td></tr>
<tr><td>3</td><td>县水利局</td><td>60</td><td>持续开展非法采砂专项整治</td><td>加强涉砂矛盾纠纷排查（60分）</td></tr>
<tr><td>4</td><td>县林业局</td><td>60</td><td>加强河道沿岸绿化</td><td>河道沿岸绿化和湿地修复建设（60分）</td></tr>
<tr><td>5</td><td>一般考核部门</td><td>县审计局</td><td>60</td><td>开展自然资源资产离任审计</td>
<td>选择至少一个乡镇进行自然资源离任审计试点（60分）</td></tr>
</tbody></table>"""

# A township's scoring rules: the department that scores each item in a column headed
# 负责考核部门; the items under 考核项目 and 考核指标.
TOWNSHIP = """<html><body><table border="1">
<caption>某县2018年度河湖保护工作乡镇考核细则</caption>
<tr><th>序号</th><th>考核项目</th><th>各项分值</th><th>考核指标</th><th>负责考核部门</th></tr>
<tr><td>1</td><td>强化督查督办</td><td>4</td><td>严格执行河湖保护督查制度和督办制度</td><td>县河长办</td></tr>
<tr><td>2</td><td>推动畜禽养殖污染控制</td><td>7</td><td>防止禁养区养殖场反弹</td><td>县农业局</td></tr>
<tr><td>3</td><td>加强水土流失治理</td><td>5</td><td>完成水土流失综合治理任务</td><td>县水保局</td></tr>
<tr><td>4</td><td>深化宣传教育</td><td>7</td><td>开展河湖保护公益宣传</td><td><p>县委宣传部</p>
  <p>县教育局<br>县河长办</p></td></tr>
</table></body></html>"""


def _units(doc):
    return {c.heading: ([u.as_written for u in c.lead_units], [u.as_written for u in c.coop_units])
            for c in doc.clauses}


def test_a_department_column_is_found_from_its_content_and_spans_its_rows():
    doc = ingest.parse_bytes(SCORING.encode("utf-8"), "khxz.jsp")
    assert doc.title == "某县2018年度河湖保护工作责任单位考核细则"  # the caption, kept
    units = _units(doc)
    assert units["持续推进畜禽养殖污染控制"] == (["县农业局"], [])
    # the second row of 县农业局's rowspan: the unit carries down, the columns keep place;
    # the bodies the row's task is done with (与X、Y共同开展) cooperate
    assert units["持续开展渔业资源保护专项整治"] == (["县农业局"], ["县水利局", "县公安局"])
    # the 序号 merged across the unit's two rows numbers them apart
    assert [c.path for c in doc.clauses if [u.as_written for u in c.lead_units] == ["县农业局"]] == [
        ("表1", "第2项"), ("表1", "第2-2项")]
    assert units["持续开展非法采砂专项整治"] == (["县水利局"], [])
    assert units["开展自然资源资产离任审计"] == (["县审计局"], [])
    # rows whose cell in that column names no body have no unit (一、通用考核项目, 组织领导)
    assert units["组织领导"] == ([], [])
    assert not any(lead for lead, _ in units.values() if lead and "考核" in lead[0])


def test_a_scored_by_column_reads_as_the_responsible_unit():
    doc = ingest.parse_bytes(TOWNSHIP.encode("utf-8"), "xiangzhen.html")
    units = _units(doc)
    assert units["强化督查督办"] == (["县河长办"], [])
    assert units["推动畜禽养殖污染控制"] == (["县农业局"], [])
    # names on lines of their own in one cell are a list, not one run-together name
    assert units["深化宣传教育"] == (["县委宣传部", "县教育局", "县河长办"], [])


def test_pages_saved_under_a_servers_suffix_are_read_as_html(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "content.jsp").write_text(SCORING, encoding="utf-8")
    (folder / "index.aspx").write_text(TOWNSHIP, encoding="utf-8")
    (folder / "notes.md").write_text("# 说明\n不是文件。", encoding="utf-8")  # not a document
    settings = Settings(home=tmp_path / "kb")
    with KnowledgeBase(settings) as kb:
        outcomes = kb.ingest([folder])
        assert sorted(o.source.rsplit("/", 1)[-1] for o in outcomes) == ["content.jsp", "index.aspx"]
        assert all(o.ok for o in outcomes)
        answer = kb.ask("县水利局负责哪些任务")
        assert answer.intent == "unit_duties"
        assert any("非法采砂" in hit.clause.text for hit in answer.hits)


def test_markdown_chapter_headings_between_html_articles_are_headings():
    # a law collection's Markdown page: articles as HTML paragraphs, chapters as Markdown
    page = ("# 某市扬尘污染防治条例\n\n## 第一章&emsp;总则{align=\"center\"}\n\n"
            "<p>&emsp;&emsp;<b>第一条</b>&emsp;为了防治扬尘污染，制定本条例。</p>\n"
            "<p>&emsp;&emsp;<b>第二条</b>&emsp;住房城乡建设、交通运输等主管部门及其工作人员"
            "不得要求施工单位到其指定的机构购买防尘网。</p>\n\n"
            "## 第二章&emsp;法律责任{align=\"center\"}\n\n"
            "<p>&emsp;&emsp;<b>第三条</b>&emsp;违反本条例规定的，由生态环境主管部门责令改正。</p>\n")
    doc = ingest.parse_bytes(page.encode("utf-8"), "yangchen.md")
    second = next(c for c in doc.clauses if c.path[-1:] == ("第二条",))
    assert "法律责任" not in second.text and "align" not in second.text
    third = next(c for c in doc.clauses if c.path[-1:] == ("第三条",))
    assert third.path == ("第二章", "第三条") and third.section == ("法律责任",)
    assert doc.title == "某市扬尘污染防治条例"
    plain = ingest.parse_bytes(page.replace("<p>", "").replace("</p>", "").replace(
        "<b>", "").replace("</b>", "").encode("utf-8"), "yangchen.txt")
    assert not any("align" in c.text or "align" in " ".join(c.section) for c in plain.clauses)


def test_a_markdown_pages_front_matter_gives_title_date_and_issuer():
    page = ("---\ntitle: 某省机动车排气污染防治条例\nshortTitle: 某省机动车条例\ndate: 2020-09-29\n"
            "author: 某省人民代表大会常务委员会\ncategory:\n  - 地方性法规\n---\n\n"
            "<p>&emsp;&emsp;<b>第一条</b>&emsp;为了防治机动车排气污染，制定本条例。</p>\n"
            "<p>&emsp;&emsp;<b>第二条</b>&emsp;县级以上生态环境主管部门负责机动车排气污染防治的"
            "统一监督管理。</p>\n")
    doc = ingest.parse_bytes(page.encode("utf-8"), "jidongche.md")
    assert (doc.title, doc.issuer, doc.published_date) == (
        "某省机动车排气污染防治条例", "某省人民代表大会常务委员会", "2020-09-29")
    assert not any("shortTitle" in c.text or "---" in c.text for c in doc.clauses)
    # the front matter alone is no document
    with pytest.raises(ingest.IngestError):
        ingest.parse_bytes(b"---\ntitle: x\n---\n", "empty.md")
