"""Split a raw article into its parts: date header, title, byline, publisher, web furniture, the
body, and which paragraphs of the body are headings.

The rules are about the *shape* of lines, never about particular strings:

* a **prose** line ends like a sentence (or is long); headings and furniture do not;
* short lines before the first prose line: the first is the title; a dateline ("LONDON
  1996-08-30") or date line ("Saturday, April 4, 2009") is article text; a byline gives the
  authors; a line that repeats is the site name; a short label (section name, counter, reading
  time: ``furniture.is_label``) is page furniture; a longer line (a subtitle, a caption) is a
  heading;
* short lines after the last prose line are footer furniture (tag lists, related headlines);
* short lines between prose lines are section headings;
* a line is a byline only when it has a byline's shape (``furniture.is_byline``), wherever it
  is: "By the end of this year, ..." is a sentence.

The body is every line of article text in its order: the headline (when there is one),
datelines, headings (section headings, subtitles, captions) and the prose lines, one paragraph
each, joined by blank lines. Nothing of the text is lost and every offset points into the body.
Which paragraphs are headings is one rule, :func:`heading_spans`, read from the body alone: the
parser fills ``ParsedArticle.heading_spans`` / ``headings`` with it and extraction calls it on
the text it parses (entities, events and claims treat heading text apart). ``ParsedArticle.
source_offset`` maps any body offset back to the original text so that spans can be shown in
the source file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from orchestration.lib.read import furniture

DATE_HEADER = re.compile(r"^\ufeff?[ \t]*date[ \t]+(\S+)[ \t]*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:[.!?…:;]\s*[\"'”’)\]]*|--|—|[\"”])\s*$")
_AFTER_BY = re.compile(r"\b[Bb][Yy]\s+(.+?)(?=\s+[Bb][Yy]\s+|$)")
LONG_LINE_WORDS = 25
PUBLISHER_MAX_WORDS = 4
DERIVED_TITLE_MAX_CHARS = 100
_FIRST_SENTENCE_END = re.compile(r"(?<=[a-z0-9\]\)”\"’']{2}[.!?])\s+(?=\S)|\n")


@dataclass(frozen=True)
class Line:
    text: str
    start: int  # offset of text in the source
    kind: str  # prose | short | byline

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class ParsedArticle:
    article_id: str
    body: str
    published_date: dt.date | None
    date_text: str | None
    title: str | None
    publisher: str | None
    authors: list[str]
    headings: list[str]
    boilerplate: list[str]
    # (body_start, source_start) of each body segment, sorted; lengths are equal on both sides.
    segments: list[tuple[int, int]] = field(default_factory=list)
    # (start, end) body offsets of each heading paragraph: :func:`heading_spans` of the body
    heading_spans: list[tuple[int, int]] = field(default_factory=list)
    dateline_place: str | None = None  # the filing place of a dateline ("Detroit"), see furniture

    @property
    def title_source(self) -> str | None:
        """``headline`` when the article has one, ``derived`` when :func:`display_title` makes
        one from the lead, None when there is no text at all."""
        if self.title:
            return "headline"
        return "derived" if self.body.strip() else None

    @property
    def heading_starts(self) -> list[int]:
        """Source offset of each heading (where it is in the file)."""
        return [self.source_offset(start) for start, _ in self.heading_spans]

    def source_offset(self, body_offset: int) -> int:
        """Map an offset into ``body`` to the offset of the same character in the source text."""
        if not self.segments:
            return body_offset
        i = bisect.bisect_right([s[0] for s in self.segments], body_offset) - 1
        body_start, source_start = self.segments[max(i, 0)]
        return source_start + (body_offset - body_start)


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _classify(text: str) -> str:
    if furniture.is_byline(text):
        return "byline"
    if len(text.split()) >= LONG_LINE_WORDS or _SENTENCE_END.search(text):
        return "prose"
    return "short"


def _lines(text: str, start: int) -> list[Line]:
    out: list[Line] = []
    pos = start
    for raw in text[start:].split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(stripped, pos + lead, _classify(stripped)))
        pos += len(raw) + 1
    return out


def _author_name(name: str) -> str:
    """An all-caps byline name in title case ("JANE DOE" -> "Jane Doe")."""
    return furniture.title_case_place(name) if name.isupper() else name


def authors_from_byline(byline: str) -> list[str]:
    """Names after each "by" in a byline; affiliations ("Reuters", "staff writer") and job
    descriptions between them are dropped. After a comma come more names only in a list
    ("By A, B and C"); otherwise what follows the comma is an affiliation."""
    names: list[str] = []
    for match in _AFTER_BY.finditer(byline):
        credit = match.group(1)
        parts = [p.strip(" .") for p in re.split(r"\s*[,;|]\s*", credit)]
        if len(parts) > 1 and not re.search(r"\s(?:and|&)\s", parts[-1]):
            parts = parts[:1]
        for part in parts:
            for piece in re.split(r"\s*&\s*|\s+and\s+", part):
                name = piece.strip(" .")
                if furniture.NAME.match(name) and _author_name(name) not in names:
                    names.append(_author_name(name))
    return names


def display_title(parsed: ParsedArticle) -> str | None:
    """The headline, else a title derived from the lead: its first sentence, cut on a word
    boundary at about ``DERIVED_TITLE_MAX_CHARS`` characters (with "…" when cut). The seeds'
    layout has articles with no headline line; a reader should never see a blank title."""
    if parsed.title:
        return parsed.title
    lead = parsed.body.strip()
    if not lead:
        return None
    sentence = _FIRST_SENTENCE_END.split(lead, maxsplit=1)[0].strip()
    if len(sentence) <= DERIVED_TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: DERIVED_TITLE_MAX_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def parse_text(text: str, article_id: str) -> ParsedArticle:
    """Parse one article in the seeds' layout (optional `` date YYYY-MM-DD`` header)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header = DATE_HEADER.match(text)
    date_text = header.group(1) if header else None
    lines = _lines(text, header.end() if header else 0)
    authors = [a for line in lines if line.kind == "byline"
               for a in authors_from_byline(line.text)]
    lines = [line for line in lines if line.kind != "byline"]  # the byline's names: authors

    prose_idx = [i for i, line in enumerate(lines) if line.kind == "prose"]
    if prose_idx:
        first, last = prose_idx[0], prose_idx[-1]
    else:  # no sentence-like paragraph: keep everything after a headline as body
        first, last = (1 if len(lines) > 1 else 0), len(lines) - 1

    title: str | None = None
    publisher: str | None = None
    boilerplate: list[str] = []
    body_lines: list[Line] = []

    head = lines[:first]
    if head and head[0].kind == "short" and not _is_dateline(head[0].text):
        title = head[0].text  # the headline opens the body: its names are the story's own
    counts: dict[str, int] = {}
    for line in head:
        counts[line.text.casefold()] = counts.get(line.text.casefold(), 0) + 1
    for i, line in enumerate(lines):
        if i >= first and i <= last:  # prose and the section headings between it
            body_lines.append(line)
            continue
        if i > last:
            boilerplate.append(line.text)  # footer furniture
            continue
        # above the story: the title, datelines, subtitles and captions are text
        if (i == 0 and title is not None) or _is_dateline(line.text):
            body_lines.append(line)
            continue
        is_repeat = counts[line.text.casefold()] > 1
        if (
            publisher is None
            and is_repeat
            and line.words <= PUBLISHER_MAX_WORDS
            and (title is None or line.text.casefold() != title.casefold())
        ):
            publisher = line.text
        if is_repeat or furniture.is_label(line.text):
            boilerplate.append(line.text)
        else:
            body_lines.append(line)

    parts: list[str] = []
    segments: list[tuple[int, int]] = []
    pos = 0
    for line in body_lines:
        if parts:
            pos += 2
        segments.append((pos, line.start))
        parts.append(line.text)
        pos += len(line.text)

    body = "\n\n".join(parts)
    spans = heading_spans(body)
    return ParsedArticle(
        article_id=article_id,
        body=body,
        published_date=parse_date(date_text),
        date_text=date_text,
        title=title,
        publisher=publisher,
        authors=list(dict.fromkeys(authors)),
        headings=[body[s:e] for s, e in spans],
        boilerplate=boilerplate,
        segments=segments,
        heading_spans=spans,
        dateline_place=dateline.place if (dateline := furniture.find_dateline(body)) else None,
    )


