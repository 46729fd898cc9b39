"""The dateline's filing place as a LOCATION name mention.

The parser keeps a dateline ("DETROIT (Reuters) -", "LONDON 1996-08-30") in the body and
``orchestration.lib.read.furniture.find_dateline`` finds it there; this module makes sure the
article's mentions hold its place as a LOCATION, whatever the model did with an all-caps word at
the start of a body: a mention overlapping the place is retyped and cut to the place, and when
there is none, one is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestration.lib.read.furniture import find_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc


def with_dateline_place(doc: Doc, article: dict, rows: list[dict]) -> list[dict]:
    """``rows`` (entity mention rows of ``doc``) with the dateline place as a LOCATION."""
    dateline = find_dateline(doc.text)
    if dateline is None:
        return rows
    start, end = dateline.start, dateline.end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return rows
    overlapping = [r for r in rows if r["start_char"] < end and start < r["end_char"]]
    kept = [r for r in rows if not (r["start_char"] < end and start < r["end_char"])]
    template = overlapping[0] if overlapping else {k: None for k in (rows[0] if rows else {})}
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    row = {
        **template,
        "drop_id": article.get("drop_id"),
        "article_id": article.get("article_id"),
        "mention_id": f"{article.get('article_id')}:{start}",
        "mention_text": doc.text[start:end],
        "entity_type": "LOCATION",
        "start_char": start,
        "end_char": end,
        "sentence": sent.text,
        "sentence_start": sent.start_char,
        "sentence_end": sent.end_char,
        "role_title": None,
        "role_org": None,
        "role_text": None,
    }
    if "mention_kind" in row:
        row["mention_kind"] = "name"
    kept.append(row)
    return sorted(kept, key=lambda r: r["start_char"])
