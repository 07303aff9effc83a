"""The real site: the shipped data validates, MkDocs builds it strictly, and the credit is right on every page."""

from __future__ import annotations

import base64
import datetime
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
import pytest

from generator import charts
from generator.load import Mapping, Node, Scalar, Sequence, load_text
from generator.model import Dataset
from generator.validate import load_dataset, validate
from tools.guide import GUIDE, with_reference

from .conftest import ROOT, build_site, copy_project, source_date_epoch, tree_digest
from .safety import broken_links, inline_scripts, scan_site, text_of

RESOURCE_ATTRIBUTES = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                       ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("form", "action")}  # fmt: skip


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(ROOT / "events.yaml", "events.yaml")


def test_the_shipped_data_is_valid_and_covers_1997_to_2025(data: Dataset) -> None:
    assert len(data.events) >= 40
    years = [event.date.year for event in data.events]
    assert (min(years), max(years)) == (1997, 2025)
    assert all(event.sources for event in data.events)
    assert {"metoo", "balancetonporc", "quellavoltache", "womenboycotttwitter", "times-up"} <= {
        m.id for m in data.movements
    }


def test_the_shipped_credits_name_burke_originator_and_milano_amplifier(data: Dataset) -> None:
    metoo = next(movement for movement in data.movements if movement.id == "metoo")
    credits = {(credit.person, credit.role, credit.date.iso()) for credit in metoo.credits}
    assert ("tarana-burke", "originator", "2006") in credits
    assert ("alyssa-milano", "amplifier", "2017-10-15") in credits
    assert not any(credit.person == "alyssa-milano" and credit.role == "originator" for credit in metoo.credits)


def test_the_first_correction_is_the_seed_articles_editors_note(data: Dataset) -> None:
    oldest = min(data.corrections, key=lambda correction: (correction.date, correction.id))
    assert "Tarana Burke" in oldest.right and "Milano" in oldest.right


@pytest.mark.parametrize(
    "page",
    ["index.html", "movements/metoo/index.html", "people/tarana-burke/index.html", "people/alyssa-milano/index.html"],
)
def test_burke_is_shown_as_originator_before_milano_as_amplifier(site: Path, page: str) -> None:
    text = text_of(site / page)
    originator = text.index("Originated by Tarana Burke, 2006")
    assert originator < text.index("Amplified by Alyssa Milano, 15 October 2017")


def test_the_person_pages_give_each_their_own_role(site: Path) -> None:
    assert "Originator of Me Too, 2006" in text_of(site / "people/tarana-burke/index.html")
    assert "Amplifier of Me Too, 15 October 2017" in text_of(site / "people/alyssa-milano/index.html")
    assert "Originator of Me Too" not in text_of(site / "people/alyssa-milano/index.html")
    assert "Amplifier of Me Too" not in text_of(site / "people/tarana-burke/index.html")


MISATTRIBUTION = re.compile(
    r"Milano\W{1,3}(the\s+)?(originator|founder|creator)"
    r"|(Originated|Founded|Started|Created)\s+by\s+Alyssa\s+Milano"
    r"|(Originator|Founder)\s*(of\s+Me\s+Too)?\s*[:,]?\s*Alyssa\s+Milano"
    r"|(Originator|Founder)\s+of\s+Me\s+Too,\s+15\s+October\s+2017",
    re.IGNORECASE,
)


def test_no_page_calls_milano_the_originator_or_founder(site: Path) -> None:
    """In the site's own words: quotations (a cited headline, an example of a wrong sentence) are set apart."""
    pages = [page for page in sorted(site.rglob("*.html")) if "<article" in page.read_text(encoding="utf-8")]
    assert len(pages) > 40
    own_words = {page.relative_to(site).as_posix(): re.sub(r"“[^”]*”|\"[^\"]*\"", "", text_of(page)) for page in pages}
    offending = {page: match.group(0) for page, text in own_words.items() if (match := MISATTRIBUTION.search(text))}
    assert offending == {}
    assert MISATTRIBUTION.search("the founder, Alyssa Milano, spoke")


