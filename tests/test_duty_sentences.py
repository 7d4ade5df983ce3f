"""Duties written as sentences, in forms regulations use: adverbials one after another
before the verb, a body that designates, the staff of bodies making up a group."""

import pytest

from ingest import default_directory, extract, parse_bytes


@pytest.fixture(scope="module")
def directory():
    return default_directory()


def _read(text, directory):
    return [(m.as_written, m.role) for m in extract.text_duties(text, directory)]


def test_adverbials_one_after_another_before_the_verb(directory):
    text = ("财政部门、审计机关和相关行业工程建设主管部门按照职责，依法对政府投资项目建设单位"
            "拨付资金情况进行监督。")
    assert _read(text, directory) == [("财政部门", "lead"), ("审计机关", "lead"),
                                      ("相关行业工程建设主管部门", "lead")]


def test_a_body_that_designates_is_charged(directory):
    text = "学前教育机构的从业人员应当经卫生行政部门指定的医疗卫生机构健康检查，取得健康合格证明后方可上岗。"
    assert _read(text, directory) == [("卫生行政部门", "lead")]


def test_the_staff_of_bodies_making_up_a_group(directory):
    text = "核查组成员由省生态环境厅、省教育厅、省科技厅等相关部门人员组成。"
    assert [w for w, _ in _read(text, directory)] == ["省生态环境厅", "省教育厅", "省科技厅"]
    # a body's head filling a post is no duty of the body
    assert _read("总指挥由国家粮食局主要负责人兼任。", directory) == []


def test_a_designated_body_and_its_listed_duties():
    import ingest

    text = ("某省核设施管理条例\n\n第四条 本省的核事故预防和应急管理，由省人民政府指定的行政机关负责"
            "（以下简称“省核管理机关”）。其主要职责是：\n（一）制定全省核事故应急管理的规则；\n"
            "（二）组织制定和实施核电厂的场外应急计划。\n")
    doc = ingest.parse_bytes(text.encode(), "hesheshi.txt")
    owners = {c.path: [u.as_written for u in c.lead_units] for c in doc.clauses}
    assert owners[("第四条",)] == ["省核管理机关"]  # not the government that designates it
    assert owners[("第四条", "(二)")] == ["省核管理机关"]


def test_market_regulation_is_no_city_level(directory):
    text = "人力资源社会保障行政部门及时监控和预警工资支付隐患，市场监管、金融监管、税务等部门应当予以配合。"
    assert _read(text, directory) == [("人力资源社会保障行政部门", "lead"), ("市场监管部门", "coop"),
                                      ("金融监管部门", "coop"), ("税务部门", "coop")]


def test_bodies_named_with_the_departments_concerned(directory):
    # the state's departments concerned are a class of bodies that shares the duty
    text = ("国务院标准化行政主管部门和国家有关部门依据各自职责，组织制定并适时修订终端设备直连"
            "卫星服务相关国家标准、行业标准。")
    assert _read(text, directory) == [("国务院标准化行政主管部门", "lead"), ("国家有关部门", "lead")]
    # a province's departments concerned name no body: the one named leads alone
    assert _read("省财政厅和省有关部门负责资金的监督管理。", directory) == [("省财政厅", "lead")]


def test_the_body_whose_approval_a_measure_needs(directory):
    # 经X批准 opening a sentence or an item, with X a government or a department
    assert _read("经省级人民政府批准，2020年年底前省属重点文化企业可免缴国有资本收益。",
                 directory) == [("省级人民政府", "lead")]
    assert _read("（二十七）经省级人民政府批准，省属重点文化企业可免缴国有资本收益。",
                 directory) == [("省级人民政府", "lead")]
    assert _read("经省财政厅核定，可以拨付补助资金。", directory) == [("省财政厅", "lead")]
    assert _read("经国务院同意，现将方案印发给你们。", directory) == []


def test_a_function_with_its_other_name_in_brackets(directory):
    text = ("各省级能源（电力）主管部门牵头组织开展分布式光伏接入电网承载力评估信息公开工作。"
            "地方能源（电力）主管部门组织落实配电网高质量发展相关要求。")
    assert _read(text, directory) == [("各省级能源（电力）主管部门", "lead"),
                                      ("地方能源（电力）主管部门", "lead")]


