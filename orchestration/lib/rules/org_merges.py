"""Rule 5 of entity resolution (``resolution.py``): ORG and LOCATION names that name one actor
under another form. In order:

* **Legal forms** (``legal_suffix``): names equal once their company legal form is dropped
  (cleanco's list: "Citigroup Inc." = "Citigroup", "Ford Motor Co." = "Ford Motor Company")
  are one entity everywhere, when the plain form is ever typed ORG.
* **Generic heads** (``generic_head``): an organisation's name ending in lower-case common
  nouns ("United Auto Workers union") is the name without them when an article names that too;
  the name without them is the canonical one.
* **Acronyms** (``acronym``): an all-capital name ("GM", "UAW") joins the name of its article
  whose initials it spells, with or without legal form and generic head ("General Motors
  Corporation" spells GM too).
* **Short forms** (``short_form``): a one-word ORG name joins the name of its article that it
  clips ("Fed": "Federal Reserve") or that is a company's legal name starting with it ("Ford":
  "Ford Motor Co."). Never a place ("Israel" is not "Israel Defense Forces").
* **Place qualifiers** (``place_qualifier``): a name joins the name of its article that is a
  place (a name of the batch mostly typed LOCATION, or a dotted abbreviation: "U.S.") and that
  name, or that name "of" or "in" a place ("Senate": "U.S. Senate", "Home Office": "United
  Kingdom Home Office", "Comic Corps": "Comic Corps of Canada").

The last three decide per article, when exactly one entity of the article fits. A mention in an
article where none fits joins what the same name joined in the other articles, when that was
always one entity (``*_global``); an acronym that no article spells out joins the only name of
the batch with its initials (``acronym_global``). Names starting with an acronym ("UN Security
Council") join the expanded name when it exists ("United Nations Security Council").
"""

from __future__ import annotations

from collections import defaultdict

from orchestration.lib.names import compact_key
from orchestration.lib.rules.entity_merges import NodeGraph
from orchestration.lib.rules.name_matching import (
    GEO_ORG,
    SCORES,
    acronym,
    head_stripped,
    initials_keys,
    legal_base,
    words,
)

# per-article rules, in the order they are tried for a name
_ARTICLE_RULES = ("acronym", "short_form", "place_qualifier")


def merge_org_names(g: NodeGraph) -> None:
    geo = [nd for nd in g.name if nd[0] == GEO_ORG]
    _legal_suffixes(g, geo)
    _generic_heads(g, geo)
    art_geo = g.by_article(GEO_ORG)
    proposals: dict[str, dict[tuple, set]] = {r: defaultdict(set) for r in _ARTICLE_RULES}
    initials_of = _acronyms(g, geo, art_geo, proposals["acronym"])
    _short_forms(g, geo, art_geo, proposals["short_form"])
    _place_qualifiers(g, geo, art_geo, proposals["place_qualifier"])
    _settle(g, proposals, initials_of)
    _acronym_prefixed(g, geo)


def _ratio(g: NodeGraph, nd, kind: str) -> int:
    t = g.types.get(nd, {})
    return t.get(kind, 0) - t.get("LOCATION" if kind == "ORG" else "ORG", 0)


def _is_place(g: NodeGraph, nd) -> bool:
    return _ratio(g, nd, "LOCATION") > 0


def _legal_suffixes(g: NodeGraph, geo: list) -> None:
    by_base: dict[str, list] = defaultdict(list)
    for nd in geo:
        bases = {compact_key(legal_base(s)) for s in g.surfaces[nd]} - {""}
        for b in bases:
            by_base[b].append(nd)
    for nds in by_base.values():
        if len(nds) < 2 or not any(g.types.get(nd, {}).get("ORG") for nd in nds):
            continue
        for nd in nds[1:]:
            if g.uf.union(nds[0], nd):
                for x in (nds[0], nd):
                    g.rule.setdefault(x, ("legal_suffix", SCORES["legal_suffix"]))


def _generic_heads(g: NodeGraph, geo: list) -> None:
    keys = {nd[1]: nd for nd in geo}
    for nd in geo:
        rest = head_stripped(g.name[nd])
        target = keys.get(compact_key(rest)) if rest else None
        if target is None or min(_ratio(g, nd, "ORG"), _ratio(g, target, "ORG")) < 0:
            continue  # an organisation's head: "Beauveria bassiana" (a place?) is no union
        if g.node_arts[nd] & g.node_arts[target]:
            if g.uf.union(target, nd):
                g.rule.setdefault(nd, ("generic_head", SCORES["generic_head"]))


def _acronyms(g: NodeGraph, geo: list, art_geo: dict, out: dict) -> dict[str, set]:
    by_initials: dict[str, set] = defaultdict(set)
    for nd in geo:
        for surface in g.surfaces[nd]:
            for ini in initials_keys(surface):
                by_initials[ini].add(nd)
    for nd in geo:
        acr = acronym(g.name[nd])
        if not acr or acr not in by_initials:
            continue
        exp = by_initials[acr]
        for art in g.node_arts[nd]:
            nds = art_geo[art]
            out[(art, nd)] |= {e for e in exp if e in nds}
    return by_initials


