"""Quantified targets from literal sentences of real plans."""

import pytest

from ingest.extract import extract_deadlines, extract_targets


def tuples(text):
    return [(t.value, t.unit, t.comparator, t.year, t.period) for t in extract_targets(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("到2025年,整县分布式光伏规模化开发容量达到2000万千瓦以上。",
         [(2000, "万千瓦", "以上", 2025, None)]),
        ("深化“工赋山东”行动,累计打造300个以上省级工业互联网平台。",
         [(300, "个", "以上", None, "累计")]),
        ("年均滚动实施投资500万元以上技改项目1万个左右。", [(1, "万个", "左右", None, "年均")]),
        ("到2025年,地区生产总值1000亿元以上的县(市、区)达到30个、700亿元以上的达到50个,",
         [(30, "个", "达到", 2025, None), (50, "个", "达到", 2025, None)]),
        ("培育一批产值过50亿元的中小微企业特色专业园区。", []),
        ("90%以上县域形成1-2个产值百亿元以上、具有较强竞争优势的产业集群", [(90, "%", "以上", None, None)]),
        ("创建不少于30个省级质量强县。每年认定10个左右民营经济高质量发展先进县。",
         [(30, "个", "不少于", None, None), (10, "个", "左右", None, "每年")]),
        ("规模以上工业企业关键业务环节全面数字化率超过70%。", [(70, "%", "超过", None, None)]),
        ("重点打造10个省级农产品出口产业集聚区和10家以上省级服务贸易特色服务出口基地。",
         [(10, "个", None, None, None), (10, "家", "以上", None, None)]),
        ("发挥胶州、龙口、荣成、邹城、寿光5个“千亿”县(市)带动作用", []),
        ("以136个县(市、区)为主体,省级统筹、市负主责", []),
        ("各有关市在核查意见反馈后1个月内将整改方案报送省生态环境厅", []),
        ("花生种植、收获机械化率分别达到65%和55%，", [(65, "%", "达到", None, None), (55, "%", "达到", None, None)]),
        ("全国农机总动力稳定在11亿千瓦左右，其中灌排机械动力达到1.3亿千瓦，",
         [(11, "亿千瓦", "左右", None, None), (1.3, "亿千瓦", "达到", None, None)]),
        ("每年城镇新增就业110万人以上,不断扩大中等收入群体规模。", [(110, "万人", "以上", None, "每年")]),
        # a floor set with 不得/不应 before it
        ("合作机构支小支农担保金额占比不得低于80%，其中单户500万元及以下的占比不得低于50%。",
         [(80, "%", "不少于", None, None), (50, "%", "不少于", None, None)]),
        ("每个社区卫生服务中心全科医生不应少于3名。", [(3, "名", "不少于", None, None)]),
    ],
)
def test_targets(text, expected):
    assert tuples(text) == expected


def test_year_carries_across_sentences_of_a_paragraph():
    text = "到2020年，问题基本解决。全国农机总动力超过10亿千瓦。"
    assert tuples(text) == [(10, "亿千瓦", "超过", 2020, None)]


def test_metric_and_spans():
    text = "打造200家左右产业生态主导型链主企业,开发一批服务平台"
    (target,) = extract_targets(text, offset=100)
    assert target.metric == "产业生态主导型链主企业"
    assert text[target.start - 100 : target.end - 100] == "200家左右"
    assert target.text == "打造200家左右产业生态主导型链主企业"


def test_deadlines():
    text = "到2025年,基本实现“县县双高速”。2019年4月15日前，各市开展自查。2024年底前完成。"
    assert extract_deadlines(text) == ("到2025年", "2019年4月15日前", "2024年底前")


def test_metric_of_each_target_in_a_list():
    text = "力争到2025年,培育省级及以上战略性新兴产业集群50个左右、省级“雁阵形”产业集群200个左右"
    assert [t.metric for t in extract_targets(text)] == [
        "培育省级及以上战略性新兴产业集群", "省级“雁阵形”产业集群"]
    text = "到2025年,省级现代服务业集聚区达120家、服务业创新中心达200家。"
    assert [t.metric for t in extract_targets(text)] == ["省级现代服务业集聚区", "服务业创新中心"]


def test_quantities_are_the_pattern_s_own_matches():
    """_quantities tries the quantity pattern only where a match can start; it must find
    exactly what finditer finds."""
    import random

    from ingest.extract import _QUANTITY, _quantities

    rng = random.Random(9)
    alphabet = "0123456789٣２.达到超过不少于低至稳定在保持控制提高升增加突破个%万亿元以上左右 ，、和x"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert [(m.span(), m.groupdict()) for m in _quantities(text)] == \
            [(m.span(), m.groupdict()) for m in _QUANTITY.finditer(text)], text


def test_a_year_the_goal_verb_follows_and_the_phrase_before_as_metric():
    text = "以1995年1445名为基数，从1996年起分3年扩大招生规模，到1998年达到2000名；每年增加185名左右，1997年达到1815名。"
    got = [(t.value, t.year, t.metric) for t in extract_targets(text)]
    assert (2000.0, 1998, "分3年扩大招生规模") in got
    assert (1815.0, 1997) in [(v, y) for v, y, _ in got]
    # a base year (以1995年…为基数) and a start (从1996年起) set no target year
    assert all(t.year not in (1995, 1996) for t in extract_targets(text))
