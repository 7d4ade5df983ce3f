"""The ``policykb`` command: thin wrappers over ``ingest`` and ``kb``.

    policykb [--kb DIR] ingest PATH...
    policykb [--kb DIR] export --format jsonl
    policykb [--kb DIR] units [--json] [--unknown] [--all]
    policykb eval [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import KnowledgeBase, Settings
from .evaluate import evaluate


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cmd_ingest(args, settings: Settings) -> int:
    failed = 0
    with KnowledgeBase(settings) as kb:
        for outcome in kb.ingest([Path(p) for p in args.paths]):
            if outcome.error is not None:
                failed += 1
                print(f"error: {outcome.error}", file=sys.stderr)
                continue
            doc = outcome.result.document
            label = f"{doc.title}" + (f" ({doc.doc_number})" if doc.doc_number else "")
            if not outcome.result.added:
                print(f"unchanged: {outcome.source} is already in the knowledge base as {label}")
                continue
            units = sum(len(c.lead_units) + len(c.coop_units) for c in doc.clauses)
            targets = sum(len(c.targets) for c in doc.clauses)
            noted = sum(1 for c in doc.clauses if c.lead_units or c.coop_units)
            unknown = sorted({u.as_written for c in doc.clauses
                              for u in c.lead_units + c.coop_units if not u.known})
            print(f"added: {label}: {len(doc.clauses)} clauses ({noted} with unit notes), "
                  f"{units} unit mentions, {targets} targets")
            if unknown:
                print(f"  units not in the directory (kept as written): {'、'.join(unknown)}")
    return 1 if failed else 0


def cmd_export(args, settings: Settings) -> int:
    with KnowledgeBase(settings) as kb:
        for row in kb.store.export_rows():
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def cmd_units(args, settings: Settings) -> int:
    with KnowledgeBase(settings) as kb:
        duties = kb.store.unit_duties(include_idle=args.all, unknown_only=args.unknown)
    if args.json:
        _print_json([d.to_dict() for d in duties])
        return 0
    if not duties:
        print("no units" + (" outside the directory" if args.unknown else " with duties yet"))
        return 0
    width = max(len(d.name) for d in duties)
    print(f"{'unit':<{width}}  lead  coop  english")
    for d in duties:
        flag = " (generic)" if d.generic else (" (not in directory)" if not d.known else "")
        print(f"{d.name:<{width}}  {d.lead:>4}  {d.coop:>4}  {d.english}{flag}")
    return 0


def cmd_eval(args, settings: Settings) -> int:
    report = evaluate(settings, Path(args.annotations) if args.annotations else None)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(f"documents: {', '.join(report.documents) or 'none'}")
        if report.skipped:
            print(f"skipped (document not found): {', '.join(report.skipped)}")
        print(f"{'field':<10} {'precision':>9} {'recall':>7} {'F1':>6}   tp  fp  fn")
        for name, score in report.scores.items():
            print(f"{name:<10} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}"
                  f" {score.tp:>4} {score.fp:>3} {score.fn:>3}")
        if args.verbose:
            for line in report.errors:
                print("  " + line)
    return 0 if report.documents else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykb",
        description="A knowledge base of Chinese policy documents, clause by clause.",
    )
    parser.add_argument("--kb", metavar="DIR",
                        help="knowledge base folder (default: $POLICYKB_HOME or ./data)")
    parser.add_argument("-v", "--verbose-log", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="add files or folders (idempotent per content)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("export", help="write every clause as JSON lines")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("units", help="the department directory with duty counts")
    p.add_argument("--json", action="store_true")
    p.add_argument("--unknown", action="store_true",
                   help="only units found in notes but missing from the directory")
    p.add_argument("--all", action="store_true", help="include units with no duties")
    p.set_defaults(func=cmd_units)

    p = sub.add_parser("eval", help="score the extractor against annotations/")
    p.add_argument("--json", action="store_true")
    p.add_argument("--verbose", action="store_true", help="list every mismatch")
    p.add_argument("--annotations", metavar="DIR", help="gold folder (default: annotations/)")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose_log else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env(args.kb)
    try:
        return args.func(args, settings)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted; the knowledge base is unchanged for the file in progress",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