class _Resources(HTMLParser):
    """Collects every URL a page would load by itself (not links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (tag, name) in RESOURCE_ATTRIBUTES and value:
                self.urls.append(value)
            if name == "style" and value and "url(" in value:
                self.urls.append(value)


def is_external(url: str) -> bool:
    return bool(re.match(r"\s*(https?:)?//", url, re.IGNORECASE)) or "url(http" in url or "url(//" in url


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    external = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        found = [url for url in parser.urls if is_external(url)]
        if found:
            external[page.relative_to(site).as_posix()] = found
    for stylesheet in sorted(site.rglob("*.css")):
        found = re.findall(
            r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")]+)", stylesheet.read_text(encoding="utf-8")
        )
        if found:
            external[stylesheet.relative_to(site).as_posix()] = found
    assert external == {}


def primary_navigation(page: str) -> str:
    """The whole primary navigation of a Material page, nested sections included."""
    start = page.index('<nav class="md-nav md-nav--primary"')
    depth = 0
    for tag in re.finditer(r"<nav\b|</nav>", page[start:]):
        depth += 1 if tag.group(0) == "<nav" else -1
        if depth == 0:
            return page[start : start + tag.end()]
    raise AssertionError("the primary navigation is not closed")


def test_the_navigation_lists_hub_pages_only(site: Path) -> None:
    """Material repeats the navigation on every page: listing events there would grow the site with their square."""
    navigation = primary_navigation(
        (site / "events" / "2017-10-15-milano-tweet" / "index.html").read_text(encoding="utf-8")
    )
    links = {target.strip("./") for target in re.findall(r'href="([^"#]*)"', navigation)}
    assert links == {
        "",
        "timeline",
        "figures",
        "movements",
        "people",
        "sources",
        "corrections",
        "search",
        "support",
        "about",
        "data",
        "contribute",
        "data-fields",
    }


def test_every_event_has_a_page_and_the_home_page_offers_support(site: Path, data: Dataset) -> None:
    assert all((site / "events" / event.id / "index.html").is_file() for event in data.events)
    home = text_of(site / "index.html")
    assert "800-656-HOPE" in home
    assert "More support resources" in home


def test_the_worked_example_in_the_contributor_guide_validates() -> None:
    """The guide's example, added to the shipped data where it belongs, passes the validator."""
    guide = (ROOT / "docs" / "contribute.md").read_text(encoding="utf-8")
    blocks = [load_text(block, "contribute.md") for block in re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL)]
    root = load_text((ROOT / "events.yaml").read_text(encoding="utf-8"), "events.yaml")
    assert isinstance(root, Mapping)
    entries = dict(root.entries)
    for block in blocks:
        assert isinstance(block, Mapping)
        for key, added in block.entries.items():
            existing = entries[key]
            assert isinstance(existing, Sequence) and isinstance(added, Sequence)
            merged = sorted(existing.items + added.items, key=raw_date)
            entries[key] = Sequence(tuple(merged), existing.line, existing.column)
    data = validate(
        Mapping(entries, root.key_marks, root.line, root.column), "events.yaml", datetime.date(2026, 11, 28)
    )
    assert "2017-10-16-example-event" in {event.id for event in data.events}


def raw_date(record: Node) -> str:
    """An event's date as written (ISO text sorts in date order); records without one keep their place."""
    date = record.entries.get("date") if isinstance(record, Mapping) else None
    return date.text if isinstance(date, Scalar) else ""


