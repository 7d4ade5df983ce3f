"""Questions as staff ask them, on a knowledge base built from the seed notice."""

import json

import pytest

from kb import KnowledgeBase, Settings
from kb.ask import _ASKED_KIND, parse
from kb.cli import main

from .conftest import SEED

TECH = ["山东省科学技术厅", "山东省市场监督管理局", "山东省教育厅"]


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with KnowledgeBase(Settings(home=tmp_path_factory.mktemp("kb"))) as kb:
        kb.ingest([SEED])
        yield kb


def lead_names(answer):
    return [u.name for u in answer.units if u.role == "lead"]


@pytest.mark.parametrize("question", [
    "哪些部门牵头科技成果转化", "谁负责科技成果转化", "科技成果转化由哪个部门负责",
    "科技成果转化牵头单位", "which departments lead on tech transfer",
    "who is responsible for technology transfer",
])
def test_who_leads_tech_transfer(kb, question):
    answer = kb.ask(question)
    assert answer.intent == "who_leads"
    assert lead_names(answer)[:3] == TECH
    assert answer.hits[0].clause.path == ("三", "(二)", "4")
    assert answer.hits[0].clause.heading == "加速推进科技成果转化"


def test_unit_duties_are_complete_and_grouped(kb):
    answer = kb.ask("省科技厅牵头哪些任务")
    assert answer.intent == "unit_duties"
    lead = next(u for u in answer.units if u.role == "lead")
    coop = next(u for u in answer.units if u.role == "coop")
    paths = {h.clause.clause_id: h.clause.path for h in answer.hits}
    assert [paths[c] for c in lead.clauses] == [
        ("二", "(二)"), ("三", "(一)", "4"), ("三", "(二)", "1"), ("三", "(二)", "2"),
        ("三", "(二)", "3"), ("三", "(二)", "4"), ("三", "(七)", "2")]
    assert [paths[c] for c in coop.clauses] == [("三", "(七)", "4")]


@pytest.mark.parametrize("question, name", [
    ("发改委负责什么", "山东省发展和改革委员会"),
    ("工信厅的职责", "山东省工业和信息化厅"),
    ("人社厅牵头哪些任务", "山东省人力资源和社会保障厅"),
    ("财政厅的职责", "山东省财政厅"),
    ("tasks led by the Department of Commerce", "山东省商务厅"),
    ("what does the Development and Reform Commission lead", "山东省发展和改革委员会"),
])
def test_units_resolve_through_short_forms_and_english(kb, question, name):
    answer = kb.ask(question)
    assert answer.intent == "unit_duties"
    assert answer.units[0].name == name and answer.units[0].clauses


def test_targets_by_year(kb):
    answer = kb.ask("2025年要达到哪些目标")
    assert answer.intent == "targets" and answer.year == 2025
    paths = [h.clause.path for h in answer.hits]
    assert paths == [("一",), ("三", "(一)", "1"), ("三", "(一)", "5"), ("三", "(一)", "6"),
                     ("三", "(二)", "3"), ("三", "(四)", "2"), ("三", "(六)", "4"), ("三", "(六)", "5")]
    assert all(any(t.year == 2025 for t in h.clause.targets) for h in answer.hits)


def test_targets_by_topic(kb):
    answer = kb.ask("新增就业目标")
    assert answer.intent == "targets"
    assert answer.hits[0].clause.path == ("三", "(六)", "5")


def test_shared_duties(kb):
    answer = kb.ask("省科技厅和省发展改革委共同牵头的任务")
    assert answer.intent == "shared"
    assert [h.clause.path for h in answer.hits] == [
        ("三", "(一)", "4"), ("三", "(二)", "2"), ("三", "(二)", "3"), ("三", "(七)", "2")]


def test_fallback_search_with_highlights(kb):
    answer = kb.ask("宅基地三权分置")
    assert answer.intent == "search"
    top = answer.hits[0]
    assert top.clause.path == ("三", "(四)", "4")
    assert "宅基地" in [top.clause.text[s:e] for s, e in top.highlights]


def test_parse_keeps_years_and_units_out_of_the_topic(kb):
    parsed = parse(kb, "到2025年产业集群的目标是什么")
    assert (parsed.intent, parsed.year, parsed.topic) == ("targets", 2025, "产业集群")
    parsed = parse(kb, "how many county medical service sub-centres by 2025")
    assert parsed.intent == "targets" and parsed.year == 2025


def test_ask_json_contract(kb_home, capsys):
    assert main(["ingest", str(SEED)]) == 0
    capsys.readouterr()
    assert main(["ask", "哪些部门牵头科技成果转化", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"question", "intent", "units", "clauses"} <= set(data)
    unit = data["units"][0]
    assert {"name", "aliases", "english", "role", "clauses"} <= set(unit)
    assert unit["name"] == "山东省科学技术厅" and "省科技厅" in unit["aliases"]
    clause = data["clauses"][0]
    for key in ("path", "text", "lead_units", "coop_units", "targets", "doc_title", "doc_number"):
        assert key in clause
    assert clause["lead_units"][0] == {**clause["lead_units"][0], "name": "山东省科学技术厅",
                                       "as_written": "省科技厅"}
    assert main(["ask", "哪些部门牵头科技成果转化"]) == 0
    assert "三、(二)4" in capsys.readouterr().out


def test_the_kind_of_body_asked_for_comes_first(kb):
    # 哪个局: of the three leads of 三、(二)4, the 局 first; the others still follow
    names = [u.name for u in kb.ask("科技成果转化由哪个局牵头？").units if u.role == "lead"]
    assert names[0] == "山东省市场监督管理局"
    assert set(names[:3]) == {"山东省市场监督管理局", "山东省科学技术厅", "山东省教育厅"}
    plain = [u.name for u in kb.ask("科技成果转化由哪些部门牵头？").units if u.role == "lead"]
    assert plain[0] == "山东省科学技术厅"


def test_a_general_kind_of_bodies_keeps_the_answer_order(kb):
    # 厅局 is any department, not the 厅 first; 部门 is no 部
    assert _ASKED_KIND.search("是哪几个厅局配合？") is None
    assert _ASKED_KIND.search("由哪些部門負責") is None
    assert _ASKED_KIND.search("跟哪个厅一起负责")[1] == "厅"
