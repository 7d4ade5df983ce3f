"""Every page of the Streamlit app in process (AppTest), on a seed knowledge base; and
the report helpers the pages render (exports, values, citations)."""

import io
import re

import pytest
from streamlit.testing.v1 import AppTest

from kb import KnowledgeBase, Settings

from .conftest import FIXTURES, ROOT, SEED

APP = str(ROOT / "search_app.py")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("kb")
    with KnowledgeBase(Settings(home=home)) as kb:
        kb.ingest([SEED])
    return home


def start(monkeypatch, home, **params):
    monkeypatch.setenv("POLICYKB_HOME", str(home))
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    return app


@pytest.fixture
def at(home, monkeypatch):
    return start(monkeypatch, home)


def texts(at):
    return " ".join(m.value for m in at.markdown)


def captions(at):
    return " ".join(c.value for c in at.caption)


def citations(at):
    """The citations on the page (each with its copy button)."""
    out = []
    for element in at.get("html"):
        match = re.search(r'class="pkb-cite-text">([^<]*)<', element.proto.body)
        if match:
            out.append(match.group(1))
    return out


def html_bodies(at):
    return " ".join(e.proto.body for e in at.get("html"))


def links(at):
    return [e.proto.label for e in at.get("page_link")]


def test_the_root_opens_the_ask_page(at):
    assert [t.value for t in at.title] == ["问答 · Ask & search"]
    assert any(b.label == "哪些部门牵头科技成果转化" for b in at.button)  # examples first


def test_example_question_gives_the_answer_card(at):
    button = next(b for b in at.button if b.label == "哪些部门牵头科技成果转化")
    button.click().run()
    assert not at.exception
    assert at.text_input(key="question").value == "哪些部门牵头科技成果转化"
    assert at.query_params["q"] == "哪些部门牵头科技成果转化"
    body = texts(at)
    assert "牵头部门 Lead units" in body
    assert "加速推进<mark>科技成果转化</mark>" in html_bodies(at)
    assert "省科技厅、省市场监管局、省教育厅" in body
    # The citation names the 文号 and has a visible copy button.
    assert citations(at) == ["《山东省县域经济高质量发展三年行动方案(2023-2025年)》（鲁政字〔2023〕209号）三、(二)4"]
    assert any("复制引用 Copy" in e.proto.body for e in at.get("html") if "pkb-cite" in e.proto.body)
    # The heading is not printed twice: the text starts with it, no separate caption.
    assert not any(c.value == "加速推进科技成果转化" for c in at.caption)
    assert "共 1 条" in captions(at)


def test_english_question(at):
    at.text_input(key="question").set_value("which departments lead on tech transfer").run()
    assert not at.exception
    found = links(at)
    assert found[0].startswith("1. 山东省科学技术厅") and "Department of Science" in found[0]
    assert found[1].startswith("2. 山东省市场监督管理局") and found[2].startswith("3. 山东省教育厅")
    assert "牵头 1 条" in found[0] and "clauses" not in found[0]


def test_filters_narrow_the_card_and_the_evidence(at):
    at.text_input(key="question").set_value("2025年要达到哪些目标").run()
    before = citations(at)
    assert not at.selectbox  # the filter widgets are drawn when the filters are opened
    at.session_state["filters_open"] = True
    at.run()
    at.selectbox(key="f_unit").set_value("山东省科学技术厅").run()
    after = citations(at)
    assert 0 < len(after) < len(before)
    assert at.query_params["unit"] == "山东省科学技术厅"
    # The card obeys the filter too: its target table only holds the unit's clauses.
    table = at.dataframe[0].value
    assert set(table["条款 Clause"]) <= set(after)


def test_a_link_opens_on_its_answer(home, monkeypatch):
    at = start(monkeypatch, home, q="省科技厅牵头哪些任务")
    assert at.text_input(key="question").value == "省科技厅牵头哪些任务"
    assert any("牵头 7 条 · 配合 1 条" in label for label in links(at))
    assert "任务标题 · Task headings" in texts(at)
    assert len(citations(at)) == 8


def test_a_link_with_a_document_number_in_any_brackets(home, monkeypatch):
    at = start(monkeypatch, home, q="科技成果转化", doc="鲁政字[2023]209号")
    assert at.multiselect(key="f_docs").value  # resolved to the document
    assert not at.warning
    assert at.query_params["doc"] == "鲁政字〔2023〕209号"  # written back in the right form


