"""Index tokens kept once: a document's title tokens in its own row, a clause's unit
tokens worked out from clause_units; the index reads the same as when every clause
carried both, for stores written either way."""

from kb import KnowledgeBase, Settings
from kb.cli import main

from .conftest import SEED

TECH = "加速推进科技成果转化"


def _rows(kb):
    return {row.clause_id: row for row in kb.store.index_rows()}


def test_title_and_unit_tokens_are_stored_once_and_indexed_for_every_clause(tmp_path):
    home = tmp_path / "kb"
    assert main(["--kb", str(home), "ingest", str(SEED)]) == 0
    with KnowledgeBase(Settings(home=home)) as kb:
        stored = kb.store.db.execute("SELECT title, units FROM clause_tokens").fetchall()
        assert stored and all(tuple(r) == ("", "") for r in stored)
        (title_tokens,) = kb.store.db.execute("SELECT title_tokens FROM documents").fetchone()
        assert "县域" in title_tokens.split() and "鲁政字〔2023〕209号" in title_tokens.split()
        rows = _rows(kb)
        assert all(row.title == title_tokens for row in rows.values())
        tech = next(r for r in rows.values() if TECH in r.text)
        # 省科技厅牵头: the canonical name, the form written and the directory's aliases
        assert {"山东省科学技术厅", "省科技厅"} <= set(tech.units.split())
        assert "山东省科学技术厅" in tech.lead
        # the title is searchable, the unit aliases too, as before
        assert kb.search("县域经济")
        hits = kb.search("省科技厅 成果转化")
        assert hits and TECH in hits[0].clause.text


def test_a_store_written_before_schema_6_reads_the_same(tmp_path):
    home = tmp_path / "kb"
    assert main(["--kb", str(home), "ingest", str(SEED)]) == 0
    with KnowledgeBase(Settings(home=home)) as kb:
        before = _rows(kb)
        with kb.store.transaction() as db:  # as an older version wrote them
            db.executemany("UPDATE clause_tokens SET title = ?, units = ? WHERE clause_id = ?",
                           [(r.title, r.units, cid) for cid, r in before.items()])
            db.execute("UPDATE documents SET title_tokens = NULL")
        assert _rows(kb) == before
        kb.reindex()
        assert not kb.check()
        assert kb.search("县域经济")


def test_corrections_reach_the_title_and_unit_tokens(tmp_path):
    home = tmp_path / "kb"
    assert main(["--kb", str(home), "ingest", str(SEED)]) == 0
    with KnowledgeBase(Settings(home=home)) as kb:
        rows = _rows(kb)
        doc_id = next(iter(rows.values())).doc_id
        tech = next(cid for cid, r in rows.items() if TECH in r.text)
    assert main(["--kb", str(home), "correct", "--doc", doc_id, "--set",
                 "title=山东省强县富民十条措施", "--by", "李编辑", "--why", "标题有误"]) == 0
    assert main(["--kb", str(home), "correct", tech, "--lead", "省财政厅", "--by", "李编辑",
                 "--why", "原文牵头单位"]) == 0
    with KnowledgeBase(Settings(home=home)) as kb:
        rows = _rows(kb)
        assert all("富民" in r.title.split() for r in rows.values())
        assert "省财政厅" in rows[tech].units.split()
        assert "省科技厅" not in rows[tech].units.split()
        kb.reindex()
        hits = kb.search("强县富民")
        assert hits and hits[0].clause.doc_id == doc_id
