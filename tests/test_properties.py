"""Property-based tests: the segmenter and the extractor never crash on any text, spans
stay inside the text, and every unit is a substring of its note."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.extract import NoteState, extract_targets, parse_note
from ingest.loaders.text import lines_to_blocks
from ingest.notes import find_note, inline_notes
from ingest.segment import clauses

PIECES = ["一、", "（一）", "(二)", "1.", "2．", "（1）", "①", "第一章", "第三条", "。", "，", "、", "；",
          "（", "）", "(", ")", "牵头", "配合", "参与", "负责", "会同", "由", "等", "有关部门",
          "省科技厅", "省发展改革委", "各市政府", "到2025年", "达到", "300", "个", "%", "以上",
          "左右", "万千瓦", "每年", "累计", "列第一位者为牵头单位，下同", "\n", " ", "　", "牵头单位：",
          "以下任务措施均需各市政府落实，不再列出"]
text_strategy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map(
    "".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
@example("（牵头\r）")  # a note cut by a line break and joined back keeps the break
def test_segmenter_never_crashes_and_spans_stay_inside(text):
    blocks = lines_to_blocks(text.splitlines())
    joined = "\n".join(b.text for b in blocks)
    found, outline = clauses(blocks)
    for clause in found:
        assert 0 <= clause.start <= clause.end <= len(joined)
        for block in clause.paragraphs:
            assert joined[block.start : block.end] == block.text


@settings(max_examples=400, deadline=None)
@given(text_strategy)
@example("第一章（以下任务措施均需各市政府落实，不再列出）")  # a convention blanked inside brackets
@example("（（）牵头单位：以下任务措施均需各市政府落实，不再列出)0")  # ... and unbalanced ones
def test_units_are_substrings_of_their_note(note):
    for mention in parse_note(note, NoteState()):
        if mention.start >= 0:  # -1: carried from an earlier note
            assert note[mention.start : mention.start + len(mention.as_written)] == mention.as_written
        assert mention.as_written
        assert mention.role in ("lead", "coop")


@settings(max_examples=400, deadline=None)
@given(text_strategy)
def test_targets_and_notes_stay_inside_the_text(text):
    for target in extract_targets(text, offset=7):
        assert 7 <= target.start < target.end <= len(text) + 7
        assert target.value >= 0 and target.unit
    hit = find_note(text)
    if hit:
        assert 0 <= hit[0] < hit[1] <= len(text)
    for start, end in inline_notes(text):
        assert 0 <= start < end <= len(text)
