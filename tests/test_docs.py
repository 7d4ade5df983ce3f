"""Docs that cannot drift: the README opens with the two commands and documents
every policykb subcommand."""

from kb.cli import build_parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    head = "\n".join(README.splitlines()[:25])
    assert "make run" in head and "make test" in head


def test_every_subcommand_is_documented():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name in commands:
        assert f"policykb {name}" in README or f"policykb [--kb DIR] {name}" in README, name


def test_ci_calls_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
