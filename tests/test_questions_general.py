"""The questions staff actually type: documents named by 文号 or nickname, short and
everyday unit forms, traditional characters, roles, and topics that are not there."""

import contextlib
from pathlib import Path

import pytest

from kb import KnowledgeBase, Settings

from .conftest import SEED, SHARED, kb_of

SEED_NUMBER = "鲁政字〔2023〕209号"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    home = tmp_path_factory.mktemp("kb")
    with KnowledgeBase(Settings(home=home)) as kb:
        kb.ingest([SEED] + ([SHARED] if SHARED.is_dir() else []))
        yield kb


def seed_id(kb):
    return next(d for d, h in kb.current_headers().items() if h.doc_number == SEED_NUMBER)


@pytest.mark.parametrize("written", [
    "鲁政字〔2023〕209号", "鲁政字[2023]209号", "鲁政字(2023)209号", "鲁政字（2023）209号",
    "鲁政字2023年209号"])
def test_a_doc_number_alone_opens_the_document_and_is_no_year(kb, written):
    answer = kb.ask(written)
    assert answer.intent == "document"
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert answer.year is None
    assert answer.total == 40 and {h.clause.doc_id for h in answer.hits} == {seed_id(kb)}


def test_a_doc_number_limits_a_duty_question(kb):
    answer = kb.ask("鲁政字[2023]209号里省财政厅牵头哪些任务")
    assert answer.intent == "unit_duties"
    ids = [c for u in answer.units for c in u.clauses]
    assert ids and all(c.startswith(seed_id(kb) + ":") for c in ids)
    assert answer.to_dict()["documents"][0]["doc_number"] == SEED_NUMBER


def test_an_unknown_doc_number_says_so(kb):
    answer = kb.ask("国办发〔2099〕1号由哪个部门负责")
    assert answer.empty and "国办发〔2099〕1号" in answer.message


def test_an_unknown_doc_number_beside_a_topic_answers_from_every_document_and_says_so(kb):
    # a document may be stored without its 文号 (a page holding the body only)
    answer = kb.ask("国办发〔2099〕1号里，科技成果转化由哪个部门牵头？")
    assert not answer.empty and answer.hits[0].clause.path == ("三", "(二)", "4")
    assert "国办发〔2099〕1号" in answer.note and answer.unknown_documents == ["国办发〔2099〕1号"]


def test_a_period_beside_a_who_word_asks_who(tmp_path):
    # 每年 makes no target question of 由哪个部门核定
    with kb_of(tmp_path, {"rules.txt": (
            "第十六条 学前教育机构的招生计划应当经县（市）区教育行政部门核定。\n"
            "第三十条 财政性学前教育经费占同级财政性教育经费的比例应当不低于8%。\n")}) as kb:
        answer = kb.ask("幼儿园每年的招生计划由哪个部门核定？")
        assert answer.intent == "who_leads"
        assert answer.hits[0].clause.path == ("第十六条",)


@pytest.mark.parametrize("question", ["县域经济方案里省财政厅要干什么", "县域经济那个方案里省财政厅负责哪几条"])
def test_a_document_named_by_nickname(kb, question):
    answer = kb.ask(question)
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert answer.intent == "unit_duties"
    assert all(c.startswith(seed_id(kb) + ":") for u in answer.units for c in u.clauses)


@pytest.mark.parametrize("question, unit", [
    ("大数据局负责什么", "山东省大数据局"),
    ("市场监管局牵头哪些任务", "山东省市场监督管理局"),
    ("工信厅牵头的活", "山东省工业和信息化厅"),
])
def test_units_as_people_write_them(kb, question, unit):
    answer = kb.ask(question)
    assert answer.intent == "unit_duties"
    assert {u.name for u in answer.units} == {unit}
    assert any(u.clauses for u in answer.units)


def test_x_bumen_maps_through_the_function_of_each_unit(kb):
    answer = kb.ask("科技部门牵头哪些任务")
    assert answer.intent == "unit_duties"
    names = {u.name for u in answer.units}
    assert "山东省科学技术厅" in names
    if SHARED.is_dir():  # the national ministry has duties too: both, and the note says so
        assert names == {"山东省科学技术厅", "中华人民共和国科学技术部"} and "分别列出" in answer.note
    scoped = kb.ask("县域经济方案里科技部门牵头哪些任务")
    assert {u.name for u in scoped.units} == {"山东省科学技术厅"}


def test_an_ambiguous_short_form_is_never_a_shared_question(kb):
    answer = kb.ask("发改委牵头什么")
    assert answer.intent == "unit_duties"
    names = {u.name for u in answer.units}
    assert "山东省发展和改革委员会" in names
    # in the seed's scope the provincial commission is meant
    scoped = kb.ask("县域经济方案里发改委牵头什么")
    assert {u.name for u in scoped.units} == {"山东省发展和改革委员会"}


def test_traditional_characters(kb):
    answer = kb.ask("哪些部門牽頭科技成果轉化")
    assert [u.name for u in answer.units if u.role == "lead"][:3] == [
        "山东省科学技术厅", "山东省市场监督管理局", "山东省教育厅"]


def test_cooperating_role_only(kb):
    answer = kb.ask("省教育厅配合哪些任务")
    assert answer.units and {u.role for u in answer.units} == {"coop"}
    assert all(any(r.name == "山东省教育厅" for r in h.clause.coop_units) for h in answer.hits)


@pytest.mark.parametrize("question", ["低空经济发展由哪个部门牵头", "网约车监管由哪个部门牵头？",
                                      "森林草原防灭火工作怎么分工？",
                                      # the rare word is foreign to the corpus, the rest is not
                                      "网约车平台的安全监管工作由哪个部门牵头？"])
def test_a_topic_that_is_not_there_is_nothing_found(kb, question):
    answer = kb.ask(question)
    data = answer.to_dict()
    assert data["empty"] is True and data["units"] == [] and data["clauses"] == []
    assert "没有找到" in data["message"]


def test_segmentation_and_typos_still_find_the_clause(kb):
    answer = kb.ask("科技成果转换由哪些部门牵头")  # a typo: 转换 for 转化
    assert not answer.empty
    assert answer.hits[0].clause.path == ("三", "(二)", "4")


def test_distinctive_words_outrank_common_ones(kb):
    answer = kb.ask("支持更多县冲刺千亿县、发挥千亿县带动作用，这事归哪个部门管")
    assert "千亿" in answer.hits[0].clause.text


def test_everyday_words_no_clause_holds_do_not_sink_a_paraphrase(kb):
    # 以后, 改成 and 多久 are in no document: they are how the question is asked
    answer = kb.ask("科技成果转化以后改成由哪些部门牵头？")
    assert not answer.empty
    assert answer.hits[0].clause.path == ("三", "(二)", "4")


def test_an_unseen_noun_still_says_the_topic_is_absent(kb):
    answer = kb.ask("住房公积金缴存比例由哪个部门负责")
    assert answer.empty and answer.units == []


def test_an_unseen_verb_of_the_dictionary_says_the_topic_is_absent_too(kb):
    # 预制 (precooked) is in no clause, and no slip of a word that is: 产业, 扶持 and 政策
    # around it are not what is asked about
    answer = kb.ask("预制菜产业发展有哪些扶持政策，谁负责？")
    assert answer.empty and answer.units == []


def test_a_clause_without_readable_units_is_shown_and_says_so(tmp_path):
    text = ("山东省测试工作方案\n一、重点任务\n"
            "（一）推进普惠金融。扩大普惠小微贷款投放。（省地方金融监管局牵头）\n"
            "（二）发展冰雪旅游。建设一批滑雪场和冰雪小镇，打造冰雪旅游精品线路。\n")
    with kb_of(tmp_path, {"plan.txt": text}) as kb:
        answer = kb.ask("冰雪旅游由哪个部门牵头")
    assert not answer.empty and answer.units == []
    assert "冰雪旅游" in answer.hits[0].clause.text
    assert "未能从中识别出负责单位" in answer.note


def test_one_character_frame_words_leave_words_whole(kb):
    # 中 and 管 frame a question (方案中, 归谁管) but belong to 中央 and 管理
    answer = kb.ask("县域经济方案中中央预算内投资由哪个部门牵头")
    assert "中央" in answer.topic
    assert kb.ask("资金管理由谁负责").topic.startswith("资金管理")
    # 哪一级政府 asks who
    assert kb.ask("县域经济方案里中央预算内投资要哪一级政府批准？").intent == "who_leads"
    # 谁来 + a verb asks who, whatever the verb: 来 is no part of the topic
    assert "来" not in kb.ask("县域经济方案里中央预算内投资谁来审？").topic


@pytest.fixture(scope="module")
def funds_kb(tmp_path_factory):
    """A small 办法 written in sentences, and a 答复 letter: duties without notes."""
    home = tmp_path_factory.mktemp("funds")
    with kb_of(home, {
            "banfa.txt": (
                "山东省城乡供水补助资金管理办法\n第一章 总则\n"
                "第一条 为规范城乡供水补助资金管理，制定本办法。\n"
                "第二条 补助资金由省财政厅会同省水利厅分配下达。\n"
                "第三条 绩效评价工作由省水利厅会同省财政厅统一组织、分级实施。\n"
                "第四条 转制为企业的供水单位，五年内免征企业所得税。2018年12月31日之前已完成转制的，"
                "可继续免征五年。\n"
                "第五条 本办法自2020年1月1日起施行。\n"
            ),
            "dafu.txt": (
                "国务院办公厅关于对政协委员提案的答复\n国办函〔2006〕12号\n"
                "一、关于标准体系建设。国办将与国务院信息办等单位一起组织制定相关标准。\n"
                "二、关于网站建设。将由信息产业部牵头，抓紧研究制定相关政策措施，扩大互联网普及应用。\n"
            ),
    }) as kb:
        yield kb


@pytest.mark.parametrize("question, partner, expected", [
    ("供水补助资金的绩效评价，水利厅是跟哪个部门一起组织的？", "山东省水利厅", "山东省财政厅"),
    ("省财政厅会同哪些部门分配下达供水补助资金", "山东省财政厅", "山东省水利厅"),
    ("Who does the Department of Finance work with to allocate the water supply funds?",
     "山东省财政厅", "山东省水利厅"),
])
def test_who_works_with_a_named_unit(funds_kb, question, partner, expected):
    answer = funds_kb.ask(question)
    names = [u.name for u in answer.units]
    assert names and names[0] == expected and partner not in names
    assert partner in answer.note


def test_a_year_that_is_a_condition_is_not_a_target_filter(funds_kb):
    # 2018年以前 is when the conversion happened, not a target year
    answer = funds_kb.ask("转制为企业后企业所得税免征几年？2018年以前就转制的还能享受吗？")
    assert not answer.empty
    assert "五年内免征企业所得税" in answer.hits[0].clause.text


@pytest.mark.parametrize("question", [
    "那份关于政协委员提案的答复里，信息产业部被安排了哪些任务？",  # described before its kind
    "信息产业部在政协委员提案的答复里都被安排了哪些活？",  # the unit before the document it acts in
])
def test_a_unit_s_duties_in_a_document_it_is_named_with(funds_kb, question):
    answer = funds_kb.ask(question)
    assert [d["doc_number"] for d in answer.documents] == ["国办函〔2006〕12号"]
    assert answer.intent == "unit_duties"
    assert answer.hits and "信息产业部牵头" in answer.hits[0].clause.text


def test_two_characters_ending_a_longer_phrase_are_no_nickname(funds_kb):
    # 补助 is in 城乡供水补助资金管理办法, but 地震应急补助办法 is not that 办法
    assert funds_kb.ask("地震应急补助办法里谁负责").documents == []
    named = funds_kb.ask("供水补助资金管理办法里谁负责绩效评价").documents
    assert [d["title"] for d in named] == ["山东省城乡供水补助资金管理办法"]


def test_a_unit_the_directory_lacks_is_understood_as_written(funds_kb):
    answer = funds_kb.ask("国务院信息办都要干什么")
    assert answer.intent == "unit_duties"
    assert answer.hits and "国务院信息办" in answer.hits[0].clause.text


def test_a_long_question_telling_its_circumstances_still_finds_the_clause(funds_kb):
    question = ("我们是一家县里的供水公司，原来是事业单位，正在走转制的流程，财务科的同志一直拿不准："
                "转制为企业以后企业所得税是不是可以免征，能免几年？文件里到底怎么规定的？")
    answer = funds_kb.ask(question)
    assert not answer.empty and "免征企业所得税" in answer.hits[0].clause.text


@pytest.mark.parametrize("question", [
    "What does Lu Zheng Zi [2023] No. 209 ask the Department of Finance to do?",
    "Under Luzhengzi (2023) 209, which tasks does the Department of Finance lead?"])
def test_a_doc_number_written_in_pinyin(kb, question):
    answer = kb.ask(question)
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert answer.year is None


def test_english_words_before_a_year_are_no_doc_number(kb):
    assert kb.ask("What targets does Shandong set for 2025?").documents == []


