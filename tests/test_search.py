"""Full-text search over a knowledge base built from the seed notice."""

import json
import shutil
import threading

import pytest

from kb import KnowledgeBase, Settings
from kb.cli import main

from .conftest import FIXTURES, SEED


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("kb")
    with KnowledgeBase(Settings(home=home)) as kb:
        kb.ingest([SEED])
        yield kb


def test_top_hit_and_exact_highlight(kb):
    hits = kb.search("科技成果转化")
    top = hits[0]
    assert top.clause.path == ("三", "(二)", "4")
    assert [top.clause.text[s:e] for s, e in top.highlights][:2] == ["科技成果转化", "科技成果转化"]
    row = top.to_dict()
    assert row["citation"] == "《山东省县域经济高质量发展三年行动方案(2023-2025年)》三、(二)4"


def test_thesaurus_expansion_finds_synonyms(kb):
    # 技术转移 is not in the seed; the thesaurus maps it to 科技成果转化.
    assert kb.search("技术转移")[0].clause.path == ("三", "(二)", "4")


def test_filters(kb):
    hits = kb.search("产业", unit="山东省科学技术厅", role="lead", limit=50)
    assert hits and all(any(u.name == "山东省科学技术厅" for u in h.clause.lead_units) for h in hits)
    hits = kb.search("县域", year=2025, has_target=True, limit=50)
    assert hits and all(any(t.year == 2025 for t in h.clause.targets) for h in hits)


def test_search_command_json(kb_home, capsys):
    assert main(["ingest", str(SEED)]) == 0
    capsys.readouterr()
    assert main(["search", "宅基地", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["clauses"][0]
    assert first["path"] == ["三", "(四)", "4"] and first["highlights"]
    assert main(["search", "宅基地"]) == 0
    assert "【宅基地】" in capsys.readouterr().out


def test_new_document_is_searchable_at_once(tmp_path):
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest([SEED])
        assert all("技术经理人" not in h.clause.text for h in kb.search("技术经理人"))
        kb.ingest([FIXTURES / "sample_notice.txt"])
        assert kb.search("技术经理人")[0].clause.heading == "壮大技术经理人队伍"


def test_index_is_rebuilt_from_the_store_without_jieba(tmp_path, monkeypatch):
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest([SEED])
    shutil.rmtree(tmp_path / "index")

    def no_jieba(*args, **kwargs):
        raise AssertionError("a rebuild must use the stored tokens")

    monkeypatch.setattr("kb.analyzer.PolicyAnalyzer.index_terms", no_jieba)
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        assert kb.notices and "rebuilt" in kb.notices[0]
        assert kb.index.count() == kb.store.clause_count() == 40
        assert kb.search("宅基地")[0].clause.path == ("三", "(四)", "4")


def test_stale_index_is_not_trusted(tmp_path):
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest([SEED])
    # Another writer added a document to the store but died before indexing it.
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        import ingest

        doc = ingest.parse(FIXTURES / "sample_notice.txt")
        kb.store.add(doc, {})
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        assert kb.notices
        assert kb.index.count() == kb.store.clause_count()


def test_readers_keep_working_while_a_document_is_added(tmp_path):
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest([SEED])
        errors, served = [], []
        stop = threading.Event()

        def reader():
            while not stop.is_set():
                try:
                    served.append(len(kb.search("产业集群")))
                except Exception as exc:  # noqa: BLE001 - the test counts every failure
                    errors.append(exc)

        threads = [threading.Thread(target=reader) for _ in range(2)]
        for t in threads:
            t.start()
        kb.ingest([FIXTURES / "sample_notice.html"])
        stop.set()
        for t in threads:
            t.join()
        assert not errors and served
