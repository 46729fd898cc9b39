"""Which event mentions are one event: the rules of ``cluster_events``
(orchestration.lib.rules.event_clusters, which reads the mentions and writes the rows).

0. Only mentions of the same ``modality`` (orchestration.lib.nlp.event_modality: asserted,
   negated, hypothetical, future, background) are ever one event, in an article or across
   articles: "How did you two meet?" is not the meeting of "We met in high school", and "did not
   sign" is not the signing another article reports.
1. Within an article (mentions in text order): an anaphoric or participant-less mention joins
   the latest earlier event of the same type, else of the same family; a mention with
   participants joins an earlier same-family event sharing a participant (same resolved entity,
   or one name contained in the other, e.g. "UN" / "UN Security Council"). Dates must be
   compatible (equal, or one side null). ``other`` is a family of unlike happenings (a launch,
   a death, a delay): there a mention joins only an event with a trigger of the same word
   (``trigger_stem``: "launched" / "the launch"), so "unveiled" and "cancelled" stay apart.
2. Across articles, on those per-article events (type families: meeting+visit, and one family
   per other type of the taxonomy), candidates are blocked by (family, date) and by shared
   participant, so the work stays near-linear. Two events merge when they are of the same family
   and
   * both have the same date, share a resolved participant and their locations are compatible
     (equal, overlapping, or one unknown), or
   * both have the same date and the same location and one side has no participants, or
   * both are undated, share a participant and have compatible locations, are not statements,
     and their articles were published within ``UNDATED_WINDOW_DAYS`` (7) days of each other
     when both dates are known, or
   * one is undated and everything else matches strongly: two or more shared participants and a
     shared location.
   Each merge reason names the modality when it is not ``asserted``.
   Grouping is transitive (union-find, orchestration.lib.rules.union_find); each link keeps the
   rule that made it (the merge reason).

No spaCy here: it runs in a dbt Python model. ``FAMILY`` is shared with the extraction
(orchestration.lib.nlp.events).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from orchestration.lib.names import word_key
from orchestration.lib.nlp.event_types import FAMILY as TAXONOMY_FAMILY
from orchestration.lib.rules.union_find import UnionFind

# Event types that can be one event (a visit is reported as a meeting, and the other way round):
# the family of each type of the taxonomy (orchestration.lib.nlp.event_types, no spaCy there).
FAMILY = TAXONOMY_FAMILY

# Above this many per-article events sharing one participant in one family, the participant is
# too common to propose undated-vs-dated candidates (keeps the strong rule near-linear).
MAX_PARTICIPANT_BLOCK = 200
# Undated events only merge when their articles appeared within this many days of each other
# (when both publication dates are known); undated statements never merge across articles.
UNDATED_WINDOW_DAYS = 7
UNDATED_NEVER_MERGE = {"statement", "forecast", "other"}
# Families whose types are unlike happenings: mentions join only on a trigger of the same word.
SAME_WORD_FAMILIES = {"other"}
ASSERTED = "asserted"
# Characters of a trigger's word key kept by ``trigger_stem`` ("launch" of "launched").
STEM_CHARS = 5

Edges = dict[int, list[tuple[int, str]]]  # unit -> (linked unit, the rule that linked them)


@dataclass
class Mentions:
    """The event mentions in article and offset order, one list per column, with the entity of
    each participant (entity_id -> name) and of each location ((entity_id, name) or None)."""

    ids: list[str]
    article: list[str]
    type: list[str]
    trigger: list[str]
    start: list[int]
    date: list
    lead: list[bool]
    anaphoric: list[bool]
    texts: list[list[str]]
    location_text: list[str | None]
    participants: list[dict[str, str]]
    location: list[tuple[str, str] | None]
    modality: list[str] = field(default_factory=list)  # empty: every mention asserted

    def modality_of(self, i: int) -> str:
        return (self.modality[i] if self.modality else None) or ASSERTED


@dataclass
class Unit:
    """One event of one article (after within-article clustering)."""

    article_id: str
    family: str
    types: list[str]
    members: list[int]  # indexes into the mention list
    date: object = None
    participants: dict[str, str] = field(default_factory=dict)  # entity_id -> name
    participant_texts: set[str] = field(default_factory=set)
    locations: dict[str, str] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)
    modality: str = ASSERTED
    stems: set[str] = field(default_factory=set)  # trigger_stem of each member


# ----------------------------------------------------------------------------- 1. within an article


@lru_cache(maxsize=1 << 16)
def _tokens_of(name: str) -> frozenset[str]:
    return frozenset(w for w in word_key(name).split() if w not in ("the", "of"))


def _texts_overlap(a: set[str], b: set[str]) -> bool:
    ta = [_tokens_of(x) for x in a]
    tb = [_tokens_of(x) for x in b]
    return any(x and y and (x <= y or y <= x) for x in ta for y in tb)


def _names(names: dict[str, str], ids) -> str:
    """The names of ``ids`` (entity ids, keys of ``names``), in id order: "A and B"."""
    return " and ".join(names[i] for i in sorted(ids))


def _join_reason(parts: list[str]) -> str:
    return ", ".join(p for p in parts if p)


def trigger_stem(trigger: str) -> str:
    """The first letters of a trigger's last word: the same word however inflected or nominalised
    ("launched", "launch", "launches"; "introduced", "introduction")."""
    words = word_key(trigger or "").split()
    return words[-1][:STEM_CHARS] if words else ""


def _may_join(m: Mentions, i: int, unit: Unit, family: str) -> bool:
    """Whether mention ``i`` may be part of the per-article event ``unit`` at all: same family,
    same modality, compatible dates, and (``SAME_WORD_FAMILIES``) a trigger of the same word."""
    if unit.family != family or unit.modality != m.modality_of(i):
        return False
    if m.date[i] is not None and unit.date is not None and m.date[i] != unit.date:
        return False
    return family not in SAME_WORD_FAMILIES or trigger_stem(m.trigger[i]) in unit.stems


def within_article_units(m: Mentions) -> tuple[list[Unit], list[int]]:
    """The events of each article, and the unit of each mention."""
    units: list[Unit] = []
    unit_of: list[int] = [0] * len(m.ids)
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, article_id in enumerate(m.article):
        by_article[article_id].append(i)
    for article_id, idxs in by_article.items():
        article_units: list[int] = []
        for i in idxs:
            family = FAMILY.get(m.type[i], m.type[i])
            if m.anaphoric[i] or (not m.participants[i] and not m.lead[i]):
                joined, reason = _antecedent_unit(m, i, family, units, article_units)
            else:
                joined, reason = _unit_sharing_a_participant(m, i, family, units, article_units)
            if joined is None:
                units.append(Unit(article_id=article_id, family=family, types=[], members=[],
                                  modality=m.modality_of(i)))
                joined = len(units) - 1
                article_units.append(joined)
            _add_to_unit(units[joined], m, i, reason)
            unit_of[i] = joined
    return units, unit_of


def _antecedent_unit(
    m: Mentions, i: int, family: str, units: list[Unit], article_units: list[int]
) -> tuple[int | None, str | None]:
    """The latest earlier event of the same type (else family) that mention ``i`` refers to."""
    event_type = m.type[i]
    for same_type in (True, False):
        for u in reversed(article_units):
            unit = units[u]
            if not _may_join(m, i, unit, family):
                continue
            if same_type and event_type not in unit.types:
                continue
            antecedent = m.trigger[unit.members[0]]
            head = m.trigger[i]
            reason = (
                f"same article: anaphoric '{head}' refers back to '{antecedent}'"
                if m.anaphoric[i]
                else f"same article: '{head}' has no participants of its own and "
                f"continues the earlier {family} '{antecedent}'"
            )
            return u, reason
    return None, None


def _unit_sharing_a_participant(
    m: Mentions, i: int, family: str, units: list[Unit], article_units: list[int]
) -> tuple[int | None, str | None]:
    """The earlier same-family event that shares most participants with mention ``i``."""
    best = None
    for u in reversed(article_units):
        unit = units[u]
        if not _may_join(m, i, unit, family):
            continue
        shared = set(m.participants[i]) & set(unit.participants)
        if shared:
            score = len(shared)
            names = [unit.participants[e] for e in sorted(shared)]
        elif _texts_overlap(set(m.texts[i]), unit.participant_texts):
            score = 0.5
            names = sorted(set(m.texts[i]))[:1]
        else:
            continue
        if best is None or score > best[0]:
            best = (score, u, names)
    if best is None:
        return None, None
    reason = _join_reason(
        [
            f"same article: same type family ({family})",
            f"shared participant {' and '.join(best[2])}",
        ]
    )
    return best[1], reason


def _add_to_unit(unit: Unit, m: Mentions, i: int, reason: str | None) -> None:
    unit.members.append(i)
    if m.type[i] not in unit.types:
        unit.types.append(m.type[i])
    unit.stems.add(trigger_stem(m.trigger[i]))
    if unit.date is None and m.date[i] is not None:
        unit.date = m.date[i]
    unit.participants.update({k: v for k, v in m.participants[i].items()})
    unit.participant_texts.update(m.texts[i])
    if m.location[i] is not None:
        unit.locations.setdefault(*m.location[i])
    if reason:
        unit.reasons[i] = reason


# ----------------------------------------------------------------------------- 2. across articles


def _candidate_pairs(units: list[Unit]) -> Iterator[tuple[int, int]]:
    """Pairs of units worth comparing: same (family, date) block and a shared participant (or,
    dated and one side without participants, a shared location); then undated units with two
    or more participants and a location against the dated units sharing two participants."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for u, unit in enumerate(units):
        blocks[(unit.family, unit.date, unit.modality)].append(u)
    for (family, date, _modality), members in blocks.items():
        if date is None and family in UNDATED_NEVER_MERGE:
            continue  # _merge_rule never links two undated statements: skip their (many) pairs
        by_participant: dict[str, list[int]] = defaultdict(list)
        by_location: dict[str, list[int]] = defaultdict(list)
        for u in members:
            for p in units[u].participants:
                by_participant[p].append(u)
            if date is not None and not units[u].participants:
                for loc in units[u].locations:
                    by_location[loc].append(u)
        pairs: set[tuple[int, int]] = set()
        for group in by_participant.values():
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    pairs.add((group[x], group[y]))
        if date is not None:
            for loc, group in by_location.items():
                for u in members:
                    if loc in units[u].locations:
                        for v in group:
                            if u != v:
                                pairs.add((min(u, v), max(u, v)))
        yield from sorted(pairs)
    # undated vs dated (strong matches only)
    fam_part: dict[tuple[str, str], list[int]] = defaultdict(list)
    for u, unit in enumerate(units):
        for p in unit.participants:
            fam_part[(unit.family, p)].append(u)
    for u, unit in enumerate(units):
        if unit.date is not None or len(unit.participants) < 2 or not unit.locations:
            continue
        counts: dict[int, int] = defaultdict(int)
        for p in unit.participants:
            group = fam_part[(unit.family, p)]
            if len(group) > MAX_PARTICIPANT_BLOCK:
                continue
            for v in group:
                if units[v].date is not None:
                    counts[v] += 1
        for v, n in sorted(counts.items()):
            if n >= 2:
                yield u, v


