"""Serve the app with the knowledge base loading from the first moment:

    python -m app.serve [streamlit run options]

starts opening the knowledge base ($POLICYKB_HOME) in a background thread, then runs
`streamlit run search_app.py` in the same process. Streamlit only runs search_app.py when
the first browser connects; started here, the store, the index and jieba are ready (or
nearly) by then. `make run` uses it.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "search_app.py"


def _address(args: list[str]) -> str:
    for i, arg in enumerate(args):
        if arg.startswith("--server.address="):
            return arg.split("=", 1)[1]
        if arg == "--server.address" and i + 1 < len(args):
            return args[i + 1]
    return "localhost"


def main(argv: list[str] | None = None) -> None:
    from kb import KnowledgeBase, Settings
    from kb.accounts import exposure_problem

    args = list(sys.argv[1:] if argv is None else argv)
    settings = Settings.from_env()
    with KnowledgeBase(settings, repair=False) as kb:
        problem = exposure_problem(kb.store, _address(args), settings.open_on_purpose)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        sys.exit(2)
    from app import warm

    warm.start(after_server=True)
    from streamlit.web import cli

    if not any(a.startswith("--server.fileWatcherType") for a in args):
        # Served, not developed: no watching every imported module for changes (it
        # delays each new session and costs CPU while people wait).
        args += ["--server.fileWatcherType", "none"]
    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
