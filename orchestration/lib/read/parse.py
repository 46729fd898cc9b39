"""Split a raw article into its parts: date header, title, byline, publisher, headings, web
furniture and the cleaned body.

The rules are about the *shape* of lines, never about particular strings:

* a **prose** line ends like a sentence (or is long); headings and furniture do not;
* short lines before the first prose line are page furniture (title, site name, section label,
  timestamps, reading time, view counters) -- the first of them is the title, a short line that
  repeats is the site name, a "by ..." line is the byline;
* short lines after the last prose line are footer furniture (tag lists, related headlines);
* short lines between prose lines are section headings.

The body is the headline (when there is one) and the prose lines, joined by blank lines.
``ParsedArticle.source_offset`` maps any body offset back to the original text so that spans
can be shown in the source file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

DATE_HEADER = re.compile(r"^\ufeff?[ \t]*date[ \t]+(\S+)[ \t]*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:[.!?…:;]\s*[\"'”’)\]]*|--|—|[\"”])\s*$")
_BYLINE = re.compile(
    r"^(?:(?:report(?:ed)?|written|words|story|text|photos?|reporting)\s+)?by\s+\S",
    re.IGNORECASE,
)
_AFTER_BY = re.compile(r"\b[Bb]y\s+(.+?)(?=\s+[Bb]y\s+|$)")
_NAME = re.compile(
    r"^(?:[A-Z][\w'’.-]*|al-\w+|van|von|de|da|di|bin|ibn)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|al-\w+|van|von|de|da|di|bin|ibn)){0,4}$"
)
LONG_LINE_WORDS = 25
BYLINE_MAX_WORDS = 20
PUBLISHER_MAX_WORDS = 4


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
    words = len(text.split())
    if _BYLINE.match(text) and words <= BYLINE_MAX_WORDS:
        return "byline"
    if words >= LONG_LINE_WORDS or _SENTENCE_END.search(text):
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


def authors_from_byline(byline: str) -> list[str]:
    """Names after each "by" in a byline; job descriptions between them are dropped."""
    names: list[str] = []
    for match in _AFTER_BY.finditer(byline):
        for part in re.split(r"\s*[,;&]\s*|\s+and\s+", match.group(1)):
            name = part.strip(" .")
            if _NAME.match(name) and name not in names:
                names.append(name)
    return names


def parse_text(text: str, article_id: str) -> ParsedArticle:
    """Parse one article in the seeds' layout (optional `` date YYYY-MM-DD`` header)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header = DATE_HEADER.match(text)
    date_text = header.group(1) if header else None
    lines = _lines(text, header.end() if header else 0)

    prose_idx = [i for i, line in enumerate(lines) if line.kind == "prose"]
    if prose_idx:
        first, last = prose_idx[0], prose_idx[-1]
    else:  # no sentence-like paragraph: keep everything after a headline as body
        first, last = (1 if len(lines) > 1 else 0), len(lines) - 1

    title: str | None = None
    publisher: str | None = None
    authors: list[str] = []
    headings: list[str] = []
    boilerplate: list[str] = []
    body_lines: list[Line] = []

    head = lines[:first]
    if head and head[0].kind == "short":
        title = head[0].text
    counts: dict[str, int] = {}
    for line in head:
        counts[line.text.casefold()] = counts.get(line.text.casefold(), 0) + 1
    if title is not None:
        # The headline is article text (its names and events are the story's own): it opens the
        # body, so extraction sees it and offsets stay in one coordinate system.
        body_lines.append(head[0])
    for i, line in enumerate(lines):
        if line.kind == "byline":
            authors.extend(a for a in authors_from_byline(line.text) if a not in authors)
            continue
        if i < first:
            if i == 0 and title is not None:
                continue
            is_repeat = counts[line.text.casefold()] > 1
            if (
                publisher is None
                and is_repeat
                and line.words <= PUBLISHER_MAX_WORDS
                and (title is None or line.text.casefold() != title.casefold())
            ):
                publisher = line.text
            boilerplate.append(line.text)
        elif i > last:
            boilerplate.append(line.text)
        elif line.kind == "prose" or not prose_idx:
            body_lines.append(line)
        else:
            headings.append(line.text)

    parts: list[str] = []
    segments: list[tuple[int, int]] = []
    pos = 0
    for line in body_lines:
        if parts:
            pos += 2
        segments.append((pos, line.start))
        parts.append(line.text)
        pos += len(line.text)

    return ParsedArticle(
        article_id=article_id,
        body="\n\n".join(parts),
        published_date=parse_date(date_text),
        date_text=date_text,
        title=title,
        publisher=publisher,
        authors=authors,
        headings=headings,
        boilerplate=boilerplate,
        segments=segments,
    )