def _merge_rule(ua: Unit, ub: Unit, article_dates: dict[str, object]) -> str | None:
    """Why the events ``ua`` and ``ub`` of two articles are one event, or None when they are not."""
    if ua.article_id == ub.article_id or ua.family != ub.family or ua.modality != ub.modality:
        return None
    # This runs for every candidate pair: the reason is worded only once a rule links them.
    shared = ua.participants.keys() & ub.participants.keys()
    if not ua.locations or not ub.locations:
        ok_loc, shared_locs = True, set()
    else:
        shared_locs = ua.locations.keys() & ub.locations.keys()
        ok_loc = bool(shared_locs)
    if ua.date is not None and ua.date == ub.date:
        if shared and ok_loc:
            how = [f"date {ua.date.isoformat()}",
                   f"shared participant {_names(ua.participants, shared)}"]
        elif (not ua.participants or not ub.participants) and shared_locs:
            how = [f"date {ua.date.isoformat()}", "no conflicting participants"]
        else:
            return None
    elif ua.date is None and ub.date is None:
        if not (shared and ok_loc) or ua.family in UNDATED_NEVER_MERGE:
            return None
        da, db = article_dates.get(ua.article_id), article_dates.get(ub.article_id)
        if da is not None and db is not None and abs((da - db).days) > UNDATED_WINDOW_DAYS:
            return None
        how = ["both undated", f"shared participant {_names(ua.participants, shared)}"]
    else:
        if not (len(shared) >= 2 and shared_locs):
            return None
        dated = ua.date or ub.date
        how = [f"one side undated, other dated {dated.isoformat()}",
               f"shared participants {_names(ua.participants, shared)}"]
    parts = [f"same type family ({ua.family})", *how]
    if ua.modality != ASSERTED:
        parts.append(f"both {ua.modality}")
    if shared_locs:
        parts.append(f"same location {_names(ua.locations, shared_locs)}")
    return "across articles: " + _join_reason(parts)


def merge_across_articles(
    units: list[Unit], article_dates: dict[str, object]
) -> tuple[UnionFind, Edges]:
    """Union the candidate pairs a rule links; the edges keep each link's reason."""
    uf = UnionFind(range(len(units)))
    edges: Edges = defaultdict(list)
    for a, b in _candidate_pairs(units):
        if uf.find(a) == uf.find(b):
            continue
        rule = _merge_rule(units[a], units[b], article_dates)
        if rule is not None:
            uf.union(a, b)
            edges[a].append((b, rule))
            edges[b].append((a, rule))
    return uf, edges
