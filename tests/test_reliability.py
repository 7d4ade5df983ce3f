"""Faults, load and versions: nothing lost, nothing corrupted, on both store engines
(SQLite; PostgreSQL through the ``backend`` fixture). Figures are printed (run with -s
to see them)."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import ingest
from kb import KnowledgeBase, Settings
from kb.cli import main

from .conftest import FIXTURES, ROOT, SEED
from .workers import notice



def worker_env(backend) -> dict[str, str]:
    return {**backend.env, "PYTHONPATH": str(ROOT)}


def consistent(backend, home: Path) -> tuple[bool, str]:
    """Every stored document holds all its clauses, and the index holds exactly the store's."""
    with KnowledgeBase(backend.settings(home)) as kb:  # opening repairs a stale index
        for doc in kb.store.documents():
            expected = ingest.parse_bytes(notice(int(doc.source.split("-")[1].split(".")[0])),
                                          doc.source)
            stored = kb.store.clauses(doc_id=doc.doc_id)
            if len(stored) != len(expected.clauses):
                return False, f"{doc.source}: {len(stored)} of {len(expected.clauses)} clauses"
        problems = kb.check()
        return not problems, "; ".join(problems)


def test_kill_during_ingest_leaves_store_and_index_consistent(backend, tmp_path):
    rng = random.Random(11)
    home = tmp_path / "kb"
    kills = survived = 0
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-m", "tests.workers", "ingest", str(home), "400"],
                                cwd=ROOT, env=worker_env(backend), stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        proc.stdout.readline()  # the worker is up and has added a document
        time.sleep(rng.uniform(0.0, 0.4))  # then kill it at an arbitrary point of the next ones
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        ok, detail = consistent(backend, home)
        assert ok, f"after kill {kills}: {detail}"
        survived += 1
    with KnowledgeBase(backend.settings(home)) as kb:
        docs = kb.store.counts()["documents"]
    print(f"\nkills: {kills}, consistent after each: {survived}, documents stored: {docs}")
    assert docs > 0


def test_check_reindex_and_a_damaged_index(backend, kb_home, capsys):
    assert main(["ingest", str(SEED)]) == 0
    assert main(["check"]) == 0
    assert "the index matches the store" in capsys.readouterr().out
    shutil.rmtree(kb_home / "index")
    assert main(["check"]) == 1
    assert "run `policykb reindex`" in capsys.readouterr().err
    assert main(["reindex"]) == 0
    assert main(["check"]) == 0
    capsys.readouterr()
    # Garbage in the index files: opening says so and rebuilds from the store.
    for path in (kb_home / "index").glob("*.json"):
        path.write_text("{not json")
    with KnowledgeBase(backend.settings(kb_home)) as kb:
        assert kb.notices and "rebuilt it from the store" in kb.notices[0]
        assert kb.search("宅基地")[0].clause.path == ("三", "(四)", "4")


def test_backup_and_restore_round_trip(kb_home, tmp_path, capsys):
    assert main(["ingest", str(SEED)]) == 0
    with KnowledgeBase(Settings(home=kb_home)) as kb:
        kb.add_upload((FIXTURES / "sample_notice.html").read_bytes(), "上传.html")
        before = kb.store.counts()
    archive = tmp_path / "kb-backup.zip"
    assert main(["backup", str(archive)]) == 0
    assert main(["ingest", str(FIXTURES / "task_table_notice.pdf")]) == 0
    assert main(["restore", str(archive)]) == 0
    with KnowledgeBase(Settings(home=kb_home)) as kb:
        assert kb.store.counts() == before
        assert kb.search("技术经理人")[0].clause.heading == "壮大技术经理人队伍"
        assert not kb.check()
        assert [p.name.split("-", 1)[1] for p in (kb_home / "uploads").iterdir()] == ["上传.html"]
        assert len(kb.all_headers()) == before["documents"]
    capsys.readouterr()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    assert main(["restore", str(bad)]) == 1
    assert "not a policykb backup" in capsys.readouterr().err
    with KnowledgeBase(Settings(home=kb_home)) as kb:
        assert kb.store.counts() == before


