"""EDTF parsing and wording in both languages, as readers see them."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.dates import DateError, format_fuzzy, parse_date


@pytest.mark.parametrize(
    ("edtf", "en", "ar"),
    [
        ("2024-08-15", "15 August 2024", "15 آب 2024"),
        ("2024-08", "August 2024", "آب 2024"),
        ("2024", "2024", "عام 2024"),
        ("2024-08~", "around August 2024", "نحو آب 2024"),
        ("2024-09-12?", "12 September 2024 (unconfirmed)", "12 أيلول 2024 (غير مؤكَّد)"),
        ("2024-08-01/2024-08-07", "1 August 2024 – 7 August 2024", "1 آب 2024 – 7 آب 2024"),
        ("2024-01/2024-03", "January 2024 – March 2024", "كانون الثاني 2024 – آذار 2024"),
    ],
)
def test_dates_are_worded_per_language(edtf: str, en: str, ar: str) -> None:
    date = parse_date(edtf)
    assert format_fuzzy(date, "en", "en_GB") == en
    assert format_fuzzy(date, "ar", "ar_IQ") == ar


def test_arabic_locale_is_configurable() -> None:
    assert format_fuzzy(parse_date("2024-08"), "ar", "ar_EG") == "أغسطس 2024"
    assert format_fuzzy(parse_date("2024-08-15"), "en", "en") == "August 15, 2024"


def test_approximate_dates_sort_on_strict_bounds() -> None:
    # The edtf package's fuzzy bounds would stretch 2024-08~ over about two years.
    date = parse_date("2024-08~")
    assert (date.lower, date.upper) == (dt.date(2024, 8, 1), dt.date(2024, 8, 31))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15/8/2024", "expected an EDTF date such as 2024-08-15, 2024-08, 2024, 2024-08~ or 2024-08-01/2024-08-07, got '15/8/2024'"),
        ("2024-02-30", "'2024-02-30' is not a real date: the month has no day 30"),
        ("2024-13", "'2024-13' is not a real date: there is no month 13"),
        ("2024-08-07/2024-08-01", "the interval '2024-08-07/2024-08-01' ends before it starts"),
        ("2024-21", "expected an EDTF date such as 2024-08-15, 2024-08, 2024, 2024-08~ or 2024-08-01/2024-08-07; seasons are not supported, got '2024-21'"),
        ("", "expected an EDTF date such as 2024-08-15, 2024-08, 2024, 2024-08~ or 2024-08-01/2024-08-07, got nothing"),
    ],
)
def test_bad_dates_say_what_was_expected(text: str, message: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(text)
    assert str(raised.value) == message


def test_valid_but_unsupported_edtf_is_told_apart_from_malformed_text() -> None:
    with pytest.raises(DateError) as raised:
        parse_date("2024-08-XX")
    assert str(raised.value) == (
        "'2024-08-XX' is valid EDTF but not supported here (unspecified digits, seasons, sets and open or "
        "qualified-part dates are not); expected an EDTF date such as 2024-08-15, 2024-08, 2024, 2024-08~ "
        "or 2024-08-01/2024-08-07"
    )
