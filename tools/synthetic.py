"""Synthetic but realistic movement histories of any size, for the benchmark (`make bench`).

The shape follows the shipped data: about one person and two sources per event, a movement for every
400 events (at least five) with an originator and an amplifier, a figure on one event in five, a dispute
on one in fifty and a correction for one in two hundred. The prose varies, stays neutral and never
credits an origin, so that the whole file validates. Output is deterministic for a given size and seed.
"""

from __future__ import annotations

import datetime
import json
import random
import sys
from collections.abc import Iterator

FIRST = [
    "Ana",
    "Ben",
    "Chloe",
    "Dario",
    "Elif",
    "Farah",
    "Gita",
    "Hana",
    "Ines",
    "Jonas",
    "Kemi",
    "Lena",
    "Malik",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Samir",
    "Tomas",
    "Ugo",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zara",
    "Amara",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Esme",
    "Felipe",
    "Grace",
    "Hugo",
    "Ivy",
    "Jamal",
    "Keiko",
    "Luis",
    "Mei",
    "Nikos",
    "Olga",
    "Pablo",
    "Rania",
    "Sven",
    "Thandi",
    "Uma",
    "Viktor",
    "Wanjiru",
    "Yara",
    "Zofia",
]
LAST = [
    "Abebe",
    "Baptiste",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fofana",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quintero",
    "Rossi",
    "Santos",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Alvarez",
    "Bianchi",
    "Costa",
    "Diallo",
    "Esposito",
    "Fischer",
    "Gomez",
    "Horvat",
    "Ivanova",
    "Jovanovic",
    "Kaur",
    "Larsen",
    "Mensah",
    "Novak",
    "Ortiz",
    "Popescu",
    "Reyes",
    "Schmidt",
    "Torres",
    "Usman",
    "Vasquez",
    "Wright",
    "Young",
    "Zimmermann",
]
CITIES = [
    "Lagos",
    "Lima",
    "Lyon",
    "Madrid",
    "Manila",
    "Melbourne",
    "Mexico City",
    "Milan",
    "Montreal",
    "Mumbai",
    "Nairobi",
    "Oslo",
    "Paris",
    "Quito",
    "Rome",
    "Santiago",
    "Seoul",
    "Sydney",
    "Taipei",
    "Tokyo",
    "Toronto",
    "Vienna",
    "Warsaw",
    "Accra",
    "Berlin",
    "Bogota",
    "Boston",
    "Cairo",
    "Chicago",
    "Dakar",
    "Delhi",
    "Dublin",
    "Geneva",
    "Houston",
    "Istanbul",
    "Jakarta",
    "Johannesburg",
    "Kyiv",
]
WORDS = [
    "Voice",
    "Dignity",
    "Courage",
    "Safety",
    "Justice",
    "Equity",
    "Respect",
    "Witness",
    "Harbor",
    "Echo",
    "Light",
    "Bridge",
    "Shelter",
    "Horizon",
    "Circle",
    "Thread",
    "Compass",
    "Anchor",
    "Lantern",
    "Signal",
    "Chorus",
    "Garden",
    "Ember",
    "Tide",
    "River",
    "Summit",
]
PUBLISHERS = ("The Daily Ledger", "Morning Courier", "Evening Standard Review", "Civic Wire", "The Observer Post",
              "Metro Journal", "Global Affairs Weekly", "Radio Atlas", "The Chronicle", "Public Record Press")  # fmt: skip