def test_an_ingest_leaves_the_kept_values_for_the_next_question(kb_home):
    assert main(["ingest", str(SEED)]) == 0
    assert sorted(p.name for p in (kb_home / "cache").iterdir()) == [
        "all_headers.pickle", "unit_directory.pickle", "validities.pickle"]


def test_the_next_process_reads_kept_values_until_the_store_changes(backend, tmp_path):
    """A command-line call is a new process: the documents' metadata and validity come
    from the folder's cache, and a document another process adds is seen at once."""
    home = tmp_path / "kb"
    with KnowledgeBase(backend.settings(home)) as kb:
        kb.add_bytes(SEED.read_bytes(), SEED.name)
        first = kb.ask("省科技厅牵头哪些任务").to_dict()
        headers = kb.all_headers()
    assert sorted(p.name for p in (home / "cache").iterdir()) == [
        "all_headers.pickle", "unit_directory.pickle", "validities.pickle"]

    # the next process takes the unit directory as kept, without reading its TOML
    from ingest import units

    def unparsed(*args, **kwargs):
        raise AssertionError("the unit directory was read again from its TOML")

    units.default_directory.cache_clear()
    parse_toml, units.Directory.from_toml = units.Directory.from_toml, unparsed
    try:
        with KnowledgeBase(backend.settings(home)) as kb:
            assert kb.store.directory.resolve("省科技厅") is not None
    finally:
        units.Directory.from_toml = parse_toml

    with KnowledgeBase(backend.settings(home)) as kb:
        def unread(*args, **kwargs):
            raise AssertionError("the metadata was read again from the store")

        kb.store.document_headers = unread
        assert {d: h.title for d, h in kb.all_headers().items()} == {
            d: h.title for d, h in headers.items()}
        del kb.store.document_headers
        assert kb.ask("省科技厅牵头哪些任务").to_dict() == first
        other_home = home if backend.name == "sqlite" else tmp_path / "other"
        with KnowledgeBase(backend.settings(other_home)) as other:  # another process's write
            other.add_bytes((FIXTURES / "sample_notice.txt").read_bytes(), "notice.txt")
        assert len(kb.all_headers()) == 2
        assert len(kb.ask("技术经理人培训的目标").hits) > 0
        second = kb.ask("省科技厅牵头哪些任务").to_dict()

    for kept in (home / "cache").iterdir():  # damaged files are rebuilt, not trusted
        kept.write_bytes(b"not a pickle")
    with KnowledgeBase(backend.settings(home)) as kb:
        assert len(kb.all_headers()) == 2
        assert kb.ask("省科技厅牵头哪些任务").to_dict() == second != first


def test_a_revised_version_replaces_the_older_in_answers(backend, tmp_path):
    old = (FIXTURES / "sample_notice.txt").read_text(encoding="utf-8")
    new = old.replace("2024年3月8日", "2024年9月1日").replace("每年培训技术经理人2000人次以上",
                                                          "每年培训技术经理人3000人次以上")
    for order, store in (((old, new), backend), ((new, old), backend.fresh())):
        with KnowledgeBase(store.settings(tmp_path / str(len(order[0])) / order[0][-5:])) as kb:
            for text in order:
                kb.add_bytes(text.encode("utf-8"), "notice.txt")
            docs = kb.store.documents()
            assert len(docs) == 2
            superseded = kb.store.superseded()
            current = [d for d in docs if d.doc_id not in superseded]
            assert [d.signed_date for d in current] == ["2024-09-01"]
            answer = kb.ask("技术经理人培训的目标")
            values = {t.value for h in answer.hits for t in h.clause.targets}
            assert 3000 in values and 2000 not in values
            duties = kb.ask("省科技厅牵头哪些任务")
            assert {h.clause.doc_id for h in duties.hits} == {current[0].doc_id}
            assert not kb.check()


