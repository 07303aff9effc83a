"""Attribution: find statements that someone started a movement, and those the credits contradict.

The press first told #MeToo as "Alyssa Milano launches #MeToo"; contributors will write that
again. This reads free text the way an editor does, with rules rather than a model: it finds
the people and movements named (by full name, surname, hashtag or "the hashtag"), the words
that claim an origin (started, founded, launched, coined, "founder of", "Milano's campaign"...),
works out who is said to have originated what, and compares that with the credits in the data.
Every name comes from the data; none is written here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model import Dataset, Movement, Person

_TOKEN = re.compile(r"#?\w+(?:[-'’.]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")

# Forms of the verbs that claim an origin. Bare "found" is left out: it is mostly the past of "find".
VERBS = {
    "start", "starts", "started", "starting", "founds", "founded", "founding", "cofound", "cofounded",
    "co-found", "co-founded", "co-founds", "create", "creates", "created", "creating", "launch", "launches",
    "launched", "launching", "begin", "begins", "began", "begun", "beginning", "originate", "originates",
    "originated", "originating", "coin", "coins", "coined", "coining", "invent", "invents", "invented",
    "inventing", "initiate", "initiated", "initiates", "pioneered", "pioneers", "conceived", "establish",
    "established", "establishes", "birthed",
}  # fmt: skip
PHRASAL = {("set", "up"), ("sets", "up"), ("setting", "up"), ("kicked", "off"), ("kick", "off"), ("kicks", "off"),
           ("came", "up", "with"), ("come", "up", "with"), ("comes", "up", "with"), ("dreamed", "up"),
           ("dreamt", "up"), ("dreams", "up"), ("gave", "birth", "to"), ("give", "birth", "to"),
           ("gives", "birth", "to")}  # fmt: skip
NOUNS = {"founder", "founders", "co-founder", "cofounder", "creator", "creators", "originator", "inventor",
         "initiator", "mother", "architect", "brainchild", "starter", "mastermind"}  # fmt: skip
OWNED = {"movement", "campaign", "hashtag", "initiative", "crusade", "brainchild"}
NOT_OWNED = {"tweet", "tweets", "post", "posts", "call", "message", "reply", "replies", "thread", "video", "appeal",
             "prompt", "screenshot", "retweet", "moment", "account"}  # fmt: skip
# A movement named with these is a national wave or a counterpart ("India's #MeToo", "the French #MeToo"),
# whose own credits the data may not hold.
QUALIFIERS = {"french", "italian", "indian", "chinese", "korean", "swedish", "spanish", "british", "national",
              "local", "counterpart", "version", "equivalent", "wave", "chapter", "answer", "offshoot"}  # fmt: skip
GENERIC = {"hashtag", "movement", "campaign", "phrase", "slogan"}
DEFINITE = {"the", "this", "that", "her", "his", "their", "its"}
PRONOUNS = {"she", "he", "her", "him"}
# Words that may stand between a verb and what it started: "launched the now-famous #MeToo hashtag".
FILLER = {"the", "a", "an", "this", "that", "its", "her", "his", "their", "own", "now", "now-famous", "famous",
          "viral", "global", "worldwide", "whole", "entire", "original", "first", "online", "social", "media",
          "what", "became", "become", "known", "as", "so-called", "called", "would", "later", "be", "\"", "“",
          "”", "'", "‘", "’", "(", ")", "hashtag", "movement", "campaign", "phrase", "slogan", "in", "2017",
          "october", "on", "twitter", "itself"}  # fmt: skip
# Words that make a clause deny, report or correct a claim rather than make it.
HEDGES = {"not", "n't", "never", "no", "nor", "wrongly", "mistakenly", "incorrectly", "falsely", "erroneously",
          "misattributed", "misattributes", "misreported", "myth", "misconception", "rather", "instead", "said",
          "says", "say", "reported", "reports", "claimed", "claims", "claim", "headline", "headlines",
          "described", "portrayed", "framed", "misidentified", "corrected", "correction", "credit",
          "didn't", "did't", "wasn't", "isn't", "doesn't", "although", "despite", "contrary", "neither"}  # fmt: skip
STOPS = {".", ";", "!", "?", ":"}
BREAKERS = {"but", "while", "whereas", "although", "though", "however", "yet"}
ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "st", "jr", "sr", "u.s", "m.j", "inc", "oct", "nov", "dec", "jan", "feb",
                 "sept", "sep", "aug", "vs"}  # fmt: skip
AGENT_GAP = {",", "the", "a", "an", "is", "was", "became", "becomes", "as", "original", "real", "true", "actual",
             "who", "later", "also", "has", "had", "been", "once", "then", "first", "who's", "—", "-", "(", ")"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement that `person` originated `movement`; `anchor` is the word it was read from."""

    person: str
    movement: str
    anchor: str
    occurrence: int


