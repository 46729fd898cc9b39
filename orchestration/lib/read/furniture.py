"""What a line of an article must look like to be furniture: bylines, datelines, date lines and
page labels. Each rule is about the *shape* of a line, and a line that reads as a sentence is
never furniture (a byline rule that takes "By the end of this year, ..." for a byline loses
article text).

* **Byline**: "By", "Report by", "Words by"... then a name (capitalised words, all caps allowed,
  name particles such as "van", "al-"), optionally more names joined by ",", "and", "&", then
  optionally a comma and an affiliation (capitalised words, or a few role words: "staff
  writer"). No weekday or month after "By" ("By Friday, ..."), no clause, no sentence end.
* **Dateline**: the filing place at the start of a paragraph, written as wire copy writes it:
  ``LONDON 1996-08-30``, ``DETROIT (Reuters) -``, ``WASHINGTON, Oct 3 -``, ``PARIS, France —``,
  ``NEW YORK (AP) —``; a place in title case counts only with a region or an agency before its
  dash (``Taipei, Taiwan —``). Datelines stay in the body: the place is a name mention.
* **Date line**: a paragraph that is only a written date ("Saturday, April 4, 2009"); article
  text too (it dates the story), so it stays in the body.
* **Label**: a short line (at most ``LABEL_MAX_WORDS`` words) before the story starts: section
  names, counters, reading times ("High views", "2min"). Longer lines there (a subtitle, a
  caption) are article text: body paragraphs marked as headings.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

LABEL_MAX_WORDS = 3
BYLINE_MAX_WORDS = 20
DATELINE_MAX_PARAGRAPHS = 4  # a dateline opens one of the body's first paragraphs

_MONTHS = sorted(
    {m for m in (*calendar.month_name, *calendar.month_abbr) if m} | {"Sept"}, key=len, reverse=True
)
_WEEKDAYS = sorted(
    {d for d in (*calendar.day_name, *calendar.day_abbr) if d}, key=len, reverse=True
)
_MONTH = "(?:" + "|".join(_MONTHS) + r")\.?"
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + r")\.?"
_TIME_WORDS = {w.casefold().rstrip(".") for w in (*_MONTHS, *_WEEKDAYS)}

# ------------------------------------------------------------------------------------- bylines

_BY_LEAD = re.compile(
    r"^(?:(?:additional\s+)?(?:report(?:ed|ing)?|written|words|story|text|photos?|compiled|"
    r"edited)\s+)?by\s+",
    re.IGNORECASE,
)
_PARTICLE = r"(?:van|von|der|den|de|da|di|du|del|la|le|bin|ibn|al|el)"
_NAME_WORD = rf"(?:[A-Z][\w'’.-]*|{_PARTICLE}|(?:al|el)-\w+)"
NAME = re.compile(rf"^[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{0,4}}$")
# Lower-case words an affiliation or credit may hold ("staff writer", "Special to The Times").
_ROLE_WORDS = {
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
    "editor", "editors", "contributor", "columnist", "photographer", "special", "senior",
    "chief", "news", "service", "wire", "to", "the", "of", "for", "in", "at", "and", "with",
    # credits between names: "English adaptation by ...", "Editing by ..."
    "adaptation", "translation", "additional", "reporting", "editing", "photos", "graphics",
}
_SEPARATORS = re.compile(r"\s*[,;&|]\s*|\s+and\s+|\s+by\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\w{0,2}\.|\b[A-Z]\.)$")  # "Jr.", "Inc.", "J."


def _is_name(text: str) -> bool:
    words = text.split()
    return bool(NAME.match(text)) and words[0].casefold().rstrip(".") not in _TIME_WORDS


def _is_affiliation(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and all(
        w[0].isupper() or w.casefold() in _ROLE_WORDS for w in words
    ) and not any(ch.isdigit() for ch in text)


def is_byline(text: str) -> bool:
    """True for "By Jane Doe and John Roe", "By JANE DOE, Reuters", "Report by Toni Mrad,
    English adaptation by Yasmine Jaroudi"; False for "By the end of this year, the plants will
    be closed." and "By Friday, talks had collapsed"."""
    lead = _BY_LEAD.match(text)
    if lead is None or len(text.split()) > BYLINE_MAX_WORDS:
        return False
    if _SENTENCE_END.search(text) and not _ABBREVIATION_END.search(text):
        return False
    parts = [p.strip(" .") for p in _SEPARATORS.split(text[lead.end():])]
    parts = [p for p in parts if p]
    if not parts or not _is_name(parts[0]):
        return False
    # after the names: affiliations, or further "by"-credits ("English adaptation by ...")
    rest = [re.sub(r"^.*\bby\s+", "", p, flags=re.IGNORECASE) for p in parts[1:]]
    return all(_is_name(p) or _is_affiliation(p) for p in rest)


