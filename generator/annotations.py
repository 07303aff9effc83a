"""Annotations: the one way a message becomes a GitHub Actions workflow command, shown on the line it is about.

A message quotes the data, so it is escaped as workflow commands want: a line break or a '%' in it could
otherwise end the command and start another, and a ':' or ',' in a property would end the property.
"""

from __future__ import annotations


def annotation(severity: str, file: str, line: int, column: int, message: str) -> str:
    """'::warning file=events.yaml,line=64,col=10::message', with its line break."""
    return f"::{severity} file={_property(file)},line={line},col={column}::{_text(message)}\n"


def _text(message: str) -> str:
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _text(value).replace(":", "%3A").replace(",", "%2C")
