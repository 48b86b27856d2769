"""Anniversaries named in a text: 'the 71st anniversary of the armistice', its ordinal and what it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.extract.anniversaries import Anniversary
from crawler.extract.dates import When

ANNIVERSARY = re.compile(
    r"\b(?:anniversar(?:y|ies)|(centenar(?:y|ies)|centennial))\b", re.I
)  # a centenary: 100th
ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b(?:\s+[\w'’-]+){0,2}\s*$", re.I)
YEAR = re.compile(r"\b[Ii]n\s+(?:[A-Z][a-z]+\.?\s+)?(1[89]\d\d|20\d\d)\b(?!-)")  # "In July 2013", "in 2018"
CLAUSE_END = re.compile(r"[.;:!?]|,\s|\s[—–-]\s")
BEFORE_OF = re.compile(r"(?:^|\s)([a-z]+)$", re.I)  # "100th birth", "of birth" (anniversary of)
OF_A_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")  # "Liberation Day of Kuwait"
ARTICLE = re.compile(r"(?<!\w)the\s+")  # names are read with or without it: "Day of Sun", "Day of the Sun"
# a year or span of years before a noun is read past: "the end of the 1950-53 Korean War" is the end of the
# Korean War, "the 1961 friendship treaty" the friendship treaty
YEARS_BEFORE_NOUN = re.compile(r"(?<![\w-])(?:1[89]|20)\d\d(?:[-–/](?:\d\d){1,2})?\s+(?=[a-z])")


@dataclass
class AnniversaryMention:
    """'the 71st anniversary of the armistice' in a text: where, the ordinal and what it names."""

    start: int  # character offsets of the word "anniversary"
    end: int
    ordinal: int | None
    anniversary: Anniversary | None
    phrase_length: int = 0
    # named only by words several pairs share ("the anniversary of diplomatic relations"): the one whose
    # states the sentence names is meant (document_index decides)
    pair_options: tuple[Anniversary, ...] = ()
    day_name: bool = False  # the day's own name ("National Day of PRC"), not the word "anniversary"


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern:
    """A phrase as a whole-word pattern."""
    # "of the north" must not match "of the north's ruling party": a possessive continues the name, and so
    # does a hyphen ("anniversary of the dprk" is not "anniversary of the dprk-china treaty")
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?![\w'’-])")


NAME_REACH_WORDS = 7  # a name starts within this many words after "anniversary": "anniversary of leader Kim
# Jong Il's start of work at the C.C. of the Workers' Party" is not the Party's anniversary


def _longest(phrases: tuple[str, ...], window: str, reach: int) -> int:
    """The length of the longest of these phrases that the window has as whole words starting by `reach`."""
    return max(
        (
            len(p)
            for p in phrases
            if p in window and (m := _phrase_pattern(p).search(window)) and m.start() <= reach
        ),
        default=0,
    )


@lru_cache(maxsize=4096)
def _bare(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Phrases without 'the': a headline's "Day of Shining Star" is the day of the shining star."""
    return tuple(ARTICLE.sub("", p) for p in phrases)


@lru_cache(maxsize=64)
def _possessive_pattern(anniversaries: tuple[Anniversary, ...]) -> re.Pattern | None:
    """A pattern for "X's founding" where the data files name the event as "founding of X" (the nouns that
    begin a phrase "<noun> of ...": "the WPK's founding" is the founding of the WPK)."""
    nouns = sorted(
        {
            p.split()[0]
            for a in anniversaries
            for p in _bare(a.phrases)
            if len(p.split()) > 2 and p.split()[1] == "of"
        }
    )
    if not nouns:
        return None
    return re.compile(r"([\w.-]+)['’]s\s+(" + "|".join(re.escape(n) for n in nouns) + r")\b")


def _phrase_match(window: str, anniversaries: tuple[Anniversary, ...]) -> list[tuple[int, Anniversary]]:
    window = ARTICLE.sub("", YEARS_BEFORE_NOUN.sub("", window.lower()))
    possessive = _possessive_pattern(anniversaries)
    turned = possessive.sub(r"\2 of \1", window) if possessive is not None else window
    found = _matched(window, anniversaries)
    if turned == window:
        return found
    # the name as the data files write it, either way round: the longest reading of each wins
    best = {a.id: (score, a) for score, a in found}
    for score, a in _matched(turned, anniversaries):
        if a.id not in best or score > best[a.id][0]:
            best[a.id] = (score, a)
    return list(best.values())


