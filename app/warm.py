"""Open the knowledge base once per server process, in the background, from the moment
the server starts: the first visitor (often someone following a shared link) should not
wait for the store, the index and jieba's dictionary to load.

``start()`` is guarded: the launcher (app/serve.py) calls it before Streamlit starts, and
search_app.py calls it again on every run (a no-op after the first). ``take(home)`` hands
the opened knowledge base to the app's cached ``open_kb``, waiting for it if needed.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

_lock = threading.Lock()
_imports = threading.Event()  # the chart libraries are imported (or nobody is importing them)
_imports.set()
_state: dict = {"thread": None, "home": None, "kb": None, "error": None, "imports": None}
SERVER_WAIT = 20.0  # seconds the loader waits for the server before loading anyway
_WARM_QUESTIONS = ("哪些部门牵头科技成果转化", "which departments lead on tech transfer")


def start(home: str | None = None, after_server: bool = False) -> None:
    """Start loading the knowledge base at ``home`` ($POLICYKB_HOME by default) in a
    background thread, once per process. ``after_server``: let the Streamlit server come
    up first (the launcher starts this before the server)."""
    with _lock:
        if _state["thread"] is not None:
            return
        if home is None:
            home = os.environ.get("POLICYKB_HOME") or "data"
        thread = threading.Thread(target=_load, args=(home, after_server), name="policykb-warm",
                                  daemon=True)
        _state.update(thread=thread, home=str(Path(home).expanduser().resolve()))
        thread.start()


def _wait_for_server(limit: float = SERVER_WAIT) -> None:
    """Until the server listens. Loading holds the GIL for about a second and would delay
    the server's own start by as much; once it listens, the browser spends a second or
    two loading the page, which leaves the server idle: the knowledge base loads then."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        # Read, never import: the main thread is importing Streamlit meanwhile, and a
        # second thread importing it would see half-initialised modules.
        module = sys.modules.get("streamlit.runtime.runtime")
        runtime = getattr(getattr(module, "Runtime", None), "_instance", None)
        state = getattr(getattr(runtime, "state", None), "name", "INITIAL")
        if state != "INITIAL":
            return
        time.sleep(0.02)


def _load(home: str, after_server: bool) -> None:
    if after_server:
        _wait_for_server()
    try:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        from kb import KnowledgeBase

        base = KnowledgeBase.open(home)
        base.analyzer.warm_up()
        base.unit_lexicon  # noqa: B018 - builds the unit matcher for questions
        base.current_headers()
        import kb.reports  # noqa: F401 - what the pages import, off the first visit's path
        import kb.views  # noqa: F401

        for question in _WARM_QUESTIONS:  # every code path of an answer, once
            base.ask(question, limit=10)
        if after_server:  # the emoji table st.navigation compiles on its first run (0.2 s)
            import streamlit.emojis  # noqa: F401
        _state["kb"] = base
    except Exception as exc:  # reported by take(); the app then opens the KB itself
        log.exception("could not open the knowledge base at %s", home)
        _state["error"] = exc


def import_later() -> None:
    """After the first answer is out: import what the chart pages need (a second of
    CPU), so the first visit to Departments, Cross-reference or Targets does not pay
    for it. Not before: it would compete with the first answer. Once per process."""
    with _lock:
        if _state.get("imports") is not None:
            return
        _imports.clear()
        _state["imports"] = threading.Thread(target=_import_charts, name="policykb-imports",
                                             daemon=True)
        _state["imports"].start()


def _import_charts() -> None:
    try:
        import altair  # noqa: F401
        import pandas  # noqa: F401
    finally:
        _imports.set()


def wait_imports(timeout: float = 120) -> None:
    """Before importing the chart libraries: the loader may be importing them right now
    (two threads importing one package at once can see it half-initialised)."""
    _imports.wait(timeout)


def _same(home: str) -> bool:
    return _state["home"] == str(Path(home).expanduser().resolve())


def ready(home: str) -> bool:
    """Whether the knowledge base at ``home`` is open (or not being opened here)."""
    thread = _state["thread"]
    return thread is None or not _same(home) or _state["kb"] is not None \
        or _state["error"] is not None


def take(home: str, timeout: float | None = 120):
    """The knowledge base opened in the background for ``home``, or None (another home,
    or it failed: the caller opens it itself)."""
    thread = _state["thread"]
    if thread is None or not _same(home):
        return None
    while _state["kb"] is None and _state["error"] is None and thread.is_alive():
        thread.join(0.05 if timeout is None else min(timeout, 0.05))
        if timeout is not None:
            timeout -= 0.05
            if timeout <= 0:
                return None
    return _state["kb"]
