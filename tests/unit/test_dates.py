import datetime as dt

import pytest

from orchestration.lib.nlp.dates import is_future_context, resolve_date

TUESDAY = dt.date(2024, 3, 26)  # a Tuesday, the seeds' publication date


@pytest.mark.parametrize(
    ("expression", "context", "expected"),
    [
        # the publication day itself when the weekday matches, past or future
        ("Tuesday", "This significant meeting is scheduled for Tuesday.", dt.date(2024, 3, 26)),
        ("on Tuesday", "The two men met on Tuesday.", dt.date(2024, 3, 26)),
        # otherwise the nearest past one within a week ...
        ("Monday", "The ministers met on Monday.", dt.date(2024, 3, 25)),
        ("Wednesday", "The ministers met on Wednesday.", dt.date(2024, 3, 20)),
        # ... unless the sentence is clearly about the future
        ("Wednesday", "The ministers will meet on Wednesday.", dt.date(2024, 3, 27)),
        ("Friday", "The talks are set to resume on Friday.", dt.date(2024, 3, 29)),
        ("next Tuesday", None, dt.date(2024, 4, 2)),
        ("last Tuesday", None, dt.date(2024, 3, 19)),
    ],
)
def test_weekdays(expression, context, expected):
    assert resolve_date(expression, TUESDAY, context) == (expected, "weekday", "day")


def test_month_day_takes_the_most_recent_past_year():
    assert resolve_date("March 22", TUESDAY) == (dt.date(2024, 3, 22), "explicit", "day")
    assert resolve_date("October 7", TUESDAY) == (dt.date(2023, 10, 7), "explicit", "day")
    assert resolve_date("Oct. 7", TUESDAY) == (dt.date(2023, 10, 7), "explicit", "day")
    # a clearly future sentence looks forward instead
    future = resolve_date("April 2", TUESDAY, "The vote will take place on April 2.")
    assert future == (dt.date(2024, 4, 2), "explicit", "day")


def test_full_dates_need_no_anchor():
    assert resolve_date("March 30, 2024", TUESDAY) == (dt.date(2024, 3, 30), "explicit", "day")
    assert resolve_date("on March 30, 2024", None) == (dt.date(2024, 3, 30), "explicit", "day")


def test_relative_expressions_keep_their_precision():
    assert resolve_date("yesterday", TUESDAY) == (dt.date(2024, 3, 25), "relative", "day")
    assert resolve_date("two days ago", TUESDAY) == (dt.date(2024, 3, 24), "relative", "day")
    assert resolve_date("last week", TUESDAY) == (dt.date(2024, 3, 18), "relative", "week")
    assert resolve_date("last month", TUESDAY) == (dt.date(2024, 2, 1), "relative", "month")
    assert resolve_date("2021", TUESDAY) == (dt.date(2021, 1, 1), "explicit", "year")
    assert resolve_date("March 2023", TUESDAY) == (dt.date(2023, 3, 1), "explicit", "month")


@pytest.mark.parametrize(
    "expression",
    [
        "six-month-long",
        "each day",
        "monthly",
        "annual",
        "its sixth month",
        "since 2015",
        "the 1990s",
        "[insert date here]",
        "the weekend",
        "",
        None,
    ],
)
def test_durations_frequencies_and_holes_are_not_dates(expression):
    assert resolve_date(expression, TUESDAY) == (None, None, None)


def test_unknown_anchor_stays_unknown():
    # 003 has no publication date: a weekday or a year-less date cannot be placed
    assert resolve_date("Tuesday", None) == (None, None, None)
    assert resolve_date("March 22", None) == (None, None, None)
    assert resolve_date("yesterday", None) == (None, None, None)


def test_future_cues():
    assert is_future_context("Haniyeh is set to visit Tehran")
    assert is_future_context("The meeting is scheduled for Tuesday")
    assert is_future_context("They will meet next week")
    assert not is_future_context("The two men met in Tehran")
