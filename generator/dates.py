"""Dates known to a year, a month or a day, as historians record them."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

MONTHS = tuple(calendar.month_name)  # locale-independent English names in the C locale
_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date whose month and day may be unknown (0)."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parses YYYY, YYYY-MM or YYYY-MM-DD; raises ValueError for anything else or a day that never was."""
        match = _PATTERN.fullmatch(text)
        if not match:
            raise ValueError(f"'{text}' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}; expected a month from 01 to 12")
        if match.group(3):
            try:
                datetime.date(year, month, day)
            except ValueError:
                raise ValueError(
                    f"'{text}' is not a real date; {MONTHS[month]} {year} has {_days_in(year, month)} days"
                ) from None
        if year < 1000:
            raise ValueError(f"'{text}' is not a plausible year; expected four digits")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        month = self.month or 12
        return datetime.date(self.year, month, self.day or _days_in(self.year, month))

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part]
        return "-".join(parts)

    def __str__(self) -> str:
        """Written out at its precision: '2006', 'October 2017', '15 October 2017'."""
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
