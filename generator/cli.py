"""The command line: the only module that knows about the terminal.

Exit codes: 0 fine, 1 the data or the output folder has a problem, 2 the command was misused.
"""

from __future__ import annotations

import datetime
import difflib
import gc
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import scaffold, sourcing
from generator.annotations import annotation
from generator.diff import describe_change
from generator.errors import DataError, GeneratorError, Problem
from generator.fmt import format_text
from generator.load import Node, load_bytes, load_file, load_text
from generator.model import RECORDS, Dataset
from generator.render import render_pages
from generator.scaffold import Fields
from generator.schema import json_schema
from generator.urls import shown, url_problem
from generator.validate import load_dataset, record_lines, validate_with_warnings
from generator.validate import validate as validate_tree
from generator.write import WriteReport, replace_file, restore_interrupted, write_pages

if TYPE_CHECKING:
    import requests

    from generator.linkcheck import LinkResult

DATA_OPTION = click.option(
    "--data", "data_path", type=click.Path(path_type=Path, dir_okay=False), default=Path("events.yaml"),
    show_default=True, help="The data file to read.",
)  # fmt: skip
DOCS_OPTION = click.option(
    "--docs", "docs_path", type=click.Path(path_type=Path, file_okay=False), default=Path("docs"),
    show_default=True, help="The MkDocs docs folder to write generated pages into.",
)  # fmt: skip


@contextmanager
def cycle_collection_deferred() -> Iterator[None]:
    """Reading the data makes millions of small objects and no reference cycles; Python's cycle collector
    would scan them again and again as they are made (half the time of a 10,000-event build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Prints user errors as `file:line:col: error: ...` lines and exits 1, never with a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            with cycle_collection_deferred():
                command(*args, **kwargs)
        except DataError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            raise click.ClickException(f"{error}; nothing was written") from None
        except GeneratorError as error:
            raise click.ClickException(str(error)) from None

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build the movement-history site from its data file.

    \b
    Example:
        python -m generator validate
        python -m generator build
        python -m generator serve
    """


@main.command()
@DATA_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="github: also write each problem as a GitHub Actions annotation, shown on the pull request's diff.")  # fmt: skip
@reports_errors
def validate(data_path: Path, output_format: str) -> None:
    """Check the data file and report every problem at once.

    Each problem is printed as FILE:LINE:COL: error: RECORD FIELD: what is wrong. Sources published at an
    http address with no archived copy yet are listed as warnings. Exits 0 when the data is valid, 1 when it is not.

    \b
    Example:
        python -m generator validate --data events.yaml
        python -m generator validate --format github
    """
    try:
        data, warnings = validate_with_warnings(
            load_file(data_path, str(data_path)), str(data_path), datetime.date.today()
        )
    except DataError as error:
        if output_format == "github":
            click.echo("".join(map(_github_annotation, error.problems)), nl=False)
        raise
    click.echo("".join(f"{warning}\n" for warning in warnings), nl=False, err=True)
    if output_format == "github":
        click.echo("".join(map(_github_annotation, warnings)), nl=False)
    click.echo(f"{data_path}: valid: {_counts(data)}")


@main.command()
@DATA_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="github: each problem as a warning annotation on its line, and a table in the job summary.")  # fmt: skip
@click.option(
    "--archive",
    is_flag=True,
    help="Then ask the Internet Archive for a snapshot of each source that needs one (published at http, gone, "
    "or found dead) and write the addresses it returns into the data file, laid out as fmt lays it out.",
)
@reports_errors
def linkcheck(data_path: Path, output_format: str, archive: bool) -> None:
    """Check every source's url and archive_url over the network.

    Reports dead links, soft 404s (a page that says it is missing, or a move to the home page), and
    permanent redirects with the address to cite instead. Exits 0 when every address answers, 1 when
    some are dead or failing, 2 when there is no network. The data file is changed only with --archive,
    and then all at once.

    \b
    Example:
        python -m generator linkcheck
        python -m generator linkcheck --format github
        python -m generator linkcheck --archive
    """
    from generator import linkcheck as checker  # the HTTP library is loaded only when the network is used
    from generator import linkreport

    root = load_file(data_path, str(data_path))
    data = validate_tree(root, str(data_path), datetime.date.today())
    session = checker.new_session()
    try:
        results = checker.check(checker.addresses_of(data.sources), session=session)
    except checker.NoNetwork as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    click.echo(linkreport.report_text(results), nl=False)
    if output_format == "github":
        positions = linkreport.address_positions(root)
        click.echo(linkreport.report_github(results, positions, str(data_path)), nl=False)
        if summary_file := os.environ.get("GITHUB_STEP_SUMMARY"):
            with open(summary_file, "a", encoding="utf-8") as summary:
                summary.write(linkreport.markdown_summary(results))
    if archive:
        _archive(data_path, data, results, session)
    if any(result.status in ("dead", "soft-404", "error") for result in results):
        sys.exit(1)