# Their ratings: one primary, one marginal, the rest reliable; every event's first source and every credit's
# come from a primary or reliable one, as the data's rules require.
RATINGS = {"Public Record Press": "primary", "Radio Atlas": "marginal"}
SUPPORTING = tuple(publisher for publisher in PUBLISHERS if RATINGS.get(publisher) != "marginal")
ROLES = ("organizer", "supporter", "witness", "journalist", "author", "official", "executive", "honoree", "subject")
TAGS = ("courts", "workplace", "media", "policy", "campus", "protest", "recognition", "research", "law", "arts")
QUALIFIERS = ("exactly", "about", "nearly", "more than", "at least")
ACTIONS = (
    "spoke at a public hearing in {city}",
    "published a long report on workplace harassment",
    "testified before a legislative committee in {city}",
    "organized a march through central {city}",
    "gave evidence to an independent inquiry",
    "announced a fund for survivors' legal costs",
    "wrote an open letter signed by colleagues",
    "received an award for reporting on abuse",
    "met advocates and lawmakers in {city}",
    "shared research on reporting barriers",
)  # fmt: skip
SENTENCES = (
    "The event drew *{number}* participants, according to organizers.",
    "Local reporting described the day as calm and well attended.",
    "Advocates in {city} said the response showed how far the conversation had moved.",
    "The proposals covered training, reporting channels and independent review.",
    "Several speakers asked for clearer protection for people who come forward.",
    "Coverage in {publisher} summarized the demands and the reactions to them.",
    "Officials promised a written response within {months} months.",
    "See [the report](https://records.example.org/{year}/{index}) for the full text.",
    "Participants shared testimony about harassment at work and at school.",
    "The meeting ended with a commitment to publish data every year.",
)  # fmt: skip


def dataset(events: int, seed: int = 6) -> str:
    """The YAML text of a valid dataset with `events` events."""
    return "".join(_lines(events, random.Random(seed)))


