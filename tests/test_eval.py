"""The gold set is a gated benchmark: these floors only move up."""

import pytest

from kb.cli import main
from kb.evaluate import evaluate
from kb.settings import Settings

from .conftest import SHARED

# Measured on the seed notice and the four related documents. The 危房改造资金办法's gold
# gained its duties written as sentences (2026-11-27), which the first round did not
# read at all; the four note-convention documents stay exact.
FLOORS = {
    "lead": {"precision": 1.0, "recall": 0.96},
    "coop": {"precision": 0.97, "recall": 0.95},
    "targets": {"precision": 1.0, "recall": 1.0},
    "metadata": {"precision": 1.0, "recall": 0.93},
}

# Lead / coop F1 per document on canonical unit names (policykb eval prints them).
DOCUMENT_FLOORS = {
    "seed-lu-zheng-zi-2023-209.txt": (1.0, 1.0),
    "gf_2018_42_nongjihua.html": (1.0, 1.0),
    "gbf_2018_121_tiyujingsai.html": (1.0, 1.0),
    "sd_weifei_paicha_2019_58.txt": (1.0, 1.0),
    "sd_nongcun_weifang_zijin_banfa.txt": (0.78, 0.57),
}
# The measure-only gold (annotations/measure/), written from the documents before the
# extractor read sentences: 0.000 lead F1 on all four then. The 预案's were read while
# building the sentence reader (tuning); its lead F1 went 0.579 -> 0.841 in the eighth
# session (decimal sections, items under "X职责", every 由 of a sentence), 0.841 -> 0.857
# in the ninth (a body opening a later part of a sentence); the vocational plan's, only
# measured, 0.387 -> 0.485 in the ninth, 0.514 -> 0.556 in the thirteenth (依照X牵头…).
MEASURE_FLOORS = {
    "gbh_2004_57_banli.html": (1.0, 1.0),
    "gbh_2005_57_nongye.html": (0.85, 0.88),
    "gf_2019_4_zhijiao.html": (0.55, 1.0),
    "sd_nongcun_weifang_zijin_banfa.txt": (0.78, 0.57),
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


@pytest.mark.parametrize("folder, floors", [("", DOCUMENT_FLOORS), ("measure", MEASURE_FLOORS)])
def test_each_document_meets_its_floor(folder, floors):
    settings = Settings.from_env()
    report = evaluate(settings, settings.annotations / folder if folder else None)
    for name, scores in report.per_document.items():
        lead, coop = floors[name]
        assert scores["lead"].f1 >= lead - 1e-9, (name, "lead", scores["lead"].to_dict())
        assert scores["coop"].f1 >= coop - 1e-9, (name, "coop", scores["coop"].to_dict())


def test_gold_is_not_trivial():
    report = evaluate(Settings.from_env())
    assert report.scores["lead"].tp >= 87  # the seed alone has 87 lead mentions
    assert report.scores["targets"].tp >= 32


# Share of gold questions answered correctly, per intent (annotations/questions.jsonl).
QUESTION_FLOORS = {"who_leads": 1.0, "unit_duties": 1.0, "targets": 1.0, "shared": 1.0,
                   "search": 1.0}


# The held-out set was written later, without the first set in view: 35 of 40 right
# before the intent fixes it prompted, 40 of 40 after.
HELDOUT_FLOORS = {"who_leads": 1.0, "unit_duties": 1.0, "targets": 1.0, "shared": 1.0,
                  "search": 1.0}


# Written in the second round from the documents alone, before the answers changed
# (133 questions: paraphrases, short unit forms, documents by 文号 and nickname, 配合,
# absent topics, traditional characters, typos, long and English questions). Before:
# tune 0.582, measure 0.470. The tune set guided the changes; the measure set did not.
V2_TUNE_FLOOR = {"overall": 0.91}
V2_MEASURE_FLOOR = {"overall": 0.75}  # 0.758 in the nineteenth session
# Set v3 (third session; gold as quotes): only its questions on committed-gold documents
# are scored here (15 of 35 per half); bench/eval_questions.py --with adds the others.
V3_TUNE_FLOOR = {"overall": 0.86}  # 0.800 -> 0.867 in the thirteenth session
V3_MEASURE_FLOOR = {"overall": 0.73}
# Set v4 (fourth session, measure only then; tuned on from the fifth), set v5 (fifth
# session; tuned on from the sixth), set v6 (sixth session; tuned on from the seventh)
# set v7 (seventh session, measure only then; tuned on from the eighth), set v8 (eighth
# session, measure only then; tuned on from the ninth), set v9 (ninth session, measure
# only then; tuned on from the tenth) and set v10 (tenth session, measure only then;
# tuned on from the eleventh): 16, 32, 30, 23, 10, 16 and 17 of their questions are
# on committed-gold documents. v10 there before the tenth session's changes: 0.706 (12
# of 17).
V4_TUNE_FLOOR = {"overall": 0.93}
V5_TUNE_FLOOR = {"overall": 0.84}  # 0.844 in the nineteenth session
V6_TUNE_FLOOR = {"overall": 0.96}
V7_TUNE_FLOOR = {"overall": 1.0}
V8_TUNE_FLOOR = {"overall": 0.70}
V9_TUNE_FLOOR = {"overall": 0.81}
V10_TUNE_FLOOR = {"overall": 0.88}
# Set v11 (eleventh session, written before that session's changes, measure only then;
# tuned on from the twelfth): 13 of its questions are on committed-gold documents, 0.692
# (9 of 13) before and after the eleventh session, 0.846 (11 of 13) after the twelfth.
V11_TUNE_FLOOR = {"overall": 0.92}  # 0.923 (12 of 13) after the thirteenth
# Set v12 (written at the end of the eleventh session, after its changes, by a reader who
# had seen no code; measure only): 17 of its questions are on committed-gold documents,
# 0.647 (11 of 17); 0.765 (13 of 17) after the twelfth session's changes.
V12_MEASURE_FLOOR = {"overall": 0.76}
# Set v13 (written at the start of the twelfth session, before its changes, by a reader
# who had seen no code; measure only then, tuned on from the thirteenth): 14 of its questions are on committed-gold
# documents, 0.857 (12 of 14) before that session's changes, 0.929 (13 of 14) after the
# thirteenth's.
V13_FLOOR = {"overall": 0.92}
# Set v14 (written at the start of the thirteenth session, before its changes, by a reader
# who had seen no code; measure only then, tuned on from the fourteenth): 18 of its
# questions are on committed-gold documents, 0.889 (16 of 18) before that session's
# changes, 0.944 (17 of 18) after.
V14_FLOOR = {"overall": 0.94}
# Set v15 (thirteenth session, a tuning set of provincial regulations): 7 of its questions
# are on committed-gold documents, 0.857 (6 of 7); 1.000 since the twenty-third session
# (预制菜: a dictionary word no clause holds says the topic is absent).
V15_FLOOR = {"overall": 1.0}
# Set v16 (written at the start of the fourteenth session, before its changes, by a reader
# who had seen no code; measure only then, tuned on from the fifteenth): 20 of its
# questions are on committed-gold documents, 0.750 (15 of 20) before and after that
# session's changes.
V16_FLOOR = {"overall": 0.90}  # 0.800 in the nineteenth session, 0.900 in the thirtieth
# Set v17 (written at the start of the fifteenth session, before its changes, by a reader
# who had seen no code; measure only then, tuned on from the sixteenth): 15 of its
# questions are on committed-gold documents, 0.867 (13 of 15) before and after that
# session's changes.
V17_FLOOR = {"overall": 0.86}
# Set v18 (written at the start of the sixteenth session, before its changes, by a reader
# who had seen no code; measure only then, tuned on from the seventeenth): 20 of its
# questions are on committed-gold documents, 0.950 (19 of 20) before that session's changes.
V18_FLOOR = {"overall": 0.95}
# Set v19 (sixteenth session, written by a reader who had seen no code, as a tuning set
# over four regulations never read before): 12 of its questions are on committed-gold
# documents, 0.750 (9 of 12) before that session's changes, 0.833 (10 of 12) after.
V19_FLOOR = {"overall": 0.91}
# Set v20 (written at the start of the seventeenth session, before its changes, by a reader
# who had seen no code; measure only): 15 of its questions are on committed-gold
# documents, 0.800 (12 of 15) before that session's changes.
V20_MEASURE_FLOOR = {"overall": 0.80}
# Set v21 (seventeenth session, written by a reader who had seen no code, as a tuning set
# over four documents never read before): 17 of its questions are on committed-gold
# documents, 0.765 (13 of 17) before that session's changes, 0.824 (14 of 17) after.
V21_FLOOR = {"overall": 0.82}
# Set v23 (written at the start of the nineteenth session, before its changes, by a reader
# who had seen no code, over four documents never read before; odd ids tune, even ids
# measure only): 7 and 8 of its questions are on committed-gold documents, 0.857 (6 of 7)
# and 0.875 (7 of 8) before and after that session's changes; the tune half 1.000 (7 of 7)
# since the twenty-third session.
V23_TUNE_FLOOR = {"overall": 1.0}
V23_MEASURE_FLOOR = {"overall": 0.87}
# Set v24 (written at the start of the twentieth session, before its changes, by a reader
# who had seen no code, over four Shanghai documents never read before; odd ids tune, even
# ids measure only): 8 and 8 of its questions on committed-gold documents (six on the
# shared documents, the absent topics), 1.000 and 0.750 after that session's changes.
V24_TUNE_FLOOR = {"overall": 1.0}
V24_MEASURE_FLOOR = {"overall": 0.75}
# Set v25 (written at the start of the twenty-first session, before its changes, by a
# reader who had seen no code, over four documents, three never read before; odd ids tune,
# even ids measure only): 7 and 7 of its questions on committed-gold documents, 0.857 and
# 0.857 after that session's changes.
V25_TUNE_FLOOR = {"overall": 0.85}
V25_MEASURE_FLOOR = {"overall": 0.85}
# Set v26 (written at the start of the twenty-second session, before its changes, by a
# reader who had seen no code, over four documents never read before, its gold audited
# against the documents by another such reader; odd ids tune, even ids measure only): 13
# and 13 of its questions on committed-gold documents, 1.000 and 1.000 after that
# session's changes.
V26_TUNE_FLOOR = {"overall": 1.0}
V26_MEASURE_FLOOR = {"overall": 1.0}
# Set v27 (written at the start of the twenty-third session, before its changes, by a
# reader who had seen no code, over four documents never read before — three of them text
# copied out of PDFs — its gold audited by another such reader; odd ids tune, even ids
# measure only): 8 and 7 of its questions on committed-gold documents, 0.875 and 0.857
# before and after that session's changes.
V27_TUNE_FLOOR = {"overall": 0.875}
V27_MEASURE_FLOOR = {"overall": 0.85}
# Set v28 (written at the start of the twenty-fourth session, before its changes, by a
# reader who had seen no code, over four documents never read before — a city's and a
# province's measures with （责任单位：…） notes, two national plans with duties written as
# sentences — its gold audited by another such reader; odd ids tune, even ids measure
# only): 11 and 11 of its questions on committed-gold documents. Tune 1.000 before that
# session's changes and 0.909 after: the glossary's night-time economy → 夜间经济 is split
# into 夜间, a word of everyday phrasing no clause holds, and 经济, so the absent topic is
# answered (untranslated, "night" had said it was absent). Measure 1.000 and 1.000.
V28_TUNE_FLOOR = {"overall": 1.0}
V28_MEASURE_FLOOR = {"overall": 1.0}
# Set v29 (written at the start of the twenty-fifth session, before its changes, by a
# reader who had seen no code, over four documents never read before — a ministry notice,
# a municipality's opinions and two city documents, all with duties written as sentences
# or articles — its gold audited by another such reader; odd ids tune, even ids measure
# only): 9 and 10 of its questions on committed-gold documents, 0.889 and 0.900 before and
# after that session's changes.
V29_TUNE_FLOOR = {"overall": 1.0}  # 0.889 → 1.0 in the thirtieth session
V29_MEASURE_FLOOR = {"overall": 0.9}
# Set v30 (written at the start of the twenty-sixth session, before its changes, by a
# reader who had seen no code, over four national documents never read before — one with
# （X负责） notes after each measure, three with duties written as sentences — its gold
# audited by another such reader; odd ids tune, even ids measure only): 10 and 10 of its
# questions on committed-gold documents, 0.8 and 0.7 before and after that session's
# changes.
V30_TUNE_FLOOR = {"overall": 0.9}  # 0.8 at first; 0.9 after the twenty-seventh session
V30_MEASURE_FLOOR = {"overall": 0.7}
# Set v31 (written at the start of the twenty-seventh session, before its changes, by a
# reader who had seen no code, over four documents never read before — three city and
# provincial AI plans with （责任单位：…） notes, one closing each stage of several items,
# and a State Council regulation in articles — its gold audited by another such reader;
# odd ids tune, even ids measure only): 8 and 9 of its questions on committed-gold
# documents, 1.0 and 0.778 before and after that session's changes.
V31_TUNE_FLOOR = {"overall": 1.0}
V31_MEASURE_FLOOR = {"overall": 0.77}
# Set v32 (written at the start of the twenty-eighth session, before its changes, by a
# reader who had seen no code, over four documents never read before — a city's grain
# reserve measures in articles, two Sichuan cities' notices (numbered measures with
# （责任单位：A，B、C）, the first leading; work points in prose), and a ministry notice whose
# own numbered points precede the standard it issues — its gold audited by another such
# reader; odd ids tune, even ids measure only): 12 and 6 of its questions on committed-gold
# documents (absent topics among them), 0.833 and 0.833 before and after that session's
# changes.
V32_TUNE_FLOOR = {"overall": 0.83}
V32_MEASURE_FLOOR = {"overall": 0.83}
# Set v33 (written at the start of the twenty-ninth session, before its changes, by a
# reader who had seen no code, over four documents never read before — a province's
# notice issuing two documents with （责任单位：…） after each measure, a city's assessment
# method whose items end （时限，牵头考核单位：X）, a province's five plans whose task tables
# were flattened into 牵头部门： / 参与部门： / 完成时限： lines, and a State Council regulation
# in articles — its gold audited by another such reader; odd ids tune, even ids measure
# only): 8 and 8 of its questions on committed-gold documents (absent topics among them),
# 1.0 and 0.875 before and after that session's changes.
V33_TUNE_FLOOR = {"overall": 1.0}
V33_MEASURE_FLOOR = {"overall": 0.87}
# Set v34 (written at the start of the thirtieth session, before its changes, by a reader
# who had seen no code, over four documents never read before — a ministry's guidance
# whose duties are plain sentences and a lead-in above items, a secrecy regulation in
# articles whose approvers and inspectors are named by function, and two district
# incentive lists with one responsible office each — its gold audited by another such
# reader; odd ids tune, even ids measure only): 7 and 9 of its questions on committed-gold
# documents (absent topics among them), 0.857 → 1.0 and 1.0 → 1.0 over that session.
V34_TUNE_FLOOR = {"overall": 1.0}
V34_MEASURE_FLOOR = {"overall": 1.0}
# Set v35 (written at the start of the thirty-first session, before its changes, by a
# reader who had seen no code, over four documents never read before — a county's
# investment incentives, a province's employment-subsidy rules, a city's underground-space
# regulation and the central guidance on research integrity — its gold audited by another
# such reader; odd ids tune, even ids measure only): 8 and 7 of its questions on
# committed-gold documents (absent topics among them), 0.75 and 1.0 before and after that
# session's changes.
V35_TUNE_FLOOR = {"overall": 0.75}
V35_MEASURE_FLOOR = {"overall": 1.0}


@pytest.mark.parametrize("name, floors, minimum", [
    ("questions.jsonl", QUESTION_FLOORS, (100, 30)),
    ("questions_heldout.jsonl", HELDOUT_FLOORS, (40, 5)),
    ("questions_v2_tune.jsonl", V2_TUNE_FLOOR, (67, 0)),
    ("questions_v2_measure.jsonl", V2_MEASURE_FLOOR, (66, 0)),
    ("questions_v3_tune.jsonl", V3_TUNE_FLOOR, (15, 0)),
    ("questions_v3_measure.jsonl", V3_MEASURE_FLOOR, (15, 0)),
    ("questions_v4_tune.jsonl", V4_TUNE_FLOOR, (16, 0)),
    ("questions_v5_tune.jsonl", V5_TUNE_FLOOR, (32, 0)),
    ("questions_v6_tune.jsonl", V6_TUNE_FLOOR, (30, 0)),
    ("questions_v7_tune.jsonl", V7_TUNE_FLOOR, (23, 0)),
    ("questions_v8_tune.jsonl", V8_TUNE_FLOOR, (10, 0)),
    ("questions_v9_tune.jsonl", V9_TUNE_FLOOR, (16, 0)),
    ("questions_v10_tune.jsonl", V10_TUNE_FLOOR, (17, 0)),
    ("questions_v11_tune.jsonl", V11_TUNE_FLOOR, (13, 0)),
    ("questions_v12_measure.jsonl", V12_MEASURE_FLOOR, (17, 0)),
    ("questions_v13_tune.jsonl", V13_FLOOR, (14, 0)),
    ("questions_v14_tune.jsonl", V14_FLOOR, (18, 0)),
    ("questions_v15_tune.jsonl", V15_FLOOR, (7, 0)),
    ("questions_v16_tune.jsonl", V16_FLOOR, (20, 0)),
    ("questions_v17_tune.jsonl", V17_FLOOR, (15, 0)),
    ("questions_v18_tune.jsonl", V18_FLOOR, (20, 0)),
    ("questions_v19_tune.jsonl", V19_FLOOR, (12, 0)),
    ("questions_v20_measure.jsonl", V20_MEASURE_FLOOR, (15, 0)),
    ("questions_v21_tune.jsonl", V21_FLOOR, (17, 0)),
    ("questions_v23_tune.jsonl", V23_TUNE_FLOOR, (7, 0)),
    ("questions_v23_measure.jsonl", V23_MEASURE_FLOOR, (8, 0)),
    ("questions_v24_tune.jsonl", V24_TUNE_FLOOR, (8, 0)),
    ("questions_v24_measure.jsonl", V24_MEASURE_FLOOR, (8, 0)),
    ("questions_v25_tune.jsonl", V25_TUNE_FLOOR, (7, 0)),
    ("questions_v25_measure.jsonl", V25_MEASURE_FLOOR, (7, 0)),
    ("questions_v26_tune.jsonl", V26_TUNE_FLOOR, (13, 0)),
    ("questions_v26_measure.jsonl", V26_MEASURE_FLOOR, (13, 0)),
    ("questions_v27_tune.jsonl", V27_TUNE_FLOOR, (8, 0)),
    ("questions_v27_measure.jsonl", V27_MEASURE_FLOOR, (7, 0)),
    ("questions_v28_tune.jsonl", V28_TUNE_FLOOR, (11, 0)),
    ("questions_v28_measure.jsonl", V28_MEASURE_FLOOR, (11, 0)),
    ("questions_v29_tune.jsonl", V29_TUNE_FLOOR, (9, 0)),
    ("questions_v29_measure.jsonl", V29_MEASURE_FLOOR, (10, 0)),
    ("questions_v30_tune.jsonl", V30_TUNE_FLOOR, (10, 0)),
    ("questions_v30_measure.jsonl", V30_MEASURE_FLOOR, (10, 0)),
    ("questions_v31_tune.jsonl", V31_TUNE_FLOOR, (8, 0)),
    ("questions_v31_measure.jsonl", V31_MEASURE_FLOOR, (9, 0)),
    ("questions_v32_tune.jsonl", V32_TUNE_FLOOR, (12, 0)),
    ("questions_v32_measure.jsonl", V32_MEASURE_FLOOR, (6, 0)),
    ("questions_v33_tune.jsonl", V33_TUNE_FLOOR, (8, 0)),
    ("questions_v33_measure.jsonl", V33_MEASURE_FLOOR, (8, 0)),
    ("questions_v34_tune.jsonl", V34_TUNE_FLOOR, (7, 0)),
    ("questions_v34_measure.jsonl", V34_MEASURE_FLOOR, (9, 0)),
    ("questions_v35_tune.jsonl", V35_TUNE_FLOOR, (8, 0)),
    ("questions_v35_measure.jsonl", V35_MEASURE_FLOOR, (7, 0)),
])
def test_answers_meet_the_floors(tmp_path, name, floors, minimum):
    from kb import KnowledgeBase
    from kb.evaluate import evaluate_questions, gold_documents

    settings = Settings.from_env()
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest(gold_documents(settings))
        report = evaluate_questions(kb, settings, settings.annotations / name)
    evaluated = sum(t for _, t in report.per_intent.values())
    assert evaluated >= (minimum[0] if SHARED.is_dir() else minimum[1])
    for intent, floor in floors.items():
        if intent == "overall" and SHARED.is_dir():
            assert report.overall >= floor, report.failures
        elif intent in report.per_intent:
            assert report.share(intent) >= floor, (intent, report.failures)


def test_eval_command_prints_the_table(capsys):
    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "lead" in out and "targets" in out
    assert "who_leads" in out and "overall" in out


def test_a_function_named_with_or_without_its_kind_word_is_one_unit():
    # gold copies 网信、海关等部门 as 海关; an answer names the class 海关部门: the same unit,
    # whichever of the two forms the directory knows
    from ingest import default_directory
    from kb.evaluate import _canonical

    directory = default_directory()
    assert _canonical("海关", directory) == _canonical("海关部门", directory)
    assert _canonical("民政", directory) == _canonical("民政部门", directory)
    assert _canonical("省财政厅", directory) == "山东省财政厅"
