import pytest
import rjieba

from ingest import default_directory
from kb.analyzer import PolicyAnalyzer, highlight_spans


@pytest.fixture(scope="module")
def analyzer():
    return PolicyAnalyzer(default_directory())


def test_tokens_keep_offsets(analyzer):
    text = "加速推进科技成果转化。完善技术市场体系,每年组织100场次以上科技服务活动。"
    tokens = analyzer.tokens(text)
    assert tokens and all(text[t.start : t.end].lower() == t.text for t in tokens)


def test_index_terms_hold_words_inside_longer_words(analyzer):
    terms = analyzer.index_terms("培育优势产业集群。加速推进科技成果转化").split()
    for word in ("产业集群", "科技成果转化", "成果转化", "科技"):
        assert word in terms, word


def test_user_dictionary_keeps_units_and_policy_terms_whole(analyzer):
    assert analyzer.query_terms("哪些部门牵头科技成果转化") == ["哪些", "部门", "牵头", "科技成果转化"]
    assert "省发展改革委" in analyzer.query_terms("省发展改革委会同省财政厅负责")
    assert "专精特新" in analyzer.query_terms("力争实现县域省级专精特新企业全覆盖")


def test_the_default_segmenter_is_left_alone(analyzer):
    analyzer.warm_up()
    assert "省发展改革委" not in rjieba.cut("省发展改革委会同省财政厅")


def test_highlight_marks_the_longest_match():
    text = "4.加速推进科技成果转化。建立科技成果转化信贷支持体系,推动成果转化。"
    spans = highlight_spans(text, ["科技成果转化", "成果转化", "转化"])
    assert [text[s:e] for s, e in spans] == ["科技成果转化", "科技成果转化", "成果转化"]
    assert highlight_spans(text, []) == []


def test_index_terms_are_the_search_tokens(analyzer):
    # the fast path (full mode inside long words) indexes exactly the words of tokens()
    text = ("（二）培育优势产业集群，2023-2025年建成省级高新技术产业开发区3个以上。"
            "加速推进科技成果转化（省科技厅牵头，省财政厅、省发展改革委配合）。font-family")
    assert sorted(analyzer.index_terms(text).split()) == sorted(
        t.text for t in analyzer.tokens(text, mode="search"))