def _archive(data_path: Path, data: Dataset, results: list[LinkResult], session: requests.Session) -> None:
    """Snapshots for the sources that need one, written into the data file at once, or not at all."""
    from generator import archive

    broken = {result.source_id for result in results if result.field == "url" and result.status in ("dead", "soft-404")}
    unarchived = {source.id for source, _ in sourcing.unarchived(data)}
    needing = [
        source
        for source in data.sources
        if not source.archive_url and (source.id in broken | unarchived or source.defunct)
    ]
    found = archive.find_snapshots(needing, session)
    if found:
        text = archive.add_archive_urls(data_path.read_text(encoding="utf-8"), found, str(data_path))
        replace_file(data_path, text.encode("utf-8"))
    missing = [source.id for source in needing if source.id not in found]
    click.echo(f"{data_path}: archived copies added for {len(found)} of {len(needing)} sources that need one")
    if missing:
        click.echo(f"still without an archived copy: {', '.join(missing)}")


def _github_annotation(problem: Problem) -> str:
    return annotation(problem.severity, problem.file, problem.line, problem.column, problem.message)


@main.command()
@DATA_OPTION
@reports_errors
def sources(data_path: Path) -> None:
    """How well the record is sourced: sources by their publisher's rating, the events and credits that rest
    on a primary or reliable source, and the addresses that need an archived copy.

    \b
    Example:
        python -m generator sources
    """
    rows = sourcing.summary(load_dataset(data_path))
    width = max(len(label) for label, _ in rows)
    click.echo("\n".join(f"{label:<{width}}  {figure}" for label, figure in rows))


def _checked_url(context: click.Context, parameter: click.Parameter, value: str) -> str:
    if value and (problem := url_problem(value)):
        raise click.BadParameter(f"'{shown(value)}' {problem}")
    return value


REPO_OPTION = click.option(
    "--repo-url",
    default="",
    callback=_checked_url,
    help="The repository's web address (mkdocs.yml's repo_url): event pages link to their lines there.",
)


@main.command()
@DATA_OPTION
@DOCS_OPTION
@REPO_OPTION
@reports_errors
def build(data_path: Path, docs_path: Path, repo_url: str) -> None:
    """Validate the data, then write the generated Markdown pages into the docs folder.

    Only the generator's own pages change (the home page and the timeline, events,
    people, movements, sources, corrections and data-fields folders); hand-written
    pages are never touched. If the data has any problem, nothing is written.

    \b
    Example:
        python -m generator build --data events.yaml --docs docs
        mkdocs build --strict
    """
    click.echo(_build(data_path, docs_path, repo_url))


@main.command()
@DATA_OPTION
@DOCS_OPTION
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration.",
)
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve the preview on.")
@reports_errors
def serve(data_path: Path, docs_path: Path, config_path: Path, dev_addr: str) -> None:
    """Preview the site, rebuilding the pages whenever the data file changes.

    MkDocs serves the site with live reload; each save of the data file is validated
    and, when valid, regenerates the pages. While it has errors, they are printed and
    the last good pages stay in place.

    \b
    Example:
        python -m generator serve --dev-addr 127.0.0.1:8000
    """
    click.echo(_build(data_path, docs_path))
    # Only the pages an edit changed are rebuilt (--dirty, which strict mode refuses: `make site` stays strict).
    serve = ["serve", "--livereload", "--dirty", "--no-strict", "-f", str(config_path), "-a", dev_addr]
    command = [sys.executable, "-m", "mkdocs", *serve]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a process manager: stop MkDocs too
    with subprocess.Popen(command) as server:
        try:
            _watch(data_path, docs_path, server)
        except KeyboardInterrupt:
            pass
        finally:
            server.terminate()