class CreditIndex:
    """Says in words who a claim names and what the credits say instead."""

    def __init__(self, data: Dataset) -> None:
        self.names = {person.id: person.name for person in data.people}
        self.movements = {movement.id: movement for movement in data.movements}

    def label(self, movement_id: str) -> str:
        movement = self.movements[movement_id]
        return movement.hashtags[0] if movement.hashtags else movement.name

    def claim(self, claim: Claim) -> str:
        return f"{self.names[claim.person]} started {self.label(claim.movement)}"

    def explain(self, claim: Claim, hint: bool = True) -> str:
        """'the data credits Tarana Burke as originator (2006) and Alyssa Milano as amplifier (2017-10-15)'."""
        credits = sorted(self.movements[claim.movement].credits, key=lambda credit: credit.role != "originator")
        parts = [
            f"{self.names[c.person]} as {'disputed ' if c.disputed else ''}{c.role} ({c.date.iso()})" for c in credits
        ]
        text = "the data credits " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])
        if not hint:
            return text
        amplifies = any(c.person == claim.person and c.role == "amplifier" for c in credits)
        fix = 'write "amplified"' if amplifies else "name the originator"
        return f"{text}; {fix}, or record a disputed credit with sources"

    def note(self, claim: Claim) -> str:
        """The calm note shown beside a citation that misattributes."""
        person = self.names[claim.person]
        credits = self.movements[claim.movement].credits
        originators = [c for c in credits if c.role == "originator" and not c.disputed]
        names = [self.names[c.person] for c in originators]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        date = originators[0].date
        when = f"on {date}" if date.precision == "day" else f"in {date}"
        text = f"This source credits {person} with starting {self.label(claim.movement)}. The movement was started by {who} {when}"
        if any(c.person == claim.person and c.role == "amplifier" for c in credits):
            return f"{text}; {person.split()[-1]} amplified it."
        return f"{text}."


@dataclass(frozen=True, slots=True)
class _Mention:
    kind: str  # "person", "movement" or "generic"
    target: str  # an id, or "" for a generic reference
    start: int
    end: int
    possessive: bool


