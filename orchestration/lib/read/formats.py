"""Article formats other than the seeds' plain text: HTML pages and JSON / JSON Lines records.

Every format ends in the same :class:`~orchestration.lib.read.parse.ParsedArticle` (cleaned body,
title, authors, publisher, date), so the quality gate, extraction and the marts never need to
know where an article came from:

* **HTML** (``.html``, ``.htm``): trafilatura finds the main text (navigation, cookie banners,
  related links and footers are left out) and the page's title, author and site name; htmldate
  (called by trafilatura with ``_HTMLDATE_PARAMS``) reads the publication date from the page
  (meta tags, JSON-LD, ``<time>``, the URL) without its "extensive" text search, which would take
  a footer's ``© 2024`` for a date. A date meta tag htmldate cannot read is kept as ``date_text``
  so the article is quarantined as unparsable rather than undated.
* **JSON Lines** (``.jsonl``) and **JSON** (``.json``: one object, an array of objects, or JSON
  Lines): one article per record, fields such as ``title``, ``date``, ``body``/``text``, ``url``,
  ``author``. A record that is not a JSON object is returned as a :class:`MalformedRecord`; the
  other records of the file still load.

The extracted text then goes through :func:`~orchestration.lib.read.parse.parse_text`, the same line
rules as plain text (headline and headings are body paragraphs, furniture leaves it).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from dataclasses import dataclass
from typing import Any

from orchestration.lib.read.parse import ParsedArticle, parse_text

# htmldate only returns dates inside [min_date, max_date]. The window is wide on purpose: an
# implausible date (future, before 1990) must reach the quality gate and be quarantined as such,
# not vanish into "missing".
_HTMLDATE_PARAMS = {
    "extensive_search": False,
    "original_date": True,
    "min_date": "1900-01-01",
    "max_date": "2199-12-31",
}
# Meta tags whose raw value is kept as date_text when htmldate cannot read it (so the article is
# quarantined as "unparsable", not "missing").
_DATE_META = (
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "og:published_time",
    "sailthru.date",
)

TITLE_FIELDS = ("title", "headline")
BODY_FIELDS = ("body", "text", "content", "articleBody", "article_body", "article", "description")
DATE_FIELDS = (
    "date",
    "published",
    "published_date",
    "publishedAt",
    "published_at",
    "datePublished",
    "pubDate",
    "pub_date",
    "publication_date",
)
URL_FIELDS = ("url", "link", "canonical_url", "source_url")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
PUBLISHER_FIELDS = ("publisher", "site_name", "sitename", "site", "source", "outlet")


@dataclass
class Article:
    """One article read from a file: the parsed parts plus what the format adds."""

    parsed: ParsedArticle
    url: str | None = None
    record: int | None = None  # line number (JSONL) or position (JSON array); None for a file


@dataclass(frozen=True)
class MalformedRecord:
    record: int | None
    detail: str


# --------------------------------------------------------------------------------------- dates


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d.%m.%Y",
)


def parse_date_value(value: str | None) -> dt.date | None:
    """A publication date written in a common machine or editorial form, else None.

    ISO dates and datetimes (the date as written, not converted to UTC), RFC 2822 (RSS), and a
    few unambiguous day-month-year spellings. Numeric forms such as 03/04/2024 are ambiguous and
    stay unparsed.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------------------- HTML


