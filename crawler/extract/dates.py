"""Dates: absolute and relative date expressions in English news text, resolved against a reference date.

Pure functions. A resolved date is a `When`: the first day, the precision (day, week, month or year) and
the text it came from. `When.iso` is what an export prints: YYYY-MM-DD, YYYY-MM or YYYY.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
        calendar.month_abbr[number].lower() + ".",
    }
}
MONTHS.update({"sept": 9, "sept.": 9})
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _by_first_letter(words: list[str]) -> str:
    """An alternation of words (longest first) grouped by their first letter: the same matches, found sooner
    (a word's first letter rules out the other groups instead of one word at a time)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


_MONTH = r"(?P<month>" + _by_first_letter(sorted(MONTHS, key=len, reverse=True)) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"


@dataclass(frozen=True)
class When:
    """A resolved date: the first day of the span and its precision."""

    day: dt.date
    precision: str  # day | week | month | year
    text: str = ""
    start: int = -1  # character offsets in the text it was found in
    end: int = -1

    @property
    def iso(self) -> str:
        """YYYY-MM-DD, YYYY-MM or YYYY, as precise as the text allows (a week prints as a day)."""
        if self.precision == "year":
            return f"{self.day.year:04d}"
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()

    @property
    def last_day(self) -> dt.date:
        """The last day of the span."""
        if self.precision == "year":
            return dt.date(self.day.year, 12, 31)
        if self.precision == "month":
            return dt.date(
                self.day.year, self.day.month, calendar.monthrange(self.day.year, self.day.month)[1]
            )
        if self.precision == "week":
            return self.day + dt.timedelta(days=6)
        return self.day

    def contains(self, day: dt.date) -> bool:
        """Is the day inside this span?"""
        return self.day <= day <= self.last_day


def parse_iso(text: str | None) -> When | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD (as stored in the database)."""
    if not text:
        return None
    parts = str(text)[:10].split("-")
    try:
        if len(parts) == 1:
            return When(dt.date(int(parts[0]), 1, 1), "year")
        if len(parts) == 2:
            return When(dt.date(int(parts[0]), int(parts[1]), 1), "month")
        return When(dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day")
    except ValueError:
        return None


def parse_day(text: str | None) -> dt.date | None:
    """A YYYY-MM-DD prefix as a date, or None for a missing or less precise value."""
    if not text or len(text) < 10:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, ref: dt.date, future: bool = False) -> dt.date | None:
    """The month/day closest before (or after, for the future) the reference date."""
    for year in (ref.year, ref.year - 1) if not future else (ref.year, ref.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate and ((candidate <= ref + dt.timedelta(days=1)) if not future else candidate >= ref):
            return candidate
    return _safe_date(ref.year, month, day)


# --- absolute dates in headers and datelines -------------------------------------------------------------

_ABS_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
]
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d{{4}})", re.I)


def find_absolute_date(text: str) -> When | None:
    """The first full date (day, month and year) in a piece of text."""
    best = None
    for pattern in _ABS_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0].start()):
            best = (match, pattern)
    if not best:
        return None
    match = best[0]
    month = match.group("month")
    month_no = int(month) if month.isdigit() else MONTHS.get(month.lower())
    day = _safe_date(int(match.group("year")), month_no or 0, int(match.group("day"))) if month_no else None
    return When(day, "day", match.group(0), match.start(), match.end()) if day else None


def find_month_day(text: str) -> When | None:
    """The first 'Sept 3' / 'Jan. 8' (a day and month with no year); the year is left as 1 for the caller."""
    match = _MONTH_DAY.search(text)
    if not match:
        return None
    day = _safe_date(2000, MONTHS[match.group("month").lower()], int(match.group("day")))
    return When(day, "day", match.group(0), match.start(), match.end()) if day else None


def years_mentioned(text: str) -> list[int]:
    """Every four-digit year written in the text (1800-2099)."""
    return [int(y) for y in re.findall(r"(?<![\d-])(1[89]\d\d|20\d\d)(?![\d-])", text)]


# --- relative expressions in sentences -------------------------------------------------------------------

# Each pattern with the words it cannot match without (as _patterns_for names them).
_RELATIVE: list[tuple[str, re.Pattern, tuple[str, ...]]] = [
    ("full", re.compile(rf"\b(?:on\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), ("month", "year_number")),
    ("full", re.compile(rf"\b(?:on\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I), ("month", "year_number")),
    (
        "month_year",
        re.compile(rf"\b(?:in\s+|since\s+)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I),
        ("month", "year_number"),
    ),
    (
        "month_rel_year",
        re.compile(rf"\b(?:in\s+)?{_MONTH}\s+(?P<rel>last|this|next)\s+year\b", re.I),
        ("month", "year"),
    ),
    ("month_day", re.compile(rf"\b(?:on\s+)?{_MONTH}\s+{_DAY}\b", re.I), ("month", "digit")),
    (
        "month_day",
        re.compile(rf"\b(?:on\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?![\w-])", re.I),
        ("month", "digit"),
    ),
    (  # KCNA's day of the month with no month: "arrived in Pyongyang on the 18th", "left here on the 20th"
        "month_ordinal",
        re.compile(
            r"\b(?:on|from|since|until|till|to|by)\s+the\s+(?P<day>[1-3]?\d)(?:st|nd|rd|th)\b"
            r"(?=\s*(?:[,.;:)]|$|(?:and|to|in|at|when|after|before|while|as)\b))",
            re.I,
        ),
        ("digit",),
    ),
    ("in_month", re.compile(rf"\b(?:in|since|early|late|mid-?)\s+{_MONTH}(?![\w-])", re.I), ("month",)),
    ("rel_month", re.compile(rf"\b(?P<rel>last|this past|this|next)\s+{_MONTH}(?![\w-])", re.I), ("month",)),
    (
        "weekday",
        re.compile(rf"\b(?P<rel>on|last|this|next|this past|on the)?\s*{_WEEKDAY}\b", re.I),
        ("weekday",),
    ),
    (
        "day_word",
        re.compile(
            r"\b(?P<word>today|yesterday|tomorrow|the previous day|the day before|"
            r"a day earlier|the next day|the following day|a day later|"
            r"this morning|this afternoon|this evening|tonight|last night)\b",
            re.I,
        ),
        ("day_word",),
    ),
    ("anaphoric", re.compile(r"\b(?:later|earlier)?\s*(?:that|the same|in the)\s+day\b", re.I), ("day",)),
    (
        "unit_rel",
        re.compile(
            r"\b(?P<early>earlier |later |late |early )?(?P<rel>last|this|next|past)\s+"
            r"(?P<unit>week|month|year)\b",
            re.I,
        ),
        ("unit",),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
        ("ago",),
    ),
    ("year", re.compile(rf"\b(?:in|since|by|during|of)\s+{_YEAR}\b(?![-\d])", re.I), ("year_number",)),
]


_HINT = re.compile(  # only searched for: a sentence without it names no date
    r"\d|\b(?:"
    + _by_first_letter(
        sorted(
            {
                "today",
                "yesterday",
                "tomorrow",
                "day",
                "week",
                "month",
                "year",
                "ago",
                "morning",
                "afternoon",
                "evening",
                "night",
            }
            | {m.rstrip(".") for m in MONTHS}
            | set(WEEKDAYS),
            key=len,
            reverse=True,
        )
    )
    + r")",
    re.I,
)

# Every month name begins with one of these stems.
_MONTH_STEMS = tuple(sorted({month[:3] for month in MONTHS}))
_DIGIT = re.compile(r"\d")
# days counted from the story's own day, parts of it included ("this morning", "last night")
STORY_DAY_WORDS = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "last night": -1,
}
# days counted from the day told last, where one was ("met on Friday ... and held talks the following day")
TOLD_DAY_WORDS = {
    "the previous day": -1,
    "the day before": -1,
    "a day earlier": -1,
    "the next day": 1,
    "the following day": 1,
    "a day later": 1,
}
PARTS_OF_TODAY = ("morning", "afternoon", "evening", "night")
# What _YEAR needs: a text with digits but no year written (most of them: "2 km", "15 people") is not searched
# with the four patterns that want one.
_YEAR_NUMBER = re.compile(r"(?:1[89]|20)\d\d")
# The letters IGNORECASE matches with an ASCII letter that str.lower() does not make one: a text with one is
# searched with every pattern.
_FOLDED = re.compile("[\u0130\u0131\u017f\u212a]")


def _patterns_for(text: str) -> list[tuple[str, re.Pattern, tuple[str, ...]]]:
    """The patterns of _RELATIVE that can match in the text (it has the words each needs), in their order."""
    if not text.isascii() and _FOLDED.search(text):
        return _RELATIVE
    lower = text.lower()
    day = "day" in lower
    digit = _DIGIT.search(text) is not None
    has = (
        any(stem in lower for stem in _MONTH_STEMS),
        digit,
        digit and _YEAR_NUMBER.search(text) is not None,
        "year" in lower,
        day and any(name in lower for name in WEEKDAYS),
        day or "tomorrow" in lower or any(part in lower for part in PARTS_OF_TODAY),
        day,
        "week" in lower or "month" in lower or "year" in lower,
        "ago" in lower,
    )
    return _patterns_with(frozenset(word for word, there in zip(_WORDS, has, strict=True) if there))


_WORDS = ("month", "digit", "year_number", "year", "weekday", "day_word", "day", "unit", "ago")


@functools.lru_cache(maxsize=256)
def _patterns_with(words: frozenset[str]) -> list[tuple[str, re.Pattern, tuple[str, ...]]]:
    """The patterns of _RELATIVE whose needed words are all among these."""
    return [entry for entry in _RELATIVE if words.issuperset(entry[2])]


def find_dates(text: str, ref: When | None, *, future: bool = False, last: When | None = None) -> list[When]:
    """Every date expression in a sentence, resolved against the reference (the story's date).

    `future` resolves weekdays and bare months forwards (for planned events); `last` is the most recent
    date mentioned before, for 'later that day'.
    """
    patterns = _patterns_for(text)
    if not patterns or not _HINT.search(text):
        return []  # most sentences name no date: skip the dozen patterns below
    matches: list[tuple[str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, _ in patterns:
        for match in pattern.finditer(text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            matches.append((kind, match))
            taken.append(span)
    found: list[When] = []
    for kind, match in sorted(matches, key=lambda item: item[1].start()):
        when = _resolve(kind, match, ref, future, last)
        if when is None:
            continue
        found.append(When(when.day, when.precision, match.group(0).strip(), match.start(), match.end()))
        if when.precision == "day":
            last = when  # "departed the previous day ... after visiting X earlier in the day"
    return found


def _month_shifted(day: dt.date, step: int) -> tuple[int, int]:
    """The year and month `step` months after (before, if negative) the day's month."""
    index = day.year * 12 + day.month - 1 + step
    return index // 12, index % 12 + 1


def _resolve(kind: str, m: re.Match, ref: When | None, future: bool, last: When | None) -> When | None:
    if kind == "full":
        day = _safe_date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
        return When(day, "day") if day else None
    if kind == "month_year":
        return When(dt.date(int(m.group("year")), MONTHS[m.group("month").lower()], 1), "month")
    if kind == "year":
        return When(dt.date(int(m.group("year")), 1, 1), "year")
    if ref is None:
        return None
    base = ref.day
    if kind == "month_rel_year":
        year = base.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
        return When(dt.date(year, MONTHS[m.group("month").lower()], 1), "month")
    if kind == "month_day":
        if ref.precision == "year":
            day = _safe_date(base.year, MONTHS[m.group("month").lower()], int(m.group("day")))
        else:
            day = _nearest_year(MONTHS[m.group("month").lower()], int(m.group("day")), ref.last_day, future)
        return When(day, "day") if day else None
    if kind == "month_ordinal":  # the day in the reference's month, else the month before (after, if future)
        if ref.precision not in ("day", "week"):
            return None
        day_no = int(m.group("day"))
        step = 1 if future and day_no < base.day else -1 if not future and day_no > base.day else 0
        day = _safe_date(*_month_shifted(base, step), day_no)
        return When(day, "day") if day else None
    if kind == "in_month":
        month = MONTHS[m.group("month").lower()]
        year = base.year
        if ref.precision != "year" and not future and (month > base.month):
            year -= 1
        if future and month < base.month:
            year += 1
        return When(dt.date(year, month, 1), "month")
    if kind == "rel_month":  # "last April": the latest April before the reference's month
        if not m.group("month")[0].isupper():
            return None  # "this may help": a modal, not a month
        month, rel = MONTHS[m.group("month").lower()], m.group("rel").lower()
        if rel == "this":
            year = base.year
        elif rel == "next":
            year = base.year if month > base.month else base.year + 1
        else:
            year = base.year if month < base.month else base.year - 1
        return When(dt.date(year, month, 1), "month")
    if kind == "weekday":
        if ref.precision not in ("day", "week"):
            return None
        target = WEEKDAYS[m.group("weekday").lower()]
        rel = (m.group("rel") or "").lower().strip()
        if rel == "next" or (future and rel != "last"):
            delta = (target - base.weekday()) % 7 or 7
            return When(base + dt.timedelta(days=delta), "day")
        delta = (base.weekday() - target) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return When(base - dt.timedelta(days=delta), "day")
    if kind == "day_word":
        if ref.precision != "day":
            return None
        word = m.group("word").lower()
        if word in TOLD_DAY_WORDS and last is not None and last.precision == "day":
            base = last.day  # "met on Friday ... and held talks the following day": the day after Friday
        offset = (STORY_DAY_WORDS | TOLD_DAY_WORDS)[word]
        return When(base + dt.timedelta(days=offset), "day")
    if kind == "anaphoric":
        return last if last is not None and last.precision == "day" else None
    if kind == "unit_rel":
        rel, unit = m.group("rel").lower(), m.group("unit").lower()
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[rel]
        if unit == "year":
            return When(dt.date(base.year + step, 1, 1), "year")
        if unit == "month":
            if ref.precision == "year":
                return None
            return When(dt.date(*_month_shifted(base, step), 1), "month")
        if ref.precision not in ("day", "week"):
            return When(base, ref.precision) if ref.precision == "month" else None
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
        if step == 0:
            # Within the current week, the most likely day of a past event is midway to the reference.
            return When(monday + (base - monday) // 2, "week")
        return When(monday, "week")
    if kind == "ago":
        raw = m.group("n").lower()
        n = WORD_NUMBERS.get(raw) or int(raw)
        unit = m.group("unit").lower()
        if unit == "day":
            return When(base - dt.timedelta(days=n), "day") if ref.precision == "day" else None
        if unit == "week":
            return When(base - dt.timedelta(weeks=n), "week") if ref.precision == "day" else None
        if unit == "month":
            return When(dt.date(*_month_shifted(base, -n), 1), "month")
        return When(dt.date(base.year - n, 1, 1), "year")
    return None