def test_a_company_or_a_class_of_them_given_a_duty(directory):
    assert _read("国网四川电力要加快建设机制电量和电价竞价系统。", directory) == [
        ("国网四川电力", "lead")]
    assert _read("供电企业应常态开展民生供电设施状态监测。", directory) == [("供电企业", "lead")]
    assert _read("供电企业严格按照停电次数要求开展治理。", directory) == [("供电企业", "lead")]
    assert _read("省财政厅严格按照规定拨付资金。", directory) == [("省财政厅", "lead")]
    assert _read("国家鼓励乳制品生产企业开展技术改造。", directory) == []
    # addressees at large, or a heading that only looks like one, are no such party
    assert _read("各类企业要加强安全管理。", directory) == []
    assert _read("重点企业应当建立台账。", directory) == []
    assert _read("支持绿色电力应用。", directory) == []


def test_an_institution_given_a_duty_by_a_modal(directory):
    assert _read("医保经办机构要提高日常审核能力，强化对医保费用申报的审核。", directory) == [
        ("医保经办机构", "lead")]
    assert _read("医疗机构应当加强药品使用监测。", directory) == [("医疗机构", "lead")]
    # who is hired or served is no duty holder, and 应对 is no modal
    assert _read("根据工作需要，可以委托第三方机构开展独立评价工作。", directory) == []
    assert _read("提供相关信息，为金融机构开展绿色金融服务提供支撑。", directory) == []
    assert _read("加强培训，提升各级医保行政部门应对处置重大事项能力。", directory) == []


def test_levels_listed_before_the_function_they_share(directory):
    # a municipality and its districts: each level's body, as written
    assert _read("市、区住房城乡建设管理部门以及其他有关部门应当加强对绿色建筑质量和安全的监督管理。",
                 directory) == [("市住房城乡建设管理部门", "lead"), ("区住房城乡建设管理部门", "lead")]
    # a province's levels at large: the class of bodies at each level
    assert _read("市、县财政部门可根据农村危房改造管理工作实际，合理安排必要的管理工作经费。",
                 directory) == [("市级财政部门", "lead"), ("县级财政部门", "lead")]


def test_what_bodies_and_their_staff_must_not_do(directory):
    text = ("生态环境、公安、交通运输、市场监督管理等主管部门及其工作人员不得要求机动车所有人、"
            "驾驶人到其指定的机构进行机动车排气污染定期检测。")
    assert [w for w, _ in _read(text, directory)] == [
        "生态环境主管部门", "公安主管部门", "交通运输主管部门", "市场监督管理主管部门"]
    assert _read("任何单位和个人不得破坏排水设施。", directory) == []


def test_leads_working_with_generic_departments_and_units(directory):
    # 会同有关部门和单位: both partners generic, the verb after a comma still the leads' duty
    text = "省商务厅、省交通运输厅会同有关部门和单位，统筹推进冷链物流网络建设，抓好督促落实。"
    assert _read(text, directory) == [("省商务厅", "lead"), ("省交通运输厅", "lead")]
    assert _read("省商务厅会同相关部门及单位，研究制定配套政策。", directory) == [("省商务厅", "lead")]


def test_a_management_committee_is_a_body(directory):
    # 管委会 is a body's whole name, also before 会同 (管委会会同: not 管委 + 会会同)
    assert _read("滨江新区管委会负责统筹推进新区招商引资和规划建设。", directory) == [
        ("滨江新区管委会", "lead")]
    assert _read("滨江新区管委会会同市国资委对新区国有企业进行年度考核。", directory) == [
        ("滨江新区管委会", "lead"), ("市国资委", "coop")]


def test_partners_of_the_coordination_a_body_must_strengthen(directory):
    # 加强与X、Y等部门的协调配合: those departments take part in the body's work
    text = "市场监管部门要切实加强与公安、交通运输、商务等部门的协调配合，形成监管合力。"
    assert _read(text, directory) == [
        ("市场监管部门", "lead"), ("公安部门", "coop"), ("交通运输部门", "coop"),
        ("商务部门", "coop")]
    # (a sentence without such a body names none by it)
    assert _read("加强与公安、商务等部门的协调配合。", directory) == []
    # a mechanism set up with them still reads as before
    assert ("公安部门", "coop") in _read(
        "市场监管部门要建立与公安、商务等部门的协调配合机制。", directory)


