"""Site: the lookups over the dataset that every page reads, built once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping as MappingType
from itertools import groupby

from generator import model
from generator.attribution import AttributionChecker, CreditIndex, cited_claims
from generator.model import CREDIT_ROLES, Correction, Dataset, Event, Movement
from generator.pages.markdown import event_page, movement_page, numbered, person_page, split, year_page


class Site:
    """Lookups over the dataset, built once, and the page paths every page links by."""

    def __init__(self, data: Dataset, edit_urls: MappingType[str, str] | None = None) -> None:
        self.data = data
        self.edit_urls = edit_urls or {}
        self.main = data.movements[0]
        self.people = {person.id: person for person in data.people}
        self.sources = {source.id: source for source in data.sources}
        self.publishers = {publisher.id: publisher for publisher in data.publishers}
        self.movements = {movement.id: movement for movement in data.movements}
        self.events = sorted(data.events, key=lambda event: (event.date, event.id))
        self.corrections = sorted(
            data.corrections, key=lambda correction: (correction.date, correction.id), reverse=True
        )
        self.events_of: dict[str, list[Event]] = defaultdict(list)
        self.events_with: dict[str, list[Event]] = defaultdict(list)
        self.citing: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for movement_id in event.movements:
                self.events_of[movement_id].append(event)
            for person_id in dict.fromkeys(participant.person for participant in event.people):
                self.events_with[person_id].append(event)
            for source_id in event_sources(event):
                self.citing[source_id].append(event)
        self.titles = (
            {e.id: e.title for e in data.events}
            | {m.id: m.name for m in data.movements}
            | {p.id: p.name for p in data.people}
        )
        self.pages = {e.id: event_page(e.id) for e in data.events} | {m.id: movement_page(m.id) for m in data.movements}
        self.pages |= {p.id: person_page(p.id) for p in data.people}
        self.notes = citation_notes(data)
        self.corrections_of: dict[str, list[Correction]] = defaultdict(list)
        for correction in self.corrections:
            for record_id in correction.affects.ids():
                self.corrections_of[record_id].append(correction)
        # Each year's events in pages, and the page that lists each event (its event page links back to it).
        self.years = {year: split(events) for year, events in groupby(self.events, key=lambda event: event.date.year)}
        self.listed_on = {
            event.id: numbered(year_page(year), number)
            for year, chunks in self.years.items()
            for number, chunk in enumerate(chunks, start=1)
            for event in chunk
        }
        self.credited: dict[str, list[tuple[Movement, model.Credit]]] = defaultdict(list)
        for movement in data.movements:
            for credit in ordered_credits(movement):
                self.credited[credit.person].append((movement, credit))

    def credits_of(self, person_id: str) -> list[tuple[Movement, model.Credit]]:
        return self.credited.get(person_id, [])

    def publisher_of(self, source_id: str) -> model.Publisher:
        return self.publishers[self.sources[source_id].publisher]


def citation_notes(data: Dataset) -> dict[str, list[str]]:
    """The calm note for each marked source, from the same reading of its words the validator made."""
    checker, credits = AttributionChecker(data.movements, data.people), CreditIndex(data)
    notes: dict[str, list[str]] = defaultdict(list)
    for source in (source for source in data.sources if source.misattributes):
        claims = [claim for found in cited_claims(checker, source).values() for claim in found]
        notes[source.id] = list(dict.fromkeys(credits.note(claim) for claim in claims))
    return notes


def ordered_credits(movement: Movement) -> list[model.Credit]:
    return sorted(movement.credits, key=lambda credit: (CREDIT_ROLES.index(credit.role), credit.date))


def event_sources(event: Event) -> list[str]:
    """The sources an event cites, numbered in order of first mention."""
    ids = list(event.sources) + [figure.source for figure in event.figures]
    ids += [
        source for dispute in event.disputed for alternative in dispute.alternatives for source in alternative.sources
    ]
    return list(dict.fromkeys(ids))
