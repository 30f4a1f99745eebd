"""EDTF dates: parsing with the `edtf` package, and wording them with Babel in each language.

We place and sort on the strict bounds (`lower_strict`/`upper_strict`): the package's fuzzy
bounds stretch an approximate month over about two years, which would scatter events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import edtf
from babel.dates import format_date

Precision = Literal["year", "month", "day"]

# The subset of EDTF level 1 we accept: a date at year, month or day precision with an
# optional qualifier (? uncertain, ~ approximate, % both), or an interval of two such dates.
_SINGLE = r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?"
_SINGLE_RE = re.compile(rf"^{_SINGLE}$")

EXPECTED = "an EDTF date such as 2024-08-15, 2024-08, 2024, 2024-08~ or 2024-08-01/2024-08-07"


class DateError(ValueError):
    """The text is not a date this tool accepts; the message says what was expected."""


@dataclass(frozen=True)
class DatePoint:
    """One end of a date: its strict bounds, precision and qualifier."""

    lower: dt.date
    upper: dt.date
    precision: Precision
    qualifier: str
    """'' (certain), '?' (uncertain), '~' (approximate) or '%' (both)."""


@dataclass(frozen=True)
class FuzzyDate:
    """A parsed EDTF date: a single point or an interval."""

    edtf: str
    start: DatePoint
    end: DatePoint | None
    """The interval's end, or None for a single date."""

    @property
    def lower(self) -> dt.date:
        return self.start.lower

    @property
    def upper(self) -> dt.date:
        return (self.end or self.start).upper

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.lower, self.upper)

    @property
    def is_exact_day(self) -> bool:
        return self.end is None and self.start.precision == "day" and not self.start.qualifier


def _parse_point(text: str) -> DatePoint:
    if re.match(r"^\d{4}-(2[1-9]|3\d|4[01])$", text):
        raise DateError(f"expected {EXPECTED}; seasons are not supported, got {text!r}")
    match = _SINGLE_RE.match(text)
    if not match:
        if text in ("", ".."):
            raise DateError(f"expected {EXPECTED}; open-ended intervals are not supported")
        raise DateError(f"expected {EXPECTED}, got {text!r}")
    year, month, day = match["y"], match["m"], match["d"]
    if month is not None and not 1 <= int(month) <= 12:
        raise DateError(f"{text!r} is not a real date: there is no month {month}")
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise DateError(f"{text!r} is not a real date: the month has no day {day}") from None
    try:
        parsed = edtf.parse_edtf(text)
        lower = dt.date(*parsed.lower_strict()[:3])
        upper = dt.date(*parsed.upper_strict()[:3])
    except Exception as error:  # the edtf package raises several types for bad input
        raise DateError(f"expected {EXPECTED}, got {text!r}") from error
    precision: Precision = "day" if day else "month" if month else "year"
    return DatePoint(lower, upper, precision, match["q"] or "")


def parse_date(text: str) -> FuzzyDate:
    """Parse our subset of EDTF; raise DateError with an editor-readable message."""
    if not isinstance(text, str) or not text.strip():
        raise DateError(f"expected {EXPECTED}, got nothing")
    text = text.strip()
    if "/" in text:
        first, _, second = text.partition("/")
        try:
            start, end = _parse_point(first), _parse_point(second)
        except DateError as error:
            if "not a real date" in str(error):
                raise
            raise DateError(f"expected {EXPECTED}, got {text!r}") from None
        if end.upper < start.lower:
            raise DateError(f"the interval {text!r} ends before it starts")
        return FuzzyDate(text, start, end)
    return FuzzyDate(text, _parse_point(text), None)


# ---------------------------------------------------------------------------
# Wording

_QUALIFIED: dict[str, dict[str, str]] = {
    "en": {"~": "around {d}", "?": "{d} (unconfirmed)", "%": "around {d} (unconfirmed)"},
    "ar": {"~": "نحو {d}", "?": "{d} (غير مؤكَّد)", "%": "نحو {d} (غير مؤكَّد)"},
}
_INTERVAL = {"en": "{a} – {b}", "ar": "{a} – {b}"}
_YEAR_ONLY = {"en": "{d}", "ar": "عام {d}"}


def _point_words(point: DatePoint, lang: str, locale: str) -> str:
    if point.precision == "day":
        words = format_date(point.lower, "long", locale=locale)
    elif point.precision == "month":
        # Format-context MMMM, not stand-alone LLLL: the latter can come out in the wrong
        # Arabic variant once another Arabic locale was used in the same process.
        words = format_date(point.lower, "MMMM y", locale=locale)
    else:
        words = _YEAR_ONLY[lang].format(d=point.lower.year)
    if point.qualifier:
        words = _QUALIFIED[lang][point.qualifier].format(d=words)
    return words


def format_fuzzy(date: FuzzyDate, lang: str, locale: str) -> str:
    """The date in words, approximate and partial dates worded as such."""
    if date.end is None:
        return _point_words(date.start, lang, locale)
    return _INTERVAL[lang].format(
        a=_point_words(date.start, lang, locale), b=_point_words(date.end, lang, locale)
    )


def month_heading(year: int, month: int, locale: str) -> str:
    """A chronology month heading such as 'August 2024' or 'آب 2024'."""
    return format_date(dt.date(year, month, 1), "MMMM y", locale=locale)
