"""Task tables a crawler flattened into one paragraph per cell (a Markdown copy of a portal
page), put back into rows: the row numbering, the unit cells, cells merged over several
rows, spanning category cells, and a crawler's front matter with Chinese keys."""

import ingest

# 序号 numbers the rows; 推进单位 is the one unit column; the units of row 2 are merged
# over rows 2-4; 任务类型 cells span rows and come before the 序号 of their first row.
DISTRICT = """---
标题: 某区人民政府办公室关于印发某区老旧小区更新行动方案的通知
文号: 某府办发〔2024〕7号
发布单位: 某区人民政府办公室
发布日期: 2024-05-06
状态: 有效
---

# 某区人民政府办公室关于印发某区老旧小区更新行动方案的通知

各街道办事处：

现将《某区老旧小区更新行动方案》印发给你们，请认真贯彻执行。

附件：重点任务清单

任务类型

序号

工作任务

推进单位

行动一：住房改善

1

完成老旧小区综合改造120个

区房管局、区建设管理委、各相关街镇

加装电梯

2

完成既有多层住宅加装电梯300台

区房管局、区规划资源局

3

建立加装电梯后续维保机制

4

推进电梯运维数字化监管

行动二：公共空间

5

改建口袋公园12座

区绿化市容局
"""

# No 序号 column: the task numbers itself （1）（2）; header cells broken over two lines
# (牵头 / 部门); three yearly cells (headed 目标: in a document this short a line 2025年计划
# is taken for the plan's title); a lead cell holding two bodies on lines of their own;
# text after the table is text again.
TRANSPORT = """# 某市交通委员会关于印发某市道路品质提升三年行动计划的通知

各区交通管理部门：

现将行动计划印发给你们。

某市交通委员会

2024年3月1日

某市道路品质提升三年行动计划（2024-2026年）

一、总体要求

到2026年，全市道路设施品质明显提升，公共交通服务更加便捷，智慧管理水平显著提高。

二、保障措施

各区、各单位要加强统筹协调，确保各项任务扎实有序推进。

附件：任务清单

附件：

某市道路品质提升三年行动任务清单

分类

重点任务

2024年目标

2025年目标

2026年目标

牵头

部门

配合

部门

实施

主体

（一）道路环境

（1）建设林荫道路60条。

建设林荫道路20条。

建设林荫道路20条。

建设林荫道路20条。

设施运行处

设施养护处

各相关部门和单位

各区

（2）更新公交候车亭500座。

200座

200座

100座

客运处

市道运中心

公交集团

（二）智慧管理

（3）建成停车信息平台。

完成平台设计。

平台上线运行。

完善平台功能。

科技信息处

市交通委（计划财务处）

各区

本计划自印发之日起施行。
"""


def _rows(doc):
    return {c.path[1]: c for c in doc.clauses if c.path and c.path[0].startswith("表")}


def test_a_flattened_table_with_a_row_number_column_and_merged_unit_cells():
    doc = ingest.parse_bytes(DISTRICT.encode(), "district.md")
    assert doc.doc_number == "某府办发〔2024〕7号"
    assert doc.issuer == "某区人民政府办公室" and doc.published_date == "2024-05-06"
    assert doc.meta.get("状态") == "有效"
    assert not any("状态" in c.text or "发布单位" in c.text for c in doc.clauses)
    rows = _rows(doc)
    assert sorted(rows, key=lambda k: int(k[1:-1])) == [f"第{n}项" for n in range(1, 6)]
    assert [u.name for u in rows["第1项"].lead_units][:2] == ["区房管局", "区建设管理委"]
    assert rows["第1项"].heading == "完成老旧小区综合改造120个"
    # the cell of row 2 merged over rows 3 and 4
    for key in ("第2项", "第3项", "第4项"):
        assert [u.name for u in rows[key].lead_units] == ["区房管局", "区规划资源局"], key
    assert [u.name for u in rows["第5项"].lead_units] == ["区绿化市容局"]
    # a spanning category cell belongs to no row's text
    assert "加装电梯\n" not in rows["第1项"].text and "行动二" not in rows["第4项"].text


def test_a_flattened_table_numbered_by_its_tasks_with_split_header_cells():
    doc = ingest.parse_bytes(TRANSPORT.encode(), "transport.md")
    rows = _rows(doc)
    assert set(rows) == {"第1项", "第2项", "第3项"}
    first = rows["第1项"]
    assert [u.name for u in first.lead_units] == ["设施运行处", "设施养护处"]
    assert [u.name for u in first.coop_units] == ["各相关部门和单位"]
    assert "建设林荫道路20条" in first.text
    assert [u.name for u in rows["第2项"].lead_units] == ["客运处"]
    assert [u.name for u in rows["第2项"].coop_units] == ["市道运中心"]
    assert [u.name for u in rows["第3项"].lead_units] == ["科技信息处"]
    assert "（二）智慧管理" not in rows["第2项"].text
    # after the table: text again, not a cell of its last row
    assert "施行" not in rows["第3项"].text
    assert any("本计划自印发之日起施行" in c.text for c in doc.clauses if c.path[:1] != ("表1",))