def test_the_corrections_feed_parses_and_lists_every_correction(site: Path, data: Dataset) -> None:
    feed = feedparser.parse((site / "corrections" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(data.corrections)
    newest = max(data.corrections, key=lambda correction: (correction.date, correction.id))
    assert feed.entries[0].title == f"Correction, {newest.date}: {newest.right}"
    assert feed.entries[0].updated == f"{newest.date.last_day().isoformat()}T00:00:00Z"


@pytest.mark.parametrize(
    ("page", "person", "role"),
    [
        ("index.html", "Tarana Burke", "originator"),
        ("movements/metoo/index.html", "Alyssa Milano", "amplifier"),
        ("events/2017-10-15-milano-tweet/index.html", "Alyssa Milano", "amplifier"),
        ("people/tarana-burke/index.html", "Tarana Burke", "originator"),
    ],
)
def test_credits_are_published_as_schema_org_roles(site: Path, page: str, person: str, role: str) -> None:
    source = (site / page).read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', source, re.DOTALL)
    assert len(blocks) == 1
    graph = json.loads(blocks[0])["@graph"]
    [node] = [node for node in graph if node["@type"] == "Person" and node["name"] == person]
    assert {(r["@type"], r["roleName"]) for r in node["memberOf"]} >= {("OrganizationRole", role)}
    here = f"https://example.org/{page.removesuffix('index.html')}"
    movements = {urljoin(here, r["memberOf"]["@id"]) for r in node["memberOf"] if r["roleName"] == role}
    assert movements == {"https://example.org/movements/metoo/"}


def test_credit_lines_and_structured_data_stand_on_every_page_of_a_movement(site: Path, data: Dataset) -> None:
    for movement in data.movements:
        pages = [f"movements/{movement.id}/index.html"] + [
            f"events/{e.id}/index.html" for e in data.events if movement.id in e.movements
        ]
        pages += [f"people/{credit.person}/index.html" for credit in movement.credits]
        for page in pages:
            source = (site / page).read_text(encoding="utf-8")
            assert "Originated by" in text_of(site / page), page
            [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', source, re.S)
            assert '"roleName": "originator"' in json.dumps(json.loads(block)), page


def test_a_misattributing_citation_carries_its_note_wherever_it_is_shown(site: Path, data: Dataset) -> None:
    marked = [source for source in data.sources if source.misattributes]
    assert marked
    for source in marked:
        pages = [
            page
            for page in site.rglob("*.html")
            if "<article" in page.read_text(encoding="utf-8") and source.title in text_of(page)
        ]
        assert pages, source.id
        for page in pages:
            assert (
                "This source credits Alyssa Milano with starting #MeToo. The movement was started by Tarana Burke in 2006; Milano amplified it."
                in text_of(page)
            ), page


def test_corrections_and_disputes_are_shown_where_they_belong(site: Path, data: Dataset) -> None:
    for correction in data.corrections:
        for event_id in correction.affects.events:
            assert f"Correction, {correction.date}" in text_of(site / "events" / event_id / "index.html")
        assert correction.right in text_of(site / "corrections" / "index.html")
    for event in data.events:
        for dispute in event.disputed:
            text = text_of(site / "events" / event.id / "index.html")
            assert f"Sources differ: {dispute.topic}" in text and f"This page uses {dispute.used}" in text


def test_every_page_is_titled_by_its_own_heading(site: Path) -> None:
    """The browser tab, search results and shared links name the page, not "Index"."""
    folders = ("events", "people", "movements", "timeline")  # pages the navigation does not title
    pages = [page for folder in folders for page in sorted((site / folder).glob("*/index.html"))]
    assert len(pages) > 60
    for page in pages:
        source = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", source)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", source, re.S)
        assert title and heading, page
        words = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip("¶ ")
        assert html.unescape(title.group(1)).startswith(words), page


def test_every_internal_link_and_asset_resolves(site: Path) -> None:
    assert broken_links(site) == []


def test_figures_are_drawn_as_accessible_charts_beside_their_tables(site: Path, data: Dataset) -> None:
    source = (site / "figures" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="([^"]+)"', source)
    series = {figure.series for event in data.events for figure in event.figures if figure.series}
    assert len(charts) == len(series) + 1  # each series, and events per year by movement
    for labels in charts:
        for label in labels.split():
            assert f'id="{label}"' in source
    assert source.count("<table>") >= len(charts)


@pytest.mark.parametrize(
    ("values", "ticks"),
    [((150_000, 1_200_000, 19_000_000), ("100K", "1M", "10M", "100M")), ((200_000, 19_000_000), ("0", "10M", "20M"))],
    ids=["over-a-hundredfold-logarithmic", "within-a-hundredfold-linear"],
)
def test_a_series_spanning_more_than_a_hundredfold_is_drawn_on_a_logarithmic_scale(
    values: tuple[int, ...], ticks: tuple[str, ...]
) -> None:
    days = [datetime.date(2017, 10, 15) + datetime.timedelta(days=30 * n) for n in range(len(values))]
    svg = charts.line_chart(
        "c", "Uses", "Uses over time", [charts.Point(d, v, str(v)) for d, v in zip(days, values, strict=True)]
    )
    value_ticks = re.findall(rf'class="chart__tick" x="{charts.LEFT - 6}" [^>]*>([^<]+)</text>', svg)
    assert tuple(value_ticks) == ticks


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.content: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("name") or values.get("property")
        if tag == "meta" and key:
            self.content[key] = values.get("content") or ""


def test_pages_describe_themselves_for_search_engines_and_shared_links(site: Path, data: Dataset) -> None:
    for event in data.events:
        meta = _Meta()
        meta.feed((site / "events" / event.id / "index.html").read_text(encoding="utf-8"))
        assert meta.content["og:title"] == event.title
        assert meta.content["og:type"] == "article"
        assert meta.content["description"] == meta.content["og:description"]
        assert str(event.date) in meta.content["description"].split(":")[0] and len(meta.content["description"]) > 40


def test_pages_that_describe_sexual_violence_open_with_a_content_note(site: Path, data: Dataset) -> None:
    noted = [event for event in data.events if "Content note" in text_of(site / "events" / event.id / "index.html")]
    ids = {event.id for event in noted}
    assert "2020-02-24-weinstein-convicted-in-new-york" in ids
    assert "2022-11-18-she-said-film-released" not in ids  # a film's release describes no violence
    for event in noted:
        assert "This page describes sexual violence. Support is available." in text_of(
            site / "events" / event.id / "index.html"
        )


def test_the_contributor_guide_carries_the_current_field_reference() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert "| `misattributes` | no |" in text
    assert with_reference(text) == text, "CONTRIBUTING.md's field reference is out of date: run `make guide`"


def test_the_repository_link_asks_nothing_of_github(tmp_path: Path) -> None:
    """Material asks GitHub's API for a repository's stars when it is linked; the site's own partial does not."""
    project = copy_project(tmp_path, ROOT / "events.yaml")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("docs_dir: docs\n", "docs_dir: docs\nrepo_url: https://github.com/example/history\n"),
        encoding="utf-8",
    )
    home = (build_site(project) / "index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in home and 'data-md-component="source"' not in home


def test_the_built_site_passes_the_safety_scan(site: Path) -> None:
    assert scan_site(site) == []


def test_two_builds_of_the_same_commit_are_identical_byte_for_byte(site: Path, tmp_path: Path) -> None:
    """Built elsewhere, at another time, from the same commit: the same bytes in docs/ and site/, so that
    a published page can be traced to its source. The only date is the commit's (SOURCE_DATE_EPOCH)."""
    again = build_site(copy_project(tmp_path, ROOT / "events.yaml"))
    assert tree_digest(again.parent / "docs") == tree_digest(site.parent / "docs")
    assert tree_digest(again) == tree_digest(site)
    stamp = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")  # the gzip header's time
    assert stamp == int(source_date_epoch()) // 86400 * 86400  # MkDocs keeps the commit's day


def test_every_page_carries_a_security_policy_for_exactly_its_own_inline_scripts(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert "404.html" in {page.name for page in pages}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
        assert text.index("Content-Security-Policy") < text.index("<script"), page
        directives = dict(directive.split(" ", 1) for directive in policy.split("; "))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        hashes = {
            "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
            for script in inline_scripts(text)
        }
        search = ["'wasm-unsafe-eval'"] if page == site / "search" / "index.html" else []  # Pagefind, there only
        assert directives["script-src"].split() == ["'self'", *sorted(hashes), *search], page
