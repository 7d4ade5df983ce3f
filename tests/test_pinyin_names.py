"""English questions name places in pinyin; the documents write them in Chinese."""

from kb import KnowledgeBase, Settings
from kb.ask import parse
from kb.pinyin_names import PinyinText


def test_a_pinyin_word_finds_the_chinese_in_whole_syllables():
    text = PinyinText.of(["国务院关于河北雄安新区总体规划的批复", "湖北省巴东县官渡口镇马鬃山村地质险情"])
    assert text.find("xiong'an") == "雄安"
    assert text.find("Xiongan") == "雄安"
    assert text.find("badong") == "巴东"
    assert text.find("mazongshan") == "马鬃山"
    assert text.find("ongan") is None  # inside 雄 (xiong): not a syllable boundary
    assert text.find("quhu") is None  # 区 then 湖 are in two runs of text


def test_an_english_question_naming_a_village_in_pinyin(tmp_path):
    (tmp_path / "fuhan.txt").write_text(
        "国务院办公厅关于甘肃省舟曲县石门坪村地质灾害险情有关问题的复函\n国办函〔2009〕3号\n"
        "一、舟曲县人民政府已将石门坪村危险区内的居民全部搬迁。\n"
        "二、甘肃省地震局已在石门坪村设立了地震监测站。\n", encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "fuhan.txt"])
        parsed = parse(kb, "Who moved the residents of Shimenping village out of the danger zone?")
        assert "石门坪" in parsed.extra_terms
        answer = kb.ask("Who set up the earthquake monitoring station in Shimenping village?")
        assert answer.units and answer.units[0].name == "甘肃省地震局"


def test_a_name_inside_a_plan_is_spelled_out_through_the_index(tmp_path):
    # 张园 is in neither the title nor the opening: the index's character bigrams spell it
    body = "".join(f"{n}.推进老旧小区第{n}批综合改造，完善社区服务设施。（区房管局）\n" for n in range(1, 12))
    (tmp_path / "plan.txt").write_text(
        "某区城市更新行动方案\n一、重点任务\n" + body +
        "12.重点推进张园历史风貌片区开发，完成保护性修缮。（区文化旅游局、区规划资源局）\n",
        encoding="utf-8")
    with KnowledgeBase(Settings(home=tmp_path / "kb")) as kb:
        kb.ingest([tmp_path / "plan.txt"])
        assert "张园" in parse(kb, "Which units are responsible for the Zhangyuan development?").extra_terms
        answer = kb.ask("Which units are responsible for the Zhangyuan development?")
        assert "张园" in answer.hits[0].clause.text
        assert [u.name for u in answer.units][:1] == ["区文化旅游局"]
        # a capital that opens the question is no name to spell out
        assert "张园" not in parse(kb, "Zhangyuan: which units drive it?").extra_terms
