"""Patterns compiled on first use (``ingest.lazyre``): the same answers as ``re``, and
importing the question reader compiles none of its module-level patterns."""

import re
import subprocess
import sys

from ingest.lazyre import LazyPattern, lazy_compile


def test_a_lazy_pattern_answers_like_the_compiled_one():
    text = "省科技厅牵头，省财政厅、省教育厅配合"
    lazy = lazy_compile(r"(?P<unit>省[\u4e00-\u9fff]{2,4}厅)", re.IGNORECASE)
    eager = re.compile(r"(?P<unit>省[\u4e00-\u9fff]{2,4}厅)", re.IGNORECASE)
    assert lazy.pattern == eager.pattern  # composable from its text, uncompiled
    assert lazy._compiled is None
    assert [m.group("unit") for m in lazy.finditer(text)] == ["省科技厅", "省财政厅", "省教育厅"]
    assert lazy.sub("X", text) == eager.sub("X", text)
    assert lazy.flags == eager.flags and lazy.groupindex == eager.groupindex
    assert lazy.search(text).re is lazy.compiled()


def test_importing_the_question_reader_compiles_no_module_pattern():
    code = (
        "import kb.ask, ingest.extract, ingest.layout\n"
        "from ingest.lazyre import LazyPattern\n"
        "mods = (kb.ask, ingest.extract, ingest.layout)\n"
        "lazy = [v for m in mods for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
        "print(len(lazy), sum(v._compiled is not None for v in lazy))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, compiled = map(int, out.stdout.split())
    assert count > 150
    assert compiled == 0


def test_a_broken_pattern_fails_when_first_used():
    broken = lazy_compile(r"(unclosed")
    assert isinstance(broken, LazyPattern)
    try:
        broken.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a broken pattern matched")
