"""Synthetic policy documents for scaled benchmarks, built from templates.

Each document is a plain-text notice with 一、/(一)/1. headings, clauses that close with
unit notes in the styles real documents use, and quantified targets. Units come from the
department directory, topics from the glossary's Chinese topic terms, so the generated
text exercises the same parser, tokenizer and index as real documents.
"""

from __future__ import annotations

import random

from ingest import default_directory
from kb.lexicon import default_glossary

VERBS = ("加快推进", "深入实施", "持续优化", "大力发展", "积极培育", "健全完善", "统筹推进", "稳妥推进",
         "着力提升", "全面加强")
OBJECTS = ("体系", "机制", "工程", "行动", "试点", "改革", "平台", "能力建设", "示范区", "服务网络")
SENTENCES = (
    "支持县域围绕{a}开展先行先试，建立健全{b}工作机制。",
    "强化{a}要素保障，推动{b}与{c}深度融合。",
    "鼓励各地探索{a}新模式，形成一批可复制推广的{b}经验。",
    "完善{a}政策体系，加大对{b}的财政支持力度。",
    "实施{a}提升行动，培育一批{b}重点项目。",
    "建立{a}监测评估制度，定期通报{b}进展情况。",
)
TARGETS = (
    "到{year}年，培育{topic}{n}个左右。",
    "到{year}年，{topic}覆盖率达到{p}%以上。",
    "每年新增{topic}{n}家以上。",
    "累计建成{topic}{n}个以上。",
)
MARKERS_CN = "一二三四五六七八九十"


class Generator:
    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        directory = default_directory()
        self.units = [
            next((a for a in u.aliases if a.startswith("省")), u.name)
            for u in directory.units.values() if u.level == "provincial"
        ]
        topics = {e[0] for entries in default_glossary().entries.values() for e in entries
                  if e[1] == "topic"}
        self.topics = sorted(t for t in topics if 2 <= len(t) <= 8)

    def topic(self) -> str:
        return self.rng.choice(self.topics)

    def note(self) -> str:
        lead = self.rng.sample(self.units, self.rng.randint(1, 3))
        coop = self.rng.sample(self.units, self.rng.randint(0, 2))
        text = "、".join(lead) + "牵头"
        if coop:
            text += "，" + "、".join(coop) + "配合"
        return f"（{text}）"

    def clause(self, number: int) -> str:
        r = self.rng
        heading = f"{r.choice(VERBS)}{self.topic()}{r.choice(OBJECTS)}"
        body = "".join(
            r.choice(SENTENCES).format(a=self.topic(), b=self.topic(), c=self.topic())
            for _ in range(r.randint(2, 3))
        )
        if r.random() < 0.3:
            body += r.choice(TARGETS).format(year=r.choice((2025, 2026, 2027, 2030)),
                                              topic=self.topic(), n=r.randint(2, 500),
                                              p=r.randint(50, 99))
        return f"{number}.{heading}。{body}{self.note()}"

    def document(self, index: int, clauses: int = 50) -> str:
        title = f"山东省{self.topic()}{self.rng.choice(OBJECTS)}三年行动方案"
        lines = [f"山东省人民政府办公厅关于印发{title}的通知",
                 f"鲁政办字〔2024〕{index + 1}号",
                 "各市人民政府，省政府各部门：",
                 f"现将《{title}》印发给你们，请认真贯彻执行。",
                 "山东省人民政府办公厅",
                 "2024年5月6日",
                 title,
                 "为推动高质量发展，制定本方案。"]
        per_section = 10
        for s in range(0, clauses, per_section):
            lines.append(f"{MARKERS_CN[(s // per_section) % 10]}、{self.rng.choice(VERBS)}{self.topic()}")
            for k in range(per_section):
                if s + k < clauses:
                    lines.append(self.clause(k + 1))
        return "\n".join(lines)

    def questions(self, count: int) -> list[str]:
        r = self.rng
        out = []
        kinds = ("who", "who_en", "duties", "targets", "shared", "search")
        for i in range(count):
            kind = kinds[i % len(kinds)]
            if kind == "who":
                out.append(f"哪些部门牵头{self.topic()}")
            elif kind == "who_en":
                out.append("which departments lead on tech transfer")
            elif kind == "duties":
                out.append(f"{r.choice(self.units)}牵头哪些任务")
            elif kind == "targets":
                out.append(f"{r.choice((2025, 2026, 2027))}年{self.topic()}的目标")
            elif kind == "shared":
                a, b = r.sample(self.units, 2)
                out.append(f"{a}和{b}共同牵头的任务")
            else:
                out.append(f"{self.topic()}{self.topic()}")
        return out
