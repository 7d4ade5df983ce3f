"""Questions that point at a document (…集聚人才的这套措施), ask whom a body works for
(需要配合哪些部门), ask about an organ of a body (新型研究院的理事会), name a class of
governments in English ("local governments") or a person in charge (单位负责人). Literal
text written for these tests."""

import pytest

from .conftest import kb_of
from .test_lead_ins_and_deciders import GUIDANCE

TALENT = """青河新区集聚人才创新发展的若干措施
一、实施高端领军人才引进计划
对引进的领军人才给予最高100万元奖励。
二、提供高端人才专属服务
对符合条件人才发放高端人才卡。
三、本措施由青河开发区党工委组织部负责解释。
"""
SHIPPING = """青河新区促进航运物流业发展扶持办法
第一条　鼓励航运企业在青河新区落户，给予落户奖励。
第二条　本办法由青河开发区口岸工作办公室负责解释。
第三条　本办法自2031年1月1日起施行，有效期5年。
"""
SECRECY = """甲省技术秘密持有单位管理办法
甲科发〔2031〕13号
第一条　为了加强技术秘密持有单位保密管理，制定本办法。
第二条　持密单位应当实行保密工作责任制，单位主要负责人对本单位的保密工作负总责。
第三条　持密单位进行宣传报道等活动，由单位负责人或者其指定的保密工作机构对活动内容进行保密审查。
第四条　持密单位应当每年至少开展一次保密自查；应当依法接受和配合科学技术行政管理部门和保密行政管理部门组织开展的保密检查。
"""
# another document where local governments have a duty, on another topic
SCHOOLS = """青河省教育厅关于办好乡村学校的意见
一、地方政府要保障乡村学校办学经费，改善办学条件。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("pointers")
    with kb_of(home, {"talent.txt": TALENT, "shipping.txt": SHIPPING, "secrecy.txt": SECRECY,
                      "guidance.txt": GUIDANCE, "schools.txt": SCHOOLS}) as kb:
        yield kb


def _paths(answer):
    return [h.clause.path for h in answer.hits]


def test_a_document_pointed_at_by_the_words_only_its_title_holds(kb):
    answer = kb.ask("青河新区集聚人才的这套措施，解释权在哪个部门？")
    assert [d["title"] for d in answer.documents] == ["青河新区集聚人才创新发展的若干措施"]
    assert [u.name for u in answer.units] == ["青河开发区党工委组织部"]


def test_whom_a_body_must_assist_are_the_bodies_that_run_the_work(kb):
    answer = kb.ask("持密单位接受保密检查时，需要配合哪些部门的检查？")
    assert answer.intent == "who_leads"
    assert [u.name for u in answer.units][:2] == ["科学技术行政管理部门", "保密行政管理部门"]


def test_an_organ_of_a_body_is_the_unit_asked_about(kb):
    answer = kb.ask("新型研究院的理事会具体负责哪些事项？")
    assert answer.intent == "unit_duties"
    assert {u.name for u in answer.units} == {"理事会"}
    assert _paths(answer) == [("二", "(二)")]


def test_local_governments_in_english_with_a_topic_one_document_holds(kb):
    answer = kb.ask("What measures may local governments take to support new research institutes?")
    assert answer.intent == "unit_duties"
    assert {u.name for u in answer.units} == {"地方政府"}
    assert _paths(answer) == [("三",), ("三", "(一)"), ("三", "(二)")]


def test_a_person_in_charge_and_whoever_they_name(kb):
    answer = kb.ask("持密单位办宣传报道前，内容的保密审查由谁来做？")
    assert [u.name for u in answer.units] == ["单位负责人", "保密工作机构"]
    answer = kb.ask("谁对本单位的保密工作负总责？")
    assert "单位主要负责人" in [u.name for u in answer.units]


def test_a_body_the_work_is_for_is_no_unit_asked(kb):
    answer = kb.ask("地方政府可以采取哪些措施支持新型研究院建设？")
    assert {u.name for u in answer.units} == {"地方政府"}
    assert _paths(answer)[0] == ("三",)


def test_what_a_numbered_document_says_is_no_topic(kb):
    # 规定 after the document's number frames the question (is no topic word); 负总责 is what is asked, and
    # of the parties the clause charges, the one whose own words hold it answers
    answer = kb.ask("甲科发[2031]13号规定，持密单位的保密工作由谁负总责？")
    assert [u.name for u in answer.units] == ["单位主要负责人"]
    assert _paths(answer)[0] == ("第二条",)


def test_a_new_word_jieba_cut_apart_is_no_topic_here(kb):
    # 融 is no everyday word of its own and no clause writes 融媒: 融媒体 is asked, and absent
    answer = kb.ask("县级融媒体中心建设由哪个部门牵头？")
    assert answer.empty
    assert "融媒体" not in " ".join(h.clause.text for h in answer.hits)


def test_when_measures_apply_and_for_how_long_in_english(kb):
    answer = kb.ask("From when do the Qinghe shipping support measures apply, and for how long?")
    assert answer.hits and answer.hits[0].clause.path == ("第三条",)


def test_an_untranslated_english_word_does_not_make_an_absent_topic_weigh_nothing(kb):
    # "employer" is no word the glossary knows; 住房公积金 is in no clause: nothing found,
    # not every clause at full coverage
    answer = kb.ask("housing provident fund employer")
    assert answer.empty


def test_a_unit_asked_about_in_either_role_gets_its_duties(kb):
    # 负责或参与: both of the unit's roles, not "the lead is stated, who takes part"
    answer = kb.ask("新型研究院指导意见里，理事会负责或参与哪些事项？")
    assert answer.intent == "unit_duties"
    assert {u.name for u in answer.units} == {"理事会"}
