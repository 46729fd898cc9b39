"""Fuzz-style tests, from a seeded random generator (the same inputs on every run): the CLI and the
drop reader fed random bytes, huge lines, odd Unicode (right-to-left text, combining marks, NUL,
lone surrogates) and paths with spaces and quotes.

The CLI answers with one line on stderr and a non-zero exit code (or a result), never a
traceback; the drop reader gives every file its rows, each accepted or quarantined with a
reason, and never raises. The whole file runs in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import duckdb
import pytest

from orchestration import settings
from orchestration.cli import main
from orchestration.lib.quality.gate import validate_articles
from orchestration.lib.read.drop import apply_gate, read_drop
from orchestration.lib.rules.duplicates import SIGNATURE_COLUMN

SEED = 25
NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))

ODD = [
    "\u202eتقرير الميناء\u202c",  # right-to-left override around Arabic
    "שלום עולם",  # Hebrew
    "e\u0301\u0301\u0301\u0323",  # a stack of combining marks
    "\x00",  # NUL
    "\u200d\u200b\ufeff",  # zero-width joiner and space, a BOM in the middle
    "👩‍👩‍👧 🇳🇱",  # emoji sequences
    "'",
    '"',
    "`",
    "\\",
    "$(whoami)",
    "[bold]markup[/bold]",
    "{0} %s",
    "\n",
    "\r\n",
    "\t",
    ";",
    "--",
    "/*",
    "select",
    "marts.articles",
    "\udcff\udc80",  # what Python makes of argv bytes that are not UTF-8
]


def odd_text(rng: random.Random, max_parts: int = 8) -> str:
    parts = []
    for _ in range(rng.randint(1, max_parts)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(ODD))
        elif roll < 0.75:
            noise = rng.randbytes(rng.randint(1, 12))
            parts.append(noise.decode("utf-8", "surrogateescape"))
        elif roll < 0.95:
            parts.append(rng.choice(["port", "Rotterdam", "storm", "ferry", "2024-03-02", " "]))
        else:
            parts.append("x" * rng.randint(10_000, 200_000))  # a huge line
    return "".join(parts)


@pytest.fixture
def tiny_warehouse(tmp_path) -> Path:
    path = tmp_path / "a dir with 'quotes' and \"more\"" / "w.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema marts")
        conn.execute(
            "create table marts.articles as select 'a1' as article_id, "
            "'Ferries resume after the storm' as title"
        )
    return path



def run_main(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: --help, usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err: str, argv) -> None:
    assert code not in (0, None), argv
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("newsdesk: "), (argv, err[:500])
    assert "Traceback" not in err and "unexpected error" not in err, (argv, err[:500])


def random_argv(rng: random.Random, warehouse: Path, tmp_path: Path) -> list[str]:
    text = odd_text(rng)
    weird_dir = tmp_path / odd_text(rng, 3).replace("/", "_").replace("\x00", "")[:100]
    shape = rng.randrange(8)
    if shape == 0:
        return ["query", text, "--warehouse", str(warehouse)]
    if shape == 1:  # a string literal full of odd text: a read that returns it, or a refusal
        literal = text.replace("'", "''")
        return ["query", f"select '{literal}' as odd", "--warehouse", str(warehouse)]
    if shape == 2:
        return ["query", f"select * from {text}", "--warehouse", str(warehouse)]
    if shape == 3:
        return ["query", "select 1", "--warehouse", str(weird_dir / "none.duckdb")]
    if shape == 4:  # never an existing folder of files: that would start a real run
        return ["run", "--drops", str(weird_dir / "absent"), "--warehouse", str(warehouse)]
    if shape == 5:
        return ["report", "--drop", text, "--warehouse", str(warehouse)]
    if shape == 6:
        return [text]
    return [rng.choice(["query", "run", "report", "ui"]), f"--{text}"]


def test_cli_in_process_gives_a_result_or_one_line(tiny_warehouse, tmp_path, capsys, restored_env):
    rng = random.Random(SEED)
    started = time.monotonic()
    outcomes = {"ok": 0, "error": 0}
    for _ in range(120):
        argv = [a.replace("\x00", "") for a in random_argv(rng, tiny_warehouse, tmp_path)]
        code, out, err = run_main(argv, capsys)
        if code == 0:
            outcomes["ok"] += 1
            assert err == "" and out.rstrip().endswith(("row", "rows")), argv
        else:
            outcomes["error"] += 1
            assert_one_line_error(code, err, argv)
    assert outcomes["ok"] >= 3 and outcomes["error"] >= 50, outcomes
    assert time.monotonic() - started < 30


def test_cli_keeps_odd_text_whole_in_a_result(tiny_warehouse, capsys, restored_env):
    odd = "\u202eتقرير\u202c e\u0301\u0323 👩‍👩‍👧 'quoted' [bold]x[/bold]"
    sql = "select '" + odd.replace("'", "''") + "' as odd"
    code, out, err = run_main(["query", sql, "--warehouse", str(tiny_warehouse)], capsys)
    assert (code, err) == (0, "")
    assert odd in out and out.rstrip().endswith("1 row")


def test_cli_nul_in_sql_is_one_line_or_a_result(tiny_warehouse, capsys, restored_env):
    code, out, err = run_main(["query", "select 1\x00; drop table marts.articles"], capsys)
    if code:
        assert_one_line_error(code, err, "NUL")
    with duckdb.connect(str(tiny_warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.articles").fetchone() == (1,)


@pytest.mark.parametrize(
    "argv",
    [
        [b"query", b"select '\xff\xfe\xe2\x80\xae\xd7\xa9' from \xc3(", b"--warehouse", b"@W@"],
        [b"run", b"--drops", b'my drops/it\'s "here"/\xe2\x80\xae absent'],
        [b"query", b"attach '@W@' as live (read_only false); delete from live.marts.articles"],
        [b"report", b"--drop", b"\xed\xa0\x80 lone surrogate", b"--warehouse", b"@W@"],
    ],
)
def test_cli_subprocess_with_raw_bytes_gives_one_line(tiny_warehouse, tmp_path, argv):
    warehouse = os.fsencode(tiny_warehouse)
    argv = [a.replace(b"@W@", warehouse) for a in argv]
    if b"--warehouse" not in argv:
        argv += [b"--warehouse", warehouse]
    proc = subprocess.run(
        [os.fsencode(NEWSDESK), *argv], capture_output=True, timeout=120, cwd=tmp_path
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert_one_line_error(proc.returncode, err, argv)
    with duckdb.connect(str(tiny_warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.articles").fetchone() == (1,)


# ---- the drop reader

SENTENCES = [
    "The port of Rotterdam reopened on Monday after a storm closed it for three days.",
    "Officials in Haifa said \u202eכל המעבורות\u202c would sail again by Tuesday morning.",
    "Cafe\u0301 owners on the quay counted their losses at about €40,000 each.",
    "A spokesman for the ferry operator said the “worst was over” for now.",
]


def random_file(rng: random.Random) -> bytes:
    shape = rng.randrange(9)
    if shape == 0:
        return rng.randbytes(rng.randint(1, 4000))
    if shape == 1:  # one huge line
        return ("Rotterdam " * rng.randint(50_000, 150_000)).encode()
    if shape == 2:
        return b"\x00" * rng.randint(1, 50) + b"Storm text\x00 with NULs."
    if shape == 3:  # lone surrogates and overlong forms, as bytes
        return b"date 2024-03-02\n\nStorm \xed\xa0\x80 report \xc0\xaf.\n" * rng.randint(1, 30)
    if shape == 4:
        return "\n".join(rng.choice(ODD) for _ in range(rng.randint(1, 40))).encode(
            "utf-8", "surrogateescape"
        )
    if shape == 5:
        return ("date 2024-03-02\n\n" + "\n\n".join(SENTENCES)).encode("utf-16")
    if shape == 6:
        return b""
    if shape == 7:
        return b'{"title": "\xff", "body": [1, 2, {' * rng.randint(1, 5)
    return ("date 2024-03-02\n\nStorm closes the port\n\n" + "\n\n".join(SENTENCES)).encode()


SUFFIXES = [".txt", ".txt", ".txt", ".html", ".htm", ".json", ".jsonl", ".md", ""]


def random_name(rng: random.Random, index: int) -> str:
    stem = odd_text(rng, 3)
    stem = "".join(c for c in stem if c not in "/\x00\n\r").encode("utf-8", "surrogateescape")
    stem = stem[:120].decode("utf-8", "ignore")
    return f"{index:03d} {stem} 'q' \"dq\"{rng.choice(SUFFIXES)}"


def test_drop_reader_accounts_for_every_file(tmp_path):
    rng = random.Random(SEED)
    folder = tmp_path / "drop with spaces 'and' \"quotes\" \u202eRTL"
    folder.mkdir()
    written: dict[str, bytes] = {}
    for index in range(60):
        path = folder / random_name(rng, index)
        path.write_bytes(random_file(rng))
        written[os.path.abspath(path)] = path.read_bytes()
    started = time.monotonic()
    frame = read_drop(folder, "fuzz", settings.DEFAULT_MAX_FILE_BYTES).drop(SIGNATURE_COLUMN)
    # then the quality gate, as the ingest asset runs it (real Great Expectations)
    gate = validate_articles(frame, settings.ARTICLES_SUITE, today=dt.date(2024, 6, 1))
    frame = apply_gate(frame, gate.reasons, gate.details)
    assert time.monotonic() - started < 40

    assert set(frame["source_path"]) == set(written)
    for path, rows in frame.group_by("source_path"):
        (path,) = path
        if not path.endswith((".json", ".jsonl")):
            assert rows.height == 1, path  # one row per file; a JSON file one per record
        for row in rows.iter_rows(named=True):
            if row["quarantine_reasons"]:
                assert row["quarantine_detail"], row
                for reason in row["quarantine_reasons"]:
                    assert f"{reason}: " in row["quarantine_detail"], row
            else:  # accepted: a dated text, nothing of it lost
                assert row["body"] and row["published_date"] == dt.date(2024, 3, 2), path
                if written[path].startswith(b"date 2024-03-02\n\nStorm closes"):
                    body = unicodedata.normalize("NFC", row["body"])  # decoding composes
                    for sentence in SENTENCES:
                        assert unicodedata.normalize("NFC", sentence) in body, (path, sentence)
    reasons = {r for rs in frame["quarantine_reasons"] for r in rs}
    assert {"empty_file", "unsupported_format", "binary_file"} <= reasons, reasons
    assert (frame["quarantine_reasons"].list.len() == 0).sum() >= 5
