"""Blocks -> document layout: metadata, the 印发 wrapper, and the body to segment.

Works on blocks from any loader. Portal chrome (navigation, 扫一扫, 来源/编辑 lines,
share links) is dropped here, so a text dump of a web page and the page itself agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lazyre import lazy_compile
from .records import Block

DOC_TYPES = (
    "实施方案", "行动方案", "行动计划", "指导意见", "实施意见", "实施细则", "管理办法",
    "通知", "意见", "方案", "办法", "决定", "规定", "批复", "函", "通报", "报告", "规划",
    "细则", "措施", "条例", "公告", "通告", "纲要", "计划", "规则", "决议", "纪要",
)
# (…行动计划（2025-2027年）, …实施方案（2025年版）, …办法（试行）: a period, an edition or a
# trial status in brackets after the kind; a page's title line with the 文号 in brackets
# after it, 关于…的意见(发改能源规〔2025〕624号), is no title line)
_AFTER_TYPE = r"(?:[(（][^()（）〔〕\[\]号]{1,16}[)）])?[)）]?"
_TYPE_END = lazy_compile("(?P<kind>" + "|".join(DOC_TYPES) + ")" + _AFTER_TYPE + "$")
# a title that is the issuing itself: 上海市人民政府办公厅印发《关于…的若干意见》
_ISSUING_TITLE = lazy_compile(r"印发《.*(?:" + "|".join(DOC_TYPES) + ")" + _AFTER_TYPE + "》$")
DOC_NUMBER = lazy_compile(
    r"[\u4e00-\u9fa5]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号"
)
_CHROME = lazy_compile(
    r"^(?:扫一扫.*|.*在手机(?:上)?打开.*|手机浏览|首页|打印|关闭|打印本页|关闭窗口|返回顶部|"
    r"分享到.*|【?字[体号][:：].*|收藏|-->|<!--|编辑[:：].*|责任编辑[:：]?.*|"
    r"上一篇.*|下一篇.*|相关(?:链接|文件|阅读)|当前位置[:：].*|您当前的位置.*|"
    r"浏览次数.*|访问量.*|【(?:打印|关闭|大|中|小)】.*)$"
)
_SOURCE = lazy_compile(r"^(?:来源|信息来源|发布时间|发布日期)[:：]\s*(.*)$")
_DATE_ISO = lazy_compile(r"((?:19|20)\d{2})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})日?")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE = lazy_compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                      r"([一二三四五六七八九十]{1,3})日$")
_SIGNED = lazy_compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_PUBLIC = lazy_compile(r"^[(（]此件(?:公开发布|主动公开|依申请公开|不予公开)[)）]$")
_PERIOD = lazy_compile(r"((?:19|20)\d{2})\s*[-—–－~～至]\s*((?:19|20)\d{2})\s*年")
_ATTACHMENT = lazy_compile(r"^附\s*件\s*(?:\d+)?[:：]?\s*(.*)$")
_CC_BLOCK = lazy_compile(r"^(?:抄送|印发|主送|联系人)[:：]")
_PRINTED = lazy_compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")
_RECIPIENTS = lazy_compile(r"^(?:各|国务院各|省政府各|.{0,20}人民政府[，,、]).{2,200}[:：]$")
# a line of organs apart by spaces, nothing else: 教育部办公厅 国家发展改革委办公厅
_SIGNATURE_LINE = lazy_compile(r"^[\u4e00-\u9fa5]{2,20}(?:[\s\u3000]+[\u4e00-\u9fa5]{2,20})+$")
_ISSUER_TAIL = lazy_compile(r"(?:人民政府|政府|办公厅|办公室|国务院|厅|委员会|委|局|部|院|署|会)$")


GENRES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示",
          "批复", "议案", "函", "纪要")  # the 15 kinds of 公文 (党政机关公文处理工作条例)
_NUMBER_PARTS = lazy_compile(
    r"^(?P<org>[\u4e00-\u9fa5]{1,12}?)\s*[〔\[［【(（]?\s*(?P<year>(?:19|20)\d{2})\s*"
    r"[〕\]］】)）年]?\s*(?:第\s*)?(?P<no>\d{1,4})\s*号?$"
)


# a regulation's or rule's decree: 中华人民共和国国务院令第693号, 国家发展和改革委员会令 第12号
_DECREE_OF = r"(?:中华人民共和国)?(?P<org>[\u4e00-\u9fa5]{1,16}?令)"
DECREE_NUMBER = lazy_compile(_DECREE_OF + r"\s*[（(]?第\s*(?P<no>\d{1,4})\s*号[)）]?")
_DECREE_ORG = lazy_compile(_DECREE_OF)


# a regulation's promulgation under its title: (2009年2月11日国务院第49次常务会议通过
# 2009年2月26日中华人民共和国国务院令第552号公布　自公布之日起施行)
_PROMULGATION = lazy_compile(r"^[（(][^()（）]*(?:通过|公布|发布)[^()（）]*[)）]$")
_PROMULGATED_BY = lazy_compile(r"(?:(?<=\d日)|(?<![\u4e00-\u9fa5\d]))(?:中华人民共和国)?"
                               r"(?P<org>[\u4e00-\u9fa5]{1,16}?令)\s*第\s*(?P<no>\d{1,4})\s*号"
                               r"(?:公布|发布)")


def promulgation_decree(text: str) -> str | None:
    """国务院令第552号 from a promulgation line in brackets under a regulation's title."""
    if not _PROMULGATION.match(text.strip()):
        return None
    match = _PROMULGATED_BY.search(text)
    return f"{match.group('org')}第{int(match.group('no'))}号" if match else None


