"""Reading a drop: encodings, broken files, and every entry accounted for (real GE gate)."""

import datetime as dt
import os
from pathlib import Path

import polars as pl
import pytest

from orchestration import settings
from orchestration.lib.quality.gate import validate_articles
from orchestration.lib.read.drop import (
    account_for_drop,
    apply_gate,
    keep_one_body_per_article_id,
    list_drop_files,
    read_drop,
)
from orchestration.lib.rules.duplicates import compare_drop_bodies, find_duplicates
from orchestration.runtime.parallel import alongside
from tests.helpers.bad_drop import CAFE_ARTICLE, SEEDS, build_bad_drop, is_root

MAX = 100_000


def reasons_by_name(frame: pl.DataFrame) -> dict[str, list[str]]:
    return {
        Path(r["source_path"]).name: r["quarantine_reasons"] for r in frame.iter_rows(named=True)
    }


def test_one_article_in_four_encodings_gives_four_identical_bodies(tmp_path):
    files = {
        "utf8.txt": CAFE_ARTICLE.encode("utf-8"),
        "utf8_bom.txt": CAFE_ARTICLE.encode("utf-8-sig"),
        "cp1252.txt": CAFE_ARTICLE.encode("cp1252"),
        "utf16.txt": CAFE_ARTICLE.encode("utf-16"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    rows = {r["article_id"]: r for r in read_drop(tmp_path, "d", MAX).iter_rows(named=True)}
    assert {k: r["encoding"] for k, r in rows.items()} == {
        "utf8": "utf-8",
        "utf8_bom": "utf-8-sig",
        "cp1252": "cp1252",
        "utf16": "utf-16",
    }
    bodies = {r["body"] for r in rows.values()}
    assert len(bodies) == 1
    body = bodies.pop()
    assert "Käthe Müller" in body and "“yes”" in body and "€5" in body
    assert len({r["content_hash"] for r in rows.values()}) == 1
    assert {r["title"] for r in rows.values()} == {
        "Zürich cafés win their fight over the terrace levy"
    }
    assert {r["published_date"] for r in rows.values()} == {dt.date(2024, 5, 14)}


def test_empty_binary_large_and_unsupported_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n")
    (tmp_path / "bom_only.txt").write_bytes(b"\xef\xbb\xbf  \n")
    (tmp_path / "nul.html").write_bytes(b"<html>\x00\x00</html>")
    (tmp_path / "big.txt").write_bytes(b"x" * (MAX + 1))
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    assert reasons_by_name(read_drop(tmp_path, "d", MAX)) == {
        "empty.txt": ["empty_file"],
        "blank.jsonl": ["empty_file"],
        "bom_only.txt": ["empty_file"],
        "nul.html": ["binary_file"],
        "big.txt": ["file_too_large"],
        "sheet.xlsx": ["unsupported_format"],
    }


def test_size_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(settings.MAX_FILE_BYTES_ENV, "1234")
    assert settings.max_file_bytes() == 1234
    monkeypatch.delenv(settings.MAX_FILE_BYTES_ENV)
    assert settings.max_file_bytes() == settings.DEFAULT_MAX_FILE_BYTES


def test_links_pipes_and_folders_are_unreadable_entries(tmp_path):
    (tmp_path / "ok.txt").write_text(" date 2024-03-26 Title\n\nBody text here.")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real_folder").mkdir()
    os.symlink(tmp_path / "real_folder", tmp_path / "folder_link.txt")
    os.symlink(tmp_path / "ok.txt", tmp_path / "alias.txt")
    # listing does not follow links to folders and never opens the FIFO
    assert [p.name for p in list_drop_files(tmp_path)] == [
        "alias.txt",
        "dangling.txt",
        "folder_link.txt",
        "ok.txt",
        "pipe.txt",
    ]
    frame = read_drop(tmp_path, "d", MAX)
    assert reasons_by_name(frame) == {
        "alias.txt": [],  # a link to a readable file is read
        "dangling.txt": ["unreadable_file"],
        "folder_link.txt": ["unreadable_file"],
        "ok.txt": [],
        "pipe.txt": ["unreadable_file"],
    }
    details = dict(zip(frame["article_id"], frame["quarantine_detail"], strict=True))
    assert "dangling symbolic link" in details["dangling"]
    assert "FIFO" in details["pipe"]


@pytest.mark.skipif(is_root(), reason="root reads a chmod-000 file: permissions cannot be tested")
def test_file_without_read_permission_is_unreadable(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(" date 2024-03-26 Title\n\nBody.")
    locked.chmod(0)
    try:
        assert reasons_by_name(read_drop(tmp_path, "d", MAX)) == {"locked.txt": ["unreadable_file"]}
    finally:
        locked.chmod(0o644)


def test_colliding_article_ids_keep_one_body(tmp_path):
    (tmp_path / "sub").mkdir()
    for path in (tmp_path / "a.txt", tmp_path / "sub" / "a.txt"):
        path.write_text(" date 2024-03-26 Same name\n\nThe same article, sent twice.")
    frame = read_drop(tmp_path, "d", MAX)
    gate = validate_articles(frame, settings.ARTICLES_SUITE)
    gated = keep_one_body_per_article_id(apply_gate(frame, gate.reasons, gate.details))
    assert gated["quarantine_reasons"].to_list() == [["duplicate_article_id"]] * 2
    by_path = dict(zip(gated["source_path"], gated["body"], strict=True))
    assert by_path[str(tmp_path / "a.txt")] is not None
    assert by_path[str(tmp_path / "sub" / "a.txt")] is None


def test_bad_drop_every_row_has_its_status_and_reason(tmp_path):
    """The lib-level twin of tests/integration/test_bad_input.py (no Dagster, no dbt)."""
    folder = tmp_path / "bad"
    expected = build_bad_drop(folder, MAX)
    frame = read_drop(folder, "bad", MAX)
    gate = validate_articles(frame, settings.ARTICLES_SUITE)
    frame = keep_one_body_per_article_id(apply_gate(frame, gate.reasons, gate.details))
    duplicates = find_duplicates(frame.filter(pl.col("quarantine_reasons").list.len() == 0))
    dup_ids = duplicates["article_id"].to_list()
    seen = {}
    for r in frame.iter_rows(named=True):
        key = str(Path(r["source_path"]).relative_to(folder))
        key += f":{r['record']}" if r["record"] is not None else ""
        # what marts.drop_files.status says of such a row (tests/integration/test_bad_input.py)
        status = (
            "quarantined" if r["quarantine_reasons"]
            else "duplicate" if r["article_id"] in dup_ids else "accepted"
        )
        seen[key] = (status, r["quarantine_reasons"], r["article_id"])
    want = {
        k: (e.status, e.reasons if e.status == "quarantined" else [], e.article_id)
        for k, e in expected.items()
    }
    assert seen == want
    originals = dict(zip(duplicates["article_id"], duplicates["duplicate_of"], strict=True))
    assert originals == {
        e.article_id: e.duplicate_of for e in expected.values() if e.status == "duplicate"
    }

    account = account_for_drop(folder, frame, dup_ids)
    assert account.balanced, account
    assert account.rows == len(expected)
    assert account.entries == len({k.split(":")[0] for k in expected})


def test_the_gate_in_a_process_of_its_own_gives_the_same_verdicts(tmp_path):
    """A large drop is gated in a spawned process while this one compares its bodies (ingest
    asset): the same reasons, and the copies among the rows it passed are the usual ones."""
    folder = tmp_path / "bad"
    build_bad_drop(folder, MAX)
    frame = read_drop(folder, "bad", MAX)
    here = validate_articles(frame.drop("minhash"), settings.ARTICLES_SUITE)

    with alongside(validate_articles, frame.drop("minhash"), settings.ARTICLES_SUITE) as there:
        comparison = compare_drop_bodies(frame)
        gate = there()

    assert gate.reasons and (gate.reasons, gate.details) == (here.reasons, here.details)
    gated = keep_one_body_per_article_id(apply_gate(frame, gate.reasons, gate.details))
    passed = gated.filter(pl.col("quarantine_reasons").list.len() == 0)
    assert passed.height < gated.height
    found = comparison.duplicates_among(passed)
    assert not found.is_empty() and found.equals(find_duplicates(passed))


def test_accounting_notices_a_lost_file(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2024-03-26 A\n\nText.")
    (tmp_path / "b.txt").write_text(" date 2024-03-26 B\n\nText.")
    frame = read_drop(tmp_path, "d", MAX)
    account = account_for_drop(tmp_path, frame.filter(pl.col("article_id") == "a"), [])
    assert not account.balanced
    assert account.missing == [str(tmp_path / "b.txt")]


def test_a_parser_failure_quarantines_the_file_not_the_drop(tmp_path, monkeypatch):
    import orchestration.lib.read.drop as ingest

    def explode(text, stem):
        raise RuntimeError("boom")

    monkeypatch.setattr(ingest, "parse_html", explode)
    (tmp_path / "page.html").write_text("<html><body><p>Text.</p></body></html>")
    (tmp_path / "ok.txt").write_text(" date 2024-03-26 Title\n\nBody text here.")
    frame = read_drop(tmp_path, "d", MAX)
    assert reasons_by_name(frame) == {"page.html": ["unreadable_file"], "ok.txt": []}
    assert "parser failed" in frame.filter(pl.col("article_id") == "page")["quarantine_detail"][0]


def test_a_large_drop_read_in_two_processes_gives_the_same_rows(tmp_path: Path):
    """Above PARALLEL_READ_MIN_FILES the drop is read in worker processes; the rows, their order
    and their MinHash signatures are those of a read in this process."""
    from orchestration.lib.read.drop import PARALLEL_READ_MIN_FILES

    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(PARALLEL_READ_MIN_FILES + 10):
        source = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (tmp_path / f"a{i:04d}.txt").write_text(source + f"\nCopy {i}.\n", encoding="utf-8")
    (tmp_path / "broken.bin").write_bytes(b"\x00\x01")

    one = read_drop(tmp_path, "d", MAX, workers=1).drop("ingested_at")
    two = read_drop(tmp_path, "d", MAX, workers=2).drop("ingested_at")

    assert one.height == PARALLEL_READ_MIN_FILES + 11
    assert one.equals(two)
    assert one.filter(pl.col("minhash").is_not_null()).height == PARALLEL_READ_MIN_FILES + 10
