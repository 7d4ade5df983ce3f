import tomllib

import pytest

from ingest import default_directory
from ingest.units import Directory, Unit, is_generic


@pytest.fixture(scope="module")
def directory():
    return default_directory()


@pytest.mark.parametrize(
    "surface, level, name",
    [
        ("省发展改革委", None, "山东省发展和改革委员会"),
        ("省发改委", None, "山东省发展和改革委员会"),
        ("山东省发展和改革委员会", None, "山东省发展和改革委员会"),
        ("发展改革委", "national", "中华人民共和国国家发展和改革委员会"),
        ("国家发展改革委", None, "中华人民共和国国家发展和改革委员会"),
        ("省科技厅", None, "山东省科学技术厅"),
        ("科技厅", None, "山东省科学技术厅"),
        ("工信厅", None, "山东省工业和信息化厅"),
        ("人社厅", None, "山东省人力资源和社会保障厅"),
        ("环境保护部", None, "中华人民共和国生态环境部"),
        ("农业部", None, "中华人民共和国农业农村部"),
        ("质检总局", None, "国家市场监督管理总局"),
        ("银保监会", None, "国家金融监督管理总局"),
        ("省委编办", None, "中共山东省委机构编制委员会办公室"),
        ("青岛税务局", None, "国家税务总局青岛市税务局"),
        ("山东证监局", None, "中国证券监督管理委员会山东监管局"),
    ],
)
def test_resolve(directory, surface, level, name):
    unit = directory.resolve(surface, level)
    assert unit is not None, surface
    assert unit.name == name


def test_unknown_and_generic(directory):
    assert directory.resolve("省农科院") is None
    assert directory.resolve("省有关部门") is None
    for word in ("省有关部门", "各市政府", "等有关部门", "各省级人民政府", "有关部门"):
        assert is_generic(word), word
    for word in ("省科技厅", "国务院办公厅", "省政府办公厅"):
        assert not is_generic(word), word


def test_every_unit_has_english_and_level_and_aliases_are_unique(directory):
    assert len(directory) >= 150
    levels = {u.level for u in directory.units.values()}
    assert levels == {"national", "provincial"}
    assert all(u.english for u in directory.units.values())
    seen = {}
    for surface, unit in directory.surfaces():
        assert seen.setdefault(surface, unit.name) == unit.name, surface


def test_coverage_of_provincial_departments_and_state_council(directory):
    provincial = [u for u in directory.units.values() if u.level == "provincial"]
    national = [u for u in directory.units.values() if u.level == "national"]
    assert len(provincial) >= 60 and len(national) >= 80
    for surface in ("省退役军人厅", "省应急厅", "省审计厅", "省医保局", "省体育局", "省统计局",
                    "外交部", "国防部", "审计署", "海关总署", "税务总局", "国家统计局", "民航局",
                    "国家数据局", "国家知识产权局", "体育总局"):
        assert directory.resolve(surface) is not None, surface


def test_find_units_in_free_text(directory):
    text = "省科技厅牵头哪些任务？省发展改革委和省财政厅共同负责什么"
    found = [(text[s:e], unit.name) for s, e, unit in directory.find(text)]
    assert found == [("省科技厅", "山东省科学技术厅"), ("省发展改革委", "山东省发展和改革委员会"),
                     ("省财政厅", "山东省财政厅")]


def test_directory_from_toml(tmp_path):
    path = tmp_path / "units.toml"
    path.write_text('[[unit]]\nname = "山东省测试厅"\naliases = ["省测试厅"]\nenglish = "Test"\n'
                    'level = "provincial"\nformer = ["省旧测试局"]\n', encoding="utf-8")
    directory = Directory.from_toml(path)
    assert directory.resolve("省旧测试局").name == "山东省测试厅"
    assert directory.resolve("山东省测试厅") == Unit("山东省测试厅", ("省测试厅",), "Test",
                                                  "provincial", "", ("省旧测试局",))
    with open(path, "rb") as fh:
        assert tomllib.load(fh)["unit"][0]["name"] == "山东省测试厅"


def test_a_question_abridges_a_name_the_documents_write(directory):
    from kb.units_in_text import UnitLexicon

    lexicon = UnitLexicon(directory, written=["中国储备粮管理总公司", "中国农业发展银行",
                                              "县级人民政府有关部门", "京津冀协同发展领导小组办公室"])
    found = {m.surface: m.units[0].name for m in lexicon.find("中储粮和农发行各负责什么")}
    assert found == {"中储粮": "中国储备粮管理总公司", "农发行": "中国农业发展银行"}
    # a longer one may keep a run of the name and skip after it
    assert [m.units[0].name for m in lexicon.find("发改委和京津冀协同办一起负责什么")][-1] \
        == "京津冀协同发展领导小组办公室"
    # cutting a name short (县级政务…) or a run of it (储备粮) abridges nothing
    assert lexicon.find("县级政务新媒体由谁主管") == []
    assert lexicon.find("储备粮由谁管") == []