def test_readers_in_other_processes_while_a_document_is_added(backend, tmp_path):
    home = tmp_path / "kb"
    with KnowledgeBase(backend.settings(home)) as kb:
        kb.ingest([SEED])
    readers = [subprocess.Popen([sys.executable, "-m", "tests.workers", "read", str(home), "8"],
                                cwd=ROOT, env=worker_env(backend), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE,
                                text=True) for _ in range(3)]
    time.sleep(2.5)  # let them start searching
    with KnowledgeBase(backend.settings(home)) as kb:
        for n in range(15):
            kb.add_bytes(notice(n), f"notice-{n}.txt")
    results = []
    for proc in readers:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    served = sum(r["queries"] for r in results)
    errors = sum(r["errors"] for r in results)
    print(f"\nreader processes: 3, queries served: {served}, errors: {errors}, "
          f"p95: {max(r['p95_ms'] for r in results)} ms")
    assert errors == 0 and served > 0


def test_readers_never_see_a_document_being_written(backend, tmp_path):
    """App sessions share one opened knowledge base; a document in the middle of being
    added (its transaction open) must not show up in their answers."""
    with KnowledgeBase(backend.settings(tmp_path)) as kb:
        kb.ingest([SEED])
        doc = ingest.parse(FIXTURES / "sample_notice.txt")
        seen = []
        real_targets = kb.store.__class__.add

        def slow_add(store, document, tokens=None):
            with store.transaction() as db:  # what add does, but look from a reader mid-way
                db.execute("INSERT INTO info(key, value) VALUES ('probe', '1')")
                seen.append(store.db.execute(
                    "SELECT COUNT(*) FROM info WHERE key = 'probe'").fetchone()[0])
                db.execute("DELETE FROM info WHERE key = 'probe'")
            return real_targets(store, document, tokens)

        slow_add(kb.store, doc)
        assert seen == [0]
        assert kb.store.counts()["documents"] == 2


def test_a_folder_ingest_indexes_the_rows_it_stored(backend, tmp_path, capsys, monkeypatch):
    """Workers make a document's rows; the writer stores them and indexes the same rows
    without reading them back. The index must equal one rebuilt from the store, and the
    command line's report (made in the worker) must describe what was stored."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    for n in range(3):
        (folder / f"notice-{n}.txt").write_bytes(notice(n))
    home = tmp_path / "kb"
    with KnowledgeBase(backend.settings(home)) as kb:
        outcomes = kb.ingest([folder], workers=2)
        assert [o.ok and o.result.added for o in outcomes] == [True] * 4
        for outcome in outcomes:
            result = outcome.result
            assert not isinstance(result.source, ingest.Document)  # rows only, no document
            stored = sorted(kb.store.index_rows(doc_id=result.doc_id), key=lambda r: r.clause_id)
            mine = sorted(result.index_rows, key=lambda r: r.clause_id)
            assert len(mine) == len(result.document.clauses) > 0
            for a, b in zip(mine, stored):  # the store returns units in no set order
                assert (a.body, a.heading, a.title, a.units, a.text, a.years, a.has_target) == (
                    b.body, b.heading, b.title, b.units, b.text, b.years, b.has_target)
                assert (sorted(a.lead), sorted(a.coop)) == (sorted(b.lead), sorted(b.coop))
            digest = result.summary
            doc = result.document
            assert digest.unit_mentions == sum(len(c.lead_units) + len(c.coop_units)
                                               for c in doc.clauses)
            assert digest.targets == sum(len(c.targets) for c in doc.clauses)
        assert kb.check() == []
        if backend.name == "sqlite":  # the batch relaxed the key checks for its own rows only
            assert kb.store._wdb.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert kb.store._wdb.execute("PRAGMA foreign_key_check").fetchall() == []
        questions = ["哪些部门牵头科技成果转化", "省科技厅牵头哪些任务", "2025年要达到哪些目标"]
        before = [[h.clause.clause_id for h in kb.ask(q).hits] for q in questions]
        kb.reindex()
        assert [[h.clause.clause_id for h in kb.ask(q).hits] for q in questions] == before
        assert all(before)
    other = backend.fresh()  # the command line into an empty store
    if other.url:
        monkeypatch.setenv("POLICYKB_DATABASE_URL", other.url)
    capsys.readouterr()
    assert main(["--kb", str(tmp_path / "other"), "ingest", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("added: ") == 4
    assert "鲁政字〔2023〕209号): 108 unit mentions, 32 targets; 40 clauses, 35 with units" in out
