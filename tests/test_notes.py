"""Unit notes: every style seen in real documents, as literal Chinese strings."""

import pytest

from ingest.extract import NoteState, parse_note
from ingest.notes import find_note, inline_notes, is_note_paragraph


def roles(note, state=None):
    mentions = parse_note(note, state)
    return (
        [m.as_written for m in mentions if m.role == "lead"],
        [m.as_written for m in mentions if m.role == "coop"],
    )


@pytest.mark.parametrize(
    "note, lead, coop",
    [
        ("省发展改革委牵头,省有关部门配合", ["省发展改革委"], ["省有关部门"]),
        ("农业部牵头，环境保护部参与", ["农业部"], ["环境保护部"]),
        ("体育总局、民政部负责", ["体育总局", "民政部"], []),
        ("省政府办公厅、省发展改革委、省财政厅牵头,省教育厅、省国资委等有关部门配合",
         ["省政府办公厅", "省发展改革委", "省财政厅"], ["省教育厅", "省国资委", "等有关部门"]),
        ("工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同",
         ["工业和信息化部"], ["发展改革委", "科技部", "农业农村部"]),
        ("农业农村部、工业和信息化部牵头负责", ["农业农村部", "工业和信息化部"], []),
        ("牵头单位：省科技厅；配合单位：省教育厅、省财政厅", ["省科技厅"], ["省教育厅", "省财政厅"]),
        ("由省住房城乡建设厅会同省财政厅负责", ["省住房城乡建设厅"], ["省财政厅"]),
        ("省发展改革委会同省财政厅负责", ["省发展改革委"], ["省财政厅"]),
        ("省自然资源厅、省财政厅牵头,省税务局、青岛税务局、省工业和信息化厅配合",
         ["省自然资源厅", "省财政厅"], ["省税务局", "青岛税务局", "省工业和信息化厅"]),
        ("省财政厅牵头，各县（市、区）政府负责落实", ["省财政厅"], ["各县（市、区）政府"]),
        # a list inside the hexagonal brackets a portal page writes for round ones
        ("责任单位：市经信局、市发改委，各区〔县、市〕政府、开发园区管委会。列第一位的为牵头单位",
         ["市经信局"], ["市发改委", "各区〔县、市〕政府", "开发园区管委会"]),
    ],
)
def test_note_styles(note, lead, coop):
    assert roles(note) == (lead, coop)


def test_jieba_would_cut_the_name_but_punctuation_does_not():
    # jieba cuts 省发展改革委会同 into 改/革委会/同; the note grammar keeps it whole.
    assert roles("省发展改革委会同省科技厅、省财政厅负责") == (["省发展改革委"], ["省科技厅", "省财政厅"])


def test_first_listed_leads_carries_to_later_notes():
    state = NoteState()
    roles("工业和信息化部、发展改革委等负责。列第一位者为牵头单位，下同", state)
    assert roles("农业农村部、发展改革委、财政部等负责", state) == (["农业农村部"], ["发展改革委", "财政部"])
    # Without the convention, 负责 makes every listed unit responsible.
    assert roles("农业农村部、发展改革委、财政部等负责") == (["农业农村部", "发展改革委", "财政部"], [])


def test_排在第一位_convention_is_the_same():
    state = NoteState()
    assert roles("省发展改革委、省财政厅负责。排在第一位的部门为牵头部门，下同", state) == (
        ["省发展改革委"], ["省财政厅"])
    assert roles("省委宣传部、省广电局负责", state) == (["省委宣传部"], ["省广电局"])


def test_carry_forward_note_adds_its_units_to_later_notes():
    state = NoteState()
    first = parse_note("省生态环境厅牵头，各市政府负责落实，以下任务措施均需各市政府落实，不再列出", state)
    assert [(m.as_written, m.role) for m in first] == [("省生态环境厅", "lead"), ("各市政府", "coop")]
    later = parse_note("省住房城乡建设厅、省生态环境厅负责", state)
    assert [(m.as_written, m.role, m.inherited) for m in later] == [
        ("省住房城乡建设厅", "lead", False), ("省生态环境厅", "lead", False), ("各市政府", "coop", True)]


def test_generic_units_are_marked():
    mentions = parse_note("省发展改革委牵头,省有关部门配合")
    assert [m.generic for m in mentions] == [False, True]
    mentions = parse_note("各省级人民政府负责")
    assert mentions[0].generic


def test_units_are_substrings_of_their_note():
    note = "省政府办公厅、省发展改革委、省财政厅牵头,省教育厅、省国资委等有关部门配合"
    for m in parse_note(note):
        assert note[m.start : m.start + len(m.as_written)] == m.as_written


def test_find_note_closing_a_paragraph():
    text = "推进产业链融链固链。(省工业和信息化厅、省市场监管局牵头)"
    start, end = find_note(text)
    assert text[start:end] == "(省工业和信息化厅、省市场监管局牵头)"
    # An aside is not a note, nor is a bracket in mid-sentence.
    assert find_note("支持县域建设高水平职业院校(含技工院校)。") is None
    assert find_note("资金(以下简称补助资金)按因素法分配。") is None
    # Nested brackets inside a note are matched; an unbalanced one yields no note.
    assert find_note("完善机制。（省财政厅牵头，各县（市、区）政府负责）") is not None
    assert find_note("完善机制。省财政厅牵头）") is None


def test_sentence_note_由_会同_负责():
    text = "设立成果转化基金。由省财政厅会同省科技厅负责。"
    start, end = find_note(text)
    assert text[start:end] == "由省财政厅会同省科技厅负责"
    # 负责解释 is not a duty note.
    assert find_note("本办法由省财政厅会同省住房城乡建设厅负责解释。") is None


def test_several_notes_inside_one_paragraph():
    text = ("大力推进商事制度改革。（市场监管总局负责）加强体育产业创新创业教育服务。"
            "（体育总局、教育部负责）")
    spans = inline_notes(text)
    assert [text[s:e] for s, e in spans] == ["（市场监管总局负责）", "（体育总局、教育部负责）"]


def test_note_paragraphs():
    assert is_note_paragraph("（体育总局、民政部、人力资源社会保障部负责）")
    assert is_note_paragraph("牵头单位：省科技厅")
    assert not is_note_paragraph("推进产业链融链固链。(省工业和信息化厅牵头)")


def test_units_written_without_punctuation_are_split_by_the_directory():
    from ingest import default_directory
    from ingest.extract import unit_refs

    lead, coop = unit_refs(parse_note("省科技厅省财政厅牵头，省农科院配合"), default_directory())
    assert [(u.as_written, u.name) for u in lead] == [
        ("省科技厅", "山东省科学技术厅"), ("省财政厅", "山东省财政厅")]
    # An item the directory does not cover is kept whole, as written.
    assert [(u.as_written, u.known) for u in coop] == [("省农科院", False)]