@main.command()
@click.option(
    "--output",
    "output_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("events.schema.json"),
    show_default=True,
    help="Where to write the schema.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the file is not the schema the validator uses.")
@reports_errors
def schema(output_path: Path, check: bool) -> None:
    """Write the JSON Schema of the data file, for editors.

    The schema is made from the same declarations the validator reads, so the two cannot drift.
    events.yaml names it on its first line, and editors with a YAML language server then complete
    and check fields while typing.

    \b
    Example:
        python -m generator schema
        python -m generator schema --check
    """
    text = json.dumps(json_schema(Dataset, RECORDS), indent=2, ensure_ascii=False) + "\n"
    current = output_path.read_text(encoding="utf-8") if output_path.is_file() else ""
    if check:
        if current != text:
            raise GeneratorError(
                f"{output_path} is not the schema the validator uses; run `python -m generator schema`"
            )
        click.echo(f"{output_path}: up to date")
        return
    output_path.write_text(text, encoding="utf-8")
    click.echo(f"{output_path}: written")


@main.command()
@click.argument("base")
@DATA_OPTION
@reports_errors
def diff(base: str, data_path: Path) -> None:
    """Summarise what a change to the data does, in Markdown for a pull request.

    BASE is a file, or a git revision whose copy of the data file is compared. Changes to who is
    credited with what come first, then events, people, sources, movements and corrections added,
    changed and removed, with their titles.

    \b
    Example:
        python -m generator diff origin/main
        python -m generator diff old-events.yaml --data events.yaml
    """
    click.echo(describe_change(_base_dataset(base, data_path), load_dataset(data_path)), nl=False)


def _base_dataset(base: str, data_path: Path) -> Dataset:
    """The data as it was: from a file, or from a git revision's copy of the data file."""
    if Path(base).is_file():
        return load_dataset(Path(base), base)
    name = f"{base}:{data_path.as_posix()}"
    shown = subprocess.run(["git", "show", name], capture_output=True, check=False)
    if shown.returncode:
        raise GeneratorError(
            f"{base} is neither a file nor a git revision with {data_path}: {shown.stderr.decode().strip()}"
        )
    return validate_tree(load_bytes(shown.stdout, name), name, datetime.date.today())


@main.command()
@DATA_OPTION
@click.option("--check", is_flag=True, help="Change nothing; show what would change and exit 1 if anything would.")
@reports_errors
def fmt(data_path: Path, check: bool) -> None:
    """Lay the data file out in its one canonical form, keeping every comment.

    Keys in the schema's order, events and corrections in time order, text quoted only where YAML
    needs it, Markdown folded at 100 columns. Running it twice changes nothing the second time.

    \b
    Example:
        python -m generator fmt
        python -m generator fmt --check
    """
    text = data_path.read_text(encoding="utf-8")
    formatted = format_text(text)
    if not check:
        data_path.write_text(formatted, encoding="utf-8")
        click.echo(f"{data_path}: {'formatted' if formatted != text else 'already formatted'}")
        return
    if formatted != text:
        changes = difflib.unified_diff(
            text.splitlines(keepends=True),
            formatted.splitlines(keepends=True),
            str(data_path),
            f"{data_path} (formatted)",
        )
        click.echo("".join(changes), nl=False)
        raise GeneratorError(f"{data_path} is not formatted; run `python -m generator fmt`")
    click.echo(f"{data_path}: formatted")


