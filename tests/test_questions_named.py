"""Documents and years as questions name them: a province's possessive before an English
description, a slip in the kind word of a Chinese name, a baseline year beside the year
asked; and who issues a licence read from the sentence that requires it."""

import pytest

import ingest
from kb import KnowledgeBase, Settings
from kb.ask import parse

# two provinces' plans on the same subject, told apart only by the province
HENAN = """河南省推动工业领域设备更新实施方案

一、主要目标
到2027年，全省工业领域设备投资年均增长10%以上，建设智能工厂300个。

二、重点任务
（一）实施先进设备更新行动。推动重点行业更新先进生产设备。（省工业和信息化厅负责）
"""
LIAONING = """辽宁省推动大规模设备更新和消费品以旧换新实施方案

一、主要目标
到2027年，报废汽车回收量较2023年增长60%，二手车交易量较2023年增长45%。

二、重点任务
（一）开展汽车以旧换新。组织开展汽车以旧换新促销活动。（牵头单位：省商务厅）
"""
DAIRY = """乳品质量安全监督管理条例

第一条 为了加强乳品质量安全监督管理，制定本条例。

第二条 县级以上工商行政管理部门负责乳制品销售环节的监督管理。县级以上质量监督检验检疫部门负责乳制品生产环节的监督管理。

第三条 生鲜乳收购站应当取得所在地县级人民政府畜牧兽医主管部门颁发的生鲜乳收购许可证。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("named")
    texts = {"henan.txt": HENAN, "liaoning.txt": LIAONING, "dairy.txt": DAIRY}
    for name, text in texts.items():
        (home / name).write_text(text, encoding="utf-8")
    with KnowledgeBase(Settings(home=home / "kb")) as kb:
        kb.ingest([home / name for name in texts])
        yield kb


def _doc_of(kb, answer) -> set[str]:
    sources = {d.doc_id: d.source for d in kb.store.documents()}
    return {sources[h.clause.doc_id].rsplit("/", 1)[-1] for h in answer.hits}


def test_a_possessive_province_opens_an_english_document_name(kb):
    answer = kb.ask("By 2027, what targets does Henan's industrial equipment renewal plan set?")
    assert answer.hits and _doc_of(kb, answer) == {"henan.txt"}
    answer = kb.ask("What does Liaoning's equipment renewal plan require by 2027?")
    assert answer.hits and _doc_of(kb, answer) == {"liaoning.txt"}


def test_a_baseline_year_is_not_the_year_asked(kb):
    answer = kb.ask("Compared with 2023 levels, what 2027 targets does Liaoning's trade-in "
                    "plan set for second-hand car transactions?")
    assert answer.year == 2027
    assert answer.hits and _doc_of(kb, answer) == {"liaoning.txt"}
    assert "45%" in answer.hits[0].clause.text
    assert kb.ask("辽宁的方案里二手车交易量比2023年增长多少？").year is None


def test_a_slip_in_the_kind_word_still_names_the_document(kb):
    question = "乳品质量安全监督管理条列里，乳制品销售环节归哪个部门监管？"
    sources = {d.doc_id: d.source.rsplit("/", 1)[-1] for d in kb.store.documents()}
    assert [sources[d] for d in parse(kb, question).documents] == ["dairy.txt"]
    answer = kb.ask(question)
    assert [u.name for u in answer.units][:1] == ["县级以上工商行政管理部门"]
    assert _doc_of(kb, answer) == {"dairy.txt"}
    # a real word after the name is no slip: 条件 names no document
    assert parse(kb, "乳品质量安全监督管理的条件有哪些").documents == []


def test_who_issues_a_licence_is_read_without_the_verb_before_it():
    doc = ingest.parse_bytes(DAIRY.encode(), "dairy.txt")
    third = next(c for c in doc.clauses if c.path == ("第三条",))
    assert [u.as_written for u in third.lead_units] == ["所在地县级人民政府畜牧兽医主管部门"]