def test_a_link_naming_an_unknown_unit_or_document_says_so(home, monkeypatch):
    at = start(monkeypatch, home, q="科技成果转化", unit="火星办公室", doc="国发〔2099〕1号")
    warnings = " ".join(w.value for w in at.warning)
    assert "火星办公室" in warnings and "国发〔2099〕1号" in warnings
    assert "the unit" in warnings  # with an English gloss
    assert at.session_state["ask"].unit == ""  # no other unit filtered on in its place
    assert citations(at)


def test_an_alias_in_a_link_is_the_unit(home, monkeypatch):
    at = start(monkeypatch, home, q="2025年要达到哪些目标", unit="省科技厅", role="lead")
    assert at.selectbox(key="f_unit").value == "山东省科学技术厅"
    assert not at.warning


def _visit(at, page, **params):
    """Go to ``page`` with exactly ``params`` in the URL, as the browser does."""
    at.query_params.clear()
    at.query_params.update(params)
    at.switch_page(page).run()
    assert not at.exception


def test_the_answer_survives_another_page_and_back(at):
    at.text_input(key="question").set_value("宅基地三权分置").run()
    first = citations(at)
    _visit(at, "app/units_page.py", unit="山东省科学技术厅")  # a unit link
    _visit(at, "app/ask_page.py", q="宅基地三权分置")  # the back button
    assert at.text_input(key="question").value == "宅基地三权分置"
    assert citations(at) == first
    _visit(at, "app/targets_page.py")
    _visit(at, "app/ask_page.py")  # the menu: no query in the URL, the answer stays
    assert at.text_input(key="question").value == "宅基地三权分置"
    assert citations(at) == first
    assert at.query_params["q"] == "宅基地三权分置"


def test_nothing_found_is_said_once_and_related_is_labelled(at):
    at.text_input(key="question").set_value("火星移民登陆计划").run()
    notes = [i.value for i in at.info] + [w.value for w in at.warning]
    assert sum("没有找到" in n for n in notes) == 1
    body = " ".join(s.value for s in at.subheader)
    if citations(at):  # the nearest clauses, if any, are not passed off as the answer
        assert "相关但非答案 · Related, not an answer" in body


def test_paging_instead_of_a_cap(at):
    at.text_input(key="question").set_value("县域").run()
    total = int(re.search(r"共 (\d+) 条", captions(at)).group(1))
    assert total > 10 and len(citations(at)) == 10
    next_page = next(b for b in at.button if b.label == "下一页 Next ›")
    next_page.click().run()
    assert f"第 11–{min(20, total)} 条，共 {total} 条" in captions(at)


def test_profile_of_the_science_department(at):
    at.switch_page("app/units_page.py").run()
    at.selectbox[0].set_value("山东省科学技术厅").run()
    assert not at.exception
    assert at.metric[0].value == "7" and at.metric[1].value == "1"
    assert len(citations(at)) == 8  # 7 led + 1 cooperated, each with its citation
    assert "Department of Science and Technology of Shandong Province" in texts(at)
    assert at.query_params["unit"] == "山东省科学技术厅"


def test_an_unknown_unit_in_a_profile_link_is_not_replaced_silently(home, monkeypatch):
    at = start(monkeypatch, home)
    _visit(at, "app/units_page.py", unit="火星办公室")
    assert any("火星办公室" in w.value for w in at.warning)
    assert at.selectbox[0].value is None and not at.metric


def test_cross_reference_and_shared_clauses(at):
    at.switch_page("app/cross_page.py").run()
    assert not at.exception
    assert at.selectbox[0].value == ""  # the whole corpus first
    # The default pair shares clauses.
    assert re.search(r"共 [1-9]\d* 条共同条款", captions(at))
    at.selectbox[1].set_value("山东省科学技术厅").run()
    at.selectbox[2].set_value("山东省发展和改革委员会").run()
    # Both take part in five clauses: four they lead together, one 省科技厅 cooperates on.
    assert "共 5 条共同条款" in captions(at)
    assert len(citations(at)) == 5


def test_targets_table(at):
    at.switch_page("app/targets_page.py").run()
    assert not at.exception
    assert any("32 个目标" in c.value for c in at.caption)
    frame = at.dataframe[0].value
    assert not any(v.endswith(".0") for v in frame["数值 Value"])  # 30, not 30.0
    assert "None" not in set(frame["年份 Year"])  # a missing year is blank
    at.selectbox[0].set_value("2025").run()
    assert any("16 个目标" in c.value for c in at.caption)
    assert set(at.dataframe[0].value["年份 Year"]) == {"2025"}


