"""Questions on a city's documents: the city its government's title opens with names
them, a city body asked in English by what it does, how long a task may take, and a
thing the documents never mention asked in English."""

import pytest

from .conftest import kb_of

# written for this test: a city government's measures (its title opens with the issuer)
RESERVE = """青阳市人民政府关于印发青阳市市级储备粮管理办法的通知
现将《青阳市市级储备粮管理办法》印发给你们，请认真抓好贯彻落实。
青阳市市级储备粮管理办法
第一条 市发展改革委（市粮食和物资储备局）负责市级储备粮行政管理，对市级储备粮的数量、质量和储存安全实施监督检查。
第二条 市级储备粮原则上小麦每4年轮换一次，稻谷每3年轮换一次，储备规模由市人民政府确定。
第三条 市粮油质量检验中心每年对市级储备粮至少开展1次全面抽检。
第四条 承储企业应当加强仓储设施、质量检验保障能力建设和维护，推进仓储科技创新和使用，提高市级储备粮安全保障能力，力争用2年时间完成仓储设施改造，储存期间每季度检测1次。
第五条 承储企业完成仓储设施改造后报市发展改革委验收。
"""
# another city's plan on other work, so that naming the city narrows the answer
OPENNESS = """白河市人民政府办公室关于印发2031年白河市政务公开工作要点的通知
一、规范信息公开专栏。各县（市、区）要及时更新政府信息主动公开基本目录。（责任单位：市政府办公室）
二、加强政府网站建设。市政府办公室要持续落实7×24小时全天候监测，每月抽查三分之一的政府网站。
三、加强储备物资信息公开。市发展改革委要按季度公开应急储备物资规模。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("city")
    texts = {"reserve.txt": RESERVE, "openness.txt": OPENNESS}
    with kb_of(home, texts) as kb:
        yield kb


def _sources(kb, answer) -> set[str]:
    sources = {d.doc_id: d.source.rsplit("/", 1)[-1] for d in kb.store.documents()}
    return {sources[h.clause.doc_id] for h in answer.hits}


def test_the_city_a_governments_title_opens_with_names_its_documents(kb):
    answer = kb.ask("青阳储备规模由谁确定？")
    assert [d["title"] for d in answer.documents] == ["青阳市市级储备粮管理办法"]
    assert _sources(kb, answer) == {"reserve.txt"}
    answer = kb.ask("白河的储备物资规模谁来公开？")
    assert [u.name for u in answer.units][:1] == ["市发展改革委"]
    assert _sources(kb, answer) == {"openness.txt"}


def test_a_city_body_asked_in_english_by_what_it_does(kb):
    answer = kb.ask("What is the Qingyang Municipal Grain and Oil Quality Inspection Centre "
                    "required to do?")
    assert answer.intent == "unit_duties"
    assert [u.name for u in answer.units][:1] == ["市粮油质量检验中心"]
    assert answer.hits[0].clause.path == ("第三条",)


def test_how_long_it_may_take_finds_the_clause_that_says_so(kb):
    # (第五条 holds the words asked in fewer others; 第四条 says how long)
    answer = kb.ask("青阳的仓储设施改造多长时间完成？")
    assert answer.hits[0].clause.path == ("第四条",)


def test_a_thing_no_document_mentions_asked_in_english_is_not_found(kb):
    answer = kb.ask("What does Baihe's 2031 government transparency work plan require regarding "
                    "government open days for the public?")
    assert answer.empty


def test_the_city_asked_in_english_by_its_pinyin_names_its_documents(kb):
    # both documents hold 储备 and 规模: the city named says which one is meant
    answer = kb.ask("Who publishes the scale of the reserve supplies in Baihe?")
    assert [d["title"] for d in answer.documents] == [
        "白河市人民政府办公室关于印发2031年白河市政务公开工作要点的通知"]
    assert _sources(kb, answer) == {"openness.txt"}
    answer = kb.ask("Who decides the size of Qingyang's reserve?")
    assert _sources(kb, answer) == {"reserve.txt"}
    # a word that only looks like a place's pinyin inside another word names nothing
    answer = kb.ask("Who decides the size of the Qingyangzhen reserve?")
    assert answer.documents == []
