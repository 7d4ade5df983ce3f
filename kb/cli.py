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

from ingest import report as extraction_report

from . import KnowledgeBase, Settings
from .corrections import DOCUMENT_FIELDS, CorrectionError, split_units
from .evaluate import evaluate
from .reports import role_label


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cmd_ingest(args, settings: Settings) -> int:
    from ingest.loaders import ocr

    failed = 0
    with KnowledgeBase(settings) as kb, ocr.reporting(
            lambda line: print(f"  {line}", file=sys.stderr, flush=True)):
        for outcome in kb.iter_ingest([Path(p) for p in args.paths], actor=_actor()):
            if outcome.error is not None:
                failed += 1
                print(f"error: {outcome.error}", file=sys.stderr)
                continue
            doc = outcome.result.summary  # what a worker said: the document stays pickled
            label = f"{doc.title}" + (f" ({doc.doc_number})" if doc.doc_number else "")
            if not outcome.result.added:
                print(f"unchanged: {outcome.source} is already in the knowledge base as {label}")
                continue
            print(f"added: {label}: {doc.unit_mentions} unit mentions, {doc.targets} targets; "
                  f"{doc.line}")
            if doc.has_report:
                print(f"  details: policykb report {doc.doc_id}")
            if outcome.result.superseded:
                print("  this is a newer version of a document with the same 文号; the older one "
                      "is kept as superseded and leaves the answers")
            if outcome.result.superseded_by:
                print("  a newer version with the same 文号 is already here; this one is kept "
                      "as superseded")
            if doc.unknown:
                print(f"  units not in the directory (kept as written): {'、'.join(doc.unknown)}")
        kb.warm_cache()  # the next command-line question finds every document's metadata kept
    return 1 if failed else 0


def _actor() -> str:
    """Who runs the command, for the audit log: the operating-system user."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def cmd_users(args, settings: Settings) -> int:
    from .accounts import AccountError, accounts, add, remove, set_password

    with KnowledgeBase(settings) as kb:
        try:
            if args.action == "list":
                rows = accounts(kb.store)
                if args.json:
                    _print_json([a.to_dict() for a in rows])
                elif not rows:
                    print("no accounts: the app is open to whoever reaches it "
                          "(add one with `policykb users add NAME --role admin --password-stdin`)")
                for a in rows if not args.json else ():
                    print(f"{a.name}\t{a.role}\t{a.created_at}")
                return 0
            if not args.name:
                raise AccountError("name the account: policykb users "
                                   f"{args.action} NAME")
            if args.action == "remove":
                remove(kb.store, args.name, _actor())
                print(f"removed {args.name}")
                return 0
            if not args.password_stdin:
                raise AccountError("give the password on standard input with --password-stdin "
                                   "(it is never taken as an argument)")
            password = sys.stdin.readline()
            if args.action == "add":
                if not args.role:
                    raise AccountError("give --role viewer, editor or admin")
                add(kb.store, args.name, args.role, password, _actor())
                print(f"added {args.name} ({args.role})")
            else:
                set_password(kb.store, args.name, password, _actor())
                print(f"changed the password of {args.name}")
        except AccountError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


def cmd_audit(args, settings: Settings) -> int:
    from .accounts import audit_log

    with KnowledgeBase(settings) as kb:
        rows = audit_log(kb.store, args.limit)
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("the audit log is empty")
    for r in rows:
        detail = json.dumps(r["detail"], ensure_ascii=False) if r["detail"] else ""
        print(f"{r['at']}  {r['actor']}  {r['action']}  {r['target']}  {detail}")
    return 0


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


def cmd_search(args, settings: Settings) -> int:
    with KnowledgeBase(settings) as kb:
        hits = kb.search(args.text, limit=args.limit)
        if args.json:
            _print_json({"query": args.text, "clauses": [h.to_dict() for h in hits]})
            return 0
        if not hits:
            print("no clause matches")
        for rank, hit in enumerate(hits, 1):
            row = hit.to_dict()
            print(f"{rank}. {row['citation']}  [{row['doc_number'] or '无文号'}]  score {hit.score:.2f}")
            print(f"   {mark(hit.clause.text, hit.highlights)}")
    return 0


def mark(text: str, spans, width: int = 160) -> str:
    """The clause with 【】 around matched words, cut to a window around the first."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start] + "【" + text[start:end] + "】")
        last = end
    marked = "".join(out) + text[last:]
    first = marked.find("【")
    begin = max(0, first - 40) if first > 40 else 0
    snippet = marked[begin : begin + width]
    return ("…" if begin else "") + snippet + ("…" if begin + width < len(marked) else "")


