from datetime import date, timedelta

import pytest

from coaltext.structure.minutes_dates import find_dates, parse_date, resolve_due

WED = date(2024, 3, 6)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Ana to send the budget by Friday.", "2024-03-08"),
        ("by Wednesday", "2024-03-13"),  # same weekday as the meeting → a week later
        ("report back next week", "2024-03-15"),
        ("finish by the end of this week", "2024-03-08"),
        ("deliver the annex by end of Q2", "2024-06-30"),
        ("close it in the first quarter", "2024-03-31"),
        ("submit by 15 March", "2024-03-15"),
        ("submit by March 15", "2024-03-15"),
        ("the deadline is the 17th of June", "2024-06-17"),
        ("final numbers by mid-July", "2024-07-15"),
        ("within two weeks", "2024-03-20"),
        ("in 3 days", "2024-03-09"),
        ("send it tomorrow", "2024-03-07"),
        ("by the end of the month", "2024-03-31"),
        ("by next month", "2024-04-30"),
        ("due 2024-04-01", "2024-04-01"),
        ("due 1.4.2024", "2024-04-01"),
        ("by end of year", "2024-12-31"),
    ],
)
def test_minutes_dates_resolves_deadlines_against_the_meeting_date(text, iso):
    m = resolve_due(text, WED)
    assert m is not None and m.value is not None
    assert m.value.isoformat() == iso
    assert text[m.start : m.end] == m.phrase


def test_minutes_dates_day_month_without_year_rolls_forward():
    # a deadline lies ahead: "15 January" said in November is next January
    assert resolve_due("by 15 January", date(2024, 11, 20)).value == date(2025, 1, 15)


def test_minutes_dates_relative_phrase_without_meeting_date_is_unresolved():
    m = resolve_due("send it by Friday", None)
    assert m is not None and m.value is None and m.phrase == "Friday"
    assert resolve_due("submit by 15 March 2025", None).value == date(2025, 3, 15)


def test_minutes_dates_ignores_may_the_verb_and_text_without_dates():
    assert resolve_due("we may do that later", WED) is None
    assert resolve_due("Maybe we can look at it", WED) is None
    assert find_dates("nothing to see here", WED) == []


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Date of the meeting: 22.5.2020", "2020-05-22"),
        ("Thur, the 6th of June 2020", "2020-06-06"),
        ("Date: June 4, 2020", "2020-06-04"),
        ("Date: 2020/10/13", "2020-10-13"),
        ("Date: 27. 10. 2020", "2020-10-27"),
        ("Kick-off 2020-06-04", "2020-06-04"),
    ],
)
def test_minutes_dates_parse_meeting_date_lines(line, iso):
    assert parse_date(line).isoformat() == iso


def test_minutes_dates_meeting_date_needs_a_year():
    assert parse_date("Thursday, the 6th of June") is None
    assert parse_date("no date") is None


FRI = date(2025, 6, 13)  # a Friday


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Ana to draft the memo by the 20th.", "2025-06-20"),  # the next 20th
        ("close it by the 3rd", "2025-07-03"),  # the 3rd of June has passed
        ("review the contract by 15/07.", "2025-07-15"),  # day first: 15 is no month
        ("review the contract by 07/15.", "2025-07-15"),  # month first
        ("call the bank by mid next week.", "2025-06-18"),  # next week's Wednesday
        ("close it by the 31st", "2025-07-31"),  # June has no 31st: the next month that has one
        ("review the contract by 15/07 at the latest.", "2025-07-15"),
        ("send it on Monday Ana said", "2025-06-16"),  # "on" makes it a day
    ],
)
def test_minutes_dates_day_of_month_numbers_and_mid_next_week(text, iso):
    m = resolve_due(text, FRI)
    assert m is not None and m.value is not None and m.value.isoformat() == iso
    assert text[m.start : m.end] == m.phrase


@pytest.mark.parametrize(
    "text",
    [
        "review it by 05/07",  # May or July
        "look for topics in Monday Tests",  # a name
        "decide on 24/7 on-call coverage",  # no deadline word before it
        "read it by 24/7 support",  # a noun after it
        "summarise it by 3/15 pages",  # a unit after it
    ],
)
def test_minutes_dates_no_due_date_where_the_order_or_the_day_is_unclear(text):
    assert resolve_due(text, FRI) is None


def test_minutes_dates_a_third_number_makes_no_day_month():
    # the (?!/\d) lookahead: "13/05/1" (a reference, a version) is no "13 May"; a full date is the absolute finder's
    assert resolve_due("file it by 13/05/1", FRI) is None
    m = resolve_due("send it by 15/07/2025", FRI)
    assert m is not None and m.rule == "num" and m.phrase == "15/07/2025"


@pytest.mark.parametrize("ref", [date(2025, 6, 14), date(2025, 6, 15), date(2025, 6, 16)])  # Sat, Sun, Mon
def test_minutes_dates_mid_next_week_is_in_next_week(ref):
    nxt = resolve_due("next week", ref).value
    mid = resolve_due("mid next week", ref).value
    assert mid.weekday() == 2 and nxt - mid == timedelta(days=2)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("discuss the data flow in 1 or 2 weeks", "2024-03-20"),  # a range: its far end
        ("within 2-3 days", "2024-03-09"),
        ("in one to two months", "2024-05-06"),
        ("2 weeks", "2024-03-20"),  # a "Due" cell that is only a duration
        ("two weeks.", "2024-03-20"),
    ],
)
def test_minutes_dates_ranges_and_a_bare_duration(text, iso):
    m = resolve_due(text, WED)
    assert m is not None and m.value.isoformat() == iso and text[m.start : m.end] == m.phrase


def test_minutes_dates_a_duration_inside_a_sentence_is_no_due_date():
    assert resolve_due("the review took 2 weeks last time", WED) is None


@pytest.mark.parametrize("text", ["in 9999999 days", "in 1 or 9999999 weeks", "9999999 days", "in 9999 weeks",
                                  "within 99 months", "in " + "9" * 5000 + " days"])
def test_minutes_dates_a_duration_beyond_five_years_gives_no_date_and_never_raises(text):
    """"in 9999999 days" raised OverflowError (date value out of range) out of the whole minutes
    reading; "in 9999 weeks" gave a due date in 2212."""
    m = resolve_due(text, WED)
    assert m is None or m.value is None
    assert all(d.value is None for d in find_dates(text, WED))


def test_minutes_dates_a_duration_within_five_years_still_resolves():
    assert resolve_due("in 52 weeks", WED).value == WED + timedelta(weeks=52)
    assert resolve_due("in 4 years", WED) is None  # years are no unit it reads


def test_minutes_dates_the_last_of_a_month_is_its_end():
    """"at the latest on the last of June" (ELITR minutes) read as June's end, as "end of June" is;
    "the last week of June" is no such date."""
    ref = date(2020, 6, 4)
    got = resolve_due("submit the deliverables at the latest on the last of June", ref)
    assert got.value == date(2020, 6, 30) and got.phrase == "last of June"
    assert resolve_due("by the last day of February 2021", ref).value == date(2021, 2, 28)
    assert resolve_due("in the last week of June", ref) is None

