"""The same short notice as .txt (UTF-8 and GB18030), .html, .pdf and .docx yields the
same clauses, exactly as hand-written in sample_notice.expected.json; the seed notice as
PDF and DOCX yields exactly the clauses of its text version."""

import json

import pytest

import ingest

from .conftest import FIXTURES

EXPECTED = json.loads((FIXTURES / "sample_notice.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["sample_notice.txt", "sample_notice_gbk.txt", "sample_notice.html",
                                  "sample_notice.pdf", "sample_notice.docx"])
def test_sample_notice_in_every_format(name):
    doc = ingest.parse(FIXTURES / name)
    for field in ("title", "doc_number", "issuer", "signed_date", "recipients", "period",
                  "doc_type", "body_title"):
        assert getattr(doc, field) == EXPECTED[field], field
    got = [
        {
            "path": list(c.path),
            "heading": c.heading,
            "lead": [u.as_written for u in c.lead_units],
            "coop": [u.as_written for u in c.coop_units],
            "targets": [[t.value, t.unit, t.comparator, t.year, t.period] for t in c.targets],
        }
        for c in doc.clauses
    ]
    assert got == EXPECTED["clauses"]


def test_units_resolve_to_canonical_names_and_unknown_ones_are_kept():
    doc = ingest.parse(FIXTURES / "sample_notice.txt")
    by_path = {c.path: c for c in doc.clauses}
    lead = by_path[("二", "(一)")].lead_units[0]
    assert (lead.name, lead.as_written, lead.known) == ("山东省科学技术厅", "省科技厅", True)
    unknown = [u for u in by_path[("二", "(四)")].coop_units if not u.known]
    assert [(u.name, u.as_written) for u in unknown] == [("省农科院", "省农科院")]
    generic = by_path[("二", "(三)", "2")].coop_units[0]
    assert generic.as_written == "各市政府" and generic.generic


def test_published_date_only_where_the_page_has_it():
    assert ingest.parse(FIXTURES / "sample_notice.html").published_date == "2024-03-15"
    assert ingest.parse(FIXTURES / "sample_notice.txt").published_date is None


def _key(doc):
    return [(c.path, c.seq, c.heading, [(u.as_written, u.name) for u in c.lead_units],
             [(u.as_written, u.name) for u in c.coop_units],
             [(t.value, t.unit, t.comparator, t.year, t.period) for t in c.targets])
            for c in doc.clauses]


@pytest.mark.parametrize("name", ["seed_notice.pdf", "seed_notice.docx"])
def test_seed_notice_as_pdf_and_docx(name, seed_doc):
    doc = ingest.parse(FIXTURES / name)
    for field in ("title", "doc_number", "issuer", "signed_date", "period", "body_title"):
        assert getattr(doc, field) == getattr(seed_doc, field), field
    assert _key(doc) == _key(seed_doc)
    assert sum(1 for c in doc.clauses if c.lead_units) == 35
