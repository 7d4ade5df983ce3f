"""Documents and years as questions name them: a province's possessive before an English
description, a slip in the kind word of a Chinese name, a baseline year beside the year
asked; and who issues a licence read from the sentence that requires it."""

import pytest

import ingest
from kb import KnowledgeBase, Settings
from kb.ask import parse

from .conftest import kb_of

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
    with kb_of(home, texts) as kb:
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
    # the county's department, named as the documents name it elsewhere
    assert [u.name for u in third.lead_units] == ["县级人民政府畜牧兽医主管部门"]


# a Henan notice: its 省财政厅 and its bare 工业和信息化厅 are Henan's, not the directory's
# Shandong bodies; all units of a note alike (按职责分工负责)
HENAN_NOTICE = """河南省推动工业领域设备更新实施方案

一、重点任务
（一）加强政策支持。对符合条件的贷款落实财政贴息政策。（省财政厅、工业和信息化厅、税务局等按职责分工负责）
（二）推动标准提升。开展重点行业设备能效对标。（省市场监管局、发展改革委等按职责分工负责）
"""


def test_another_provinces_bodies_are_its_own_not_the_directorys():
    doc = ingest.parse_bytes(HENAN_NOTICE.encode(), "henan_notice.txt")
    first, second = doc.clauses[-2:]
    assert [(u.as_written, u.name, u.known) for u in first.lead_units] == [
        ("省财政厅", "河南省财政厅", False),
        ("工业和信息化厅", "河南省工业和信息化厅", False),
        ("税务局", "国家税务总局河南省税务局", False)]
    assert [u.name for u in second.lead_units] == ["河南省市场监督管理局", "河南省发展和改革委员会"]
    # the report says how they were read, apart from bodies it does not know at all
    assert "省财政厅 → 河南省财政厅" in [i["detail"] for i in doc.report if i["kind"] == "province_unit"]
    # the directory's own province and national documents keep the directory's names
    shandong = ingest.parse_bytes(HENAN_NOTICE.replace("河南省", "山东省").encode(), "sd.txt")
    assert shandong.clauses[-2].lead_units[0].name == "山东省财政厅"
    assert ingest.units.document_province("国务院办公厅", "国办发〔2024〕1号",
                                          "国务院办公厅关于支持河南省发展的意见") is None
    assert ingest.units.document_province(None, "豫政〔2024〕3号", "关于加快发展的意见") == "河南省"


@pytest.fixture(scope="module")
def henan_kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("henan")
    (home / "henan_notice.txt").write_text(HENAN_NOTICE, encoding="utf-8")
    (home / "seed.txt").write_text(SHANDONG_LINE, encoding="utf-8")
    with KnowledgeBase(Settings(home=home / "kb")) as kb:
        kb.ingest([home / "henan_notice.txt", home / "seed.txt"])
        yield kb


SHANDONG_LINE = """山东省促进消费实施方案

一、重点任务
（一）加大财政支持。统筹资金支持消费场景建设。（省财政厅牵头）
"""


def test_a_question_on_a_provinces_document_means_its_bodies(henan_kb):
    answer = henan_kb.ask("河南省推动工业领域设备更新实施方案里省财政厅负责什么")
    assert [u.name for u in answer.units if u.clauses] == ["河南省财政厅"]
    english = henan_kb.ask("Which tasks does the Henan Department of Finance lead?")
    assert [u.name for u in english.units if u.clauses] == ["河南省财政厅"]
    home = henan_kb.ask("省财政厅牵头哪些任务")
    assert [u.name for u in home.units if u.clauses] == ["山东省财政厅"]


def test_the_others_besides_a_unit_are_its_partners_in_any_role(henan_kb):
    answer = henan_kb.ask("河南的设备更新方案里，财政贴息那条省财政厅之外配合的部门都有谁？")
    assert answer.partner == "河南省财政厅"
    assert [u.name for u in answer.units][:2] == ["河南省工业和信息化厅", "国家税务总局河南省税务局"]


def test_a_comparator_before_a_short_metric_states_a_requirement():
    text = "严格落实新建小区固定车位预留安装条件，同时配建不低于固定车位25%的充电设施。"
    assert [(t.value, t.unit, t.comparator) for t in ingest.extract.extract_targets(text)] == [
        (25.0, "%", "不少于")]
    assert ingest.extract.extract_targets("年收入不超过本地平均工资3倍的家庭可以申请。") == ()