@pytest.fixture(scope="module")
def letter_kb(tmp_path_factory):
    """A 办理情况 letter (duties in sentences, ministries named in full before 等部门) and
    an opinion that names the office in charge with 是…的主管单位."""
    home = tmp_path_factory.mktemp("letter")
    with kb_of(home, {
            "han.txt": (
                "国务院办公厅关于甘肃省所提问题和建议办理情况的函\n国办函〔2006〕15号\n"
                "甘肃省人民政府：\n你省所提问题和建议，经国务院同意，现将办理情况函告如下：\n"
                "一、关于黄河上游污染治理问题。环保总局会同发展改革委、水利部、建设部等部门研究提出了"
                "办理意见：将你省的治理项目纳入流域规划。\n"
                "二、关于祁连山隧道建设问题。发展改革委会同有关部门研究提出了办理意见：目前你省正在开展"
                "前期工作，待你省上报项目建议书后，交通部将进行行业审查，发展改革委将尽快研究办理。\n"
                "三、关于刘家峡灌区节水改造问题。水利部会同财政部研究提出了办理意见：将灌区续建配套"
                "纳入规划，分年度安排资金。\n"
            ),
            "yijian.txt": (
                "国务院办公厅关于推进政务新媒体发展的意见\n国办发〔2018〕200号\n"
                "一、明确工作职责\n本意见所称政务新媒体，是指行政机关在微博、微信等平台上开设的政务账号。"
                "国务院办公厅是全国政务新媒体工作的主管单位。\n"
                "二、加强人员保障\n各地区要配齐配强工作人员，提供必要经费保障。\n"
            ),
    }) as kb:
        yield kb


def _clause(kb, text):
    return next(c for c in kb.store.clauses() if text in c.text)


def test_ministries_named_in_full_before_deng_bumen_are_units(letter_kb):
    clause = _clause(letter_kb, "黄河上游污染治理")
    assert [u.name for u in clause.coop_units] == [
        "中华人民共和国国家发展和改革委员会", "中华人民共和国水利部", "中华人民共和国住房和城乡建设部"]
    assert [u.name for u in _clause(letter_kb, "政务新媒体，是指").lead_units] == ["国务院办公厅"]


def test_a_doc_number_without_brackets(letter_kb):
    answer = letter_kb.ask("国办函2006 15号 刘家峡灌区节水改造怎么答复的")
    assert [d["doc_number"] for d in answer.documents] == ["国办函〔2006〕15号"]
    assert answer.year is None and "刘家峡" in answer.hits[0].clause.text


def test_partner_asked_with_hui_tong_na_ge_bu(letter_kb):
    answer = letter_kb.ask("刘家峡灌区那事，水利部是会同哪个部研究的？")
    assert [u.name for u in answer.units] == ["中华人民共和国财政部"]


def test_the_unit_whose_own_sentence_answers_comes_first(letter_kb):
    answer = letter_kb.ask("祁连山隧道的行业审查由哪个部门负责？")
    assert answer.units[0].name == "中华人民共和国交通运输部"


def test_a_document_described_by_its_title_words(letter_kb):
    # 甘肃省所提问题的办理 is the letter's title, not a clause's words
    answer = letter_kb.ask("水利部在甘肃省所提问题的办理中参与了哪些事？")
    assert not answer.empty
    # 参与 asks for the cooperating role: 水利部 cooperates on 黄河上游 (it leads 刘家峡)
    assert [(u.name, u.role) for u in answer.units] == [("中华人民共和国水利部", "coop")]
    assert "黄河上游" in answer.hits[0].clause.text


def test_a_word_with_a_locative_glued_on_is_the_word(letter_kb):
    answer = letter_kb.ask("行政机关在微博上开的号归谁管？")
    assert not answer.empty
    assert "微博" in answer.hits[0].clause.text
    assert answer.units[0].name == "国务院办公厅"


def test_zhengfu_bumen_is_no_unit(letter_kb):
    assert letter_kb.unit_lexicon.find("政府部门") == []


def test_english_words_of_a_document_added_later_translate(letter_kb):
    # 'tunnel' (隧道) is in no document the glossary was built from; 'size' has only
    # senses no clause uses (尺寸, 个头): no topic, so it does not sink the answer
    from kb.ask import parse

    parsed = parse(letter_kb, "What size is the tunnel project, and who reviews it?")
    assert "隧道" in parsed.extra_terms and "尺寸" not in parsed.extra_terms
    answer = letter_kb.ask("What size is the tunnel project, and who reviews it?")
    assert not answer.empty and "隧道" in answer.hits[0].clause.text


# ------------------------------------------------------------------ guessed units
@pytest.mark.parametrize("question", [
    "科技成果转化是省财政厅牵头吗？",
    "科技成果转化，省科技厅还是省财政厅牵头？",
    "省科技厅和省财政厅，谁牵头科技成果转化？",
    ("Is the Department of Science and Technology or the Department of Finance in charge of "
     "technology transfer?"),
])
def test_a_guessed_unit_is_checked_not_used_as_a_filter(kb, question):
    answer = kb.ask(question)
    assert answer.intent == "who_leads"
    assert answer.hits[0].clause.path == ("三", "(二)", "4")
    assert answer.units[0].name == "山东省科学技术厅" and answer.units[0].role == "lead"
    assert "不是山东省财政厅牵头" in answer.note
    assert ("是，山东省科学技术厅牵头" in answer.note) == ("省科技厅" in question
                                                    or "Science" in question)


def test_units_asked_about_together_are_still_a_shared_question(kb):
    answer = kb.ask("省科技厅和省教育厅共同牵头的任务")
    assert answer.intent == "shared"
    assert not answer.note or "不是" not in answer.note


@pytest.fixture(scope="module")
def roles_kb(tmp_path_factory):
    """A plan whose notes name a lead and cooperating units, and a cooperative federation
    whose name holds 合作 and 联合."""
    home = tmp_path_factory.mktemp("roles")
    with kb_of(home, {
            "plan.txt": (
                "山东省农产品流通工作方案\n一、重点任务\n"
                "（一）完善冷链物流。建设产地冷藏保鲜设施，补齐农产品冷链物流短板。"
                "（省商务厅牵头，省农业农村厅、省交通运输厅配合）\n"
                "（二）发展农村电商。培育农村电商服务站点，拓宽农产品网络销售渠道。"
                "（省供销社牵头，省商务厅配合）\n"
                "（三）扩大消费帮扶。组织机关和企事业单位采购农产品。"
                "（省农业农村厅、省商务厅负责）\n"
            ),
    }) as kb:
        yield kb


@pytest.mark.parametrize("question", [
    "冷链物流这块，省商务厅牵头，配合的是哪几家？",
    "补冷链短板的事牵头的是商务厅我知道，想确认一下配合部门有哪些",
])
def test_a_stated_lead_and_an_asked_cooperator(roles_kb, question):
    # the unit named is the lead the asker knows: the answer is who cooperates with it
    answer = roles_kb.ask(question)
    coop = [u.name for u in answer.units if u.role == "coop"]
    assert coop[:2] == ["山东省农业农村厅", "山东省交通运输厅"], coop
    assert "冷链" in answer.hits[0].clause.text


def test_a_unit_name_is_no_cue(roles_kb):
    # 合作 and 联合 inside 省供销合作社联合社 do not make it a "works with" question
    answer = roles_kb.ask("农产品流通方案里，山东省供销合作社联合社被点名负责了哪几项？")
    assert answer.intent == "unit_duties"
    assert [u.name for u in answer.units if u.role == "lead" and u.clauses] == ["山东省供销合作社联合社"]


def test_both_units_listed_at_once_is_a_shared_question(roles_kb):
    answer = roles_kb.ask("省农业农村厅和省商务厅同时被列为责任单位的是哪一项？")
    assert answer.intent == "shared"
    assert [h.clause.path for h in answer.hits] == [("一", "(三)")]


def test_english_amounts_and_phrasing_words(kb):
    # 100 billion yuan is written 1000亿元; "expected" and "above" are no topic
    answer = kb.ask("By 2025, how many counties are expected to have GDP above 100 billion yuan "
                    "under the county economy three-year action plan?")
    assert answer.intent == "targets" and not answer.empty
    assert "1000亿元以上" in answer.hits[0].clause.text
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]


def test_an_english_document_named_by_kind_then_subject(kb):
    # "the action plan on …" names the plan after its kind; the possessive is no word
    answer = kb.ask("Under the provincial government's action plan on high-quality county "
                    "economy development, which departments lead technology transfer?")
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert [u.name for u in answer.units][:3] == [
        "山东省科学技术厅", "山东省市场监督管理局", "山东省教育厅"]


@pytest.mark.parametrize("question", ["209号文件里省财政厅要干什么", "209号文里省财政厅牵头哪些任务"])
def test_a_doc_number_by_its_number_alone(kb, question):
    answer = kb.ask(question)
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert answer.intent == "unit_duties"


def test_the_unit_that_asks_is_not_the_one_asked_about(kb):
    # 省政府要求…: the requester is no filter and no second unit of a shared question
    answer = kb.ask("省政府办公厅要求哪些部门牵头科技成果转化")
    assert answer.intent == "who_leads"
    assert [u.name for u in answer.units][:1] == ["山东省科学技术厅"]


def test_a_generic_kind_word_is_no_document_nickname(kb):
    # 改管理办法: 管理办法 is what kind of document, not which one
    answer = kb.ask("科技成果转化由哪些部门去改管理办法？")
    assert answer.documents == []


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not here")
def test_an_issuer_before_a_document_kind_is_no_unit(kb):
    # "the State Council General Office guideline on …" names a document, not a unit
    answer = kb.ask("What does the Ministry of Civil Affairs do in the State Council General "
                    "Office guideline on the sports competition and performance industry?")
    assert answer.intent == "unit_duties"
    assert [d["doc_number"] for d in answer.documents] == ["国办发〔2018〕121号"]
    assert {u.name for u in answer.units} == {"中华人民共和国民政部"}


def test_an_english_description_matches_a_title_by_any_sense_of_its_words():
    # "implementing greater autonomy for research institutes": no single reading of the
    # words spells the title, but 落实 and 科研 are in one title only
    from types import SimpleNamespace

    from kb.ask import _by_senses
    from kb.lexicon import GlossaryHit

    name = "implementing greater autonomy for research institutes"
    hits = [GlossaryHit("implementing", "实现", "topic", 0, 12),
            GlossaryHit("implementing", "落实", "topic", 0, 12),
            GlossaryHit("autonomy", "自治", "topic", 21, 29),
            GlossaryHit("research institutes", "科研院所", "topic", 34, 53)]
    docs = {
        "keyan": SimpleNamespace(title="国务院办公厅关于抓好赋予科研机构和人员更大自主权有关文件贯彻落实工作的通知",
                                 body_title=None),
        "tiyu": SimpleNamespace(title="国务院办公厅关于加快发展体育竞赛表演产业的指导意见", body_title=None),
    }
    assert _by_senses(name, hits, docs)[0] == ["keyan"]
    assert _by_senses(name, hits[2:3], docs) is None  # one word is too little to go on


def test_when_is_asked_not_searched_for(kb):
    from kb.ask import parse

    parsed = parse(kb, "县域经济方案里科技成果转化什么时候要完成")
    assert "时候" not in parsed.topic and "科技成果转化" in parsed.topic


def test_a_unit_of_another_province_is_not_the_directory_unit(kb):
    from kb.ask import parse

    mentions = kb.unit_lexicon.find("湖北省国土资源厅和重庆市地震局做了什么")
    assert [m.surface for m in mentions] == ["湖北省国土资源厅", "重庆市地震局"]
    assert all(m.units[0].name == m.surface for m in mentions)
    # a unit whose own name starts with a place stays the directory's
    assert [m.units[0].name for m in kb.unit_lexicon.find("北京冬奥组委有哪些任务")] == [
        "北京2022年冬奥会和冬残奥会组织委员会"]
    assert "山东省自然资源厅" not in [u.name for u in parse(kb, "湖北省国土资源厅负责什么").units]
    answer = kb.ask("湖北省国土资源厅负责什么")  # no document gives it a duty: said so
    assert answer.empty and "没有找到湖北省国土资源厅" in answer.message and not answer.hits


def test_a_yes_or_no_question_about_a_unit_checks_it(funds_kb):
    answer = funds_kb.ask("供水补助资金的绩效评价，是省财政厅组织的吗？")
    assert answer.intent == "who_leads"
    assert answer.units and answer.units[0].name == "山东省水利厅"



def test_words_around_a_unit_and_its_document_are_no_topic(funds_kb):
    # how the question is asked (整理, 确认, 点名, 条款) covers no clause: the unit's duties
    # in the document named are the answer, and the note says the other words were not found
    answer = funds_kb.ask("我在整理那份政协委员提案的答复，想确认一下信息产业部在这份答复里"
                          "具体被点名负责了哪些工作，能不能把相关条款都列出来？")
    assert answer.intent == "unit_duties" and not answer.empty
    assert answer.hits and "信息产业部牵头" in answer.hits[0].clause.text
    assert "未找到" in answer.note


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_an_english_document_reference_prefers_a_title_to_another_documents_text(kb):
    # the 危房改造资金办法 has no title line, and its text holds 国家, 粮食 and 计划 too
    answer = kb.ask("What does the Ministry of Commerce do under the national grain emergency plan?")
    assert [d["doc_number"] for d in answer.documents] == ["国办函〔2005〕57号"]