def test_short_lines_without_a_unit_column_stay_text():
    text = "某区关于做好春季防火工作的通知\n\n序号\n\n工作任务\n\n完成时限\n\n1\n\n开展巡查\n\n3月底前\n"
    doc = ingest.parse_bytes(text.encode(), "plain.md")
    assert not any(c.path and c.path[0].startswith("表") for c in doc.clauses)
    assert "开展巡查" in doc.text


def test_a_quote_a_plan_and_its_task_table_both_hold_names_either_clause(tmp_path):
    """Gold quoting a task the plan's text states and its annexed table repeats: the
    evaluator takes the table row as the clause meant as well as the text's."""
    import json
    from types import SimpleNamespace

    from kb import KnowledgeBase, Settings
    from kb.evaluate import _answer_refs, _judge_units, _QuoteResolver, evaluate_questions

    text = DISTRICT.replace("现将《某区老旧小区更新行动方案》印发给你们，请认真贯彻执行。",
                            "一、重点任务\n\n到2025年，完成既有多层住宅加装电梯300台，"
                            "改善老旧小区居民的居住条件，提升群众的获得感和幸福感。")
    source = tmp_path / "district.md"
    source.write_text(text, encoding="utf-8")
    question = {"id": "t-1", "kind": "colloquial", "lang": "zh", "intent": "who_leads",
                "question": "某区老旧小区更新方案里多层住宅加装电梯归谁管？",
                "expect": {"units": ["区房管局", "区规划资源局"],
                           "clauses": [{"document": "district.md",
                                        "quote": "完成既有多层住宅加装电梯300台"}],
                           "documents": ["district.md"]}}
    gold = tmp_path / "questions.jsonl"
    gold.write_text(json.dumps(question, ensure_ascii=False) + "\n", encoding="utf-8")
    settings = Settings(home=tmp_path / "kb")
    with KnowledgeBase(settings) as kb:
        kb.ingest([source])
        report = evaluate_questions(kb, settings, gold)
        assert report.overall == 1.0, report.failures
        # whichever of the two clauses an answer gives first, it is the one meant
        source_of = {d.doc_id: d.source for d in kb.store.documents()}
        expect = _QuoteResolver(kb, source_of).resolve(json.loads(json.dumps(question)))["expect"]
        (item,) = expect["clauses"]
        holding = [c for c in kb.store.clauses() if "多层住宅加装电梯300台" in c.text]
        assert len(holding) == 2 and len(item["also"]) == 1
        for clause in holding:
            answer = SimpleNamespace(hits=[SimpleNamespace(clause=clause)], units=[
                SimpleNamespace(name=n, role="lead") for n in ("区房管局", "区规划资源局")])
            refs = _answer_refs(answer, source_of, expect)
            assert _judge_units(kb, expect, answer, refs, "lead")[0], clause.path


# A text copy of a task table: a row per line, its cells apart by tabs or runs of spaces;
# a row without a 配合 cell; text after the table is text again.
LINE_TABLE = (
    "某市数字经济重点任务分工方案\n"
    "一、工作目标\n"
    "到2025年，数字经济核心产业增加值占比达到10%。\n"
    "二、任务分工\n"
    "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t推动工业互联网平台建设\t市工业和信息化局\t市通信管理办、市发展改革委\t2025年底\n"
    "2  加快千兆光网建设  市通信管理办  市住房城乡建设局  2024年底\n"
    "3　　建设城市数据中台　　市大数据局\n"
    "各单位要按照分工抓好落实。\n"
)


def test_a_task_table_written_a_row_per_line():
    doc = ingest.parse_bytes(LINE_TABLE.encode(), "lines.txt")
    rows = _rows(doc)
    assert set(rows) == {"第1项", "第2项", "第3项"}
    assert [u.name for u in rows["第1项"].lead_units] == ["市工业和信息化局"]
    assert [u.name for u in rows["第1项"].coop_units] == ["市通信管理办", "市发展改革委"]
    assert rows["第2项"].heading == "加快千兆光网建设"
    assert [u.name for u in rows["第2项"].coop_units] == ["市住房城乡建设局"]
    assert [u.name for u in rows["第3项"].lead_units] == ["市大数据局"]
    assert not rows["第3项"].coop_units
    assert any("按照分工抓好落实" in c.text for c in doc.clauses if c.path[:1] != ("表1",))


def test_lines_with_wide_gaps_and_no_task_header_stay_text():
    text = ("某区工作安排\n一、时间安排\n第一阶段  3月至4月  动员部署\n"
            "第二阶段  5月至9月  全面实施（区住房城乡建设局牵头）\n")
    doc = ingest.parse_bytes(text.encode(), "gaps.txt")
    assert not any(c.path and c.path[0].startswith("表") for c in doc.clauses)
    assert "全面实施" in doc.text
