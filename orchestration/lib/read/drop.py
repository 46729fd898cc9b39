"""Read a drop folder into Polars rows: one per file, or one per record of a JSON / JSONL file.

Every entry of the folder gets at least one row, whatever it is: a parsed article, or the reason
it could not be read (``quarantine_reasons`` holds one code; see the README's reason-code table).
Reading never raises for a bad file, so one broken file never stops a drop.

The accounting at the end (``account_for_drop``) is the ingest asset's count, taken before dbt
runs; the status the warehouse keeps for every row (quarantined > duplicate > accepted) is
decided once, by dbt_project/models/marts/drop_files.sql, which the drop report and the run
summary read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import polars as pl

from orchestration.lib import progress
from orchestration.lib.read.decode import UndecodableError, decode_bytes
from orchestration.lib.read.formats import (
    Article,
    MalformedRecord,
    parse_html,
    parse_json,
    parse_json_lines,
)
from orchestration.lib.read.parse import display_title, parse_text
from orchestration.lib.rules.duplicates import SIGNATURE_COLUMN, SIGNATURE_DTYPE, signature
from orchestration.runtime.parallel import map_in_processes

# File suffix -> source_format. Anything else is quarantined as `unsupported_format`.
FORMATS = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SUPPORTED_SUFFIXES = set(FORMATS)
IGNORED_NAMES = {"_READY"}

# Reason codes given while reading (the quality gate's codes live in expectations/).
UNREADABLE = "unreadable_file"
UNSUPPORTED = "unsupported_format"
TOO_LARGE = "file_too_large"
EMPTY = "empty_file"
BINARY = "binary_file"
MALFORMED = "malformed_record"

RAW_ARTICLE_SCHEMA = {
    "drop_id": pl.String,
    "article_id": pl.String,
    "source_path": pl.String,
    "record": pl.Int32,
    "source_format": pl.String,
    "encoding": pl.String,
    "file_size": pl.Int64,
    "file_hash": pl.String,
    "content_hash": pl.String,
    "title": pl.String,
    "title_source": pl.String,
    "published_date": pl.Date,
    "date_text": pl.String,
    "publisher": pl.String,
    "url": pl.String,
    "authors": pl.List(pl.String),
    "body": pl.String,
    "dateline_place": pl.String,
    "headings": pl.List(pl.String),
    "boilerplate": pl.List(pl.String),
    "quarantine_reasons": pl.List(pl.String),
    "quarantine_detail": pl.String,
    "ingested_at": pl.Datetime("us"),
}
# What read_drop returns: the raw row and its body's MinHash signature (raw.articles.minhash).
SIGNED_ARTICLE_SCHEMA = {**RAW_ARTICLE_SCHEMA, SIGNATURE_COLUMN: SIGNATURE_DTYPE}


def list_drop_files(folder: Path) -> list[Path]:
    """Every entry of a drop that is not a sub-folder, recursively, in a stable order.

    Not only regular files: a symlink (dangling or not), a FIFO or a sub-folder that cannot be
    listed is an entry too, so it is accounted for (as ``unreadable_file``) instead of vanishing.
    Symlinks to folders are not followed.
    """
    folder = Path(os.path.abspath(folder))
    found: list[Path] = []

    def walk(directory: Path) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            found.append(directory)
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(Path(entry.path))
            elif entry.name not in IGNORED_NAMES:
                found.append(Path(entry.path))

    walk(folder)
    return sorted(found)


def count_drop_entries(folder: Path) -> set[str]:
    """The drop's entries counted a second, independent way (``os.walk``), for the accounting
    check: files, symlinks, FIFOs, and sub-folders that could not be listed."""
    folder = Path(os.path.abspath(folder))
    entries: set[str] = set()

    def unlisted(error: OSError) -> None:
        if error.filename and Path(error.filename) != folder:
            entries.add(str(error.filename))

    for root, dirs, files in os.walk(folder, onerror=unlisted, followlinks=False):
        entries.update(str(Path(root) / f) for f in files if f not in IGNORED_NAMES)
        entries.update(str(Path(root) / d) for d in dirs if (Path(root) / d).is_symlink())
    return entries


def _sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_file(path: Path, drop_id: str, max_bytes: int, now: dt.datetime) -> list[dict]:
    """The rows of one drop entry: one per article (a JSON file may hold several), or one row
    carrying the reason the entry could not be read. Never raises for a bad file."""
    path = Path(os.path.abspath(path))
    suffix = path.suffix.lower()
    base: dict = {k: None for k in RAW_ARTICLE_SCHEMA}
    base.update(
        drop_id=drop_id,
        article_id=path.stem,
        source_path=str(path),
        source_format=FORMATS.get(suffix, suffix.lstrip(".") or None),
        authors=[],
        headings=[],
        boilerplate=[],
        quarantine_reasons=[],
        ingested_at=now,
    )

    def reject(code: str, detail: str, **extra) -> list[dict]:
        row = {**base, **extra, "quarantine_reasons": [code]}
        return [{**row, "quarantine_detail": f"{code}: {detail}"}]

    # What the entry is, before anything else: a dangling link or a FIFO is unreadable whatever
    # its name says (opening a FIFO would block the run).
    try:
        info = path.stat()
    except OSError as exc:
        hint = " (a dangling symbolic link)" if path.is_symlink() else ""
        return reject(UNREADABLE, f"{exc.strerror or exc}{hint}")
    if not stat.S_ISREG(info.st_mode):
        return reject(UNREADABLE, f"{_file_kind(info.st_mode)}, not a file that can be read")
    base["file_size"] = info.st_size
    if suffix not in FORMATS:
        return reject(UNSUPPORTED, f"files of type {path.suffix or '(none)'!r} are not read")
    if info.st_size > max_bytes:
        return reject(TOO_LARGE, f"{info.st_size} bytes is over the {max_bytes}-byte limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return reject(UNREADABLE, exc.strerror or str(exc))
    base["file_hash"] = _sha256(data)
    if not data.strip():
        return reject(EMPTY, "the file is empty" if not data else "the file holds only whitespace")
    try:
        decoded = decode_bytes(data)
    except UndecodableError as exc:
        return reject(BINARY, str(exc))
    base["encoding"] = decoded.encoding
    if not decoded.text.strip():
        return reject(EMPTY, "the file holds only whitespace")

    try:
        results = _parse(base["source_format"], decoded.text, path.stem)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the drop
        return reject(UNREADABLE, f"the {base['source_format']} parser failed: {exc!r}")
    if not results:
        return reject(EMPTY, "the file holds no record")

    rows: list[dict] = []
    for result in results:
        if isinstance(result, MalformedRecord):
            article_id = path.stem if result.record is None else f"{path.stem}_{result.record}"
            rows += reject(MALFORMED, result.detail, article_id=article_id, record=result.record)
            continue
        parsed = result.parsed
        rows.append(
            {
                **base,
                "article_id": parsed.article_id,
                "record": result.record,
                "url": result.url,
                "title": display_title(parsed),
                "title_source": parsed.title_source,
                "published_date": parsed.published_date,
                "date_text": parsed.date_text,
                "publisher": parsed.publisher,
                "authors": parsed.authors,
                "body": parsed.body,
                "dateline_place": parsed.dateline_place,
                "headings": parsed.headings,
                "boilerplate": parsed.boilerplate,
                "content_hash": _sha256(parsed.body) if parsed.body else None,
            }
        )
    return rows


def _parse(fmt: str, text: str, stem: str) -> list[Article | MalformedRecord]:
    if fmt == "txt":
        return [Article(parsed=parse_text(text, stem))]
    if fmt == "html":
        return [parse_html(text, stem)]
    if fmt == "jsonl":
        return parse_json_lines(text, stem)
    return parse_json(text, stem)


# Below this many files a drop is read in the calling process: starting worker processes (about
# a second each, spawned) costs more than reading and signing the files takes.
PARALLEL_READ_MIN_FILES = 200
READ_CHUNK_FILES = 100


def read_files(paths: list[Path], drop_id: str, max_bytes: int, now: dt.datetime) -> list[dict]:
    """:func:`read_file` for each path, each row with its body's MinHash signature (see
    orchestration.lib.rules.duplicates): both are per-file work, done together where the files are
    read so a large drop spreads them over processes."""
    rows = [row for path in paths for row in read_file(path, drop_id, max_bytes, now)]
    for row in rows:
        row[SIGNATURE_COLUMN] = signature(row["body"])
    return rows


def read_drop(folder: Path, drop_id: str, max_bytes: int, workers: int = 1) -> pl.DataFrame:
    """Every entry of the drop folder as rows of :data:`RAW_ARTICLE_SCHEMA` plus the ``minhash``
    signature column, read in ``workers`` processes when the drop is large enough."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    files = list_drop_files(folder)
    chunks = [files[i : i + READ_CHUNK_FILES] for i in range(0, len(files), READ_CHUNK_FILES)]
    if len(files) < PARALLEL_READ_MIN_FILES:
        workers = 1
    rows: list[dict] = []
    done = 0
    for chunk, chunk_rows in zip(
        chunks,
        map_in_processes(
            partial(read_files, drop_id=drop_id, max_bytes=max_bytes, now=now), chunks, workers
        ),
        strict=True,
    ):
        rows.extend(chunk_rows)
        done += len(chunk)
        progress.report(f"drop {drop_id}: files parsed", done, len(files))
    return pl.DataFrame(rows, schema=SIGNED_ARTICLE_SCHEMA, orient="row")


