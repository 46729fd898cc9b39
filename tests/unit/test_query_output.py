"""How `newsdesk query` and the run summary print: tidy cells, row counts, runnable hints."""

from __future__ import annotations

import shlex
from pathlib import Path

from orchestration import settings, summary


def test_cells_lose_the_blank_lines_evidence_sentences_end_in():
    sentence = "The port reopened on Monday after a three-day closure.\n\n"
    assert summary.cell(sentence) == "The port reopened on Monday after a three-day closure."
    assert summary.cell([sentence, "  Ferries resumed at noon. \n"]) == (
        "['The port reopened on Monday after a three-day closure.', 'Ferries resumed at noon.']"
    )
    assert summary.cell({"evidence": sentence}) == (
        "{'evidence': 'The port reopened on Monday after a three-day closure.'}"
    )
    assert summary.cell(None) == ""
    assert summary.cell(32000.0) == "32000.0"
    assert summary.cell("[bold]not markup[/bold]") == "\\[bold]not markup\\[/bold]"


def test_a_result_prints_its_header_and_row_count(capsys):
    summary.print_result(["article_id", "title"], [])
    out = capsys.readouterr().out
    assert "article_id" in out and "title" in out
    assert out.rstrip().endswith("0 rows")
    summary.print_result(["n"], [(4,)])
    assert capsys.readouterr().out.rstrip().endswith("1 row")


def test_evidence_prints_no_blank_table_rows(capsys):
    summary.print_result(
        ["evidence"],
        [("Officials said 250 people were evacuated.\n\n",), ("The bridge stays shut.\n",)],
    )
    lines = capsys.readouterr().out.splitlines()
    body = [line for line in lines if line.startswith("│")]
    assert len(body) == 2
    assert all(line.strip("│ ") for line in body)


def test_hints_name_the_warehouse_unless_it_is_the_default(tmp_path):
    default = settings.default_warehouse_path()
    assert summary.warehouse_option(default) == ""
    other = tmp_path / "elsewhere" / "x.duckdb"
    assert summary.warehouse_option(other) == f" --warehouse {other}"
    spaced = Path(tmp_path / "my drops" / 'it\'s "new".duckdb')
    # what a shell makes of the hint is the path again
    assert shlex.split(summary.warehouse_option(spaced)) == ["--warehouse", str(spaced)]