def cmd_ask(args, settings: Settings) -> int:
    from .ask import Filters
    from .documents import parse_as_of

    try:
        as_of = parse_as_of(args.as_of) if args.as_of else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.file:
        return _ask_many(args, settings, Filters(as_of=as_of))
    if not args.question:
        print("error: give a QUESTION, or --file FILE with one question per line",
              file=sys.stderr)
        return 1
    with KnowledgeBase(settings) as kb:
        answer = kb.ask(args.question, limit=args.limit, filters=Filters(as_of=as_of))
    if args.json:
        _print_json(answer.to_dict())
        return 0
    print(f"intent: {answer.intent}" + (f"  topic: {answer.topic}" if answer.topic else "")
          + (f"  year: {answer.year}" if answer.year else ""))
    if answer.note:
        print(answer.note)
    for unit in answer.units:
        print(f"  {unit.name} ({role_label(unit.role)}): {len(unit.clauses)} clauses")
    for hit in answer.hits:
        row = hit.to_dict()
        lead = "、".join(u.as_written for u in hit.clause.lead_units)
        print(f"- {row['citation']} [{row['doc_number'] or '无文号'}] 牵头: {lead or '—'}")
        print(f"  {mark(hit.clause.text, hit.highlights)}")
    return 0


def _print_per_document(title: str, report) -> None:
    print(f"\n{title} — lead / coop F1 per document, on canonical unit names:")
    for name, scores in report.per_document.items():
        lead, coop = scores["lead"], scores["coop"]
        print(f"  {name:<44} lead {lead.f1:.3f} ({lead.tp}/{lead.tp + lead.fn}, +{lead.fp})"
              f"  coop {coop.f1:.3f} ({coop.tp}/{coop.tp + coop.fn}, +{coop.fp})")
    total = report.by_name()
    print(f"  {'all':<44} lead {total['lead'].f1:.3f}  coop {total['coop'].f1:.3f}")