@main.group()
def new() -> None:
    """Add a new event, person or source to the data file, where it belongs.

    Give the fields as options; in a terminal, any left out are asked for. The record is added
    only if the whole file still validates, and an id already in use is refused.

    \b
    Example:
        python -m generator new event --date 2017-10-16 --title "..." --summary "..." \\
            --movement metoo --source-title "..." --publisher "..." --source-url https://...
        python -m generator new person --name "Tarana Burke" --description "..." --public-figure
        python -m generator new source --title "..." --publisher "..." --url https://...
    """


def _ask(value: str | None, prompt: str) -> str:
    """A field from its option, or asked for in a terminal; without one, a usage error (exit 2)."""
    if value:
        return value
    if sys.stdin.isatty():
        answer: str = click.prompt(prompt)
        return answer
    raise click.UsageError(f"missing {prompt.lower()}; give it as an option")


def _add(data_path: Path, collection: str, fields: Fields, text: str | None = None) -> None:
    """Adds a record to the data file's text (read from the file unless given) and saves it, if the
    id is free and the whole file still validates."""
    text = data_path.read_text(encoding="utf-8") if text is None else text
    if fields["id"] in scaffold.existing_ids(text):
        raise GeneratorError(f"the id '{fields['id']}' is already used in {data_path}; choose another with --id")
    updated = format_text(scaffold.add_record(text, collection, fields))
    validate_tree(load_text(updated, str(data_path)), str(data_path), datetime.date.today())
    data_path.write_text(updated, encoding="utf-8")
    click.echo(f"{data_path}: added {'person' if collection == 'people' else collection[:-1]} {fields['id']}")