def decree_number(text: str) -> str | None:
    """国务院令第693号 for a line that is the decree (the country's name left out)."""
    match = DECREE_NUMBER.fullmatch(re.sub(r"[\s\u3000]", "", text))
    return f"{match.group('org')}第{int(match.group('no'))}号" if match else None


def normalize_doc_number(text: str | None) -> str | None:
    """鲁政字[2023]209号, 鲁政字(2023)209, 国办发2018年121号 -> 鲁政字〔2023〕209号."""
    if not text:
        return text
    bare = re.sub(r"[\s\u3000]", "", text)
    match = _NUMBER_PARTS.match(bare)
    if not match:
        return text.strip()
    return f"{match.group('org')}〔{match.group('year')}〕{int(match.group('no'))}号"


def iso_date(text: str) -> str | None:
    text = text.strip()
    match = _DATE_ISO.search(text)
    if match:
        y, m, d = (int(g) for g in match.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{m:02d}-{d:02d}"
    match = _CN_DATE.match(text)
    if match:
        year = int("".join(str(_CN_DIGITS[c]) for c in match.group(1)))
        return f"{year:04d}-{_cn_small(match.group(2)):02d}-{_cn_small(match.group(3)):02d}"
    return None


_CN_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}


def chinese_number(text: str) -> int:
    """20, 二十, 十六, 九 as a number; 0 when it is none (never raises)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_NUMBER.get(text[1:], 0)
    if "十" in text:
        head, _, tail = text.partition("十")
        return _CN_NUMBER.get(head, 1) * 10 + _CN_NUMBER.get(tail, 0)
    return _CN_NUMBER.get(text, 0)


def _cn_small(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[-1]]
    return _CN_DIGITS[text]


def _bare(text: str) -> str:
    return re.sub(r"[\s\u3000《》〈〉“”\"'()（）]", "", text)


@dataclass
class Layout:
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    signed_date: str | None = None
    published_date: str | None = None
    recipients: str | None = None
    period: str | None = None
    doc_type: str | None = None
    body_title: str | None = None
    wrapper: list[Block] = field(default_factory=list)
    notice: list[Block] = field(default_factory=list)  # the wrapper's own numbered points
    body: list[Block] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    frame: dict[str, str] = field(default_factory=dict)  # the GB/T 9704 公文 frame


_SIGNER = lazy_compile(r"^签\s*发\s*人[:：]\s*(.+)$")
# "label: value" lines before the body (a portal's information panel copied as text, a
# crawler's header): the document's metadata, or the page's, never a line of the text
_HEAD_LABELS = {
    "索引号": "索引号", "主题分类": "主题分类", "发文机关": "发文机关", "发文单位": "发文机关",
    # 发布机构: the site that published it, the issuer only when nothing else says
    "发布机构": "发布机构", "成文日期": "成文日期", "标题": "标题", "名称": "标题",
    "发文字号": "发文字号", "文号": "发文字号", "发布日期": "发布日期", "主题词": "主题词",
}
_PAGE_LABELS = ("原文链接", "原文地址", "链接", "网址", "检索时间", "检索关键词", "关键词",
                "浏览次数", "访问次数", "更新时间", "生效日期", "时效性", "有效性", "效力级别")
_LABEL_LINE = lazy_compile(r"^([\u4e00-\u9fff]{2,6})\s*[:：]\s*(.*)$")


def _head_label(text: str) -> tuple[str, str] | None:
    """(label, value) of a metadata line, else None."""
    match = _LABEL_LINE.match(text)
    if match is None:
        return None
    label = _HEAD_LABELS.get(match.group(1), match.group(1) if match.group(1) in _PAGE_LABELS
                             else None)
    return (label, match.group(2).strip()) if label else None

_PRINTED_BY = lazy_compile(
    r"^(?P<org>.+?)\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
_BANNER = lazy_compile(r"^(?P<org>.{2,40}?)文件$")
# an opening that names what the document is: 就推进人才集聚工程（简称“633”人才工程），提出以下实施意见
_PROPOSES = lazy_compile(
    r"就(?P<topic>[^，,。；;（(]{2,40}?)(?:[（(][^）)]{0,20}[）)])?(?:工作|问题|有关事项)?[，,]\s*"
    r"(?:现|特)?提出(?:以下|如下)(?P<kind>实施意见|指导意见|意见|措施|办法)")
_ENACTED_AS = lazy_compile(r"(?:制定|制订|特制定)本(?P<kind>办法|方案|规定|细则|意见|预案|规划|计划|条例|规则|措施)")


_PART_HEADING = lazy_compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章节条编款]")
# 二、实施六大人才行动计划, （三）工作方案: a numbered heading of the body, never the title
_NUMBERED_HEADING = lazy_compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]+[、，．.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,3}[、．.](?!\d))")


def _find_title(lines: list[Block]) -> tuple[int, int, str] | None:
    """The first title-like line (or run of up to 3 lines): (first, last+1, title)."""
    for i, block in enumerate(lines[:80]):
        text = block.text
        if _ISSUING_TITLE.search(text) and 6 <= len(text) <= 80:
            return i, i + 1, text
        if "关于" not in text and not _TYPE_END.search(text):
            continue
        if _PART_HEADING.match(text) or _NUMBERED_HEADING.match(text):
            continue  # 第一节　一般规定, 二、…行动计划 head a part, they title nothing
        if len(text) < 6 or len(text) > 80 or re.search(r"[。；;，,：:]", text):
            continue
        joined = text
        for j in range(i, min(i + 3, len(lines))):
            if j > i:
                joined += lines[j].text
            if _TYPE_END.search(joined) and ("关于" in joined or len(joined) >= 8):
                # A red-head title puts the issuer on a line of its own: 山东省人民政府 / 关于…
                if joined.startswith("关于") and i > 0 and _ISSUER_TAIL.search(lines[i - 1].text) \
                        and len(lines[i - 1].text) <= 30:
                    return i - 1, j + 1, lines[i - 1].text + joined
                return i, j + 1, joined
            if len(joined) > 80 or (j > i and re.search(r"[。；;，,]", lines[j].text)):
                break
    return None


def assemble(blocks: list[Block]) -> Layout:
    out = Layout()
    lines: list[Block] = []
    head = True  # no sentence yet
    for block in blocks:
        if block.kind == "meta":
            out.meta[block.label] = block.text.split("：", 1)[-1]
            continue
        text = block.text
        source = _SOURCE.match(text)
        if source:
            out.published_date = out.published_date or iso_date(source.group(1))
            continue
        if _CHROME.match(text):
            continue
        signer = _SIGNER.match(text)
        if signer:
            out.frame["签发人"] = signer.group(1).strip()
            continue
        labelled = _head_label(text) if head else None
        if labelled:
            if labelled[1]:
                out.meta.setdefault(*labelled)
            continue
        head = head and not re.search(r"[。；]", text)
        lines.append(block)

    meta = out.meta
    out.title = meta.get("标题")
    out.doc_number = meta.get("发文字号")
    out.issuer = meta.get("发文机关")
    if meta.get("成文日期"):
        out.signed_date = iso_date(meta["成文日期"])
    if meta.get("发布日期"):
        out.published_date = iso_date(meta["发布日期"]) or out.published_date

    # Navigation before the title is dropped; the title and its red-head repeat are header.
    start = 0
    found = _find_title(lines)
    if found:
        first, last, title = found
        out.title = out.title or title
        start = last
        for block in lines[:first]:  # the 红头 banner: 山东省人民政府文件
            if block.text.endswith("文件") and len(block.text) <= 30:
                out.meta.setdefault("版头", block.text)
    else:
        while start < len(lines) and len(lines[start].text) < 12 and not re.search(
            r"[。；;，,]|^第.+[章条]|^[一二三四五六七八九十]+、", lines[start].text
        ):
            start += 1
    title_bare = _bare(out.title or "")
    i = start
    while i < len(lines):
        text = lines[i].text
        bare = _bare(text)
        number = DOC_NUMBER.fullmatch(text.strip())
        decree = None if number else decree_number(text)
        # the decree on a line of its own, its number on the next (…国务院令 / 第693号)
        two_lines = not (number or decree) and i + 1 < len(lines) \
            and _DECREE_ORG.fullmatch(bare) and decree_number(text + lines[i + 1].text)
        promulgated = None if number or decree or two_lines else promulgation_decree(text)
        if number:
            out.doc_number = out.doc_number or text.strip()
        elif promulgated:
            out.doc_number = out.doc_number or promulgated
        elif decree or two_lines:
            out.doc_number = out.doc_number or decree or two_lines
            i += 1 if two_lines else 0
        elif bare and title_bare and bare in title_bare and i - start < 6:
            pass  # the red-head repeat of the title, split over lines
        else:
            break
        i += 1
    if i < len(lines) and _RECIPIENTS.match(lines[i].text):
        out.recipients = lines[i].text.rstrip(":：")
        i += 1
    rest = lines[i:]
    if out.doc_number is None:
        for block in lines[: i + 5]:
            match = DOC_NUMBER.search(block.text)
            if match and len(block.text) < 40:
                out.doc_number = match.group(0)
                break

    # A 印发 notice wraps the plan it issues: find the plan's own title line.
    body_start = 0
    plan = _issued_plan(out.title or "")
    if plan:
        plan_bare = _bare(plan)
        for k, block in enumerate(rest):
            bare = _bare(block.text)
            if len(bare) >= 6 and plan_bare.startswith(bare) and k > 0:
                joined, end = bare, k + 1
                while end < len(rest) and plan_bare.startswith(joined + _bare(rest[end].text)):
                    joined += _bare(rest[end].text)
                    end += 1
                out.body_title = plan
                out.wrapper = rest[:k]
                body_start = end
                break
    body = rest[body_start:]

    # Signature, date, 此件公开发布, attachments and the 抄送 block are metadata.
    out.body = []
    # (a notice signed after the plan it issues: the signature closes the body, where only
    # its date is taken, the issuers signing there over as many lines as there are of them)
    for tail_scope in (out.wrapper, body) if out.wrapper else (body,):
        for k, block in enumerate(tail_scope):
            if _dated(block.text):
                out.signed_date = out.signed_date or iso_date(block.text)
                if k > 0 and (tail_scope is not body or not out.wrapper) and _issuer_line(
                        tail_scope[k - 1].text):
                    out.issuer = out.issuer or tail_scope[k - 1].text
        if out.signed_date:
            break
    kept = []
    signature = _signature_lines(body)
    in_cc = False
    for k, block in enumerate(body):
        text = block.text
        if k in signature:
            continue
        if _PUBLIC.match(text):
            continue
        attach = _ATTACHMENT.match(text)
        if attach and len(text) < 60 and not re.search(r"[。；]", text):
            if attach.group(1):
                out.attachments.append(attach.group(1))
            continue
        if _CC_BLOCK.match(text) or _PRINTED.search(text) or in_cc:
            in_cc = True  # the 抄送/印发 block closing the document: metadata
            label = _CC_BLOCK.match(text)
            key = label.group(0).rstrip(":：") if label else "印发"
            value = text[label.end():].strip() if label else text
            out.meta[key] = f"{out.meta[key]}；{value}" if key in out.meta else value
            continue
        kept.append(block)
    out.body = kept
    out.wrapper = [b for b in out.wrapper if not _PUBLIC.match(b.text)]
    out.notice = _notice_points(out.wrapper)

    if out.issuer is None and out.title:
        # 山东省人民政府关于…, 上海市人民政府办公厅印发《关于…》: whichever comes first
        cuts = [out.title.find(word) for word in ("关于", "印发《") if word in out.title]
        if cuts:
            out.issuer = out.title[:min(cuts)] or None
    if out.issuer is None:
        out.issuer = meta.get("发布机构")
    for candidate in (out.body_title, out.title):
        if candidate and out.period is None:
            match = _PERIOD.search(candidate)
            if match:
                out.period = f"{match.group(1)}-{match.group(2)}"
    if out.title is None:  # a body without its title line: 就推进…，提出以下实施意见
        for block in (out.body or [])[:3]:
            said = _PROPOSES.search(block.text)
            if said:
                out.title = f"关于{said.group('topic')}的{said.group('kind')}"
                out.meta["title_from"] = "opening"
                break
    if out.title:
        match = _TYPE_END.search(out.title)
        if match:
            word = match.group("kind")
            out.doc_type = word[-2:] if len(word) > 2 else word
    if out.doc_type is None:  # no title line: 根据…，制定本办法
        for block in (out.body or [])[:8]:
            enacted = _ENACTED_AS.search(block.text)
            if enacted:
                out.doc_type = enacted.group("kind")
                break
    out.doc_number = normalize_doc_number(out.doc_number)
    _fill_frame(out, blocks)
    return out


def _fill_frame(out: Layout, blocks: list[Block]) -> None:
    """The parts of a 公文 around its body (GB/T 9704-2012), as far as the file shows them."""
    frame = out.frame
    banner = out.meta.get("版头")
    if banner:
        frame["发文机关标志"] = banner
    for key, value in (("发文字号", out.doc_number), ("标题", out.title),
                       ("主送机关", out.recipients), ("发文机关署名", out.issuer),
                       ("成文日期", out.signed_date)):
        if value:
            frame[key] = value
    if out.attachments:
        frame["附件说明"] = "；".join(out.attachments)
    for block in blocks:
        public = _PUBLIC.match(block.text.strip())
        if public:
            frame["附注"] = block.text.strip()
            break
    if out.meta.get("抄送"):
        frame["抄送"] = out.meta["抄送"]
    printed = out.meta.get("印发")
    if printed:
        match = _PRINTED_BY.match(printed.split("；")[-1].strip())
        if match:
            frame["印发机关"] = match.group("org").strip()
            frame["印发日期"] = iso_date(match.group("date")) or match.group("date")
    genre = None
    if out.title:
        genre = next((g for g in GENRES if re.search(g + r"[)）]?$", out.title)), None)
    if genre:
        frame["文种"] = genre
    elif out.doc_type:
        frame["文种"] = out.doc_type


_POINT = lazy_compile(r"^[一二三四五六七八九十]{1,3}[、．.]")


def _notice_points(wrapper: list[Block]) -> list[Block]:
    """A 印发 notice that sets out requirements of its own in numbered points (现将《…》印发
    给你们，并提出如下要求：一、…二、…) before the plan it issues: its text up to the signature,
    to be read as clauses beside the plan's. A notice that only issues the plan (现将…印发
    给你们，请认真贯彻执行) has no points and no clause."""
    if sum(1 for b in wrapper if _POINT.match(b.text)) < 2:
        return []
    return wrapper[:min(_signature_lines(wrapper), default=len(wrapper))]


def _dated(text: str) -> bool:
    """A line that is a date and nothing else (2023年9月5日, 二〇二三年九月五日)."""
    return bool(_SIGNED.match(text) or _CN_DATE.match(text))


def _issuer_line(text: str) -> bool:
    """A short line ending as issuing organs do (山东省人民政府, 教育部办公厅)."""
    return len(text) <= 30 and bool(_ISSUER_TAIL.search(text))


def _signature_lines(blocks: list[Block]) -> set[int]:
    """Where ``blocks`` sign: each date line, the issuer line right before it and, above
    that, the further lines of joint issuers signing over several lines (教育部办公厅
    国家发展改革委办公厅 / 财政部办公厅 住房城乡建设部办公厅 / date)."""
    out: set[int] = set()
    for k, block in enumerate(blocks):
        if not _dated(block.text):
            continue
        out.add(k)
        if k > 0 and _issuer_line(blocks[k - 1].text):
            out.add(k - 1)
            j = k - 2
            while j >= 0 and k - j <= 4 and _SIGNATURE_LINE.match(blocks[j].text) \
                    and _ISSUER_TAIL.search(blocks[j].text):
                out.add(j)
                j -= 1
    return out


def _issued_plan(title: str) -> str | None:
    """The name of the plan a 印发/转发 notice issues, e.g. 山东省…行动方案(2023-2025年)."""
    match = re.search(r"(?:印发|转发|颁布)《?(.+?)》?的(?:通知|决定|函)$", title)
    return match.group(1) if match else None
