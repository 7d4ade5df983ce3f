"""The general note grammar, duties written as sentences, the 公文 frame and the
extraction report — literal Chinese strings, as they appear in real notices."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import default_directory, parse_bytes
from ingest.extract import NoteState, parse_note, text_duties, unit_refs
from ingest.layout import normalize_doc_number
from ingest import report as extraction_report

D = default_directory()


def refs(note, state=None):
    lead, coop = unit_refs(parse_note(note, state), D)
    return [u.as_written for u in lead], [u.as_written for u in coop]


@pytest.mark.parametrize("note, lead, coop", [
    # groups separated by a comma share the role word at the end
    ("人力资源社会保障部、科技部、财政部、住房城乡建设部、市场监管总局，各省级人民政府按职责分工负责",
     ["人力资源社会保障部", "科技部", "财政部", "住房城乡建设部", "市场监管总局", "各省级人民政府"], []),
    # a generic tail is peeled off the named unit and kept as generic
    ("人力资源社会保障部等有关部门和单位负责", ["人力资源社会保障部", "等有关部门和单位"], []),
    ("教育部、民政部等有关部门和单位按职责分工负责", ["教育部", "民政部", "等有关部门和单位"], []),
    # the last named unit glued to the generic tail by 等和
    ("教育部、财政部、民政部等和各省级人民政府负责", ["教育部", "财政部", "民政部", "各省级人民政府"], []),
    # a labelled note with a second, non-unit field
    ("负责部门：国家发展改革委、财政部；适用范围：全国", ["国家发展改革委", "财政部"], []),
    ("国家发展改革委、商务部指导", ["国家发展改革委", "商务部"], []),
    ("商务部指导，海关总署、税务总局参与", ["商务部"], ["海关总署", "税务总局"]),
    ("牵头单位：省科技厅；责任单位：省财政厅、省教育厅", ["省科技厅"], ["省财政厅", "省教育厅"]),
    ("责任单位：省科技厅（牵头）、省财政厅、省教育厅", ["省科技厅"], ["省财政厅", "省教育厅"]),
    ("省发展改革委负责，省财政厅参与", ["省发展改革委"], ["省财政厅"]),
    ("省财政厅会同省科技厅", ["省财政厅"], ["省科技厅"]),
    ("由省农业农村厅牵头，省财政厅、省自然资源厅等配合", ["省农业农村厅"], ["省财政厅", "省自然资源厅"]),
    ("分别由省教育厅、省人力资源社会保障厅负责", ["省教育厅", "省人力资源社会保障厅"], []),
    # 和 between two units splits; 和 inside a unit's own name does not
    ("教育部和人力资源社会保障部负责", ["教育部", "人力资源社会保障部"], []),
    ("工业和信息化部负责", ["工业和信息化部"], []),
    # 各 and 政府 reach over the 、 of two levels: one class of bodies (各区、市各部门: two)
    ("责任单位：市发改委、市经信局，各区、县（市）政府", ["市发改委", "市经信局", "各区、县（市）政府"], []),
    ("责任单位：各区、市各部门，市数据局", ["各区", "市各部门", "市数据局"], []),
])
def test_note_forms(note, lead, coop):
    assert refs(note) == (lead, coop)


def test_role_word_is_kept_as_written():
    lead, coop = unit_refs(parse_note("商务部指导，海关总署参与"), D)
    assert [(u.name, u.role, u.role_word) for u in lead + coop] == [
        ("中华人民共和国商务部", "lead", "指导"), ("中华人民共和国海关总署", "coop", "参与")]


def test_first_listed_leads_applies_across_groups():
    state = NoteState()
    refs("工业和信息化部、发展改革委等负责。列第一位者为牵头单位，下同", state)
    assert refs("人力资源社会保障部、科技部，各省级人民政府按职责分工负责", state) == (
        ["人力资源社会保障部"], ["科技部", "各省级人民政府"])


def test_generic_group_is_never_the_only_lead_when_units_are_named():
    lead, _ = unit_refs(parse_note("人力资源社会保障部、财政部，各省级人民政府按职责分工负责"), D)
    assert [u.generic for u in lead] == [False, False, True]


NAMED = ["教育部", "科技部", "财政部", "民政部", "商务部", "省科技厅", "省财政厅", "省教育厅"]


@settings(max_examples=150, deadline=None)
@given(
    groups=st.lists(st.lists(st.sampled_from(NAMED), min_size=1, max_size=3, unique=True),
                    min_size=1, max_size=3),
    sep=st.sampled_from(["，", "；", ","]),
    inner=st.sampled_from(["、", "、", "，"]),
    tail=st.sampled_from(["", "等", "等有关部门", "等有关部门和单位"]),
    word=st.sampled_from(["负责", "按职责分工负责", "分别负责", "牵头", "指导"]),
)
def test_any_grouping_keeps_every_named_unit_as_lead(groups, sep, inner, tail, word):
    flat = [u for g in groups for u in g]
    if len(set(flat)) != len(flat):
        return
    if inner == "，" and sep == "，":
        inner = "、"
    note = sep.join(inner.join(g) for g in groups) + tail + word
    lead, coop = unit_refs(parse_note(note), D)
    named = [u.as_written for u in lead if not u.generic]
    assert named == flat, note
    assert coop == ()
    for u in lead:
        assert u.known, (note, u)


@pytest.mark.parametrize("sentence, lead, coop", [
    ("省财政厅会同省住房城乡建设厅负责补助资金的分配。", ["山东省财政厅"], ["山东省住房和城乡建设厅"]),
    ("第五条　省财政厅负责补助资金预算管理，会同省住房城乡建设厅分配资金。",
     ["山东省财政厅"], ["山东省住房和城乡建设厅"]),
    ("补助资金由省财政厅会同省住房城乡建设厅按因素法分配。", ["山东省财政厅"], ["山东省住房和城乡建设厅"]),
    ("由省农业农村厅牵头，省财政厅配合，做好相关工作。", ["山东省农业农村厅"], ["山东省财政厅"]),
    ("省住房城乡建设厅负责审核各地上报的农村危房改造计划。", ["山东省住房和城乡建设厅"], []),
    ("发展改革委会同财政部等有关部门研究提出了办理意见：",
     ["中华人民共和国国家发展和改革委员会"], ["中华人民共和国财政部"]),
    ("按照预算管理规定，省住房城乡建设厅会同省财政厅设定绩效目标。",
     ["山东省住房和城乡建设厅"], ["山东省财政厅"]),
    # a body the directory does not know, named by what it is
    ("出现国家级粮食应急状态时，国家粮食应急工作指挥部必须立即上报。", ["国家粮食应急工作指挥部"], []),
    ("中国储备粮管理总公司负责中央储备粮动用计划的执行。", ["中国储备粮管理总公司"], []),
    # bodies named by function, a shared suffix written out
    ("各级财政、住房城乡建设部门应建立资金监管机制。", ["各级财政部门", "各级住房城乡建设部门"], []),
    ("各级住房城乡建设部门要会同财政部门开展绩效评价。", ["各级住房城乡建设部门"], ["财政部门"]),
    # a body the directory does not know, after 由, then a verb other than 负责
    ("对先行区内医疗机构的申请，由海南省人民政府实施审批。", ["海南省人民政府"], []),
    # an adverb between the body and its duty; partners 与…一起
    ("国办正在牵头组织建设中央政府门户网站。", ["国务院办公厅"], []),
    ("国办已会同国务院信息办组织力量起草了规范。", ["国务院办公厅"], ["国务院信息办"]),
    ("国办将与国家标准委、国务院信息办等单位一起，组织制定标准。", ["国务院办公厅"],
     ["国家标准化管理委员会", "国务院信息办"]),
    # bodies named in full before 等部门: no shared suffix to write out
    ("环保总局会同发展改革委、水利部、交通部等部门研究提出了办理意见。",
     ["中华人民共和国生态环境部"], ["中华人民共和国国家发展和改革委员会", "中华人民共和国水利部",
                                   "中华人民共和国交通运输部"]),
    # an adverbial between the bodies and their duty
    ("国务院人力资源社会保障行政部门、教育行政部门在职责范围内，分别负责管理证书的实施。",
     ["国务院人力资源社会保障行政部门", "教育行政部门"], []),
    # X是…的主管单位
    ("国务院办公厅是全国政务新媒体工作的主管单位。", ["国务院办公厅"], []),
    # a colon ends what the first body does; the next subject has its own duty
    ("发展改革委会同有关部门研究提出了办理意见：待上报项目建议书后，交通部将进行行业审查。",
     ["中华人民共和国国家发展和改革委员会", "中华人民共和国交通运输部"], []),
    # a body whose duty is to take part, assist or support others cooperates
    ("教育行政部门要参与小区配套幼儿园规划、建设、验收、移交等各个环节的工作。", [], ["教育行政部门"]),
    ("省财政厅配合做好资金保障工作。", [], ["山东省财政厅"]),
    # backing the work once a body leads it is taking part; before any lead, a duty
    ("应急部要认真组织实施。各地区、各有关部门要积极支持专用号牌相关工作。", ["中华人民共和国应急管理部"],
     ["各地区", "各有关部门"]),
    ("各级政府要积极支持职业培训，行政部门要简政放权。", ["各级政府", "行政部门"], []),
    # 请X…: a request names who does it, at the start or after a comma
    ("请财政部在相关规定中明确报销标准。", ["中华人民共和国财政部"], []),
    ("有关事项不再由专业机构承担，请科技部、农业农村部等部门在年底前完成。",
     ["中华人民共和国科学技术部", "中华人民共和国农业农村部"], []),
    # a class of bodies named by function joins a chain of named ones
    ("科技部、财政部和相关项目管理部门要修订经费管理办法。",
     ["中华人民共和国科学技术部", "中华人民共和国财政部", "相关项目管理部门"], []),
    # a function list holding a body named in full; adverbs before 配合
    ("民政、公安、人民银行等有关部门要紧密配合，依法查处。", [],
     ["民政部门", "公安部门", "中国人民银行"]),
    # a duty written as a modifier of what is set up
    ("县级以上人民政府要建立司法行政、编制管理、财政等单位参加的协调机制。",
     ["县级以上人民政府"], ["司法行政部门", "编制管理部门", "财政部门"]),
    ("建立市场监管部门牵头的联席会议制度。", ["市场监管部门"], []),
    # every 由 in a sentence names a duty; 由X + any verb
    ("确需动用的，由省级人民政府提出申请，由国家发展改革委会同财政部提出动用方案。",
     ["省级人民政府", "中华人民共和国国家发展和改革委员会"], ["中华人民共和国财政部"]),
    ("由省级粮食行政管理部门掌握、联系加工企业。", ["省级粮食行政管理部门"], []),
    ("办公室设在国家粮食局，由国家粮食局主要负责人兼任办公室主任。", [], []),
    # a decimal-numbered section with its heading; 及其有关部门 names two bodies
    ("5.1.3 库存管理 省级人民政府及其有关部门要加强监督检查。",
     ["省级人民政府", "省级人民政府有关部门"], []),
    # X为…主管部门; a request that opens with 建议; a body of another province as written
    ("交通运输部为道路运输证件的核发主管部门。", ["中华人民共和国交通运输部"], []),
    ("建议浙江省人民政府按照专家组意见，做好长期监测工作。", ["浙江省人民政府"], []),
    # a class of bodies whose name holds 机关; an adverb of time or frequency before the verb
    ("对违法行为，由公安机关交通管理部门依法处理。", ["公安机关交通管理部门"], []),
    ("甘肃省地震局已在当地设立了监测站。", ["甘肃省地震局"], []),
    ("自然资源部两次组成专家组赴现场调查。", ["中华人民共和国自然资源部"], []),
    ("此后，江西省国土资源厅又分别对险情进行了调查。", ["江西省国土资源厅"], []),
    # the stock pair 各地区、各部门: every locality and every department
    ("各地区、各部门要做好节日期间的安全工作。", ["各地区", "各部门"], []),
    # a body opening a later part of the sentence is that part's subject
    ("省财政厅负责资金分配，省住房城乡建设厅负责技术指导。",
     ["山东省财政厅", "山东省住房和城乡建设厅"], []),
    ("根据领导同志批示，2004年4月，水利部组成专家组赴现场调查。", ["中华人民共和国水利部"], []),
    # work under way (正在编制) and a body's proposal (X建议，…) are its duties
    ("按照发展改革委的要求，水利部正在编制长江支流治理规划，发展改革委建议，在规划完成后再研究。",
     ["中华人民共和国水利部", "中华人民共和国国家发展和改革委员会"], []),
    # a body that pays, when and from what; 由 + a bank the directory lacks; 哪家 is no body
    ("其中，中国人民银行每年从黄金收售价差款中支付XXX元，财政部定额补贴XXX元。",
     ["中国人民银行", "中华人民共和国财政部"], []),
    ("财政部会同有关部门安排必要经费。", ["中华人民共和国财政部"], []),
    ("新开工项目由中国人民建设银行贷款；续建项目，过去由哪家银行贷款，今后仍由其安排贷款。",
     ["中国人民建设银行"], []),
    # 和其他有关部门 closes a chain; 会同有关部门 then an adverb of timing before the verb
    ("国务院教育行政部门、人力资源社会保障行政部门和其他有关部门在职责范围内，分别负责有关工作。",
     ["国务院教育行政部门", "人力资源社会保障行政部门"], []),
    ("国务院人力资源社会保障行政部门会同有关部门，适时组织清理调整歧视政策。",
     ["国务院人力资源社会保障行政部门"], []),
    # 报X审核 is where a result goes, not a subject
    ("省住房城乡建设厅负责设定绩效目标，报住房城乡建设部审核。", ["山东省住房和城乡建设厅"], []),
    # whoever is instructed does it; members of a body whose lead is named apart take part
    ("国务院领导同志批示发展改革委、科技部认真研究。",
     ["中华人民共和国国家发展和改革委员会", "中华人民共和国科学技术部"], []),
    ("联席会议由教育部、财政部组成，教育部为牵头单位。",
     ["中华人民共和国教育部"], ["中华人民共和国财政部"]),
    ("联席会议由教育部、财政部、扶贫办3个部门和单位组成，教育部为牵头单位。",
     ["中华人民共和国教育部"], ["中华人民共和国财政部", "中华人民共和国农业农村部"]),
    ("由国务院办公厅、财政部组成工作小组，领导试点工作。",
     ["国务院办公厅", "中华人民共和国财政部"], []),
    # bodies the directory does not know: a 兵团, a 协调小组, the State Council's departments
    ("新疆维吾尔自治区人民政府和新疆生产建设兵团要加强组织领导。",
     ["新疆维吾尔自治区人民政府", "新疆生产建设兵团"], []),
    ("国务院有关部门要按照职能分工，给予积极支持。", ["国务院有关部门"], []),
    # a government's general office, as a class of bodies
    ("地方各级人民政府办公厅（室）是本地区政务新媒体工作的主管单位。",
     ["地方各级人民政府办公厅（室）"], []),
    # the provinces concerned, with a bracket saying which kinds, or one of their departments
    ("各有关省（市）教育主管部门要明确一位负责同志分管内地西藏班（校）工作。",
     ["各有关省（市）教育主管部门"], []),
    ("各有关省（市）人民政府应高度重视，保证按期完成扩招任务。", ["各有关省（市）人民政府"], []),
    ("各省（自治区、直辖市）人民政府要加强领导。", ["各省（自治区、直辖市）人民政府"], []),
    ("各有关省教育主管部门要明确专人负责。", ["各有关省教育主管部门"], []),
    # partners named after 与: working together, or a mechanism set up with them
    ("省财政厅要与省水利厅共同做好资金分配工作。", ["山东省财政厅"], ["山东省水利厅"]),
    ("省财政厅要与省水利厅建立协调机制。", ["山东省财政厅"], ["山东省水利厅"]),
    ("各地区、各部门要建立完善与宣传、网信、公安等部门的沟通协调机制，共同做好舆情应对工作。",
     ["各地区", "各部门"], ["宣传部门", "网信部门", "公安部门"]),
    # the body a cooperating unit supports leads the work; 予以配合 takes part; 联合 as 会同
    ("省财政厅要积极配合省教育厅做好资金保障工作。", ["山东省教育厅"], ["山东省财政厅"]),
    ("各市人民政府要积极支持配合省科技厅开展工作。", ["山东省科学技术厅"], ["各市人民政府"]),
    ("省统计局负责数据采集，省发展改革委予以配合。", ["山东省统计局"], ["山东省发展和改革委员会"]),
    ("省应急厅联合省公安厅开展专项检查。", ["山东省应急管理厅"], ["山东省公安厅"]),
    # after 应当履行下列职责：, an item opening with a body is its duty whatever the verb;
    # 和 inside a function's own name (发展和改革部门)
    (("县级以上人民政府有关部门应当履行下列职责：（一）发展和改革部门将消防设施建设列入投资计划；"
      "（二）财政部门按时、足额拨付消防经费。"),
     ["县级以上人民政府有关部门", "发展和改革部门", "财政部门"], []),
    ("（二）财政部门按时、足额拨付消防经费。", [], []),
    # governments and their departments as regulations name them: 县（市、区）, 省人民政府…部门,
    # 乡镇人民政府, 街道办事处
    ("县（市、区）人民政府应当将小作坊的监督管理纳入年度计划，并负责组织实施。",
     ["县（市、区）人民政府"], []),
    ("可以由省人民政府卫生和计划生育部门会同食品药品监督管理部门制定地方标准。",
     ["省人民政府卫生和计划生育部门"], ["食品药品监督管理部门"]),
    ("乡镇人民政府、街道办事处应当协助县（市、区）人民政府市场监督管理部门做好监督管理工作。",
     ["县（市、区）人民政府市场监督管理部门"], ["乡镇人民政府", "街道办事处"]),
    # a 派出所, a 消防机构; what a body must do once it finds or receives something
    ("公安派出所对规模较小场所的消防安全工作进行日常消防监督检查。", ["公安派出所"], []),
    ("建设工程的抽查比例，由省人民政府公安机关消防机构确定。", ["省人民政府公安机关消防机构"], []),
    ("县级以上人民政府有关部门发现商品存在缺陷的，应当立即责令经营者停止销售。",
     ["县级以上人民政府有关部门"], []),
    # 或者其他有关部门 after a body closes its chain
    ("经营者有下列行为之一的，由工商行政管理部门或者其他有关部门责令改正。", ["工商行政管理部门"], []),
    # the party a contract is signed with (X同/与Y签订…) takes part; 同意 names no partner
    ("土地使用权由市人民政府同省国资委签订租赁合同取得。", ["市人民政府"], ["山东省人民政府国有资产监督管理委员会"]),
    ("国务院同意你省的请示。", [], []),
    # by what the body acts (依照X), then its duty verb
    ("省人社厅组织制定职业标准，省教育厅依照职业标准牵头组织开发教学标准。",
     ["山东省人力资源和社会保障厅", "山东省教育厅"], []),
    # a sentence without a subject still names the partners it shares the work with
    ("建立完善与宣传、网信、公安等部门的沟通协调机制，共同做好舆情应对工作。",
     [], ["宣传部门", "网信部门", "公安部门"]),
    ("加强与省财政厅的协调配合。", [], []),
    # a body that may act as the work needs
    ("联席会议办公室可根据工作需要，组织成员单位开展联合督导调研。", ["联席会议办公室"], []),
    # an office set up under a body is that body's office
    ("国家粮食应急工作指挥部下设办公室，负责日常工作。", ["国家粮食应急工作指挥部办公室"], []),
    # bodies named by a 机关 or 机构 the directory lacks, and a post (秘书长), after 由
    ("无法确定原值的，由主管税务机关核定。", ["主管税务机关"], []),
    ("条例的解释工作由国务院法制机构承办。", ["国务院法制机构"], []),
    ("以办公厅名义发文，由国务院秘书长签发。", ["国务院秘书长"], []),
    ("煤矿安全监察机构要加强日常监察。", ["煤矿安全监察机构"], []),
    # the law's 设区的市 (a city with districts), 的 and all: a class of governments
    ("设区的市人民政府应当加强对本行政区域内安全监督管理工作的领导。", ["设区的市人民政府"], []),
    ("违反本办法规定的，由设区的市人民政府商务主管部门责令改正。", ["设区的市人民政府商务主管部门"], []),
    # a body's head acts for it; 主办部门 is the department in charge (主办 is no office)
    ("部门间如有分歧意见，主办部门的主要负责人要主动协商。", ["主办部门"], []),
    ("省财政厅主要负责同志要亲自部署。", ["山东省财政厅"], []),
    # …but a verb taking a 机构 as its object opens no name
    ("省卫生健康委要严格审查医疗机构提出的申请。", ["山东省卫生健康委员会"], []),
    ("通过购买服务，听取咨询机构提出的意见。", [], []),
    ("健全应急机制，提高政府应对公共危机的能力。", [], []),
    # not duties, and no bodies: acting words and lead-ins are no names
    ("这是一个重要的主管部门。", [], []),
    ("要科学确定部门联合抽查的事项和发起、参与部门。", [], []),
    # words of acting or of the asker are no names (部署, 负担部分, 我局, 完善政府性…, 可成立…)
    ("各地要周密部署，认真组织实施。", [], []),
    ("中央财政负担部分由中央财政安排。", [], []),
    ("我局将会同有关部门研究。", [], []),
    ("完善政府性融资担保体系，各级政府要加强领导。", ["各级政府"], []),
    ("各地可成立清理整顿工作领导小组，负责本地区的清理整顿工作。", [], []),
    ("联席会议办公室设在教育部，主要承担联席会议组织联络工作。", [], []),
    ("根据西藏自治区人民政府的请示，作如下安排。", [], []),
    ("2016年省财政厅下达资金10亿元。", [], []),
    ("本办法自2017年4月7日起施行。", [], []),
    # a centre with its place first is a body, a verb before one is no part of a name
    ("市数据局会同市大数据中心持续提升算力供给能力。", ["市数据局"], ["市大数据中心"]),
    ("国家能源局派出机构建立跟踪评价工作机制。", ["国家能源局派出机构"], []),
    ("建强国家教育大数据中心，提升服务能力。", [], []),
])
def test_duties_written_as_sentences(sentence, lead, coop):
    got_lead, got_coop = unit_refs(text_duties(sentence, D), D, source="text")
    assert [u.name for u in got_lead] == lead
    assert [u.name for u in got_coop] == coop
    assert all(u.source == "text" for u in got_lead + got_coop)


def test_a_city_with_districts_is_a_class_of_bodies():
    mentions = text_duties("设区的市人民政府应当加强领导。", D)
    assert [(m.as_written, m.generic) for m in mentions] == [("设区的市人民政府", True)]


@pytest.mark.parametrize("written, normal", [
    ("鲁政字[2023]209号", "鲁政字〔2023〕209号"),
    ("鲁政字（2023）209号", "鲁政字〔2023〕209号"),
    ("国发(2018)42号", "国发〔2018〕42号"),
    ("国办发〔2018〕121号", "国办发〔2018〕121号"),
    ("国办发 2018年 121号", "国办发〔2018〕121号"),
])
def test_doc_numbers_are_normalised(written, normal):
    assert normalize_doc_number(written) == normal


NOTICE = """山东省人民政府文件
鲁政发[2024]3号
签发人：张三
山东省人民政府关于加强测试工作的意见
各市人民政府，省政府各部门：
一、重点任务
（一）推进试点。开展甲工作。（省发展改革委指导）开展乙工作。（省科技厅指导，省财政厅参与）
（二）完善机制。建立丙制度。（省科技厅牵头）（省财政厅、省教育厅配合）
（三）强化保障。加强丁工作。（省农科院负责）
附件：测试清单
山东省人民政府
二〇二四年三月五日
（此件公开发布）
抄送：省委各部门。
山东省人民政府办公厅 2024年3月6日印发
"""


def test_frame_of_a_notice_and_its_report():
    doc = parse_bytes(NOTICE.encode("utf-8"), "notice.txt")
    assert doc.doc_number == "鲁政发〔2024〕3号"
    frame = doc.frame
    assert frame["发文机关标志"] == "山东省人民政府文件"
    assert frame["签发人"] == "张三"
    assert frame["主送机关"] == "各市人民政府，省政府各部门"
    assert frame["成文日期"] == "2024-03-05"
    assert frame["附注"] == "（此件公开发布）"
    assert frame["附件说明"] == "测试清单"
    assert frame["抄送"].startswith("省委各部门")
    assert frame["印发机关"] == "山东省人民政府办公厅"
    assert frame["印发日期"] == "2024-03-06"
    assert frame["文种"] == "意见"
    by_path = {(c.path, c.seq): c for c in doc.clauses}
    assert [u.name for u in by_path[(("一", "(一)"), 2)].coop_units] == ["山东省财政厅"]
    # two notes in a row, one per role
    second = by_path[(("一", "(二)"), 1)]
    assert [u.as_written for u in second.lead_units] == ["省科技厅"]
    assert [u.as_written for u in second.coop_units] == ["省财政厅", "省教育厅"]
    # an unknown unit is never silent: it is in the report with its clause
    kinds = {(item["kind"], item["path"]) for item in doc.report}
    assert ("unknown_unit", "一、(三)") in kinds
    assert "名录外" in extraction_report.KINDS["unknown_unit"][0]
    assert "unit not in the directory ×1" in extraction_report.summary(doc)


def test_plain_text_without_a_title_says_so():
    doc = parse_bytes("第一条 为规范管理，制定本办法。\n第二条 省财政厅负责资金管理。\n".encode(),
                      "rules.txt")
    assert doc.doc_type == "办法"
    assert any(item["kind"] == "missing_metadata" and "title" in item["detail"]
               for item in doc.report)
    assert [u.name for c in doc.clauses for u in c.lead_units] == ["山东省财政厅"]


def test_a_decision_without_numbered_items_has_its_duties_read():
    text = ("国务院关于在测试先行区暂时调整实施有关规定的决定\n"
            "为支持测试先行区发展，国务院决定暂时调整实施有关规定，对先行区内企业的申请，"
            "由海南省人民政府实施审批。具体管理办法由海南省人民政府制定。\n"
            "国务院\n2018年4月2日\n")
    doc = parse_bytes(text.encode("utf-8"), "decision.txt")
    assert {u.name for c in doc.clauses for u in c.lead_units} == {"海南省人民政府"}


TABLE_PAGE = """<html><body><div class="nav"><a href="/">首页</a></div><div id="UCAP-CONTENT">
<p>国务院办公厅关于测试工作的通知</p><p>国办发〔2024〕9号</p>
<p>一、总体要求</p><p>（一）加强领导。做好测试工作。（国家发展改革委负责）</p>
<p>附件</p><p>重点任务分工表</p>
<table><tr><td>序号</td><td>重点任务</td><td>指导部门</td><td>完成时限</td></tr>
<tr><td colspan="4">一、优化营商环境</td></tr>
<tr><td>1</td><td>推进证照分离改革</td><td>市场监管总局、商务部</td><td>2024年底前</td></tr>
<tr><td>2</td><td>完善信用体系</td><td>国家发展改革委，人民银行</td><td>持续推进</td></tr>
<tr><td colspan="4">二、扩大开放</td></tr>
<tr><td>3</td><td>发展综合保税区</td><td>海关总署</td><td>2025年</td></tr>
</table></div></body></html>"""


def test_task_table_with_a_guidance_column_and_section_rows():
    doc = parse_bytes(TABLE_PAGE.encode("utf-8"), "table.html")
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert [(c.section[-1], [u.name for u in c.lead_units]) for c in rows] == [
        ("一、优化营商环境", ["国家市场监督管理总局", "中华人民共和国商务部"]),
        ("一、优化营商环境", ["中华人民共和国国家发展和改革委员会", "中国人民银行"]),
        ("二、扩大开放", ["中华人民共和国海关总署"]),
    ]
    assert {u.role_word for c in rows for u in c.lead_units} == {"指导部门"}
    assert {u.source for c in rows for u in c.lead_units} == {"table"}
    # the caption and the 附件 line are not clause text
    assert len([c for c in doc.clauses if c.kind == "clause"]) == 1


def test_bodies_whose_guidance_the_work_accepts_lead_it():
    mentions = text_duties("各级政务新媒体要接受宣传、网信部门的有关业务统筹指导和宏观管理。", D)
    assert [(m.as_written, m.role) for m in mentions] == [("宣传部门", "lead"), ("网信部门", "lead")]


@pytest.mark.parametrize("sentence, body", [
    ("同意将示范区建设工作纳入国家自主创新示范区部际协调小组统筹指导，落实相关政策措施。",
     "国家自主创新示范区部际协调小组"),
    ("在京津冀协同发展领导小组统筹指导下，河北省委和省政府要切实履行主体责任。", "京津冀协同发展领导小组"),
    ("协调委员会在北京奥运会组委会领导下，研究拟订机场各项保障措施。", "北京奥运会组委会"),
])
def test_a_body_the_work_is_put_under_guides_it(sentence, body):
    mentions = text_duties(sentence, D)
    assert (body, "lead", "指导") in [(m.as_written, m.role, m.role_word) for m in mentions]
    # and a place the work happens in is no guiding body
    assert not text_duties("在重大项目安排、体制机制创新等方面给予积极支持。", D)


def test_a_remark_in_brackets_names_no_body():
    # the scope of a list of measures, in brackets like a note: no unit, not a unit's name
    lead, coop = unit_refs(parse_note("（以下除标注适用于特定自贸试验区的措施外，适用范围均为所有自贸试验区）"), D)
    assert lead == () and coop == ()
    lead, _ = unit_refs(parse_note("（负责单位：商务部、海关总署；适用范围：所有自贸试验区）"), D)
    assert [u.name for u in lead] == ["中华人民共和国商务部", "中华人民共和国海关总署"]


@pytest.mark.parametrize("sentence, lead", [
    ("设区的市、县（市、区）人民政府林业主管部门负责本行政区域内的森林防火工作。",
     ["设区的市、县（市、区）人民政府林业主管部门"]),
    ("市、县（市、区）人民政府燃气行政主管部门应当加强监督检查。", ["市、县（市、区）人民政府燃气行政主管部门"]),
    # a recipient (报X审核) is no duty holder, and no body is named 报同级…
    ("省人民政府有关行业主管部门应当制定用水定额，报同级水行政主管部门审核同意后公布。", []),
])
def test_levels_listed_before_a_function(sentence, lead):
    assert [m.as_written for m in text_duties(sentence, D) if m.role == "lead"] == lead


def test_a_short_form_note_between_a_body_and_its_duty():
    text = "国家对成品油经营实行许可制度。山东省经济和信息化委员会（以下简称省经信委）依法负责组织协调全省成品油市场的监督管理。"
    mentions = text_duties(text, D)
    assert [(m.as_written, m.role) for m in mentions] == [("山东省经济和信息化委员会", "lead")]
    assert text.startswith("山东省经济和信息化委员会", mentions[0].start)  # offsets as written


def test_partners_named_after_the_bodies_concerned():
    mentions = text_duties("流域综合规划，由省水行政主管部门会同有关部门和设区的市人民政府编制，报省人民政府批准。", D)
    assert [(m.as_written, m.role) for m in mentions] == [
        ("省水行政主管部门", "lead"), ("设区的市人民政府", "coop")]


@pytest.mark.parametrize("sentence, lead", [
    # when the body acts, between it and its duty
    ("申请人应向省商务厅报送申请材料。省商务厅在征求省经信委意见并对申请材料审查后，核准颁发批准证书。", ["省商务厅"]),
    ("县级以上人民政府林业主管部门在接到报告后，应当立即组织扑救。", ["县级以上人民政府林业主管部门"]),
    # an authority's own acts: 受理, 查处, 责令
    ("县级以上人民政府市场监督管理部门受理投诉后五日内作出处理。", ["县级以上人民政府市场监督管理部门"]),
    # the body of the place where it happens (由…发生地的…, 由所在地…)
    ("由违法行为发生地的县级以上人民政府市场监督管理部门责令改正。",
     ["违法行为发生地的县级以上人民政府市场监督管理部门"]),
    ("由所在地县级人民政府市场监督管理部门负责查处。", ["所在地县级人民政府市场监督管理部门"]),
    # either of the bodies named acts (X、Y或者Z应当…)
    ("乡镇人民政府、街道办事处或者城市管理部门应当划定食品摊点经营区域。",
     ["乡镇人民政府", "街道办事处", "城市管理部门"]),
    # a former department whose name holds 和 (经济和信息化委员会)
    ("省人民政府经济和信息化部门应当会同有关部门，定期制定淘汰名录。", ["省人民政府经济和信息化部门"]),
    # by what law the bodies act (依照…的规定, like 按照 and 依据)
    ("国土资源、林业、农业、水利等行政主管部门，依照有关法律、法规的规定对资源的保护实施监督管理。",
     ["国土资源行政主管部门", "林业行政主管部门", "农业行政主管部门", "水利行政主管部门"]),
    # two levels joined by 和 before a function (市和县（市）价格主管部门)
    ("具体收费标准由市和县（市）价格主管部门会同同级财政、教育部门制定。", ["市和县（市）价格主管部门"]),
    ("学前教育布局专项规划由市和县（市）教育行政部门会同同级城乡规划主管部门编制。",
     ["市和县（市）教育行政部门"]),
    # 县（市）区 as a level; bodies doing their parts (分别对…)
    ("县（市）区教育行政部门和卫生行政部门分别对学前教育机构教师、卫生保健人员实行注册登记管理制度。",
     ["县（市）区教育行政部门", "卫生行政部门"]),
    # a department whose approval is required (应当经…核定 / 考核合格)
    ("学前教育机构的招生计划应当经县（市）区教育行政部门核定。", ["县（市）区教育行政部门"]),
    ("非药学技术人员直接从事药剂技术工作的，应当经设区的市药品监督管理部门考核合格。",
     ["设区的市药品监督管理部门"]),
    ("本方案经国务院同意后实施。", []),
    # 经 after a comma, the approving department's verb later in the phrase; 经 is no part
    # of its name
    (("以师承方式学习中医的人员，经两名中医医师推荐，经省人民政府中医药主管部门按照国家有关规定"
      "组织考核合格后，即可取得中医医师资格。"), ["省人民政府中医药主管部门"]),
    # a comma between the bodies listed and their remit (…等部门，在各自职责范围内做好…)
    ("县级以上人民政府发展改革、教育等部门，在各自职责范围内做好与中医药管理有关的工作。",
     ["县级以上人民政府发展改革部门", "县级以上人民政府教育部门"]),
    # what a body weighs before acting (结合本地实际…，统筹制定)
    ("县级以上地方人民政府结合本地实际及行业主管部门的抽查要求，统筹制定本辖区年度抽查工作计划。",
     ["县级以上地方人民政府"]),
])
def test_when_a_body_acts_and_what_an_authority_does(sentence, lead):
    assert [m.as_written for m in text_duties(sentence, D) if m.role == "lead"] == lead


def test_where_a_clause_sends_things():
    from ingest.extract import recipients

    assert recipients("销售单位应当将流向信息报当地县（市、区）人民政府公安机关备案。", D) == [
        "当地县（市、区）人民政府公安机关"]
    assert recipients("省经信委应当将批复文件报商务部备案，同时抄送省商务厅。", D) == ["商务部", "省商务厅"]
    # a body's own name is no recipient: 公安机关消防机构 is one body
    assert text_duties("县级以上人民政府公安机关消防机构应当加强消防监督检查。", D)[0].as_written == \
        "县级以上人民政府公安机关消防机构"


def test_a_sentence_s_verbs_are_no_part_of_a_body_s_name():
    # 外商投资企业还应提交商务部核发的批准证书: no body is named 外商投资企业还应提交商务部
    mentions = text_duties("（十三）外商投资企业还应提交商务部核发的《外商投资企业批准证书》。", D)
    assert all("提交" not in m.as_written for m in mentions)


def test_a_body_without_its_title_line_is_named_by_its_opening():
    # a numbered heading of the body is never the title, and nothing before it is lost
    text = ("为加快人才发展，就推进人才集聚工程（简称“测试”工程），提出以下实施意见。\n"
            "一、总体目标\n1.目标。5年内引进和培养高层次人才达到2000名左右。\n"
            "二、实施人才行动计划\n2.紧缺人才开发项目。定期发布紧缺人才目录。"
            "（牵头单位：市发展改革委，配合单位：市委组织部）\n")
    doc = parse_bytes(text.encode("utf-8"), "untitled.txt")
    assert doc.title == "关于推进人才集聚工程的实施意见"
    assert doc.doc_type == "意见"
    assert [(c.path, c.heading) for c in doc.clauses if c.path] == [
        (("一", "1"), "目标"), (("二", "2"), "紧缺人才开发项目")]
    assert [t.value for c in doc.clauses for t in c.targets] == [2000]
    assert any(item["kind"] == "missing_metadata" and "opening sentence" in item["detail"]
               for item in doc.report)
    # without such an opening the file name stands in, and the report says so
    doc = parse_bytes(text.split("\n", 1)[1].encode("utf-8"), "untitled.txt")
    assert doc.title == "untitled" and doc.meta["title_from"] == "file name"


def test_more_ways_of_writing_who_does_a_task():
    # two labels on one line apart by spaces; a further label (完成时限) ends the list;
    # 由X牵头，Y配合 as a closing sentence; 主要责任单位; a labelled line whose own bracket
    # states the first-listed-leads convention
    text = ("某市现代物流体系实施方案\n一、重点任务\n"
            "（一）建设物流枢纽。布局一批国家物流枢纽。\n"
            "牵头单位：市发展改革委  配合单位：市交通运输局、市商务局\n"
            "（二）发展冷链物流。完善冷链设施网络。（责任单位：市商务局　完成时限：2024年底）\n"
            "（三）培育物流企业。支持企业做大做强。由市商务局牵头，市财政局、市税务局配合。\n"
            "（四）发展智慧物流。推广无人仓储。\n主要责任单位：市工业和信息化局\n"
            "（五）加强用地保障。优先保障物流用地。\n"
            "责任单位：市自然资源和规划局、市住房城乡建设局（列第一位的为牵头单位）\n")
    doc = parse_bytes(text.encode(), "logistics.txt")
    got = {c.path[-1]: ([u.as_written for u in c.lead_units], [u.as_written for u in c.coop_units])
           for c in doc.clauses if c.path}
    assert got["(一)"] == (["市发展改革委"], ["市交通运输局", "市商务局"])
    assert got["(二)"] == (["市商务局"], [])
    assert got["(三)"] == (["市商务局"], ["市财政局", "市税务局"])
    assert got["(四)"] == (["市工业和信息化局"], [])
    assert got["(五)"] == (["市自然资源和规划局"], ["市住房城乡建设局"])


def test_a_note_closing_a_group_of_items_and_the_sentences_of_a_part_without_notes():
    # a note on a line of its own after the last item of a stage is each item's of it
    # (unless an item has its own); in the part with no note at all (保障措施) a sentence
    # that assigns work as plainly as a note (会同) is read, an exhortation (各部门要) is not;
    # the plan's period in brackets is part of its title
    text = ("某市数据应用场景建设推进方案（2026-2027年）\n一、推进计划\n（一）谋划阶段\n"
            "1.建立工作机制：组建工作专班。\n2.梳理场景需求：开展需求摸底。\n"
            "（责任单位：市数据局、市大数据中心）\n"
            "（二）验证阶段\n1.搭建验证环境。\n（责任单位：市大数据中心）\n"
            "（三）推广阶段\n1.发布建设成果。（责任单位：市数据局）\n2.总结推广经验。\n"
            "（责任单位：市发展改革委）\n"
            "二、保障措施\n（一）强化组织实施。各部门要加强协同配合。\n"
            "（二）做好安全管理。市数据局会同市大数据中心建立健全安全管理体系。\n")
    doc = parse_bytes(text.encode(), "scenes.txt")
    assert doc.title == "某市数据应用场景建设推进方案（2026-2027年）" and doc.period == "2026-2027"
    got = {"/".join(c.path): ([u.as_written for u in c.lead_units],
                              [u.as_written for u in c.coop_units]) for c in doc.clauses if c.path}
    assert got["一/(一)/1"] == got["一/(一)/2"] == (["市数据局", "市大数据中心"], [])
    assert got["一/(二)/1"] == (["市大数据中心"], [])
    assert got["一/(三)/1"] == (["市数据局"], [])
    assert got["一/(三)/2"] == (["市发展改革委"], [])
    assert got["二/(一)"] == ([], [])
    assert got["二/(二)"] == (["市数据局"], ["市大数据中心"])
    assert [u.inherited for u in doc.clauses[[c.path for c in doc.clauses].index(
        ("一", "(一)", "1"))].lead_units] == [True, True]


@pytest.mark.parametrize("decree", ["中华人民共和国国务院令第999号", "中华人民共和国国务院令\n第999号"])
def test_a_regulation_s_decree_is_its_number(decree):
    text = (f"中华人民共和国测试条例\n{decree}\n"
            "现公布《中华人民共和国测试条例》，自2099年1月1日起施行。\n"
            "第一条 为规范测试，制定本条例。\n第二条 税务机关负责测试费的征收管理。\n")
    doc = parse_bytes(text.encode(), "rules.txt")
    assert doc.doc_number == "国务院令第999号"
    assert [c.path for c in doc.clauses] == [(), ("第一条",), ("第二条",)]


def test_a_labelled_note_split_by_a_comma_follows_the_documents_comma_convention():
    # (a city's approval plan: the first note says 逗号前为牵头单位, the later ones follow it)
    state = NoteState()
    first = ("责任单位：市委政法委、市发展改革委、市国动办（逗号前为牵头单位，"
             "未明确牵头单位的按职责分工负责，下同）")
    assert [(m.as_written, m.role) for m in parse_note(first, state)] == [
        ("市委政法委", "lead"), ("市发展改革委", "lead"), ("市国动办", "lead")]
    later = "责任单位：市规划自然资源局，市生态环境局、市住房城乡建设局"
    assert [(m.as_written, m.role) for m in parse_note(later, state)] == [
        ("市规划自然资源局", "lead"), ("市生态环境局", "coop"), ("市住房城乡建设局", "coop")]
    # without the convention every unit listed is responsible
    assert {m.role for m in parse_note(later, NoteState())} == {"lead"}