def test_a_targets_link_sets_the_year(at):
    _visit(at, "app/targets_page.py", year="2025")
    assert any("16 个目标" in c.value for c in at.caption)
    _visit(at, "app/targets_page.py", year="1999")  # no such year: all, not an error
    assert any("32 个目标" in c.value for c in at.caption)


def test_documents_page(at):
    at.switch_page("app/documents_page.py").run()
    assert not at.exception
    assert any("35 有分工" in c.value for c in at.caption)
    # The original text without the portal's navigation.
    text = next(e.proto.body for e in at.get("html") if "pkb-original" in e.proto.body)
    text = text.split(">", 1)[1]
    assert text.startswith("山东省人民政府关于印发") and "扫一扫" not in text and "首页" not in text
    assert any(s.value == "提取报告 · Extraction report" for s in at.subheader)
    assert any("提取无疑点" in s.value for s in at.success)  # the seed: nothing to check
    outline = next(e.proto.body for e in at.get("html") if "pkb-outline" in e.proto.body)
    assert re.search(r'<a href="#pkb-clause-\d+">三、 ?重要举措</a>', outline)


def test_a_correction_made_in_the_app_is_used_by_the_answers(tmp_path, monkeypatch):
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest([SEED])
        doc_id = kb.store.document_ids()[0]
    at = start(monkeypatch, tmp_path)
    at.switch_page("app/documents_page.py").run()
    assert not [t for t in at.text_input if "doc-fix-" in t.proto.form_id]  # drawn when opened
    at.session_state[f"doc-clause-{doc_id}:三/(二)/4"] = True  # open that clause
    at.run()
    mine = [t for t in at.text_input if "doc-fix-" in t.proto.form_id
            and t.proto.form_id.endswith(":三/(二)/4")]
    assert [t.label for t in mine] == ["牵头 Lead", "配合 Cooperating", "更正人 By", "理由 Why"]
    mine[0].set_value("省科技厅、省财政厅")
    mine[2].set_value("王分析")
    mine[3].set_value("据原件核对")
    button = next(b for b in at.button if b.proto.form_id == mine[0].proto.form_id)
    button.click().run()
    assert not at.exception
    assert any("已保存" in s.value for s in at.success)
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        answer = kb.ask("哪些部门牵头科技成果转化")
        assert [u.name for u in answer.units if u.role == "lead"][:2] == [
            "山东省科学技术厅", "山东省财政厅"]
        assert answer.hits[0].clause.correction["author"] == "王分析"


def test_add_page_renders(at):
    at.switch_page("app/add_page.py").run()
    assert not at.exception
    assert any("20 MB" in c.value for c in at.caption)


def test_upload_through_the_library(tmp_path):
    # The page calls kb.add_upload; the browser test drives the real upload widget.
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        data = (FIXTURES / "sample_notice.html").read_bytes()
        outcome = kb.add_upload(data, "../../etc/通知.html")
        assert outcome.ok and outcome.result.added
        saved = list((tmp_path / "uploads").iterdir())
        assert [p.name.split("-", 1)[1] for p in saved] == ["通知.html"]
        again = kb.add_upload(data, "copy.html")
        assert again.ok and not again.result.added
        bad = kb.add_upload(b"\x00\x01" * 10, "bad.html")
        assert bad.error is not None and str(bad.error).startswith("bad.html: ")
        assert kb.store.counts()["documents"] == 1


# ------------------------------------------------------------------ reports


def test_upload_errors_are_said_in_chinese_first():
    from ingest.errors import BinaryFile, TooLarge
    from kb.reports import error_zh

    assert error_zh(BinaryFile("坏文件.html")).startswith("坏文件.html：文件是二进制数据")
    assert "大小上限" in error_zh(TooLarge("a/b.pdf", 30_000_000, 20_000_000))


def test_values_and_years_as_people_write_them():
    from kb.reports import format_value, year_text

    assert format_value(30.0) == "30" and format_value(12.5) == "12.5"
    assert year_text(None) == "" and year_text(2025) == "2025"


