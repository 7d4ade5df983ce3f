from ingest.loaders.text import lines_to_blocks
from ingest.segment import clauses, match_marker


def segment(text):
    found, outline = clauses(lines_to_blocks(text.splitlines()))
    return found, outline


def test_markers_full_and_half_width():
    assert match_marker("一、主要目标")[:2] == ("cn", "一")
    assert match_marker("（二）实施")[:2] == ("pcn", "(二)")
    assert match_marker("(二)实施")[:2] == ("pcn", "(二)")
    assert match_marker("4.加速推进")[:2] == ("num", "4")
    assert match_marker("4．加速推进")[:2] == ("num", "4")
    assert match_marker("（1）调阅资料")[:2] == ("pnum", "(1)")
    assert match_marker("①第一项")[:2] == ("circle", "①")
    assert match_marker("第三章 资金拨付")[:2] == ("chapter", "第三章")
    assert match_marker("第十二条 各地不得")[:2] == ("article", "第十二条")
    assert match_marker("2023-2024年,围绕工业") is None
    assert match_marker("2025年目标") is None
    assert match_marker("十九届二中全会") is None


def test_paths_headings_and_spans():
    text = ("三、重要举措\n(二)实施科技创新能力跃升工程。\n"
            "4.加速推进科技成果转化。完善技术市场体系。(省科技厅、省市场监管局、省教育厅牵头)\n"
            "(三)实施生态优先绿色发展工程。\n1.推进绿色低碳转型发展。推进试点。(省发展改革委牵头)")
    found, outline = segment(text)
    assert [c.path for c in found] == [("三", "(二)", "4"), ("三", "(三)", "1")]
    first = found[0]
    assert first.heading == "加速推进科技成果转化"
    assert first.section == ("重要举措", "实施科技创新能力跃升工程")
    assert text[first.start : first.end].startswith("4.加速推进科技成果转化。")
    assert text[first.start : first.end].endswith("(省科技厅、省市场监管局、省教育厅牵头)")
    assert (("三", "(二)"), "实施科技创新能力跃升工程") in outline


def test_regulation_chapters_and_articles():
    text = "第一章 总 则\n第一条 为规范管理，制定本办法。\n第二条 本办法所称资金。\n第二章 资金分配\n第五条 补助资金按因素法分配。"
    found, outline = segment(text)
    assert [c.path for c in found] == [("第一章", "第一条"), ("第一章", "第二条"), ("第二章", "第五条")]
    assert found[2].section == ("资金分配",)
    assert all(c.heading == "" for c in found)


def test_note_paragraph_of_its_own_belongs_to_the_paragraph_before():
    text = "（四）大力发展职业赛事。\n着力发展足球、篮球等职业联赛。\n（体育总局、民政部负责）\n（五）支持引进国际重大赛事。"
    found, _ = segment(text)
    assert [(c.path, c.seq) for c in found] == [(("(四)",), 1), (("(五)",), 1)]
    assert found[0].paragraphs[-1].text == "（体育总局、民政部负责）"


def test_several_note_groups_become_several_clauses():
    text = ("（十）鼓励创新创业。大力推进商事制度改革。（市场监管总局负责）加强创新创业教育服务。"
            "（体育总局、教育部负责）\n各地区要充分认识重要意义。")
    found, _ = segment(text)
    assert [(c.path, c.seq, c.heading) for c in found] == [
        (("(十)",), 1, "鼓励创新创业"), (("(十)",), 2, ""), (("(十)",), 3, "")]
    assert text[found[1].start : found[1].end] == "加强创新创业教育服务。（体育总局、教育部负责）"


def test_heading_only_sections_are_not_clauses_but_parents_with_content_are():
    text = "（一）排查方式。各市开展自查，省级进行核查。\n1.各市自查。各市组织精干力量。\n2.省级核查。采取调阅资料方式。"
    found, _ = segment(text)
    assert [c.path for c in found] == [("(一)",), ("(一)", "1"), ("(一)", "2")]
    found, _ = segment("二、重点任务\n(一)实施计划。支持发展。(省发展改革委牵头)")
    assert [c.path for c in found] == [("二", "(一)")]


def test_parent_note_scopes_down_to_children_without_notes():
    text = "（一）推进成果转化。（省科技厅牵头）\n1.建设中试基地。建成20家。\n2.培育技术经理人。加强培训。"
    found, _ = segment(text)
    assert [c.path for c in found] == [("(一)", "1"), ("(一)", "2")]
    assert all(c.inherited_note == "省科技厅牵头" for c in found)


def test_match_marker_tries_the_markers_a_first_character_allows():
    """match_marker only tries the markers that can start with the text's first character
    (a table beside MARKERS): it must answer as trying every marker in order would."""
    from ingest.segment import MARKERS

    def every(text):
        for kind, pattern in MARKERS:
            found = pattern.match(text)
            if found:
                return kind, found.end()
        return None

    for code in range(0x10000):
        for rest in ("章", "节x", "条", "、x", "）x", ")x", ".1 x", "．x", "1）", " x", "x"):
            text = chr(code) + rest
            found = match_marker(text)
            assert (found and (found[0], found[2])) == every(text), text


def test_articles_numbered_in_arabic_digits_and_markers_spaced_out():
    # a county's text copied out of a PDF: 第 1 0 条, 第19条, 二 、
    assert match_marker("第19条 对各乡镇招商引进的项目")[:2] == ("article", "第19条")
    assert match_marker("第 1 0 条 鼓励企业标准创制")[:2] == ("article", "第10条")
    assert match_marker("二 、支持范围")[:2] == ("cn", "二")
    assert match_marker("第一百二十条 附则")[:2] == ("article", "第一百二十条")
    assert match_marker("第1000万元以上的项目") is None
    text = "一、政策支持\n第 1 条 设立引导资金。\n二 、支持范围\n第 2 条 对新上项目给予奖励。\n第 1 0 条 鼓励企业创新。\n"
    found, _ = segment(text)
    assert [c.path for c in found] == [("一", "第1条"), ("二", "第2条"), ("二", "第10条")]
