"""Sourcing: every claim rests on a source the site can rely on, cited where its publisher put it.

A source's weight is its publisher's rating, and the rating follows the address: a source names its
publisher, and the address must be on one of that publisher's hosts, so a blog cannot borrow a newspaper's
name. Events and credits need a `primary` or `reliable` source; an `unreliable` one supports nothing on its
own and may appear only beside one, or as evidence of what was said (a disputed value). Pure: each rule
yields the record, the field and the message, and the validator locates them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from generator.citable import not_citable
from generator.model import RATINGS, SUPPORTING_RATINGS, Dataset, Publisher, Source
from generator.urls import host_of, is_archive_snapshot, is_on, shown

Problem = tuple[object, str, str]
CHOOSING = "see 'Choosing a source' in CONTRIBUTING.md"
FINDS = "`python -m generator linkcheck --archive` finds one"


def covers(publisher: Publisher, host: str) -> bool:
    return any(is_on(host, own) for own in publisher.hosts)


def ratings_of(dataset: Dataset) -> dict[str, str]:
    """Each source's rating, its publisher's, by source id (a source whose publisher could not be read has none)."""
    publishers = {publisher.id: publisher for publisher in dataset.publishers}
    return {
        source.id: publishers[source.publisher].rating for source in dataset.sources if source.publisher in publishers
    }


def problems(dataset: Dataset) -> Iterator[Problem]:
    publishers = {publisher.id: publisher for publisher in dataset.publishers}
    sources = {source.id: source for source in dataset.sources}
    for source in dataset.sources:
        yield from source_problems(source, publishers)
    ratings = ratings_of(dataset)
    for event in dataset.events:
        yield from support_problems(event, "event", event.sources, ratings, sources)
        for figure in event.figures:
            if ratings.get(figure.source) == "unreliable":
                yield (
                    figure,
                    "source",
                    f"'{figure.source}' is from a publisher rated unreliable, which cannot support a figure on its own; cite the figure from a primary or reliable source ({CHOOSING})",
                )
    for movement in dataset.movements:
        for credit in movement.credits:
            yield from support_problems(credit, "credit", credit.sources, ratings, sources)
    for correction in dataset.corrections:
        if all(ratings.get(source) == "unreliable" for source in correction.sources):
            yield (
                correction,
                "sources",
                f"rests only on sources rated unreliable; cite where the correction was published, or a primary or reliable source ({CHOOSING})",
            )


def source_problems(source: Source, publishers: dict[str, Publisher]) -> Iterator[Problem]:
    publisher = publishers.get(source.publisher)
    if publisher is None:
        return  # an unknown publisher is reported where it is named
    host = host_of(source.url)
    if not covers(publisher, host):
        owner = next((other.id for other in publishers.values() if covers(other, host)), None)
        fix = (
            f"name '{owner}', whose host it is"
            if owner
            else f"name the publisher whose site it is, or add {host} to {publisher.id}'s hosts if it is theirs"
        )
        yield (
            source,
            "url",
            f"'{shown(source.url)}' is on {host}, which is not a host of {publisher.id} ({', '.join(publisher.hosts)}); {fix}",
        )
    if source.archive_url and not is_archive_snapshot(source.archive_url):
        yield (
            source,
            "archive_url",
            f"'{shown(source.archive_url)}' is not a snapshot in a web archive; expected https://web.archive.org/web/... or https://archive.ph/...",
        )
    if not source.archive_url and (source.defunct or publisher.defunct):
        gone = "the page is gone" if source.defunct else f"{publisher.name} has closed"
        yield (
            source,
            "url",
            f"{gone}; add an 'archive_url' (a Wayback Machine or archive.today snapshot; {FINDS}) so that readers can still read it",
        )


def unarchived(dataset: Dataset) -> list[tuple[Source, str]]:
    """Sources published at an http address with no archived copy yet: valid, since the address is as
    published, but readers may find it only over an insecure connection, or gone; the validator lists them."""
    return [
        (
            source,
            f"'{shown(source.url)}' is published without https and has no archived copy; add an 'archive_url' ({FINDS})",
        )
        for source in dataset.sources
        if source.url.startswith("http://") and not source.archive_url
    ]


def support_problems(
    record: object, noun: str, cited: Iterable[str], ratings: dict[str, str], sources: dict[str, Source]
) -> Iterator[Problem]:
    cited = [source for source in cited if source in ratings]
    if not cited or is_supported(cited, ratings, sources, credit=noun == "credit"):
        return  # sources that could not be read are reported where they are named
    marked = noun == "credit"  # a misattributing source is discounted only for a credit
    rated = ", ".join(
        f"{source} ({ratings[source]}{', misattributes' if marked and sources[source].misattributes else ''})"
        for source in cited
    )
    yield record, "sources", f"has no primary or reliable source ({rated}); cite one for this {noun} ({CHOOSING})"


def is_supported(cited: Iterable[str], ratings: dict[str, str], sources: dict[str, Source], *, credit: bool) -> bool:
    """A claim needs one primary or reliable source; a credit, one that does not itself credit someone else."""
    return any(
        ratings[source] in SUPPORTING_RATINGS and not (credit and sources[source].misattributes) for source in cited
    )


def summary(dataset: Dataset) -> list[tuple[str, str]]:
    """How well the record is sourced, as rows of a two-column table: what is measured, and the figure."""
    publishers = {publisher.id: publisher for publisher in dataset.publishers}
    sources = {source.id: source for source in dataset.sources}
    rating = ratings_of(dataset)
    credits = [credit for movement in dataset.movements for credit in movement.credits]
    claims = [
        *(e.sources for e in dataset.events),
        *(c.sources for c in credits),
        *((f.source,) for e in dataset.events for f in e.figures),
    ]

    def sources_that(test: Callable[[Source], bool]) -> int:
        return sum(1 for source in dataset.sources if test(source))

    total = len(dataset.sources)
    return [
        ("sources", str(total)),
        ("publishers", str(len(publishers))),
        *((f"sources from {name} publishers", _share(Counter(rating.values())[name], total)) for name in RATINGS),
        (
            "events with a primary or reliable source",
            _share(
                sum(1 for e in dataset.events if is_supported(e.sources, rating, sources, credit=False)),
                len(dataset.events),
            ),
        ),
        (
            "credits with a primary or reliable source",
            _share(sum(1 for c in credits if is_supported(c.sources, rating, sources, credit=True)), len(credits)),
        ),
        (
            "events, credits and figures resting only on unreliable sources",
            str(sum(1 for cited in claims if all(rating[s] == "unreliable" for s in cited))),
        ),
        ("sources on a host that is never a citation", str(sources_that(lambda s: bool(not_citable(s.url))))),
        ("sources published at an http:// address", str(sources_that(lambda s: s.url.startswith("http://")))),
        ("... of which with no archived copy yet", str(len(unarchived(dataset)))),
        (
            "sources that are gone or whose publisher closed",
            str(sources_that(lambda s: s.defunct or publishers[s.publisher].defunct)),
        ),
        ("sources with an archived copy", _share(sources_that(lambda s: bool(s.archive_url)), total)),
        ("sources marked as misattributing", str(sources_that(lambda s: s.misattributes))),
    ]


def _share(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else "0"
