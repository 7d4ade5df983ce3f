"""Benchmark the app in a real browser (Playwright driving Debian's Chromium):

  * warm: Enter -> answer visible, on the default corpus and on 100,000 clauses
  * cold: server start -> the answer to a shared link visible (/ask?q=...)
  * pages: Departments, Cross-reference, Targets and Documents from the menu, and the
    next page of their lists, within one session (content on screen)

    .venv/bin/python bench/bench_app.py                  # default corpus and 100k
    .venv/bin/python bench/bench_app.py --scales ""      # default corpus only
    .venv/bin/python bench/bench_app.py --build-only     # just build the 100k knowledge base

The 100k knowledge base is built once with bench/synth.py through the same code path as
bench/bench_search.py (real parser, jieba tokens memoised per sentence) and kept under
bench/output/kb-100000 (or $BENCH_TMP); later runs reuse it. Prints each figure beside its
goal and writes bench/output/app.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

OUT = ROOT / "bench" / "output"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
WARM_GOAL = 0.5  # seconds, Enter -> answer
COLD_GOAL = 3.0  # seconds, server start -> answer to a shared link
PAGE_GOAL = 1.0  # seconds per page of Departments / Cross-reference at 100k (after warm-up)

CORPUS_QUESTIONS = [  # one per intent, Chinese and English, on the default corpus
    "哪些部门牵头科技成果转化",
    "which departments lead on tech transfer",
    "省科技厅牵头哪些任务",
    "2025年要达到哪些目标",
    "省科技厅和省发展改革委共同牵头的任务",
    "宅基地三权分置",
    "鲁政字〔2023〕209号",
]


# ------------------------------------------------------------------ knowledge bases


def build_default(home: Path) -> Path:
    """The default knowledge base: corpus/ as `make run` builds it."""
    from kb import KnowledgeBase, Settings

    if not (home / "policykb.sqlite3").exists():
        with KnowledgeBase(Settings(home=home)) as kb:
            kb.ingest([ROOT / "corpus"], workers=1)
    return home


def build_synthetic(home: Path, n: int) -> Path:
    """n clauses of synthetic documents (bench/synth.py), ingested as bench_search does."""
    import ingest
    from bench_search import Timings
    from kb import KnowledgeBase, Settings
    from synth import Generator

    marker = home / f"complete-{n}"
    if marker.exists():
        return home
    if home.exists():
        shutil.rmtree(home)
    gen = Generator()
    per_doc = 50
    started = time.perf_counter()
    with KnowledgeBase(Settings(home=home)) as kb:
        analyzer = kb.analyzer
        analyzer.warm_up()
        cached = lru_cache(maxsize=200_000)(analyzer.index_terms)

        def index_terms(text: str) -> str:  # memoised per sentence, as bench_search --memo-from
            return " ".join(cached(s) for s in text.split("。"))

        analyzer.index_terms = index_terms  # type: ignore[method-assign]
        timings = Timings()
        for i in range(n // per_doc):
            text = gen.document(i, per_doc)
            timings.add(kb, analyzer, lambda: ingest.parse_bytes(
                text.encode("utf-8"), f"synthetic-{i:06d}.txt", directory=kb.store.directory))
            if i % 200 == 0:
                print(f"  built {timings.clauses} clauses in {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
        Timings.reindex(kb)
    marker.write_text(f"{timings.clauses}\n")
    return home


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(port: int) -> list[str]:
    """The app as `make run` starts it (the launcher that warms the knowledge base)."""
    return [sys.executable, "-m", "app.serve", "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false"]


def start_server(home: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "POLICYKB_HOME": str(home)}
    return subprocess.Popen(server_command(port), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the app did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


# ------------------------------------------------------------------ measurements


def answer_visible(page, text: str, timeout: float = 60) -> None:
    page.get_by_text(text).first.wait_for(state="visible", timeout=timeout * 1000)


# The run is over and its answer is on screen: no element of the previous run left
# (Streamlit marks them data-stale until the new run replaces or removes them).
SETTLED = """() => !document.querySelector('[data-stale=true]')
    && !!document.querySelector('.st-key-answer-card')"""


def cold_start(browser, home: Path, question: str, expect: str) -> float:
    """Server start -> the answer to /ask?q=QUESTION visible in a fresh page."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    started = time.perf_counter()
    proc = start_server(home, port)
    try:
        wait_healthy(url)
        page.goto(f"{url}/ask?q={urllib.parse.quote(question)}")
        answer_visible(page, expect)
        return time.perf_counter() - started
    finally:
        context.close()
        stop(proc)


