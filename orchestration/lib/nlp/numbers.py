"""Numbers as written in news text: "2.3 million" -> 2300000, "$1.5bn" -> 1500000000,
"twenty-five" -> 25, "15-20" -> 17.5 (a range).

Pure string functions (no spaCy): :func:`parse_number` and :func:`parse_quantity` read the words
of a quantity span; the vocabularies (number words, scale words, currency symbols) are shared with
the span finder in orchestration/lib/nlp/quantities.py. Units, currency words and periods are in
orchestration/lib/nlp/units.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a": 1, "an": 1, "half": 0.5,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}
VAGUE_WORDS = {
    "few", "several", "many", "dozens", "scores", "hundreds", "thousands", "millions", "billions",
    "tens", "numerous", "countless",
}
CURRENCY_SYMBOLS = [
    ("us$", "USD"), ("a$", "AUD"), ("c$", "CAD"), ("hk$", "HKD"), ("nz$", "NZD"), ("$", "USD"),
    ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₪", "ILS"), ("₽", "RUB"),
    ("₩", "KRW"), ("₺", "TRY"),
]
CURRENCY_SYMBOL_SET = frozenset(sym for sym, _ in CURRENCY_SYMBOLS)
RANGE_WORDS = {"to", "-", "–", "—", "or"}


def parse_quantity(
    words: Iterable[str],
) -> tuple[float | None, tuple[float, float] | None]:
    """Like :func:`parse_number`, but a range ("15-20", "1,500 to 2,000", "between 3 and 4
    million") gives its midpoint and its ends ``(low, high)`` (as written, the scale word of the
    right end applied to both); a single number or a list ("0.99 and 9.99", its first number)
    gives ``None`` as ends."""
    symbols = CURRENCY_SYMBOL_SET | {"us$", "us"}
    items = [w for w in words if w.lower() not in symbols]
    low = [w.lower() for w in items]
    for k in range(1, len(items) - 1):
        sep = low[k]
        is_range = sep in RANGE_WORDS or (sep == "and" and "between" in low[:k])
        if (
            sep in RANGE_WORDS | {"and"}
            and _has_digit_or_word(low[k - 1])
            and _has_digit_or_word(low[k + 1])
        ):
            if sep == "and" and k + 1 < len(low) and low[k + 1] in ("a", "an"):
                continue  # "two and a half"
            left = [w for w in items[:k] if w.lower() != "between"]
            right = items[k + 1 :]
            a, b = parse_number(left), parse_number(right)
            if a is None or b is None:
                break
            if not is_range:
                return a, None
            scale_right = _trailing_scale(right)
            if scale_right and not _trailing_scale(left) and a < b / scale_right * 1.0001 + 1:
                a *= scale_right
            return (a + b) / 2.0, (a, b)
    return parse_number(items), None


def _has_digit_or_word(w: str) -> bool:
    return any(c.isdigit() for c in w) or w in SMALL_NUMBERS or w.split("-")[0] in SMALL_NUMBERS


def _trailing_scale(words: list[str]) -> float | None:
    for w in reversed(words):
        lw = w.lower()
        if lw in SCALES:
            return SCALES[lw]
        m = re.fullmatch(r"[\d.,]+([a-z]+)", lw)
        if m and m.group(1) in SCALES:
            return SCALES[m.group(1)]
        if any(c.isdigit() for c in lw):
            return None
    return None


def parse_number(words: Iterable[str]) -> float | None:
    """'2.3 million' -> 2300000.0, 'a million' -> 1e6, '32,000' -> 32000, 'twenty-five' -> 25."""
    total = 0.0
    current: float | None = None
    seen = False
    pending_half = False
    for raw in words:
        w = raw.lower().strip()
        if not w:
            continue
        for sym, _ in CURRENCY_SYMBOLS:
            if w.startswith(sym) and len(w) > len(sym):
                w = w[len(sym) :]
                break
        if w in CURRENCY_SYMBOL_SET or w in ("and", "-", "us"):
            continue
        m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?|\.\d+)([a-z]+)?", w)
        if m:
            num = float(m.group(1).replace(",", ""))
            current = (current or 0.0) + num
            seen = True
            if m.group(2) and m.group(2) in SCALES:
                total += current * SCALES[m.group(2)]
                current = None
            continue
        if "-" in w and all(p in SMALL_NUMBERS for p in w.split("-") if p):
            current = (current or 0.0) + sum(SMALL_NUMBERS[p] for p in w.split("-") if p)
            seen = True
            continue
        if w == "half":
            if current is not None:  # "two and a half"
                current += 0.5
                continue
            pending_half = True
            seen = True
            continue
        if w in SMALL_NUMBERS:
            if w in ("a", "an") and (pending_half or current is not None):
                continue
            current = (current or 0.0) + SMALL_NUMBERS[w]
            seen = True
            continue
        if w in VAGUE_WORDS:
            return None  # "a few hundred", "thousands of": not a checkable number
        if w in SCALES:
            base = current if current is not None else (0.5 if pending_half else 1.0)
            if pending_half and current is not None:
                base *= 0.5
            if SCALES[w] == 100:
                current = base * 100
            else:
                total += base * SCALES[w]
                current = None
            pending_half = False
            seen = True
            continue
        return None if not seen else (total + (current or 0.0))
    if not seen:
        return None
    if pending_half and current is None and total == 0:
        return 0.5
    return total + (current or 0.0)