@pytest.fixture(scope="module")
def measures_kb(tmp_path_factory):
    """A measure whose duties are sentences naming bodies by function (医疗保障部门), a
    plan known by how many items it has, and a reply letter with work under way."""
    home = tmp_path_factory.mktemp("measures")
    items = "".join(f"（{n}）第{k}项工作要求。\n" for k, n in enumerate(
        "一二三四五六七八九十", start=1))
    with kb_of(home, {
            "jiuye.txt": (
                "国务院关于做好新时期就业创业工作的实施意见\n国发〔2021〕90号\n"
                "一、总体要求\n" + items +
                "二、保障措施\n医疗保障部门应当为灵活就业人员提供参保缴费信息查询服务。\n"
                "三、技能培训\n人力资源社会保障行政部门、教育行政部门在职责范围内，分别负责职业技能培训工作。\n"
            ),
            "han.txt": (
                "国务院办公厅关于青海省所提问题和建议办理情况的函\n国办函〔2007〕33号\n"
                "青海省人民政府：\n现将办理情况函告如下：\n"
                "一、关于湟水河综合治理问题。按照发展改革委的要求，水利部正在编制湟水流域综合规划，"
                "发展改革委建议，在规划完成后再研究项目审批问题。\n"
            ),
            "banfa.txt": (
                "统计信息共享暂行办法\n国发〔2021〕91号\n第一条　为规范统计信息共享，制定本办法。\n"
                "第二条　有关部门和单位有责任向统计部门提供以下信息：\n"
                "（一）公安部门有关户籍人口基本信息；\n（二）民政部门有关婚姻登记信息；\n"
                "（三）市场监管部门有关企业登记信息。\n第三条　本办法自2021年1月1日起施行。\n"
            ),
            "yibao.txt": (
                "关于推进医疗保障基金监管制度体系改革的指导意见\n国办发〔2021〕92号\n"
                "一、明确监管责任\n医疗保障部门负责基金使用的监督管理。\n"
            ),
            "haopai.txt": (
                "国务院办公厅关于应急救援车辆专用号牌的通知\n国办发〔2021〕93号\n一、工作要求\n"
                "应急部要按照本通知精神，认真组织实施。各地区要积极支持专用号牌相关工作，加强沟通衔接。\n"
            ),
    }) as kb:
        yield kb


def test_a_document_called_by_its_subject_and_number_of_items(measures_kb):
    answer = measures_kb.ask("就业10条里医保部门负责什么？")
    assert [d["doc_number"] for d in answer.documents] == ["国发〔2021〕90号"]
    # no document has eleven items: no document is named, and nothing is narrowed
    assert measures_kb.ask("就业11条里医保部门负责什么？").documents == []


def test_a_unit_named_only_by_function_in_the_documents(measures_kb):
    answer = measures_kb.ask("医保局负责哪些工作？")
    assert answer.intent == "unit_duties" and not answer.empty
    texts = [h.clause.text for h in answer.hits]
    assert any("参保缴费信息" in t for t in texts) and any("基金使用" in t for t in texts)
    assert "医疗保障部门" in answer.note


def test_the_brackets_after_a_doc_number_describe_the_document(measures_kb):
    answer = measures_kb.ask("国办函〔2007〕33号（青海所提问题办理情况）里，水利部承担了哪些事？")
    assert answer.intent == "unit_duties"
    assert [d["doc_number"] for d in answer.documents] == ["国办函〔2007〕33号"]
    assert "湟水流域综合规划" in answer.hits[0].clause.text


def test_a_doc_number_with_di_and_no_brackets(measures_kb):
    answer = measures_kb.ask("国办函2007第33号里发展改革委要做什么？")
    assert [d["doc_number"] for d in answer.documents] == ["国办函〔2007〕33号"]
    assert not answer.empty


def test_items_of_a_list_whose_introduction_assigns_the_duty(measures_kb):
    # 有关部门和单位有责任提供以下信息：（二）民政部门有关婚姻登记信息 — 民政部门 supplies that
    assert [u.name for u in _clause(measures_kb, "婚姻登记信息").lead_units] == ["民政部门"]
    assert [u.name for u in _clause(measures_kb, "户籍人口基本信息").lead_units] == ["公安部门"]
    assert _clause(measures_kb, "本办法自").lead_units == ()


@pytest.mark.parametrize("question, number", [
    (("Under the 2021 State Council opinions on employment and entrepreneurship, what must "
      "the medical security departments do?"), "国发〔2021〕90号"),
    # a possessive in place of "the"
    (("Under China's 2021 opinions on employment and entrepreneurship, who provides the "
      "insurance payment information?"), "国发〔2021〕90号"),
    # a year and an organ before the kind; a reply, named by what it is about
    (("In the 2007 General Office reply on issues raised by Qinghai, what is the water "
      "resources ministry compiling?"), "国办函〔2007〕33号"),
])
def test_an_english_description_with_its_year_names_the_document(measures_kb, question, number):
    assert [d["doc_number"] for d in measures_kb.ask(question).documents] == [number]


def test_a_document_called_by_an_abbreviation_of_its_title(measures_kb):
    # 医保意见: 医…保 taken in order from the one 意见 whose title holds them
    answer = measures_kb.ask("医保意见里谁负责基金监管？")
    assert [d["doc_number"] for d in answer.documents] == ["国办发〔2021〕92号"]


def test_a_shared_question_about_units_named_by_function(measures_kb):
    # the plan names 人力资源社会保障行政部门 and 教育行政部门; asked as 人社部 and 教育部
    answer = measures_kb.ask("就业实施意见里人社部和教育部共同负责哪些事？")
    assert answer.intent == "shared"
    assert "职业技能培训" in answer.hits[0].clause.text


def test_a_class_of_bodies_backing_a_led_task_cooperates(measures_kb):
    clause = _clause(measures_kb, "各地区要积极支持")
    assert [u.name for u in clause.lead_units] == ["中华人民共和国应急管理部"]
    assert [u.name for u in clause.coop_units] == ["各地区"]
    # and it answers "besides the lead, who else": a class of bodies is an answer there
    answer = measures_kb.ask("专用号牌这件事，除了应急部牵头，还有哪些方面要支持配合？")
    assert [u.name for u in answer.units] == ["各地区"]


def test_a_measure_of_over_a_hundred_articles_does_not_stop_a_counted_nickname(tmp_path):
    # 第一百一十条 in a path: reading item counts must not fail on it
    lines = "".join(f"第{n}条　本条规定第{k}项事务。\n" for k, n in enumerate(
        ["一百零九", "一百一十"], start=1))
    with kb_of(tmp_path, {
            "banfa.txt": (
                "数据资源共享管理暂行办法\n国发〔2021〕95号\n第一条　为规范数据资源共享，制定本办法。\n"
                + lines
            ),
    }) as kb:
        assert [h.title for h in kb.current_headers().values()] == ["数据资源共享管理暂行办法"]
        answer = kb.ask("数据20条里谁负责数据管理？")
    assert answer.documents == []  # it has no twentieth item


def test_a_bare_the_before_a_document_kind_names_it(measures_kb):
    # no "in the" or "under the": the nearest "the" opens the description
    answer = measures_kb.ask("Which basin plan does the Qinghai reply say the water "
                             "resources ministry is compiling?")
    assert [d["doc_number"] for d in answer.documents] == ["国办函〔2007〕33号"]
    assert "湟水流域综合规划" in answer.hits[0].clause.text


def test_a_bare_the_phrase_that_names_no_title_narrows_nothing(measures_kb):
    # "rules" is a document kind, but no title holds compulsory insurance
    answer = measures_kb.ask("Who drafts the compulsory insurance rules for farm machinery?")
    assert answer.documents == []


def test_english_words_that_frame_a_question_are_no_topic(kb):
    from kb.ask import parse

    parsed = parse(kb, "Is there any requirement that counties support industrial parks? "
                       "Point me to the clause.")
    # "support" without a who-word asks for no cooperating unit; "clause", "requirement"
    # and "point me to" frame the question
    assert parsed.intent == "search" and parsed.role is None
    assert not {"条款", "需求", "指引"} & set(parsed.extra_terms)


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_a_topic_that_points_at_one_document_scopes_a_duty_question(kb):
    # no document named: the topic's best clauses all come from the 体育竞赛表演 guideline
    answer = kb.ask("体育竞赛表演产业发展当中，体育总局具体要负责哪些事情？")
    assert answer.intent == "unit_duties" and not answer.empty
    assert [d["doc_number"] for d in answer.documents] == ["国办发〔2018〕121号"]
    assert {h.clause.doc_id for h in answer.hits} == {answer.documents[0]["doc_id"]}


@contextlib.contextmanager
def _one_document(tmp_path, text: str):
    """A knowledge base of one plain-text document."""
    with kb_of(tmp_path, {"doc.txt": text}) as kb:
        yield kb


def test_a_class_of_bodies_whose_own_sentence_answers_comes_first(tmp_path):
    with _one_document(tmp_path, (
            "关于推进政务新媒体健康有序发展的意见\n国办发〔2099〕1号\n二、明确工作职责\n"
            "国务院办公厅是全国政务新媒体工作的主管单位，负责推进、指导、协调、监督全国政务新媒体工作。"
            "行业主管部门要加强对本行业承担公共服务职能的企事业单位政务新媒体的指导监督。\n")) as kb:
        answer = kb.ask("承担公共服务职能的企事业单位的政务新媒体，由哪个部门指导监督？")
        assert answer.units[0].name == "行业主管部门"
        # asked about the whole country's work, the named unit stays first
        assert kb.ask("全国政务新媒体工作由哪个部门主管？").units[0].name == "国务院办公厅"


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_a_unit_inside_the_topic_of_a_who_question_is_part_of_the_topic(kb):
    from kb.ask import parse

    # 地方政府 owns the accounts asked about; the question asks who is in charge of them
    parsed = parse(kb, "地方政府开的政务微博，归口哪个单位主管？")
    assert parsed.intent == "who_leads" and parsed.units == []
    assert "地方政府" in parsed.extra_terms


def _answer(tmp_path, text: str, question: str):
    """The answer to ``question`` from a knowledge base of one plain-text document."""
    with _one_document(tmp_path, text) as kb:
        return kb.ask(question)


def test_a_unit_given_no_duty_but_named_shows_where_it_is_named(tmp_path):
    answer = _answer(tmp_path, "国务院办公厅关于水库移民问题的函\n国办函〔2099〕2号\n"
                     "一、根据审计署的审计报告，移民资金使用总体规范。\n二、水利部负责编制移民安置规划。\n",
                     "审计署负责什么？")
    assert answer.intent == "unit_duties" and answer.empty
    # not an answer, but in view: the clause that names it
    assert [h.clause.path for h in answer.related] == [("一",)]
    assert "审计署" in answer.related[0].clause.text and "see the text" in answer.message


def test_a_long_english_description_after_according_to_names_the_document(tmp_path):
    answer = _answer(
        tmp_path, "国务院关于同意乌鲁木齐、昌吉、石河子高新技术产业开发区建设国家自主创新示范区的批复\n"
        "国函〔2099〕3号\n一、同意建设国家自主创新示范区。\n二、新疆维吾尔自治区人民政府要加强组织领导。\n",
        "According to the State Council approval for the Urumqi-Changji-Shihezi national "
        "innovation demonstration zone, who should strengthen leadership?")
    assert [d["doc_number"] for d in answer.documents] == ["国函〔2099〕3号"]
    assert answer.units[0].name == "新疆维吾尔自治区人民政府"


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_an_english_name_of_a_body_the_directory_lacks(kb):
    # Sinograin is 中国储备粮管理总公司, which the grain plan names and the directory lacks
    answer = kb.ask("In the grain emergency plan, what is Sinograin responsible for?")
    assert answer.intent == "unit_duties" and not answer.empty
    assert answer.units[0].name == "中国储备粮管理总公司"


def test_when_words_frame_a_question_and_holiday_words_meet_the_notice(tmp_path):
    # 哪天 asks when; 补班 is the notice's 上班, 元旦假期 its 元旦
    answer = _answer(tmp_path, "国务院办公厅关于2019年部分节假日安排的通知\n国办发明电〔2099〕15号\n"
                     "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。\n"
                     "二、春节：2月4日至10日放假调休，共7天。\n", "2019年元旦假期放幾天？哪天要補班？")
    assert not answer.empty and answer.hits[0].clause.path == ("一",)


@pytest.mark.parametrize("question", [
    "除了教育部，职业教育工作部际联席会议还有哪些成员单位？",
    ("Besides the Ministry of Education, which ministries make up the joint conference on "
     "vocational education?"),
])
def test_besides_a_unit_asks_for_the_others_named_with_it(tmp_path, question):
    answer = _answer(tmp_path, "国务院关于同意建立职业教育工作部际联席会议制度的批复\n国函〔2099〕4号\n"
                     "二、成员单位\n联席会议由教育部、发展改革委、财政部3个部门组成，教育部为牵头单位。\n",
                     question)
    assert [u.name for u in answer.units if u.role == "coop"] == [
        "中华人民共和国国家发展和改革委员会", "中华人民共和国财政部"]


@pytest.fixture(scope="module")
def cuoshi_kb(tmp_path_factory):
    """A 若干措施 notice whose notes read （负责部门：X）, and a letter whose numbered items
    under a heading paragraph name the units in sentences."""
    home = tmp_path_factory.mktemp("measures")
    with kb_of(home, {
            "cuoshi.txt": (
                "国务院关于支持自由贸易试验区深化改革创新若干措施的通知\n国发〔2018〕38号\n"
                "一、营造优良投资环境\n"
                "（一）支持在自贸试验区设置商标受理窗口。（负责部门：知识产权局）\n"
                "（二）在自贸试验区设立受理点，受理商标权质押登记。（负责部门：知识产权局）\n"
                "（三）在对外航权谈判中支持郑州机场利用第五航权。（负责部门：民航局，适用范围：河南自贸试验区）\n"
                "（四）国际贸易“单一窗口”标准版增加航空舱单申报功能。（负责部门：海关总署、民航局）\n"
                "（五）支持自贸试验区开展汽车平行进口试点。（负责部门：商务部）\n"
            ),
            "han.txt": (
                "国务院办公厅关于四川省所提问题和建议办理情况的函\n国办函〔2004〕71号\n"
                "一、关于防灾抗灾和移民安置问题。你省请求中央在防治地质灾害和生态移民方面给予专项支持。\n"
                "1.关于防治地质灾害问题。国土资源部会同民政部、财政部研究提出了办理意见：国土资源部将继续"
                "将你省作为地质灾害调查监测的重点。\n"
                "2.关于生态移民问题。发展改革委会同西部开发办研究提出了办理意见。\n"
            ),
    }) as kb:
        yield kb