def _matched(window: str, anniversaries: tuple[Anniversary, ...]) -> list[tuple[int, Anniversary]]:
    after = window.find("anniversary ")
    words = list(re.finditer(r"\S+", window[after:])) if after >= 0 else []
    reach = after + words[NAME_REACH_WORDS].start() if len(words) > NAME_REACH_WORDS else len(window)
    found = []
    for anniversary in anniversaries:
        best = _longest(_bare(anniversary.phrases), window, reach)
        if best:
            found.append((best, anniversary))
            continue
        paired = _longest(_bare(anniversary.pair_phrases), window, reach)
        if paired:
            found.append((-paired, anniversary))  # negative: any own phrase wins; the states decide later
    return found


def find_anniversaries(
    text: str,
    anniversaries: tuple[Anniversary, ...],
    ref: When | None = None,
    mentioned: set[str] | None = None,
) -> list[AnniversaryMention]:
    """Every 'anniversary' in a text with its ordinal and the anniversary it names (when one is named).

    The name is read after 'anniversary of' up to the end of the clause, or in the words just before
    ('the armistice signing anniversary'); of several matches the longest phrase wins, then the one whose
    date falls nearest the reference date.
    """
    result = []
    for match in ANNIVERSARY.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        ordinal_match = ORDINAL.search(before)
        ordinal = int(ordinal_match.group(1)) if ordinal_match else (100 if match.group(1) else None)
        after = text[match.end() : match.end() + 160]
        cut = next((m for m in CLAUSE_END.finditer(after) if not _comma_in_a_name(after, m)), None)
        after = after[: cut.start()] if cut else after
        short_before = " ".join(re.split(r"[,;:.]", before)[-1].split()[-5:])
        # "the 100th birth anniversary of Kim", "the 65th founding anniversary of the Party": the anniversary
        # of the birth of Kim, of the founding of the Party (the word before is read again after 'anniversary')
        event_word = BEFORE_OF.search(short_before) if after.lstrip().lower().startswith("of ") else None
        found = _phrase_match(" ".join(f"{short_before} anniversary {after}".split()), anniversaries)
        if event_word:
            again = _phrase_match(
                " ".join(f"{short_before} anniversary {event_word.group(1)} {after}".split()), anniversaries
            )
            best_of: dict[str, tuple[int, Anniversary]] = {}
            for score, anniversary in found + again:
                if anniversary.id not in best_of or score > best_of[anniversary.id][0]:
                    best_of[anniversary.id] = (score, anniversary)
            found = list(best_of.values())
        if found and ordinal and ref is not None:
            # "the 48th anniversary of X" in 2012 names an event of 1964: a name whose base year disagrees
            # ("Kim Jong Il's start of work at the C.C. of the Workers' Party") is not that anniversary. The
            # year is the story's, or one written earlier in the sentence ("In July 2013, ... the 60th").
            sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
            written = YEAR.findall(text[sentence_start : match.start()])
            years = [int(written[-1]) if written else ref.day.year]
            # or one the clause writes after the name ("the 65th anniversary of the WPK in 2010")
            years += [int(y) for y in YEAR.findall(after)]
            found = [(score, a) for score, a in found if any(abs(a.year_of(ordinal) - y) <= 1 for y in years)]
        chosen, length = None, 0
        options: tuple[Anniversary, ...] = ()
        if found:
            length = max(score for score, _ in found)
            best = [a for score, a in found if score == length]
            chosen = _nearest(best, ref, ordinal, mentioned)
            if length < 0:  # only a name shared by several pairs ("diplomatic relations"): the states decide
                options, chosen, length = tuple(best), None, -length
        result.append(AnniversaryMention(match.start(), match.end(), ordinal, chosen, length, options))
    return sorted(result + _day_names(text, anniversaries, result), key=lambda m: m.start)