@new.command("source")
@DATA_OPTION
@click.option("--id", "record_id", help="Stable id; made from the publisher and title if left out.")
@click.option("--title", help="The source's own headline, verbatim.")
@click.option("--publisher", help="The publisher's id in publishers; found from the address's host if left out.")
@click.option("--url", help="Where it can be read, as the publisher published it (http or https).")
@click.option("--published", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
@reports_errors
def new_source(
    data_path: Path,
    record_id: str | None,
    title: str | None,
    publisher: str | None,
    url: str | None,
    published: str | None,
) -> None:
    """Add a source. See `new --help` for an example."""
    title, url = _ask(title, "Title"), _ask(url, "URL")
    publisher = _publisher(data_path.read_text(encoding="utf-8"), publisher, url)
    fields: Fields = {
        "id": record_id or scaffold.source_id(publisher, title),
        "title": title,
        "publisher": publisher,
        "url": url,
        "published": published,
    }
    _add(data_path, "sources", fields)


@new.command("person")
@DATA_OPTION
@click.option("--id", "record_id", help="Stable id; made from the name if left out.")
@click.option("--name", help="Full name as the person uses it.")
@click.option("--description", help="One short, neutral line on who they are.")
@click.option(
    "--public-figure", is_flag=True, help="The person is known publicly for their role (otherwise consent is needed)."
)
@reports_errors
def new_person(
    data_path: Path, record_id: str | None, name: str | None, description: str | None, public_figure: bool
) -> None:
    """Add a person. See `new --help` for an example."""
    name, description = _ask(name, "Name"), _ask(description, "Description")
    _add(
        data_path,
        "people",
        {
            "id": record_id or scaffold.slug(name),
            "name": name,
            "description": description,
            "public_figure": public_figure,
        },
    )


@new.command("event")
@DATA_OPTION
@click.option("--id", "record_id", help="Stable id; made from the date and title if left out.")
@click.option("--date", help="When it happened: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--title", help="One line, neutral, in your own words.")
@click.option("--summary", help="What happened, in a few sentences.")
@click.option("--movement", "movements", multiple=True, help="A movement it belongs to (repeat for several).")
@click.option("--source", "source_id", help="The id of a source already in the file...")
@click.option("--source-title", help="...or a new source: its headline,")
@click.option("--publisher", help="its publisher's id (found from the address's host if left out),")
@click.option("--source-url", help="its address,")
@click.option("--published", help="and its publication date.")
@reports_errors
def new_event(data_path: Path, record_id: str | None, date: str | None, title: str | None, summary: str | None, movements: tuple[str, ...],
              source_id: str | None, source_title: str | None, publisher: str | None, source_url: str | None, published: str | None) -> None:  # fmt: skip
    """Add an event at its place in time, with a new source or one already cited."""
    date, title, summary = _ask(date, "Date"), _ask(title, "Title"), _ask(summary, "Summary")
    chosen = list(movements) or [_ask(None, "Movement")]
    text = data_path.read_text(encoding="utf-8")
    if not source_id:
        source_title, source_url = _ask(source_title, "Source title"), _ask(source_url, "Source URL")
        publisher = _publisher(text, publisher, source_url)
        source: Fields = {"id": scaffold.source_id(publisher, source_title), "title": source_title,
                          "publisher": publisher, "url": source_url, "published": published}  # fmt: skip
        source_id = str(source["id"])
        if source_id not in scaffold.existing_ids(text):
            text = scaffold.add_record(text, "sources", source)
    event: Fields = {"id": record_id or scaffold.event_id(date, title), "date": date, "title": title,
                     "summary": summary, "movements": chosen, "sources": [source_id]}  # fmt: skip
    _add(data_path, "events", event, text)


def _publisher(text: str, given: str | None, url: str) -> str:
    """The publisher named, or the one whose host the address is on, or (in a terminal) the one asked for."""
    found = given or scaffold.publisher_on(text, url)
    if found is None and not sys.stdin.isatty():
        raise GeneratorError(
            f"no publisher in the data lists the host of {shown(url)}; give --publisher, or first add the publisher to "
            "publishers (id, name, hosts, rating, reason), as CONTRIBUTING.md says under 'Choosing a source'"
        )
    return found or _ask(None, "Publisher id")


def _build(data_path: Path, docs_path: Path, repo_url: str = "") -> str:
    restore_interrupted(docs_path)  # before the data is read: even a build that stops at its errors does this
    root = load_file(data_path, str(data_path))
    data = validate_tree(root, str(data_path), datetime.date.today())
    edit_urls = _edit_urls(root, data_path, repo_url)
    del root  # the largest thing in memory; the pages need only the data, and are written as they are made
    report = write_pages(render_pages(data, edit_urls), docs_path)
    return f"{data_path}: {_counts(data)}; {docs_path}: {_changes(report)}"


def _edit_urls(root: Node, data_path: Path, repo_url: str) -> dict[str, str]:
    """Where each event's lines can be opened in the repository: its data file on main, at its line."""
    if not repo_url:
        return {}
    base = f"{repo_url.rstrip('/')}/blob/main/{data_path.as_posix()}"
    return {record_id: f"{base}#L{line}" for record_id, line in record_lines(root, "events").items()}


def _watch(data_path: Path, docs_path: Path, server: subprocess.Popen[bytes]) -> None:
    """Rebuilds when the data file's modification time or size changes, until the server stops."""
    seen = _stamp(data_path)
    while server.poll() is None:
        time.sleep(0.1)  # a stat a tenth of a second: an edit shows sooner, at no cost to speak of
        stamp = _stamp(data_path)
        if stamp == seen:
            continue
        seen = stamp
        gc.collect()  # serving runs for hours: collect what the last build left, as the deferred collector would
        try:
            click.echo(_build(data_path, docs_path))
        except DataError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: {error}; the previous pages are still served", err=True)
        except GeneratorError as error:
            click.echo(f"Error: {error}", err=True)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (0, 0)
    return (status.st_mtime_ns, status.st_size)


def _counts(data: Dataset) -> str:
    parts = [
        (len(data.events), "event"),
        (len(data.movements), "movement"),
        (len(data.people), "person"),
        (len(data.sources), "source"),
        (len(data.corrections), "correction"),
    ]
    return ", ".join(
        f"{count} {noun if count == 1 else ('people' if noun == 'person' else noun + 's')}" for count, noun in parts
    )


def _changes(report: WriteReport) -> str:
    return f"{len(report.written)} files written, {len(report.removed)} removed, {report.unchanged} unchanged"