def row_key() -> pl.Expr:
    """What identifies one row of a drop: the file, plus the record number for JSON records."""
    record = pl.col("record")
    return (
        pl.when(record.is_null())
        .then(pl.col("source_path"))
        .otherwise(pl.concat_str([pl.col("source_path"), pl.lit(":"), record.cast(pl.String)]))
        .alias("row_key")
    )


def with_row_key(frame: pl.DataFrame) -> pl.DataFrame:
    if "record" not in frame.columns:
        frame = frame.with_columns(record=pl.lit(None, dtype=pl.Int32))
    return frame.with_columns(row_key())


def apply_gate(frame: pl.DataFrame, reasons: dict[str, list[str]], details: dict[str, str]):
    """Merge the quality gate's verdicts (keyed by row key: the source path, plus ``:<record>``
    for a JSON record) into the rows.

    Rows already rejected while reading keep that single reason: a file that could not be read
    says so, not that its (absent) date is missing.
    """
    gate = pl.DataFrame(
        {
            "row_key": list(reasons),
            "gate_reasons": [reasons[k] for k in reasons],
            "gate_detail": [details.get(k) for k in reasons],
        },
        schema={
            "row_key": pl.String,
            "gate_reasons": pl.List(pl.String),
            "gate_detail": pl.String,
        },
    )
    read_failed = pl.col("quarantine_reasons").list.len() > 0
    return (
        with_row_key(frame)
        .join(gate, on="row_key", how="left")
        .with_columns(
            quarantine_reasons=pl.when(read_failed)
            .then(pl.col("quarantine_reasons"))
            .otherwise(pl.col("gate_reasons").fill_null(pl.lit([], dtype=pl.List(pl.String)))),
            quarantine_detail=pl.when(read_failed)
            .then(pl.col("quarantine_detail"))
            .otherwise(pl.col("gate_detail")),
        )
        .drop("gate_reasons", "gate_detail", "row_key")
        .select(frame.columns)
    )