@pytest.mark.parametrize("question", [
    "自贸区深化改革创新那批措施里，民航局要负责哪几件事？",
    ("Which measures is the Civil Aviation Administration responsible for in the 2018 State "
     "Council notice supporting reform and innovation in pilot free trade zones?"),
])
def test_which_measures_a_unit_is_responsible_for(cuoshi_kb, question):
    # "which measures" asks for clauses, not for a unit; 那批措施 and "the notice
    # supporting …" name the document
    answer = cuoshi_kb.ask(question)
    assert answer.intent == "unit_duties"
    assert [d["doc_number"] for d in answer.documents] == ["国发〔2018〕38号"]
    assert [u.name for u in answer.units][:1] == ["中国民用航空局"]
    assert {h.clause.path[-1] for h in answer.hits} == {"(三)", "(四)"}


def test_a_document_described_is_no_cue(cuoshi_kb):
    # "supporting" in the document's description does not ask for cooperating units
    answer = cuoshi_kb.ask(
        "Under the 2018 State Council notice on supporting deeper reform and innovation in "
        "pilot free trade zones, which department is responsible for letting the zones set "
        "up trademark application windows?")
    assert answer.intent == "who_leads"
    assert [u.name for u in answer.units][:1] == ["国家知识产权局"]
    assert "商标受理窗口" in answer.hits[0].clause.text


@pytest.mark.parametrize("question", [
    "Which ministry took the lead on the request about preventing geological disasters?",
    "四川请求支持防治地质灾害，这事由哪个部门牵头办理？",
])
def test_a_heading_paragraph_is_answered_by_its_items(cuoshi_kb, question):
    answer = cuoshi_kb.ask(question)
    assert [u.name for u in answer.units][:1] == ["中华人民共和国自然资源部"]
    assert "国土资源部会同" in answer.hits[0].clause.text


def test_a_law_named_after_an_administration_is_no_unit(cuoshi_kb):
    from kb.ask import parse

    parsed = parse(cuoshi_kb, "Which article of the Drug Administration Law implementing "
                                "regulations is adjusted?")
    assert parsed.units == []
    assert parse(cuoshi_kb, "What does the Drug Administration do?").units


def test_a_word_mistyped_by_a_homophone_still_finds_its_clause(tmp_path):
    with kb_of(tmp_path, {
            "paicha.txt": (
                "山东省危险废物专项排查整治工作方案\n一、主要任务\n"
                "（一）排查各级各类医疗卫生机构医疗废物的产生量、贮存、去向等情况。"
                "（省卫生健康委、省生态环境厅负责）\n"
                "（二）排查工业企业危险废物的贮存和转移管理情况。（省生态环境厅负责）\n"
                "（三）加强药物管理和农药管理。（省农业农村厅负责）\n"
                "（四）稳慎推进农村宅基地制度改革。（省农业农村厅牵头）\n"
            ),
    }) as kb:
        answer = kb.ask("医院的医疗废勿排查由哪些部门负责？")  # 勿 typed for 物 (both wù)
        assert not answer.empty
        assert "“废勿”按“废物”理解" in answer.note  # and the user is told
        assert [u.name for u in answer.units][:2] == ["山东省卫生健康委员会", "山东省生态环境厅"]
        reform = kb.ask("农村宅基地该革是哪个部门牵头？")  # 该 gāi for 改 gǎi
        assert [u.name for u in reform.units][:1] == ["山东省农业农村厅"]
        assert "宅基地制度改革" in reform.hits[0].clause.text
        # 宠物 is a word, no slip for 药物 or 农药: the topic is not there
        assert kb.ask("宠物管理是哪个部门负责？").empty


def test_the_body_doing_the_work_comes_before_the_one_guiding_it(tmp_path):
    with kb_of(tmp_path, {
            "pifu.txt": (
                "国务院关于新区总体规划的批复\n国函〔2018〕159号\n"
                "一、在京津冀协同发展领导小组统筹指导下，国家发展改革委要做好综合协调，"
                "加强对规划实施的指导、监督和检查。\n"
                "二、新区要严格执行规划。\n"
            ),
    }) as kb:
        answer = kb.ask("Who is in charge of overall coordination and of guiding, supervising "
                        "and inspecting the implementation of the plan?")
        asked = kb.ask("规划实施是在哪个领导机构的统筹指导下推进的？")  # under whom: the guide first
        above = kb.ask("新区规划实施上面归谁领导？")
    assert [u.name for u in answer.units][:2] == [
        "中华人民共和国国家发展和改革委员会", "京津冀协同发展领导小组"]
    assert asked.intent == "who_leads"
    assert [u.name for u in asked.units][:1] == ["京津冀协同发展领导小组"]
    assert [u.name for u in above.units][:1] == ["京津冀协同发展领导小组"]


def test_a_partner_that_co_leads_is_answered_before_a_class_of_bodies(tmp_path):
    with kb_of(tmp_path, {
            "fangan.txt": (
                "山东省危险废物专项排查整治工作方案\n一、主要任务\n"
                "（一）排查医疗卫生机构医疗废物的贮存、去向等情况。（省卫生健康委、省生态环境厅负责，"
                "各市政府配合）\n"
                "（二）排查工业企业危险废物的贮存情况。（省生态环境厅负责）\n"
            ),
    }) as kb:
        answer = kb.ask("医疗废物排查，省卫健委跟哪个厅一起负责？")
    assert [(u.name, u.role) for u in answer.units][:2] == [
        ("山东省生态环境厅", "lead"), ("各市政府", "coop")]
    assert answer.to_dict()["partner"] == "山东省卫生健康委员会"


def test_an_amount_in_words_finds_it_in_digits(kb):
    # 过千亿的县 ≈ 地区生产总值1000亿元以上的县; GDP ≈ 地区生产总值
    answer = kb.ask("到2025年GDP过千亿的县要达到几个？")
    assert answer.intent == "targets"
    assert "1000亿元以上的县" in answer.hits[0].clause.text


def test_an_english_body_named_a_of_b_is_the_body_written_ba(tmp_path):
    with kb_of(tmp_path, {
            "zhidu.txt": (
                "国务院职业教育工作部际联席会议制度\n"
                "一、工作规则\n联席会议原则上每年召开两次会议。联席会议办公室可根据工作需要，组织成员单位"
                "开展联合督导调研。\n"
                "二、工作要求\n各成员单位要按照职责分工，积极研究有关问题。\n"
            ),
    }) as kb:
        answer = kb.ask("What is the office of the vocational-education joint conference "
                        "responsible for?")
    assert answer.intent == "unit_duties"
    assert [u.name for u in answer.units][:1] == ["联席会议办公室"]
    assert "联合督导调研" in answer.hits[0].clause.text


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("question", [
    "数字人民币试点推广由谁牵头？", "电子竞技赛事的审批和监管由哪个部门负责？"])
def test_a_common_noun_no_clause_holds_says_the_topic_is_absent(kb, question):
    # 人民币, 电子竞技: dictionary nouns in no clause; 数字, 试点, 赛事, 监管 are everywhere
    answer = kb.ask(question)
    assert answer.empty and answer.units == []


def test_english_words_in_their_policy_sense(kb):
    # size is 规模 here (the curated glossary), not CC-CEDICT's 尺寸; a basin is a 流域
    from kb.ask import parse

    assert "规模" in parse(kb, "What size should the sports industry reach by 2025?").extra_terms
    assert "流域" in parse(kb, "Which basin plan is being compiled?").extra_terms


def test_a_document_named_only_by_its_opening_gives_way_when_it_holds_nothing(tmp_path):
    # 水污染治理方案 matches the opening of a title-less 方案 on 危险废物污染治理, but the plan
    # asked about is one a reply letter mentions: the answer comes from all documents
    with kb_of(tmp_path, {
            "paicha.txt": (
                "为加强危险废物污染治理，制定本方案。\n一、主要任务\n"
                "（一）排查工业企业危险废物的贮存情况。（省生态环境厅负责）\n"
            ),
            "han.txt": (
                "国务院办公厅关于四川省所提问题和建议办理情况的函\n国办函〔2004〕71号\n"
                "九、关于长江上游污染治理问题。你省制订了长江上游水污染治理方案，新增水环境保护项目"
                "42个。环保总局会同发展改革委研究提出了办理意见。\n"
            ),
    }) as kb:
        assert [h.meta.get("title_from") for h in kb.current_headers().values()].count(
            "file name") == 1
        answer = kb.ask("四川自己制订的长江上游水污染治理方案新增了多少个水环境保护项目？")
    assert not answer.empty
    assert "新增水环境保护项目" in answer.hits[0].clause.text
    assert "全部文件" in answer.note


def test_the_unit_whose_sentence_with_its_lead_in_answers_comes_first(tmp_path):
    # 对撤销登记的协会 leads up to 行业主管部门's part of the sentence; 登记管理机关 holds 登记
    # only in its own name, and its part of the sentence is about the review
    with kb_of(tmp_path, {
            "xiehui.txt": (
                "关于清理整顿行业协会的通知\n一、工作安排\n"
                "（一）由登记管理机关对协会进行审查，作出审定结论；对撤销登记的协会，"
                "行业主管部门要会同有关单位做好善后工作。\n"
            ),
    }) as kb:
        answer = kb.ask("被撤销登记的协会，善后工作谁来牵头？")
    assert [u.name for u in answer.units][:2] == ["行业主管部门", "登记管理机关"]


def test_a_unit_named_as_where_the_work_goes_does_not_narrow_the_search(tmp_path):
    # 主管税务机关 holds a duty in one article (核定) and receives the report in another:
    # asked when the report is due to it, the article on the report answers
    with kb_of(tmp_path, {
            "tiaoli.txt": (
                "某税实施办法\n第十条 扣缴义务人应当在代扣税款的次月十五日内，向主管税务机关报送"
                "扣缴申报表。\n第十一条 纳税人不能提供凭证的，由主管税务机关核定其计税依据。\n"
            ),
    }) as kb:
        answer = kb.ask("扣缴申报表最晚什么时候要报给主管税务机关？")
    assert not answer.empty
    assert "次月十五日" in answer.hits[0].clause.text


def test_each_unit_asked_with_fenbie_gets_its_own_clauses(tmp_path):
    # no clause names both: 分别要做什么 asks for each one's part, in the order asked
    with kb_of(tmp_path, {
            "kuangshan.txt": (
                "关于加强非煤矿山安全监管的通知\n"
                "一、各级地方人民政府要建立健全非煤矿山安全监管机构，落实监管责任。\n"
                "二、矿山安全监察机构要依法开展非煤矿山安全监察，严格执法。\n"
                "三、各级地方人民政府要做好节日期间的值班工作。\n"
            ),
    }) as kb:
        answer = kb.ask("非煤矿山安全监管，地方政府和矿山安全监察机构分别要做什么？")
    assert answer.intent == "shared" and not answer.empty
    assert [u.name for u in answer.units] == ["各级地方人民政府", "矿山安全监察机构"]
    first, second = ([c.split(":")[1] for c in u.clauses] for u in answer.units)
    assert first[0] == "一" and second == ["二"]
    assert "各单位分别承担" in answer.note


def test_a_suffix_shared_by_a_list_of_units_completes_each_name(kb):
    from kb.ask import parse

    parsed = parse(kb, "财政和教育部门各管哪一块？")
    assert [u.name for u in parsed.units] == ["山东省财政厅", "山东省教育厅"]
    assert parsed.intent == "shared" and parsed.each
    assert "各管" not in parsed.topic


def test_a_class_of_bodies_is_asked_as_people_say_it(tmp_path):
    # the documents write 各级地方人民政府; staff ask about 地方政府, and a 通报 by a nickname
    with kb_of(tmp_path, {
            "tongbao.txt": (
                "国务院办公厅关于两起非煤矿山事故调查处理情况的通报\n"
                "一、各级地方人民政府要落实属地监管责任。\n"
                "二、矿山安全监察机构要加强日常监察。\n"
            ),
    }) as kb:
        answer = kb.ask("矿山事故通报里，地方政府被点了哪些任务？")
    assert answer.intent == "unit_duties"
    assert [u.name for u in answer.units][:1] == ["各级地方人民政府"]
    assert [h.clause.path for h in answer.hits] == [("一",)]


def test_a_title_that_writes_the_nickname_whole_wins_over_openings(tmp_path):
    # two title-less documents open with 国务院 … 工作 here and there; the rules' title
    # writes 国务院工作规则 whole, in Chinese and as the English "Work Rules"
    with kb_of(tmp_path, {
            "a.txt": "为做好国务院部署的危房改造工作，制定本办法。\n第一条 省财政厅负责资金分配。\n",
            "b.txt": "国务院要求各地做好排查工作。\n一、省生态环境厅负责组织排查。\n",
            "guize.txt": (
                "国务院关于印发《国务院工作规则》的通知\n国发〔2004〕18号\n"
                "二十五、行政法规的解释工作由国务院法制机构承办。\n"
            ),
    }) as kb:
        for question in ("国务院工作规则里，法制机构要管哪几件事？",
                         ("Under the State Council Work Rules, which office handles the "
                          "interpretation of administrative regulations?")):
            answer = kb.ask(question)
            assert [d["doc_number"] for d in answer.documents] == ["国发〔2004〕18号"], question
            assert "法制机构" in answer.hits[0].clause.text


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_a_deadline_asked_colloquially_finds_its_clause(kb):
    # 在哪天之前搞完: the deadline is how it is asked, 各市自查 what is asked about
    from kb.ask import parse

    assert parse(kb, "危废排查方案里，各市自查要在哪天之前搞完？").topic == "各市自查"
    answer = kb.ask("危废排查方案里，各市自查要在哪天之前搞完？")
    assert not answer.empty
    assert "4月15日前" in answer.hits[0].clause.text


