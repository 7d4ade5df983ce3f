"""Validity (时效性), relations between documents, the as-of date and the 督办台账 (those
that read the store on both engines)."""

import csv
import io
import json

import pytest

from ingest.validity import judge, statements
from kb import KnowledgeBase
from kb.cli import main

from .conftest import SEED, shared_file


def status(text, as_of, **kw):
    return judge(statements(text, **kw), as_of, []).status


@pytest.mark.parametrize("text, as_of, expected", [
    ("本办法自2017年4月7日起施行，有效期至2020年4月6日。", "2019-01-01", "现行有效"),
    ("本办法自2017年4月7日起施行，有效期至2020年4月6日。", "2026-11-27", "已到期"),
    ("本办法自2017年4月7日起施行，有效期至2020年4月6日。", "2016-12-31", "尚未生效"),
    ("本规定自2024年1月1日起施行，有效期5年。", "2028-12-31", "现行有效"),
    ("本规定自2024年1月1日起施行，有效期5年。", "2029-01-01", "已到期"),
    ("为加强管理，制定本办法。", "2026-11-27", "推定有效"),
])
def test_statuses_from_a_document_s_own_sentences(text, as_of, expected):
    assert status(text, as_of) == expected


def test_effective_from_issue_date_and_plan_periods():
    said = statements("本方案自印发之日起施行。", signed="2023-11-11", period="2023-2025")
    assert said.effective == "2023-11-11"
    assert judge(said, "2024-06-01", []).status == "现行有效"
    assert judge(said, "2026-11-27", []).status == "实施期已结束"
    assert judge(said, "2023-01-01", []).status == "尚未生效"


@pytest.mark.parametrize("sentence, kind, number, title", [
    ("《山东省农村危房改造补助资金管理暂行办法》（鲁财综〔2012〕104号）同时废止。", "repeals",
     "鲁财综〔2012〕104号", "山东省农村危房改造补助资金管理暂行办法"),
    ("同时废止《关于加强管理的通知》（鲁政发[2010]3号）。", "repeals", "鲁政发〔2010〕3号",
     "关于加强管理的通知"),
    ("《关于加强管理的通知》停止执行。", "repeals", None, "关于加强管理的通知"),
    ("根据《财政部关于印发〈资金管理办法〉的通知》（财社〔2016〕216号）等规定，制定本办法。",
     "cites", "财社〔2016〕216号", "财政部关于印发〈资金管理办法〉的通知"),
    ("为贯彻落实《中华人民共和国职业教育法》，制定本方案。", "implements", None, "中华人民共和国职业教育法"),
    ("现将《山东省测试方案》印发给你们，请认真贯彻执行。", "promulgates", None, "山东省测试方案"),
    ("对《山东省测试办法》（鲁政发〔2020〕1号）作如下修改：", "amends", "鲁政发〔2020〕1号", "山东省测试办法"),
])
def test_relations_from_literal_sentences(sentence, kind, number, title):
    said = statements(sentence)
    assert [(r.type, r.target_number, r.target_title) for r in said.relations] == [
        (kind, number, title)]
    assert said.relations[0].evidence == sentence


def test_negations_are_not_repeals():
    assert statements("《关于加强管理的通知》暂不废止，继续执行。").relations == []


REPEALER = """山东省财政厅关于印发新办法的通知
鲁财综〔2021〕9号
第一条 为规范管理，制定本办法。
第二条 省财政厅负责资金管理。
第三条 本办法自2021年1月1日起施行。《山东省农村危房改造补助资金管理办法》同时废止。
"""