class AttributionChecker:
    """Finds origin claims in text, using the people and movements of the data."""

    def __init__(self, movements: Sequence[Movement], people: Sequence[Person]) -> None:
        self.originators = {m.id: {c.person for c in m.credits if c.role == "originator"} for m in movements}
        self.names: dict[tuple[str, ...], tuple[str, str]] = {}
        credited = {credit.person for movement in movements for credit in movement.credits}
        for person in people:
            for alias in _person_aliases(person, people, credited):
                self.names.setdefault(alias, ("person", person.id))
        for movement in movements:
            for alias in _movement_aliases(movement):
                self.names.setdefault(alias, ("movement", movement.id))
        self.longest = max((len(alias) for alias in self.names), default=1)

    def claims(self, text: str, context: Sequence[str] = ()) -> list[Claim]:
        """Every statement in `text` that someone originated a movement; `context` lists the movements
        the surrounding record is about, for "the hashtag" and "her campaign"."""
        tokens = _tokens(text)
        found: list[Claim] = []
        for clause in _clauses(tokens):
            found += self.clause_claims(tokens, clause, context)
        return list(dict.fromkeys(found))

    def misattributions(self, text: str, context: Sequence[str] = ()) -> list[Claim]:
        return [claim for claim in self.claims(text, context) if not self.is_credited(claim)]

    def is_credited(self, claim: Claim, strict: bool = False) -> bool:
        """Whether the data credits the claim; a movement with no originator yet (reported on its own)
        contradicts no claim unless `strict`."""
        originators = self.originators.get(claim.movement, set())
        return claim.person in originators or (not originators and not strict)

    def clause_claims(self, tokens: list[str], clause: range, context: Sequence[str]) -> list[Claim]:
        words = [tokens[i].lower() for i in clause]
        if HEDGES.intersection(words):
            return []
        mentions = self.mentions(tokens, clause)
        claims = []
        for index in clause:
            word = tokens[index].lower()
            if (phrase := _phrasal_length(tokens, index, clause)) or word in VERBS:
                claims += self.verb_claims(tokens, index, max(phrase, 1), mentions, clause, context)
            elif _POSSESSIVE.sub("", word) in NOUNS:
                claims += self.noun_claims(tokens, index, mentions, clause, context)
        claims += self.possessive_claims(tokens, mentions, clause, context)
        if QUALIFIERS.intersection(words) or _names_a_place(tokens, mentions, clause):
            return []
        return [self.anchor(tokens, claim) for claim in claims]

    def mentions(self, tokens: list[str], clause: range) -> list[_Mention]:
        found = []
        index = clause.start
        while index < clause.stop:
            mention = self.mention_at(tokens, index, clause.stop)
            if mention:
                found.append(mention)
                index = mention.end
            else:
                index += 1
        return found

    def mention_at(self, tokens: list[str], index: int, stop: int) -> _Mention | None:
        for length in range(min(self.longest, stop - index), 0, -1):
            words = [token.lower() for token in tokens[index : index + length]]
            possessive = bool(_POSSESSIVE.search(words[-1])) and words[-1] not in ("'", "’")
            for candidate in (tuple(words), (*words[:-1], _POSSESSIVE.sub("", words[-1]))):
                if candidate in self.names:
                    kind, target = self.names[candidate]
                    is_possessive = possessive and candidate[-1] != words[-1]
                    return _Mention(kind, target, index, index + length, is_possessive)
        word = tokens[index].lower()
        if word in DEFINITE and index + 1 < stop and _POSSESSIVE.sub("", tokens[index + 1].lower()) in GENERIC:
            return _Mention("generic", "", index, index + 2, False)
        return None

    def verb_claims(
        self,
        tokens: list[str],
        index: int,
        length: int,
        mentions: list[_Mention],
        clause: range,
        context: Sequence[str],
    ) -> list[Claim]:
        after = index + length
        starts_action = after < clause.stop and (tokens[after].lower().endswith("ing") or tokens[after].lower() == "to")
        if starts_action and not self.mention_at(tokens, after, clause.stop):
            return []  # "started tweeting", "began to write": the verb starts an action, not a movement
        if (after < clause.stop and tokens[after].lower() == "by") or _passive_by(tokens, after, clause):
            return self.passive_claims(tokens, index, after, mentions, clause, context)
        subject = _last(m for m in mentions if m.end <= index and m.end >= index - 3 and m.kind != "person")
        joined = _first(m for m in mentions if m.start >= after and m.start <= after + 3 and m.kind == "person")
        if subject and joined and tokens[after].lower() in ("with", "when", "after", "through"):
            return self.claims_for([joined], [subject], context)  # "#MeToo began with Milano's tweet"
        theme = self.object_of(tokens, after, mentions, clause)
        if theme is None and after < clause.stop and tokens[after].lower() == "it":
            theme = _last(m for m in self.mentions(tokens, range(0, index)) if m.kind != "person")
        agent = self.agent_before(tokens, index, mentions, clause)
        if theme is None:
            theme = self.relative_theme(agent, mentions)  # "the hashtag Burke started"
        if agent is None and theme is not None:
            agent = _first(
                m
                for m in mentions
                if m.kind == "person"
                and m.start == theme.end + (tokens[theme.end] == "," if theme.end < clause.stop else 0)
            )
        if agent is None or theme is None:
            return []
        return self.claims_for([agent], [theme], context)

    def passive_claims(
        self, tokens: list[str], index: int, after: int, mentions: list[_Mention], clause: range, context: Sequence[str]
    ) -> list[Claim]:
        by = next(i for i in range(after, clause.stop) if tokens[i].lower() == "by")
        agents = [m for m in mentions if m.kind == "person" and m.start > by and m.start <= by + 4]
        themes = [m for m in mentions if m.kind != "person" and m.end <= index]
        theme = themes[-1:] or (
            [_Mention("generic", "", index, index, False)]
            if context and _subject_is_pronoun(tokens, index, clause)
            else []
        )
        return self.claims_for(agents[:1], theme, context)

    def noun_claims(
        self, tokens: list[str], index: int, mentions: list[_Mention], clause: range, context: Sequence[str]
    ) -> list[Claim]:
        theme = _first(
            m
            for m in mentions
            if m.kind != "person" and m.start in (index + 2, index + 3) and tokens[index + 1].lower() == "of"
        )
        theme = theme or _last(m for m in mentions if m.kind != "person" and index - 2 <= m.end <= index)
        if theme is None:
            return []
        before = _last(
            m
            for m in mentions
            if m.kind == "person" and m.end <= index and _only_gap(tokens, m.end, min(index, theme.start))
        )
        after_end = max(index + 1, theme.end)
        after = _first(
            m for m in mentions if m.kind == "person" and m.start >= after_end and _only_gap(tokens, after_end, m.start)
        )
        agent = before or after
        return self.claims_for([agent], [theme], context) if agent else []

    def possessive_claims(
        self, tokens: list[str], mentions: list[_Mention], clause: range, context: Sequence[str]
    ) -> list[Claim]:
        """ "Milano's #MeToo campaign", "Milano's movement": a possessive that owns a movement."""
        claims = []
        for mention in mentions:
            if mention.kind != "person" or not mention.possessive:
                continue
            window = [tokens[i].lower() for i in range(mention.end, min(mention.end + 3, clause.stop))]
            head = next((position for position, word in enumerate(window) if word in OWNED), None)
            if head is None or any(word not in FILLER and not word.startswith("#") for word in window[:head]):
                continue
            following = mention.end + head + 1
            if following < clause.stop and tokens[following].lower() in NOT_OWNED:
                continue  # "Milano's hashtag tweet": the tweet is hers, not the movement
            named = _first(m for m in mentions if m.kind == "movement" and mention.end <= m.start < mention.end + head)
            theme = named or _Mention("generic", "", mention.end, mention.end, False)
            claims += self.claims_for([mention], [theme], context)
        return claims

    def object_of(self, tokens: list[str], after: int, mentions: list[_Mention], clause: range) -> _Mention | None:
        for mention in mentions:
            if mention.start >= after and mention.kind != "person":
                between = [tokens[i].lower() for i in range(after, mention.start)]
                return mention if all(word in FILLER for word in between) else None
        return None

    def agent_before(self, tokens: list[str], index: int, mentions: list[_Mention], clause: range) -> _Mention | None:
        people = [m for m in mentions if m.kind == "person" and m.end <= index]
        last = people[-1] if people else None
        if index > clause.start and tokens[index - 1].lower() in ("who", "that", "which"):
            # "Burke, who started": the pronoun stands for the name right before it, if it is one
            head = index - 2 if index - 2 >= clause.start and tokens[index - 2] == "," else index - 1
            return last if last and last.end == head else None
        if last and last.possessive and index - last.end < 3:
            return None  # "Milano's tweet started a wave": the tweet, not Milano, is the subject
        if last:
            return last
        pronoun = next(
            (i for i in range(index - 1, max(clause.start, index - 4) - 1, -1) if tokens[i].lower() in PRONOUNS), None
        )
        if pronoun is None:
            return None
        return _last(m for m in self.mentions(tokens, range(0, pronoun)) if m.kind == "person")

    def relative_theme(self, agent: _Mention | None, mentions: list[_Mention]) -> _Mention | None:
        if agent is None:
            return None
        return _first(m for m in mentions if m.kind != "person" and agent.start - 2 <= m.end <= agent.start)

    def claims_for(self, agents: Iterable[_Mention], themes: Iterable[_Mention], context: Sequence[str]) -> list[Claim]:
        claims = []
        for agent in agents:
            for theme in themes:
                movement = theme.target or (context[0] if context else "")
                if movement:
                    claims.append(Claim(agent.target, movement, "", agent.start))
        return claims

    def anchor(self, tokens: list[str], claim: Claim) -> Claim:
        """Names the claim by the word it starts from and which occurrence of that word it is."""
        word = tokens[claim.occurrence]
        occurrence = sum(1 for token in tokens[: claim.occurrence] if word in token)
        return Claim(claim.person, claim.movement, word, occurrence)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _clauses(tokens: list[str]) -> list[range]:
    """Sentences and independent clauses: a claim never reaches across them."""
    clauses = []
    start = 0
    for index, token in enumerate(tokens):
        lower = token.lower()
        ends_sentence = token in STOPS and not (token == "." and index and tokens[index - 1].lower() in ABBREVIATIONS)
        joins = lower in BREAKERS or (
            token == "," and index + 1 < len(tokens) and tokens[index + 1].lower() in ("and", "so")
        )
        if ends_sentence or joins:
            if index > start:
                clauses.append(range(start, index))
            start = index + 1
    if start < len(tokens):
        clauses.append(range(start, len(tokens)))
    return clauses