def keep_one_body_per_article_id(frame: pl.DataFrame) -> pl.DataFrame:
    """When several rows of a drop share an article_id (all quarantined as
    ``duplicate_article_id``), only the first (by source_path, then record) keeps its body.

    Everything downstream keys on (drop_id, article_id): two bodies under one id would mix their
    mentions (and their offsets) into one article. The first row is also the one the marts show
    (int_articles_current breaks ties the same way); the others stay listed with their
    reasons and file, without text.
    """
    first = (
        with_row_key(frame)
        .sort("source_path", "record", nulls_last=False)
        .unique("article_id", keep="first", maintain_order=True)
        .get_column("row_key")
    )
    return (
        with_row_key(frame)
        .with_columns(
            body=pl.when(pl.col("row_key").is_in(first.implode()))
            .then(pl.col("body"))
            .otherwise(None),
            content_hash=pl.when(pl.col("row_key").is_in(first.implode()))
            .then(pl.col("content_hash"))
            .otherwise(None),
        )
        .select(frame.columns)
    )


# ----------------------------------------------------------------------------------- accounting


@dataclass(frozen=True)
class DropAccount:
    """Where every file (and every JSON record) of a drop went."""

    entries: int  # files found in the drop folder (counted independently of the reader)
    rows: int  # rows written: one per file, or one per record of a JSON / JSONL file
    accepted: int
    quarantined: int
    duplicate: int
    missing: list[str] = field(default_factory=list)  # entries with no row
    unexpected: list[str] = field(default_factory=list)  # rows for no entry of the drop
    repeated: list[str] = field(default_factory=list)  # row keys seen more than once

    @property
    def balanced(self) -> bool:
        return (
            not self.missing
            and not self.unexpected
            and not self.repeated
            and self.accepted + self.quarantined + self.duplicate == self.rows
        )


def account_for_drop(
    folder: Path, frame: pl.DataFrame, duplicate_ids: set[str] | list[str]
) -> DropAccount:
    """Count what the drop's rows became, before dbt runs: quarantined (any reason), duplicate
    (``duplicate_ids``: the copies found among the rows that passed the gate, within this drop)
    and accepted (the rest). Counts only: which status a row has in the warehouse, with copies
    of earlier drops too, is decided by dbt_project/models/marts/drop_files.sql."""
    entries = count_drop_entries(folder)
    keyed = with_row_key(frame)
    paths = set(keyed.get_column("source_path").to_list())
    passed = keyed.filter(pl.col("quarantine_reasons").list.len() == 0)
    duplicate = passed.filter(pl.col("article_id").is_in(list(duplicate_ids))).height
    repeated = keyed.filter(pl.col("row_key").is_duplicated()).get_column("row_key").unique()
    return DropAccount(
        entries=len(entries),
        rows=keyed.height,
        accepted=passed.height - duplicate,
        quarantined=keyed.height - passed.height,
        duplicate=duplicate,
        missing=sorted(entries - paths),
        unexpected=sorted(paths - entries),
        repeated=sorted(repeated.to_list()),
    )


def is_readable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.R_OK | os.X_OK)