def warm_answers(page, url: str, questions: list[str], rounds: int = 2
                 ) -> list[tuple[str, float]]:
    """Enter -> the new answer on screen, for each question, after one untimed round."""
    page.goto(f"{url}/ask", wait_until="networkidle")
    box = page.get_by_label("问题或关键词 / Question or keywords")
    box.wait_for(timeout=60_000)
    timings = []
    for round_ in range(rounds + 1):
        for question in questions:
            box.fill(question)
            started = time.perf_counter()
            box.press("Enter")
            page.wait_for_function(
                "q => new URLSearchParams(location.search).get('q') === q", arg=question,
                timeout=60_000, polling=10)
            page.wait_for_function(SETTLED, timeout=60_000, polling=10)
            if round_:  # the first round warms every code path
                timings.append((question, time.perf_counter() - started))
    return timings


def page_times(page, url: str) -> dict[str, float]:
    """Within one session (as people use it): a page from the menu -> its content on
    screen, and the next page of a list."""
    out = {}
    page.goto(f"{url}/ask", wait_until="networkidle")
    page.get_by_label("问题或关键词 / Question or keywords").wait_for(timeout=60_000)
    steps = [
        ("部门 Departments", "menu", "牵头 Leads", "units"),
        ("下一页 Next ›", "button", "第 11–20 条", "units, next page"),
        ("交叉分析 Cross-reference", "menu", "两个部门的共同条款", "cross"),
        ("下一页 Next ›", "button", "第 11–20 条", "cross, next page of shared clauses"),
        ("目标 Targets", "menu", "个目标 targets", "targets"),
        ("下一页 Next ›", "button", "第 101–200 条", "targets, next page"),
        ("文件 Documents", "menu", "结构 · Outline", "documents"),
    ]
    for name, kind, expect, label in steps:
        if kind == "menu":
            target = page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=name)
        else:
            target = page.get_by_role("button", name=name).first
            if not page.get_by_role("button", name=name).count() or not target.is_enabled():
                continue  # a list of one page
        started = time.perf_counter()
        target.click()
        page.get_by_text(expect).first.wait_for(timeout=120_000)
        page.wait_for_function("() => !document.querySelector('[data-stale=true]')",
                               timeout=120_000, polling=10)
        out[label] = time.perf_counter() - started
    return out


def peak_rss_mb(pid: int) -> float:
    """The server's peak resident memory so far (VmHWM), after the tour of every page."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def fmt(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {p50:.2f} s · p95 {p95:.2f} s · max {max(ordered):.2f} s (n={len(ordered)})"


def synthetic_questions(count: int = 12) -> list[str]:
    """The bench_search mix (who leads, English, duties, targets, shared, search), and
    the broadest question of all: every target of a year."""
    from synth import Generator

    return Generator().questions(count) + ["2025年要达到哪些目标"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="100000")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    base = Path(os.environ.get("BENCH_TMP") or OUT)
    base.mkdir(parents=True, exist_ok=True)
    scales = [int(s) for s in args.scales.split(",") if s]
    homes = {"corpus": build_default(base / "kb-default")}
    for n in scales:
        homes[n] = build_synthetic(base / f"kb-{n}", n)
    if args.build_only:
        return 0
    if CHROMIUM is None:
        print("Chromium is not installed", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        results["cold_corpus_s"] = [
            cold_start(browser, homes["corpus"], "which departments lead on tech transfer",
                       "1. 山东省科学技术厅") for _ in range(args.cold_runs)]
        print(f"cold: {fmt(results['cold_corpus_s'])}", file=sys.stderr, flush=True)
        for scale, home in homes.items():
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            proc = start_server(home, port)
            try:
                wait_healthy(url)
                context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                              locale="zh-CN")
                page = context.new_page()
                questions = CORPUS_QUESTIONS if scale == "corpus" else synthetic_questions()
                timed = warm_answers(page, url, questions)
                results[f"warm_{scale}_s"] = [t for _, t in timed]
                results[f"warm_{scale}_slowest"] = sorted(timed, key=lambda x: -x[1])[:3]
                print(f"warm {scale}: {fmt(results[f'warm_{scale}_s'])}", file=sys.stderr,
                      flush=True)
                results[f"pages_{scale}_s"] = page_times(page, url)
                results[f"rss_{scale}_mb"] = peak_rss_mb(proc.pid)
                context.close()
            finally:
                stop(proc)
        browser.close()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "app.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print()
    print(f"cold start, server start -> answer to a shared link (goal ≤ {COLD_GOAL} s): "
          f"{fmt(results['cold_corpus_s'])}")
    for scale in homes:
        print(f"warm Enter -> answer, {scale} (goal ≤ {WARM_GOAL} s): "
              f"{fmt(results[f'warm_{scale}_s'])}")
        print("  slowest: " + "; ".join(f"{q} {t:.2f} s"
                                        for q, t in results[f"warm_{scale}_slowest"]))
        for step, seconds in results.get(f"pages_{scale}_s", {}).items():
            print(f"  {step} at {scale} (goal ≤ {PAGE_GOAL} s): {seconds:.2f} s")
        print(f"  server peak RSS after questions and every page, {scale} (goal ≤ 400 MB, "
              f"flat in corpus size): {results.get(f'rss_{scale}_mb', float('nan')):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