def _split_people(value: Any) -> list[str]:
    """Author names from a string ("A; B", "A and B", "By A") or a list of strings / objects."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        return [n for v in value for n in _split_people(v)]
    if not isinstance(value, str):
        return []
    text = re.sub(r"^\s*by\s+", "", value.strip(), flags=re.IGNORECASE)
    names = [n.strip(" .") for n in re.split(r"\s*[;|&]\s*|\s+and\s+", text)]
    out: list[str] = []
    for name in names:
        parts = [p.strip(" .") for p in name.split(",")]
        # "Jane Doe, John Roe" is two people; "Doe, Jane" is one, written surname first.
        if len(parts) > 1 and all(len(p.split()) > 1 for p in parts):
            out.extend(parts)
        elif len(parts) == 2 and all(parts):
            out.append(f"{parts[1]} {parts[0]}")
        else:
            out.append(name)
    return [n for n in out if n]


def _merge_names(*groups: list[str]) -> list[str]:
    out: list[str] = []
    for group in groups:
        for name in group:
            if name.casefold() not in {n.casefold() for n in out}:
                out.append(name)
    return out


def _raw_meta_date(html: str) -> str | None:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        if key in _DATE_META and (meta.get("content") or "").strip():
            return meta.get("content").strip()
    return None


def _with_headline(text: str, title: str | None) -> str:
    """The main text with the headline on its first line (as in the seeds' layout)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if title and first.casefold() != title.strip().casefold():
        return f"{title.strip()}\n\n{text}"
    return text


def parse_html(html: str, article_id: str) -> Article:
    """Main text and metadata of one web page."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params=_HTMLDATE_PARAMS,
    )
    if doc is None:  # no main text: keep what the page says about itself
        from trafilatura.metadata import extract_metadata

        doc = extract_metadata(html, date_config=_HTMLDATE_PARAMS, extensive=False)
    title = (getattr(doc, "title", None) or "").strip() or None
    text = (getattr(doc, "text", None) or "").strip()
    # trafilatura asks htmldate with _HTMLDATE_PARAMS; an unreadable meta date is kept as text.
    date_iso = getattr(doc, "date", None) or None
    date_text = date_iso or _raw_meta_date(html)

    parsed = parse_text(_with_headline(text, title) if text else "", article_id)
    parsed.title = title or parsed.title
    parsed.date_text = date_text
    parsed.published_date = parse_date_value(date_iso) if date_iso else None
    parsed.authors = _merge_names(_split_people(getattr(doc, "author", None)), parsed.authors)
    parsed.publisher = (getattr(doc, "sitename", None) or "").strip() or parsed.publisher
    return Article(parsed=parsed, url=getattr(doc, "url", None) or None)


# ---------------------------------------------------------------------------------------- JSON


def _field(record: dict, names: tuple[str, ...]) -> Any:
    lowered = {str(k).casefold(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.casefold())
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or value.get("value")
    if isinstance(value, list):
        value = "\n\n".join(str(v) for v in value if isinstance(v, str | int | float))
    if value is None:
        return None
    return str(value).strip() or None


def article_from_record(record: dict, article_id: str, number: int | None) -> Article:
    """One article from a JSON object (title, date, body/text, url, author, publisher)."""
    title = _as_text(_field(record, TITLE_FIELDS))
    body = _as_text(_field(record, BODY_FIELDS)) or ""
    date_text = _as_text(_field(record, DATE_FIELDS))
    text = _with_headline(body, title) if body else ""
    parsed = parse_text(text.replace("\r\n", "\n"), article_id)
    parsed.title = title or parsed.title
    parsed.date_text = date_text
    parsed.published_date = parse_date_value(date_text)
    parsed.authors = _merge_names(_split_people(_field(record, AUTHOR_FIELDS)), parsed.authors)
    parsed.publisher = _as_text(_field(record, PUBLISHER_FIELDS)) or parsed.publisher
    return Article(parsed=parsed, url=_as_text(_field(record, URL_FIELDS)), record=number)


def _record_id(stem: str, number: int | None) -> str:
    return stem if number is None else f"{stem}_{number}"


def _one(value: Any, stem: str, number: int | None) -> Article | MalformedRecord:
    if not isinstance(value, dict):
        kind = type(value).__name__.replace("NoneType", "null")
        where = f"record {number}" if number is not None else "the file"
        return MalformedRecord(number, f"{where} is a JSON {kind}, not an object")
    return article_from_record(value, _record_id(stem, number), number)


def parse_json_lines(text: str, stem: str) -> list[Article | MalformedRecord]:
    """One result per non-blank line; ``record`` is the 1-based line number."""
    out: list[Article | MalformedRecord] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(MalformedRecord(number, f"line {number}: {exc.msg} (column {exc.colno})"))
            continue
        out.append(_one(value, stem, number))
    return out


def parse_json(text: str, stem: str) -> list[Article | MalformedRecord]:
    """A ``.json`` file: one object (the article keeps the file's id), an array of objects
    (``record`` = 1-based position; an empty array gives no result), or JSON Lines saved as
    ``.json``."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if len(lines) > 1 and all(line.startswith("{") for line in lines):
            return parse_json_lines(text, stem)
        return [MalformedRecord(None, f"{exc.msg} (line {exc.lineno}, column {exc.colno})")]
    if isinstance(value, list):
        return [_one(item, stem, i) for i, item in enumerate(value, start=1)]
    return [_one(value, stem, None)]
