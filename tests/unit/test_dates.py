"""One absolute-date finder for agreements (slashes month first) and minutes (day first)."""

from __future__ import annotations

from datetime import date

import pytest

from coaltext.structure.dates import absolute_dates, all_dates
from coaltext.structure.minutes_dates import parse_date as meeting_date
from coaltext.structure.parties import parse_date as agreement_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("dated March 5, 2024", "2024-03-05"),
        ("made this 5th day of March, 2024", "2024-03-05"),
        ("commence on the 1st of      March, 2003, and", "2003-03-01"),
        ("entered into this 16 day of August. 2012 (the", "2012-08-16"),
        ("effective as of _Dec. 8, 2005 (hereinafter", "2005-12-08"),  # a blank filled in
        ("on 07/14/11 by", "2011-07-14"),
        ("on 03/05/2024", "2024-03-05"),  # US contracts: month first
        ("Dated 29/3/18", "2018-03-29"),  # ... unless the first number cannot be a month
        ("Reseller Agreement 04.18.2018 iPass", "2018-04-18"),  # ... or the second must be the day
        ("signed 1.4.2011", "2011-04-01"),  # dotted: day first
        ("1\n\nMay 3, 2016 NON-EXCLUSIVE", "2016-05-03"),  # a page number is not the day
    ],
)
def test_agreement_dates(text, iso):
    assert agreement_date(text) == iso


def test_agreement_dates_are_not_section_numbers_or_impossible_days():
    assert all_dates("as set out in Section 12.5.10 and 3.2.19") == []
    assert all_dates("on 31/02/2020 and 1/1/0000") == []
    assert [d[2] for d in all_dates("from 2024-03-05 to 2025/03/04")] == ["2024-03-05", "2025-03-04"]


def test_minutes_read_the_same_numbers_day_first():
    assert meeting_date("Date of the meeting: 03/05/2024") == date(2024, 5, 3)
    assert meeting_date("22.5.20") == date(2020, 5, 22)
    # a day and month without a year need the meeting date
    assert absolute_dates("by 15 March")[0].value is None
    assert absolute_dates("by 15 March", date(2024, 3, 6))[0].value == date(2024, 3, 15)
    assert absolute_dates("we may do that on May 5")[0].phrase == "May 5"
    assert absolute_dates("we may 5 times") == []
