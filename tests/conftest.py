from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "corpus" / "seed-lu-zheng-zi-2023-209.txt"
SHARED = ROOT.parent / "shared" / "corpus"


def shared_file(name: str) -> Path:
    """A reference document from ../shared/corpus; the test skips when it is absent."""
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def seed_doc():
    import ingest

    return ingest.parse(SEED)


@pytest.fixture
def kb_home(tmp_path, monkeypatch):
    home = tmp_path / "kb"
    monkeypatch.setenv("POLICYKB_HOME", str(home))
    return home
