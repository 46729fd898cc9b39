"""The event taxonomy: every ``event_type`` a mention can have, what it means and its triggers.

One entry per type: a CAMEO-like description (CAMEO's top-level codes in brackets where one
fits), the family it groups with across articles (orchestration.lib.rules.event_links), and the
trigger lexicon as lemmas, apart for verbs and for eventive nouns (spaCy's lemma and POS decide
which list a token is looked up in). No reference resource fits here: WordNet and VerbNet only
install as run-time downloads (nltk, wn), which the project does not allow, so each type keeps a
compact hand lexicon of the words news uses for it.

``meeting``, ``visit``, ``contact``, ``resolution``, ``statement`` and ``attack`` have parse
rules of their own in orchestration.lib.nlp.events (a call is only a contact with a party, a
resolution only when it is a decision, ...); their lexicons here are the words those rules
consult. The other types are recognised from the lexicon plus the generic checks of
``events._classify_generic`` (the verb is not a modifier, the noun is not part of a name, ...).

Words shared by two types are resolved by order: the first type of ``TYPE_ORDER`` listing a
lemma for that part of speech wins.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    family: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()


def _t(name: str, description: str, family: str, verbs: str = "", nouns: str = "") -> EventType:
    return EventType(name, description, family, frozenset(verbs.split()), frozenset(nouns.split()))


TYPES: tuple[EventType, ...] = (
    _t("meeting", "[04 consult] Parties meet, hold talks, negotiate or confer.", "meeting",
       "meet convene confer negotiate",
       "meeting talks discussion negotiation consultation summit"),
    _t("visit", "[04 consult] A party travels to a place: a visit or trip (travel, arrive, fly "
       "only with a place: 'flew to Paris'; otherwise a flight is ``other``).", "meeting",
       "visit travel arrive fly", "visit trip arrival"),
    _t("contact", "[04 consult] Parties speak at a distance: a phone call, a conversation.",
       "contact", "phone telephone call speak talk", "call conversation contact communication"),
    _t("resolution", "[05 cooperate / 10 demand] A deliberative body decides: it adopts a "
       "resolution, votes, or calls for something.", "resolution",
       "vote call demand urge", "resolution vote"),
    _t("statement", "[01 make public statement] A person or organisation says, announces, "
       "confirms, denies, praises, condemns or comments on something, or talks about it (a "
       "speaker is required).", "statement",
       "say state announce declare claim tell add note comment confirm deny admit acknowledge "
       "reply respond describe praise criticize criticise warn insist explain stress report "
       "applaud welcome thank congratulate condemn hail cite",
       "statement announcement declaration speech remark comment keynote address"),
    _t("agreement", "[05/06 cooperate] Parties sign or reach an agreement, deal, contract, "
       "treaty or settlement; an order is placed.", "agreement",
       "sign agree settle conclude",
       "agreement deal contract accord treaty pact settlement order"),
    _t("appointment", "[personnel] Someone is appointed, named, hired, promoted, resigns, "
       "retires, is fired or takes leave.", "appointment",
       "appoint hire nominate resign retire promote succeed fire oust",
       "appointment resignation retirement nomination departure succession leave absence"),
    _t("election", "[election / legislation] An election, vote, referendum or law is held, "
       "won or passed.", "election",
       "elect reelect re-elect legislate ratify enact",
       "election referendum ballot legislation"),
    _t("bankruptcy", "[economic] A company files for bankruptcy, becomes insolvent or is "
       "liquidated.", "bankruptcy",
       "liquidate", "bankruptcy insolvency liquidation receivership default"),
    _t("acquisition", "[economic] A company or asset is bought, sold, merged or invested in.",
       "acquisition",
       "acquire buy purchase sell merge invest",
       "acquisition purchase sale merger takeover investment buyout bid"),
    _t("layoffs", "[economic] Jobs are cut, a plant closes, workers strike.", "layoffs",
       "lay cut close shut strike", "layoff cut closure shutdown strike walkout restructuring"),
    _t("legal", "[09 investigate / 17 coerce] A lawsuit is filed, a court rules, someone is "
       "arrested, charged, convicted or sentenced.", "legal",
       "sue rule convict sentence arrest charge indict acquit detain uphold overturn appeal "
       "fine investigate",
       "lawsuit suit ruling verdict trial arrest conviction sentence indictment investigation "
       "appeal dispute"),
    _t("attack", "[18-20 assault, fight, mass violence] Armed force is used: an attack, bombing, "
       "raid, clash or killing.", "attack",
       "attack bomb raid shell ambush invade kill shoot clash",
       "attack assault airstrike bombing raid shelling ambush invasion offensive clash "
       "shooting"),
    _t("protest", "[14 protest] People protest, demonstrate, rally, march or boycott.",
       "protest", "protest demonstrate rally march boycott",
       "protest demonstration rally march boycott"),
    _t("aid", "[07 provide aid] Aid, a loan, a grant, funding or a bailout is given.", "aid",
       "lend donate fund bail compensate contribute",
       "aid loan bailout grant donation funding rescue subsidy compensation contribution"),
    _t("financial_result", "[economic] A company reports a profit, a loss, revenue or earnings.",
       "financial_result", "earn", "profit loss revenue earnings dividend"),
    _t("market_move", "[economic] A market index, share price, currency or commodity rises or "
       "falls (the subject must be one).", "market_move",
       "rise fall drop climb plunge soar tumble slump rally gain decline surge slide jump sink",
       "crash plunge slump selloff sell-off"),
    _t("forecast", "[03 express intent] Someone forecasts, predicts or estimates something, or "
       "makes a plan public ('unveiled plans for'); 'plans to buy' is no event of its own but "
       "makes the purchase future.",
       "forecast", "forecast predict estimate project",
       "forecast prediction plan projection outlook estimate"),
    _t("other", "A generic happening of news that none of the above covers: a product is "
       "launched, unveiled or delivered, a plane flies or lands, someone dies or wins, a "
       "project is delayed or cancelled.", "other",
       "launch unveil introduce release deliver demo land fly die win lose defeat "
       "delay postpone cancel recall suspend discontinue award select celebrate rename",
       "launch delivery flight landing takeoff take-off death release debut ceremony "
       "accident crash tour delay cancellation suspension award defeat"),
)

TYPE_ORDER = tuple(t.name for t in TYPES)
BY_NAME = {t.name: t for t in TYPES}
FAMILY = {t.name: t.family for t in TYPES}
# The types whose triggers orchestration.lib.nlp.events decides with rules of their own.
RULE_TYPES = ("meeting", "visit", "contact", "resolution", "statement", "attack")


def _index(part: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for t in TYPES:
        if t.name in RULE_TYPES:
            continue
        for lemma in getattr(t, part):
            out[lemma] = out.get(lemma, ()) + (t.name,)
    return out


# lemma -> its lexicon types in TYPE_ORDER (the rule types are looked up by their own rules)
VERB_TYPES = _index("verbs")
NOUN_TYPES = _index("nouns")
LEXICON_WORDS = frozenset(VERB_TYPES) | frozenset(NOUN_TYPES)


def candidates(lemma: str, is_verb: bool) -> tuple[str, ...]:
    """The lexicon types a verb or noun lemma may have, in order (rule types not included)."""
    return (VERB_TYPES if is_verb else NOUN_TYPES).get(lemma, ())


def docs_table() -> str:
    """The taxonomy as markdown lines (the dbt docs block is checked against it by a test)."""
    return "\n".join(f"- `{t.name}`: {t.description}" for t in TYPES)
