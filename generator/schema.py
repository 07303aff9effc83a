"""Field kinds: how the text of each field in events.yaml is parsed, checked and described.

The model declares every field once, with its kind and documentation (see `spec`); the
validator, the field reference and the editors' schema all read those declarations.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator import citable, markdown_gate, urls
from generator.dates import PartialDate

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RESERVED = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")  # ids become folder names
_NUMBERED_PAGE = re.compile(r"page-[0-9]+")  # the folders of a long list's numbered pages
_BREAKS = re.compile(r"[\r\n\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Characters that hide text or reverse its direction (a name that displays as one thing and reads as another).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_RAW_HTML = re.compile(r"<(?!https://)[A-Za-z/!?]")
# What Markdown extensions and templates would read as an instruction rather than text: attribute lists
# ({: .x}, { onclick=...}), file includes (--8<--), template tags ({{ }}, {% %}) and admonitions (!!!, ???).
_DIRECTIVE = re.compile(r"\{[:#.{%]|\{\s*[\w-]+\s*=|-{1,2}8<-{1,2}|^\s*(?:!!!|\?\?\?)", re.M)


class Invalid(ValueError):
    """The text of a field cannot be read as its kind; the message says why and what to write."""


@dataclass(frozen=True, slots=True)
class Text:
    """One line of plain text, shown exactly as written (never as Markdown or HTML)."""

    max_length: int = 200
    expected: str = "one line of plain text"
    prose: bool = False  # the site's own words: checked for misattributed credit

    def parse(self, text: str) -> str:
        text = _nfc(text.strip())
        if not text:
            raise Invalid("is empty; expected text")
        if _BREAKS.search(text):
            raise Invalid("must be one line; remove the line breaks")
        if "\t" in text:
            raise Invalid("contains a tab; use a space")
        _refuse_hidden(text)
        if len(text) > self.max_length:
            raise Invalid(f"is {len(text)} characters long; keep it under {self.max_length}")
        return text

    def json(self) -> dict[str, Any]:
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "pattern": "^[^\\r\\n\\u0085\\u2028\\u2029]*$",
        }


@dataclass(frozen=True, slots=True)
class Hashtag:
    expected: str = "a hashtag such as '#MeToo' (quote it: a bare # starts a YAML comment)"

    def parse(self, text: str) -> str:
        if not re.fullmatch(r"#[^\s#]{1,100}", text):
            raise Invalid(f"'{text}' is not a hashtag; expected '#' and a word, like '#MeToo'")
        return text

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^#[^\\s#]{1,100}$"}


@dataclass(frozen=True, slots=True)
class Markdown:
    """Paragraphs of Markdown: emphasis, lists and https links; no raw HTML and no headings."""

    max_length: int = 4000
    expected: str = "Markdown text without HTML or headings; links must be https"
    prose: bool = True

    def parse(self, text: str) -> str:
        text = _nfc(text.strip())
        if not text:
            raise Invalid("is empty; expected text")
        _refuse_hidden(text.replace("\t", " ").replace("\n", " "))
        if len(text) > self.max_length:
            raise Invalid(f"is {len(text)} characters long; keep it under {self.max_length}")
        if match := _RAW_HTML.search(text):
            raise Invalid(f"contains raw HTML ('{match.group(0)}...'); write plain Markdown")
        if match := _DIRECTIVE.search(text):
            raise Invalid(
                f"contains '{match.group(0).strip()}', which Markdown extensions or templates read as an instruction; "
                "reword it as plain text"
            )
        try:
            markdown_gate.check(text)
        except markdown_gate.Refused as refused:
            raise Invalid(str(refused)) from None
        return text

    def json(self) -> dict[str, Any]:
        no_html = "^(?![\\s\\S]*<(?!https://)[A-Za-z/!?])"
        return {"type": "string", "minLength": 1, "maxLength": self.max_length, "pattern": no_html}


@dataclass(frozen=True, slots=True)
class Slug:
    """A lowercase id, safe in a file name and a URL."""

    expected: str = "a lowercase id of letters, digits and single hyphens, like '2017-10-15-milano-tweet'"

    def parse(self, text: str) -> str:
        if _RESERVED.fullmatch(text):
            raise Invalid(f"'{text}' is a reserved file name on some systems; choose a longer id")
        if _NUMBERED_PAGE.fullmatch(text):
            raise Invalid(f"'{text}' is the name of a numbered page of the site's lists; choose another id")
        if foreign := re.search(r"[^\x00-\x7f]", text):
            character = foreign.group()
            raise Invalid(
                f"'{text}' contains '{character}' (U+{ord(character):04X}), which is not a-z; ids use lowercase "
                "ASCII letters, digits and hyphens"
            )
        if len(text) > 80:
            raise Invalid(f"is {len(text)} characters long; keep ids to 80")
        if not _SLUG.fullmatch(text):
            raise Invalid(
                f"'{text}' is not a valid id; expected lowercase letters, digits and single hyphens, like '2017-10-15-milano-tweet'"
            )
        return text

    def json(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": 80, "pattern": f"^{_SLUG.pattern}$"}


@dataclass(frozen=True, slots=True)
class Ref:
    """The id of a record in another collection (checked once every record is read)."""

    collection: str
    noun: str

    @property
    def expected(self) -> str:
        return f"the id of a {self.noun} in {self.collection}"

    def parse(self, text: str) -> str:
        return Slug().parse(text)

    def json(self) -> dict[str, Any]:
        return Slug().json()


@dataclass(frozen=True, slots=True)
class Date:
    """A date at the precision known: a year, a month or a day."""

    day_only: bool = False

    @property
    def expected(self) -> str:
        return "a date YYYY-MM-DD" if self.day_only else "a date: YYYY, YYYY-MM or YYYY-MM-DD"

    def parse(self, text: str) -> PartialDate:
        try:
            value = PartialDate.parse(text)
        except ValueError as error:
            raise Invalid(str(error)) from None
        if self.day_only and value.precision != "day":
            raise Invalid(f"'{text}' is not a full date; expected YYYY-MM-DD")
        return value

    def json(self) -> dict[str, Any]:
        day = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
        if self.day_only:
            return {"type": "string", "pattern": day}
        partial = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
        return {
            "anyOf": [{"type": "string", "pattern": partial}, {"type": "integer", "minimum": 1000, "maximum": 9999}]
        }


@dataclass(frozen=True, slots=True)
class Url:
    http: bool = False  # a source's own address, as its publisher published it: http too
    citation: bool = False  # the address a source is cited at: never a shortener's, a staging host's or a copy's
    expected: str = "an absolute https URL"

    def parse(self, text: str) -> str:
        problem = urls.url_problem(text, http=self.http) or (citable.not_citable(text) if self.citation else None)
        if problem:
            raise Invalid(f"'{urls.shown(text)}' {problem}")  # shown: never a password repeated into logs
        return text

    def json(self) -> dict[str, Any]:
        not_in_url = urls.UNSAFE_CHARACTERS
        return {
            "type": "string",
            "maxLength": urls.MAX_LENGTH,
            "pattern": f"^{'https?' if self.http else 'https'}://[^{not_in_url}/@]+(/[^{not_in_url}]*)?$",
        }


@dataclass(frozen=True, slots=True)
class Host:
    """A host name a publisher's pages are on; it covers its subdomains too."""

    expected: str = "a host name in lowercase, like nytimes.com"

    def parse(self, text: str) -> str:
        if problem := urls.host_problem(text):
            raise Invalid(problem)
        return text

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[a-z0-9-]+(\\.[a-z0-9-]+)+$"}


