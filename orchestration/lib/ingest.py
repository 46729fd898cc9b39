"""Read a drop folder into one Polars row per file: parsed, or with the reason it could not be."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import polars as pl

from orchestration.lib.decode import UndecodableError, decode_bytes
from orchestration.lib.parse import parse_text

SUPPORTED_SUFFIXES = {".txt"}
IGNORED_NAMES = {"_READY"}

RAW_ARTICLE_SCHEMA = {
    "drop_id": pl.String,
    "article_id": pl.String,
    "source_path": pl.String,
    "source_format": pl.String,
    "encoding": pl.String,
    "file_size": pl.Int64,
    "file_hash": pl.String,
    "content_hash": pl.String,
    "title": pl.String,
    "published_date": pl.Date,
    "date_text": pl.String,
    "publisher": pl.String,
    "authors": pl.List(pl.String),
    "body": pl.String,
    "headings": pl.List(pl.String),
    "boilerplate": pl.List(pl.String),
    "quarantine_reasons": pl.List(pl.String),
    "quarantine_detail": pl.String,
    "ingested_at": pl.Datetime("us"),
}


def list_drop_files(folder: Path) -> list[Path]:
    """Every regular file of a drop (recursively), in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in IGNORED_NAMES)


def _sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def read_file(path: Path, drop_id: str, max_bytes: int, now: dt.datetime) -> dict:
    """One row for one file. Never raises for a bad file: the reason goes in the row."""
    row: dict = {k: None for k in RAW_ARTICLE_SCHEMA}
    row.update(
        drop_id=drop_id,
        article_id=path.stem,
        source_path=str(path.resolve()),
        source_format=path.suffix.lstrip(".").lower() or None,
        authors=[],
        headings=[],
        boilerplate=[],
        quarantine_reasons=[],
        ingested_at=now,
    )

    def reject(code: str, detail: str) -> dict:
        row["quarantine_reasons"] = [code]
        row["quarantine_detail"] = f"{code}: {detail}"
        return row

    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return reject(
            "unsupported_format", f"files of type {path.suffix or '(none)'!r} are not read"
        )
    try:
        size = path.stat().st_size
        row["file_size"] = size
        if size > max_bytes:
            return reject("file_too_large", f"{size} bytes is over the {max_bytes}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        return reject("unreadable_file", exc.strerror or str(exc))
    row["file_hash"] = _sha256(data)
    try:
        decoded = decode_bytes(data)
    except UndecodableError as exc:
        return reject("binary_file", str(exc))
    row["encoding"] = decoded.encoding
    parsed = parse_text(decoded.text, path.stem)
    row.update(
        title=parsed.title,
        published_date=parsed.published_date,
        date_text=parsed.date_text,
        publisher=parsed.publisher,
        authors=parsed.authors,
        body=parsed.body,
        headings=parsed.headings,
        boilerplate=parsed.boilerplate,
        content_hash=_sha256(parsed.body) if parsed.body else None,
    )
    return row


def read_drop(folder: Path, drop_id: str, max_bytes: int) -> pl.DataFrame:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [read_file(p, drop_id, max_bytes, now) for p in list_drop_files(folder)]
    return pl.DataFrame(rows, schema=RAW_ARTICLE_SCHEMA, orient="row")


def apply_gate(frame: pl.DataFrame, reasons: dict[str, list[str]], details: dict[str, str]):
    """Merge the quality gate's verdicts (keyed by source_path) into the rows.

    Rows already rejected while reading keep that single reason: a file that could not be read
    says so, not that its (absent) date is missing.
    """
    gate = pl.DataFrame(
        {
            "source_path": list(reasons),
            "gate_reasons": [reasons[k] for k in reasons],
            "gate_detail": [details.get(k) for k in reasons],
        },
        schema={
            "source_path": pl.String,
            "gate_reasons": pl.List(pl.String),
            "gate_detail": pl.String,
        },
    )
    read_failed = pl.col("quarantine_reasons").list.len() > 0
    return (
        frame.join(gate, on="source_path", how="left")
        .with_columns(
            quarantine_reasons=pl.when(read_failed)
            .then(pl.col("quarantine_reasons"))
            .otherwise(pl.col("gate_reasons").fill_null(pl.lit([], dtype=pl.List(pl.String)))),
            quarantine_detail=pl.when(read_failed)
            .then(pl.col("quarantine_detail"))
            .otherwise(pl.col("gate_detail")),
        )
        .drop("gate_reasons", "gate_detail")
    )


def is_readable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.R_OK | os.X_OK)
