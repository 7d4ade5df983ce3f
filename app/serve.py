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


def main(argv: list[str] | None = None) -> None:
    from app import warm

    warm.start(after_server=True)
    from streamlit.web import cli

    args = list(sys.argv[1:] if argv is None else argv)
    if not any(a.startswith("--server.fileWatcherType") for a in args):
        # Served, not developed: no watching every imported module for changes (it
        # delays each new session and costs CPU while people wait).
        args += ["--server.fileWatcherType", "none"]
    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
