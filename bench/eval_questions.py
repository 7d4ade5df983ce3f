"""Ask a question set of a scratch knowledge base built by any checkout of the code.

    PYTHONPATH=/path/to/other/checkout python bench/eval_questions.py annotations/questions_v2_tune.jsonl
    python bench/eval_questions.py --with ../extcorpus/a.html --with ../extcorpus/b.html set.jsonl

The scratch knowledge base holds the gold documents of annotations/ plus any ``--with``
files (documents a question set is about that are not committed here).

Imports ``kb`` from whatever PYTHONPATH names (to report "before" figures) but judges
with this checkout's kb/evaluate.py, so both runs are judged the same way.
"""

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

import kb
from kb import KnowledgeBase, Settings

HERE = Path(__file__).resolve().parent.parent


def _judge_module():
    spec = importlib.util.spec_from_file_location("judge", HERE / "kb" / "evaluate.py",
                                                  submodule_search_locations=None)
    source = (HERE / "kb" / "evaluate.py").read_text(encoding="utf-8")
    source = source.replace("from .settings import Settings", "from kb.settings import Settings")
    module = importlib.util.module_from_spec(spec)
    sys.modules["judge"] = module
    exec(compile(source, str(HERE / "kb" / "evaluate.py"), "exec"), module.__dict__)
    return module


def _per_language(path: Path, report) -> str:
    """Right answers per question language (counts only: no question is shown)."""
    import collections
    import json

    failed = {line.split(" ", 1)[0] for line in report.failures}
    right, total = collections.Counter(), collections.Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            question = json.loads(line)
            lang = question.get("lang", "zh")
            total[lang] += 1
            right[lang] += question["id"] not in failed
    return "languages: " + ", ".join(f"{lang} {right[lang]}/{total[lang]}" for lang in sorted(total))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="question files (JSON lines)")
    parser.add_argument("--with", dest="extra", action="append", type=Path, default=[],
                        help="another document to ingest first (repeatable)")
    args = parser.parse_args()
    judge = _judge_module()
    print(f"kb from {Path(kb.__file__).parent}")
    settings = Settings.from_env("unused")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Settings(home=Path(tmp), corpus=HERE / "corpus", annotations=HERE / "annotations",
                           shared_corpus=HERE.parent / "shared" / "corpus")
        with KnowledgeBase(scratch) as base:
            base.ingest(judge.gold_documents(scratch) + args.extra)
            for name in args.sets:
                report = judge.evaluate_questions(base, scratch, Path(name))
                print(f"\n{name}: overall {report.overall:.3f} ({report.skipped} skipped)")
                for intent, (correct, total) in sorted(report.per_intent.items()):
                    print(f"  {intent:<12} {correct:>3}/{total}")
                print("  " + _per_language(Path(name), report))
                if os.environ.get("VERBOSE"):
                    for line in report.failures:
                        print("   " + line)
    del settings


if __name__ == "__main__":
    main()
