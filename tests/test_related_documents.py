"""The four related documents in ../shared/corpus, each with its own conventions.
Skipped when that folder is absent."""

import ingest
from ingest import format_path

from .conftest import shared_file


def noted(doc):
    return {(format_path(c.path), c.seq): c for c in doc.clauses if c.lead_units or c.coop_units}


def test_first_listed_leads_in_gf_2018_42():
    doc = ingest.parse(shared_file("gf_2018_42_nongjihua.html"))
    assert (doc.doc_number, doc.issuer, doc.signed_date, doc.published_date) == (
        "国发〔2018〕42号", "国务院", "2018-12-21", "2018-12-29")
    clauses = noted(doc)
    assert len(clauses) == 18
    first = clauses[("二、(三)", 1)]
    assert [u.as_written for u in first.lead_units] == ["工业和信息化部"]
    assert [u.as_written for u in first.coop_units] == ["发展改革委", "科技部", "农业农村部"]
    # 下同: the convention holds for the later notes.
    later = clauses[("二、(六)", 1)]
    assert [u.as_written for u in later.lead_units] == ["市场监管总局"]
    both = clauses[("八、(十八)", 1)]
    assert [u.as_written for u in both.lead_units] == ["农业农村部", "工业和信息化部"]
    provinces = clauses[("八、(十九)", 1)].lead_units[0]
    assert provinces.as_written == "各省级人民政府" and provinces.generic
    # National short forms resolve to national units.
    assert first.coop_units[0].name == "中华人民共和国国家发展和改革委员会"


def test_responsible_units_and_split_paragraphs_in_gbf_2018_121():
    doc = ingest.parse(shared_file("gbf_2018_121_tiyujingsai.html"))
    clauses = noted(doc)
    assert [u.as_written for u in clauses[("二、(四)", 1)].lead_units] == [
        "体育总局", "民政部", "人力资源社会保障部"]
    assert all(not c.coop_units for c in clauses.values())
    assert [u.as_written for u in clauses[("三、(十)", 2)].lead_units] == ["体育总局", "教育部"]
    assert [u.as_written for u in clauses[("三、(十)", 3)].lead_units] == [
        "体育总局", "网信办", "科技部", "工业和信息化部"]
    targets = [(t.value, t.unit, t.year) for c in doc.clauses for t in c.targets]
    assert targets == [(2, "万亿元", 2025), (100, "项", 2025), (100, "个", 2025)]


def test_carry_forward_and_负责_in_sd_weifei():
    doc = ingest.parse(shared_file("sd_weifei_paicha_2019_58.txt"))
    clauses = noted(doc)
    first = clauses[("二、(一)1", 1)]
    assert [(u.as_written, u.role) for u in first.lead_units + first.coop_units] == [
        ("省生态环境厅", "lead"), ("各市政府", "coop")]
    second = clauses[("二、(一)2", 1)]
    assert [u.as_written for u in second.lead_units] == ["省住房城乡建设厅", "省生态环境厅"]
    assert [(u.as_written, u.inherited) for u in second.coop_units] == [("各市政府", True)]
    dumping = clauses[("二、(二)", 1)]  # the note closes the second paragraph of (二)
    assert [u.as_written for u in dumping.lead_units] == ["省生态环境厅", "省水利厅", "省公安厅"]


def test_regulation_without_notes():
    doc = ingest.parse(shared_file("sd_nongcun_weifang_zijin_banfa.txt"))
    articles = [c for c in doc.clauses if c.path and c.path[-1].endswith("条")]
    assert len(articles) == 22
    assert articles[4].path == ("第二章", "第五条")
    # No notes: its duties are sentences (source "text"), and it has no targets.
    assert not any(c.targets for c in doc.clauses)
    units = {c.path[-1]: ([u.as_written for u in c.lead_units], [u.as_written for u in c.coop_units])
             for c in doc.clauses if c.lead_units or c.coop_units}
    assert units["第五条"] == (["省住房城乡建设厅"], ["省财政厅"])
    assert units["第六条"] == (["省财政厅"], ["省住房城乡建设厅"])
    assert units["第八条"] == (["省财政厅"], ["省住房城乡建设厅"])
    assert units["第十五条"] == (["省住房城乡建设厅"], ["省财政厅"])
    assert units["第十八条"] == (["各级财政部门", "各级住房城乡建设部门"], [])
    assert all(u.source == "text" for c in doc.clauses for u in c.lead_units + c.coop_units)