def _short_forms(g: NodeGraph, geo: list, art_geo: dict, out: dict) -> None:
    # multi-word ORG names by the first three letters of their first word
    by_start: dict[str, list] = defaultdict(list)
    for nd in geo:
        ws = words(g.name[nd])
        if len(ws) >= 2 and _ratio(g, nd, "ORG") >= 0:
            by_start[compact_key(ws[0])[:3]].append(nd)
    legal = {g.uf.find(nd) for nd in geo
             if any(legal_base(s) != s for s in g.surfaces[nd])}
    for nd in geo:
        name = g.name[nd]
        if " " in name or acronym(name) or len(nd[1]) < 3 or _ratio(g, nd, "ORG") < 0:
            continue
        for cand in by_start.get(nd[1][:3], ()):
            first = compact_key(words(g.name[cand])[0])
            clipped = len(nd[1]) <= 5 and len(first) > len(nd[1]) + 1 and first.startswith(nd[1])
            if not clipped and not (first == nd[1] and g.uf.find(cand) in legal):
                continue
            for art in g.node_arts[nd] & g.node_arts[cand]:
                out[(art, nd)].add(cand)


def _place_qualifiers(g: NodeGraph, geo: list, art_geo: dict, out: dict) -> None:
    keys = {nd[1]: nd for nd in geo}
    for nd in geo:
        ws = words(g.name[nd])
        # (qualifier, rest): "U.S." + "Senate", "United Kingdom" + "Home Office",
        # "Comic Corps" + "of Canada"
        splits = [(ws[:n], ws[n:]) for n in (1, 2) if len(ws) > n]
        splits += [(ws[n + 1:], ws[:n]) for n in range(1, len(ws) - 1) if ws[n] in ("of", "in")]
        for qual, rest in splits:
            short = keys.get(compact_key(" ".join(rest)))
            if short is None or short == nd or _is_place(g, short):
                continue
            if not _place_like(g, " ".join(qual), keys):
                continue
            for art in g.node_arts[nd] & g.node_arts[short]:
                out[(art, short)].add(nd)


def _place_like(g: NodeGraph, q: str, keys: dict) -> bool:
    nd = keys.get(compact_key(q))
    if nd is not None and _is_place(g, nd):
        return True
    # "U.S.", "U.K."; not a demonym: "English Wikipedia" is not Wikipedia
    return "." in q.rstrip(".") and q.replace(".", "").isupper()


def _settle(g: NodeGraph, proposals: dict, by_initials: dict) -> None:
    """Per-article links where one entity fits, then the same names in the other articles."""
    uf = g.uf
    joined: dict[tuple, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    undecided: dict[tuple, set] = defaultdict(set)  # node -> articles where nothing fitted
    for nd in [nd for nd in g.name if nd[0] == GEO_ORG]:
        for art in g.node_arts[nd]:
            fitted = False
            for rule in _ARTICLE_RULES:
                roots = {uf.find(c) for c in proposals[rule].get((art, nd), ())} - {uf.find(nd)}
                if not roots:
                    continue
                fitted = True  # two entities of the article fit: leave it alone
                if len(roots) == 1:
                    root = roots.pop()
                    g.assign[(art, nd)] = (root, rule, SCORES[rule])
                    joined[nd][rule].add(root)
                break
            if not fitted:
                undecided[nd].add(art)
    for nd, arts in undecided.items():
        rules = joined.get(nd, {})
        roots = {r for rs in rules.values() for r in rs}
        if len(roots) == 1:
            root = roots.pop()
            rule = next(r for r in _ARTICLE_RULES if r in rules) + "_global"
        else:
            acr = acronym(g.name[nd])
            exp = {uf.find(e) for e in by_initials.get(acr, ())} - {uf.find(nd)} if acr else ()
            if roots or len(exp) != 1:
                continue
            root, rule = next(iter(exp)), "acronym_global"
        for art in arts:
            g.assign[(art, nd)] = (root, rule, SCORES[rule])


def _acronym_prefixed(g: NodeGraph, geo: list) -> None:
    """"UN Security Council" -> "United Nations Security Council" when that name exists."""
    uf = g.uf
    comp_to_node = {nd[1]: nd for nd in geo}
    expansion: dict[str, str] = {}
    for (_art, nd), (root, rule, _s) in g.assign.items():
        if rule.startswith("acronym") and nd[0] == GEO_ORG:
            expansion.setdefault(acronym(g.name[nd]), g.name[root])
    for nd in geo:
        ws = words(g.name[nd])
        if len(ws) >= 2:
            acr = acronym(ws[0])
            if acr and acr in expansion:
                target = comp_to_node.get(compact_key(" ".join([expansion[acr]] + ws[1:])))
                if target is not None and uf.find(target) != uf.find(nd):
                    uf.union(target, nd)
                    g.rule[nd] = ("acronym", SCORES["acronym"])
