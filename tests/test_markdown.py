"""Markdown pages (.md) are read as rendered pages, and a page's metadata lines are
metadata: the crawler's or portal's header never becomes a clause."""

import ingest

# as a crawler saves a portal's notice: the page title as # heading, its information
# panel as bold labels, a rule, then the notice with bold headings indented by 　
CRAWLED = """# 某市人民政府办公厅印发《关于加快科技服务业高质量发展的若干意见》

**发布日期**: 2025-05-27
**发布机构**: 某市科学技术委员会
**原文链接**: [http://kjw.example.gov.cn/a.html](http://kjw.example.gov.cn/a.html)
**检索时间**: 2026-02-03 13:11:03

---

某府办发〔2025〕11号

各区人民政府，市政府各委、办、局：

　　为加快科技服务业高质量发展，经市政府同意，现提出如下意见。

　**一、提升科技服务供给质量**

**（一）推动科技创新资源开放**

　　加大大型科学仪器向社会开放力度，保障企业用户的机时比例。（责任单位：市科委、市发展改革委）

　　推动高校院所实验室向合作企业开放。（责任单位：市教委、市科委）

　**二、强化保障**

　　建立专利盘点工作机制，开展专利导航。（责任单位：市知识产权局）
"""


def test_a_crawled_markdown_notice_has_its_title_number_date_and_headings():
    doc = ingest.parse_bytes(CRAWLED.encode(), "kejifuwu.md")
    assert doc.title == "某市人民政府办公厅印发《关于加快科技服务业高质量发展的若干意见》"
    assert doc.doc_number == "某府办发〔2025〕11号"
    assert doc.published_date == "2025-05-27"
    assert doc.issuer == "某市人民政府办公厅"  # the title's, not the publishing site's
    tasks = [c for c in doc.clauses if c.lead_units]
    assert [(c.path, c.section) for c in tasks] == [
        (("一", "(一)"), ("提升科技服务供给质量",)),
        (("一", "(一)"), ("提升科技服务供给质量",)),
        (("二",), ()),
    ]
    assert [u.as_written for u in tasks[0].lead_units] == ["市科委", "市发展改革委"]
    assert [u.as_written for u in tasks[2].lead_units] == ["市知识产权局"]
    text = " ".join(c.text for c in doc.clauses)
    for mark in ("**", "原文链接", "检索时间", "发布机构", "http", "---"):
        assert mark not in text


def test_markdown_lines_without_blank_lines_between_stay_apart():
    page = ("# 某县农村公路养护实施方案\n一、总体要求\n（一）工作目标\n"
            "到2025年，农村公路优良中等路率达到85%以上。\n（二）职责分工\n"
            "县交通运输局负责农村公路养护的组织实施。\n").encode()
    doc = ingest.parse_bytes(page, "gonglu.md")
    assert doc.title == "某县农村公路养护实施方案"
    paths = [c.path for c in doc.clauses]
    assert ("一", "(一)") in paths and ("一", "(二)") in paths
    duty = next(c for c in doc.clauses if c.path == ("一", "(二)"))
    assert [u.name for u in duty.lead_units] == ["县交通运输局"]
    assert "85%" not in duty.text


def test_a_hard_wrapped_markdown_paragraph_is_one_paragraph():
    lines = [
        "# 某市扬尘污染防治规定", "",
        "第一条　为了防治扬尘污染，改善大气环境质量，保障公众健康，推进生态文明建设，根据有关",
        "法律、法规，结合本市实际，制定本规定。本规定适用于本市行政区域内扬尘污染防治及其监督",
        "管理活动。扬尘污染防治应当坚持预防为主、防治结合、污染担责的原则，建立政府为主导的机",
        "制。", "",
        "第二条　市和县（市、区）人民政府应当加强对扬尘污染防治工作的领导，建立扬尘污染防治工",
        "作协调机制，将扬尘污染防治工作纳入生态环境保护目标责任制考核，所需经费列入本级财政预",
        "算。乡镇人民政府、街道办事处应当按照职责做好本辖区扬尘污染防治相关工作，督促有关单位",
        "和个人落实扬尘污染防治措施。", "",
        "第三条　生态环境主管部门对本行政区域内扬尘污染防治实施统一监督管理，住房城乡建设、交",
        "通运输、水利等主管部门按照各自职责做好扬尘污染防治监督管理工作，并相互通报有关信息。",
    ]
    wrapped = "\n".join(lines)
    doc = ingest.parse_bytes(wrapped.encode(), "yangchen.md")
    assert [c.path for c in doc.clauses] == [("第一条",), ("第二条",), ("第三条",)]
    assert "根据有关法律、法规" in doc.clauses[0].text


def test_a_table_of_contents_of_in_page_links_is_no_clause():
    page = ("# 某省机动车排气污染防治条例\n\n- 第1~3条：\n\n  [1](#第一条) [2](#第二条) [3](#第三条)\n\n"
            "第一条 为了防治机动车排气污染，制定本条例。\n\n"
            "第二条 县级以上生态环境主管部门负责机动车排气污染防治的统一监督管理。\n\n"
            "第三条 公安机关交通管理部门应当协助生态环境主管部门进行监督管理。\n").encode()
    doc = ingest.parse_bytes(page, "jidongche.md")
    assert [c.path for c in doc.clauses if c.path] == [("第一条",), ("第二条",), ("第三条",)]


def test_metadata_lines_at_the_head_of_a_text_copy_are_metadata():
    page = ("关于加快发展体育竞赛表演产业的指导意见\n索引号：000014349/2018-00221\n"
            "发文机关：国务院办公厅\n成文日期：2018年12月11日\n发文字号：国办发〔2018〕121号\n"
            "原文链接：http://www.gov.cn/a.htm\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
            "一、总体要求\n体育竞赛表演产业是体育产业的重要组成部分。\n"
            "二、主要任务\n发展体育竞赛表演产业。（体育总局负责）\n").encode()
    doc = ingest.parse_bytes(page, "tiyu.txt")
    assert doc.doc_number == "国办发〔2018〕121号"
    assert doc.issuer == "国务院办公厅"
    assert doc.signed_date == "2018-12-11"
    assert not any("索引号" in c.text or "原文链接" in c.text for c in doc.clauses)
