"""Score any version of the extractor against a gold folder on canonical unit names.

    PYTHONPATH=/path/to/other/checkout python bench/eval_gold.py annotations/measure [CORPUS...]

Used to report "before" figures: it imports ``ingest`` from whatever checkout
PYTHONPATH names, and scores lead/coop per document as ``policykb eval`` does.
"""

import json
import sys
import types
from pathlib import Path

import ingest


def _evaluate_module():
    """This checkout's kb/evaluate.py, whatever checkout ``ingest`` comes from."""
    here = Path(__file__).resolve().parent.parent / "kb" / "evaluate.py"
    source = here.read_text(encoding="utf-8").replace("from .settings import", "from kb.settings import")
    module = types.ModuleType("judge")
    sys.modules["judge"] = module
    exec(compile(source, str(here), "exec"), module.__dict__)
    return module


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def main() -> None:
    folder = Path(sys.argv[1])
    corpora = [Path(p) for p in sys.argv[2:]] or [Path("corpus"), Path("../shared/corpus")]
    directory = ingest.default_directory()
    sets = _evaluate_module()._named_sets
    total = {"lead": [0, 0, 0], "coop": [0, 0, 0]}
    print(f"ingest from {Path(ingest.__file__).parent}")
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = next((c / gold["document"] for c in corpora if (c / gold["document"]).is_file()),
                      None)
        if source is None:
            print(f"  {gold['document']}: not found, skipped")
            continue
        doc = ingest.parse(source)
        row = []
        for name, g, p in zip(("lead", "coop"), sets(gold["clauses"], directory),
                              sets(doc.clauses, directory)):
            tp, fp, fn = len(g & p), len(p - g), len(g - p)
            for k, v in zip(range(3), (tp, fp, fn)):
                total[name][k] += v
            row.append(f"{name} {f1(tp, fp, fn):.3f} ({tp}/{tp + fn}, +{fp})")
        print(f"  {gold['document']:<44} " + "  ".join(row))
    print(f"  {'all':<44} lead {f1(*total['lead']):.3f}  coop {f1(*total['coop']):.3f}")


if __name__ == "__main__":
    main()