def test_a_document_named_after_anzhao_is_found(tmp_path):
    with kb_of(tmp_path, {
            "a.txt": "按照国务院部署做好危房改造工作，制定本办法。\n第一条 省财政厅负责资金分配。\n",
            "guize.txt": (
                "国务院关于印发《国务院工作规则》的通知\n国发〔2004〕18号\n"
                "四十二、部门间如有分歧意见，主办部门的主要负责人要主动协商。\n"
            ),
    }) as kb:
        answer = kb.ask("部门之间有分歧意见，按照国务院工作规则，应该由哪个部门的负责人出面协商？")
    assert [d["doc_number"] for d in answer.documents] == ["国发〔2004〕18号"]
    assert [u.name for u in answer.units][:1] == ["主办部门"]


@pytest.mark.parametrize("question", [
    "Who is responsible for safety inspections of elevators in residential buildings?",
    "Is there any rule on licensing e-cigarette retailers?",
])
def test_an_english_noun_no_clause_holds_in_any_sense_says_the_topic_is_absent(kb, question):
    # elevator → 电梯, retailer → 零售商: nouns whose every sense is absent from the clauses
    assert kb.ask(question).empty


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_an_english_modifier_whose_dictionary_noun_is_absent_does_not_sink_the_answer(kb):
    # premium → 奖金 in the dictionary: a modifier of "sports events", not the topic
    answer = kb.ask("how many premium sports events and brands are targeted")
    assert not answer.empty
    assert "品牌" in answer.hits[0].clause.text


@pytest.mark.parametrize("question", [
    "Which agency leads funeral reform and cemetery management?",
    "Which department is in charge of funeral reform?",
    "Who is responsible for stopping e-cigarette sales to minors?",
])
def test_absent_modifiers_of_a_common_word_are_the_topic(kb, question):
    # funeral → 丧葬, cemetery → 墓地, cigarette → 香烟: no clause uses them; what is left
    # (reform → 改革, management → 管理; sales → 销售, rare in these clauses but a common
    # word of Chinese) answers nothing
    answer = kb.ask(question)
    assert answer.empty and not answer.units


@pytest.mark.parametrize("text, question, stated", [
    # 多久开一次 asks how often: of two clauses on the meetings, the one saying 每月召开两次
    # (the other names both meetings asked about, and ranks as high without it)
    (("某市人民政府工作规则\n七、市长召集和主持市政府全体会议和市政府常务会议。\n"
      "八、市政府常务会议一般每月召开两次，如有需要可临时召开。\n"),
     "市政府全体会议和常务会议一般多久开一次？", "每月召开两次"),
    # 最少要隔多少公里 asks a minimum: the clause with 不少于15公里 before the one that
    # only mentions 15公里 as a distance to draw on a map
    (("某省成品油市场管理办法\n第十条 新建加油站的申请材料：（三）新建加油站周边区域分布示意图："
      "省、国道新建加油站的，提供建设地点前后15公里内的加油站分布及间距。\n"
      "第十一条 国道、省道的加油站设置单侧间距不少于15公里。\n"),
     "国道、省道上新建加油站，跟同侧相邻的加油站最少要隔多少公里？", "不少于15公里"),
], ids=["how often", "a floor"])
def test_the_clause_stating_the_kind_of_figure_asked_comes_first(tmp_path, text, question,
                                                                  stated):
    with kb_of(tmp_path, {"rules.txt": text}) as kb:
        answer = kb.ask(question)
    assert stated in answer.hits[0].clause.text


def test_a_date_the_work_is_due_by_is_the_figure_asked_by_when():
    from kb.ask import _QUANTITY_ASKED

    due = _QUANTITY_ASKED[1][1]
    assert due.search("土地使用期限自口岸启用之日起至2047年6月30日止")
    assert due.search("2019年4月15日前，各市开展自查") and due.search("自受理之日起15个工作日内")
    # a date that says when something happened, or 前 of 前期, is no deadline
    assert not due.search("依照2006年10月31日全国人大常委会通过的决定")
    assert not due.search("在前期工作基础上")
    # a period stated (每年11月1日至次年5月31日) answers 从几月几号到几月几号
    assert due.search("每年11月1日至次年5月31日为全省森林防火期")
    asked = _QUANTITY_ASKED[1][0]
    assert asked.search("森林防火期是从几月几号到几月几号") and asked.search("what dates does it run")


def test_asked_who_leads_the_unit_whose_own_words_say_qiantou_comes_first(tmp_path):
    # both units' parts of the sentence hold the standards asked about; 省教育厅's says 牵头
    with kb_of(tmp_path, {
            "zhijiao.txt": (
                "关于深化职业教育改革的实施方案\n一、完善标准体系\n"
                "（一）省人社厅组织制定职业标准，省教育厅依照职业标准牵头组织开发教学标准。\n"
            ),
    }) as kb:
        answer = kb.ask("Who takes the lead in developing teaching standards on the basis of "
                        "occupational standards?")
    assert [u.name for u in answer.units][:1] == ["山东省教育厅"]


def test_is_the_unit_leading_or_taking_part_is_answered_with_its_role(kb):
    answer = kb.ask("泰沂山区、南四湖这些地方的生态保护修复，生态环境厅是牵头还是配合？")
    assert [(u.name, u.role) for u in answer.units][:1] == [("山东省生态环境厅", "coop")]
    assert answer.note.startswith("山东省生态环境厅是配合单位")
    answer = kb.ask("生态保护修复，自然资源厅是牵头还是配合？")
    assert answer.units[0].role == "lead" and answer.note.startswith("山东省自然资源厅是牵头单位")


def test_besides_the_lead_asks_for_the_units_taking_part(kb):
    answer = kb.ask("服务业转型升级这事，除了牵头的，还有谁参与？")
    assert [u.name for u in answer.units][:2] == ["山东省地方金融管理局", "山东省人力资源和社会保障厅"]
    assert answer.units[0].role == "coop"


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_a_unit_the_work_is_handed_to_is_part_of_the_topic(kb):
    # 交给省生态环境厅: the 厅 receives the reports; the clause on the cities' self-checks answers
    from kb.ask import parse

    question = "危险废物专项排查，各市的自查报告和清单最晚什么时候交给省生态环境厅？"
    assert parse(kb, question).units == []
    assert "4月15日前" in kb.ask(question).hits[0].clause.text


@pytest.mark.parametrize("question", [
    "粮食市场异常波动报告制度，发改委和粮食局会同哪个部门建立？",
    ("Who do the NDRC and the State Grain Administration partner with to set up the reporting "
     "system for abnormal grain market swings?"),
])
def test_the_partner_of_two_units_named_together(tmp_path, question):
    with kb_of(tmp_path, {
            "yuan.txt": (
                "国家粮食应急预案\n3.2 国家发展改革委及国家粮食局会同商务部建立粮食市场异常波动"
                "应急报告制度。\n3.3 国家粮食局负责粮食市场监测。\n"
            ),
    }) as kb:
        answer = kb.ask(question)
    assert [u.name for u in answer.units][:1] == ["中华人民共和国商务部"]


def test_a_regulation_nicknamed_by_abbreviation_or_with_lu(tmp_path):
    # 消保条例: 消…保 in order in one title of that kind; 鲁 is Shandong
    with kb_of(tmp_path, {
            "xiaobao.txt": ("山东省消费者权益保护条例\n第四十一条 家庭装饰装修工程的最低保修期为二年。\n"),
            "xiaofang.txt": ("山东省消防条例\n第十九条 建设工程消防设计抽查比例由省公安机关消防机构确定。\n"),
            "baoxian.txt": ("关于做好保险消费者权益保护工作的通知\n一、各保险机构要保护消费者权益。\n"),
    }) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        answer = kb.ask("山东消保条例里，家庭装饰装修工程最低保修几年？")
        assert [files[d["doc_id"]] for d in answer.documents] == ["xiaobao.txt"]
        answer = kb.ask("鲁消防条例中，建设工程消防设计抽查比例由谁来定？")
        assert [files[d["doc_id"]] for d in answer.documents] == ["xiaofang.txt"]


def test_a_function_asked_by_its_old_name_finds_the_clauses_naming_it(tmp_path):
    # 市场监管局 took over 工商, 质监 and 食药监: asked about 工商部门, only the clauses
    # naming the 工商 function answer, not those of the other two
    with kb_of(tmp_path, {
            "tiaoli.txt": (
                "山东省食品小作坊管理条例\n第五条 县级以上人民政府工商行政管理部门负责小作坊的登记。\n"
                "第六条 县级以上人民政府质量技术监督部门负责食品相关产品的监督检查。\n"
                "第七条 县级以上人民政府食品药品监督管理部门负责小作坊的日常监督管理。\n"
            ),
    }) as kb:
        answer = kb.ask("小作坊条例里，工商部门负责哪些事？")
        assert [h.clause.path for h in answer.hits] == [("第五条",)]
        answer = kb.ask("小作坊条例里，质监部门负责哪些事？")  # 质…监 in 质量技术监督
        assert [h.clause.path for h in answer.hits] == [("第六条",)]


def test_a_regulation_without_a_title_line_is_named_after_the_law_it_implements(tmp_path):
    # no title line, and 第一节　一般规定 (a part's heading) is no title; 根据《中华人民共和国
    # 消费者权益保护法》…制定本条例 makes it the 消费者权益保护条例 for a nickname (消保条例)
    with kb_of(tmp_path, {
            "a.txt": (
                "第一章　总则\n第一条　为了保护消费者的合法权益，根据《中华人民共和国消费者权益保护法》"
                "等法律、行政法规，结合本省实际，制定本条例。\n第三章　经营者义务\n第一节　一般规定\n"
                "第四十一条　家庭装饰装修工程的最低保修期为二年。\n"
            ),
            "b.txt": (
                "第一章　总则\n第一条　为了预防火灾，根据《中华人民共和国消防法》，结合本省实际，制定本条例。\n"
                "第二条　消防工作由县级以上人民政府负责。\n"
            ),
    }) as kb:
        headers = kb.current_headers()
        assert all(h.meta.get("title_from") == "file name" for h in headers.values())
        files = {d: Path(h.source).name for d, h in headers.items()}
        answer = kb.ask("山东消保条例里，家庭装饰装修工程最低保修几年？")
        assert [files[d["doc_id"]] for d in answer.documents] == ["a.txt"]
        assert "山东" not in answer.topic
        assert "二年" in answer.hits[0].clause.text
        answer = kb.ask("Under the Shandong fire regulation, who is responsible for fire work?")
        assert [files[d["doc_id"]] for d in answer.documents] == ["b.txt"]


def test_a_targets_question_whose_unit_no_clause_names_so_still_finds_its_figure(tmp_path):
    # 食药监部门 is the directory's 市场监管局; the regulation names the county's department
    with kb_of(tmp_path, {
            "zuofang.txt": (
                "山东省食品小作坊管理条例\n第十七条 县（市、区）人民政府食品药品监督管理部门应当自收到申请之日起"
                "十五日内发放食品小作坊登记证。\n第十八条 食品小作坊登记证有效期为三年。\n"
            ),
    }) as kb:
        answer = kb.ask("食品小作坊申请登记后，县里食药监部门多少天内发证？")
    assert not answer.empty and "十五日内" in answer.hits[0].clause.text


@pytest.fixture(scope="module")
def law_kb(tmp_path_factory):
    """A regulation that names every body by the law's function words, at listed levels,
    never by a directory name (质量技术监督部门, 水行政主管部门, 安全生产监督管理部门)."""
    home = tmp_path_factory.mktemp("law")
    with kb_of(home, {
            "water.txt": (
                "第一章　总则\n第一条　为了加强水资源管理，根据《中华人民共和国水法》，结合本省实际，"
                "制定本条例。\n"
                "第五条　县级以上人民政府水行政主管部门负责本行政区域内水资源的统一管理和监督工作。"
                "发展改革、经济和信息化、财政、海洋与渔业等部门按照职责分工，做好水资源保护的有关工作。\n"
                "第十六条　设区的市、县（市、区）人民政府水行政主管部门应当会同环境保护、国土资源、卫生等部门，"
                "提出饮用水水源地名录方案，报本级人民政府核准后向社会公布。\n"
                "第二十条　省人民政府质量技术监督部门应当会同环境保护等部门，定期制定节水器具产品目录。\n"
                "第二十四条　对停止使用的输水管道，管道单位应当及时处置。安全生产监督管理部门应当会同公安、"
                "住房城乡建设等部门对处置情况进行监督检查。\n"
            ),
    }) as kb:
        yield kb


@pytest.mark.parametrize("question, coop", [
    ("提出饮用水水源地名录方案的时候，水利部门要会同哪些部门一起论证？",
     ["环境保护部门", "国土资源部门", "卫生部门"]),
    ("节水器具产品目录是质监部门牵头，配合的是哪个部门？", ["环境保护部门"]),
    ("停用的输水管道，处置情况由安监部门会同哪些部门监督检查？", ["公安部门", "住房城乡建设部门"]),
])
def test_a_partner_named_by_function_is_the_law_s_body(law_kb, question, coop):
    # the short form resolves to a directory unit (省水利厅, 省市场监管局, 应急管理厅) the law
    # never names: its function names stand for it
    answer = law_kb.ask(question)
    assert not answer.empty
    assert [u.name for u in answer.units] == coop
    # the note names the partner as the clause does, not the unit the short form resolved to
    assert answer.hits[0].clause.lead_units[0].name in answer.note


