"""How staff name things around the topic: another name of the unit in brackets
(省人社厅（省级人社部门）), everyday words for the document's (不能 → 不得, 开支 → 支出),
and an English description of the document that follows the topic ("… standard under
the county-economy action plan"); and bodies a clause lists before 分别, each doing the
task in the same place of the list after it. Literal text written for these tests."""

import pytest

from .conftest import kb_of

FUNDS = """青河省就业补助资金管理办法
第一条 就业补助资金由本级财政部门会同人社部门管理，用于促进就业创业。
第二条 对获得创业培训合格证书的，给予创业培训补贴。省人社厅将会同省财政厅及时总结，适时推广。
第三条 新型学徒制培训补贴的具体办法由省人社厅、省财政厅适时完善。
第四条 省级人社部门、财政部门将总结先进地区做法，及时推广网上申报。
第五条 就业补助资金不得用于以下支出：办公用房建设支出、职工宿舍建设支出。
"""

PLAN = """山东省县域经济高质量发展三年行动方案（2023—2025年）
一、发展目标
力争用3年时间，县域经济综合实力明显增强。
二、重点任务
（一）培育产业集群。到2025年，培育省级特色产业集群50个左右。（牵头单位：省工业和信息化厅）
（二）建设智慧县城。到2025年，推动60%的县域达到新型智慧城市四星级以上标准。（牵头单位：省大数据局）
"""

UNDERGROUND = """青河市地下空间开发利用管理办法
第一条 为加强城市地下空间开发利用管理，制定本办法。
第二条 市城乡规划、城乡建设、国土主管部门分别负责地下空间开发利用的规划管理、建设工程管理、用地和产权管理。
第三条 地下空间开发利用应当优先发展地下交通等城市基础设施。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory.mktemp("glosses"), {"funds.txt": FUNDS, "plan.txt": PLAN,
                                                              "underground.txt": UNDERGROUND}) as kb:
        yield kb


def _paths(answer):
    return sorted(c for u in answer.units for c in u.clauses)


def test_a_name_in_brackets_after_a_unit_is_the_same_unit(kb):
    answer = kb.ask("省人社厅（省级人社部门）在就业补助资金管理办法里负责哪些事？")
    assert answer.intent == "unit_duties"
    assert [p.split(":")[1] for p in _paths(answer)] == ["第三条", "第二条", "第四条"]
    assert "另一称呼" in answer.note


def test_an_english_gloss_in_brackets_is_the_same_unit(kb):
    answer = kb.ask("What tasks does the Provincial Department of Human Resources and Social "
                    "Security (the provincial HRSS department) take on under the employment "
                    "subsidy fund measures?")
    assert answer.intent == "unit_duties"
    assert len(_paths(answer)) == 3


def test_everyday_words_find_the_document_s_words(kb):
    answer = kb.ask("就业补助资金不能用在哪些开支上？")
    assert not answer.empty and answer.hits[0].clause.path == ("第五条",)


def test_an_english_description_of_the_document_leaves_the_topic_before_it(kb):
    answer = kb.ask("By 2025, what share of Shandong's counties should reach the four-star "
                    "smart city standard under the county-economy action plan?")
    assert [d["title"] for d in answer.documents] == ["山东省县域经济高质量发展三年行动方案（2023—2025年）"]
    assert answer.hits[0].clause.path == ("二", "(二)")


@pytest.mark.parametrize("question, unit", [
    ("地下空间的用地和产权管理由哪个部门负责？", "市国土主管部门"),
    ("地下空间的建设工程管理由哪个部门负责？", "市城乡建设主管部门"),
    ("地下空间开发利用的规划管理归谁管？", "市城乡规划主管部门"),
])
def test_bodies_listed_before_fenbie_each_do_their_own_task(kb, question, unit):
    answer = kb.ask(question)
    assert answer.hits[0].clause.path == ("第二条",)
    assert answer.units[0].name == unit


SUPERVISION = """青河市专项资金管理办法
第一条 为加强专项资金管理，制定本办法。
第二条 市财政、审计主管部门负责专项资金的监督检查。市人民政府其他相关主管部门及各区人民政府应当按照各自的职能分工，在其职责范围内做好专项资金监督检查的相应工作。
第三条 专项资金实行专款专用。
"""


def test_bodies_a_list_names_once_answer_before_those_doing_their_part(tmp_path):
    # 市财政、审计主管部门 are written with one level and one kind: their own words are
    # the list's, and they come before the bodies that only do their part
    with kb_of(tmp_path, {"supervision.txt": SUPERVISION}) as kb:
        answer = kb.ask("专项资金的监督检查由哪个部门负责？")
        assert [u.name for u in answer.units][:2] == ["市财政主管部门", "市审计主管部门"]


INSPECTION = """国土资源部关于开展土地卫片执法检查工作的通知
一、时间安排
2012年3月31日前，各省（区、市）国土资源主管部门向部报送工作情况报告。
二、工作要求
（一）省级国土资源主管部门要严格开展督查、验收工作。
（二）省级国土资源主管部门要切实加强对市、县国土资源主管部门的培训和指导。
"""


def test_a_class_of_bodies_with_its_level_written_two_ways_is_one(tmp_path):
    # 省级国土资源主管部门 and 各省（区、市）国土资源主管部门: the provinces' departments
    with kb_of(tmp_path, {"inspection.txt": INSPECTION}) as kb:
        answer = kb.ask("这个卫片执法检查通知里，省级国土资源主管部门要做哪些事？")
        assert answer.intent == "unit_duties"
        paths = {c.split(":")[1] for u in answer.units for c in u.clauses}
        assert paths == {"一", "二/(一)", "二/(二)"}
