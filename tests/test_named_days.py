"""Named days of the year (seeds/anniversaries.toml [[named_day]]): loading with clear errors, and the day a
phrase names before a story."""

from __future__ import annotations

import datetime as dt

import pytest

from crawler.errors import DataFileError
from crawler.extract.named_days import load_named_days, normal


def _write(tmp_path, body: str):
    path = tmp_path / "anniversaries.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_named_day_falls_on_its_last_date_before_the_story(tmp_path):
    path = _write(tmp_path, '[[named_day]]\nname = "Tet"\nmonth_day = "12-30"\nphrases = ["Year\'s End"]\n')
    (day,) = load_named_days(path)
    assert day.phrases == frozenset({"year end"})
    assert day.last_on_or_before(dt.date(2016, 1, 5)) == dt.date(2015, 12, 30)
    assert day.last_on_or_before(dt.date(2016, 12, 30)) == dt.date(2016, 12, 30)
    assert normal("the New Year's Day") == "new year day"


def test_a_file_without_named_days_has_none(tmp_path):
    assert load_named_days(_write(tmp_path, "")) == ()


@pytest.mark.parametrize(
    "body, says",
    [
        ('[[named_day]]\nname = "X"\nmonth_day = "1-1"\nphrases = ["x"]\n', "month_day"),
        ('[[named_day]]\nname = "X"\nmonth_day = "02-30"\nphrases = ["x"]\n', "no day of every year"),
        ('[[named_day]]\nname = "X"\nmonth_day = "02-29"\nphrases = ["x"]\n', "no day of every year"),
        ('[[named_day]]\nname = "X"\nmonth_day = "01-01"\nphrases = []\n', "phrases"),
        ('named_day = "New Year"\n', "[[named_day]] tables"),
    ],
)
def test_a_malformed_named_day_is_named_with_the_fix(tmp_path, body, says):
    with pytest.raises(DataFileError, match="named_day") as error:
        load_named_days(_write(tmp_path, body))
    assert says in str(error.value)