def _comma_in_a_name(text: str, match: re.Match) -> bool:
    """Is this clause end a comma between two capitalised words, inside a name ("the Treaty of Friendship,
    Good-Neighbourliness and Cooperation", "of Friendship, Cooperation and Mutual Assistance")?"""
    if not match.group().startswith(","):
        return False
    before, after = text[: match.start()].split(), text[match.end() :].split()
    return bool(before and after and before[-1][:1].isupper() and after[0][:1].isupper())


def _day_names(
    text: str, anniversaries: tuple[Anniversary, ...], found: list[AnniversaryMention]
) -> list[AnniversaryMention]:
    """Names of the day itself ("China's National Day observed", "CPV's entry into the Korean war marked"):
    a mention of that anniversary without the word, where no "anniversary" nearby already names one."""
    pattern, owners = _day_pattern(anniversaries)
    if pattern is None:
        return []
    extra: list[AnniversaryMention] = []
    for match in pattern.finditer(text.lower()):
        if OF_A_NAME.match(text, match.end()):
            continue  # "Liberation Day of Kuwait": the day of the name after it (a day the data file names
            # with its "of ..." is matched whole: "National Day of PRC")
        name = ARTICLE.sub("", match.group(0))
        near = any(abs(m.start - match.start()) < 80 and m.anniversary for m in found + extra)
        if not near:
            extra.append(
                AnniversaryMention(match.start(), match.end(), None, owners[name], len(name), day_name=True)
            )
    return extra


@lru_cache(maxsize=8)
def _day_pattern(anniversaries: tuple[Anniversary, ...]) -> tuple[re.Pattern | None, dict[str, Anniversary]]:
    """One pattern for every day name of the data file (longest first), and the anniversary of each."""
    owners = {ARTICLE.sub("", name): a for a in anniversaries for name in a.day_names}
    if not owners:
        return None, owners
    names = sorted(owners, key=len, reverse=True)
    # each word may follow a 'the' the name leaves out, and a name's 'the' may be left out by the text
    spelled = [r"(?:the\s+)?".join(re.escape(w) + r"\s+" for w in n.split())[: -len(r"\s+")] for n in names]
    # grouped by their first character (longest first within each group, as before): the same matches,
    # found sooner, since a position's first character rules out the other groups at once
    groups: dict[str, list[str]] = {}
    for name, pattern in zip(names, spelled, strict=True):
        words = name.split()
        first = re.escape(words[0][0]) if words else ""
        groups.setdefault(first, []).append(pattern[len(first) :])
    body = "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)"), owners


def _nearest(
    options: list[Anniversary], ref: When | None, ordinal: int | None, mentioned: set[str] | None
) -> Anniversary:
    """Of several anniversaries, the one already named in the story, else the one due nearest the date."""
    if len(options) == 1:
        return options[0]
    if mentioned:
        named = [a for a in options if a.id in mentioned]
        if len(named) == 1:
            return named[0]
    if ref is None:
        return options[0]

    def distance(a: Anniversary) -> int:
        year = a.year_of(ordinal) if ordinal else ref.day.year
        return abs((a.due(year) - ref.day).days)

    return min(options, key=distance)


def by_ordinal(
    ordinal: int,
    year: int,
    anniversaries: tuple[Anniversary, ...],
    mentioned: set[str],
    countries: set[str],
    name: str = "",
) -> Anniversary | None:
    """The anniversary an unnamed 'the 65th anniversary' in a year must be: base year = year - ordinal. Where
    the words after it are words its pair shares ("the 60th anniversary of diplomatic relations", said of a
    Chinese premier's trip to Pyongyang), the one of the event's states those words name."""
    options = [a for a in anniversaries if a.base_year == year - ordinal]
    if not options:
        return None
    named = [a for a in options if a.id in mentioned]
    if named:
        return named[0]
    worded = [a for a in options if a.worded_by(name.lower())]
    if worded and countries:
        options = [a for a in worded if countries <= set(a.countries)] or options
    covering = [a for a in options if countries and countries <= set(a.countries)]
    if len(covering) == 1:
        return covering[0]  # "the 60th anniversary of the treaty" said of China and the DPRK: theirs
    shared = [a for a in options if countries & set(a.countries)]
    return (shared or options)[0] if len(shared or options) == 1 else None