# ----------------------------------------------------------------------------------- datelines

_CAPS_WORD = r"[A-Z][A-Z.'’-]+"
_TITLE_WORD = r"[A-Z][a-z][\w.'’-]*"
_REGION = r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
_AGENCY = r"(?:\s*\([A-Z][\w&.'’ -]{0,30}\))"
_DATE = rf"(?:,?\s+(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?))"
_DASH = r"(?:\s*(?:-{1,2}|[–—])(?=\s|$))"
_CAPS_PLACE = rf"(?P<place>{_CAPS_WORD}(?:\s+(?:{_CAPS_WORD}|{_PARTICLE}))*?)"
_DATELINES = (
    # DETROIT (Reuters) -, WASHINGTON, Oct 3 -, PARIS, France —, NEW YORK (AP) —
    re.compile(rf"^{_CAPS_PLACE}{_REGION}?{_AGENCY}?{_DATE}?{_DASH}"),
    # LONDON 1996-08-30 (a line of its own, or before the first sentence)
    re.compile(rf"^{_CAPS_PLACE}{_REGION}?{_AGENCY}?{_DATE}(?=\s|$)"),
    # Taipei, Taiwan —; Paris (AFP) —
    re.compile(rf"^(?P<place>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})"
               rf"(?:{_REGION}{_AGENCY}?|{_AGENCY}){_DATE}?{_DASH}"),
)
_LOWER_PARTICLES = {"de", "da", "di", "du", "del", "la", "le", "of", "on", "upon", "am", "an",
                    "der", "den", "van", "von", "es", "el", "al"}


@dataclass(frozen=True)
class Dateline:
    place: str  # the filing place, in title case ("New York")
    start: int  # offsets of the place as written ("NEW YORK") in the text searched
    end: int
    dateline_end: int  # end of the whole dateline ("NEW YORK (AP) —")


def title_case_place(text: str) -> str:
    """"NEW YORK" -> "New York", "ST. LOUIS" -> "St. Louis", "RIO DE JANEIRO" -> "Rio de
    Janeiro"; a place already in mixed case is kept as written."""
    if not text.isupper():
        return text
    words = text.split()
    out = []
    for i, word in enumerate(words):
        low = word.casefold()
        out.append(low if i and low in _LOWER_PARTICLES else
                   "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def match_dateline(line: str, offset: int = 0) -> Dateline | None:
    """The dateline opening ``line`` (offsets shifted by ``offset``), else None."""
    for pattern in _DATELINES:
        m = pattern.match(line)
        if m and len(m.group("place").replace(" ", "")) >= 3:
            place = m.group("place")
            if place.casefold().rstrip(".") in _TIME_WORDS:
                continue
            return Dateline(title_case_place(place), offset + m.start("place"),
                            offset + m.end("place"), offset + m.end())
    return None


def find_dateline(body: str) -> Dateline | None:
    """The dateline of a body: the first of its first paragraphs that opens with one. The
    parser and extraction both call this on the same body, so they agree on the span."""
    pos = 0
    for i, paragraph in enumerate(body.split("\n\n")):
        if i >= DATELINE_MAX_PARAGRAPHS:
            break
        found = match_dateline(paragraph, pos)
        if found is not None:
            return found
        pos += len(paragraph) + 2
    return None


_DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})\.?$"
)


def is_date_line(text: str) -> bool:
    """A line that is only a written date: "Saturday, April 4, 2009", "March 01, 2008"."""
    return bool(_DATE_LINE.match(text.strip()))


def is_label(text: str) -> bool:
    """Page furniture by shape: a short line (section name, counter, timestamp, reading time)."""
    return len(text.split()) <= LABEL_MAX_WORDS or not re.search(r"[^\W\d_]{3,}", text)
