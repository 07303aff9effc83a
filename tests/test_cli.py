"""The command line as contributors use it: exit codes, messages, and what `build` does to docs/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import ROOT, SMALL, copy_project, run_cli, tree_digest

HAND_WRITTEN = {"about.md": "# About\n", "support.md": "# Support\n", "assets/stylesheets/site.css": "body {}\n"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the small dataset as events.yaml and some hand-written pages."""
    shutil.copy(SMALL, tmp_path / "events.yaml")
    for name, text in HAND_WRITTEN.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return tmp_path


def break_data(project: Path) -> None:
    text = (project / "events.yaml").read_text(encoding="utf-8")
    text = text.replace("        role: amplifier\n    tags", "        role: founder\n    tags")
    (project / "events.yaml").write_text(text.replace("value: 200000", "value: 200,000"), encoding="utf-8")


def test_validate_reports_the_counts(project: Path) -> None:
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "events.yaml: valid: 3 events, 2 movements, 3 people, 3 sources, 1 correction\n"


def test_bad_data_exits_1_with_located_errors_and_no_traceback(project: Path) -> None:
    break_data(project)
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "events.yaml:106:15: error: events[2] (2017-10-15-milano-tweet) people[0].role: unknown role 'founder'; expected one of: "
        "originator, amplifier, organizer, supporter, accuser, accused, defendant, plaintiff, survivor, witness, journalist, "
        "author, judge, prosecutor, official, executive, honoree, subject, convicted",
        "events.yaml:110:16: error: events[2] (2017-10-15-milano-tweet) figures[0].value: '200,000' is not a whole number; "
        "write digits only, like 200000",
        "Error: 2 errors in events.yaml; nothing was written",
    ]


def test_missing_data_file_is_a_located_error(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "nowhere.yaml:1:1: error: cannot read the file: No such file or directory"
    assert "Traceback" not in result.stderr


def test_misuse_exits_2(project: Path) -> None:
    assert run_cli("publish", cwd=project).returncode == 2
    assert run_cli("build", "--colour", cwd=project).returncode == 2


def test_build_writes_the_pages_and_leaves_hand_written_ones_alone(project: Path) -> None:
    hand_written = {name: tree_digest(project / "docs")[name] for name in HAND_WRITTEN}
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "events.yaml: 3 events, 2 movements, 3 people, 3 sources, 1 correction; docs: 52 files written, 0 removed, 0 unchanged\n"
    )
    after = tree_digest(project / "docs")
    assert {name: after[name] for name in HAND_WRITTEN} == hand_written
    assert "events/2017-10-15-milano-tweet/index.md" in after
    assert "<!-- Generated from events.yaml" in (project / "docs" / "index.md").read_text(encoding="utf-8")


def test_same_input_gives_the_same_bytes_and_writes_nothing(project: Path) -> None:
    run_cli("build", cwd=project)
    first = tree_digest(project / "docs")
    result = run_cli("build", cwd=project)
    assert result.stdout.endswith("docs: 0 files written, 0 removed, 52 unchanged\n")
    assert tree_digest(project / "docs") == first


def test_a_change_to_one_event_rewrites_exactly_the_files_that_show_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path, ROOT / "events.yaml")
    docs = project / "docs"
    assert run_cli("build", cwd=project).returncode == 0
    old_title, new_title = "The Academy expels Harvey Weinstein", "The Academy votes to expel Harvey Weinstein"
    before = tree_digest(docs)
    showing = {path for path in before if old_title in (docs / path).read_text(encoding="utf-8")}
    text = (project / "events.yaml").read_text(encoding="utf-8")
    assert text.count(f"title: {old_title}\n") == 1
    (project / "events.yaml").write_text(
        text.replace(f"title: {old_title}\n", f"title: {new_title}\n"), encoding="utf-8"
    )
    result = run_cli("build", cwd=project)
    after = tree_digest(docs)
    rewritten = {path for path in after if after[path] != before.get(path)}
    assert after.keys() == before.keys()
    assert rewritten == showing
    assert {"events/2017-10-14-academy-expels-weinstein/index.md", "timeline/2017/index.md"} <= rewritten
    assert f"docs: {len(showing)} files written, 0 removed, " in result.stdout
    assert all(new_title in (docs / path).read_text(encoding="utf-8") for path in rewritten)


def test_a_failed_build_leaves_docs_exactly_as_it_was(project: Path) -> None:
    run_cli("build", cwd=project)
    before = tree_digest(project / "docs")
    break_data(project)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert tree_digest(project / "docs") == before


