from ingest import Clause, Document, Target, UnitRef, format_path


def test_document_round_trips_through_dict(seed_doc):
    again = Document.from_dict(seed_doc.to_dict())
    assert again == seed_doc


def test_clause_round_trip_keeps_units_and_targets():
    clause = Clause(
        clause_id="d:三/(二)/4", doc_id="d", path=("三", "(二)", "4"), heading="加速推进科技成果转化",
        text="4.加速推进科技成果转化。…(省科技厅牵头)", start=10, end=40, note="省科技厅牵头",
        lead_units=(UnitRef("山东省科学技术厅", "省科技厅", "lead"),),
        targets=(Target("每年组织100场次以上", "科技服务活动", 100, "场次", "以上", None, "每年"),),
    )
    data = clause.to_dict()
    assert data["targets"][0]["value"] == 100 and isinstance(data["targets"][0]["value"], int)
    assert Clause.from_dict(data) == clause


def test_format_path_renders_citations():
    assert format_path(("三", "(二)", "4")) == "三、(二)4"
    assert format_path(("二", "(一)")) == "二、(一)"
    assert format_path(("三", "(一)", "2", "(1)")) == "三、(一)2.(1)"
    # a decimal section holds its parents' numbers (国家粮食应急预案 2.1.3(12))
    assert format_path(("2", "2.1", "2.1.3", "(12)")) == "2.1.3(12)"
    assert format_path(("6", "6.2")) == "6.2"
    assert format_path(("第二章", "第五条")) == "第二章第五条"


def test_citation_names_the_article_and_the_number():
    from ingest.records import citation

    doc = Document(doc_id="d", title="山东省农村危房改造补助资金管理办法", text="", source="x.txt",
                   format="text", doc_number="鲁财综〔2017〕1号")
    article = Clause(clause_id="d:1", doc_id="d", path=("第三章", "第八条"), heading="", text="",
                     start=0, end=0)
    item = Clause(clause_id="d:2", doc_id="d", path=("第三章", "第八条", "(一)"), heading="",
                  text="", start=0, end=0)
    plan = Clause(clause_id="d:3", doc_id="d", path=("三", "(二)", "4"), heading="", text="",
                  start=0, end=0, seq=2)
    assert citation(article, doc) == "《山东省农村危房改造补助资金管理办法》第八条"
    assert citation(item, doc) == "《山东省农村危房改造补助资金管理办法》第八条(一)"
    assert citation(plan, doc, number=True) == (
        "《山东省农村危房改造补助资金管理办法》（鲁财综〔2017〕1号）三、(二)4（第2段）")
    unnumbered = Document(doc_id="e", title="某方案", text="", source="x.txt", format="text")
    assert citation(plan, unnumbered, number=True) == "《某方案》三、(二)4（第2段）"
