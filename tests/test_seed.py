"""The seed notice 鲁政字〔2023〕209号 end to end: a text dump of the portal page."""

from ingest import format_path

NAVIGATION = ["项目发布", "扫一扫", "手机浏览", "智能推荐", "首页", "山东优势", "城市推介", "合作机遇",
              "招才引智", "网上招商", "服务指南", "关于我们", "来源:", "编辑:韩静静"]


def test_metadata(seed_doc):
    assert seed_doc.title == "山东省人民政府关于印发山东省县域经济高质量发展三年行动方案(2023-2025年)的通知"
    assert seed_doc.doc_number == "鲁政字〔2023〕209号"
    assert seed_doc.issuer == "山东省人民政府"
    assert seed_doc.signed_date == "2023-11-11"
    assert seed_doc.published_date == "2023-12-25"
    assert seed_doc.period == "2023-2025"
    assert seed_doc.doc_type == "通知"
    assert seed_doc.body_title == "山东省县域经济高质量发展三年行动方案(2023-2025年)"
    assert seed_doc.recipients.startswith("各市人民政府,各县(市、区)人民政府")
    assert seed_doc.wrapper.startswith("《山东省县域经济高质量发展三年行动方案(2023-2025年)》已经省委、省政府同意")


def test_no_navigation_becomes_a_clause(seed_doc):
    for clause in seed_doc.clauses:
        for junk in NAVIGATION:
            assert junk not in clause.text, (junk, clause.path)
    assert seed_doc.clauses[0].text.startswith("为全面贯彻党的二十大精神")


def test_all_35_noted_clauses(seed_doc):
    noted = [c for c in seed_doc.clauses if c.lead_units or c.coop_units]
    assert len(noted) == 35
    assert [format_path(c.path) for c in noted][:6] == [
        "二、(一)", "二、(二)", "二、(三)", "二、(四)", "二、(五)", "三、(一)1"]
    assert all(c.lead_units for c in noted)


def test_tech_transfer_clause(seed_doc):
    clause = next(c for c in seed_doc.clauses if c.path == ("三", "(二)", "4"))
    assert clause.heading == "加速推进科技成果转化"
    assert [u.as_written for u in clause.lead_units] == ["省科技厅", "省市场监管局", "省教育厅"]
    assert [u.name for u in clause.lead_units] == ["山东省科学技术厅", "山东省市场监督管理局", "山东省教育厅"]
    assert clause.coop_units == ()
    assert clause.text.startswith("4.加速推进科技成果转化。完善技术市场体系")
    assert clause.text.endswith("(省科技厅、省市场监管局、省教育厅牵头)")
    assert seed_doc.text[clause.start : clause.end] == clause.text
    (target,) = clause.targets
    assert (target.value, target.unit, target.comparator, target.period) == (100, "场次", "以上", "每年")


def test_the_longest_cooperating_list(seed_doc):
    clause = next(c for c in seed_doc.clauses if c.path == ("三", "(七)", "4"))
    assert [u.as_written for u in clause.lead_units] == ["省地方金融监管局", "省财政厅", "省发展改革委"]
    assert [u.as_written for u in clause.coop_units] == [
        "中国人民银行山东省分行", "国家金融监督管理总局山东监管局", "省工业和信息化厅", "省科技厅", "山东证监局"]
    assert all(u.known for u in clause.lead_units + clause.coop_units)


def test_generic_units(seed_doc):
    clause = next(c for c in seed_doc.clauses if c.path == ("二", "(四)"))
    assert [(u.as_written, u.generic) for u in clause.coop_units] == [
        ("省教育厅", False), ("省国资委", False), ("等有关部门", True)]


def test_targets(seed_doc):
    targets = [t for c in seed_doc.clauses for t in c.targets]
    assert len(targets) == 32
    assert all(t.value > 0 and t.unit for t in targets)
    pv = next(t for t in targets if t.unit == "万千瓦")
    assert (pv.value, pv.comparator, pv.year) == (2000, "以上", 2025)
    assert {t.year for t in targets} == {None, 2025}
    assert sum(1 for t in targets if t.year == 2025) == 16


def test_science_department_leads_seven_clauses(seed_doc):
    leads = [format_path(c.path) for c in seed_doc.clauses
             if any(u.name == "山东省科学技术厅" for u in c.lead_units)]
    assert leads == ["二、(二)", "三、(一)4", "三、(二)1", "三、(二)2", "三、(二)3", "三、(二)4", "三、(七)2"]
