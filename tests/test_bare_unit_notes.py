"""Notes that are nothing but a list of bodies, with no role word: （市交通运输局、南山区政府，
市规划和自然资源局）, the way many cities close a task. The document says once who leads
(列逗号之前的为牵头单位); square brackets close tasks too; an aside inside a body's name
(各区政府（含…，下同）) is no part of it; brackets that hold no list of bodies stay text."""

import ingest

# The convention is stated inside the first note; the second task has two notes in one
# paragraph; the third closes with square brackets; the fourth's list holds companies.
CITY = """某市低空基础设施建设方案（2030—2032年）

一、建设目标

到2032年底，建成低空起降点500个以上。

二、重点任务

（一）起降设施

1.推进通用机场建设。2032年底前投入使用某区直升机场。（市交通运输局、南山区政府，市规划和自然资源局、中国中海直公司。列逗号之前的为牵头单位，其他有关单位按职责分工配合，下同）

2.建设医疗物资起降点。新建医疗物资运输起降点40个。（市卫生健康委，各区政府）推广即时配送航线，构建即时配送网络。（市交通运输局、各区政府，市教育局）

3.完善城市场景起降网络。在公园、体育场馆建设起降点。[市交通运输局、各区政府（含某新区管委会、某合作区管委会，下同），市规划和自然资源局、市应急管理局]

（二）信息设施

4.建设低空通信网络。推动5G-A网络覆盖主要航线。（市工业和信息化局，市通信管理局、某海事局、市交通运输局、中国电信、中国移动、中国联通）

5.编制布局规划。组织编制起降设施专项规划（2030—2035年）。（市规划和自然资源局）
"""

# No convention stated: a bare list names the units responsible, all of them leading.
PLAIN = """某市食品科技创新行动方案

一、重点任务

（一）开展功能食品研究。解析新型功能成分的代谢机制，提高生物利用度。（市科委、市卫生健康委）

（二）推进智能制造。建设食品智能工厂（含中央厨房），提升供应链协同效率。

（三）加强人才培养。完善食品领域人才评价（以下简称“评价”）机制，实施专项计划（2030年）。
"""


def _units(doc):
    return [([u.name for u in c.lead_units], [u.name for u in c.coop_units], c.text)
            for c in doc.clauses if c.lead_units or c.coop_units]


def test_bare_unit_lists_read_by_the_documents_comma_convention():
    doc = ingest.parse_bytes(CITY.encode(), "city.txt")
    units = _units(doc)
    by_text = {text[:12]: (lead, coop) for lead, coop, text in units}
    first = next(v for k, v in by_text.items() if "推进通用机场" in k)
    assert first == (["市交通运输局", "南山区政府"], ["市规划和自然资源局", "中国中海直公司"])
    # (the convention's own words are no unit)
    assert not any("牵头单位" in n for lead, coop, _ in units for n in lead + coop)
    # two notes in one paragraph: two tasks, each with its own units
    assert (["市卫生健康委"], ["各区政府"]) in [(lead, coop) for lead, coop, _ in units]
    assert (["市交通运输局", "各区政府"], ["市教育局"]) in [(lead, coop) for lead, coop, _ in units]
    # square brackets, and an aside inside a class of bodies
    square = next((lead, coop) for lead, coop, text in units if "公园" in text)
    assert square == (["市交通运输局", "各区政府"], ["市规划和自然资源局", "市应急管理局"])
    # a list that also names companies is still the task's units
    network = next((lead, coop) for lead, coop, text in units if "5G-A" in text)
    assert network[0] == ["市工业和信息化局"] and "市通信管理局" in network[1]
    # a single body after the convention leads alone
    assert (["市规划和自然资源局"], []) in [(lead, coop) for lead, coop, _ in units]


def test_a_bare_list_without_a_convention_leads_and_asides_stay_text():
    doc = ingest.parse_bytes(PLAIN.encode(), "plain.txt")
    units = _units(doc)
    assert [(lead, coop) for lead, coop, _ in units] == [(["市科委", "市卫生健康委"], [])]
    texts = " ".join(c.text for c in doc.clauses)
    # brackets holding no list of bodies are no notes: their words stay in the text
    assert "（含中央厨房）" in texts and "（2030年）" in texts


# A page break cut a note in two paragraphs, as a PDF turned into Markdown keeps it.
BROKEN = """某市北斗产业发展三年行动计划

一、重点任务

1.开展智能交通应用。推动北斗高精度服务在智能网联汽车各环节应用。（牵头部

门：市交通委、市水务局）

2.开展无人系统应用。开展无人系统应用研究，促进北斗高精度定位技术融合（含

室内外定位）。（牵头部门：市经济信息化委）
"""


def test_a_note_a_page_break_cut_in_two_is_joined_back():
    doc = ingest.parse_bytes(BROKEN.encode(), "broken.md")
    units = [(lead, coop) for lead, coop, _ in _units(doc)]
    assert units == [(["市交通委", "市水务局"], []), (["市经济信息化委"], [])]
    first = next(c for c in doc.clauses if "智能交通" in c.text)
    assert "市水务局" in first.text and "无人系统" not in first.text


def test_notes_in_lenticular_and_tortoise_shell_brackets():
    # 【责任单位：…】 and 〔…〕 close a task as round brackets do; a 文号's 〔2023〕 is none
    text = ("某省数字政府建设方案\n一、重点任务\n"
            "（一）完善统计监测。建立数字经济统计制度。【责任单位：省统计局、省发展改革委】\n"
            "（二）推进政务数据共享。依托鲁政字〔2023〕209号文件要求建设共享平台。〔省大数据局牵头，省财政厅配合〕\n"
            "（三）深化一网通办。按照国办发〔2022〕3号要求推进。\n")
    doc = ingest.parse_bytes(text.encode(), "square.txt")
    by_path = {c.path: c for c in doc.clauses}
    first = by_path[("一", "(一)")]
    assert [u.name for u in first.lead_units] == ["山东省统计局", "山东省发展和改革委员会"] or \
        [u.as_written for u in first.lead_units] == ["省统计局", "省发展改革委"]
    second = by_path[("一", "(二)")]
    assert [u.as_written for u in second.lead_units] == ["省大数据局"]
    assert [u.as_written for u in second.coop_units] == ["省财政厅"]
    assert not by_path[("一", "(三)")].lead_units
