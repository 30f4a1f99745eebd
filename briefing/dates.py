"""EDTF dates: the subset we display, and wording them with Babel in each language.

We accept day, month and year precision with a qualifier (? ~ %), and intervals of those.
Their strict bounds are computed here; the `edtf` package is consulted only when a text
does not fit, to tell valid-but-unsupported EDTF from text that is not EDTF at all. We place
and sort on strict bounds: EDTF's fuzzy bounds stretch an approximate month over about two
years, which would scatter events.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
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


def _unsupported(text: str) -> DateError:
    """Tell valid EDTF that we do not display yet apart from text that is not EDTF at all."""
    try:
        edtf.parse_edtf(text)
    except Exception:  # the edtf package raises several types for malformed input
        return DateError(f"expected {EXPECTED}, got {text!r}")
    return DateError(
        f"{text!r} is valid EDTF but not supported here (unspecified digits, seasons, sets and "
        f"open or qualified-part dates are not); expected {EXPECTED}"
    )


def _parse_point(text: str) -> DatePoint:
    if re.match(r"^\d{4}-(2[1-9]|3\d|4[01])$", text):
        raise DateError(f"expected {EXPECTED}; seasons are not supported, got {text!r}")
    match = _SINGLE_RE.match(text)
    if not match:
        if text in ("", ".."):
            raise DateError(f"expected {EXPECTED}; open-ended intervals are not supported")
        raise _unsupported(text)
    year, month, day = int(match["y"]), match["m"], match["d"]
    if month is not None and not 1 <= int(month) <= 12:
        raise DateError(f"{text!r} is not a real date: there is no month {month}")
    if day is not None:
        try:
            exact = dt.date(year, int(month), int(day))
        except ValueError:
            raise DateError(f"{text!r} is not a real date: the month has no day {day}") from None
        return DatePoint(exact, exact, "day", match["q"] or "")
    # Strict bounds of a month or a year (EDTF's lower_strict/upper_strict): computed here
    # because parsing every date with the edtf package's grammar costs milliseconds each.
    if month is not None:
        last = calendar.monthrange(year, int(month))[1]
        return DatePoint(dt.date(year, int(month), 1), dt.date(year, int(month), last), "month", match["q"] or "")
    return DatePoint(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", match["q"] or "")


@lru_cache(maxsize=65536)
def parse_date(text: str) -> FuzzyDate:
    """Parse our subset of EDTF; raise DateError with an editor-readable message.

    Cached: a date is parsed when decoded, again when the corpus is linked, and in
    templates; the result is frozen and depends on the text alone."""
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


@lru_cache(maxsize=65536)
def format_fuzzy(date: FuzzyDate, lang: str, locale: str) -> str:
    """The date in words, approximate and partial dates worded as such. Cached: Babel
    takes tens of microseconds a date, and a big dossier words the same dates thousands
    of times."""
    if date.end is None:
        return _point_words(date.start, lang, locale)
    return _INTERVAL[lang].format(
        a=_point_words(date.start, lang, locale), b=_point_words(date.end, lang, locale)
    )


@lru_cache(maxsize=4096)
def month_heading(year: int, month: int, locale: str) -> str:
    """A chronology month heading such as 'August 2024' or 'آب 2024'."""
    return format_date(dt.date(year, month, 1), "MMMM y", locale=locale)
