"""Who does what where the text says it in other ways: a sentence above numbered items
that says who does them (十四、地方政府可…综合采取以下政策措施，支持…。), the bodies that
approve what is sent up to them (报请国务院有关主管部门…审查) or run what one takes part in
(接受和配合…部门组织开展的检查), a party committee's department (党工委组织部) and an
institution's board (理事会负责…). Literal text written for these tests."""

from ingest import default_directory, parse_bytes
from ingest.extract import text_duties
from kb.reports import heading_line

D = default_directory()

GUIDANCE = """青河省科技厅关于促进新型研究院发展的指导意见
一、新型研究院是从事研发服务的独立法人机构。
二、多元投资设立的新型研究院，原则上实行理事会决策制。
（一）章程应明确理事会的职责。
（二）理事会负责选定院长，审定发展规划。
三、地方政府可根据区域创新需要，综合采取以下政策措施，支持新型研究院建设发展。
（一）在科研设备购置等方面给予支持。
（二）采用创新券等方式，推动企业购买研发服务。
四、本意见由青河省科技厅负责解释。
"""


def _clauses(text: str):
    return {c.path: c for c in parse_bytes(text.encode("utf-8"), "guidance.txt").clauses}


def _names(mentions):
    return [m.as_written for m in mentions]


def test_a_sentence_introducing_items_is_a_clause_and_its_body_does_them():
    clauses = _clauses(GUIDANCE)
    intro = clauses[("三",)]
    assert "综合采取以下政策措施" in intro.text
    assert [u.as_written for u in intro.lead_units] == ["地方政府"]
    for item in (("三", "(一)"), ("三", "(二)")):
        assert [u.as_written for u in clauses[item].lead_units] == ["地方政府"]
    # a clause of its own besides the sentence introducing the items keeps what it says
    assert [u.as_written for u in clauses[("二", "(二)")].lead_units] == ["理事会"]


def test_an_article_that_only_introduces_its_measures_is_its_bodies_duty():
    text = """甲江抗旱条例
第一条　为了预防干旱灾害，制定本条例。
第二条　发生轻度干旱，县级以上地方人民政府防汛抗旱指挥机构应当按照抗旱预案的规定，采取下列措施：
(一)启用应急备用水源；
(二)组织向人畜饮水困难地区送水。
"""
    article = next(c for c in _clauses(text).values() if c.path[-1] == "第二条")
    assert [u.as_written for u in article.lead_units] == ["县级以上地方人民政府防汛抗旱指挥机构"]


def test_who_approves_what_is_sent_up_when_no_one_else_is_charged():
    assert _names(text_duties(
        "持证单位与境外机构合作，如果涉及保密要点，应当由持证单位报请国务院有关主管部门或者"
        "省、自治区、直辖市人民政府有关主管部门审查。", D)) == [
        "国务院有关主管部门", "省、自治区、直辖市人民政府有关主管部门"]
    assert _names(text_duties("终止服务的，提供者应当制定善后处理方案，报国务院电信主管部门批准。", D)) \
        == ["国务院电信主管部门"]
    # a body charged with the work leads it; the one approving its plan does not
    assert _names(text_duties("由省发展改革委牵头编制规划，报省政府批准后实施。", D)) == ["省发展改革委"]


def test_who_runs_what_the_subject_takes_part_in():
    assert _names(text_duties(
        "持证单位应当依法接受和配合科学技术行政管理部门和保密行政管理部门组织开展的保密检查。", D)) == [
        "科学技术行政管理部门", "保密行政管理部门"]


def test_a_party_committees_department_and_a_board_are_bodies():
    assert _names(text_duties("本措施由青河开发区党工委组织部负责解释。", D)) == ["青河开发区党工委组织部"]
    assert _names(text_duties("由区委宣传部牵头，区文旅局配合。", D)) == ["区委宣传部", "区文旅局"]
    assert _names(text_duties("理事会负责选定院长，审定发展规划。", D)) == ["理事会"]
    assert _names(text_duties("建立理事会负责制。", D)) == []


def test_a_provinces_function_body_keeps_its_function():
    assert _names(text_duties("准运证明式样由省、自治区、直辖市人民政府畜牧兽医主管部门制定。", D)) == [
        "省、自治区、直辖市人民政府畜牧兽医主管部门"]


# a notice issuing a policy and a plan: the policy's closing paragraph after its last item,
# then the plan's title with its years in brackets
ISSUING = """甲省人民政府办公厅关于印发支持工业互联网发展若干政策和甲省工业互联网行动计划（2031-2033年）的通知
各市人民政府，省政府各部门：
现将有关文件印发给你们，请认真贯彻执行。
支持工业互联网发展若干政策
一、支持平台建设。对新认定的平台给予奖补。（责任单位：省经济和信息化厅、省财政厅）
二、支持企业上云。鼓励企业上云用云。（责任单位：省经济和信息化厅）
本政策自2031年开始执行，由省经济和信息化厅负责解释。
甲省工业互联网行动计划（2031-2033年）
为推动工业互联网赋能制造强省，特制定本行动计划。
一、总体要求
坚持创新驱动，建设一批工业互联网平台。
"""


def test_a_closing_paragraph_after_the_last_item_is_the_documents():
    clauses = parse_bytes(ISSUING.encode("utf-8"), "notice.txt").clauses
    last_item = next(c for c in clauses if c.path == ("二",))
    assert "本政策自2031年" not in last_item.text
    assert [u.as_written for u in last_item.lead_units] == ["省经济和信息化厅"]
    closing = next(c for c in clauses if c.text.startswith("本政策自2031年"))
    assert closing.path == ()
    assert heading_line(closing).startswith("结尾 本政策自2031年")  # not 前言, as lists show it
    assert "行动计划" not in closing.text  # the next plan's title is no part of it
    assert [u.as_written for u in closing.lead_units] == ["省经济和信息化厅"]
    plan = next(c for c in clauses if c.path == ("一",) and "坚持创新驱动" in c.text)
    assert plan.section[:1] == ("甲省工业互联网行动计划（2031-2033年）",)


def test_a_body_whose_name_pairs_two_functions_with_和():
    assert _names(text_duties("由省经济和信息化厅负责解释。", D)) == ["省经济和信息化厅"]
    assert _names(text_duties("支持和鼓励企业发展。", D)) == []


def test_a_body_with_a_word_in_brackets_and_the_work_done_under_its_coordination():
    assert _names(text_duties(
        "在市人工智能（软件）攻坚办统筹协调下，市各板块要主动梳理业务场景。", D)) == [
        "市人工智能（软件）攻坚办"]
    assert _names(text_duties("乡（镇）人民政府、街道办事处按照职责做好辖区内扬尘污染防治工作。", D)) \
        == ["乡（镇）人民政府", "街道办事处"]
    assert _names(text_duties("未成立业主委员会的，由村（居）民委员会负责。", D)) == ["村（居）民委员会"]