def test_a_removed_record_leaves_no_stale_page(project: Path) -> None:
    run_cli("build", cwd=project)
    text = (project / "events.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: 2017-10-13-balancetonporc")
    end = text.index("  - id: 2017-10-15-milano-tweet")
    (project / "events.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "2 removed" in result.stdout  # its page and its file in the JSON API
    assert not (project / "docs" / "events" / "2017-10-13-balancetonporc").exists()
    assert not (project / "docs" / "api" / "v1" / "events" / "2017-10-13-balancetonporc.json").exists()


def test_a_symbolic_link_in_docs_is_refused(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / "docs" / "events").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: docs/events is a symbolic link; replace it with the real file or folder (the site publishes only real files)\n"
    )
    assert not any(elsewhere.iterdir())


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "Example:" in result.stdout
    assert f"python -m generator {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_diff_puts_credit_changes_first(project: Path) -> None:
    base = project / "base.yaml"
    shutil.copy(project / "events.yaml", base)
    text = (project / "events.yaml").read_text(encoding="utf-8")
    text = text.replace("        date: 2017-10-13\n        sources: [rtl-muller]\n",
                        "        date: 2017-10-13\n        sources: [rtl-muller]\n      - person: alyssa-milano\n        role: amplifier\n"
                        "        date: 2017-10-15\n        sources: [rtl-muller]\n")  # fmt: skip
    text = text.replace(
        'title: "Sandra Muller tweets #balancetonporc"', 'title: "Sandra Muller starts #balancetonporc"'
    )
    (project / "events.yaml").write_text(text, encoding="utf-8")
    result = run_cli("diff", "base.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "## Credits\n\n"
        "- **Added:** Alyssa Milano as amplifier of \\#<!-- -->BalanceTonPorc (2017\\-<!-- -->10\\-<!-- -->15)\n\n"
        "## Movements\n\n"
        "- **Changed:** \\#<!-- -->BalanceTonPorc (`balancetonporc`): credits\n\n"
        "## Events\n\n"
        "- **Changed:** Sandra Muller starts \\#<!-- -->balancetonporc (`2017-10-13-balancetonporc`): title\n"
    )


def test_diff_of_an_unknown_base_is_a_clear_error(project: Path) -> None:
    result = run_cli("diff", "no-such-revision", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: no-such-revision is neither a file nor a git revision with events.yaml")


def test_validate_writes_github_annotations(project: Path) -> None:
    break_data(project)
    result = run_cli("validate", "--format", "github", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=events.yaml,line=106,col=15::events[2] (2017-10-15-milano-tweet) people[0].role: unknown role 'founder'; "
        "expected one of: originator, amplifier, organizer, supporter, accuser, accused, defendant, plaintiff, survivor, witness, "
        "journalist, author, judge, prosecutor, official, executive, honoree, subject, convicted"
    )


NEW_EVENT = ["new", "event", "--date", "2017-10-14", "--title", "A test event", "--summary", "Something happened.",
             "--movement", "metoo", "--source-title", "A report", "--source-url", "https://www.rtl.fr/report"]  # fmt: skip


def test_new_event_goes_in_at_its_place_in_time_with_its_source(project: Path) -> None:
    before = (project / "events.yaml").read_text(encoding="utf-8")
    result = run_cli(*NEW_EVENT, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "events.yaml: added event 2017-10-14-a-test-event\n"
    after = (project / "events.yaml").read_text(encoding="utf-8")
    assert (
        after.index("  - id: 2017-10-13-balancetonporc")
        < after.index("  - id: 2017-10-14-a-test-event")
        < after.index("  - id: 2017-10-15-milano-tweet")
    )
    assert "  - id: rtl-a-report\n    title: A report\n    publisher: rtl\n" in after  # the publisher found by its host
    comments = {line.strip() for line in before.splitlines() if line.strip().startswith("#")}
    assert comments <= {line.strip() for line in after.splitlines()}  # the file is laid out anew, comments kept
    assert run_cli("validate", cwd=project).returncode == 0
    assert run_cli("fmt", "--check", cwd=project).returncode == 0
    assert run_cli("build", cwd=project).returncode == 0
    assert (project / "docs" / "events" / "2017-10-14-a-test-event" / "index.md").is_file()


def test_new_refuses_an_id_in_use_and_asks_for_what_is_missing(project: Path) -> None:
    assert run_cli(*NEW_EVENT, cwd=project).returncode == 0
    again = run_cli(*NEW_EVENT, cwd=project)
    assert again.returncode == 1
    assert (
        again.stderr
        == "Error: the id '2017-10-14-a-test-event' is already used in events.yaml; choose another with --id\n"
    )
    missing = run_cli("new", "person", "--name", "Jane Example", cwd=project)
    assert missing.returncode == 2
    assert "missing description; give it as an option" in missing.stderr


def test_new_person_and_source(project: Path) -> None:
    person = run_cli(
        "new", "person", "--name", "Kelly Ellis", "--description", "Software engineer.", "--public-figure", cwd=project
    )
    source = run_cli(
        "new", "source", "--title", "A report", "--publisher", "the-hill", "--url", "https://thehill.com/r", cwd=project
    )
    assert (person.stdout, source.stdout) == (
        "events.yaml: added person kelly-ellis\n",
        "events.yaml: added source the-hill-a-report\n",
    )
    assert run_cli("validate", cwd=project).returncode == 0
    unknown = run_cli("new", "source", "--title", "A post", "--url", "https://blog.example.org/post", cwd=project)
    assert (unknown.returncode, unknown.stderr) == (
        1,
        "Error: no publisher in the data lists the host of https://blog.example.org/post; give --publisher, or first add "
        "the publisher to publishers (id, name, hosts, rating, reason), as CONTRIBUTING.md says under 'Choosing a source'\n",
    )


def test_event_pages_link_to_their_lines_in_the_repository(project: Path) -> None:
    result = run_cli("build", "--repo-url", "https://github.com/example/history/", cwd=project)
    assert result.returncode == 0, result.stderr
    line = (project / "events.yaml").read_text(encoding="utf-8").splitlines().index(
        "  - id: 2017-10-15-milano-tweet"
    ) + 1
    page = (project / "docs" / "events" / "2017-10-15-milano-tweet" / "index.md").read_text(encoding="utf-8")
    assert f"[Edit this event](<https://github.com/example/history/blob/main/events.yaml#L{line}>)" in page
    assert "Edit this event" not in run_cli("build", cwd=project).stdout
    assert "Edit this event" not in (project / "docs" / "events" / "2017-10-15-milano-tweet" / "index.md").read_text(
        encoding="utf-8"
    )
