"""A 印发 notice that sets out its own numbered points before the plan it issues, signed
after the plan by issuers over several lines, and a document named by most of its title
with no kind word after it."""

import pytest

import ingest

from .conftest import kb_of

# written for this test: a ministry's notice with points of its own, then the standard it
# issues (numbered 1. 2. …), signed after the standard by issuers over two lines
NOTICE = """教育部办公厅等三部门关于印发《中小学校园基本安全条件清单》的通知
教基厅〔2031〕7号
为提升中小学校园安全水平，现将《中小学校园基本安全条件清单》印发给你们，并就有关事项通知如下。
一、《清单》是中小学校园安全必须达到的基本条件，各地可在此基础上提高要求。
二、教育部门要对照《清单》逐校排查安全隐患，建立问题台账，力争用2年时间实现所有中小学校全部达到《清单》。
三、财政部门要会同教育部门统筹用好相关补助资金。应急管理部门要加强消防安全指导。
中小学校园基本安全条件清单
1.校门口设置防冲撞设施和一键式报警装置。
2.学生宿舍每层设置两个以上安全出口，配备应急照明。
3.食堂落实明厨亮灶，配备专职食品安全管理员。
教育部办公厅 应急管理部办公厅
财政部办公厅
2031年3月2日
"""

# a plan that only issues: its wrapper has no points and makes no clause
ISSUING_ONLY = """某市人民政府办公室关于印发某市菜篮子工程实施方案的通知
现将《某市菜篮子工程实施方案》印发给你们，请认真贯彻执行。
某市人民政府办公室
2031年4月1日
某市菜篮子工程实施方案
一、稳定蔬菜生产。建设标准化蔬菜基地。（责任单位：市农业农村局）
二、保障市场供应。完善农产品批发市场。（责任单位：市商务局）
"""


def _parse(text: str, name: str = "notice.txt"):
    return ingest.parse_bytes(text.encode("utf-8"), name)


def test_the_notices_own_points_are_clauses_before_the_plans():
    doc = _parse(NOTICE)
    paths = [c.path for c in doc.clauses]
    assert paths[:4] == [("通知",), ("通知", "一"), ("通知", "二"), ("通知", "三")]
    assert paths[4:] == [("1",), ("2",), ("3",)]
    by_path = {c.path: c for c in doc.clauses}
    assert [u.name for u in by_path[("通知", "二")].lead_units] == ["教育部门"]
    three = by_path[("通知", "三")]
    assert [u.name for u in three.lead_units] == ["财政部门", "应急管理部门"]
    assert [u.name for u in three.coop_units] == ["教育部门"]
    assert doc.body_title == "中小学校园基本安全条件清单"
    assert ingest.format_path(("通知", "二")) == "通知二、"


def test_issuers_signing_over_several_lines_after_the_plan_are_no_clause_text():
    doc = _parse(NOTICE)
    last = doc.clauses[-1]
    assert last.text == "3.食堂落实明厨亮灶，配备专职食品安全管理员。"
    assert doc.signed_date == "2031-03-02"
    assert doc.issuer == "教育部办公厅等三部门"


def test_a_notice_that_only_issues_the_plan_makes_no_clause():
    doc = _parse(ISSUING_ONLY)
    assert [c.path for c in doc.clauses] == [("一",), ("二",)]
    assert "印发给你们" in doc.wrapper


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("notice")
    texts = {"notice.txt": NOTICE, "issuing.txt": ISSUING_ONLY}
    with kb_of(home, texts) as kb:
        yield kb


def test_most_of_a_title_without_its_kind_word_names_the_document(kb):
    # 基本 left out, 对 after it (no 通知/清单 the question reads as a kind word)
    answer = kb.ask("中小学校园安全条件清单对学生宿舍有什么规定？")
    assert [d["doc_number"] for d in answer.documents] == ["教基厅〔2031〕7号"]
    assert answer.hits and answer.hits[0].clause.path == ("2",)
    # a topic in no clause of the document named is no answer
    empty = kb.ask("中小学校园基本安全条件清单对校车配备有什么规定？")
    assert empty.empty and [d["doc_number"] for d in empty.documents] == ["教基厅〔2031〕7号"]
    # a few of a title's words are no reference to it, nor most of them without its end
    assert kb.ask("学生宿舍安全出口有什么规定？").documents == []
    assert kb.ask("中小学校园基本安全条件有哪些？").documents == []
