"""Questions read against the documents they name: a nickname with a Latin word, a plus
or quotes in it, and a unit's short form or class that only the documents in scope write
(a city's 市发改委 for 发改委, a plan's own 科技部门)."""

import pytest

from kb import KnowledgeBase, Settings
from kb.ask import parse

from .conftest import kb_of

CITY = """临川市人民政府办公厅关于支持5G应用创新发展的若干意见

为加快5G应用创新发展，提出如下意见。

一、夯实网络基础
（一）加快基站建设。统筹全市5G基站规划，推进公共建筑向基站建设开放。（责任单位：市发改委、市住建局、市通信管理办。列第一位的为牵头单位，下同）
（二）建设算力设施。依托城市算力中心，为企业提供普惠算力服务。（责任单位：市经信局、市数据局）

二、拓展应用场景
（三）开放应用场景。定期发布5G应用场景清单，支持企业参与智慧港口建设。（责任单位：市发改委、市交通局）
"""
NATIONAL = """关于印发《“互联网+养老”行动计划》的通知

各省、自治区、直辖市民政厅（局）：
现将《“互联网+养老”行动计划》印发给你们，请认真贯彻执行。

一、主要任务
（一）建设养老服务平台。推动养老服务信息互联互通，建设全国养老服务信息平台。
（二）发展智慧养老产品。支持研发适老化智能终端产品。

二、组织实施
民政部门负责统筹推进行动计划实施。科技部门负责支持智慧养老关键技术攻关。工业和信息化部门加强智能终端产品供给。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("scope")
    texts = {"city.txt": CITY, "national.txt": NATIONAL}
    with kb_of(home, texts) as kb:
        yield kb


def _doc(kb, name: str) -> str:
    return next(d.doc_id for d in kb.store.documents() if d.source.endswith(name))


def test_a_nickname_with_a_latin_word_names_the_document(kb):
    parsed = parse(kb, "临川5G意见里建设算力设施由哪个部门负责？")
    assert parsed.documents == [_doc(kb, "city.txt")]
    assert "5G" not in parsed.topic and "意见" not in parsed.topic


def test_a_nickname_with_quotes_and_a_plus_names_the_document(kb):
    for question in ("“互联网+养老”行动计划里民政部门要做什么？", "互联网+养老行动计划里民政部门要做什么？"):
        parsed = parse(kb, question)
        assert parsed.documents == [_doc(kb, "national.txt")], question


def test_a_short_form_read_as_the_city_body_the_document_writes(kb):
    # the directory's 发改委 are the national and provincial ones; this city's is 市发改委
    answer = kb.ask("临川5G意见里发改委牵头哪些任务？")
    assert answer.intent == "unit_duties"
    assert {h.clause.path[-1] for h in answer.hits} == {"(一)", "(三)"}
    answer = kb.ask("临川5G意见里开放应用场景这块，发改委牵头，配合的是谁？")
    assert [u.name for u in answer.units] == ["市交通局"]


def test_a_class_the_plan_itself_writes_is_that_unit(kb):
    answer = kb.ask("“互联网+养老”行动计划里科技部门的职责是什么？")
    assert answer.intent == "unit_duties"
    assert [u.name for u in answer.units][:1] == ["科技部门"]
    assert [h.clause.path for h in answer.hits] == [("二",)]


def test_what_the_named_document_says_is_no_topic(kb):
    # 预案规定…, 方案要求…: the verb after the document is how it is asked
    for question, verb in (("互联网+养老行动计划要求智慧养老产品由哪个部门负责？", "要求"),
                           ("临川5G意见里规定开放应用场景由谁负责？", "规定")):
        parsed = parse(kb, question)
        assert parsed.documents and verb not in parsed.topic, (question, parsed.topic)
    # not after a document, the same word is the question's own
    assert "规定" in parse(kb, "公示收费标准的规定由哪个部门监督？").topic


CARE = """关于推进社区医养结合服务的实施意见

一、重点任务
（一）扩大服务供给。卫生健康部门负责统筹社区医养结合机构建设。医保部门要将符合条件的上门医疗服务纳入支付范围。
（二）完善支付政策。医疗保障部门负责制定家庭病床费用结算办法。
（三）加强人才培养。人力资源社会保障部门负责开展养老护理员职业技能培训。
"""


def test_a_class_of_bodies_is_asked_by_either_of_its_names(tmp_path):
    # the document writes 医保部门 in one clause and 医疗保障部门 in another: asked by
    # either name, the duties of both are the class's, and the answer says so
    (tmp_path / "care.txt").write_text(CARE, encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "care.txt"])
        for asked, other in (("医保部门", "医疗保障部门"), ("医疗保障部门", "医保部门")):
            answer = kb.ask(f"社区医养结合实施意见里{asked}要做什么？")
            assert answer.intent == "unit_duties", asked
            paths = [c.path for c in kb.store.clauses(
                clause_ids=[cid for u in answer.units for cid in u.clauses])]
            assert sorted(paths) == [("一", "(一)"), ("一", "(二)")], asked
            assert other in answer.note, asked
        # a class with one name only is asked as before, and a different class stays apart
        answer = kb.ask("社区医养结合实施意见里人力资源社会保障部门要做什么？")
        assert [c.path for c in kb.store.clauses(
            clause_ids=[cid for u in answer.units for cid in u.clauses])] == [("一", "(三)")]


TWO_LEVELS = """临川市社区助餐服务管理办法

第一条 为规范社区助餐服务，制定本办法。
第二条 市民政部门应当会同市财政部门制定助餐补贴标准，报市人民政府同意后实施。
第三条 区民政部门负责本辖区助餐点的日常监督管理。
第四条 民政部门应当定期公布助餐点名单。
"""


def test_a_level_written_before_a_class_is_that_levels_body(tmp_path):
    # 市民政部门 asked of a document writing 市民政部门, 区民政部门 and 民政部门: the city's
    (tmp_path / "meals.txt").write_text(TWO_LEVELS, encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "meals.txt"])
        parsed = parse(kb, "按社区助餐服务管理办法，制定助餐补贴标准时市民政部门要会同哪个部门？")
        assert parsed.partner_of is not None and parsed.partner_of.name == "市民政部门"
        answer = kb.ask("社区助餐服务管理办法里区民政部门负责什么？")
        assert [c.path for c in kb.store.clauses(
            clause_ids=[cid for u in answer.units for cid in u.clauses])] == [("第三条",)]