def test_xlsx_is_ready_for_office_use():
    from openpyxl import load_workbook

    from kb.reports import to_xlsx

    rows = [{"部门 Unit": "山东省科学技术厅", "数值 Value": 30.0, "原文 Text": "长" * 200,
             "公式 Formula": "=1+1", "年份 Year": None}]
    sheet = load_workbook(io.BytesIO(to_xlsx(rows, "测试"))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E2"
    assert sheet.column_dimensions["A"].width >= 18  # CJK counted double
    assert sheet.column_dimensions["C"].width == 60  # long text capped and wrapped
    assert sheet["B2"].value == 30 and isinstance(sheet["B2"].value, int)
    assert sheet["D2"].value == "'=1+1" and sheet["E2"].value is None


def test_cross_matrix_export_has_chinese_headers_and_roles(home):
    from kb import views
    from kb.reports import matrix_rows, to_csv

    with KnowledgeBase(Settings(home=home)) as kb:
        rows = matrix_rows(views.matrix(kb.store), kb.current_headers())
    assert list(rows[0]) == ["部门 Unit", "角色 Role", "文件 Document", "部分 Section", "条数 Clauses"]
    assert {r["角色 Role"] for r in rows} == {"牵头", "配合"}
    assert to_csv(rows).decode("utf-8-sig").startswith("部门 Unit,角色 Role,")


def test_views_agree_with_the_records(home):
    """The SQL aggregates count what the records say."""
    from kb import views

    with KnowledgeBase(Settings(home=home)) as kb:
        counts = {u.name: u for u in views.unit_counts(kb.store)}
        science = counts["山东省科学技术厅"]
        assert (science.lead, science.coop) == (7, 1)
        assert views.unit_totals(kb.store, "山东省科学技术厅")["lead"] == 7
        sections = views.unit_sections(kb.store, "山东省科学技术厅")
        assert sum(s["clauses"] for s in sections) == 8
        assert all(s["section"][0] in "一二三四五六七八九十前" for s in sections)
        page = views.unit_clause_ids(kb.store, "山东省科学技术厅", "lead", 5, 10)
        assert page == kb.store.unit_clause_ids("山东省科学技术厅", "lead")[5:]
        assert views.target_count(kb.store) == 32
        assert views.target_count(kb.store, 2025) == 16
        shared = dict(views.unit_partners(kb.store, "山东省科学技术厅"))
        assert shared["山东省发展和改革委员会"] == 5


def test_accounts_gate_the_app(tmp_path, monkeypatch):
    from kb.accounts import add

    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest([SEED])
        add(kb.store, "viewer1", "viewer", "long enough")
        add(kb.store, "boss", "admin", "long enough too")
    monkeypatch.setenv("POLICYKB_HOME", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = "哪些部门牵头科技成果转化"
    at.run()
    assert not at.exception
    assert any(t.value == "登录 · Log in" for t in at.title)
    assert "科技成果转化" not in " ".join(m.value for m in at.markdown)  # no clause text
    at.text_input[0].set_value("viewer1")
    at.text_input[1].set_value("wrong password")
    at.button[0].click().run()
    assert any("用户名或密码不正确" in e.value for e in at.error)
    at.text_input[1].set_value("long enough")
    at.button[0].click().run()
    assert not at.exception
    assert not any(t.value == "登录 · Log in" for t in at.title)
    assert any("viewer1" in c.value for c in at.sidebar.caption)


def test_an_open_app_refuses_a_network_address(tmp_path, monkeypatch, capsys):
    from app.serve import main as serve

    monkeypatch.setenv("POLICYKB_HOME", str(tmp_path))
    with pytest.raises(SystemExit) as stop:
        serve(["--server.address", "0.0.0.0"])
    assert stop.value.code == 2
    assert "policykb users add" in capsys.readouterr().err


def test_documents_page_validity_and_ledger(at):
    at.switch_page("app/documents_page.py").run()
    assert not at.exception
    assert any("时效 Validity" in c.value for c in at.caption)
    toggle = next(t for t in at.toggle if t.label == "督办台账 Supervision ledger")
    toggle.set_value(True).run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert {"督办台账 XLSX", "督办台账 DOCX", "督办台账 CSV"} <= set(labels)


def test_each_unit_asked_with_fenbie_is_listed_with_its_own_clauses(at):
    at.text_input(key="question").set_value("省科技厅和省财政厅分别负责什么？").run()
    assert not at.exception
    assert "各自职责 · each unit's duties" in captions(at)
    found = [label for label in links(at) if label.startswith(("山东省科学技术厅", "山东省财政厅"))]
    assert len(found) == 2 and all("条" in label for label in found)
    assert "共同条款" not in texts(at)
