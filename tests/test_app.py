"""The placeholder Streamlit page renders the ingested clauses (AppTest, in process)."""

from streamlit.testing.v1 import AppTest

from kb.cli import main

from .conftest import ROOT, SEED


def test_app_lists_the_seed_clauses(kb_home, capsys):
    assert main(["ingest", str(SEED)]) == 0
    at = AppTest.from_file(str(ROOT / "search_app.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "政策条款库 · policykb"
    table = at.dataframe[0].value
    row = table[table["条款 Path"] == "三、(二)4"].iloc[0]
    assert row["牵头 Lead"] == "省科技厅、省市场监管局、省教育厅"


def test_app_says_when_the_knowledge_base_is_empty(kb_home):
    at = AppTest.from_file(str(ROOT / "search_app.py"), default_timeout=30).run()
    assert not at.exception
    assert "知识库为空" in at.info[0].value
