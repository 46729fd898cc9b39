"""Word lists of generic English (no names from any data set) that the entity rules read, and
the few look-ups made of them: titles and honorifics, organisation, facility, event and index
head nouns, legal suffixes, name particles, caption labels, demonym suffixes; and the demonyms of
countries read from maintained reference data (the ``countryinfo`` package: "Afghan" ->
Afghanistan, "Polish" -> Poland), with their world regions ("European" -> Europe).

spaCy-free: ``orchestration.lib.rules.resolution`` imports these without loading a model. The
rules that use them on a parse are in ``entities.py`` (mentions) and ``roles.py`` (titles of
organisations).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: this module never imports spaCy
    from spacy.tokens import Doc, Token

# Courtesy and religious honorifics: stripped from a name, not a role by themselves.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "madam", "madame",
    "ayatollah", "grand", "sheikh", "shaikh", "sheik", "imam", "mullah", "rabbi", "reverend",
    "rev", "father", "fr", "pastor", "saint", "st", "hon", "honourable", "honorable", "mister",
}
# Heads of a role phrase ("Foreign Minister", "leader", "head").
TITLE_HEADS = {
    "president", "minister", "premier", "chancellor", "secretary", "undersecretary",
    "ambassador", "envoy", "consul", "spokesman", "spokeswoman", "spokesperson",
    "leader", "head", "chief", "chairman", "chairwoman", "chairperson", "chair", "director",
    "ceo", "cfo", "coo", "cto", "founder", "co-founder", "cofounder", "commander",
    "general", "admiral", "colonel", "major", "captain", "lieutenant", "sergeant", "marshal",
    "governor", "mayor", "senator", "congressman", "congresswoman", "representative", "rep",
    "sen", "gov", "judge", "justice", "attorney", "prosecutor", "king", "queen", "prince",
    "princess", "emperor", "empress", "emir", "sultan", "pope", "cardinal", "bishop",
    "archbishop", "patriarch", "cleric", "professor", "prof", "coach", "manager", "editor",
    "correspondent", "reporter", "analyst", "officer", "official", "speaker", "commissioner",
    "councillor", "councilor", "inspector", "detective", "superintendent", "chief-of-staff",
    "deputy", "member", "mp", "mep", "diplomat", "negotiator", "adviser", "advisor",
    "counsel", "treasurer", "vice-president", "vice-chairman", "principal", "dean", "rector",
    "provost", "lawmaker", "legislator", "politician", "activist", "owner",
    "executive", "militant", "regent", "monarch", "caliph", "agent",
}
# Words that build a title together with a head ("Foreign", "Prime", "Supreme").
TITLE_MODIFIERS = {
    "foreign", "prime", "vice", "deputy", "acting", "interim", "former", "supreme", "chief",
    "senior", "junior", "assistant", "associate", "executive", "general", "home", "interior",
    "defence", "defense", "finance", "economy", "justice", "health", "education", "energy",
    "trade", "state", "shadow", "emeritus", "top", "political", "military", "spiritual",
    "religious", "managing", "first", "second", "lead", "principal", "permanent", "special",
    "high", "grand", "attorney", "secretary-general", "secretary", "de", "facto", "press",
    "communications", "information", "culture", "labour", "labor", "agriculture", "transport",
    "environment", "treasury", "security", "intelligence", "army", "navy", "police", "party",
    "opposition", "majority", "minority", "parliamentary", "presidential", "regional",
    "national", "federal", "provincial", "local", "ex", "outgoing", "incoming", "newly",
    "elected", "lord", "rear", "lieutenant", "staff", "sergeant", "master", "field", "air",
    "vice-", "co", "district", "the", "then",
}
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS | HONORIFICS
# Title words that are never a name by themselves.
TITLE_CORE = HONORIFICS | TITLE_HEADS | {
    "vice", "deputy", "acting", "interim", "former", "supreme", "chief", "senior", "junior",
    "assistant", "associate", "shadow", "emeritus", "prime", "foreign",
}

# Heads that make a name an organisation ("Civic Party", "Municipality of Livorno").
ORG_HEADS = {
    "university", "college", "school", "institute", "institution", "academy", "council",
    "committee", "commission", "ministry", "department", "agency", "bureau", "authority",
    "board", "party", "association", "federation", "league", "society", "foundation",
    "corporation", "corp", "company", "co", "inc", "ltd", "llc", "plc", "gmbh", "ag", "sa",
    "church", "court", "parliament", "congress", "senate", "assembly", "government",
    "police", "army", "navy", "corps", "municipality", "administration", "service", "services",
    "network", "organisation", "organization", "movement", "coalition", "fund",
    "trust", "brigade", "brigades", "militia", "cabinet", "secretariat", "directorate",
    "office", "group", "club", "team", "press", "news", "times", "tribune", "herald",
    "gazette", "journal", "magazine", "tv", "radio", "broadcasting", "channel", "airlines",
    "airways", "railways", "industries", "holdings", "laboratories", "labs", "inc.", "co.",
    "ltd.", "corp.", "mission", "embassy", "consulate", "legion", "guard",
}
# Heads that make a name a place/facility ("Metro Toronto Convention Centre").
FACILITY_HEADS = {
    "street", "road", "avenue", "boulevard", "square", "bridge", "tower", "towers", "building",
    "hall", "stadium", "arena", "airport", "station", "centre", "center", "park", "palace",
    "castle", "cathedral", "mosque", "temple", "river", "lake", "mountain", "mountains",
    "island", "islands", "bay", "sea", "ocean", "valley", "desert", "strait", "canal",
    "province", "county", "district", "region", "peninsula", "coast", "harbour", "harbor",
    "port", "crossing", "highway", "motorway", "plaza", "mall", "camp", "base", "prison",
    "village", "town", "city", "gulf", "falls", "hills", "heights", "beach",
}
# Legal and corporate heads: a name ending in one is a company even when the model read a person
# ("Saturn Corporation"); stripped, they leave the company's short name ("Washington Mutual").
LEGAL_SUFFIXES = {"corporation", "corp", "company", "co", "inc", "incorporated", "ltd",
                  "limited", "llc", "plc", "gmbh", "ag", "sa", "nv", "bv", "spa", "ab", "asa",
                  "holdings", "group", "bancorp", "lp", "llp"}
# Heads of a named operation, campaign or uprising: an event, not an organisation
# ("Al-Aqsa Flood Operation", "Operation Protective Edge").
EVENT_HEADS = {"operation", "offensive", "intifada", "uprising", "revolution",
               "war", "invasion", "siege", "massacre", "ceasefire"}
# Heads of a named measure: a market index or an official statistic ("Dow Jones Industrial
# Average", "Nasdaq Composite", "Consumer Price Index").
INDEX_HEADS = {"index", "indices", "indexes", "average", "composite"}
# Lower-case particles inside personal names.
NAME_PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "der", "den", "la",
                  "le", "abu", "bint", "ben", "du", "del", "dos", "das", "ter", "ten", "y"}
# Prepositions after which an ORG head is the head of the whole name ("Council on ...").
OF_LIKE = {"of", "for", "on", "in", "at"}
# Demonym endings, longest first: "Iranian" -> "Iran", "Israeli" -> "Israel".
_DEMONYM_SUFFIXES = ("ians", "ian", "eans", "ean", "ans", "an", "ese", "ish", "is", "i",
                     "ic", "ns", "n", "s")

# Web furniture labels in front of a credit ("Image: NASA"): never a name themselves.
CAPTION_LABELS = {"image", "images", "photo", "photos", "photograph", "picture", "video",
                  "credit", "credits", "source", "caption", "file", "map", "graphic",
                  "illustration", "audio", "related", "tags", "tag", "share", "advertisement"}
POSSESSIVE_TOKENS = {"'s", "’s", "'", "’", "s'", "s’"}


def lex_word(tok: Token) -> str:
    """A token as the word lists spell it: lower case, without a final dot ("Gen." -> "gen")."""
    return tok.lower_.rstrip(".")


def is_title_only(doc: Doc, start: int, end: int) -> bool:
    """Only honorifics, title heads and generic title modifiers ("Supreme", "Emeritus"), or
    title words in front of a title head ("Home" in "Home Secretary")."""
    words = [lex_word(doc[i]) for i in range(start, end) if not doc[i].is_punct]
    if not words:
        return True
    if all(w in TITLE_CORE for w in words):
        return True
    nxt = lex_word(doc[end]) if end < len(doc) else ""
    return all(w in TITLE_WORDS for w in words) and nxt in TITLE_HEADS


def demonym_country(demonym: str, places: list[str]) -> str | None:
    """Map a demonym to a place named in the same document, by suffix rule:
    "Iranian" -> "Iran", "Israeli" -> "Israel", "Palestinian" -> "Palestine",
    "Afghan" -> "Afghanistan". The reference demonyms come first: "American" -> "US" when the
    document writes the United States so. None when no place fits."""
    country = reference_demonym(demonym)
    if country is not None:
        spellings = country_spellings(country)
        fits = [p for p in places if p.casefold().replace(".", "") in spellings]
        if fits:
            return min(fits, key=lambda p: (len(p), p))
    d = demonym.casefold()
    stems = [d] + [d[: -len(suf)] for suf in _DEMONYM_SUFFIXES
                   if d.endswith(suf) and len(d) - len(suf) >= 3]
    for stem in stems:
        # a name the demonym only modifies is not its place: "European" is not the European
        # Union, "American" not American Airlines
        fits = [p for p in places if p.casefold() != d and p.casefold().startswith(stem)
                and len(p) - len(stem) <= 6 and p.split()[0].casefold() != d]
        if fits:
            return min(fits, key=lambda p: (len(p), p))
    return None



def _split_demonyms(value: str) -> list[str]:
    return [d.strip() for d in value.replace("/", ",").split(",") if d.strip()]


@functools.cache
def reference_demonyms() -> dict[str, str]:
    """Demonym (case-folded) -> country name, from ``countryinfo``'s country data; a demonym
    several countries share ("French": France, Martinique, ...) maps to the most populous one.
    Loaded once per process (about 0.2 s)."""
    from countryinfo._cache import load_countries  # the package's own cached loader

    best: dict[str, tuple[int, str]] = {}
    for info in load_countries()["countries"].values():
        name, pop = info.get("name"), info.get("population") or 0
        for dem in _split_demonyms(info.get("demonym") or ""):
            key = dem.casefold()
            if name and (key not in best or pop > best[key][0]):
                best[key] = (pop, name)
    return {k: v[1] for k, v in best.items()}


@functools.cache
def reference_regions() -> tuple[str, ...]:
    """World regions and sub-regions of the reference data ("Europe", "Southern Asia")."""
    from countryinfo._cache import load_countries

    out = {r for info in load_countries()["countries"].values()
           for r in (info.get("region"), info.get("subregion")) if r}
    return tuple(sorted(out))


@functools.cache
def country_spellings(country: str) -> frozenset[str]:
    """A reference country's name and alternative spellings, case-folded ("us", "usa", ...)."""
    from countryinfo._cache import load_countries

    info = load_countries()["countries"].get(country.casefold(), {})
    names = [country, *(info.get("altSpellings") or [])]
    return frozenset(n.strip().casefold() for n in names if n and n.strip())


def reference_demonym(text: str) -> str | None:
    """The country a demonym or its plural names ("Afghans" -> Afghanistan), else None."""
    key = " ".join(text.split()).casefold()
    table = reference_demonyms()
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:
        return table[key[:-1]]
    return None
