"""Attribution: find statements that someone started a movement, and those the credits contradict.

The press first told #MeToo as "Alyssa Milano launches #MeToo"; contributors will write that
again. This reads free text the way an editor does, with rules rather than a model: it finds
the people and movements named (by full name, surname, hashtag, or "the hashtag" on a page
about one), the words that claim an origin (started, founded, launched, coined, "founder of",
"the creation of ... by", "Milano's campaign"...), works out who is said to have originated
what, skips what is denied, reported or quoted, and compares the rest with the credits in the
data. Every name comes from the data; none is written here.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from generator.model import Dataset, Movement, Person, Source

_TOKEN = re.compile(r"#?\w+(?:[-'’.]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s$")

# Forms of the verbs that claim an origin. Bare "found" is left out: it is mostly the past of "find".
VERBS = {
    "start", "starts", "started", "starting", "founds", "founded", "founding", "cofound", "cofounded",
    "co-found", "co-founded", "co-founds", "co-founding", "create", "creates", "created", "creating", "launch",
    "launches", "launched", "launching", "begin", "begins", "began", "begun", "beginning", "originate",
    "originates", "originated", "originating", "coin", "coins", "coined", "coining", "invent", "invents",
    "invented", "inventing", "initiate", "initiated", "initiates", "pioneered", "pioneers", "conceived",
    "establish", "established", "establishes", "birthed", "devised", "devise", "devises", "hatched",
}  # fmt: skip
# Verbs of several words: what must follow the first word before the object ("came up with #MeToo",
# "gave us #MeToo"); kicked and set may also hold their object inside ("kicked the hashtag off").
PHRASES = {
    "kicked": (("off",),), "kick": (("off",),), "kicks": (("off",),), "set": (("up",),), "sets": (("up",),),
    "dreamed": (("up",),), "dreamt": (("up",),), "came": (("up", "with"),), "come": (("up", "with"),),
    "comes": (("up", "with"),), "gave": (("birth", "to"), ("us",), ("the", "world")),
    "give": (("birth", "to"), ("us",)), "gives": (("birth", "to"), ("us",)), "brought": (("us",),),
}  # fmt: skip
HOLDS_OBJECT = {"kicked": "off", "kick": "off", "kicks": "off", "set": "up", "sets": "up"}
LABELS = {"founder", "founders", "founder(s)", "originator", "creator", "started", "founded", "created", "launched",
          "originated", "began", "begun"}  # fmt: skip
NOUNS = {"founder", "founders", "co-founder", "co-founders", "cofounder", "creator", "creators", "originator",
         "originators", "inventor", "initiator", "mother", "architect", "brainchild", "starter", "mastermind"}  # fmt: skip
NOMINALS = {"creation", "launch", "founding", "origin", "origins", "invention", "birth", "start", "inception"}
BEHIND = {"brains", "woman", "person", "force", "mind", "one", "name", "figure", "actress", "activist", "star"}
OWNED = {"movement", "campaign", "hashtag", "initiative", "crusade", "brainchild", "organisation", "organization",
         "group", "creation", "founding", "launch", "invention"}  # fmt: skip
NOT_OWNED = {"tweet", "tweets", "post", "posts", "call", "message", "reply", "replies", "thread", "video", "appeal",
             "prompt", "screenshot", "retweet", "moment", "account", "page", "feed", "followers"}  # fmt: skip
GENERIC = {"hashtag", "movement", "campaign", "phrase", "slogan", "organisation", "organization", "group", "boycott"}
DEFINITE = {"the", "this", "that", "her", "his", "their", "its"}
PRONOUNS = {"she", "he"}
PERSON_NOUNS = {"woman", "women", "person", "people", "one", "actress", "actor", "activist", "star", "journalist",
                "writer", "engineer", "prosecutor", "reporter", "lawyer", "producer", "singer", "student",
                "presenter", "host", "author", "campaigner", "survivor", "executive", "organizer", "organiser"}  # fmt: skip
# Words that may stand between a verb and what it started: "launched the now-famous #MeToo hashtag".
FILLER = {"the", "a", "an", "this", "that", "its", "her", "his", "their", "own", "now", "now-famous", "famous",
          "viral", "global", "worldwide", "international", "whole", "entire", "original", "first", "online",
          "social", "media", "what", "became", "become", "known", "as", "so-called", "called", "would", "later",
          "be", "\"", "“", "”", "(", ")", "hashtag", "movement", "campaign", "phrase", "slogan", "in", "2017",
          "october", "on", "twitter", "itself", "both", "idea", "concept", "for", "of", "thing", "modern",
          "organisation", "organization", "group", "boycott", "rallying", "cry", "words", "term", "expression",
          "catchphrase", "—", "–", "-", ",", "'", "‘", "’", "version", "counterpart", "equivalent", "french", "italian",
          "indian", "chinese", "korean", "swedish", "spanish", "british", "national"}  # fmt: skip
# Words that may stand between a person and the noun that credits them: "Milano, the actress who".
DESCRIPTORS = {",", "the", "a", "an", "is", "was", "became", "becomes", "as", "original", "real", "true",
               "actual", "later", "also", "has", "had", "been", "once", "then", "first", "—", "–", "-", "(", ")",
               "and", "of", "among", "one", "yes", "born", "widely", "seen", "regarded", "known", "who's", "'s",
               "remains", "are", "were", "movement", "hashtag", "campaign", "left", "right", "centre", "center",
               "pictured", "above", "below", ":", "will", "always", "be", "remembered", "best", "often",
               "still", "now", "today", "same", "b", ".", "c"}  # fmt: skip
NEGATIONS = {
    "not",
    "n't",
    "never",
    "no",
    "nor",
    "neither",
    "didn't",
    "wasn't",
    "isn't",
    "doesn't",
    "hardly",
    "nothing",
    "didnt",
    "wasnt",
    "isnt",
    "doesnt",
    "dont",
}
# Anywhere in a sentence, these make it about a claim rather than a claim.
META = ("mistake", "mistaken", "myth", "misconception", "inaccurate", "incorrect", "wrong", "false", "erroneous",
        "misreport", "misattribut", "misidentif", "miscredit", "debunk", "untrue", "error", "corrected",
        "correcting", "retract")  # fmt: skip
# Before the claim in its clause, these report or doubt it rather than assert it.
REPORTING = {"said", "says", "say", "saying", "claimed", "claims", "claim", "claiming", "reported", "reports",
             "headline", "headlines", "caption", "described", "describes", "describing", "called", "calling",
             "assume", "assumes", "assumed", "believe", "believes", "believed", "think", "thinks", "thought",
             "suggested", "suggests", "portrayed", "portrays", "framed", "rumour", "rumor", "rather", "instead",
             "despite", "whether", "if", "alleged", "supposedly", "read", "reads", "titled", "assertion",
             "assertions", "notion", "commentators", "critics", "narrative", "describe", "write", "writes"}  # fmt: skip
# A movement named with these is a national wave or a counterpart ("India's #MeToo", "the French #MeToo").
QUALIFIERS = {"french", "italian", "indian", "chinese", "korean", "swedish", "spanish", "british", "national",
              "local", "counterpart", "version", "equivalent", "wave", "chapter", "answer", "offshoot", "own"}  # fmt: skip
# Two words that report a claim rather than make it: "the idea that", "often credited with".
REPORTED = {("idea", "that"), ("notion", "that"), ("myth", "that"), ("belief", "that"), ("claim", "that"),
            ("often", "credited"), ("widely", "credited"), ("sometimes", "credited"), ("frequently", "credited"),
            ("commonly", "credited"), ("wrongly", "credited")}  # fmt: skip
# Beginnings of the words that speak of an origin, for the last-resort reading (typos of these are not read).
CUES = ("start", "founded", "founding", "founder", "co-found", "cofound", "creat", "co-creat", "launch", "began",
        "begun", "begin", "origin", "coin", "invent", "brainchild", "pioneer", "establish", "initiat", "devis",
        "conceiv", "birth", "idea")  # fmt: skip
# Every word that can anchor a claim, and the stems of the last-resort reading: a text with none of them
# claims nothing, and is not read further (most text, so this keeps the check fast on large files).
_ANCHORS = VERBS | set(PHRASES) | LABELS | NOUNS | NOMINALS | OWNED | {"found", "traced", "behind"}
_MIGHT_CLAIM = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _ANCHORS), key=len, reverse=True)) + r")(?!\w)"
    r"|(?:(?<!\w)|(?<=-))(?:" + "|".join(map(re.escape, CUES)) + ")"
)
SENTENCE_ENDS = {".", "!", "?"}
CLAUSE_ENDS = {";", ":"}
BREAKERS = {"but", "while", "whereas", "although", "though", "however", "yet"}
ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "st", "jr", "sr", "u.s", "m.j", "inc", "oct", "nov", "dec", "jan", "feb",
                 "sept", "sep", "aug", "vs", "me", "b", "c", "ca"}  # fmt: skip
QUOTES = {"“": "”", '"': '"'}


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
    target: str  # an id; for a generic reference, "" until resolved
    start: int
    end: int
    possessive: bool


class AttributionChecker:
    """Finds origin claims in text, using the people and movements of the data."""

    def __init__(self, movements: Sequence[Movement], people: Sequence[Person]) -> None:
        self.originators = {m.id: {c.person for c in m.credits if c.role == "originator"} for m in movements}
        self.umbrellas = {m.part_of for m in movements if m.part_of}
        self.names: dict[tuple[str, ...], tuple[str, str]] = {}
        credited = {credit.person for movement in movements for credit in movement.credits}
        holders: dict[str, list[str]] = {}  # who has each word in their name
        for person in people:
            for word in dict.fromkeys(token.lower() for token in _TOKEN.findall(person.name)):
                holders.setdefault(word, []).append(person.id)
        for person in people:
            for alias in _person_aliases(person, holders, credited):
                self.names.setdefault(alias, ("person", person.id))
        for movement in movements:
            for alias in _movement_aliases(movement):
                self.names.setdefault(alias, ("movement", movement.id))
        self.longest = max((len(alias) for alias in self.names), default=1)
        self.first_words = {alias[0] for alias in self.names if alias}
        owners: dict[str, set[str]] = {}
        for movement in movements:
            for name in (movement.name, *movement.hashtags):
                for word in re.findall(r"[A-Z]?[a-z]+", name.lstrip("#")):
                    owners.setdefault(word.lower(), set()).add(movement.id)
        # "the boycott" means #WomenBoycottTwitter when no other movement's name has that word in it
        self.owners = {word: ids.pop() for word, ids in owners.items() if len(ids) == 1 and word in GENERIC}

    def claims(self, text: str, context: Sequence[str] = ()) -> list[Claim]:
        """Every statement in `text` that someone originated a movement; `context` lists the movements
        the surrounding record is about, for "the hashtag" and "her campaign"."""
        if not _MIGHT_CLAIM.search(text.lower().replace("’", "'")):
            return []
        return list(dict.fromkeys(_Reading(self, text, context).claims()))

    def misattributions(self, text: str, context: Sequence[str] = ()) -> list[Claim]:
        return [claim for claim in self.claims(text, context) if not self.is_credited(claim)]

    def is_credited(self, claim: Claim, strict: bool = False) -> bool:
        """Whether the data credits the claim; a movement with no originator yet (reported on its own)
        contradicts no claim unless `strict`."""
        originators = self.originators.get(claim.movement, set())
        return claim.person in originators or (not originators and not strict)


Pair = tuple[_Mention | None, _Mention | None]  # who is said to have started what
_Test = Callable[[_Mention], bool]
Group = tuple["_Chain | None", _Mention | None]  # people said to have started the same thing together


def cited_claims(checker: AttributionChecker, source: Source) -> dict[str, list[Claim]]:
    """What a source's own words (its title and any quote) claim wrongly, field by field: the validator
    asks for the mark where they do, and the pages that show the source print a note for each."""
    return {field: checker.misattributions(getattr(source, field) or "") for field in ("title", "quote")}


_FAR = sys.maxsize
_ANYWHERE = (0, _FAR)
Window = tuple[int, int]  # positions from the first up to (not including) the second


class _Ordered:
    """Mentions in text order. They never overlap, so their ends are in order too: the mentions that start
    and end within given positions are a slice found by bisection, never by reading them all."""

    def __init__(self, items: list[_Mention]) -> None:
        self.items = items
        self.starts = [mention.start for mention in items]
        self.ends = [mention.end for mention in items]

    def window(self, starts: Window, ends: Window) -> range:
        low = max(bisect_left(self.starts, starts[0]), bisect_left(self.ends, ends[0]))
        high = min(bisect_left(self.starts, starts[1]), bisect_left(self.ends, ends[1]))
        return range(low, high)


class _Chain:
    """Names joined by 'and' or commas, from the subject back: "A and B co-founded" gives B, then A.
    Where they start and end, negated, are in increasing order for bisection."""

    def __init__(self, names: list[_Mention]) -> None:
        self.names = names
        self.negated_starts = [-name.start for name in names]
        self.negated_ends = [-name.end for name in names]

    def __len__(self) -> int:
        return len(self.names)


def _alone(pairs: list[Pair]) -> list[Group]:
    return [(_Chain([person]) if person else None, theme) for person, theme in pairs]


def _next_unclaimed(unclaimed: list[int], number: int) -> int:
    """The first name at or after `number` in a chain not yet claimed: each claimed one points past
    itself, and the pointers followed are shortened so that the chain is walked once in all."""
    found = number
    while unclaimed[found] != found:
        found = unclaimed[found]
    while unclaimed[number] != found:
        unclaimed[number], number = found, unclaimed[number]
    return found


def _previous(flags: Sequence[bool]) -> list[int]:
    """For each position (and the end), the last flagged position before it, or -1."""
    found, last = [], -1
    for position, flag in enumerate(flags):
        found.append(last)
        if flag:
            last = position
    found.append(last)
    return found


def _following(flags: Sequence[bool]) -> list[int]:
    """For each position (and the end), the first flagged position at or after it, or the end."""
    found = [len(flags)] * (len(flags) + 1)
    for position in range(len(flags) - 1, -1, -1):
        found[position] = position if flags[position] else found[position + 1]
    return found


def _run_ends(flags: Sequence[bool]) -> list[int]:
    """For each position (and the end), where the run of flagged positions starting there stops."""
    return _following([not flag for flag in flags])


def _tallies(flags: Iterable[bool]) -> list[int]:
    """Running counts: `_tally(tallies, start, stop)` is then how many flags in [start, stop) are set."""
    tallies = [0]
    for flag in flags:
        tallies.append(tallies[-1] + flag)
    return tallies


def _tally(tallies: list[int], start: int, stop: int) -> int:
    last = len(tallies) - 1
    start, stop = min(max(start, 0), last), min(max(stop, 0), last)
    return tallies[stop] - tallies[start] if stop > start else 0


class _Reading:
    """One text, tokenized, with its names found, its sentences and clauses, and what is quoted. Every
    question the rules ask of a position (the mention before it, the last comma, a denial between two
    words) is answered from an index built once, so that reading stays linear in the length of the text
    however its words are arranged."""

    def __init__(self, checker: AttributionChecker, text: str, context: Sequence[str]) -> None:
        self.checker = checker
        self.tokens = _TOKEN.findall(text)
        self.words = [token.lower().replace("’", "'") for token in self.tokens]
        self.context = context
        self.mentions = self.find_mentions()
        self.quoted = _quoted(self.tokens)
        self.sentences = _spans(self.tokens, SENTENCE_ENDS, set())
        self.clauses = _spans(self.tokens, SENTENCE_ENDS | CLAUSE_ENDS, BREAKERS)
        self.everything = _Ordered(self.mentions)
        self.people = _Ordered([m for m in self.mentions if m.kind == "person"])
        self.things = _Ordered([m for m in self.mentions if m.kind != "person"])
        self.named = _Ordered([m for m in self.mentions if m.kind == "movement"])
        self.starting = {m.start: m for m in self.mentions}
        self.ending = {m.end: m for m in self.mentions}
        self.holders: dict[str, list[int]] = {}
        self.chains: dict[int, _Chain] = {}
        self.unclaimed: dict[tuple[int, int, str], list[int]] = {}  # see `claimed`
        self.answers: dict[int, list[Claim]] = {}
        self.loose: dict[int, tuple[str, _Ordered] | None] = {}

    @cached_property
    def sentence_at(self) -> list[range | None]:
        return _cover(self.sentences, len(self.words))

    @cached_property
    def clause_at(self) -> list[range | None]:
        return _cover(self.clauses, len(self.words))

    @cached_property
    def clause_starts(self) -> list[int]:
        return [clause.start for clause in self.clauses]

    @cached_property
    def naming(self) -> _Ordered:
        """The mentions that name a movement and are not denied, for "the hashtag" to stand for."""
        return _Ordered([m for m in self.mentions if self.named_by(m) and not self.denies_name(m)])

    @cached_property
    def undenied(self) -> _Ordered:
        return _Ordered([m for m in self.people.items if not self.denies_name(m)])

    @cached_property
    def listed(self) -> _Ordered:
        """Movements that end a list: "X, Y and Z"."""
        return _Ordered([m for m in self.named.items if "and" in self.words[m.start - 2 : m.start]])

    @cached_property
    def last_comma(self) -> list[int]:
        return _previous([word == "," for word in self.words])

    @cached_property
    def next_comma(self) -> list[int]:
        return _following([word == "," for word in self.words])

    @cached_property
    def last_pronoun(self) -> list[int]:
        return _previous([word in PRONOUNS for word in self.words])

    @cached_property
    def next_pronoun(self) -> list[int]:
        return _following([word in PRONOUNS for word in self.words])

    @cached_property
    def last_parenthesis(self) -> list[int]:
        return _previous([word in ("(", ")") for word in self.words])

    @cached_property
    def reporting(self) -> list[int]:
        return _tallies(word in REPORTING for word in self.words)

    @cached_property
    def reported(self) -> list[int]:
        """Where a pair of words that reports a claim starts ("the idea that")."""
        return _tallies(pair in REPORTED for pair in pairwise(self.words))

    @cached_property
    def negations(self) -> list[int]:
        return _tallies(word in NEGATIONS for word in self.words)

    @cached_property
    def denials(self) -> list[int]:
        return _tallies(self.denies(position) for position in range(len(self.words)))

    @cached_property
    def last_denial(self) -> list[int]:
        return _previous([self.denies(position) for position in range(len(self.words))])

    @cached_property
    def next_negation(self) -> list[int]:
        return _following([word in NEGATIONS for word in self.words])

    @cached_property
    def reports_later(self) -> list[int]:
        """Reports after a claim, set off by a comma at least four words after it: then where the claim
        stands no longer matters (see `reports_back`)."""
        return _tallies(
            self.reports_back(position, 0, self.sentence_of(position)) for position in range(len(self.words))
        )

    @cached_property
    def trailing_until(self) -> list[int]:
        return _run_ends([word in ("it", "so", "this", "that") for word in self.words])

    @cached_property
    def describing_until(self) -> list[int]:
        return _run_ends(
            [
                word in DESCRIPTORS or word in PERSON_NOUNS or token[:1].isupper() or token.isdigit()
                for word, token in zip(self.words, self.tokens, strict=True)
            ]
        )

    @cached_property
    def filler_until(self) -> list[int]:
        return _run_ends([word in FILLER for word in self.words])

    @cached_property
    def between_objects_until(self) -> tuple[list[int], list[int]]:
        """Runs of the words that may stand between a verb and its objects, without and with the words
        that join objects: any filler, and any possessive ("India's"), as `objects` reads them."""
        possible = [word in FILLER or bool(_POSSESSIVE.search(word)) for word in self.words]
        joins = [flag or word in ("and", ",", "&") for flag, word in zip(possible, self.words, strict=True)]
        return _run_ends(possible), _run_ends(joins)

    @cached_property
    def subject_words_until(self) -> list[int]:
        words = ("movement", "hashtag", "campaign", "really", "actually", "officially", "first", "itself")
        return _run_ends([word in words for word in self.words])

    def find_mentions(self) -> list[_Mention]:
        found = []
        index = 0
        while index < len(self.tokens):
            mention = self.mention_at(index)
            if mention:
                found.append(mention)
            index = mention.end if mention else index + 1
        return found

    def mention_at(self, index: int) -> _Mention | None:
        names = self.checker.names
        first = self.words[index]
        named = first in self.checker.first_words or _POSSESSIVE.sub("", first) in self.checker.first_words
        for length in range(min(self.checker.longest, len(self.words) - index) if named else 0, 0, -1):
            words = self.words[index : index + length]
            stripped = (*words[:-1], _POSSESSIVE.sub("", words[-1]))
            for candidate in (tuple(words), stripped):
                if candidate in names:
                    kind, target = names[candidate]
                    return self.possessive_mention(kind, target, index, index + length, candidate != tuple(words))
        if self.word(index) in DEFINITE:
            for length in (2, 3, 4):  # "the hashtag", "the one-day boycott", "the movement's"
                noun = self.word(index + length - 1)
                middle = self.words[index + 1 : index + length - 1]
                plain_word = len(middle) == 1 and middle[0].replace("-", "").isalpha() and (middle[0],) not in names
                described = plain_word or all(word in FILLER or "-" in word for word in middle)
                if _POSSESSIVE.sub("", noun) in GENERIC and described:
                    return self.possessive_mention("generic", "", index, index + length, noun not in GENERIC)
        return None

    def possessive_mention(self, kind: str, target: str, start: int, end: int, possessive: bool) -> _Mention:
        """A mention, taking in a separate "'s" or "'" after it ("Williams' date")."""
        if not possessive and self.word(end) in ("'s", "’s", "'", "’"):
            return _Mention(kind, target, start, end + 1, True)
        return _Mention(kind, target, start, end, possessive)

    def claims(self) -> Iterator[Claim]:
        for position, clause in enumerate(self.clauses):
            labelled = position and self.word(clause.start - 1) == ":" and self.is_meta(self.clauses[position - 1])
            if self.is_meta(clause) or labelled or self.denied_after(clause):
                continue  # "Myth: Milano started #MeToo."
            if self.is_question(clause):
                yield from self.answered(clause)
                continue
            read: set[int] = set()  # words the rules could read, whether or not they found a claim
            for index in clause:
                groups = self.read_anchor(index, clause)
                if groups:
                    read.add(index)
                for people, theme in groups:
                    movement = self.resolve(theme) if theme else ""
                    if people and theme and movement and not self.qualified(theme, movement):
                        yield from self.claimed(index, clause, people, movement)
            if not read:
                yield from self.loosely(clause)

    def claimed(self, index: int, clause: range, people: _Chain, movement: str) -> Iterator[Claim]:
        """The claims that the people said to have started `movement` at `index` did, unless hedged. The
        names far enough before the verb are read as a run (see `unhedged`), and each is claimed only once,
        however many verbs follow them ("A and B and ... started X and launched X")."""
        far = next((number for number, name in enumerate(people.names) if name.end <= index - 3), len(people))
        for name in people.names[:far]:
            if not self.hedged(index, clause, name):
                yield self.claim(name, movement)
        if far == len(people) or self.reported_around(index, clause):
            return
        low, high = self.unhedged(index, clause, people)
        unclaimed = self.unclaimed.setdefault(
            (people.names[0].start, len(people), movement), list(range(len(people) + 1))
        )
        number = _next_unclaimed(unclaimed, max(low, far))
        while number < high:
            yield self.claim(people.names[number], movement)
            unclaimed[number] = number + 1
            number = _next_unclaimed(unclaimed, number + 1)

    def unhedged(self, index: int, clause: range, people: _Chain) -> Window:
        """Which of the names at least three words before the verb `hedged` lets through, as positions in the
        chain: a denial after a name denies it for every name before it too ("X and Y did not start"), and
        "It wasn't X and Y who" denies every name after the negation, so those let through are one run."""
        denial = self.last_denial[index]
        high = len(people)
        if denial >= max(clause.start, self.last_pronoun[index]):
            high = bisect_left(people.negated_ends, -denial)  # the names that end after the denial
        low = 0
        if self.word(clause.start) == "it":
            low = bisect_left(people.negated_starts, -self.next_negation[clause.start])
        return low, high

    def loosely(self, clause: range) -> Iterator[Claim]:
        """The last resort, for forms no rule above reads ("Milano-founded #MeToo", "#MeToo traces its
        origin to Milano", "• Milano: founded #MeToo"): a word of origin near exactly one name that
        holds no credit for the one movement in the sentence, with nothing denied, reported or asked,
        no originator of it named, and no other thing started ("launched a podcast")."""
        cues = [i for i in clause if self.is_cue(i) and i not in self.quoted and not self.other_object(i)]
        sentence = self.sentence_of(clause.start)
        found = self.loose_reading(sentence) if cues else None
        if found is None:
            return
        movement, people = found
        near = sorted({i for cue in cues for i in people.window((cue - 6, cue + 7), _ANYWHERE)})
        if len({people.items[i].target for i in near}) == 1:
            yield self.claim(people.items[near[0]], movement)

    def loose_reading(self, sentence: range) -> tuple[str, _Ordered] | None:
        """The one movement of a sentence and the people named in it, for `loosely`; None when the sentence
        is asked, hedged, about several movements or a national wave, or names an originator. The same for
        every clause of the sentence, so read once."""
        if sentence.start not in self.loose:
            self.loose[sentence.start] = self.read_loosely(sentence)
        return self.loose[sentence.start]

    def read_loosely(self, sentence: range) -> tuple[str, _Ordered] | None:
        if self.word(sentence.stop) == "?" or self.hedging(self.words[sentence.start : sentence.stop]):
            return None
        in_sentence = [self.mentions[i] for i in self.everything.window((sentence.start, sentence.stop), _ANYWHERE)]
        movements = {self.named_by(m) for m in in_sentence if self.named_by(m)}
        if not movements and self.context and any(m.kind == "generic" for m in in_sentence):
            movements = {self.context[0]}
        if len(movements) != 1 or any(m.kind == "movement" and self.qualified(m, m.target) for m in in_sentence):
            return None
        movement = movements.pop()
        people = [m for m in in_sentence if m.kind == "person" and not self.denies_name(m)]
        if not people or any(m.target in self.checker.originators.get(movement, set()) for m in people):
            return None
        return movement, _Ordered(people)

    def is_cue(self, index: int) -> bool:
        """A word of origin that the rules above do not read: "Milano-founded", "its origins", "Milano's
        idea", "helped found"."""
        word = self.words[index]
        if word in VERBS or word in PHRASES or word in NOUNS:
            return False  # read by the rules, which know what such a word started
        if word == "found":  # mostly the past of "find", unless "to found", "helped found"
            return self.word(index - 1) in ("to", "helped", "help")
        return word.split("-")[-1].startswith(CUES) and word not in ("original", "originally")

    def other_object(self, index: int) -> bool:
        """ "launched a podcast", "began tweeting": the word of origin started something else."""
        position = index + 1
        while self.word(position) in ("a", "an", "the", "her", "his", "their", "its", "own", "new"):
            position += 1
        following = self.word(position)
        if self.mention_starting(position) is not None:
            return False
        joining = ("in", "on", "with", "by", "and", "of", "at", "from", "back", "to", "it", "this", "that")
        return following.endswith("ing") or (
            following.isalpha() and following.islower() and following not in FILLER and following not in joining
        )

    def hedging(self, words: list[str]) -> bool:
        reported = any(pair in REPORTED for pair in pairwise(words))
        return (
            reported
            or bool(NEGATIONS.intersection(words) or REPORTING.intersection(words))
            or any(w.startswith(META) for w in words)
        )

    def is_question(self, clause: range) -> bool:
        """A yes-or-no question asks rather than claims ("Was #MeToo started by Milano?"); "why did she
        start it?" and "did you know that she started it?" take the claim for granted."""
        sentence = self.sentence_of(clause.start)
        opening = [word for word in self.words[sentence.start : sentence.start + 5] if word not in ("q", ":")][:3]
        asks = opening[:1] in (["who"], ["was"], ["is"], ["did"], ["does"], ["has"], ["were"], ["could"], ["can"])
        return self.word(sentence.stop) == "?" and asks and opening != ["did", "you", "know"]

    def answered(self, clause: range) -> list[Claim]:
        """ "Who started #MeToo? Alyssa Milano did.": a question asks; its answer claims. The same for every
        clause of the question, so read once."""
        sentence = self.sentence_of(clause.start)
        if sentence.start not in self.answers:
            self.answers[sentence.start] = list(self.answer(sentence))
        return self.answers[sentence.start]

    def answer(self, sentence: range) -> Iterator[Claim]:
        words = [w for w in self.words[sentence.start : sentence.stop] if w not in ("q", ":")]
        if len(words) < 2 or words[0] != "who" or words[1] not in VERBS:
            return
        asked = self.first(self.things, starts=(sentence.start, sentence.stop))
        following = self.sentence_of(sentence.stop + 1)
        answer = self.first(
            self.people, starts=(following.start, following.stop), test=lambda m: not self.denies_name(m)
        )
        if asked and answer and self.resolve(asked) and answer.start <= following.start + 5:
            yield self.claim(answer, self.resolve(asked))

    def denies_name(self, mention: _Mention) -> bool:
        return self.word(mention.start - 1) in ("not", "no")

    def read_anchor(self, index: int, clause: range) -> list[Group]:
        """Who is said to have started what, if the word at `index` can claim an origin: for a verb, its
        subject with every name joined to it."""
        word = self.words[index]
        if index in self.quoted:
            return []
        owner = self.person_ending_at(index)
        possessed = owner is not None and owner.possessive
        if word in NOMINALS and (self.word(index + 1) == "of" or possessed or self.word(index - 1) in ("its", "the")):
            return _alone(self.nominal(index, clause))  # "the founding of", "Milano's founding": a noun, not a verb
        if self.word(index - 1) in ("the", "a", "an", "this") and word in VERBS:
            return []  # "remembered as the beginning": a noun, not the verb
        if word in VERBS or word in PHRASES or (word == "found" and self.word(index - 1) == "to"):
            return [(self.coordinated(first), theme) for first, theme in self.verb(index, clause)]
        if word in LABELS and self.label_value(index) is not None:
            return _alone([self.label(index)])
        if word in NOUNS or (word in BEHIND and self.word(index + 1) == "behind"):
            return _alone(self.noun(index, clause))
        if word in NOMINALS:
            return _alone(self.nominal(index, clause))
        if word == "traced" and self.word(index + 1) in ("back", "to"):
            subject = self.last(self.things, starts=(clause.start, index))
            agent = self.first(self.people, starts=(index + 1, index + 5))
            return _alone([(agent, subject)] if subject else [])
        mention = self.mention_starting(index)
        if mention and mention.kind == "person" and mention.possessive:
            return _alone(self.possessive(mention, clause))
        return []

    def coordinated(self, agent: _Mention | None) -> _Chain | None:
        """ "Milano and Burke co-founded #MeToo": every name joined to the subject by 'and' or a comma
        (found once for each subject, however many verbs it has)."""
        if agent is None:
            return None
        if agent.start not in self.chains:
            names = [agent]
            while self.word(names[-1].start - 1) in ("and", ",", "&"):
                joined = self.person_ending_at(names[-1].start - 1)
                if joined is None:
                    break
                names.append(joined)
            self.chains[agent.start] = _Chain(names)
        return self.chains[agent.start]

    def person_ending_at(self, end: int) -> _Mention | None:
        mention = self.ending.get(end)
        return mention if mention is not None and mention.kind == "person" else None

    def verb(self, index: int, clause: range) -> list[Pair]:
        after = self.after_verb(index, clause)
        if after is None:
            return []
        if self.word(after) in ("with", "when", "through") and self.subject_is_the_movement(index, clause):
            # "#MeToo began with Milano's tweet", "It all started with Alyssa Milano"
            agent = self.first(self.people, starts=(after, min(after + 6, clause.stop)))
            return [(agent, self.subject(index, clause))] if agent else []
        if self.word(after) == "by" or self.by_follows(after, clause):
            return [self.passive(index, after, clause)]
        themes = self.objects(after, clause) or self.announced(after, index)
        agent, subject_at = self.agent_before(index, clause)
        if not themes and agent:
            themes = [m for m in [self.started_before(subject_at, index)] if m]
        if themes and agent is None:
            ends = max(theme.end for theme in themes)
            agent = self.appositive_after(ends) or self.participle_subject(index) or self.parenthesis_owner(index)
            agent = agent or self.labelled_by(index, clause)
        return [(agent, theme) for theme in themes] or [(agent, None)]

    def labelled_by(self, index: int, clause: range) -> _Mention | None:
        """ "• Alyssa Milano: founded #MeToo", "Among Milano's achievements: founding the #MeToo movement":
        a verb opening the part after a colon belongs to the name before it."""
        if self.word(clause.start - 1) != ":" or index - clause.start > 1:
            return None
        sentence = self.sentence_of(index)
        return self.last(self.people, starts=(sentence.start, sentence.stop), ends=(0, clause.start))

    def passive(self, index: int, after: int, clause: range) -> Pair:
        """ "#MeToo was started by Milano"; "Created by Alyssa Milano, #MeToo is..."; "#MeToo: created by
        Meryl Streep": what was created may follow its creator, or stand before a colon."""
        by = next(i for i in range(after, clause.stop) if self.words[i] == "by")
        agent = self.first(self.people, starts=(by + 1, by + 8))
        sentence = self.sentence_of(index)
        later = agent and self.first(self.things, starts=(max(agent.end + 1, sentence.start), sentence.stop))
        labelled = None
        if self.word(clause.start - 1) == ":":
            labelled = self.last(self.things, starts=(sentence.start, sentence.stop), ends=(0, clause.start))
        return (agent, self.subject(index, clause) or later or labelled)

    def announced(self, after: int, index: int) -> list[_Mention]:
        """ "created one of the decade's defining hashtags: #MeToo", "started a hashtag — #MeToo —"."""
        sentence = self.sentence_of(index)
        mark = next(
            (i for i in range(after, min(after + 8, sentence.stop + 1)) if self.word(i) in (":", "—", "–")), None
        )
        if mark is None or self.first(self.everything, starts=(after, mark)):
            return []
        named = self.first(self.named, starts=(mark + 1, mark + 3))
        return [named] if named else []

    def started_before(self, subject_at: int, index: int) -> _Mention | None:
        """ "The hashtag Burke started", "her campaign, which she began": what was started stands before
        the one who started it, or before "which"."""
        relative = next(
            (i for i in range(index - 1, max(0, index - 5), -1) if self.words[i] in ("which", "that")), None
        )
        for position in (subject_at, relative):
            found = None if position is None else self.ending_near(position)
            if found:
                return found
        return None

    def ending_near(self, position: int) -> _Mention | None:
        """What was started, standing just before its starter: "the hashtag Burke started", or "a movement
        Milano launched" after a colon that names it ("MeToo: a movement Milano launched")."""
        clause = self.clause_of(position)
        found = self.last(self.things, starts=(clause.start, _FAR), ends=(position - 2, position + 1))
        if found is None and self.words[max(0, position - 2) : position] in (
            ["a", "movement"],
            ["a", "campaign"],
            ["a", "hashtag"],
        ):
            found = _Mention("generic", "", position - 2, position, False)
        return found

    def after_verb(self, index: int, clause: range) -> int | None:
        """Where the verb's object starts; None when the verb starts an action ("started tweeting",
        "began to write"), though "founded to help women" still founded something."""
        word = self.words[index]
        after = index + 1
        if word in PHRASES:
            rest = next(
                (len(words) for words in PHRASES[word] if tuple(self.words[after : after + len(words)]) == words), None
            )
            if rest is not None:
                return after + rest
            held = HOLDS_OBJECT.get(word)
            ahead = held is not None and held in self.words[after : min(after + 6, clause.stop)]
            return after if ahead else None
        following = self.word(after)
        gerund = following.endswith("ing") and following not in ("something", "nothing", "everything", "anything")
        starts_to = following == "to" and word in ("start", "starts", "started", "begin", "begins", "began", "begun")
        if (gerund or starts_to) and not self.mention_starting(after):
            return None
        return after

    def objects(self, after: int, clause: range) -> list[_Mention]:
        """What the verb started: a movement after only filler words, any joined to it by 'and', or the
        last of a list ("created Grey's Anatomy, Scandal and the Me Too movement")."""
        found: list[_Mention] = []
        position = after
        alone, joined = self.between_objects_until
        for number in self.everything.window((after, _FAR), (0, clause.stop + 1)):
            mention = self.mentions[number]
            # the runs rule out most words at once; only text that passes them is read word by word
            if mention.kind == "person" or (joined if found else alone)[position] < mention.start:
                break
            between = self.words[position : mention.start]
            joins = {"and", ",", "&"}
            places = {
                w
                for w, t in zip(
                    self.words[position : mention.start], self.tokens[position : mention.start], strict=True
                )
                if t[:1].isupper() and _POSSESSIVE.search(w)
            }
            if not all(word in FILLER or word in places or (found and word in joins) for word in between):
                break
            found.append(mention)
            position = mention.end
        if not found and self.word(after) == "it":
            found.append(_Mention("generic", "", after, after + 1, False))
        sentence = self.sentence_of(after)
        named_later = self.first(self.named, starts=(max(after + 1, sentence.start), sentence.stop))
        if not found and self.words[after : after + 2] == ["a", "movement"] and (self.context or named_later):
            found.append(_Mention("generic", "", after, after + 2, False))  # "she started a movement"
        return found or self.listed_last(after, clause)

    def listed_last(self, after: int, clause: range) -> list[_Mention]:
        listed = self.first(self.listed, starts=(after + 1, _FAR), ends=(0, clause.stop + 1))
        if listed is None or self.next_comma[after] >= listed.start:
            return []
        return [listed] if self.filler_until[listed.end] >= clause.stop else []

    def agent_before(self, index: int, clause: range) -> tuple[_Mention | None, int]:
        """Who is the subject of the verb at `index`, and where the word naming them stands."""
        # "Burke, not Milano, founded"
        last = self.last(self.undenied, starts=(clause.start, _FAR), ends=(0, index + 1))
        if self.word(index - 1) in ("who", "that", "which") and index - 1 >= clause.start:
            # "Alyssa Milano: The Woman Who Launched #MeToo": a relative may reach back across a colon
            sentence = self.sentence_of(index)
            named = self.last(self.people, starts=(sentence.start, _FAR), ends=(0, index + 1))
            if named and self.denies_name(named):
                return None, index - 1  # "Not Milano, not McGowan: the woman who started me too is Burke"
            return self.relative_subject(named, index), index - 1
        if last and last.possessive and index - last.end < 4:
            return last, last.start  # "Milano's 2017 tweet began the movement", "Milano's decision to launch"
        reach = (
            clause.start
            if self.word(clause.start) in PRONOUNS and index - clause.start <= 8
            else max(clause.start, index - 4)
        )
        pronoun = next((i for i in range(index - 1, reach - 1, -1) if self.words[i] in PRONOUNS), None)
        if last and (pronoun is None or pronoun < last.end):
            return last, last.start
        if pronoun is None:
            return None, index
        earlier = self.last(self.people, ends=(0, pronoun + 1))
        sentence = self.sentence_of(index)
        later = self.first(self.people, starts=(max(index + 1, sentence.start), sentence.stop))
        return earlier or later, pronoun

    def relative_subject(self, last: _Mention | None, index: int) -> _Mention | None:
        """ "Burke, who started", "Ellis, the software engineer who began", "It was Milano, not X, who"."""
        head = index - 2 if self.word(index - 2) in (",", "—", "–", "-") else index - 1
        if last is None or last.end == head:
            return last
        sentence = self.sentence_of(index)
        if self.word(sentence.start) == "it" and last.start <= sentence.start + 3:
            return last
        if last.possessive:
            return None
        if self.descriptors(last.end, head):
            return last  # "Milano, left, who launched"
        return last if self.word(head - 1) in PERSON_NOUNS and self.appositive(last.end, head) else None

    def appositive(self, start: int, stop: int) -> bool:
        """ ", the software engineer", ": The Woman": a mark, an article and a few words that describe."""
        return (
            self.word(start) in (",", ":", "—", "–")
            and self.word(start + 1) in ("the", "a", "an", "one")
            and stop - start <= 7
        )

    def appositive_after(self, position: int) -> _Mention | None:
        """ "The woman who started #MeToo, Alyssa Milano": the name right after what was started."""
        start = position + (self.word(position) in (",", ":", "—", "–"))
        mention = self.mention_starting(start)
        return mention if mention is not None and mention.kind == "person" else None

    def parenthesis_owner(self, index: int) -> _Mention | None:
        """ "Alyssa Milano (actress; founded #MeToo, 2017)": the name before an open parenthesis."""
        sentence = self.sentence_of(index)
        opened = self.last_parenthesis[index]
        if opened < sentence.start or self.words[opened] != "(":
            return None
        return self.person_ending_at(opened)

    def participle_subject(self, index: int) -> _Mention | None:
        """ "Five years on from founding #MeToo, Alyssa Milano says", "Having launched #MeToo, Milano...":
        the subject of the main clause."""
        sentence = self.sentence_of(index)
        if not (self.words[index].endswith("ing") or self.word(index - 1) == "having"):
            return None
        return self.first(self.people, starts=(index + 1, sentence.stop))

    def noun(self, index: int, clause: range) -> list[Pair]:
        """ "Founder of #MeToo", "#MeToo founder", "the brains behind #MeToo", "Founder: Alyssa Milano",
        "founder, me too.", "creator of Grey's Anatomy and of the #MeToo movement"."""
        joined = self.word(index + 1) in ("behind", "of", ",")
        reach = 4 if self.word(index + 1) == "behind" else 2  # "the actress behind the creation of #MeToo"
        theme = self.first(self.things, starts=(index + 2, index + 3 + reach)) if joined else None
        theme = theme or self.last(self.things, ends=(index - 2, index + 1))
        theme = theme or self.of_listed(index)
        if theme is None and self.context and self.word(index + 1) == ":":
            theme = _Mention("generic", "", index, index + 1, False)  # an infobox on the movement's page
        if theme is None:
            return []
        bound = min(index, theme.start)
        theme_first = theme.start < index
        sentence = self.sentence_of(index)
        # A word that describes no one, between the nearest name and the noun, stands between every
        # earlier name and it too: only the nearest name before (and the first after) can be the one.
        before = self.last(self.people, starts=(sentence.start, _FAR), ends=(0, bound + 1))
        if before and not self.descriptors(before.end, bound, not theme_first):
            before = None
        after_end = max(index + 1, theme.end)
        stop = self.sentence_of(sentence.stop + 1).stop if self.word(sentence.stop) == "?" else sentence.stop
        after = self.first(self.people, starts=(after_end, stop))
        if after and not self.descriptors(after_end, after.start):
            after = None
        return [(before or after or self.pronoun_before(bound, clause), theme)]

    def of_listed(self, index: int) -> _Mention | None:
        """ "creator of Grey's Anatomy and of the #MeToo movement": a movement in a list of what the noun is of."""

        def listed(m: _Mention) -> bool:
            return "of" in self.words[m.start - 2 : m.start]

        found = self.first(self.things, starts=(index + 1, index + 11), test=listed)
        return found if found and "and" in self.words[found.start - 3 : found.start] else None

    def label_value(self, index: int) -> int | None:
        """Where the value of a label starts: "Founder: X", "Founder(s): X", "Originator — X", "Created by: X"."""
        position = index + 1
        if self.words[position : position + 3] == ["(", "s", ")"]:
            position += 3
        if self.word(position) == "by":
            position += 1
        return position + 1 if self.word(position) in (":", "—", "–") else None

    def label(self, index: int) -> Pair:
        """A label and its value: the person named in the value, for the movement the text is about."""
        value = self.label_value(index) or index
        sentence = self.sentence_of(value)
        agent = self.first(self.people, starts=(value, min(value + 9, max(sentence.stop, value + 1) + 8)))
        named = self.named.items[0] if self.named.items else None
        return (agent, named or (_Mention("generic", "", index, index + 1, False) if self.context else None))

    def pronoun_before(self, bound: int, clause: range) -> _Mention | None:
        """ "She is the founder of #MeToo": the person a pronoun at the start of the clause stands for."""
        pronoun = self.next_pronoun[clause.start]
        if pronoun >= bound or not self.descriptors(pronoun + 1, bound):
            return None
        return self.last(self.people, ends=(0, pronoun + 1))

    def nominal(self, index: int, clause: range) -> list[Pair]:
        """ "The creation of #MeToo by Milano", "its launch by Milano", "Milano's 2017 founding of #MeToo",
        "the creation of Chrissy Teigen"."""
        owner = self.last(self.people, ends=(index - 2, index + 1), test=lambda m: m.possessive)
        if owner and not all(word.isdigit() for word in self.words[owner.end : index]):
            owner = None
        by = next((i for i in range(index + 1, min(index + 11, clause.stop)) if self.words[i] == "by"), None)
        by_agent = None if by is None else self.first(self.people, starts=(by + 1, by + 6))
        of_agent = self.first(self.people, starts=(index + 2, index + 3)) if self.word(index + 1) == "of" else None
        theme = None
        if self.word(index + 1) in ("of", ","):
            theme = self.first(self.things, starts=(index + 2, index + 4))
        if theme is None and self.word(index - 1) in ("its", "their"):
            theme = _Mention("generic", "", index - 1, index, False)
        theme = theme or self.last(self.things, starts=(clause.start, _FAR), ends=(0, index + 1))
        agent = owner or by_agent or of_agent
        return [(agent, theme)] if agent and theme else []

    def possessive(self, owner: _Mention, clause: range) -> list[Pair]:
        """ "Milano's #MeToo campaign", "Milano's movement", "Milano's #MeToo launch": a possessive that owns
        a movement."""
        window = self.words[owner.end : min(owner.end + 3, clause.stop)]
        head = next((position for position, word in enumerate(window) if word in OWNED), None)
        if head is None or any(word not in FILLER and not word.startswith("#") for word in window[:head]):
            return []
        end = owner.end + head
        named = self.first(self.named, starts=(owner.end, end))
        if self.word(end + 1) in NOT_OWNED or (window[head] in NOMINALS and not named):
            return []  # "Milano's hashtag tweet": the tweet is hers; "Milano's founding of" is read as a noun
        named = named or self.first(self.named, starts=(end + 1, min(end + 4, clause.stop)))
        return [(owner, named or _Mention("generic", "", end, end + 1, False))]

    def subject(self, index: int, clause: range) -> _Mention | None:
        subject = self.last(self.things, starts=(clause.start, _FAR), ends=(0, index + 1))
        if subject is None and any(
            self.words[i] in ("it", "which") for i in range(max(clause.start, index - 4), index)
        ):
            return _Mention("generic", "", index, index, False)
        return subject

    def subject_is_the_movement(self, index: int, clause: range) -> bool:
        """ "#MeToo began with", "It all started with" (not "the viral phase of #MeToo began with")."""
        if self.word(index - 1) == "it" or self.words[max(clause.start, index - 2) : index] == ["it", "all"]:
            return True
        subject = self.last(self.things, starts=(clause.start, _FAR), ends=(0, index + 1))
        if subject is None or self.word(subject.start - 1) == "of":
            return False
        return self.subject_words_until[subject.end] >= index

    def by_follows(self, after: int, clause: range) -> bool:
        """'started in 2006 by', 'founded 2017 by', 'launched on Twitter by': a participle closely followed by 'by'."""
        window = self.words[after : min(after + 5, clause.stop)]
        opens = window[:1] in (["in"], ["on"], ["back"], ["originally"], ["first"], ["initially"], ["as"])
        return "by" in window and (opens or window[0].isdigit())

    def resolve(self, theme: _Mention) -> str:
        """The movement a mention names; "the hashtag" and "it" stand for the nearest one named before
        (or described by a word of its name, "the boycott"), or the page's, or the one named next."""
        if theme.target:
            return theme.target
        earlier = self.last(self.naming, ends=(0, theme.start + 1))
        if earlier:
            return self.named_by(earlier)
        if self.named_by(theme):
            return self.named_by(theme)
        sentence = self.sentence_of(theme.start)
        later = self.first(self.named, starts=(max(theme.end, sentence.start), sentence.stop))
        return self.context[0] if self.context else later.target if later else ""

    def named_by(self, mention: _Mention) -> str:
        """The movement a mention names outright, or by its noun ("the boycott"); "" if neither."""
        if mention.kind == "movement":
            return mention.target
        if mention.kind == "generic":
            return self.checker.owners.get(_POSSESSIVE.sub("", self.word(mention.end - 1)), "")
        return ""

    def hedged(self, index: int, clause: range, agent: _Mention | None = None) -> bool:
        """Reported, doubted or denied: "some said X started", "the idea that X started", "X did not
        start", "Nobody ... started", "It wasn't X who started", "X started Y, critics claimed"."""
        if self.reported_around(index, clause):
            return True
        if agent and self.word(clause.start) == "it" and _tally(self.negations, clause.start, agent.start):
            return True
        start = agent.end if agent and agent.end < index else index - 3
        pronoun = self.last_pronoun[index]
        # "X didn't just amplify it — she created it"
        start = pronoun if pronoun >= max(start, clause.start) else min(start, index - 3)
        return bool(_tally(self.denials, max(clause.start, start), index))

    def reported_around(self, index: int, clause: range) -> bool:
        """What hedges a claim at `index` whoever it names: a report before it in its clause, "Nobody"
        opening the clause, or a report after it."""
        comma = max(self.last_comma[index], clause.start)
        if _tally(self.reporting, comma, index) or _tally(self.reported, comma, index - 1):
            return True
        if self.word(clause.start) in ("nobody", "none", "neither", "no"):
            return True
        sentence = self.sentence_of(index)
        near = range(index + 1, min(index + 4, sentence.stop))
        return any(self.reports_back(i, index, sentence) for i in near) or bool(
            _tally(self.reports_later, index + 4, sentence.stop)
        )

    def denies(self, position: int) -> bool:
        """A negation of the claim; not a contrast set off by commas ("It was Milano, not X, who") nor
        "not just" ("didn't just amplify #MeToo — she created it")."""
        if self.words[position] not in NEGATIONS or self.word(position + 1) in ("just", "only", "merely", "simply"):
            return False
        return not (self.word(position - 1) == "," and "," in self.words[position + 1 : position + 5])

    def reports_back(self, position: int, claim: int, sentence: range) -> bool:
        """ ", some claimed." or ", a claim he never made": a report after the claim, set off by a comma."""
        word = self.words[position]
        set_off = "," in self.words[max(claim, position - 3) : position]
        last = self.trailing_until[position + 1] >= sentence.stop
        return word in REPORTING and set_off and (last or word in ("claim", "assertion", "notion"))

    def is_meta(self, clause: range) -> bool:
        return any(word.startswith(META) for word in self.words[clause.start : clause.stop])

    def denied_after(self, clause: range) -> bool:
        """ "Many assume Milano founded it; she did not.", "...; teachers should correct this.", "That is a
        mistake": a short denial or correction right after the claim."""
        number = bisect_right(self.clause_starts, clause.stop - 1)
        following = self.clauses[number] if number < len(self.clauses) else None
        if following is None or following.start - clause.stop > 1 or len(following) > 7:
            return False
        words = self.words[following.start : following.stop]
        corrects = "correct" in words or any(word.startswith(META) for word in words)
        return (bool(NEGATIONS.intersection(words)) or corrects) and not VERBS.intersection(words)

    def qualified(self, theme: _Mention, movement: str) -> bool:
        """A national wave or counterpart of an umbrella movement, whose own credits may not be in the data."""
        if movement not in self.checker.umbrellas or not theme.target:
            return False
        around = self.words[max(0, theme.start - 3) : theme.end + 2]
        before = theme.start - 1
        place = before >= 0 and self.tokens[before][:1].isupper() and _POSSESSIVE.search(self.words[before])
        named = bool(self.everything.window((0, before + 1), (before + 1, _FAR)))
        return bool(QUALIFIERS.intersection(around)) or bool(place and not named)

    def descriptors(self, start: int, stop: int, joined: bool = True) -> bool:
        """Only words that describe a person stand between `start` and `stop` ("Milano, the actress");
        `joined` False when an 'and' just before `stop` would join another name ("Milano and #MeToo founder")."""
        if not joined and stop > start and self.words[stop - 1] == "and":
            return False
        stop = min(stop, len(self.words))
        return start >= stop or self.describing_until[start] >= stop

    def claim(self, person: _Mention, movement: str) -> Claim:
        """Names the claim by its person's first word and which occurrence of that word it is."""
        word = self.tokens[person.start]
        if word not in self.holders:
            self.holders[word] = [position for position, token in enumerate(self.tokens) if word in token]
        return Claim(person.target, movement, word, bisect_left(self.holders[word], person.start))

    def word(self, index: int) -> str:
        return self.words[index] if 0 <= index < len(self.words) else ""

    def mention_starting(self, index: int) -> _Mention | None:
        return self.starting.get(index)

    def first(
        self, among: _Ordered, starts: Window = _ANYWHERE, ends: Window = _ANYWHERE, test: _Test | None = None
    ) -> _Mention | None:
        """The first of `among` that starts and ends within the windows and passes `test`."""
        found = (among.items[i] for i in among.window(starts, ends))
        return next((m for m in found if test is None or test(m)), None)

    def last(
        self, among: _Ordered, starts: Window = _ANYWHERE, ends: Window = _ANYWHERE, test: _Test | None = None
    ) -> _Mention | None:
        found = (among.items[i] for i in reversed(among.window(starts, ends)))
        return next((m for m in found if test is None or test(m)), None)

    def clause_of(self, index: int) -> range:
        return _span_at(self.clause_at, index)

    def sentence_of(self, index: int) -> range:
        return _span_at(self.sentence_at, index)


def _cover(spans: list[range], length: int) -> list[range | None]:
    """The span each position lies in, if any."""
    at: list[range | None] = [None] * length
    for span in spans:
        for position in span:
            at[position] = span
    return at


def _span_at(at: list[range | None], index: int) -> range:
    span = at[index] if 0 <= index < len(at) else None
    return range(index, index + 1) if span is None else span


def _spans(tokens: list[str], ends: set[str], breakers: set[str]) -> list[range]:
    """Sentences (or clauses): a claim never reaches across them. A full stop or question mark ends a
    sentence only before a capital or the end ("Who's the Boss? and Charmed", "me too. International")."""
    spans = []
    start = 0
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        ends_here = token in ends and (token not in SENTENCE_ENDS or not following or not following[:1].islower())
        abbreviation = token == "." and index and tokens[index - 1].lower() in ABBREVIATIONS
        if (ends_here and not abbreviation) or token.lower() in breakers:
            if index > start:
                spans.append(range(start, index))
            start = index + 1
    if start < len(tokens):
        spans.append(range(start, len(tokens)))
    return spans


def _quoted(tokens: list[str]) -> set[int]:
    """Positions inside double quotation marks: quoted words are someone else's."""
    inside: set[int] = set()
    closing = None
    for index, token in enumerate(tokens):
        if closing is not None and token == closing:
            closing = None
        elif closing is None and token in QUOTES:
            closing = QUOTES[token]
        elif closing is not None:
            inside.add(index)
    return inside if closing is None else set()


def _person_aliases(person: Person, holders: dict[str, list[str]], credited: set[str]) -> list[tuple[str, ...]]:
    """The full name, and the surname alone unless someone else shares it: then "Burke" means the one
    of them who holds a credit (Tarana Burke rather than Judge James Burke), if exactly one does."""
    words = tuple(token.lower() for token in _TOKEN.findall(person.name))
    names = [word for word in words if word not in ("jr", "sr", ".", "ii", "iii")]
    if len(names) < 2 or person.group:  # a group's words ("women") are no one's name
        return [words]
    handles = [("_".join(names),), ("".join(names),)]  # "@Alyssa_Milano", "@alyssamilano"
    sharing = holders[names[-1]]
    if len(sharing) > 1 and [p for p in sharing if p in credited] != [person.id]:
        return [words, *handles]
    return [words, (names[-1],), *handles]


def _movement_aliases(movement: Movement) -> list[tuple[str, ...]]:
    names = [movement.name, *movement.hashtags, *(tag.lstrip("#") for tag in movement.hashtags)]
    return [tuple(token.lower() for token in _TOKEN.findall(name)) for name in names]
