"""The same ingest and the same questions against PostgreSQL beside SQLite, in one run.

    .venv/bin/python bench/bench_pg.py                  # 5,000 synthetic clauses + the real corpus
    .venv/bin/python bench/bench_pg.py --clauses 20000  # bigger
    .venv/bin/python bench/bench_pg.py --url postgresql://user@host/db   # an existing server
                                                        # (the database is emptied first!)

Without --url a throwaway server is started on localhost (tests/pg.py) with the
durability of a real deployment (fsync on), as SQLite's WAL commits are durable too.
Documents are parsed and tokenized once (the same work for both engines, reported
apart); then, per engine, a fresh knowledge base takes them the way `policykb ingest`
does (one transaction per document, the index updated every 64 documents), and answers
the questions. Also measured: two writer processes at once, what the store takes on
disk per 100,000 clauses, and how long another process's index takes to catch up with
10 new documents, against a rebuild. Results in bench/output/bench_pg.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import ingest  # noqa: E402
from kb import KnowledgeBase, Settings, document_tokens  # noqa: E402
from kb.analyzer import PolicyAnalyzer  # noqa: E402
from kb.store import Store  # noqa: E402

OUT = ROOT / "bench" / "output"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# ------------------------------------------------------------------ the documents


def synthetic(clauses: int) -> tuple[list, list[str], dict]:
    from synth import Generator

    gen = Generator()
    per_doc = 50
    directory = ingest.default_directory()
    analyzer = PolicyAnalyzer(directory)
    analyzer.warm_up()
    t, docs = time.perf_counter(), []
    for i in range(max(1, clauses // per_doc)):
        text = gen.document(i, per_doc)
        docs.append(ingest.parse_bytes(text.encode("utf-8"), f"synthetic-{i:06d}.txt",
                                       directory=directory))
    parse_s = time.perf_counter() - t
    t = time.perf_counter()
    tokens = [document_tokens(d, analyzer, directory) for d in docs]
    jieba_s = time.perf_counter() - t
    return list(zip(docs, tokens)), gen.questions(100), {"parse_s": parse_s, "jieba_s": jieba_s}


def real_corpus() -> tuple[list, list[str], dict]:
    settings = Settings.from_env()
    paths = sorted(p for folder in (settings.corpus, settings.shared_corpus) if folder.is_dir()
                   for p in folder.iterdir() if p.suffix in (".txt", ".html", ".pdf", ".docx"))
    directory = ingest.default_directory()
    analyzer = PolicyAnalyzer(directory)
    t = time.perf_counter()
    docs = [ingest.parse(p, directory=directory) for p in paths]
    parse_s = time.perf_counter() - t
    t = time.perf_counter()
    tokens = [document_tokens(d, analyzer, directory) for d in docs]
    jieba_s = time.perf_counter() - t
    questions = [json.loads(line)["question"] for line in
                 (ROOT / "annotations" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    return list(zip(docs, tokens)), questions, {"parse_s": parse_s, "jieba_s": jieba_s}


# ------------------------------------------------------------------ one engine


def ingest_and_ask(settings: Settings, items: list, questions: list[str]) -> dict:
    with KnowledgeBase(settings) as kb:
        store_s = 0.0
        real_add = kb.store.add

        def timed_add(doc, tokens=None):
            nonlocal store_s
            t = time.perf_counter()
            try:
                return real_add(doc, tokens)
            finally:
                store_s += time.perf_counter() - t

        kb.store.add = timed_add  # type: ignore[method-assign]
        batch: list = []
        t = time.perf_counter()
        for doc, tokens in items:
            kb.add_document(doc, tokens, batch)
            if len(batch) >= 64:
                kb.flush_index(batch)
        kb.flush_index(batch)
        ingest_s = time.perf_counter() - t
        del kb.store.add
        clauses = kb.store.clause_count()
        for q in questions[:5]:  # warm: jieba's dictionary, the unit lexicon, caches
            kb.ask(q)
        latencies = []
        for q in questions:
            t = time.perf_counter()
            kb.ask(q)
            latencies.append((time.perf_counter() - t) * 1000)
        assert not kb.check(), kb.check()
        t = time.perf_counter()
        kb.reindex()
        reindex_s = time.perf_counter() - t
        return {"reindex_s": round(reindex_s, 2), "documents": len(items), "clauses": clauses,
                "ingest_s": round(ingest_s, 2), "store_s": round(store_s, 2),
                "index_s": round(ingest_s - store_s, 2),
                "clauses_per_s_store": round(clauses / store_s) if store_s else None,
                "ask_p50_ms": round(pct(latencies, 0.5), 2),
                "ask_p95_ms": round(pct(latencies, 0.95), 2),
                "questions": len(questions), "store_mb": round(store_bytes(kb.store) / 1e6, 2)}


def store_bytes(store) -> int:
    if store.dialect.name == "postgresql":
        return int(store.db.execute(
            "SELECT SUM(pg_total_relation_size(quote_ident(table_name))) FROM "
            "information_schema.tables WHERE table_schema = current_schema()").fetchone()[0])
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in store.path.parent.glob(store.path.name + "*"))


def _writer(target: str, items: list, k: int, n: int, queue) -> None:
    store = Store(target)
    t = time.perf_counter()
    added = sum(store.add(doc, tokens).added for doc, tokens in items[k::n])
    queue.put((added, time.perf_counter() - t))
    store.close()


def concurrent_writers(target: str, items: list, n: int = 2) -> dict:
    """n processes add the documents (each its share) at once: store throughput."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    t = time.perf_counter()
    procs = [context.Process(target=_writer, args=(target, items, k, n, queue)) for k in range(n)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=1800) for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - t
    clauses = sum(len(doc.clauses) for doc, _ in items)
    return {"writers": n, "documents": sum(a for a, _ in results), "wall_s": round(wall, 2),
            "clauses_per_s": round(clauses / wall)}


