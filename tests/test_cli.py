"""The policykb command as a user runs it: ingest, export, units, eval — on the
embedded store and on PostgreSQL (the ``backend`` fixture)."""

import json

import pytest

from kb.cli import main

from .conftest import FIXTURES, SEED


def test_ingest_export_units(backend, kb_home, capsys):
    assert main(["ingest", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "added: 山东省人民政府关于印发" in out and "35 with units" in out and "nothing to check" in out and "32 targets" in out

    assert main(["export", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 40
    row = next(r for r in rows if r["path"] == ["三", "(二)", "4"])
    assert row["doc_number"] == "鲁政字〔2023〕209号"
    assert row["doc_title"].startswith("山东省人民政府关于印发")
    assert row["heading"] == "加速推进科技成果转化"
    assert [(u["name"], u["as_written"]) for u in row["lead_units"]] == [
        ("山东省科学技术厅", "省科技厅"), ("山东省市场监督管理局", "省市场监管局"), ("山东省教育厅", "省教育厅")]
    assert row["targets"][0]["value"] == 100
    assert row["citation"] == "《山东省县域经济高质量发展三年行动方案(2023-2025年)》三、(二)4"
    for key in ("clause_id", "doc_id", "text", "coop_units", "deadlines", "start", "end"):
        assert key in row

    assert main(["units", "--json"]) == 0
    units = json.loads(capsys.readouterr().out)
    science = next(u for u in units if u["name"] == "山东省科学技术厅")
    assert (science["lead"], science["coop"]) == (7, 1)
    assert "省科技厅" in science["aliases"]
    assert units[0]["name"] == "山东省发展和改革委员会"

    assert main(["units"]) == 0
    assert "山东省科学技术厅" in capsys.readouterr().out


def test_ingest_is_idempotent_per_content(backend, kb_home, capsys, tmp_path):
    copy = tmp_path / "same-content.txt"
    copy.write_bytes(SEED.read_bytes())
    assert main(["ingest", str(SEED)]) == 0
    before = backend.snapshot(kb_home)
    assert main(["ingest", str(copy), str(SEED)]) == 0
    assert "already in the knowledge base" in capsys.readouterr().out
    assert backend.snapshot(kb_home) == before


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.txt", b"", "the file is empty"),
        ("scan.pdf", b"\x00\x01garbage", "not a PDF"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "not a supported document format"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
    ],
)
def test_bad_file_leaves_the_knowledge_base_as_it_was(backend, kb_home, capsys, tmp_path, name, data,
                                                      words):
    assert main(["ingest", str(SEED)]) == 0
    before = backend.snapshot(kb_home)
    bad = tmp_path / name
    bad.write_bytes(data)
    capsys.readouterr()
    assert main(["ingest", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {bad}: ") and words in err and err.count("\n") == 0
    assert backend.snapshot(kb_home) == before


def test_folder_ingest_reports_failures_and_continues(backend, kb_home, capsys, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-notice.txt").write_bytes((FIXTURES / "sample_notice.txt").read_bytes())
    (folder / "c-page.html").write_bytes((FIXTURES / "sample_notice.html").read_bytes())
    (folder / "notes.md").write_text("not a policy document", encoding="utf-8")
    assert main(["ingest", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "a-empty.txt: the file is empty" in captured.err
    assert captured.out.count("added: ") == 2
    assert "notes.md" not in captured.out + captured.err


def test_units_unknown_lists_units_outside_the_directory(backend, kb_home, capsys):
    assert main(["ingest", str(FIXTURES / "sample_notice.txt")]) == 0
    assert "省农科院" in capsys.readouterr().out
    assert main(["units", "--unknown", "--json"]) == 0
    unknown = json.loads(capsys.readouterr().out)
    assert [(u["name"], u["known"], u["coop"]) for u in unknown] == [("省农科院", False, 1)]


def test_missing_path_is_reported(kb_home, capsys, tmp_path):
    assert main(["ingest", str(tmp_path / "nowhere.txt")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_ask_many_questions_in_one_process(backend, kb_home, tmp_path, capsys):
    import json

    main(["ingest", str(SEED)])
    questions = tmp_path / "q.txt"
    questions.write_text("哪些部门牵头科技成果转化\n\n低空经济由谁牵头\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["ask", "--file", str(questions), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [a["question"] for a in lines] == ["哪些部门牵头科技成果转化", "低空经济由谁牵头"]
    assert lines[0]["units"][0]["name"] == "山东省科学技术厅" and lines[1]["empty"] is True
    assert main(["ask"]) == 1
    assert "--file" in capsys.readouterr().err