def test_real_document_validity_relations_and_relinking(backend, tmp_path, capsys):
    banfa = shared_file("sd_nongcun_weifang_zijin_banfa.txt")
    home = tmp_path / "kb"
    main(["--kb", str(home), "ingest", str(SEED), str(banfa)])
    # the 办法 has no title line: name it as an editor would
    with KnowledgeBase(backend.settings(home)) as kb:
        doc = next(d for d in kb.store.documents() if d.source.endswith("banfa.txt"))
        kb.correct_document(doc.doc_id, {"title": "山东省农村危房改造补助资金管理办法"}, "编辑", "补标题")

    def docs(as_of=None):
        capsys.readouterr()
        assert main(["--kb", str(home), "docs", "--json"] + (["--as-of", as_of] if as_of else [])) == 0
        return {d["doc_number"] or d["title"]: d for d in json.loads(capsys.readouterr().out)}

    today = docs()
    banfa_row = today["山东省农村危房改造补助资金管理办法"]
    assert banfa_row["validity"]["status"] == "已到期"
    assert "有效期至2020年4月6日" in banfa_row["validity"]["evidence"]
    assert docs("2019-01-01")["山东省农村危房改造补助资金管理办法"]["validity"]["status"] == "现行有效"
    relations = {(r["type"], r["target_number"]): r for r in banfa_row["relations"]}
    assert relations[("repeals", "鲁财综〔2012〕104号")]["target_doc_id"] is None  # 未收录
    assert ("cites", "财社〔2016〕216号") in relations
    assert docs("2024-06-01")["鲁政字〔2023〕209号"]["validity"]["status"] == "现行有效"
    assert today["鲁政字〔2023〕209号"]["validity"]["status"] == "实施期已结束"

    # a later document that repeals it changes its status at once, both directions linked
    (tmp_path / "new.txt").write_text(REPEALER, encoding="utf-8")
    main(["--kb", str(home), "ingest", str(tmp_path / "new.txt")])
    after = docs("2021-06-01")
    old = after["山东省农村危房改造补助资金管理办法"]
    assert old["validity"]["status"] == "已废止"
    new_id = after["鲁财综〔2021〕9号"]["doc_id"]
    assert old["validity"]["by_doc_id"] == new_id
    assert old["related_by"] == [{"type": "repealed_by", "source_doc_id": new_id,
                                  "evidence": "《山东省农村危房改造补助资金管理办法》同时废止。"}]
    assert docs("2020-01-01")["山东省农村危房改造补助资金管理办法"]["validity"]["status"] == "现行有效"


def test_the_as_of_date_changes_answers(backend, tmp_path, capsys):
    banfa = shared_file("sd_nongcun_weifang_zijin_banfa.txt")
    home = tmp_path / "kb"
    main(["--kb", str(home), "ingest", str(SEED), str(banfa)])

    def ask(*extra):
        capsys.readouterr()
        assert main(["--kb", str(home), "ask", "农村危房改造补助资金由谁分配", "--json", *extra]) == 0
        return json.loads(capsys.readouterr().out)

    in_force = ask("--as-of", "2019-01-01")
    assert in_force["clauses"] and in_force["clauses"][0]["validity"]["status"] == "现行有效"
    assert in_force["units"][0]["name"] == "山东省财政厅"
    default = ask()  # every current document, each clause labelled with today's validity
    assert default["clauses"][0]["validity"]["status"] == "已到期"
    later = ask("--as-of", "2024-01-01")  # the 办法 is no longer in force
    assert all("banfa" not in c["citation"] for c in later["clauses"])


def test_ledger_of_the_seed(backend, tmp_path, capsys):
    home = tmp_path / "kb"
    main(["--kb", str(home), "ingest", str(SEED)])
    out = tmp_path / "ledger.xlsx"
    assert main(["--kb", str(home), "ledger", "--doc", "鲁政字[2023]209号", "--format", "xlsx",
                 "-o", str(out)]) == 0
    import openpyxl

    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header == ["序号", "文件", "条款", "工作事项", "牵头单位", "配合单位", "完成时限", "量化目标", "状态"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert len(rows) >= 35
    tech = next(r for r in rows if "科技成果转化" in r[2])
    assert tech[4] == "省科技厅、省市场监管局、省教育厅" and tech[6] == "2025年底前"
    assert "100场次以上" in tech[7]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.auto_filter.ref
    # one unit's ledger: its tasks only, lead and 配合 apart
    assert main(["--kb", str(home), "ledger", "--unit", "省教育厅", "--format", "csv",
                 "-o", str(tmp_path / "edu.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "edu.csv").read_text(encoding="utf-8-sig"))))
    assert {r["分类"] for r in rows} == {"牵头任务", "配合任务"}
    assert all("省教育厅" in (r["牵头单位"] if r["分类"] == "牵头任务" else r["配合单位"]) for r in rows)
    assert main(["--kb", str(home), "ledger", "--unit", "省教育厅", "--format", "docx",
                 "-o", str(tmp_path / "edu.docx")]) == 0
    import docx

    document = docx.Document(str(tmp_path / "edu.docx"))
    assert len(document.tables) == 2 and document.sections[0].orientation == 1
    assert main(["--kb", str(home), "ledger", "--doc", "国发〔2099〕1号", "--format", "csv",
                 "-o", str(tmp_path / "x.csv")]) == 1
    assert "no document matches" in capsys.readouterr().err

