"""The questions staff actually type: documents named by 文号 or nickname, short and
everyday unit forms, traditional characters, roles, and topics that are not there."""

import pytest

from kb import KnowledgeBase, Settings

from .conftest import SEED, SHARED

SEED_NUMBER = "鲁政字〔2023〕209号"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("kb")
    with KnowledgeBase(Settings(home=home)) as kb:
        kb.ingest([SEED] + ([SHARED] if SHARED.is_dir() else []))
        yield kb


def seed_id(kb):
    return next(d for d, h in kb.current_headers().items() if h.doc_number == SEED_NUMBER)


@pytest.mark.parametrize("written", [
    "鲁政字〔2023〕209号", "鲁政字[2023]209号", "鲁政字(2023)209号", "鲁政字（2023）209号",
    "鲁政字2023年209号"])
def test_a_doc_number_alone_opens_the_document_and_is_no_year(kb, written):
    answer = kb.ask(written)
    assert answer.intent == "document"
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert answer.year is None
    assert answer.total == 40 and {h.clause.doc_id for h in answer.hits} == {seed_id(kb)}


def test_a_doc_number_limits_a_duty_question(kb):
    answer = kb.ask("鲁政字[2023]209号里省财政厅牵头哪些任务")
    assert answer.intent == "unit_duties"
    ids = [c for u in answer.units for c in u.clauses]
    assert ids and all(c.startswith(seed_id(kb) + ":") for c in ids)
    assert answer.to_dict()["documents"][0]["doc_number"] == SEED_NUMBER


def test_an_unknown_doc_number_says_so(kb):
    answer = kb.ask("国办发〔2099〕1号由哪个部门负责")
    assert answer.empty and "国办发〔2099〕1号" in answer.message


@pytest.mark.parametrize("question", ["县域经济方案里省财政厅要干什么", "县域经济那个方案里省财政厅负责哪几条"])
def test_a_document_named_by_nickname(kb, question):
    answer = kb.ask(question)
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert answer.intent == "unit_duties"
    assert all(c.startswith(seed_id(kb) + ":") for u in answer.units for c in u.clauses)


@pytest.mark.parametrize("question, unit", [
    ("大数据局负责什么", "山东省大数据局"),
    ("市场监管局牵头哪些任务", "山东省市场监督管理局"),
    ("工信厅牵头的活", "山东省工业和信息化厅"),
])
def test_units_as_people_write_them(kb, question, unit):
    answer = kb.ask(question)
    assert answer.intent == "unit_duties"
    assert {u.name for u in answer.units} == {unit}
    assert any(u.clauses for u in answer.units)


def test_x_bumen_maps_through_the_function_of_each_unit(kb):
    answer = kb.ask("科技部门牵头哪些任务")
    assert answer.intent == "unit_duties"
    names = {u.name for u in answer.units}
    assert "山东省科学技术厅" in names
    if SHARED.is_dir():  # the national ministry has duties too: both, and the note says so
        assert names == {"山东省科学技术厅", "中华人民共和国科学技术部"} and "分别列出" in answer.note
    scoped = kb.ask("县域经济方案里科技部门牵头哪些任务")
    assert {u.name for u in scoped.units} == {"山东省科学技术厅"}


def test_an_ambiguous_short_form_is_never_a_shared_question(kb):
    answer = kb.ask("发改委牵头什么")
    assert answer.intent == "unit_duties"
    names = {u.name for u in answer.units}
    assert "山东省发展和改革委员会" in names
    # in the seed's scope the provincial commission is meant
    scoped = kb.ask("县域经济方案里发改委牵头什么")
    assert {u.name for u in scoped.units} == {"山东省发展和改革委员会"}


def test_traditional_characters(kb):
    answer = kb.ask("哪些部門牽頭科技成果轉化")
    assert [u.name for u in answer.units if u.role == "lead"][:3] == [
        "山东省科学技术厅", "山东省市场监督管理局", "山东省教育厅"]


def test_cooperating_role_only(kb):
    answer = kb.ask("省教育厅配合哪些任务")
    assert answer.units and {u.role for u in answer.units} == {"coop"}
    assert all(any(r.name == "山东省教育厅" for r in h.clause.coop_units) for h in answer.hits)


@pytest.mark.parametrize("question", ["低空经济发展由哪个部门牵头", "网约车监管由哪个部门牵头？",
                                      "森林草原防灭火工作怎么分工？"])
def test_a_topic_that_is_not_there_is_nothing_found(kb, question):
    answer = kb.ask(question)
    data = answer.to_dict()
    assert data["empty"] is True and data["units"] == [] and data["clauses"] == []
    assert "没有找到" in data["message"]


def test_segmentation_and_typos_still_find_the_clause(kb):
    answer = kb.ask("科技成果转换由哪些部门牵头")  # a typo: 转换 for 转化
    assert not answer.empty
    assert answer.hits[0].clause.path == ("三", "(二)", "4")


def test_distinctive_words_outrank_common_ones(kb):
    answer = kb.ask("支持更多县冲刺千亿县、发挥千亿县带动作用，这事归哪个部门管")
    assert "千亿" in answer.hits[0].clause.text


def test_everyday_words_no_clause_holds_do_not_sink_a_paraphrase(kb):
    # 以后, 改成 and 多久 are in no document: they are how the question is asked
    answer = kb.ask("科技成果转化以后改成由哪些部门牵头？")
    assert not answer.empty
    assert answer.hits[0].clause.path == ("三", "(二)", "4")


def test_an_unseen_noun_still_says_the_topic_is_absent(kb):
    answer = kb.ask("住房公积金缴存比例由哪个部门负责")
    assert answer.empty and answer.units == []


def test_a_clause_without_readable_units_is_shown_and_says_so(tmp_path):
    text = ("山东省测试工作方案\n一、重点任务\n"
            "（一）推进普惠金融。扩大普惠小微贷款投放。（省地方金融监管局牵头）\n"
            "（二）发展冰雪旅游。建设一批滑雪场和冰雪小镇，打造冰雪旅游精品线路。\n")
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "plan.txt"])
        answer = kb.ask("冰雪旅游由哪个部门牵头")
    assert not answer.empty and answer.units == []
    assert "冰雪旅游" in answer.hits[0].clause.text
    assert "未能从中识别出负责单位" in answer.note


def test_one_character_frame_words_leave_words_whole(kb):
    # 中 and 管 frame a question (方案中, 归谁管) but belong to 中央 and 管理
    answer = kb.ask("县域经济方案中中央预算内投资由哪个部门牵头")
    assert "中央" in answer.topic
    assert kb.ask("资金管理由谁负责").topic.startswith("资金管理")
