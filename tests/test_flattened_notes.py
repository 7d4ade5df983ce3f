"""Notes as other notices write them: a task table flattened into lines under each item
(牵头部门： / 落实部门： / 完成时限：), a note that says when before who (6月底前完成，牵头
考核单位：X), a class of governments of several levels, a notice issuing several plans
that each number their parts anew, item numbers with a small full stop (1﹒) and a
regulation's decree in the promulgation line under its title. Literal text written for
these tests."""

from ingest import default_directory, parse_bytes
from ingest.extract import parse_note, unit_refs

D = default_directory()


def _parse(text: str):
    return parse_bytes(text.encode("utf-8"), "notice.txt")


def _units(clause):
    return [u.as_written for u in clause.lead_units], [u.as_written for u in clause.coop_units]


def _note(note):
    lead, coop = unit_refs(parse_note(note), D)
    return [u.as_written for u in lead], [u.as_written for u in coop]


def test_when_before_who_in_a_note_is_no_unit():
    assert _note("（6月底前完成，牵头考核单位：市大数据局）") == (["市大数据局"], [])
    assert _note("（持续推进，牵头单位：市教育局）") == (["市教育局"], [])
    assert _note("（2027年底前取得阶段性成效并长期坚持，责任单位：市卫生健康委）") == (
        ["市卫生健康委"], [])
    # what the unit does, between its role and 单位
    assert _note("牵头实施单位：市水务局；配合实施单位：市财政局") == (["市水务局"], ["市财政局"])


def test_governments_of_several_levels_are_one_class():
    assert _note("（参与单位：各市、县、区政府）") == ([], ["各市、县、区政府"])
    assert _note("各市、县、区人民政府负责") == (["各市、县、区人民政府"], [])


PLANS = """甲省人民政府办公厅关于印发两个专项行动方案的通知
各市、县、区人民政府，省人民政府各工作部门：
现将《甲省规范水利中介服务专项行动方案》《甲省便民服务专项行动方案》印发给你们，请认真贯彻执行。
甲省人民政府办公厅
2031年6月6日
甲省规范水利中介服务专项行动方案
一、总体要求
以问题为导向，着力解决企业反映强烈的中介服务问题。
二、明确范围
本方案所称中介服务，是审批时要求申请人委托机构开展的服务。
三、重点任务
（一）清理中介服务事项。
1﹒梳理水利中介服务清单。由省水利厅组织有关部门梳理本部门中介服务事项，形成清单。
牵头部门：省水利厅
落实部门：省级有关部门
完成时限：持续推进
2﹒规范中介服务收费。清理规范水利中介服务收费项目，公布收费目录。
牵头部门：省水利厅、省市场监管局
参与部门：各市、县、区政府
完成时限：2031年12月底前
甲省便民服务专项行动方案
一、总体要求
持续深化审批服务事项梳理和流程再造。
二、主要任务
1﹒推广综合受理服务。各市、县政务服务中心都要设立综合窗口。
牵头单位：省政府办公厅
完成时限：2031年9月底
三、保障措施
（一）加强组织领导。省财政厅、省发展改革委、省民政厅会同有关部门建立联合工作机制。
（二）完善制度规范。省政府办公厅牵头，省信息中心配合，年内制定出台便民服务管理办法。
"""


def test_a_task_table_flattened_into_lines_under_each_item():
    doc = _parse(PLANS)
    items = {c.path: c for c in doc.clauses if c.path[-1:] in (("1",), ("2",)) and c.seq == 1}
    first = items[("三", "(一)", "1")]
    assert first.text.startswith("1﹒梳理水利中介服务清单")
    assert "完成时限：持续推进" in first.text  # its deadline line stays with it
    # 落实部门 under a 牵头部门: those who carry it out with the lead
    assert _units(first) == (["省水利厅"], ["省级有关部门"])
    assert _units(items[("三", "(一)", "2")]) == (["省水利厅", "省市场监管局"],
                                                 ["各市、县、区政府"])
    # no clause is a deadline line alone
    assert not [c for c in doc.clauses if c.text.startswith("完成时限")]


def test_the_safeguards_of_a_second_plan_are_read_though_the_first_has_notes_in_its_part_three():
    doc = _parse(PLANS)
    guards = {c.path: c for c in doc.clauses if c.text.startswith(("（一）加强组织", "（二）完善制度"))}
    # the whole list before 会同 leads
    assert _units(guards[("三", "(一)")]) == (["省财政厅", "省发展改革委", "省民政厅"], [])
    # X牵头，Y配合 in a sentence
    assert _units(guards[("三", "(二)")]) == (["省政府办公厅"], ["省信息中心"])


def test_the_decree_in_a_regulations_promulgation_line():
    doc = _parse("甲江流域防汛条例\n"
                 "(2031年2月11日国务院第49次常务会议通过　2031年2月26日中华人民共和国国务院令第"
                 "902号公布　自公布之日起施行)\n"
                 "第一章　总则\n"
                 "第一条　为了预防和减轻洪涝灾害，制定本条例。\n"
                 "第二条　县级以上人民政府水行政主管部门负责本行政区域的防汛工作。\n")
    assert doc.doc_number == "国务院令第902号"
    assert doc.clauses[0].path == ("第一章", "第一条")


def test_a_named_unit_before_a_level_of_related_departments():
    # 等省级相关部门 peeled off 省市场监管局, not part of its name
    assert _note("参与单位：省发展改革委、西安海关、省市场监管局等省级相关部门") == (
        [], ["省发展改革委", "西安海关", "省市场监管局", "等省级相关部门"])


def test_a_command_body_with_its_level_written_first_is_charged():
    from ingest.extract import text_duties
    found = text_duties("第四条　县级以上地方人民政府防汛抗旱指挥机构应当组织有关部门核实旱情。", D)
    assert [(m.as_written, m.role) for m in found] == [
        ("县级以上地方人民政府防汛抗旱指挥机构", "lead")]


def test_the_title_of_a_notices_second_plan_opens_a_part_of_its_own():
    doc = _parse(PLANS)
    # the last item of the first plan ends where its own text does
    last = [c for c in doc.clauses if c.path == ("三", "(一)", "2")]
    assert len(last) == 1 and "便民服务专项行动方案" not in last[0].text
    # the second plan's clauses say which plan they are of
    second = [c for c in doc.clauses if c.section[:1] == ("甲省便民服务专项行动方案",)]
    assert [c.path for c in second] == [("一",), ("二", "1"), ("三", "(一)"), ("三", "(二)")]