def _phrasal_length(tokens: list[str], index: int, clause: range) -> int:
    for phrase in PHRASAL:
        words = tuple(token.lower() for token in tokens[index : index + len(phrase)])
        if words == phrase and index + len(phrase) <= clause.stop:
            return len(phrase)
    return 0


def _names_a_place(tokens: list[str], mentions: list[_Mention], clause: range) -> bool:
    """'India's #MeToo movement', 'South Korea's #MeToo': a possessive that is no person, before a movement."""
    for mention in mentions:
        if mention.kind == "movement" and mention.start > clause.start:
            before = tokens[mention.start - 1]
            if (
                _POSSESSIVE.search(before.lower())
                and before[:1].isupper()
                and not any(m.end == mention.start and m.kind == "person" for m in mentions)
            ):
                return True
    return False


def _passive_by(tokens: list[str], after: int, clause: range) -> bool:
    """'started in 2006 by', 'launched on Twitter by': a participle followed closely by 'by'."""
    window = [token.lower() for token in tokens[after : min(after + 5, clause.stop)]]
    return "by" in window and window[0] in ("in", "on", "back", "originally", "first", "initially", "as")


def _subject_is_pronoun(tokens: list[str], index: int, clause: range) -> bool:
    window = [token.lower() for token in tokens[max(clause.start, index - 4) : index]]
    return any(word in ("it", "which", "that") for word in window)