def catch_up(settings_a: Settings, settings_b: Settings, extra: list) -> dict:
    """PostgreSQL: a second process's folder (its first open builds the index); then
    10 documents another process stores reach it by catching up, not by a rebuild."""
    t = time.perf_counter()
    with KnowledgeBase(settings_b) as kb_b:
        build_s = time.perf_counter() - t
        with KnowledgeBase(settings_a) as kb_a:
            for doc, tokens in extra:
                kb_a.add_document(doc, tokens)
        t = time.perf_counter()
        kb_b.refresh()
        catch_up_s = time.perf_counter() - t
        assert not kb_b.check()
    return {"open_and_build_s": round(build_s, 2), "catch_up_10_docs_s": round(catch_up_s, 3)}


# ------------------------------------------------------------------ main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=5000,
                        help="synthetic clauses (50 a document)")
    parser.add_argument("--url", help="an existing PostgreSQL database to use (it is emptied)")
    parser.add_argument("--writers", type=int, default=2, help="concurrent writer processes")
    args = parser.parse_args()

    server = None
    if args.url:
        urls = iter([args.url] * 10)
        reset = True
    else:
        from tests.pg import PgServer

        server = PgServer.start(durable=True)
        urls = (server.create_database() for _ in range(100))
        reset = False
    results: dict = {"engine": {}}
    tmp = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    try:
        for name, make in (("synthetic", lambda: synthetic(args.clauses)), ("corpus", real_corpus)):
            items, questions, prep = make()
            extra, items = (items[-10:], items[:-10]) if name == "synthetic" else ([], items)
            row = {"parse_s": round(prep["parse_s"], 2), "jieba_s": round(prep["jieba_s"], 2)}
            for engine in ("sqlite", "postgresql"):
                url = next(urls) if engine == "postgresql" else None
                if url and reset:
                    _empty(url)
                home = tmp / f"{name}-{engine}"
                settings = Settings(home=home, database_url=url)
                row[engine] = ingest_and_ask(settings, items, questions)
                if name == "synthetic":
                    if url:
                        row[engine]["catch_up"] = catch_up(
                            settings, Settings(home=tmp / f"{name}-{engine}-b", database_url=url),
                            extra)
                    url2 = next(urls) if engine == "postgresql" else None
                    if url2 and reset:
                        _empty(url2)
                    target = url2 or str(tmp / f"{name}-{engine}-w" / "policykb.sqlite3")
                    row[engine]["concurrent"] = concurrent_writers(target, items, args.writers)
                shutil.rmtree(home, ignore_errors=True)
            results[name] = row
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    report(results, args)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_pg.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


def _empty(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def report(results: dict, args) -> None:
    print(f"\nPostgreSQL beside SQLite ({os.cpu_count()} cores)")
    for name in ("synthetic", "corpus"):
        row = results[name]
        s, p = row["sqlite"], row["postgresql"]
        print(f"\n{name}: {s['documents']} documents, {s['clauses']} clauses "
              f"(parse {row['parse_s']} s, jieba {row['jieba_s']} s, the same for both)")
        print(f"  {'':<28}{'SQLite':>12}{'PostgreSQL':>12}")
        for key, label in (("ingest_s", "ingest, store + index (s)"),
                           ("store_s", "  of which store (s)"),
                           ("clauses_per_s_store", "store clauses/s"),
                           ("ask_p50_ms", f"ask p50 (ms, {s['questions']} q)"),
                           ("ask_p95_ms", "ask p95 (ms)"), ("reindex_s", "index rebuild (s)"),
                           ("store_mb", "store size (MB)")):
            print(f"  {label:<28}{s[key]:>12}{p[key]:>12}")
        if "concurrent" in s:
            print(f"  {f'{args.writers} writer processes, clauses/s':<28}"
                  f"{s['concurrent']['clauses_per_s']:>12}{p['concurrent']['clauses_per_s']:>12}")
            print(f"  {'new folder: open + build (s)':<28}{'—':>12}"
                  f"{p['catch_up']['open_and_build_s']:>12}")
            print(f"  {'catch up 10 documents (s)':<28}{'—':>12}"
                  f"{p['catch_up']['catch_up_10_docs_s']:>12}")
            for engine, r in (("SQLite", s), ("PostgreSQL", p)):
                print(f"  {engine} store per 100,000 clauses: "
                      f"{r['store_mb'] / r['clauses'] * 100_000:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
