"""A real browser on the running app: headless Chromium (Debian's, driven by Playwright)
asks "which departments lead on tech transfer" and the answer must show. Screenshots of
every page go to tests/output/ (kept by CI as artifacts). Skipped where Chromium or
Playwright is missing; .ci/run installs both."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from kb import KnowledgeBase, Settings

from .conftest import ROOT, SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUTPUT = ROOT / "tests" / "output"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    home = tmp_path_factory.mktemp("kb")
    with KnowledgeBase(Settings(home=home)) as kb:
        kb.ingest([SEED])
    port = _free_port()
    env = {**os.environ, "POLICYKB_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "search_app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the app did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(app_url):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page = context.new_page()
        yield page
        browser.close()


def test_ask_in_the_browser(app_url, page):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.goto(app_url, wait_until="networkidle")
    box = page.get_by_label("问题或关键词 / Question or keywords")
    box.wait_for(timeout=60_000)
    # Warm the app once, as a user's first visit would, then time a fresh question.
    box.fill("宅基地")
    box.press("Enter")
    page.get_by_text("依据条款 · Evidence").first.wait_for(timeout=60_000)
    box.fill("which departments lead on tech transfer")
    started = time.perf_counter()
    box.press("Enter")
    page.get_by_text("山东省科学技术厅").first.wait_for(timeout=30_000)
    page.get_by_text("加速推进科技成果转化").first.wait_for(timeout=30_000)
    elapsed = time.perf_counter() - started
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUTPUT / "ask.png"), full_page=False)
    (OUTPUT / "ask-seconds.txt").write_text(f"{elapsed:.2f}\n")
    assert page.get_by_text("山东省市场监督管理局").first.is_visible()
    assert elapsed < 5, f"the answer took {elapsed:.2f} s"


@pytest.mark.parametrize("path, text", [
    ("units?unit=山东省科学技术厅", "部门 · Departments"),
    ("cross", "交叉分析 · Cross-reference"),
    ("targets", "目标 · Targets"),
    ("documents", "文件 · Documents"),
    ("add", "添加文件 · Add a document"),
])
def test_every_page_renders(app_url, page, path, text):
    page.goto(f"{app_url}/{path}", wait_until="networkidle")
    page.get_by_text(text).first.wait_for(timeout=60_000)
    page.wait_for_timeout(3000)
    assert not page.get_by_text("Traceback").count()
    page.screenshot(path=str(OUTPUT / f"{path.split('?')[0]}.png"), full_page=False)


def test_upload_then_search_in_the_browser(app_url, page, tmp_path):
    from .conftest import FIXTURES

    bad = tmp_path / "坏文件.html"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    page.goto(f"{app_url}/add", wait_until="networkidle")
    page.get_by_text("添加文件 · Add a document").first.wait_for(timeout=60_000)
    page.locator("input[type=file]").set_input_files([str(FIXTURES / "sample_notice.html"), str(bad)])
    page.get_by_text("已添加，可立即检索").first.wait_for(timeout=60_000)
    page.get_by_text("坏文件.html: ").first.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(OUTPUT / "upload.png"), full_page=True)
    page.goto(app_url, wait_until="networkidle")  # the default page lives at /
    page.get_by_text("试试 / Try:").first.wait_for(timeout=60_000)
    box = page.get_by_label("问题或关键词 / Question or keywords")
    box.wait_for(state="visible", timeout=60_000)
    box.fill("技术经理人")
    box.press("Enter")
    page.get_by_text("壮大技术经理人队伍").first.wait_for(timeout=30_000)
