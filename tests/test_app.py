"""Every page of the Streamlit app in process (AppTest), on a seed knowledge base."""

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


@pytest.fixture
def at(home, monkeypatch):
    monkeypatch.setenv("POLICYKB_HOME", str(home))
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    return app


def texts(at):
    return " ".join(m.value for m in at.markdown)


def test_example_question_gives_the_answer_card(at):
    button = next(b for b in at.button if b.label == "哪些部门牵头科技成果转化")
    button.click().run()
    assert not at.exception
    assert at.text_input(key="question").value == "哪些部门牵头科技成果转化"
    body = texts(at)
    assert "牵头部门 Lead units" in body
    assert "加速推进<mark>科技成果转化</mark>" in body
    assert "省科技厅、省市场监管局、省教育厅" in body
    # The citation is offered as a code block, which has a copy button.
    assert any("三、(二)4" in c.value for c in at.code)


def test_english_question(at):
    at.text_input(key="question").set_value("which departments lead on tech transfer").run()
    assert not at.exception
    links = [e.proto.label for e in at.get("page_link")]
    assert links[0].startswith("1. 山东省科学技术厅") and "Department of Science" in links[0]
    assert links[1].startswith("2. 山东省市场监督管理局") and links[2].startswith("3. 山东省教育厅")


def test_filters_narrow_the_evidence(at):
    at.text_input(key="question").set_value("2025年要达到哪些目标").run()
    before = len(at.code)
    at.selectbox[0].set_value("山东省科学技术厅").run()  # unit filter
    after = len(at.code)
    assert 0 < after < before


def test_profile_of_the_science_department(at):
    at.switch_page("app/units_page.py").run()
    at.selectbox[0].set_value("山东省科学技术厅").run()
    assert not at.exception
    assert at.metric[0].value == "7" and at.metric[1].value == "1"
    lead_citations = [c.value for c in at.code if "》" in c.value]
    assert len(lead_citations) == 8  # 7 led + 1 cooperated, each with its citation
    assert "Department of Science and Technology of Shandong Province" in texts(at)


def test_cross_reference_and_shared_clauses(at):
    at.switch_page("app/cross_page.py").run()
    assert not at.exception
    assert at.selectbox[0].value == ""  # the whole corpus first
    at.selectbox[1].set_value("山东省科学技术厅").run()
    at.selectbox[2].set_value("山东省发展和改革委员会").run()
    # Both take part in five clauses: four they lead together, one 省科技厅 cooperates on.
    assert any("5 条 clauses" in c.value for c in at.caption)


def test_targets_table(at):
    at.switch_page("app/targets_page.py").run()
    assert not at.exception
    assert any("32 个目标" in c.value for c in at.caption)
    at.selectbox[0].set_value("2025").run()
    assert any("16 个目标" in c.value for c in at.caption)
    frame = at.dataframe[0].value
    assert set(frame["年份 Year"]) == {2025}


def test_documents_page(at):
    at.switch_page("app/documents_page.py").run()
    assert not at.exception
    assert any("35 有分工" in c.value for c in at.caption)
    assert at.text_area[0].value.startswith("项目发布")
    assert any(s.value == "提取报告 · Extraction report" for s in at.subheader)
    assert any("提取无疑点" in s.value for s in at.success)  # the seed: nothing to check


def test_a_correction_made_in_the_app_is_used_by_the_answers(tmp_path, monkeypatch):
    with KnowledgeBase(Settings(home=tmp_path)) as kb:
        kb.ingest([SEED])
    monkeypatch.setenv("POLICYKB_HOME", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app/documents_page.py").run()
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
