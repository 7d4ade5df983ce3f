"""The gold set is a gated benchmark: these floors only move up."""

from kb.cli import main
from kb.evaluate import evaluate
from kb.settings import Settings

from .conftest import SHARED

# Measured on the seed notice and the four related documents (2026-11-26).
FLOORS = {
    "lead": {"precision": 1.0, "recall": 1.0},
    "coop": {"precision": 1.0, "recall": 1.0},
    "targets": {"precision": 1.0, "recall": 1.0},
    "metadata": {"precision": 1.0, "recall": 0.93},
}


def test_extraction_meets_the_floors():
    report = evaluate(Settings.from_env())
    assert "seed-lu-zheng-zi-2023-209.txt" in report.documents
    if SHARED.is_dir():
        assert len(report.documents) == 5, report.skipped
    for field, floor in FLOORS.items():
        score = report.scores[field]
        assert score.precision >= floor["precision"], (field, report.errors)
        assert score.recall >= floor["recall"], (field, report.errors)


def test_gold_is_not_trivial():
    report = evaluate(Settings.from_env())
    assert report.scores["lead"].tp >= 87  # the seed alone has 87 lead mentions
    assert report.scores["targets"].tp >= 32


def test_eval_command_prints_the_table(capsys):
    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "lead" in out and "targets" in out
