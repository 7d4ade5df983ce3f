"""Questions on a municipality's or a district's documents: its own bodies as the documents
write them (市财政局, 区住房城乡建设管理部门), divisions asked for as 哪个处, and a plan whose
text states a task while its annexed table says who does it."""

import pytest

from kb import KnowledgeBase, Settings

# A municipality's notice: its bodies are 市X局 / 市X委, which the directory (Shandong's)
# does not hold.
NOTICE = """# 某直辖市人民政府办公厅关于印发《本市推进城市排水防涝建设的实施意见》的通知

沪府办发〔2030〕9号

各区人民政府，市政府各委、办、局：

经市政府同意，现将《本市推进城市排水防涝建设的实施意见》印发给你们，请认真按照执行。

本市推进城市排水防涝建设的实施意见

一、重点任务

（一）改造积水易发路段。到2030年完成200处积水点改造，提升道路排水能力。（责任单位：市水务局、市交通委，各区政府）

（二）强化资金保障。市区各级有关专项资金优先支持排水防涝设施建设，落实项目运营维护资金。（责任单位：市财政局、市水务局，各区政府）
"""

# A municipality's regulation: duties as sentences of the city's and the districts' bodies.
REGULATION = """# 上海市城市排水防涝条例

第一条　为了加强城市排水防涝管理，制定本条例。

第二条　市水务部门负责本市排水防涝工作的综合管理，组织编制排水防涝专项规划。

第三条　区住房城乡建设管理部门负责本行政区域内排水设施建设的监督管理工作，建立排水设施质量追溯体系。
"""

# A plan whose text states a task with no unit, and whose annexed task table (one cell a
# paragraph, as a crawler keeps it) assigns it to a division.
PLAN = """# 某市交通委员会关于印发某市停车管理三年行动计划的通知

各区交通管理部门：

现将《某市停车管理三年行动计划》印发给你们，请认真贯彻执行。

某市停车管理三年行动计划（2030-2032年）

一、主要任务

（一）推进停车难综合治理。重点服务住宅小区、医院的停车需求，创建60个停车资源优化项目，开工建设9000个公共停车位，推进停车难综合治理取得明显成效。

（二）提升公交服务水平。优化公交线网，更新投运新能源公交车1200辆。

附件：任务清单

附件：

某市停车管理三年行动计划任务清单

重点任务

2030年目标

牵头

部门

配合

部门

（1）加大停车难问题处置工作力度。

开工建设3000个公共停车位。

设施运行处

各相关部门和单位

（2）更新投运新能源公交车1200辆。

投运400辆。

客运处

市道运中心
"""


# A county's assessment rules: its bodies are 县X局 / 县X站 in a task table, and the
# directory (Shandong's provincial departments) holds none of them.
COUNTY = """# 某县2030年河湖长制工作县直部门考核细则

一、考核内容

（一）水质监测。开展县内主要河流水质水量监测，按月报送监测数据。（责任单位：县水文站、县环保局）

（二）河道保洁。组织乡镇清理河道垃圾，建立河道保洁长效机制。（责任单位：县城管局）

（三）宣传教育。开展河湖保护进校园活动，编印河湖保护读本。（责任单位：县委宣传部、县教育局）
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    paths = []
    for name, text in (("notice.md", NOTICE), ("regulation.md", REGULATION), ("plan.md", PLAN),
                       ("county.md", COUNTY)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with KnowledgeBase(Settings(home=tmp_path_factory.mktemp("kb"))) as opened:
        opened.ingest(paths)
        yield opened


def _first_units(answer, role="lead"):
    return [u.name for u in answer.units if u.role == role and u.clauses]


def test_a_municipal_bureau_asked_in_english_is_the_one_its_documents_name(kb):
    answer = kb.ask("What is the Shanghai Municipal Finance Bureau expected to do under the "
                    "drainage and waterlogging implementation opinions?")
    assert [u.name for u in answer.units if u.clauses] == ["市财政局"]
    assert any("专项资金优先支持" in h.clause.text for h in answer.hits[:2])


def test_district_level_departments_asked_in_english(kb):
    answer = kb.ask("What does the Shanghai drainage regulation require of the district-level "
                    "housing and urban-rural development departments?")
    assert answer.intent == "unit_duties"
    assert [u.name for u in answer.units if u.clauses] == ["区住房城乡建设管理部门"]
    assert not answer.empty


def test_the_annexed_table_row_answers_who_for_a_task_the_text_states(kb):
    answer = kb.ask("停车管理三年行动计划里，停车难综合治理由哪个处牵头？")
    assert answer.topic == "停车难综合治理"
    assert _first_units(answer)[:1] == ["设施运行处"]
    assert answer.hits[0].clause.path[0] == "表1"
    assert not (answer.note or "").startswith("找到相关条款，但未能")


def test_county_bodies_asked_in_english_are_the_ones_the_documents_name(kb):
    # no document named: the county's bodies are found among those any document names,
    # by the level and what the body does (hydrology → 水文; the directory's environment
    # department → 环保, its former name's abbreviation)
    answer = kb.ask("Which tasks do the county environmental protection bureau and the "
                    "county hydrology station share?")
    assert [u.name for u in answer.units] == ["县环保局", "县水文站"]
    assert "水质水量监测" in answer.hits[0].clause.text
    answer = kb.ask("What does the county Party publicity department have to do?")
    assert [u.name for u in answer.units if u.clauses] == ["县委宣传部"]
    assert "进校园" in answer.hits[0].clause.text


def test_a_state_council_department_asked_in_english(tmp_path):
    # the State Council's education administrative department: 国务院教育行政部门, as the
    # document writes it, not a Shandong department
    text = ("国务院关于印发测试职业教育改革实施方案的通知\n国发〔2030〕4号\n"
            "（一）完善标准体系。国务院人力资源社会保障行政部门组织制定职业标准，"
            "国务院教育行政部门依照职业标准牵头组织开发教学等相关标准。\n"
            "（二）加强统筹。国务院教育行政部门负责职业教育工作的统筹规划、综合协调、宏观管理。\n")
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "plan.txt"])
        answer = kb.ask("What is the State Council's education administrative department "
                        "responsible for?")
        assert answer.intent == "unit_duties"
        assert {u.name for u in answer.units} == {"国务院教育行政部门"}
        assert sum(len(u.clauses) for u in answer.units if u.role == "lead") == 2