def test_levels_listed_and_functions_joined_by_and_are_read(law_kb):
    clauses = {c.path[-1]: c for c in law_kb.store.clauses()}
    assert [u.as_written for u in clauses["第十六条"].lead_units] == [
        "设区的市、县（市、区）人民政府水行政主管部门"]
    written = [u.as_written for u in clauses["第五条"].lead_units]
    assert "经济和信息化部门" in written and "海洋与渔业部门" in written


def test_a_plan_asked_about_is_not_the_regulation_holding_its_words(law_kb):
    # the title-less regulation calls itself 本条例: a 方案 the question names, whose words
    # its opening holds, is what the question is about
    answer = law_kb.ask("加强水资源管理的方案由谁提出？")
    assert answer.documents == []
    assert "加强水资源管理" in answer.topic.replace(" ", "")


def test_work_a_sentence_gives_to_a_unit_with_you_precedes_its_name(tmp_path):
    # 全省…规划，由(you)省水行政主管部门…编制: the plan is that unit's, not the one of the next sentence
    with kb_of(tmp_path, {
            "shui.txt": (
                "山东省水资源条例\n第九条 全省水资源综合规划和跨设区的市的流域综合规划，由省水行政主管部门"
                "会同有关部门和设区的市人民政府编制，报省人民政府批准。制定水资源规划，县级以上人民政府"
                "水行政主管部门应当会同有关部门进行水资源综合科学考察和调查评价。\n"
            ),
    }) as kb:
        answer = kb.ask("全省水资源综合规划和跨市的流域综合规划由谁牵头编？")
    assert [u.name for u in answer.units][:1] == ["省水行政主管部门"]


def test_where_a_filing_goes_is_answered_by_the_body_it_goes_to(tmp_path):
    with kb_of(tmp_path, {
            "weihua.txt": (
                "第十九条　剧毒化学品的销售单位应当在销售后5日内，将所销售的品种、数量以及流向信息"
                "报当地县（市、区）人民政府公安机关备案。\n"
                "第二十条　县级以上人民政府安全生产监督管理部门负责危险化学品经营许可的监督管理。\n"
            ),
    }) as kb:
        answer = kb.ask("卖剧毒化学品的单位，销售流向信息要报到哪个机关备案？")
    assert [(u.name, u.role) for u in answer.units] == [("当地县（市、区）人民政府公安机关", "recipient")]
    assert "流向信息" in answer.hits[0].clause.text


def test_a_document_named_with_a_place_s_possessive_after_of(law_kb):
    # "provisions of Shandong's water regulation": the regulation implementing the water law
    answer = law_kb.ask("Which provisions of Shandong's water regulation make the water authority "
                        "work with the environmental protection departments?")
    assert len(answer.documents) == 1


def test_two_departments_named_by_short_function_words_with_a_count(tmp_path):
    # 食药监和卫计两个部门: both names take the shared 部门 across 两个; 卫计 is 卫生和计划生育
    with kb_of(tmp_path, {
            "zuofang.txt": (
                "山东省食品小作坊管理条例\n第五条 县级以上人民政府食品药品监督管理部门和卫生和计划生育部门"
                "应当公布食品小作坊食品安全的相关信息。\n"
            ),
    }) as kb:
        answer = kb.ask("小作坊条例里，食药监和卫计两个部门共同负责的条款有哪些？")
    assert answer.intent == "shared"
    assert [u.name for u in answer.units] == ["山东省市场监督管理局", "山东省卫生健康委员会"]
    assert answer.hits and "相关信息" in answer.hits[0].clause.text


_GAS = ("第一条 为加强燃气管理，保障人民生命财产安全，制定本条例。\n"
        "第二条 本省行政区域内燃气的规划、建设、经营和使用，适用本条例。\n"
        "第三条 县级以上人民政府燃气行政主管部门负责本行政区域内的燃气管理工作。\n"
        "第四条 燃气行政主管部门应当加强燃气安全知识的宣传、普及工作，提高全民燃气安全意识。\n"
        "第五条 燃气经营企业应当建立燃气安全检查制度。\n"
        "第六条 燃气工程竣工后，建设单位应当组织竣工验收。\n")
_LIFTS = ("第一条 为了加强特种设备安全工作，预防特种设备事故，制定本条例。\n"
          "第二条 县级以上人民政府及其有关部门应当加强特种设备安全宣传教育，普及特种设备安全知识，"
          "增强社会公众安全意识。\n"
          "第三条 特种设备使用单位应当建立岗位责任制度。\n")


def test_a_clause_of_another_document_lacking_the_subject_one_document_owns_is_dropped(tmp_path):
    # 燃气安全知识宣传: the gas regulation holds 燃气 throughout; the other regulation's
    # 安全知识宣传 clause, with no 燃气, is no answer
    with kb_of(tmp_path, {"gas.txt": _GAS, "lifts.txt": _LIFTS}) as kb:
        answer = kb.ask("燃气安全知识宣传普及由哪个部门负责？")
        sources = {h.document.source.rsplit("/", 1)[-1] for h in answer.hits}
        assert sources == {"gas.txt"}
        assert answer.units[0].name == "燃气行政主管部门"
        # a word no one document owns (安全知识 is in both) does not narrow
        answer = kb.ask("安全知识宣传普及由谁负责？")
        assert {h.document.source.rsplit("/", 1)[-1] for h in answer.hits} == {
            "gas.txt", "lifts.txt"}


def test_a_clause_of_another_document_far_weaker_than_the_best_is_not_shown(tmp_path):
    # a regulation's clause on 护林员 answers; the plan's clause matching 面积 alone does not
    with kb_of(tmp_path, {
            "forest.txt": ("第十一条 森林、林木、林地的经营单位应当配备护林员，生态公益林每五百公顷"
                           "至少配备一名护林员，负责巡护森林、报告火情。\n"
                           "第十二条 森林防火期内，禁止在森林防火区野外用火。\n"),
            "plan.txt": ("1.稳定提升农业综合产能。推进主要粮油作物大面积单产提升行动。"
                         "(省农业农村厅牵头)\n"),
    }) as kb:
        answer = kb.ask("生态公益林按多大面积配一名护林员？")
    assert {h.document.source.rsplit("/", 1)[-1] for h in answer.hits} == {"forest.txt"}


_DRUGS = ("第一条 为了规范药品使用行为，制定本条例。\n"
          "第五条 省人民政府应当加强对药品使用监督管理工作的领导。设区的市人民政府应当采取有效措施，"
          "协调解决药品使用监督管理工作中的重大问题。\n")


@pytest.mark.parametrize("text, question, unit", [
    (_DRUGS, "药品条例里，省政府承担哪些职责？", "省人民政府"),
    (_DRUGS, "地级市政府在药品使用上要干什么？", "设区的市人民政府"),
    (_GAS, "燃气主管部门负责哪些工作？", "燃气行政主管部门"),
])
def test_a_body_the_documents_name_in_full_is_found_as_people_say_it(tmp_path, text, question,
                                                                     unit):
    # 省政府 for 省人民政府, 地级市政府 for 设区的市人民政府, 燃气主管部门 for 燃气行政主管部门
    with kb_of(tmp_path, {"rules.txt": text}) as kb:
        answer = kb.ask(question)
    assert answer.units and answer.units[0].name == unit


def test_a_document_without_a_title_line_is_named_by_what_it_says_most(tmp_path):
    # the plan's opening names neither 排查 nor 自查; its clauses say them throughout
    plan = ("为加强危险废物全过程监管，集中解决危险废物非法转移、违法填埋等问题，制定本方案。\n"
            + "".join(f"（{n}）排查各市危险废物产生单位第{n}批，组织自查并核查排查结果。\n"
                      for n in "一二三四五")
            + "（六）各市自查阶段。2019年4月15日前，各市开展自查，并将自查报告报省生态环境厅。\n")
    other = ("为加强固体废物管理，制定本方案。\n（一）各市要在2019年6月30日前报送固体废物"
             "管理情况报告。\n")
    with kb_of(tmp_path, {"plan.txt": plan, "other.txt": other}) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        answer = kb.ask("危废排查那个方案，各市自查报告什么时候之前要报上去？")
    assert [files[d["doc_id"]] for d in answer.documents] == ["plan.txt"]
    assert "4月15日前" in answer.hits[0].clause.text


@pytest.mark.parametrize("question", [
    "In the county economy plan, which provincial departments lead the work on industrial clusters?",
    "Which government body leads on industrial clusters in the county economy plan?",
])
def test_english_framing_words_left_over_are_no_topic(kb, question):
    # "the work on", "government body": how it is asked; 产业集群 is what
    answer = kb.ask(question)
    assert not answer.empty
    assert "work" not in answer.topic and "government" not in answer.topic
    assert "产业集群" in answer.hits[0].clause.text


_RULES = ("第二十八条 电梯运营使用单位负责电梯使用的日常管理、风险防范、应急处置等。\n"
          "第二十三条 扑救森林火灾应当以专业扑救队伍为主要力量。必要时，可以协调公安消防部队、"
          "驻地解放军和民兵组织参加。\n")


@pytest.mark.parametrize("name, text, question, party", [
    # 电梯运营使用单位负责…
    ("rules.txt", _RULES, "小区电梯平时谁来管，风险防范和应急处置找哪一方？", "电梯运营使用单位"),
    # 国家融资担保基金要推动…: a fund is no government body, but it is who the clause charges
    ("guarantee.txt", (
        "国务院办公厅关于发挥政府性融资担保基金作用的指导意见\n"
        "（一）加强“总对总”合作。国家融资担保基金要推动与全国性银行业金融机构的“总对总”合作。\n"
        "（二）完善考核。各级财政部门要会同有关方面制定绩效考核办法。\n"),
     "跟全国性银行搞“总对总”合作谁来抓？", "国家融资担保基金"),
])
def test_a_clause_charging_a_party_that_is_no_government_body_answers_who(
        tmp_path, name, text, question, party):
    # the party as written, and said to be no government body
    with kb_of(tmp_path, {name: text}) as kb:
        answer = kb.ask(question)
        assert [u.name for u in answer.units] == [party]
        assert "不是政府部门" in answer.note


def test_parties_a_clause_brings_in_take_part(tmp_path):
    # 协调公安消防部队、驻地解放军…参加: parties as written
    with kb_of(tmp_path, {"rules.txt": _RULES}) as kb:
        answer = kb.ask("扑救森林火灾，还能协调哪些队伍参加？")
        assert [(u.name, u.role) for u in answer.units] == [
            ("公安消防部队", "coop"), ("驻地解放军", "coop"), ("民兵组织", "coop")]


def test_an_english_description_names_a_title_less_regulation_by_any_sense_of_its_words(tmp_path):
    # "gas" is 天然气 or 燃气; "regulation" (规范) says nothing among openings that all
    # say what kind they are, and 管理 alone names no 药品管理条例
    with kb_of(tmp_path, {
            "gas.txt": ("第一条 为加强燃气管理，保障人民生命财产安全，制定本条例。\n"
                        "第三条 县级以上人民政府燃气行政主管部门负责本行政区域内的燃气管理工作。\n"),
            "drugs.txt": ("第一条 为了规范药品使用行为，根据《中华人民共和国药品管理法》，结合本省实际，"
                          "制定本条例。\n第六条 县级以上药品监督管理部门负责本行政区域内的药品使用监督管理工作。\n"),
    }) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        answer = kb.ask("Under the Shandong gas regulation, who is in charge of gas management?")
        assert [files[d["doc_id"]] for d in answer.documents] == ["gas.txt"]
        answer = kb.ask("Who activates the forest fire emergency management plan?")
        assert "drugs.txt" not in [files[d["doc_id"]] for d in answer.documents]


def test_the_document_about_the_question_outranks_a_stray_clause_of_common_words(tmp_path):
    # the plan's first clause holds 山东, 统一 and 监管; the regulation's hold 机动车, 排气 and
    # 污染防治, which the plan says nowhere; the province says where, not what
    with kb_of(tmp_path, {
            "plan.txt": ("山东省营商环境提升行动方案\n"
                         "一、持续优化营商环境。清理妨碍统一市场和公平竞争的政策措施，山东全省统一"
                         "监管标准。（省市场监管局牵头）\n"
                         "二、加强食品安全监管。完善抽检制度。（省市场监管局牵头）\n"
                         "三、创新金融监管方式。推进统一的信用信息平台建设。（省地方金融监管局牵头）\n"
                         "四、强化安全生产监管执法。（省应急厅牵头）\n"
                         "五、推进政务服务统一标准。（省大数据局牵头）\n"
                         "六、加强药品质量监管。（省药监局牵头）\n"),
            "rules.txt": ("第一条 为了防治机动车排气污染，保护和改善大气环境，结合本省实际，制定本条例。\n"
                          "第二条 本省行政区域内机动车排气污染的防治，适用本条例。\n"
                          "第三条 机动车排气污染防治应当坚持预防为主、防治结合的原则。\n"
                          "第五条 县级以上人民政府环境保护行政主管部门对本行政区域内机动车排气"
                          "污染防治工作实施统一监督管理。\n"
                          "第八条 鼓励机动车排气污染防治先进技术的开发和应用。\n"
                          "第十五条 省环境保护行政主管部门确定统一的机动车环保检验方法。\n"
                          "第二十条 机动车维修企业应当按照机动车排气污染防治的要求进行维修。\n"
                          "第二十一条 环境保护行政主管部门应当会同公安等部门建立机动车排气污染监控"
                          "信息系统。\n"),
    }) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        hits = kb.search("山东机动车排气污染防治，统一监管")
        assert (files[hits[0].clause.doc_id], hits[0].clause.path) == ("rules.txt", ("第五条",))