def heading_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the body's heading paragraphs: section headings, subtitles and
    captions. The one rule for "this text is a heading", read from the body's shape alone (so
    extraction, which sees only the body, agrees with the parser): a paragraph after the first
    that does not read as prose (:func:`_classify`) and is not a dateline or date line, in a
    body that has prose. The first paragraph is the headline or the lead."""
    return list(_heading_spans(body))


@lru_cache(maxsize=16)  # entities, events and claims each ask for the same body's spans
def _heading_spans(body: str) -> tuple[tuple[int, int], ...]:
    paragraphs, pos = [], 0
    for paragraph in body.split("\n\n"):
        paragraphs.append((pos, paragraph))
        pos += len(paragraph) + 2
    if not any(_classify(p.strip()) == "prose" for _, p in paragraphs):
        return ()
    return tuple((start, start + len(p)) for start, p in paragraphs[1:]
                 if p.strip() and _classify(p.strip()) == "short" and not _is_dateline(p.strip()))


def in_heading(spans: list[tuple[int, int]], start: int) -> bool:
    """Whether the body offset ``start`` lies in one of ``spans`` (from :func:`heading_spans`)."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start < spans[i][1]


def _is_dateline(text: str) -> bool:
    return furniture.is_date_line(text) or furniture.match_dateline(text) is not None
