"""fmt: one canonical layout for the data file, comments kept, meaning unchanged, idempotent."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from generator.fmt import format_text
from generator.load import load_text
from generator.model import Dataset
from generator.validate import validate

from .conftest import ROOT, SMALL, run_cli


def read(text: str) -> Dataset:
    return validate(load_text(text, "events.yaml"), "events.yaml", datetime.date(2026, 11, 28))


def test_formatting_keeps_the_meaning_and_every_comment(small_text: str) -> None:
    messy = small_text.replace(
        "  - id: 2006-me-too-begins\n    date: 2006\n",
        "  # The origin.\n  - date: 2006  # year only\n    id: 2006-me-too-begins\n",
    )
    formatted = format_text(messy)
    assert read(formatted) == read(messy)
    assert "  # The origin.\n  - id: 2006-me-too-begins\n    date: 2006  # year only\n" in formatted
    assert format_text(formatted) == formatted


def test_events_are_put_in_time_order(small_text: str) -> None:
    start = small_text.index("  - id: 2017-10-13-balancetonporc")
    end = small_text.index("  - id: 2017-10-15-milano-tweet")
    block = small_text[start:end]
    swapped = (
        small_text[:start]
        + small_text[end : small_text.index("\ncorrections:")]
        + "\n"
        + block.rstrip("\n")
        + small_text[small_text.index("\ncorrections:") :]
    )
    formatted = format_text(swapped)
    assert formatted.index("2017-10-13-balancetonporc") < formatted.index("2017-10-15-milano-tweet")
    assert read(formatted).events == read(small_text).events


def test_the_shipped_data_is_formatted() -> None:
    result = run_cli("fmt", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert format_text((ROOT / "events.yaml").read_text(encoding="utf-8")).startswith(
        "# yaml-language-server: $schema="
    )


def test_check_shows_what_would_change(tmp_path: Path) -> None:
    shutil.copy(SMALL, tmp_path / "events.yaml")
    result = run_cli("fmt", "--check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("--- events.yaml\n+++ events.yaml (formatted)\n")
    assert result.stderr == "Error: events.yaml is not formatted; run `python -m generator fmt`\n"
    assert run_cli("fmt", cwd=tmp_path).stdout == "events.yaml: formatted\n"
    assert run_cli("fmt", "--check", cwd=tmp_path).returncode == 0


def test_a_hash_inside_quotes_is_text_and_the_comment_after_it_is_kept(small_text: str) -> None:
    """Found by the property test: an escaped quote (\\" or '') does not end a quoted value."""
    quoted = small_text.replace(
        "    place: France\n", "    place: \"Paris \\\" #1\"  # arrondissement\n    title: 'It''s #2'  # note\n"
    ).replace('    title: "Sandra Muller tweets #balancetonporc"\n', "")
    formatted = format_text(quoted)
    assert read(formatted) == read(quoted)
    assert '    place: "Paris \\" #1"  # arrondissement\n    title: "It\'s #2"  # note\n' in formatted
    assert format_text(formatted) == formatted


def test_a_folded_line_that_starts_with_a_hashtag_is_text_not_a_comment(small_text: str) -> None:
    """A summary folded at 100 columns may go on with "#MeToo ...": that line is the summary's, and formatting
    twice must not read it as a comment and write it again."""
    long = "In mid-October, versions of the hashtag in other languages spread quickly, among them #YoTambién in Spain and Latin America."
    folded = format_text(
        small_text.replace(
            '    summary: Milano asks people to reply "me too"; the hashtag spreads.\n', f'    summary: "{long}"\n'
        )
    )
    assert "\n      #YoTambién in Spain and Latin America.\n" in folded
    assert format_text(folded) == folded
    assert read(folded) == read(
        small_text.replace('Milano asks people to reply "me too"; the hashtag spreads.', f'"{long}"')
    )


def test_a_value_before_a_hashtag_comment_is_quoted_so_it_does_not_read_as_cut_short(small_text: str) -> None:
    """Found by `make fuzz`: a quoted value followed by a comment such as '#MeToo' must stay quoted."""
    commented = small_text.replace("    place: France\n", '    place: "France" #BalanceTonPorc\n')
    formatted = format_text(commented)
    assert '    place: "France"  #BalanceTonPorc\n' in formatted
    assert read(formatted) == read(commented)