def test_the_body_sought_to_lead_and_a_hospital_that_leads(directory):
    # 争取请X牵头: X leads; 争取 is no part of any name
    read = _read("各县民政局要主动汇报，争取请县人民政府牵头成立养老服务工作专班。", directory)
    assert ("县人民政府", "lead") in read
    assert not any(w.startswith("争取") for w, _ in read)
    # a hospital given a duty by 牵头 or a modal, as institutions are
    assert _read("区中心医院牵头、各社区卫生服务中心参与，建立慢病随访制度。", directory)[:1] == [
        ("区中心医院", "lead")]
    assert _read("定点医院要按月报送结算数据。", directory) == [("定点医院", "lead")]
    # (a hospital built or served is no duty holder)
    assert _read("支持社会力量举办康复医院。", directory) == []


def test_a_verb_before_bumen_opens_no_function_body():
    # 满足部门联合抽查需求, 通过现有渠道统筹做好部门联合…经费保障: 部门 after a verb is no body
    # (组织部门 and 党委宣传部门 are)
    text = ("某省关于推行部门联合抽查的意见\n"
            "（一）统筹建设平台。各省（区、市）人民政府要建设统一的监管工作平台，满足部门联合双随机抽查需求。\n"
            "（二）加强保障。通过现有渠道统筹做好部门联合抽查经费保障。\n"
            "（三）加强领导。党委宣传部门、组织部门要加强对转制工作的指导。\n")
    doc = parse_bytes(text.encode(), "verbs.txt")
    got = {c.path: [u.as_written for u in c.lead_units] for c in doc.clauses if c.path}
    assert got[("(一)",)] == ["各省（区、市）人民政府"]
    assert got[("(二)",)] == []
    assert got[("(三)",)] == ["党委宣传部门", "组织部门"]


def test_a_body_under_its_two_names_is_one_body_named_as_written(directory):
    both = "市发展改革委（市粮食和物资储备局）"
    assert _read(f"第五条  {both}负责市级储备粮行政管理，对储备粮数量实施监督检查。",
                 directory) == [(both, "lead")]
    assert _read(f"第六条  市财政局会同{both}负责安排并拨付储备粮贷款利息。", directory) == [
        ("市财政局", "lead"), (both, "coop")]
    assert _read(f"储备粮收购计划由{both}会同市财政局、农发行某市分行制定。", directory) == [
        (both, "lead"), ("市财政局", "coop"), ("农发行某市分行", "coop")]
    # (以下简称 between a body and its duty is still no second name)
    assert _read("山东省经济和信息化委员会（以下简称省经信委）依法负责全省工作。", directory) == [
        ("山东省经济和信息化委员会", "lead")]


def test_a_body_that_convenes_and_a_bank_with_its_branches(directory):
    assert _read("联席会议由市发展改革委召集，市财政局、市市场监管局参加。", directory)[0] == (
        "市发展改革委", "lead")
    assert _read("农发行某市分行及其分支机构按照国家有关规定，及时发放储备粮所需贷款。",
                 directory) == [("农发行某市分行", "lead")]


def test_a_county_told_what_to_do_is_its_government_a_class_of_places_is_none(directory):
    assert _read("梓潼县要围绕深化政务公开促进政府治理能力提升，继续走在前列。", directory) == [
        ("梓潼县", "lead")]
    assert _read("西秀区应当建立成品粮油储备。", directory) == [("西秀区", "lead")]
    for text in ("贫困县要落实主体责任。", "城区要加强管理。", "重点县要先行先试。", "全县要统一思想。"):
        assert _read(text, directory) == [], text


def test_what_is_hired_or_adjusted_is_no_body(directory):
    assert _read("建立每月抽查机制，聘请第三方公司开展检查评估和绩效考核。", directory) == []
    assert _read("适时调整政务公开领导小组，建立健全协调机制。", directory) == []


def test_a_body_reporting_or_serving_is_charged(directory):
    # whom it reports to, or whom it serves, after the body: its duty
    assert _read("2012年3月31日前，各省（区、市）国土资源主管部门向部报送工作情况报告及相关附表。",
                 directory) == [("各省（区、市）国土资源主管部门", "lead")]
    assert _read("省财政厅每年向省人民政府报告资金使用情况。", directory) == [("省财政厅", "lead")]
    assert _read("省商务厅为外资企业提供一站式服务。", directory) == [("省商务厅", "lead")]
    # (an applicant is no body charged: 企业 is none)
    assert _read("企业向税务机关申请退税。", directory) == []
