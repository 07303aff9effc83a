"""The validated data: immutable records, each field declared once with its kind and meaning.

These declarations are the schema of events.yaml: the validator reads them to check the
file, and the field reference on the site is generated from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.dates import PartialDate
from generator.schema import (
    Choice,
    Date,
    Flag,
    Hashtag,
    Host,
    Integer,
    ListOf,
    Markdown,
    Record,
    Ref,
    Slug,
    Text,
    Url,
    spec,
)

SCHEMA_VERSION = 1
CREDIT_ROLES = ("originator", "amplifier")
EVENT_ROLES = (
    "originator", "amplifier", "organizer", "supporter", "accuser", "accused", "defendant",
    "plaintiff", "survivor", "witness", "journalist", "author", "judge", "prosecutor",
    "official", "executive", "honoree", "subject", "convicted",
)  # fmt: skip
# A court's judgment or a public authority's statement: what a conviction must be sourced to.
AUTHORITATIVE_SOURCE_KINDS = ("court", "official")
SOURCE_KINDS = ("news", "court", "official", "academic", "book", "organization", "social")
QUALIFIERS = ("exactly", "about", "nearly", "more than", "at least", "fewer than", "up to")
MOVEMENT_KINDS = ("movement", "hashtag", "campaign", "organization")
# How far a publisher can be relied on, in the spirit of Wikipedia's list of perennial sources; the first two
# can support a claim on their own.
RATINGS = {
    "primary": "the person or organisation itself, a court or official record, the outlet that broke the story",
    "reliable": "a national newspaper, wire service, public broadcaster or major magazine",
    "marginal": "a minor or regional outlet, a trade or entertainment site",
    "unreliable": "a blog, content farm, aggregator, AI summary, retail or review site",
}
SUPPORTING_RATINGS = ("primary", "reliable")
LANGUAGES = {
    "ar": "Arabic", "de": "German", "es": "Spanish", "fr": "French", "hi": "Hindi", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "pt": "Portuguese", "ru": "Russian", "sv": "Swedish", "zh": "Chinese",
}  # fmt: skip

SOURCES = ListOf(Ref("sources", "source"), min_items=1, unique=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Credit:
    """Who is credited with a movement, in which role, since when and on what evidence."""

    person: str = spec(Ref("people", "person"), "The person credited.")
    role: str = spec(
        Choice(CREDIT_ROLES, "role"),
        "`originator` started the movement (several are allowed, e.g. co-founders); `amplifier` spread it widely.",
    )
    date: PartialDate = spec(Date(), "When the person took this role.")
    note: str | None = spec(Text(prose=True), "One line of context, e.g. what the person did.", required=False)
    disputed: bool = spec(Flag(), "`true` when sources disagree on this credit; shown as disputed.", required=False)
    sources: tuple[str, ...] = spec(SOURCES, "Sources that support this credit (at least one).")


@dataclass(frozen=True, slots=True, kw_only=True)
class Movement:
    """A movement, hashtag, campaign or organization whose history the site tells."""

    id: str = spec(Slug(), "Stable id; the page is /movements/ID/.")
    name: str = spec(Text(100), "Name as readers know it, e.g. 'Me Too'.")
    kind: str | None = spec(Choice(MOVEMENT_KINDS, "kind"), "What it is.", required=False)
    hashtags: tuple[str, ...] = spec(
        ListOf(Hashtag(), unique=True), 'Hashtags it is known by, quoted: `["#MeToo"]`.', required=False
    )
    part_of: str | None = spec(
        Ref("movements", "movement"), "The movement this one is part of, e.g. `metoo`.", required=False
    )
    summary: str = spec(Markdown(), "What it is, in a few neutral sentences (Markdown).")
    credits: tuple[Credit, ...] = spec(
        ListOf(Record(Credit), min_items=1),
        "Credits: at least one originator; originators are listed before amplifiers on every page.",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Consent:
    """The documented consent of a private individual to be named."""

    date: PartialDate = spec(Date(day_only=True), "The day the person agreed to be named.")
    note: str = spec(Text(), "How consent was given and where the record is kept (never the record itself).")


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A person named on the site: a public figure, or a private individual who consented; or a group credited
    together, as its sources describe it, with none of its members named."""

    id: str = spec(Slug(), "Stable id; the page is /people/ID/.")
    name: str = spec(Text(100), "Full name as the person uses it.")
    description: str = spec(Text(200, prose=True), "One short, neutral line on who they are.")
    public_figure: bool = spec(
        Flag(), "`true` for people known publicly for their role; otherwise `consent` is required.", required=False
    )
    consent: Consent | None = spec(
        Record(Consent), "Documented consent for a private individual to be named.", required=False
    )
    group: bool = spec(
        Flag(),
        "`true` for a group credited together, named as its sources describe it (e.g. 'More than 300 women in "
        "Hollywood'); name members separately only where a source names them.",
        required=False,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Publisher:
    """Who publishes sources, where, and how far the site relies on them."""

    id: str = spec(Slug(), "Stable id, e.g. `nytimes`; sources name it as their `publisher`.")
    name: str = spec(Text(100), "Its name as it gives it, e.g. 'The New York Times'.")
    hosts: tuple[str, ...] = spec(
        ListOf(Host(), min_items=1, unique=True),
        "The hosts its pages are on, e.g. `[nytimes.com]`; each covers its subdomains (www.nytimes.com).",
    )
    rating: str = spec(
        Choice(tuple(RATINGS), "rating"),
        "How far it is relied on: "
        + "; ".join(f"`{rating}`, {meaning}" for rating, meaning in RATINGS.items())
        + ". Every event and credit needs a `primary` or `reliable` source.",
    )
    reason: str = spec(Text(200, prose=True), "One line on why it has this rating, shown beside its sources.")
    defunct: bool = spec(
        Flag(), "`true` when it has closed: each of its sources then needs an `archive_url`.", required=False
    )


SOURCE_URL = Url(http=True, citation=True, expected="an absolute URL, http or https as the publisher published it")


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A published source that the data cites."""

    id: str = spec(Slug(), "Stable id, e.g. `vice-2018-burke-anniversary`.")
    title: str = spec(Text(300), "The source's own headline, verbatim.")
    publisher: str = spec(
        Ref("publishers", "publisher"), "The publisher's id, e.g. `nytimes`; the address must be on one of its hosts."
    )
    kind: str | None = spec(
        Choice(SOURCE_KINDS, "kind"),
        "What it is: `court` for a judgment or court record, `official` for a statement by a prosecutor or "
        "other public authority (a conviction must cite one of these), or news, academic, book, organization, social.",
        required=False,
    )
    url: str = spec(
        SOURCE_URL,
        "Where it can be read, exactly as the publisher published it (an http address needs an `archive_url`).",
    )
    published: PartialDate | None = spec(
        Date(),
        "Publication date at the precision the source shows; leave out when it shows none (shown as n.d.).",
        required=False,
    )
    language: str | None = spec(
        Choice(tuple(LANGUAGES), "language"),
        "Language code when the source is not in English.",
        required=False,
    )
    quote: str | None = spec(Text(600), "A passage quoted from the source, verbatim.", required=False)
    misattributes: bool = spec(
        Flag(),
        "`true` when the title or quote credits someone the data does not credit as originator: the citation stays "
        "verbatim and every page that shows it adds a note. Required in that case.",
        required=False,
    )
    archive_url: str | None = spec(
        Url(),
        "An archived copy (a Wayback Machine or archive.today snapshot), shown beside the original; required when "
        "`url` is http or the page or its publisher is gone. Only an address the archive returned.",
        required=False,
    )
    defunct: bool = spec(
        Flag(),
        "`true` when the page is gone (its publisher may live on): it then needs an `archive_url`.",
        required=False,
    )
    accessed: PartialDate | None = spec(Date(day_only=True), "The day the source was last checked.", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """A person's part in an event."""

    person: str = spec(Ref("people", "person"), "The person.")
    role: str = spec(
        Choice(EVENT_ROLES, "role"),
        "Their part in the event. `convicted` needs a source of kind `court` or `official`; until one is cited, "
        "use `defendant`.",
    )
    note: str | None = spec(Text(prose=True), "One line of context.", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A reported number, always with what it counts, when, and who reported it."""

    value: int = spec(Integer(), "The number, digits only: 200000.")
    qualifier: str = spec(Choice(QUALIFIERS, "qualifier"), "How exact the number is, as the source says it.")
    label: str = spec(
        Text(prose=True), "What was counted, e.g. 'uses of #MeToo on Twitter' (quote it when it contains ' #')."
    )
    as_of: PartialDate = spec(Date(), "When the count was taken.")
    source: str = spec(Ref("sources", "source"), "The source that reports it.")
    highlight: bool = spec(Flag(), "`true` to show it among the key figures on the home page.", required=False)
    series: str | None = spec(
        Text(100),
        "Figures with the same series (the same thing counted, over time) are drawn as one chart on the figures page.",
        required=False,
    )
    note: str | None = spec(Text(prose=True), "One line of context, e.g. how the count was made.", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """One of the values that sources give for a disputed fact."""

    value: str = spec(Text(), "The value as this group of sources gives it.")
    note: str | None = spec(Text(prose=True), "One line of context.", required=False)
    sources: tuple[str, ...] = spec(SOURCES, "The sources that give this value.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispute:
    """A fact on which sources disagree: the value the site uses and every alternative."""

    topic: str = spec(Text(prose=True), "What the sources disagree about.")
    used: str = spec(Text(), "The value the site uses; equal to one alternative's value.")
    alternatives: tuple[Alternative, ...] = spec(
        ListOf(Record(Alternative), min_items=2), "Every value the sources give, each with its sources."
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Something that happened, at a date, told in the site's own words with its sources."""

    id: str = spec(Slug(), "Stable id, by convention the date and a short name: `2017-10-15-milano-tweet`.")
    date: PartialDate = spec(Date(), "When it happened, at the precision known: 2006, 2017-10 or 2017-10-15.")
    approximate: bool = spec(Flag(), "`true` when the date itself is approximate (shown as 'about').", required=False)
    place: str | None = spec(Text(100), "Where it happened.", required=False)
    title: str = spec(Text(120, prose=True), "One line, neutral, in the site's own words.")
    summary: str = spec(Markdown(), "What happened, in a few sentences (Markdown).")
    movements: tuple[str, ...] = spec(
        ListOf(Ref("movements", "movement"), min_items=1, unique=True), "The movements it belongs to."
    )
    people: tuple[Participant, ...] = spec(
        ListOf(Record(Participant)), "The people involved and their roles.", required=False
    )
    tags: tuple[str, ...] = spec(
        ListOf(Slug(), unique=True),
        "Topics, as lowercase ids; `milestone` puts the event on the home page.",
        required=False,
    )
    sources: tuple[str, ...] = spec(SOURCES, "Sources for the event (at least one).")
    figures: tuple[Figure, ...] = spec(ListOf(Record(Figure)), "Numbers reported about it.", required=False)
    disputed: tuple[Dispute, ...] = spec(ListOf(Record(Dispute)), "Facts on which sources disagree.", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Affected:
    """The records a correction changes."""

    events: tuple[str, ...] = spec(ListOf(Ref("events", "event"), unique=True), "Events.", required=False)
    movements: tuple[str, ...] = spec(ListOf(Ref("movements", "movement"), unique=True), "Movements.", required=False)
    people: tuple[str, ...] = spec(ListOf(Ref("people", "person"), unique=True), "People.", required=False)
    sources: tuple[str, ...] = spec(ListOf(Ref("sources", "source"), unique=True), "Sources.", required=False)

    def ids(self) -> tuple[str, ...]:
        return self.events + self.movements + self.people + self.sources


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    """A correction to the record, shown the way a newspaper shows one."""

    id: str = spec(Slug(), "Stable id.")
    date: PartialDate = spec(Date(), "When the correction was published (or recorded by this site).")
    affects: Affected = spec(Record(Affected), "The records it corrects; each shows the notice.")
    wrong: str = spec(Text(500), "What was wrong.")
    right: str = spec(Text(500, prose=True), "What is right.")
    note: str | None = spec(Text(prose=True), "One line of context, e.g. where the date comes from.", required=False)
    sources: tuple[str, ...] = spec(SOURCES, "Where the correction was published, or the evidence for it.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Dataset:
    """The whole of events.yaml. The first movement is the one the site is about."""

    schema_version: int = spec(Integer(), f"Version of this format: {SCHEMA_VERSION}.")
    movements: tuple[Movement, ...] = spec(
        ListOf(Record(Movement), min_items=1),
        "Movements, hashtags, campaigns and organizations; the first is the subject of the site.",
    )
    people: tuple[Person, ...] = spec(ListOf(Record(Person)), "People named anywhere in the data.")
    sources: tuple[Source, ...] = spec(ListOf(Record(Source)), "Every source cited.")
    events: tuple[Event, ...] = spec(ListOf(Record(Event), min_items=1), "Events, in chronological order.")
    corrections: tuple[Correction, ...] = spec(ListOf(Record(Correction)), "Corrections to the record.", required=False)
    publishers: tuple[Publisher, ...] = spec(
        ListOf(Record(Publisher)), "Every publisher of a cited source, with its rating; kept last, as a reference."
    )


RECORDS = (
    Dataset,
    Movement,
    Credit,
    Person,
    Consent,
    Publisher,
    Source,
    Event,
    Participant,
    Figure,
    Dispute,
    Alternative,
    Correction,
    Affected,
)