@dataclass(frozen=True, slots=True)
class Integer:
    minimum: int = 0
    expected: str = "a whole number, written without separators, like 200000"

    def parse(self, text: str) -> int:
        if not re.fullmatch(r"0|[1-9][0-9]{0,15}", text):
            raise Invalid(f"'{text}' is not a whole number; write digits only, like 200000")
        return int(text)

    def json(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True, slots=True)
class Flag:
    expected: str = "true or false"

    def parse(self, text: str) -> bool:
        if text not in ("true", "false"):
            raise Invalid(f"'{text}' is not true or false")
        return text == "true"

    def json(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True, slots=True)
class Choice:
    values: tuple[str, ...]
    noun: str

    @property
    def expected(self) -> str:
        return f"one of: {', '.join(self.values)}"

    def parse(self, text: str) -> str:
        if text not in self.values:
            raise Invalid(f"unknown {self.noun} '{text}'; expected one of: {', '.join(self.values)}")
        return text

    def json(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


ScalarKind = Text | Hashtag | Markdown | Slug | Ref | Date | Url | Host | Integer | Flag | Choice


@dataclass(frozen=True, slots=True)
class Record:
    """A nested mapping read into a model class."""

    cls: type

    @property
    def expected(self) -> str:
        return f"a {self.cls.__name__} record (a mapping of keys)"


@dataclass(frozen=True, slots=True)
class ListOf:
    item: ScalarKind | Record
    min_items: int = 0
    unique: bool = False

    @property
    def expected(self) -> str:
        if isinstance(self.item, Ref):
            return f"a list of {self.item.noun} ids"
        if isinstance(self.item, Record):
            return f"a list of {self.item.cls.__name__} records"
        return f"a list, each {self.item.expected}"


Kind = ScalarKind | Record | ListOf


def spec(kind: Kind, doc: str, *, required: bool = True) -> Any:
    """Declares a model field: its kind, its documentation, and whether it may be left out."""
    metadata = {"kind": kind, "doc": doc, "required": required}
    if required:
        return dataclasses.field(metadata=metadata)
    if isinstance(kind, ListOf):
        return dataclasses.field(default=(), metadata=metadata)
    return dataclasses.field(default=False if isinstance(kind, Flag) else None, metadata=metadata)


def kind_of(field: dataclasses.Field[Any]) -> Kind:
    kind: Kind = field.metadata["kind"]
    return kind


def is_required(field: dataclasses.Field[Any]) -> bool:
    return bool(field.metadata["required"])


def _nfc(text: str) -> str:
    """Text in one normal form, so that two spellings of the same letters (é as one character or as e and an
    accent) are the same name."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _refuse_hidden(text: str) -> None:
    if text.isprintable():  # the common case, at C speed; what follows finds which character is wrong
        return
    if control := _CONTROL.search(text):
        raise Invalid(f"contains a control character (U+{ord(control.group()):04X}); remove it")
    if hidden := _INVISIBLE.search(text):
        raise Invalid(f"contains an invisible or direction-changing character (U+{ord(hidden.group()):04X}); remove it")


def json_schema(root: type, records: tuple[type, ...]) -> dict[str, Any]:
    """The JSON Schema of the data, for editors, made from the same declarations the validator reads.
    It checks each field's form; what needs the whole file (references, real calendar dates, credits,
    attribution) only the validator can check."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "events.yaml",
        "description": "The data of a movement-history site. Generated by `python -m generator schema`; do not edit.",
        "$ref": f"#/$defs/{root.__name__}",
        "$defs": {cls.__name__: _record_schema(cls) for cls in records},
    }


def _record_schema(cls: type) -> dict[str, Any]:
    fields = dataclasses.fields(cls)
    return {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").split()),
        "additionalProperties": False,
        "required": [field.name for field in fields if is_required(field)],
        "properties": {
            field.name: {**_kind_schema(kind_of(field)), "description": field.metadata["doc"]} for field in fields
        },
    }


def _kind_schema(kind: Kind) -> dict[str, Any]:
    if isinstance(kind, Record):
        return {"$ref": f"#/$defs/{kind.cls.__name__}"}
    if isinstance(kind, ListOf):
        array: dict[str, Any] = {"type": "array", "items": _kind_schema(kind.item)}
        return (
            array
            | ({"minItems": kind.min_items} if kind.min_items else {})
            | ({"uniqueItems": True} if kind.unique else {})
        )
    return kind.json()