def test_a_capitalised_english_name_finds_the_title_less_document_most_about_it(tmp_path):
    # 环境保护 opens every duty of the exhaust regulation (环境保护行政主管部门应当…): who
    # acts, not what it is about; the environmental regulation says 环境保护 of itself
    with kb_of(tmp_path, {
            "exhaust.txt": ("第一条 为了防治机动车排气污染，保护和改善大气环境，结合本省实际，制定本条例。\n"
                            "第五条 县级以上人民政府环境保护行政主管部门对本行政区域内机动车排气污染"
                            "防治工作实施统一监督管理。\n"
                            "第十五条 省环境保护行政主管部门确定统一的机动车排气检验方法。\n"
                            "第二十一条 环境保护行政主管部门应当建立机动车排气污染监控信息系统。\n"),
            "environment.txt": ("第一条 为保护和改善生活环境与生态环境，防治污染和其他公害，结合本省实际，"
                                "制定本条例。\n"
                                "第三条 环境保护应当遵循预防为主、防治结合、综合治理的原则。\n"
                                "第十条 各级人民政府应当将环境保护规划纳入国民经济和社会发展计划，"
                                "环境保护投入逐年增加。\n"
                                "第二十二条 省环境保护行政主管部门应当建立环境监测制度。\n"),
    }) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        answer = kb.ask("What specific duties does the Shandong Environmental Protection "
                        "Regulation give to the provincial environmental protection department?")
        assert [files[d["doc_id"]] for d in answer.documents] == ["environment.txt"]


# four items of an incentive notice, each closed by the note naming who delivers it
_INCENTIVES = ("一、对深化商事制度改革成效显著的市、县，优先纳入相关试点。（市场监管总局负责）\n"
               "二、对实施创新驱动发展战略成效明显的省，支持开展创新政策先行先试。（科技部负责）\n"
               "三、对改善科研基础条件成效明显的省，在专项资金中给予倾斜。（科技部、财政部负责）\n"
               "四、对财政预算执行成效明显的省，给予奖励。（财政部负责）\n")


def _unit_clauses(kb, answer):
    """The clauses the answer gives its units."""
    return [c for u in answer.units for c in kb.store.clauses(clause_ids=u.clauses)]


def test_a_unit_asked_about_within_what_a_document_is_about_gets_its_duties_there(tmp_path):
    # 督查激励 is what the notice says it is about, in no item; the items name the units
    notice = ("国务院办公厅关于对成效明显地方加大支持力度的通知\n"
              "为进一步完善督查激励机制，充分调动各地积极性，现就有关事项通知如下。\n"
              + _INCENTIVES +
              "五、对受到国务院督查表扬的市、县，次年减少实地督查。（国务院办公厅负责）\n"
              "督查激励措施由国务院办公厅统筹，各部门按职责分工抓好落实。\n")
    plan = ("科技创新行动方案\n"
            "一、加强基础研究。（科技部负责）\n"
            "二、建设创新平台。（科技部、教育部负责）\n")
    with kb_of(tmp_path, {"notice.txt": notice, "plan.txt": plan}) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        answer = kb.ask("科技部在督查激励措施里要负责兑现哪几条？")
        assert answer.intent == "unit_duties"
        paths = {(files[c.doc_id], c.path) for c in _unit_clauses(kb, answer)}
        assert paths == {("notice.txt", ("二",)), ("notice.txt", ("三",))}


@pytest.mark.parametrize("question", [
    "Which of the five incentives fall to the Ministry of Science and Technology?",
    "Which of these rewards falls to the Ministry of Science and Technology?",
])
def test_which_of_the_items_fall_to_a_unit_asks_for_its_duties(tmp_path, question):
    notice = "关于对成效明显地方加大激励支持力度的通知\n" + _INCENTIVES
    with kb_of(tmp_path, {"notice.txt": notice}) as kb:
        answer = kb.ask(question)
        assert answer.intent == "unit_duties"
        paths = {c.path for c in _unit_clauses(kb, answer)}
        assert paths == {("二",), ("三",)}


@pytest.mark.parametrize("question", [
    "山东这个机动车排气污染条例是从哪天开始执行的？",
    "机动车排气污染防治条例什么时候起施行？",
    "When did the Shandong vehicle exhaust regulation take effect?",
])
def test_when_a_document_is_in_force_is_answered_by_the_clause_saying_so(tmp_path, question):
    rules = ("第一条 为了防治机动车排气污染，保护和改善大气环境，结合本省实际，制定本条例。\n"
             "第五条 县级以上人民政府环境保护行政主管部门对本行政区域内机动车排气污染防治工作"
             "实施统一监督管理。\n"
             "第六条 机动车排气污染物排放执行国家规定的排放标准。\n"
             "第三十五条 本条例自2011年10月1日起施行。\n")
    plan = ("山东省农业机械化行动方案\n"
            "一、加强农机装备质量建设，执行国家标准。（省农业农村厅牵头）\n"
            "二、本方案自印发之日起施行，有效期至2025年12月31日。\n")
    with kb_of(tmp_path, {"rules.txt": rules, "plan.txt": plan}) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        answer = kb.ask(question)
        first = answer.hits[0].clause
        assert (files[first.doc_id], first.path) == ("rules.txt", ("第三十五条",))


def test_units_that_share_no_duty_are_found_where_a_clause_names_them_both(tmp_path):
    # a report the two wrote is no duty of theirs, yet the clause is where both appear
    notice = ("国务院办公厅关于加强防震减灾工作的通知\n"
              "一、各级人民政府要加强防震减灾工作的领导。国家计委、财政部、国家地震局《关于建立健全"
              "防震减灾计划体制及相应经费渠道的报告》已经国务院同意，各地要认真贯彻执行。\n"
              "二、财政部负责安排防震减灾经费。\n"
              "三、国家计委负责编制防震减灾规划。\n")
    with kb_of(tmp_path, {"notice.txt": notice}) as kb:
        answer = kb.ask("国家计委和财政部在哪儿同时出现？")
        assert answer.intent == "shared"
        paths = {c.path for c in _unit_clauses(kb, answer)}
        assert paths == {("一",)}
        assert "同时提到" in answer.note



def test_a_unit_given_work_is_asked_about_and_a_kind_word_names_only_its_kind(tmp_path):
    # 给X安排了哪些活: X is given the work; 中医药产业发展规划 is a plan the regulation
    # mentions, not the 指导意见 whose title shares 产业发展
    rules = ("第一条 为了发展中医药事业，结合本省实际，制定本条例。\n"
             "第三十九条 中医药主管部门应当会同发展改革、农业农村等部门，组织编制中医药产业发展规划。\n"
             "第五十一条 卫生健康部门应当完善中西医结合人才培养政策措施。\n")
    opinion = ("国务院办公厅关于加快发展体育竞赛表演产业的指导意见\n"
               "一、推动体育竞赛表演产业发展，编制产业发展规划。（体育总局负责）\n")
    with kb_of(tmp_path, {"rules.txt": rules, "opinion.txt": opinion}) as kb:
        files = {d: Path(h.source).name for d, h in kb.current_headers().items()}
        answer = kb.ask("中医药条例给卫生健康部门安排了哪些活？")
        assert answer.intent == "unit_duties"
        assert [h.clause.path for h in answer.hits] == [("第五十一条",)]
        answer = kb.ask("编中医药产业发展规划，中医药主管部门要会同哪些部门？")
        assert "opinion.txt" not in [files[d["doc_id"]] for d in answer.documents]
        assert answer.hits[0].clause.path == ("第三十九条",)


def test_a_floor_with_a_verb_before_its_figure_and_a_negated_colloquial_verb(tmp_path):
    # 至少保存3年 states the floor asked for (最少要保存几年), not 30日内; 别搞 (a negated
    # verb no dictionary lists) is how it is asked, not a topic that is absent
    from kb.search import analyse

    rules = ("第一条 为了保障农民工工资支付，促进学前教育事业发展，制定本条例。\n"
             "第十五条 用人单位应当按照工资支付周期编制书面工资支付台账，并至少保存3年。\n"
             "第二十八条 用人单位应当在开工后30日内建立工资支付台账并妥善保存。\n"
             "第二十条 学前教育机构的教育教学活动，应当避免小学化倾向。\n")
    with kb_of(tmp_path, {"rules.txt": rules}) as kb:
        answer = kb.ask("用人单位的工资支付台账最少要保存几年？")
        assert answer.hits[0].clause.path == ("第十五条",)
        concepts = {c.forms[0]: c for c in analyse(kb, "幼儿园别搞小学化教学").concepts}
        assert concepts["别搞"].stop and not concepts["小学"].stop


def test_an_english_description_is_read_with_each_words_senses(tmp_path):
    # emergency → 应急管理 first, 应急 second: 国家粮食应急管理 names only the 应急管理 of
    # the nuclear regulation, 国家粮食应急 the grain plan over six characters
    with kb_of(tmp_path, {
        "hedian.txt": ("某省民用核设施核事故预防和应急管理条例\n"
                       "第一条 为了做好核事故应急管理工作，制定本条例。\n"
                       "第二条 省核应急管理机构负责核事故应急工作，组织应急演习。\n"),
        "liangshi.txt": ("国务院办公厅关于印发国家粮食应急预案的函\n国办函〔2005〕57号\n"
                         "一、应急粮食加工企业由粮食行政管理部门指定，承担应急粮食加工任务。\n"
                         "二、粮食行政管理部门负责粮食应急监测。\n"),
    }) as kb:
        answer = kb.ask("What does the national grain emergency plan say about "
                        "designated enterprises for emergency grain processing?")
    assert [d["title"] for d in answer.documents] == ["国务院办公厅关于印发国家粮食应急预案的函"]
    assert "加工企业" in answer.hits[0].clause.text


# A regulation whose penalty article names the body that enforces it in the same words
# as the article that gives the duty.
PENALTIES = ("某市扬尘污染防治条例\n第一章 总则\n"
             "第五条 城市管理部门负责建设工程施工工地裸露地面覆盖的监督管理。\n"
             "第六条 生态环境部门负责扬尘污染防治的统一监督管理。\n"
             "第五章 法律责任\n"
             "第三十条 违反本条例规定，施工工地裸露地面未覆盖的，由住房城乡建设部门责令改正，"
             "处一万元以上十万元以下罚款；施工工地裸露地面覆盖不到位的，由住房城乡建设部门责令限期覆盖。\n")


def test_the_duty_comes_before_the_penalty_unless_the_penalty_is_asked(tmp_path):
    with kb_of(tmp_path, {"dust.txt": PENALTIES}) as kb:
        answer = kb.ask("施工工地裸露地面覆盖归哪个部门管？")
        assert answer.hits[0].clause.path[-1] == "第五条"
        assert [u.name for u in answer.units][:1] == ["城市管理部门"]
        answer = kb.ask("施工工地裸露地面未覆盖的，由哪个部门罚款？")
        assert answer.hits[0].clause.path[-1] == "第三十条"


def test_a_pointer_inside_a_documents_description_is_no_part_of_its_name(kb):
    # 山东县域那个三年方案: the plan, whose clause 深化金融政策支持 the question then names
    answer = kb.ask("山东县域那个三年方案，金融政策支持那条配合单位都有谁？")
    assert [d["doc_number"] for d in answer.documents] == [SEED_NUMBER]
    assert answer.hits[0].clause.heading == "深化金融政策支持"
    assert [u.name for u in answer.units if u.role == "coop"][:2] == [
        "中国人民银行山东省分行", "国家金融监督管理总局山东监管局"]


def test_a_chinese_term_written_into_an_english_question(tmp_path):
    text = ("国务院关于加快推进农业机械化的指导意见\n国发〔2030〕42号\n"
            "（一）提高农机作业便利程度。进一步明确田间道路、田块长度宽度与平整度等“宜机化”要求。"
            "（农业农村部、发展改革委、财政部负责，列第一位者为牵头单位，下同）\n"
            "（二）加强农机购置补贴。落实补贴政策，扩大耕地深松作业面积。（财政部、农业农村部负责）\n")
    with kb_of(tmp_path, {"mech.txt": text}) as kb:
        # the words the asker glossed (farmland suitable for machinery) are the term itself;
        # "listed after the lead" asks for the others
        answer = kb.ask("Which ministries are listed after the lead unit for making farmland "
                        "suitable for machinery (宜机化)?")
        assert not answer.empty and answer.hits[0].clause.heading == "提高农机作业便利程度"
        assert [u.name for u in answer.units if u.role == "coop"] == [
            "中华人民共和国国家发展和改革委员会", "中华人民共和国财政部"]
        # a term the asker wrote that no clause holds: nothing found
        answer = kb.ask("Who is responsible for childcare services (托育) for infants?")
        assert answer.empty


def test_a_units_duties_on_one_part_of_a_document(tmp_path):
    text = ("关于提升供电服务水平的意见\n"
            "（一）推广主动办电服务。供电企业应主动对接用户，提供办电指导。\n"
            "（二）常态化治理频繁停电。供电企业严格按照停电次数要求，开展频繁停电专项治理。\n"
            "（三）排查频繁停电线路。能源主管部门督促排查频繁停电线路，建立整治台账。\n"
            "（四）通报频繁停电情况。能源主管部门定期通报频繁停电治理情况。\n"
            "（五）服务用户节能增效。供电企业应开展用户用能分析。\n")
    with kb_of(tmp_path, {"power.txt": text}) as kb:
        answer = kb.ask("供电企业在治理频繁停电方面要做哪些事？")
        assert answer.intent == "unit_duties"
        assert [c.heading for c in _unit_clauses(kb, answer)] == ["常态化治理频繁停电"]
        assert "频繁停电" in answer.note
        # without naming a part, all of them
        answer = kb.ask("供电企业在这个供电服务意见里要做哪些事？")
        assert sum(len(u.clauses) for u in answer.units if u.role == "lead") == 3


