"""Corrections survive everything: reindex, a repeated ingest, backup and restore into a
new folder (on PostgreSQL: another process's folder over the same database), and a
revised version of the document. On both store engines."""

import json

from kb import KnowledgeBase
from kb.cli import main

from .conftest import FIXTURES, SEED

TECH = "哪些部门牵头科技成果转化"


def _tech_clause(kb):
    doc = next(d for d in kb.store.documents() if d.doc_number == "鲁政字〔2023〕209号")
    return next(c for c in kb.store.clauses(doc_id=doc.doc_id) if c.path == ("三", "(二)", "4"))


def _ask(home, capsys, question=TECH):
    capsys.readouterr()
    assert main(["--kb", str(home), "ask", question, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_correction_survives_reindex_reingest_backup_and_restore(backend, tmp_path, capsys):
    home = tmp_path / "kb"
    assert main(["--kb", str(home), "ingest", str(SEED)]) == 0
    with KnowledgeBase(backend.settings(home)) as kb:
        clause = _tech_clause(kb)
    assert [u.name for u in clause.lead_units] == [
        "山东省科学技术厅", "山东省市场监督管理局", "山东省教育厅"]

    # units by any alias, 、 or , separated
    assert main(["--kb", str(home), "correct", clause.clause_id, "--lead", "省科技厅、省财政厅",
                 "--coop", "省教育厅,省市场监管局", "--by", "王分析", "--why", "据原件核对"]) == 0
    assert "省财政厅" not in capsys.readouterr().err

    def check(where):
        answer = _ask(where, capsys)
        leads = [u["name"] for u in answer["units"] if u["role"] == "lead"]
        assert leads[:2] == ["山东省科学技术厅", "山东省财政厅"], leads
        first = answer["clauses"][0]
        assert [u["source"] for u in first["lead_units"]] == ["correction", "correction"]
        assert first["correction"]["author"] == "王分析"
        assert first["correction"]["extracted"]["lead"] == [
            "山东省科学技术厅", "山东省市场监督管理局", "山东省教育厅"]

    check(home)
    assert main(["--kb", str(home), "reindex"]) == 0
    check(home)
    assert main(["--kb", str(home), "ingest", str(SEED)]) == 0  # the same file again
    assert "unchanged" in capsys.readouterr().out
    check(home)
    backup = tmp_path / "kb.zip"
    elsewhere = tmp_path / "restored"
    if backend.name == "postgres":  # the database server's to back up; a new folder's
        capsys.readouterr()         # index is built from the store
        assert main(["--kb", str(home), "backup", str(backup)]) == 1
        assert "pg_dump" in capsys.readouterr().err and not backup.exists()
    else:
        assert main(["--kb", str(home), "backup", str(backup)]) == 0
        assert main(["--kb", str(elsewhere), "restore", str(backup)]) == 0
    check(elsewhere)
    assert main(["--kb", str(elsewhere), "check"]) == 0
    # the duty list of the added unit includes the clause; the export shows it corrected
    capsys.readouterr()
    assert main(["--kb", str(elsewhere), "corrections", "--json"]) == 0
    fixes = json.loads(capsys.readouterr().out)
    assert [(f["clause_id"], f["author"], f["reason"], f["status"]) for f in fixes] == [
        (clause.clause_id, "王分析", "据原件核对", "active")]
    duties = _ask(elsewhere, capsys, "省财政厅牵头哪些任务")
    ids = [c for u in duties["units"] if u["role"] == "lead" for c in u["clauses"]]
    assert clause.clause_id in ids


def test_unknown_units_and_missing_author_are_refused(backend, tmp_path, capsys):
    home = tmp_path / "kb"
    main(["--kb", str(home), "ingest", str(SEED)])
    with KnowledgeBase(backend.settings(home)) as kb:
        clause = _tech_clause(kb)
        before = kb.store.counts()
    capsys.readouterr()
    assert main(["--kb", str(home), "correct", clause.clause_id, "--lead", "省科技局",
                 "--by", "王", "--why", "x"]) == 1
    err = capsys.readouterr().err
    assert "省科技局 is not a unit in the directory" in err and "did you mean" in err
    assert main(["--kb", str(home), "correct", clause.clause_id, "--lead", "省科技厅"]) == 1
    assert "--by NAME --why TEXT" in capsys.readouterr().err
    with KnowledgeBase(backend.settings(home)) as kb:
        assert kb.store.counts() == before
        assert kb.corrections() == []


def test_document_metadata_corrections(backend, tmp_path, capsys):
    home = tmp_path / "kb"
    text = (FIXTURES / "sample_notice.txt").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if "号" not in line or "〔" not in line)
    (tmp_path / "plain.txt").write_text(body, encoding="utf-8")
    main(["--kb", str(home), "ingest", str(tmp_path / "plain.txt")])
    with KnowledgeBase(backend.settings(home)) as kb:
        doc = kb.store.documents()[0]
    assert main(["--kb", str(home), "correct", "--doc", doc.doc_id, "--set", "doc_number=鲁科字[2024]5号",
                 "--set", "signed_date=2024-03-08", "--by", "李编辑", "--why", "原件红头"]) == 0
    assert main(["--kb", str(home), "correct", "--doc", doc.doc_id, "--set", "signed_date=3月8日",
                 "--by", "李编辑", "--why", "x"]) == 1
    assert "write YYYY-MM-DD" in capsys.readouterr().err
    with KnowledgeBase(backend.settings(home)) as kb:
        fixed = kb.store.document(doc.doc_id, with_clauses=False)
        assert fixed.doc_number == "鲁科字〔2024〕5号" and fixed.signed_date == "2024-03-08"
        assert kb.store.resolve_document("鲁科字（2024）5号") == [doc.doc_id]
        kb.reindex()
        assert not kb.check()
        hits = kb.search("鲁科字〔2024〕5号")
        assert hits and hits[0].clause.doc_id == doc.doc_id


def test_corrections_carry_over_to_a_revised_version(backend, tmp_path):
    old = (FIXTURES / "sample_notice.txt").read_text(encoding="utf-8")
    new = old.replace("2024年3月8日", "2024年9月1日").replace("每年培训技术经理人2000人次以上",
                                                          "每年培训技术经理人3000人次以上")
    with KnowledgeBase(backend.settings(tmp_path / "kb")) as kb:
        kb.add_bytes(old.encode("utf-8"), "notice.txt")
        first = kb.store.documents()[0]
        clauses = kb.store.clauses(doc_id=first.doc_id)
        noted = [c for c in clauses if c.lead_units]
        changed = next(c for c in noted if "2000人次" in c.text)
        same = next(c for c in noted if c.clause_id != changed.clause_id)
        kb.correct_clause(same.clause_id, ["省财政厅"], None, "王", "核对")
        kb.correct_clause(changed.clause_id, ["省教育厅"], None, "王", "核对")
        kb.add_bytes(new.encode("utf-8"), "notice-v2.txt")
        revised = next(d for d in kb.store.documents() if d.doc_id != first.doc_id)
        carried = {c.path: c for c in kb.store.clauses(doc_id=revised.doc_id)}
        assert [u.name for u in carried[same.path].lead_units] == ["山东省财政厅"]
        assert carried[same.path].correction is not None
        assert carried[changed.path].correction is None  # the text changed: not applied…
        review = kb.corrections(doc_id=revised.doc_id, status="review")
        assert [f.clause_id for f in review] == [carried[changed.path].clause_id]  # …but listed
        assert not kb.check()
