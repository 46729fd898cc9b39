"""The model's attribute-ruler patterns, tested on token arrays instead of by spaCy's Matcher.

en_core_web_sm's ``attribute_ruler`` (the tag -> POS / morphology map and a few lemma
exceptions: 179 rules of one or two tokens) spends about 13 % of the whole model's time in
``Matcher.__call__``: every token is tried against every rule, and the ``IN`` / ``REGEX``
predicates are Python callbacks. Here the rules are NumPy comparisons on the doc's attribute
columns: about 3.5 ms for a 600-token doc instead of about 20.

Only the matching is replaced: :func:`compile_rules` returns a function with the signature and
output of ``AttributeRuler.match`` (the same ``(rule, key, start, end)`` tuples in the same
order), and the ruler's own ``set_annotations`` applies them, so the annotations are spaCy's.
A ruler whose patterns use anything this module does not know (quantifiers, other attributes or
predicates, longer patterns) keeps spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# The token attributes a supported pattern may test, in the column order of ``Doc.to_array``.
COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
MAX_PATTERN_TOKENS = 2  # a match is coded as (rule, start, width) in one integer below
BLOCK_TOKENS = 4096  # the rules x tokens table is built this many tokens at a time (memory)

Match = tuple[int, int, int, int]
# A predicate other than equality, on an array of one attribute's values (string-store keys).
Check = Callable[[np.ndarray, Doc], np.ndarray]


class Unsupported(ValueError):
    """A pattern this module cannot test on arrays (the stock Matcher then stays)."""


@dataclass
class _Pattern:
    """One pattern of one rule: per token position, the keys it must equal (column -> key) and
    its other predicates (column, check), which are tried only where the equalities hold."""

    rule: int
    equal: list[dict[int, int]] = field(default_factory=list)
    other: list[list[tuple[int, Check]]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.equal)

    @property
    def is_one_token_equality(self) -> bool:
        return self.width == 1 and not self.other[0]


def _predicate(attr: str, value, vocab) -> int | Check:
    """A pattern token's test of one attribute: the key it must equal, or a check."""
    if attr == "IS_SPACE":
        if isinstance(value, bool):
            return int(value)
    elif isinstance(value, str):
        return vocab.strings.add(value)
    elif isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
            keys = np.array([vocab.strings.add(v) for v in arg], dtype=np.uint64)
            # The sets are a handful of words or tags: one comparison table beats np.isin.
            if op == "IN":
                return lambda values, _doc: (values[:, None] == keys).any(axis=1)
            return lambda values, _doc: (values[:, None] != keys).all(axis=1)
        if op == "REGEX" and isinstance(arg, str):
            return _regex_check(re.compile(arg))
    raise Unsupported(f"{attr}: {value!r}")


def _regex_check(regex: re.Pattern) -> Check:
    """The Matcher searches the attribute's string; each string is searched once per process."""
    known: dict[int, bool] = {}

    def check(values: np.ndarray, doc: Doc) -> np.ndarray:
        distinct, where = np.unique(values, return_inverse=True)
        strings = doc.vocab.strings
        found = []
        for key in distinct.tolist():
            if key not in known:
                known[key] = regex.search(strings[key]) is not None
            found.append(known[key])
        return np.array(found, dtype=bool)[where]

    return check


def _compile(rule: int, pattern: list[dict], vocab) -> _Pattern:
    if not 1 <= len(pattern) <= MAX_PATTERN_TOKENS:
        raise Unsupported(f"pattern of {len(pattern)} tokens")
    compiled = _Pattern(rule)
    for spec in pattern:
        equal, other = {}, []
        for attr, value in spec.items():
            if attr not in COLUMNS:
                raise Unsupported(f"attribute {attr}")
            column = list(COLUMNS).index(attr)
            test = _predicate(attr, value, vocab)
            if callable(test):
                other.append((column, test))
            else:
                equal[column] = test
        compiled.equal.append(equal)
        compiled.other.append(other)
    return compiled


def compile_rules(ruler: AttributeRuler) -> Callable[[Doc], list[Match]]:
    """``ruler.match`` on token arrays; raises :class:`Unsupported` for patterns it cannot test.

    One-token patterns made only of equalities (nearly all: the tag map and the word-and-tag
    exceptions) are compared with every token at once, as a patterns x tokens table. Each other
    pattern narrows the start positions by its equalities first and checks its other predicates
    on the few positions left.
    """
    vocab = ruler.vocab
    keys = []
    patterns: list[_Pattern] = []
    for rule, spec in enumerate(ruler.patterns):
        keys.append(vocab.strings.add(str(rule)))  # AttributeRuler.add names rule i "i"
        patterns.extend(_compile(rule, p, vocab) for p in spec["patterns"])
    keys_by_rule = np.array(keys, dtype=np.uint64)
    columns = list(COLUMNS.values())

    table = [p for p in patterns if p.is_one_token_equality]
    rest = [p for p in patterns if not p.is_one_token_equality]
    table_rules = np.array([p.rule for p in table], dtype=np.int64)
    # Per column: the key each table pattern wants there, and whether it tests that column.
    wanted = np.zeros((len(columns), len(table)), dtype=np.uint64)
    tested = np.zeros((len(columns), len(table)), dtype=bool)
    for j, p in enumerate(table):
        for column, key in p.equal[0].items():
            wanted[column, j], tested[column, j] = key, True
    used = [c for c in range(len(columns)) if tested[c].any()]
    untested = {c: ~tested[c][:, None] for c in used}
    span = MAX_PATTERN_TOKENS + 1

    def match(doc: Doc) -> list[Match]:
        n = len(doc)
        if n == 0:
            return []
        array = doc.to_array(columns)
        # A match is coded (rule * n + start) * span + width: sorting the codes sorts the
        # matches as AttributeRuler.match does (rule, then start, then end) and drops repeats.
        codes = []
        for block in range(0, n, BLOCK_TOKENS):
            values = array[block : block + BLOCK_TOKENS]
            hits = np.ones((len(table), len(values)), dtype=bool)
            for c in used:
                hits &= (wanted[c][:, None] == values[:, c][None, :]) | untested[c]
            pattern_index, starts = np.nonzero(hits)
            codes.append((table_rules[pattern_index] * n + block + starts) * span + 1)
        for p in rest:
            starts = np.arange(n - p.width + 1)
            for offset, equal in enumerate(p.equal):
                for column, key in equal.items():
                    starts = starts[array[starts + offset, column] == key]
            for offset, other in enumerate(p.other):
                for column, check in other:
                    if starts.size:
                        starts = starts[check(array[starts + offset, column], doc)]
            if starts.size:
                codes.append((p.rule * n + starts) * span + p.width)
        coded = np.unique(np.concatenate(codes))
        rules, rest_of_code = np.divmod(coded, n * span)
        starts, widths = np.divmod(rest_of_code, span)
        return list(
            zip(
                rules.tolist(),
                keys_by_rule[rules].tolist(),
                starts.tolist(),
                (starts + widths).tolist(),
                strict=True,
            )
        )

    return match


def speed_up(ruler: AttributeRuler) -> bool:
    """Make ``ruler`` match on arrays when all its patterns allow it; whether it now does.

    The patterns are compiled now: call it again after adding patterns to the ruler."""
    try:
        ruler.match = compile_rules(ruler)
    except Unsupported:
        return False
    return True