def test_the_year_a_document_was_issued_is_no_year_asked_about(kb):
    answer = kb.ask("2023年印发的那个县域经济方案里，省科技厅要干什么？")
    assert answer.intent == "unit_duties" and answer.year is None
    answer = kb.ask("山东2023年发的县域经济方案，2025年要达到哪些目标？")
    assert answer.intent == "targets" and answer.year == 2025


def test_a_unit_named_inside_a_longer_one_is_not_its_sentence_s_subject(tmp_path):
    text = ("某省加强医疗机构药事管理的意见\n一、完善制度\n"
            "（一）完善药品采购供应制度。医疗机构药学部门负责本机构药品统一采购，严格执行药品"
            "购入检查、验收等制度。医疗机构应当坚持以临床需求为导向，严格执行通用名处方规定。"
            "公立医疗机构应当认真落实药品集中采购要求。\n"
            "（二）加强处方审核。医疗机构应当强化药师对处方的审核。\n")
    with kb_of(tmp_path, {"yaoshi.txt": text}) as kb:
        answer = kb.ask("医院本机构药品的统一采购由哪个部门负责？")
        assert [u.name for u in answer.units][:1] == ["医疗机构药学部门"]


def test_how_much_asked_of_a_standard_that_is_no_target(tmp_path):
    # 多少 asks for a figure; a reward per mu is a standard, not a target, and the clause
    # that states it covers the question far better than the plan's targets do
    text = ("某县关于支持重点产业加快发展的实施意见\n一、发展目标\n"
            "（一）到2025年，全县医药企业新建中药材种植基地20个，种植面积达到1万亩以上。\n"
            "二、支持政策\n"
            "（二）种植基地建设奖励补助。对医药企业新建中药材种植基地面积在100亩以上的，"
            "给予企业100元/亩奖励；面积在500亩以上的，给予企业200元/亩奖励。\n")
    with kb_of(tmp_path, {"chanye.txt": text}) as kb:
        answer = kb.ask("医药企业新建中药材种植基地，每亩能拿到多少奖励？")
        assert answer.hits[0].clause.path == ("二", "(二)")



def test_a_class_of_bodies_named_in_english_as_the_document_writes_it(tmp_path):
    text = ("某省医疗保障局关于加强医保基金使用监管的实施意见\n某医保发〔2024〕3号\n一、压实责任\n"
            "（一）强化行政监管。各级医保行政部门要加强对医保基金使用的监督检查。\n"
            "（二）强化经办审核。医保经办机构要提高日常审核能力。\n"
            "（三）强化部门协同。卫生健康行政部门要加强医疗机构管理。\n"
            "（四）健全考核。各级医保行政部门要将审核情况纳入绩效考核。\n")
    with kb_of(tmp_path, {"yibao.txt": text}) as kb:
        answer = kb.ask("List all the duties of medical insurance administrative departments at "
                        "all levels under 某医保发〔2024〕3号.")
        assert answer.intent == "unit_duties"
        assert {h.clause.path for h in answer.hits} == {("一", "(一)"), ("一", "(四)")}


def test_an_english_rate_per_so_many_is_written_with_mei(tmp_path):
    # per 10,000 permanent residents → 每万常住人口: the clause with the rate answers, not
    # the one that only counts residents
    with kb_of(tmp_path, {"doctors.txt": (
            "某市家庭医生服务实施方案\n一、主要目标\n"
            "（一）扩大服务覆盖。常住人口签约覆盖率逐年提高，到2025年常住人口签约率达到45%。\n"
            "（二）充实医生队伍。到2025年，每万常住人口全科医生数达到5人，"
            "每千常住人口执业医师数达到3.2人。\n")}) as kb:
        for question, rate in (
                ("How many general practitioners per 10,000 permanent residents by 2025?", "每万"),
                ("What is the 2025 target for practising doctors per thousand residents?", "每千")):
            answer = kb.ask(question)
            assert answer.intent == "targets" and not answer.empty, question
            assert rate in answer.hits[0].clause.text, question


def test_asked_who_works_with_a_lead_the_clause_names_only_the_relevant_departments(tmp_path):
    # （X会同有关部门负责）: the answer is what the clause says, said to name no body, not
    # the partners of a weaker clause about other work
    with kb_of(tmp_path, {"incentives.txt": (
            "国务院办公厅关于加大激励支持力度的通知\n"
            "一、对老工业基地调整改造成效突出的市，安排中央预算内投资给予奖励。"
            "（国家发展改革委会同有关部门负责）\n"
            "二、对城镇老旧小区改造积极主动的市，给予资金奖励。"
            "（住房城乡建设部、国家发展改革委、财政部负责）\n")}) as kb:
        answer = kb.ask("老工业基地调整改造奖励那一条，发改委会同哪些部门负责？")
        assert [u.name for u in answer.units] == ["有关部门"]
        assert "未点名" in answer.note
        assert answer.hits[0].clause.path == ("一",)
        # a clause naming its partners still answers with them
        answer = kb.ask("老旧小区改造奖励，发改委跟哪些部门一起负责？")
        assert "有关部门" not in [u.name for u in answer.units]
        assert any("住房和城乡建设部" in u.name for u in answer.units)


def test_an_issuer_before_a_long_title_names_the_document_not_a_partner(tmp_path):
    # 国务院办公厅那份对…（24 characters）…的通知: the issuer names the document; the
    # question is who leads, not who works with the General Office
    with kb_of(tmp_path, {"incentives.txt": (
            "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知\n"
            "一、对企业债券发行和债券品种创新成效明显的市，企业申请企业债券实行“直通车”。"
            "（国家发展改革委负责）\n"
            "二、对老旧小区改造积极主动的市，给予资金奖励。（住房城乡建设部负责）\n")}) as kb:
        answer = kb.ask("我在看国务院办公厅那份对真抓实干成效明显地方进一步加大激励支持力度的通知，"
                        "企业债券“直通车”那一条是哪个部门负责的，以后该跟哪个部门对接？")
        assert answer.partner is None
        assert [u.name for u in answer.units][:1] == ["中华人民共和国国家发展和改革委员会"]


def test_an_english_document_name_in_quotes_with_a_comma(tmp_path):
    # the 'double random, one public' opinion: the comma inside the quotes is no break in
    # the name; a spot check is 抽查
    with kb_of(tmp_path, {
            "random.txt": ("国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见\n"
                           "（一）合理确定抽查比例。重点检查事项抽查比例不设上限，一般检查事项抽查比例不宜过高。\n"),
            "other.txt": ("某省关于加强安全生产检查的通知\n"
                          "（一）提高抽查比例。对重点企业的抽查比例提高到30%。\n")}) as kb:
        answer = kb.ask("What does the 'double random, one public' opinion say about the "
                        "spot-check ratio for key inspection items?")
        assert [d["title"][:6] for d in answer.documents] == ["国务院关于在"]
        assert "不设上限" in answer.hits[0].clause.text


def test_a_class_of_bodies_written_with_full_width_brackets_is_asked_about(tmp_path):
    # the question is read with full-width forms folded: 各省（区、市）人民政府 in it is still
    # the class the document names, and the question asks for its duties
    with kb_of(tmp_path, {"random.txt": (
            "国务院关于推行部门联合抽查监管的意见\n"
            "（一）统筹建设平台。各省（区、市）人民政府要建设本辖区统一的监管工作平台。\n"
            "（二）建立两库。各省（区、市）人民政府要统筹建立检查对象名录库。\n"
            "（三）制定计划。县级以上地方人民政府要统筹制定本辖区年度抽查工作计划。\n")}) as kb:
        answer = kb.ask("抽查监管那个意见里，各省（区、市）人民政府要干什么？")
        assert answer.intent == "unit_duties"
        assert [u.name for u in answer.units if u.clauses] == ["各省（区、市）人民政府"]
        assert {h.clause.path for h in answer.hits} == {("(一)",), ("(二)",)}


_GUARANTEE = ("国务院办公厅关于发挥政府性融资担保基金作用支持小微企业的指导意见\n国办发〔2099〕6号\n"
              "一、总体要求\n（一）回归担保主业。各级政府性融资担保机构要坚守支小支农主业。\n"
              "二、加强政策扶持\n"
              "（二）实施差异化监管措施。金融管理部门要对融资担保机构的支小支农业务实施差异化监管。\n"
              "（三）完善风险补偿。金融管理部门要会同财政部门研究完善担保代偿风险补偿机制。\n"
              "（四）落实奖补政策。财政部要对支小支农担保业务成效明显的地方给予奖补。\n")
_CREDIT = ("某省普惠金融发展规划\n一、加强监测\n（一）金融管理部门要加强对普惠信贷投放的统计监测。\n"
           "（二）到2099年，普惠小微贷款余额达到1000亿元。\n")


@pytest.mark.parametrize("question", [
    # a body written in Chinese beside its English name; the document's date after its name
    ("What are the financial regulatory authorities (金融管理部门) asked to do under the "
     "guideline on government financing guarantee funds from early 2019?"),
    ("Someone mentioned the guideline on government financing guarantee funds issued in late "
     "2019; what exactly are the financial regulatory authorities (金融管理部门) asked to do there?"),
])
def test_an_english_question_naming_a_body_in_chinese_and_its_document_by_date(tmp_path, question):
    with kb_of(tmp_path, {"guarantee.txt": _GUARANTEE, "credit.txt": _CREDIT}) as kb:
        answer = kb.ask(question)
        assert answer.year is None and answer.intent == "unit_duties"
        assert [d["doc_number"] for d in answer.documents] == ["国办发〔2099〕6号"]
        assert [u.name for u in answer.units if u.clauses] == ["金融管理部门"]
        assert [c.path[-1] for c in _unit_clauses(kb, answer)] == ["(二)", "(三)"]


def test_a_unit_s_duties_in_one_part_of_a_named_document(tmp_path):
    with kb_of(tmp_path, {"guarantee.txt": _GUARANTEE, "credit.txt": _CREDIT}) as kb:
        answer = kb.ask("融资担保基金指导意见里，在差异化监管方面金融管理部门要做什么？")
        assert answer.intent == "unit_duties"
        assert [c.path[-1] for c in _unit_clauses(kb, answer)] == ["(二)"]
        assert kb.ask("2019年初的那份融资担保指导意见里金融管理部门要做什么？").year is None


_DECREE = ("中华人民共和国测试费条例\n中华人民共和国国务院令第999号\n"
           "现公布《中华人民共和国测试费条例》，自2099年1月1日起施行。\n"
           "第一条 为规范测试费征收，制定本条例。\n第二条 税务机关负责测试费的征收管理。\n"
           "第三条 生态环境主管部门负责测试数据的监测管理。\n"
           "第四条 县级以上地方人民政府应当加强对环境保护税征收管理工作的领导。\n"
           "第五条 县级以上地方人民政府应当加强对测试数据的统计。\n")


@pytest.mark.parametrize("question", [
    "国务院令第999号里，测试数据的监测管理由谁负责？",
    "第999号令规定谁负责测试数据的监测管理？",
    "Under State Council Decree No. 999, which authority is responsible for monitoring the test data?",
])
def test_a_regulation_named_by_its_decree(tmp_path, question):
    with kb_of(tmp_path, {"decree.txt": _DECREE, "guarantee.txt": _GUARANTEE}) as kb:
        answer = kb.ask(question)
        assert [d["doc_number"] for d in answer.documents] == ["国务院令第999号"]
        assert answer.units[0].name == "生态环境主管部门"


def test_a_city_body_named_in_english_by_its_level_and_function(tmp_path):
    # the directory's data bureau is the province's 大数据局; the city's, as its plans write
    # it, is 市数据局 (another plan's 市数据资源局 is not it)
    plans = {"a.txt": ("某市数据应用推进方案\n一、重点任务\n（一）建设算力平台。统筹建设全市算力平台。"
                       "（责任单位：市数据局）\n（二）建设安全体系。完善安全管理。（责任单位：市数据局）\n"
                       "（三）培育数据企业。加大扶持力度。（责任单位：市工信局）\n"),
             "b.txt": ("某市数据要素发展方案\n一、重点任务\n（一）开放公共数据。推进数据开放。"
                       "（责任单位：市数据资源局）\n（二）培育数商。引育数商企业。（责任单位：市商务局）\n"
                       "（三）完善制度。健全数据制度。（责任单位：市司法局）\n")}
    with kb_of(tmp_path, plans) as kb:
        answer = kb.ask("What is the Municipal Data Bureau responsible for?")
        assert answer.intent == "unit_duties"
        assert [u.name for u in answer.units if u.clauses] == ["市数据局"]


def test_abbreviations_staff_type_for_the_terms_documents_write(tmp_path):
    # 环保税征管 is the regulation's 环境保护税征收管理; 这件事上 frames the question
    with kb_of(tmp_path, {"decree.txt": _DECREE}) as kb:
        answer = kb.ask("县级以上地方政府在环保税征管这件事上要干啥？")
        assert answer.intent == "unit_duties" and answer.topic == "环保税征管"
        assert [c.path for c in _unit_clauses(kb, answer)] == [("第四条",)]
