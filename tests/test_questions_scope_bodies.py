"""Bodies a question names without their level or place, as the documents in scope write
them with it (教育局 of 市教育局, 卫生主管部门 of 县级以上人民政府卫生主管部门, the agriculture
authorities at county level and above), a year that is part of a document's title, and
the items a unit leads the assessment of. Literal text written for these tests."""

import pytest

from .conftest import kb_of

# a city's assessment method: items each closed by when, then who leads the assessment
ASSESSMENT = """青河市人民政府办公室关于印发《青河市2031年数字政府建设考评办法》的通知
青府办发〔2031〕43号
现将《青河市2031年数字政府建设考评办法》印发给你们，请认真贯彻执行。
青河市2031年数字政府建设考评办法
一、数字化公共服务
1．优化升级青河教育云平台，为中小学生提供个性化学习服务。（6月底完成，牵头考核单位：市教育局）
2．推进中小学信息科技课程建设，全面提升学生信息素养。（持续推进，牵头考核单位：市教育局）
3．建设青河文化云，发布公共文化服务信息。（11月底完成，牵头考核单位：市文旅局）
4．全市新增2400户餐饮单位纳入明厨亮灶智慧监管平台。（持续推进，牵头考核单位：市市场监管局）
二、城市运行
5．公安、市场监管、城管执法等部门积极配合监控视频接入，建立感知数据融合体系。（持续推进，牵头考核单位：市工信局）
"""
# a regulation whose duties fall on classes of bodies with their level written first
REGULATION = """甲江流域抗旱条例
(2031年2月11日国务院第49次常务会议通过　2031年2月26日中华人民共和国国务院令第902号公布　自公布之日起施行)
第一章　总则
第一条　为了预防和减轻干旱灾害，制定本条例。
第二条　县级以上人民政府农业主管部门应当做好农用抗旱物资的储备和管理工作。
第三条　发生干旱灾害，县级以上人民政府卫生主管部门应当做好疾病预防控制和医疗救护工作。
第四条　县级以上地方人民政府防汛抗旱指挥机构应当组织有关部门核实旱情。
第五条　国家防汛抗旱总指挥部负责组织、领导全国的抗旱工作。
第六条　县级人民政府和乡镇人民政府根据抗旱工作的需要，加强抗旱服务组织的建设。
第七条　流域防汛抗旱指挥机构负责组织、领导本流域的抗旱工作。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("scope_bodies")
    with kb_of(home, {"assessment.txt": ASSESSMENT, "regulation.txt": REGULATION}) as kb:
        yield kb


def _paths(answer):
    return [h.clause.path for h in answer.hits]


def test_a_body_named_without_its_level_is_the_one_the_document_writes(kb):
    # 教育局: the plan writes 市教育局; the year names the plan, the items are duties
    answer = kb.ask("青河教育局在2031年数字政府考评里牵头考核哪几项指标？")
    assert answer.intent == "unit_duties"
    assert {u.name for u in answer.units} == {"市教育局"}
    assert sorted(_paths(answer)) == [("一", "1"), ("一", "2")]


def test_a_regulations_class_of_bodies_named_by_what_it_does(kb):
    answer = kb.ask("抗旱条例对卫生主管部门提了哪些要求？")
    assert answer.intent == "unit_duties"
    assert {u.name for u in answer.units} == {"县级以上人民政府卫生主管部门"}
    assert _paths(answer) == [("第一章", "第三条")]


def test_a_class_of_bodies_asked_in_english_after_other_words(kb):
    # (the words before "agriculture" are no part of the body's name)
    answer = kb.ask("What do the Drought Relief Regulations require of agriculture "
                    "authorities at county level and above?")
    assert answer.intent == "unit_duties"
    assert [u.name for u in answer.units][:1] == ["县级以上人民政府农业主管部门"]
    assert _paths(answer)[:1] == [("第一章", "第二条")]


def test_the_whole_country_in_english(kb):
    # (第七条 leads the work of one river basin: the whole country is 全国)
    answer = kb.ask("Who organizes and leads drought relief work across the whole country?")
    assert [u.name for u in answer.units][:1] == ["国家防汛抗旱总指挥部"]


def test_who_cooperates_in_a_task_whose_note_names_its_lead(kb):
    clause = next(c for d in kb.store.documents() for c in kb.store.clauses(doc_id=d.doc_id)
                  if c.path == ("二", "5"))
    assert [u.as_written for u in clause.lead_units] == ["市工信局"]
    assert [u.as_written for u in clause.coop_units] == ["公安", "市场监管", "城管执法"]
