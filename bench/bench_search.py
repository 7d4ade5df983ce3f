"""Benchmark: ingest, index build and 100 mixed questions on the corpus and on scaled
synthetic corpora, with a whoosh + jieba baseline on the same queries.

    .venv/bin/python bench/bench_search.py                      # corpus, 100k, 1M
    .venv/bin/python bench/bench_search.py --scales 100000      # a quicker run
    .venv/bin/python bench/bench_search.py --whoosh-max 1000000 # whoosh at 1M too (slow)

Each scale runs in its own process so peak memory (ru_maxrss) is that scale's own.
Prints figures; writes bench/output/results.json. Needs bench/requirements.txt (whoosh).

Scaled corpora are generated from templates (bench/synth.py) and go through the real
parser. Tokenizing them is the expensive part, so sentences repeat across the generated
text and their jieba tokens are memoised from 100,000 clauses on (--memo-from); ingest
throughput is quoted from the unmemoised scale.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ingest  # noqa: E402
from kb import KnowledgeBase, Settings, document_tokens  # noqa: E402
from kb.index import BOOSTS, SearchQuery  # noqa: E402
from kb.search import analyse  # noqa: E402

OUT = ROOT / "bench" / "output"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_questions(kb: KnowledgeBase, questions: list[str]) -> dict:
    for q in questions[:5]:
        kb.ask(q)
    latencies, intents = [], {}
    for q in questions:
        t = time.perf_counter()
        answer = kb.ask(q)
        latencies.append((time.perf_counter() - t) * 1000)
        intents[answer.intent] = intents.get(answer.intent, 0) + 1
    return {"questions": len(questions), "p50_ms": round(pct(latencies, 0.5), 2),
            "p95_ms": round(pct(latencies, 0.95), 2), "max_ms": round(max(latencies), 2),
            "intents": intents}


# ------------------------------------------------------------------ whoosh baseline


def whoosh_build(kb: KnowledgeBase, folder: Path) -> tuple[object, float]:
    from whoosh import fields, index
    from whoosh.analysis import SpaceSeparatedTokenizer

    analyzer = SpaceSeparatedTokenizer()
    schema = fields.Schema(
        clause_id=fields.ID(stored=True, unique=True),
        **{f: fields.TEXT(analyzer=analyzer) for f in BOOSTS},
    )
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    ix = index.create_in(str(folder), schema)
    writer = ix.writer(limitmb=256)
    for row in kb.store.index_rows():
        writer.add_document(clause_id=row.clause_id, body=row.body, heading=row.heading,
                            title=row.title, units=row.units)
    writer.commit()
    return ix, time.perf_counter() - t


def compare_search(kb: KnowledgeBase, ix, queries: list[str]) -> dict:
    """The same weighted term queries on tantivy and whoosh, top 10."""
    from whoosh import query as wq

    tantivy_ms, whoosh_ms, overlap = [], [], []
    with ix.searcher() as searcher:
        for text in queries:
            terms = analyse(kb, text)
            if not terms.weighted:
                continue
            sq = SearchQuery(terms=tuple(terms.weighted))
            t = time.perf_counter()
            ours = [cid for cid, _ in kb.index.search(sq, limit=10)]
            tantivy_ms.append((time.perf_counter() - t) * 1000)
            wquery = wq.Or([wq.Term(field, term, boost=boost * weight)
                            for term, weight in terms.weighted for field, boost in BOOSTS.items()])
            t = time.perf_counter()
            theirs = [hit["clause_id"] for hit in searcher.search(wquery, limit=10)]
            whoosh_ms.append((time.perf_counter() - t) * 1000)
            if ours or theirs:
                overlap.append(len(set(ours) & set(theirs)) / max(len(ours), len(theirs)))
    return {
        "tantivy_p50_ms": round(pct(tantivy_ms, 0.5), 3),
        "tantivy_p95_ms": round(pct(tantivy_ms, 0.95), 3),
        "whoosh_p50_ms": round(pct(whoosh_ms, 0.5), 3),
        "whoosh_p95_ms": round(pct(whoosh_ms, 0.95), 3),
        "ratio_p50": round(pct(whoosh_ms, 0.5) / max(pct(tantivy_ms, 0.5), 1e-6), 1),
        "top10_overlap": round(statistics.mean(overlap), 3) if overlap else None,
    }


# ------------------------------------------------------------------ one scale


class Timings:
    """Seconds spent per ingest phase: our parser, jieba, the store; then the index."""

    def __init__(self) -> None:
        self.parse = self.tokens = self.store = 0.0
        self.clauses = 0

    def add(self, kb: KnowledgeBase, analyzer, parse) -> None:
        t = time.perf_counter()
        doc = parse()
        self.parse += time.perf_counter() - t
        t = time.perf_counter()
        tokens = document_tokens(doc, analyzer, kb.store.directory)
        self.tokens += time.perf_counter() - t
        t = time.perf_counter()
        kb.store.add(doc, tokens)
        self.store += time.perf_counter() - t
        self.clauses += len(doc.clauses)

    @staticmethod
    def reindex(kb: KnowledgeBase) -> float:
        t = time.perf_counter()
        kb.reindex()
        return time.perf_counter() - t


def run_corpus(whoosh: bool) -> dict:
    from kb.evaluate import gold_documents

    settings = Settings.from_env()
    paths = gold_documents(settings)
    questions = [json.loads(line)["question"] for line in
                 (ROOT / "annotations" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()][:100]
    with tempfile.TemporaryDirectory() as tmp, KnowledgeBase(Settings(home=Path(tmp))) as kb:
        kb.analyzer.warm_up()
        timings = Timings()
        for path in paths:
            timings.add(kb, kb.analyzer, lambda: ingest.parse(path))
        t_index = timings.reindex(kb)
        result = {"scale": "corpus", "documents": len(paths), "clauses": timings.clauses,
                  "parse_s": round(timings.parse, 3), "jieba_s": round(timings.tokens, 3),
                  "store_s": round(timings.store, 3), "index_build_s": round(t_index, 3),
                  **time_questions(kb, questions)}
        if whoosh:
            ix, build = whoosh_build(kb, Path(tmp) / "whoosh")
            result["whoosh_build_s"] = round(build, 2)
            result.update(compare_search(kb, ix, questions))
    result["peak_rss_mb"] = round(peak_mb(), 1)
    return result


def run_scale(n: int, whoosh: bool, memo: bool) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import Generator

    gen = Generator()
    per_doc = 50
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp, \
            KnowledgeBase(Settings(home=Path(tmp))) as kb:
        analyzer = kb.analyzer
        analyzer.warm_up()
        if memo:
            cached = lru_cache(maxsize=200_000)(analyzer.index_terms)

            def index_terms(text: str) -> str:
                return " ".join(cached(s) for s in text.split("。"))

            analyzer.index_terms = index_terms  # type: ignore[method-assign]
        timings = Timings()
        t_gen = 0.0
        for i in range(n // per_doc):
            t = time.perf_counter()
            text = gen.document(i, per_doc)
            t_gen += time.perf_counter() - t
            timings.add(kb, analyzer, lambda: ingest.parse_bytes(
                text.encode("utf-8"), f"synthetic-{i:06d}.txt", directory=kb.store.directory))
        t_index = timings.reindex(kb)
        questions = gen.questions(100)
        result = {"scale": n, "documents": n // per_doc, "clauses": timings.clauses,
                  "generate_s": round(t_gen, 2), "parse_s": round(timings.parse, 2),
                  "jieba_s": round(timings.tokens, 2), "jieba_memoised": memo,
                  "store_s": round(timings.store, 2), "index_build_s": round(t_index, 2),
                  "clauses_per_s_parse": round(timings.clauses / timings.parse),
                  "clauses_per_s_jieba": round(timings.clauses / timings.tokens),
                  **time_questions(kb, questions)}
        if whoosh:
            ix, build = whoosh_build(kb, Path(tmp) / "whoosh")
            result["whoosh_build_s"] = round(build, 2)
            result.update(compare_search(kb, ix, questions))
        result["store_mb"] = round(kb.settings.store_path.stat().st_size / 1e6, 1)
        result["index_mb"] = round(sum(p.stat().st_size for p in (Path(tmp) / "index").rglob("*")
                                       if p.is_file()) / 1e6, 1)
    result["peak_rss_mb"] = round(peak_mb(), 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="100000,1000000")
    parser.add_argument("--whoosh-max", type=int, default=100000,
                        help="largest scale to also run the whoosh baseline on")
    parser.add_argument("--memo-from", type=int, default=1000000,
                        help="memoise sentence tokens from this scale on")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    if args.one is not None:
        print(json.dumps(run_scale(args.one, args.one <= args.whoosh_max,
                                   args.one >= args.memo_from)))
        return 0
    results = [run_corpus(whoosh=True)]
    print(json.dumps(results[0], ensure_ascii=False), flush=True)
    for scale in [int(s) for s in args.scales.split(",") if s]:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(scale), "--whoosh-max", str(args.whoosh_max),
             "--memo-from", str(args.memo_from)],
            capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print()
    print(f"{'scale':>9} {'clauses':>8} {'parse s':>8} {'jieba s':>8} {'store s':>8} "
          f"{'index s':>8} {'ask p50':>8} {'ask p95':>8} {'rss MB':>7}  whoosh p50 / tantivy p50")
    for r in results:
        ratio = (f"{r['whoosh_p50_ms']:.2f} / {r['tantivy_p50_ms']:.3f} ms = {r['ratio_p50']}x"
                 if "ratio_p50" in r else "—")
        print(f"{r['scale']!s:>9} {r['clauses']:>8} {r['parse_s']:>8} {r['jieba_s']:>8} "
              f"{r['store_s']:>8} {r['index_build_s']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} "
              f"{r['peak_rss_mb']:>7}  {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