def _lines(count: int, rng: random.Random) -> Iterator[str]:
    movements = max(5, count // 400)
    people = _people(max(10, count), rng)
    dates = sorted(_date(rng) for _ in range(count))
    yield "schema_version: 1\n\nmovements:\n"
    for number in range(movements):
        yield from _movement(number, people, rng)
    yield "\npeople:\n"
    for person_id, name in people:
        yield f"  - id: {person_id}\n    name: {_q(name)}\n"
        yield f"    description: {_q(f'Advocate and writer based in {rng.choice(CITIES)}.')}\n    public_figure: true\n"
    yield "\nsources:\n"
    for number in range(movements):
        yield from _source(f"m{number}-credit", datetime.date(1990, 1, 1), number, rng, SUPPORTING)
    for index, date in enumerate(dates):
        yield from _source(f"e{index}-1", _day(date), index, rng, SUPPORTING)
        yield from _source(f"e{index}-2", _day(date), index, rng, PUBLISHERS)
    yield "\nevents:\n"
    for index, date in enumerate(dates):
        yield from _event(index, date, movements, people, rng)
    yield "\ncorrections:\n" if count >= 200 else ""
    for index in range(0, count - 199, 200):
        yield f"  - id: correction-{index}\n    date: {_day(dates[index]).isoformat()}\n"
        yield f"    affects:\n      events: [{_event_id(index, dates[index])}]\n      sources: [e{index}-1]\n"
        yield f"    wrong: {_q('The first version gave the wrong city.')}\n"
        yield f"    right: {_q('The event took place in ' + rng.choice(CITIES) + '.')}\n    sources: [e{index}-2]\n"
    yield "\npublishers:\n"
    for publisher in PUBLISHERS:
        rating = RATINGS.get(publisher, "reliable")
        yield f"  - id: {_host(publisher)}\n    name: {_q(publisher)}\n    hosts: [{_host(publisher)}.example.org]\n"
        yield f"    rating: {rating}\n    reason: {_q(f'A {rating} outlet of the synthetic history.')}\n"


def _people(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Unique names: a middle initial once there are thousands, a double surname once tens of thousands."""
    found: dict[str, str] = {}
    while len(found) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if len(found) > 20_000:
            last = f"{last}-{rng.choice(LAST)}"
        middle = f"{rng.choice('ABCDEFGHJKLMNPRSTVW')}. " if len(found) > 2000 else ""
        name = f"{first} {middle}{last}"
        person_id = name.lower().replace(". ", "-").replace(" ", "-")
        found.setdefault(person_id, name)
    return list(found.items())


def _movement(number: int, people: list[tuple[str, str]], rng: random.Random) -> Iterator[str]:
    word = WORDS[number % len(WORDS)]
    name = f"{word} Network {number + 1}"
    originator, amplifier = people[2 * number][0], people[2 * number + 1][0]
    yield f"  - id: movement-{number + 1}\n    name: {_q(name)}\n    kind: movement\n"
    yield f"    hashtags: [{_q(f'#{word}{number + 1}')}]\n"
    yield f"    summary: {_q(f'A network of survivors and advocates working on {rng.choice(TAGS)} and safety.')}\n"
    yield f"    credits:\n      - person: {originator}\n        role: originator\n        date: 1990\n"
    yield f"        sources: [m{number}-credit]\n"
    yield f"      - person: {amplifier}\n        role: amplifier\n        date: 1991\n        sources: [m{number}-credit]\n"


def _host(publisher: str) -> str:
    return publisher.lower().replace("the ", "").replace(" ", "-")


def _source(
    source_id: str, date: datetime.date, index: int, rng: random.Random, publishers: tuple[str, ...]
) -> Iterator[str]:
    host = _host(rng.choice(publishers))
    yield f"  - id: {source_id}\n    title: {_q(f'{rng.choice(WORDS)} and {rng.choice(WORDS).lower()}: report {index}')}\n"
    yield f"    publisher: {host}\n    url: https://{host}.example.org/{date.year}/{source_id}\n"
    yield f"    published: {date.isoformat()}\n"
    if rng.random() < 0.3:
        yield f"    archive_url: https://web.archive.org/web/{date.year}/https://{host}.example.org/{source_id}\n"


def _event(
    index: int, date: tuple[int, int, int], movements: int, people: list[tuple[str, str]], rng: random.Random
) -> Iterator[str]:
    city = rng.choice(CITIES)
    person_id, name = people[rng.randrange(len(people))]
    action = rng.choice(ACTIONS).format(city=city)
    event_id = _event_id(index, date)
    yield f"  - id: {event_id}\n    date: {_written(date)}\n    place: {_q(city)}\n"
    yield f"    title: {_q(f'{name} {action}')}\n"
    summary = f"{name.split()[-1]} {action}. " + " ".join(
        rng.choice(SENTENCES).format(
            city=city,
            number=rng.randrange(50, 20000),
            publisher=rng.choice(PUBLISHERS),
            months=rng.randrange(2, 12),
            year=date[0],
            index=index,
        )
        for _ in range(rng.randrange(1, 4))
    )
    yield f"    summary: {_q(summary)}\n"
    own = index % movements + 1
    other = rng.randrange(1, movements + 1)
    yield f"    movements: [{', '.join(dict.fromkeys(f'movement-{n}' for n in (own, other)))}]\n"
    yield f"    people:\n      - person: {person_id}\n        role: {rng.choice(ROLES)}\n"
    for _ in range(rng.randrange(0, 3)):
        extra = people[rng.randrange(len(people))][0]
        if extra != person_id:
            yield f"      - person: {extra}\n        role: {rng.choice(ROLES)}\n"
    yield f"    tags: [{', '.join(sorted(set(rng.sample(TAGS, rng.randrange(1, 3)))))}]\n"
    yield f"    sources: [e{index}-1, e{index}-2]\n"
    if index % 5 == 0:
        yield "    figures:\n"
        yield f"      - value: {rng.randrange(10, 1_000_000)}\n        qualifier: {rng.choice(QUALIFIERS)}\n"
        yield f"        label: {_q('people who took part')}\n        as_of: {_day(date).isoformat()}\n"
        yield f"        source: e{index}-1\n        series: {_q(f'Participants, movement {own}')}\n"
    if index % 50 == 0:
        yield '    disputed:\n      - topic: Number of speakers\n        used: "12"\n        alternatives:\n'
        yield f'          - value: "12"\n            sources: [e{index}-1]\n'
        yield f'          - value: "14"\n            sources: [e{index}-2]\n'


def _date(rng: random.Random) -> tuple[int, int, int]:
    day = datetime.date(1992, 1, 1) + datetime.timedelta(days=rng.randrange(33 * 365))
    precision = rng.random()
    return (day.year, day.month, day.day) if precision < 0.85 else (day.year, day.month, 0) if precision < 0.97 else (day.year, 0, 0)  # fmt: skip


def _day(date: tuple[int, int, int]) -> datetime.date:
    return datetime.date(date[0], date[1] or 1, date[2] or 1)


def _written(date: tuple[int, int, int]) -> str:
    return "-".join([f"{date[0]:04d}"] + [f"{part:02d}" for part in date[1:] if part])


def _event_id(index: int, date: tuple[int, int, int]) -> str:
    return f"{_written(date)}-event-{index}"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


if __name__ == "__main__":
    sys.stdout.write(dataset(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
