"""An English compound names one thing: when the clauses hold only its common part
(经济 of night-time economy, 自行车 of electric bicycles), the topic is not there."""

import pytest

from .conftest import kb_of

MEASURES = """某省关于促进消费的若干措施
一、做强县域经济。支持各县培育特色产业，推动县域经济高质量发展。（牵头单位：省发展改革委）
二、扩大汽车消费。对个人购买新能源汽车给予一次性补贴。（牵头单位：省商务厅）
三、推广绿色出行。完善城市自行车道和停车设施建设。（牵头单位：省住房城乡建设厅）
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory.mktemp("compounds"), {"measures.txt": MEASURES}) as kb:
        yield kb


@pytest.mark.parametrize("question", [
    "Which department leads the development of the night-time economy?",
    # (电动 is a word of the dictionary no clause holds: nothing found before, too)
    "Are there any subsidies for buying electric bicycles, and who pays them?",
])
def test_a_compound_whose_distinctive_part_no_clause_holds_is_nothing_found(kb, question):
    answer = kb.ask(question)
    assert answer.empty and answer.units == []


@pytest.mark.parametrize("question, unit, quote", [
    ("Which department leads the development of the county economy?", "省发展改革委", "县域经济"),
    ("Who subsidises buying new energy vehicles?", "省商务厅", "新能源汽车"),
])
def test_a_compound_the_clauses_hold_is_answered(kb, question, unit, quote):
    answer = kb.ask(question)
    assert not answer.empty
    first = answer.units[0]
    assert unit in (first.name, *first.aliases)
    assert quote in answer.hits[0].clause.text
