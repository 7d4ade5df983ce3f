"""Who does what where the text says it in other ways: a sentence above numbered items
that says who does them (十四、地方政府可…综合采取以下政策措施，支持…。), the bodies that
approve what is sent up to them (报请国务院有关主管部门…审查) or run what one takes part in
(接受和配合…部门组织开展的检查), a party committee's department (党工委组织部) and an
institution's board (理事会负责…). Literal text written for these tests."""

from ingest import default_directory, parse_bytes
from ingest.extract import text_duties

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