def _ask_many(args, settings: Settings, filters) -> int:
    """Many questions in one process (scripts call ask in loops): one JSON line each."""
    source = sys.stdin if args.file == "-" else None
    try:
        lines = (source.read() if source else Path(args.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {args.file}: cannot read it as UTF-8 text ({exc.__class__.__name__})",
              file=sys.stderr)
        return 1
    with KnowledgeBase(settings) as kb:
        for line in lines.splitlines():
            question = line.strip()
            if not question:
                continue
            data = kb.ask(question, limit=args.limit, filters=filters).to_dict()
            if not args.json:
                data = {"question": data["question"], "intent": data["intent"],
                        "empty": data["empty"],
                        "units": [u["name"] for u in data["units"] if u["role"] == "lead"][:5]}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    return 0


def cmd_eval(args, settings: Settings) -> int:
    corpus = Path(args.corpus) if args.corpus else None
    report = evaluate(settings, Path(args.annotations) if args.annotations else None, corpus)
    measure_dir = (Path(args.annotations) if args.annotations else settings.annotations) / "measure"
    measure = evaluate(settings, measure_dir, corpus) if measure_dir.is_dir() else None
    question_sets = {} if args.annotations else _question_reports(settings)
    if args.json:
        data = report.to_dict()
        if measure is not None:
            data["measure"] = measure.to_dict()
        data["questions"] = {name: r.to_dict() for name, r in question_sets.items()}
        _print_json(data)
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
        _print_per_document("tuning set (annotations/)", report)
        if measure is not None and measure.documents:
            _print_per_document("measure-only set (annotations/measure/)", measure)
            if args.verbose:
                for line in measure.errors:
                    if " lead " in line or " coop " in line:
                        print("  " + line)
        for name, questions in question_sets.items():
            print(f"\n{name} (share answered correctly; {questions.skipped} skipped):")
            for intent, (correct, total) in sorted(questions.per_intent.items()):
                print(f"{intent:<12} {correct:>3}/{total:<3} {correct / total:.3f}")
            print(f"{'overall':<12} {questions.overall:.3f}")
            if args.verbose:
                for line in questions.failures:
                    print("  " + line)
    return 0 if report.documents else 1


def _question_reports(settings: Settings) -> dict:
    """Build a scratch knowledge base from the gold documents and ask every question set
    (annotations/questions*.jsonl) of it."""
    import tempfile

    from .evaluate import evaluate_questions, gold_documents

    with tempfile.TemporaryDirectory(prefix="policykb-eval-") as tmp:
        scratch = Settings(home=Path(tmp), corpus=settings.corpus,
                           annotations=settings.annotations, shared_corpus=settings.shared_corpus)
        with KnowledgeBase(scratch) as kb:
            kb.ingest(gold_documents(settings))
            return {path.name: evaluate_questions(kb, settings, path)
                    for path in sorted(settings.annotations.glob("questions*.jsonl"))}


def _one_document(kb, ref: str):
    """The document a user named, or None after saying why."""
    hits = kb.store.resolve_document(ref)
    if not hits:
        print(f"error: no document matches {ref!r}; `policykb docs` lists them", file=sys.stderr)
        return None
    if len(hits) > 1:
        print(f"error: {ref!r} matches {len(hits)} documents ({', '.join(hits[:5])}); "
              "give the doc_id", file=sys.stderr)
        return None
    return kb.store.document(hits[0])


def cmd_report(args, settings: Settings) -> int:
    with KnowledgeBase(settings) as kb:
        doc = _one_document(kb, args.doc)
        if doc is None:
            return 1
        fixes = kb.corrections(doc_id=doc.doc_id)
    if args.json:
        _print_json({"doc_id": doc.doc_id, "title": doc.title, "doc_number": doc.doc_number,
                     "summary": extraction_report.summary(doc), "items": list(doc.report),
                     "corrections": [f.to_dict() for f in fixes]})
        return 0
    label = doc.title + (f" ({doc.doc_number})" if doc.doc_number else "")
    print(f"{label}\n{extraction_report.summary(doc)}")
    for kind, (zh, en) in extraction_report.KINDS.items():
        items = [i for i in doc.report if i["kind"] == kind]
        if not items:
            continue
        print(f"\n{zh} {en} ({len(items)})")
        for item in items:
            where = f"[{item['path'] or '全文'}] " if item["clause_id"] or item["path"] else ""
            print(f"  {where}{item['detail']}")
            if item["text"]:
                print(f"      {item['text'][:120]}")
            if item["clause_id"]:
                print(f"      clause {item['clause_id']}")
    review = [f for f in fixes if f.status == "review"]
    if review:
        print(f"\ncorrections of an earlier version to review ({len(review)}):")
        for f in review:
            print(f"  #{f.id} {f.clause_id or '-'} lead={f.lead} coop={f.coop} by {f.author}")
    return 0


def cmd_correct(args, settings: Settings) -> int:
    with KnowledgeBase(settings) as kb:
        try:
            if args.doc:
                doc = _one_document(kb, args.doc)
                if doc is None:
                    return 1
                fields = {}
                for item in args.set or []:
                    key, sep, value = item.partition("=")
                    if not sep:
                        raise CorrectionError(f"--set {item}: write FIELD=VALUE "
                                              f"({', '.join(DOCUMENT_FIELDS)})")
                    fields[key.strip()] = value
                if not fields:
                    raise CorrectionError("give at least one --set FIELD=VALUE")
                fix = kb.correct_document(doc.doc_id, fields, args.by or "", args.why or "")
                print(f"corrected {doc.doc_id}: " + ", ".join(
                    f"{k} {fix.extracted.get(k)!r} -> {v!r}" for k, v in fix.fields.items()))
                return 0
            if not args.clause_id:
                raise CorrectionError("name a CLAUSE_ID, or --doc DOC_ID with --set")
            lead = split_units(args.lead) if args.lead is not None else None
            coop = split_units(args.coop) if args.coop is not None else None
            fix = kb.correct_clause(args.clause_id, lead, coop, args.by or "", args.why or "")
        except CorrectionError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    was = fix.extracted
    print(f"corrected {fix.clause_id} (#{fix.id}): lead {'、'.join(was['lead']) or '—'} -> "
          f"{'、'.join(fix.lead) if fix.lead is not None else 'unchanged'}; coop "
          f"{'、'.join(was['coop']) or '—'} -> "
          f"{'、'.join(fix.coop) if fix.coop is not None else 'unchanged'}")
    return 0


def cmd_corrections(args, settings: Settings) -> int:
    with KnowledgeBase(settings) as kb:
        fixes = kb.corrections()
    if args.json:
        _print_json([f.to_dict() for f in fixes])
        return 0
    if not fixes:
        print("no corrections")
    for f in fixes:
        what = (f"lead={'、'.join(f.lead) if f.lead is not None else '(unchanged)'} "
                f"coop={'、'.join(f.coop) if f.coop is not None else '(unchanged)'}"
                if f.kind == "clause" else
                ", ".join(f"{k}={v}" for k, v in f.fields.items()))
        print(f"#{f.id} [{f.status}] {f.created_at} {f.author}: {f.clause_id or f.doc_id} {what}"
              f" — {f.reason}")
    return 0


def cmd_docs(args, settings: Settings) -> int:
    from .documents import LABELS, records

    try:
        with KnowledgeBase(settings) as kb:
            rows = records(kb, args.as_of)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("no documents")
    for r in rows:
        v = r["validity"]
        print(f"{r['doc_id']}  {r['doc_number'] or '无文号'}  {r['body_title'] or r['title']}")
        print(f"    {v['status']}{'（推定）' if v['presumed'] else ''} as of {v['as_of']}: "
              f"{v['evidence'][:80]}")
        for rel in r["relations"]:
            target = rel["target_number"] or f"《{rel['target_title']}》"
            where = rel["target_doc_id"] or "未收录 not in the knowledge base"
            print(f"    {LABELS[rel['type']]} {target} → {where}")
        for rel in r["related_by"]:
            print(f"    {LABELS[rel['type']]} {rel['source_doc_id']}")
    return 0


def cmd_ledger(args, settings: Settings) -> int:
    from .documents import parse_as_of
    from .ledger import WRITERS, LedgerError, build

    try:
        as_of = parse_as_of(args.as_of) if args.as_of else None
        with KnowledgeBase(settings) as kb:
            ledger = build(kb, doc=args.doc, unit=args.unit, as_of=as_of)
    except (LedgerError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    data = WRITERS[args.format](ledger)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    counts = "; ".join(f"{heading}: {len(rows)}" for heading, rows in ledger.sections)
    print(f"wrote {out} ({args.format}, {len(ledger.rows)} rows — {counts})")
    return 0


def cmd_check(args, settings: Settings) -> int:
    with KnowledgeBase(settings, repair=False) as kb:
        problems = kb.check()
        counts = kb.store.counts()
    if problems:
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        return 1
    print(f"ok: {counts['documents']} documents, {counts['clauses']} clauses; "
          "the index matches the store")
    return 0


def cmd_reindex(args, settings: Settings) -> int:
    with KnowledgeBase(settings, repair=False) as kb:
        kb.reindex()
        print(f"reindexed {kb.index.count()} clauses from the store")
    return 0


def cmd_backup(args, settings: Settings) -> int:
    from .backup import BackupError, backup

    try:
        info = backup(settings, Path(args.file))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"backed up to {info['file']} ({info['bytes']:,} bytes, {info['uploads']} uploads)")
    return 0


def cmd_restore(args, settings: Settings) -> int:
    from .backup import BackupError, restore

    try:
        restore(settings, Path(args.file))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with KnowledgeBase(settings) as kb:
        counts = kb.store.counts()
        kb.audit(_actor(), "restore", str(args.file), counts)
    print(f"restored {counts['documents']} documents, {counts['clauses']} clauses; index rebuilt")
    return 0


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

    p = sub.add_parser("search", help="plain full-text search")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="answer a question: who leads what, duties, targets")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--file", metavar="FILE",
                   help="one question per line (- for standard input): one JSON line each")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--as-of", metavar="DATE",
                   help="only documents in force on this date (YYYY-MM-DD)")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("docs", help="every document: metadata, validity and relations")
    p.add_argument("--json", action="store_true")
    p.add_argument("--as-of", metavar="DATE", help="validity on this date (default today)")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("ledger", help="the 督办台账: one row per assigned task")
    p.add_argument("--doc", metavar="文号|DOC_ID", help="one document")
    p.add_argument("--unit", metavar="NAME", help="one unit's tasks, lead and 配合 apart")
    p.add_argument("--as-of", metavar="DATE", help="only documents in force on this date")
    p.add_argument("--format", choices=["xlsx", "csv", "docx"], required=True)
    p.add_argument("-o", "--output", metavar="FILE", required=True)
    p.set_defaults(func=cmd_ledger)

    p = sub.add_parser("report", help="where extraction is unsure in one document")
    p.add_argument("doc", metavar="DOC", help="doc_id, 文号, file name or title words")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("correct", help="correct a clause's units or a document's metadata")
    p.add_argument("clause_id", nargs="?", metavar="CLAUSE_ID")
    p.add_argument("--lead", metavar="UNITS", help="lead units, 、 or , separated (any alias)")
    p.add_argument("--coop", metavar="UNITS", help="cooperating units ('' clears them)")
    p.add_argument("--doc", metavar="DOC_ID", help="correct this document's metadata")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE",
                   help=f"with --doc: one of {', '.join(DOCUMENT_FIELDS)}")
    p.add_argument("--by", metavar="NAME", help="who corrects (required)")
    p.add_argument("--why", metavar="TEXT", help="why (required)")
    p.set_defaults(func=cmd_correct)

    p = sub.add_parser("corrections", help="every correction, with author, time and reason")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_corrections)

    p = sub.add_parser("users", help="accounts: add, list, remove, passwd")
    p.add_argument("action", choices=["add", "list", "remove", "passwd"])
    p.add_argument("name", nargs="?")
    p.add_argument("--role", choices=["viewer", "editor", "admin"])
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser("audit", help="who added, corrected, restored what and when")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=None)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("check", help="verify that the index agrees with the store")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("reindex", help="rebuild the index from the store")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("backup", help="write the whole knowledge base to a zip file")
    p.add_argument("file")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the knowledge base with a backup")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("eval", help="score the extractor and the answers against annotations/")
    p.add_argument("--json", action="store_true")
    p.add_argument("--verbose", action="store_true", help="list every mismatch")
    p.add_argument("--annotations", metavar="DIR", help="gold folder (default: annotations/)")
    p.add_argument("--corpus", metavar="DIR",
                   help="another folder to find the gold documents in (besides corpus/ and "
                        "../shared/corpus)")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose_log else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("jieba").setLevel(logging.WARNING)
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