SIBLING_A = """某县2018年度河长制工作责任单位目标管理考核细则

一、考核内容
（一）非法采砂专项整治。加强涉砂矛盾纠纷排查，打击非法采砂行为。（县水利局负责）
"""
SIBLING_B = """某县2018年度河长制工作乡镇目标管理考核细则

一、考核内容
（一）非法采砂专项整治。建立非法采砂台帐，协助打击非法采砂行为。（县河长办负责）
"""


def test_of_two_sibling_documents_the_one_whose_own_words_are_asked(tmp_path):
    for name, text in (("bumen.txt", SIBLING_A), ("xiangzhen.txt", SIBLING_B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "bumen.txt", tmp_path / "xiangzhen.txt"])
        township = kb.ask("乡镇的非法采砂专项整治，考核时谁负责？")
        assert _doc_of(kb, township) == {"xiangzhen.txt"}
        assert [u.name for u in township.units] == ["县河长办"]
        county = kb.ask("对县直责任单位的河长制考核里，非法采砂专项整治谁负责？")
        assert _doc_of(kb, county) == {"bumen.txt"}
        either = kb.ask("非法采砂专项整治谁负责？")  # neither named: both answer
        assert _doc_of(kb, either) == {"bumen.txt", "xiangzhen.txt"}


def test_a_county_body_in_english_is_the_one_the_countys_document_names(tmp_path):
    for name, text in (("bumen.txt", SIBLING_A), ("xiangzhen.txt", SIBLING_B)):
        (tmp_path / name).write_text(text.replace("某县", "石城县"), encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "bumen.txt", tmp_path / "xiangzhen.txt"])
        answer = kb.ask("In Shicheng's 2018 river-chief assessment rules for responsible "
                        "units, which items is the county water resources bureau responsible for?")
        assert [u.name for u in answer.units if u.clauses] == ["县水利局"]
        assert _doc_of(kb, answer) == {"bumen.txt"}


def test_a_province_named_without_a_document_means_its_documents(henan_kb):
    sources = {d.doc_id: d.source.rsplit("/", 1)[-1] for d in henan_kb.store.documents()}
    answer = henan_kb.ask("河南那边的财政贴息政策由谁负责？")
    assert {sources[h.clause.doc_id] for h in answer.hits} == {"henan_notice.txt"}
    assert answer.units[0].name == "河南省财政厅"
    anywhere = henan_kb.ask("财政资金支持由谁负责？")
    assert {sources[h.clause.doc_id] for h in anywhere.hits} >= {"seed.txt"}


NINGBO = """宁波市学前教育促进条例

第一条 为了促进学前教育事业发展，制定本条例。

第二十条 区县（市）财政性学前教育经费占同级财政性教育经费的比例应当不低于百分之五。
"""
NATIONAL = """国务院关于加快发展学前教育的若干意见

一、加大政府投入
（一）各地要将学前教育经费列入财政预算，新增教育经费要向学前教育倾斜。（财政部负责）
"""


def test_a_city_that_opens_a_title_names_its_documents(tmp_path):
    for name, text in (("ningbo.txt", NINGBO), ("national.txt", NATIONAL)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "ningbo.txt", tmp_path / "national.txt"])
        sources = {d.doc_id: d.source.rsplit("/", 1)[-1] for d in kb.store.documents()}
        question = "宁波区县财政性学前教育经费的比例最低是多少？"
        assert [sources[d] for d in parse(kb, question).documents] == ["ningbo.txt"]
        assert _doc_of(kb, kb.ask(question)) == {"ningbo.txt"}
        assert parse(kb, "学前教育经费的比例最低是多少？").documents == []


GUANGDONG = """广东省机动车排气污染防治条例

第十条 交通运输主管部门应当将机动车排气污染定期检测纳入对机动车维修、车辆营运的监督管理内容。

第十一条 省人民政府生态环境主管部门负责制定排气检测规范。
"""


def test_another_provinces_body_asked_by_function_finds_the_laws_function_name(tmp_path):
    (tmp_path / "gd.txt").write_text(GUANGDONG, encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "gd.txt"])
        answer = kb.ask("广东机动车排气污染防治条例里，交通运输部门有哪些职责？")
        assert [u.name for u in answer.units if u.clauses] == ["广东省交通运输厅"]
        assert "交通运输主管部门" in answer.note