def _only_gap(tokens: list[str], start: int, stop: int) -> bool:
    return all(token.lower() in AGENT_GAP or token.lower() in FILLER for token in tokens[start:stop])


def _first(mentions: Iterable[_Mention]) -> _Mention | None:
    return next(iter(mentions), None)


def _last(mentions: Iterable[_Mention]) -> _Mention | None:
    found = None
    for found in mentions:  # noqa: B007 - keep the last
        pass
    return found


def _person_aliases(person: Person, people: Sequence[Person], credited: set[str]) -> list[tuple[str, ...]]:
    """The full name, and the surname alone unless someone else shares it: then "Burke" means the one
    of them who holds a credit (Tarana Burke rather than Judge James Burke), if exactly one does."""
    words = tuple(token.lower() for token in _tokens(person.name))
    names = [word for word in words if word not in ("jr", "sr", ".", "ii", "iii")]
    if len(names) < 2:
        return [words]
    sharing = [p.id for p in people if names[-1] in [token.lower() for token in _tokens(p.name)]]
    if len(sharing) > 1 and [p for p in sharing if p in credited] != [person.id]:
        return [words]
    return [words, (names[-1],)]


def _movement_aliases(movement: Movement) -> list[tuple[str, ...]]:
    names = [movement.name, *movement.hashtags, *(tag.lstrip("#") for tag in movement.hashtags)]
    return [tuple(token.lower() for token in _tokens(name)) for name in names]
