"""A county's measures write who does what their own way: a body that consults another
(由县招商局商园区管委会负责解释), bodies doing a first review (由财政局、招商局初审), a
list naming its level once (县纪委、绩效办、招商局), chapters whose first one starts after
three unnumbered articles, and short forms that are the county's own bodies (发改委), not
the State's. Literal text written for these tests."""

from ingest import default_directory, parse_bytes
from ingest.extract import text_duties

D = default_directory()

MEASURES = """青河县鼓励投资优惠办法
总  则
第一条 为营造良好的投资环境，制定本办法。
第二条 重点推进新型城镇化建设、旅游开发等重点项目。
第三条 投资者在青河县投资鼓励发展的产业，将从政策上给予优惠。
第一章  土地优惠
第四条 对于在我县落户的企业，给予基础设施补助，补助的数额，由财政局、招商局初审，报县财经领导小组审定确认后，兑现政策。
第五条 对新办的鼓励类产业企业，由财政部门配合发改委、商信委积极申报项目资金给予投资企业补助。
第二章  投资保障
第六条 县招商局及各相关职能部门依据职能全方位为投资企业提供服务，县纪委、绩效办、招商局负责受理投资企业投诉。
第七条 补贴标准不得超过物价部门核定的实际收费额。
第八条 本办法由县招商局商园区管委会负责解释。
"""


def _clauses(text: str = MEASURES):
    return {c.path: c for c in parse_bytes(text.encode("utf-8"), "measures.txt").clauses}


def _names(mentions):
    return [(m.as_written, m.role) for m in mentions]


def test_a_body_consulting_another_leads_and_the_one_consulted_takes_part():
    assert _names(text_duties("本办法由县招商局商园区管委会负责解释。", D)) == [
        ("县招商局", "lead"), ("园区管委会", "coop")]
    assert _names(text_duties("具体标准由省发展改革委商省财政厅确定。", D)) == [
        ("省发展改革委", "lead"), ("省财政厅", "coop")]
    # (商 starting a word is no partner: 商定, 商务)
    assert _names(text_duties("由省发展改革委商定具体办法。", D)) == [("省发展改革委", "lead")]
    assert _names(text_duties("县商务局负责。", D)) == [("县商务局", "lead")]


def test_each_step_of_a_procedure_is_its_body_s():
    # the first review, then the approval of what it sends up
    found = _names(text_duties("补助的数额，由财政局、招商局初审，报县财经领导小组审定确认后，兑现政策。", D))
    assert found == [("财政局", "lead"), ("招商局", "lead"), ("县财经领导小组", "lead")]
    # (a government no name says which is not read as a body of its own)
    found = _names(text_duties("由省级粮食应急工作指挥部报同级人民政府批准后，启动本省粮食应急预案。", D))
    assert found == [("省级粮食应急工作指挥部", "lead")]


def test_a_body_with_the_others_concerned_still_leads():
    found = _names(text_duties("县招商局及各相关职能部门依据职能全方位为投资企业提供服务。", D))
    assert found == [("县招商局", "lead")]


def test_a_limit_set_against_a_body_s_figure_names_no_body_before_it():
    assert text_duties("补贴标准不得超过物价部门核定的实际收费额。", D) == []
    assert _names(text_duties("不动产登记部门负责登记。", D)) == [("不动产登记部门", "lead")]


def test_a_chapter_after_unnumbered_articles_is_no_part_of_the_article_before_it():
    clauses = _clauses()
    assert ("第三条",) in clauses
    assert ("第一章", "第四条") in clauses and ("第二章", "第八条") in clauses
    assert not any(path[:1] == ("第三条",) and len(path) > 1 for path in clauses)


def test_a_body_named_bare_in_a_list_is_the_one_named_with_its_level_elsewhere():
    clauses = _clauses()
    assert "县招商局" in [u.name for u in clauses[("第一章", "第四条")].lead_units]
    service = [u.name for u in clauses[("第二章", "第六条")].lead_units]
    assert service.count("县招商局") == 1 and "招商局" not in service
    assert [u.name for u in clauses[("第二章", "第八条")].lead_units] == ["县招商局"]
    assert [u.name for u in clauses[("第二章", "第八条")].coop_units] == ["园区管委会"]


def test_a_short_form_in_a_county_s_measures_is_the_county_s_body():
    funds = _clauses()[("第一章", "第五条")]
    assert [u.name for u in funds.lead_units] == ["发改委", "商信委"]
    assert [u.name for u in funds.coop_units] == ["财政部门"]
    assert _clauses()[("第二章", "第七条")].lead_units == ()


def test_a_short_form_in_a_province_s_document_is_still_resolved():
    text = MEASURES.replace("青河县鼓励投资优惠办法", "山东省鼓励投资优惠办法")
    funds = _clauses(text)[("第一章", "第五条")]
    assert "发改委" not in [u.name for u in funds.lead_units]


def test_a_title_opening_with_a_word_ending_in_shi_is_no_city_s():
    # 城市更新… names no city: its 发改委 is read as the directory's, as before
    text = MEASURES.replace("青河县鼓励投资优惠办法", "城市更新投资优惠办法")
    funds = _clauses(text)[("第一章", "第五条")]
    assert [u.known for u in funds.lead_units][:1] == [True]
