"""Articles: the readable text, title, date and outlet of a page or a plain-text file, boilerplate removed.

Pure functions: `read_text(text)` for the seeds' plain-text style and `read_html(html, url)` for pages
(trafilatura). Both return an `Article`.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from crawler.errors import DataFileError, NoArticleTextError
from crawler.extract.dates import MONTHS, WEEKDAYS, When, find_absolute_date

log = logging.getLogger(__name__)

SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$|[.!?]\s*\([A-Z]{2,10}\)$""")
ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.\s?){2,}$")  # "the U.S.", "the C. C."
LIST_GOES_ON = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*(?:,| and )")  # "Austria, Iceland", "Japan and"
WRAP_RATIO = 0.7  # a wrapped line is about as long as the next one (all but a paragraph's last line are)
MIN_SENTENCE_WORDS = 3  # inside an article, a sentence this short is still text ("They left Friday.")
TEASER_END = re.compile(r"(\.\.\.|…)$")
DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*", re.I)
DATE_ONLY = re.compile(r"^[\W\d]*(\w+\s+)?\d{1,4}[\W\d]*(\w+[\W\d]*)?$")
# the words a date line may have beside its numbers ("June 21, 2019", "Updated 12 May", "Fri 10:32 GMT"): a line
# of a number and other words says something ("February 16 celebrations", "Enduring 35 years")
DATE_WORDS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | {day.lower() for day in calendar.day_abbr}
    | {"tues", "thurs", "updated", "published", "posted", "am", "pm", "of", "on", "at"}
    | {"gmt", "utc", "kst", "jst", "est", "edt", "bst", "cet"}
)
UPDATED_LINE = re.compile(r"\b(updated|published|posted)\s*:?\s*", re.I)
LETTER = re.compile(r"[^\W\d_]")
NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
WESTERN_SHARE = 0.3  # the most letters outside ASCII a text read as Windows-1252 may have


@dataclass
class Boilerplate:
    """Compiled rules of seeds/boilerplate.toml."""

    end_markers: list[re.Pattern]
    drop_lines: list[re.Pattern]
    min_paragraph_words: int = 8
    unfinished_endings: list[re.Pattern] = field(default_factory=list)


@dataclass
class Article:
    """What extraction reads: the cleaned text (paragraphs joined by blank lines) and the page's metadata."""

    text: str
    title: str | None = None
    published: When | None = None
    published_from: str = "none"
    source: str | None = None
    url: str | None = None
    dropped: list[str] = field(default_factory=list)  # boilerplate lines removed, for debugging

    @property
    def paragraphs(self) -> list[str]:
        """The paragraphs of the cleaned text."""
        return [p for p in self.text.split("\n\n") if p.strip()]


def load_boilerplate(path: Path) -> Boilerplate:
    """Read and compile seeds/boilerplate.toml, naming the bad entry on error."""
    from crawler.config import read_toml

    data = read_toml(path)
    compiled: dict[str, list[re.Pattern]] = {}
    for key in ("end_markers", "drop_lines", "unfinished_endings"):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise DataFileError(f"{path}: '{key}' must be a list of regular expressions")
        compiled[key] = []
        for pattern in items:
            try:
                compiled[key].append(re.compile(pattern, re.I))
            except re.error as exc:
                raise DataFileError(
                    f"{path}: {key} entry {pattern!r} is not a valid regular expression ({exc})"
                ) from exc
    return Boilerplate(
        compiled["end_markers"],
        compiled["drop_lines"],
        int(data.get("min_paragraph_words", 8)),
        compiled["unfinished_endings"],
    )


@lru_cache(maxsize=8)
def cached_boilerplate(path: str) -> Boilerplate:
    """load_boilerplate, read once per process."""
    return load_boilerplate(Path(path))


def _is_body(line: str, rules: Boilerplate) -> bool:
    words = line.split()
    return (
        len(words) >= rules.min_paragraph_words
        and bool(SENTENCE_END.search(line))
        and not TEASER_END.search(line)
    )


def _furniture(line: str, rules: Boilerplate) -> bool:
    return any(p.search(line) for p in rules.end_markers) or any(p.search(line) for p in rules.drop_lines)


def join_continuations(lines: list[str], rules: Boilerplate) -> list[str]:
    """Lines that continue the line before them, joined to it.

    A paragraph break inside a sentence (a page that broke a long list of names after "the C.C.", after
    "U.K." or after a quoted party name) leaves a line that opens in lower case, or a list that goes on
    ("Austria, Iceland and Peru") after a line ending in an abbreviation, or follows a line whose ending never
    ends a sentence (`unfinished_endings`: "the general secretary of the C.C." / "Communist Party of
    China"). Read alone it is a fragment, or a short line dropped as a caption; it is the end of the line
    before it (after an abbreviation the break stood for a comma). Blank lines between them do not matter;
    page furniture is neither joined nor joined to.
    """
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            out.append(raw)
            continue
        previous = next((i for i in range(len(out) - 1, -1, -1) if out[i].strip()), None)
        before = out[previous].strip() if previous is not None else ""
        if previous is not None and before and not _furniture(line, rules) and not _furniture(before, rules):
            if line[0].islower():
                out[previous] = f"{before} {line}"
                continue
            if (ABBREVIATION_END.search(before) and LIST_GOES_ON.match(line)) or any(
                p.search(before) for p in rules.unfinished_endings
            ):
                out[previous] = f"{before}, {line}"
                continue
        out.append(raw)
    return out


def clean_lines(
    lines: list[str], rules: Boilerplate, wrapped: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """Split lines into (body paragraphs, heading lines before the body, dropped lines).

    The article ends at the first end marker after the body has begun; lines matching drop rules,
    teasers (ending in an ellipsis) and short unpunctuated lines (headings) are not body text.
    """
    body: list[str] = []
    headings: list[str] = []
    dropped: list[str] = []
    lines = join_continuations(lines, rules)
    if wrapped:  # plain text may be hard-wrapped; a page's extracted text has one paragraph a line
        lines = unwrap(lines, rules)
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if any(p.search(line) for p in rules.end_markers) and (body or index > 0):
            dropped.extend(x.strip() for x in lines[index:] if x.strip())
            break
        if any(p.search(line) for p in rules.drop_lines):
            dropped.append(line)
            continue
        if (
            _is_body(line, rules)
            or (body and _is_body_inside(line, rules))
            or (not body and _opens_what_follows(line, lines[index + 1 :], rules))
        ):
            body.append(line)
        elif not body:
            headings.append(line)
        else:
            dropped.append(line)
    return body, headings, dropped


def _opens_what_follows(line: str, after: list[str], rules: Boilerplate) -> bool:
    """Is a paragraph-long line ending in a colon the article's first, opening what its next paragraph says
    ("The south Korean paper Asian Economy on July 7 commented on Japan's moves ... as follows:")?"""
    if not line.endswith(":") or len(line.split()) < rules.min_paragraph_words or TEASER_END.search(line):
        return False
    following = next((x.strip() for x in after if x.strip()), "")
    return _is_body(following, rules)


def unwrap(lines: list[str], rules: Boilerplate) -> list[str]:
    """A paragraph hard-wrapped into lines joined again: a line of paragraph length that ends no sentence,
    with the lines right after it (no blank line between, none much longer than the one before: a heading
    over a one-line paragraph stays apart) up to the one that ends the sentence. Where no line ends it, the
    lines are left as they were (headings, a list of teasers)."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        end = index
        if len(line.split()) >= rules.min_paragraph_words and not SENTENCE_END.search(line):
            while (
                end + 1 < len(lines)
                and (after := lines[end + 1].strip())
                and len(lines[end].strip()) >= WRAP_RATIO * len(after)
                and not _furniture(after, rules)
            ):
                end += 1
                if SENTENCE_END.search(after):
                    break
        block = " ".join(x.strip() for x in lines[index : end + 1])
        if end > index and SENTENCE_END.search(block):
            out.append(block)
            index = end + 1
        else:
            out.append(lines[index])
            index += 1
    return out


def _is_body_inside(line: str, rules: Boilerplate) -> bool:
    """Once the article has begun, also its short sentences ("They came back home Friday."), a sentence
    that opens a quotation ("The message said:") and a long paragraph that lost its final stop."""
    words = len(line.split())
    if TEASER_END.search(line):
        return False
    if SENTENCE_END.search(line) or line.endswith(":"):
        return words >= MIN_SENTENCE_WORDS
    return words >= 2 * rules.min_paragraph_words


def _pick_title(headings: list[str]) -> str | None:
    candidates = [
        h for h in headings if len(h.split()) >= 3 and not find_absolute_date(h) and not TEASER_END.search(h)
    ]
    return candidates[0] if candidates else None


def _headline_lines(headings: list[str]) -> list[str]:
    """Heading lines that say something: words, neither a date line nor a teaser."""
    return [
        h for h in headings if re.search(r"[^\W\d_]", h) and not TEASER_END.search(h) and not _is_date_line(h)
    ]


def _is_date_line(line: str) -> bool:
    """Is the line a date and nothing more ("June 21st, 2019", "2019-06-21", "Fri 21 June")? A bare ordinal
    ("15th", a cut headline) is no date: a date names a month or a weekday, or has a year or digits joined."""
    words = [w.lower() for w in re.findall(r"(?<!\w)[^\W\d_]+", line)]
    return (
        bool(DATE_ONLY.match(line))
        and all(word in DATE_WORDS for word in words)
        and (any(w in MONTHS or w in WEEKDAYS for w in words) or bool(re.search(r"\d{4}|\d[-/.]\d", line)))
    )


def read_text(text: str, rules: Boilerplate) -> Article:
    """Read a plain-text article: header lines (date line, published date, title), body, trailing boilerplate."""
    if not text or not text.strip():
        raise NoArticleTextError("empty document")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    published: When | None = None
    published_from = "none"
    # A leading " date YYYY-MM-DD" line, sometimes fused with the first paragraph.
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        match = DATE_LINE.match(lines[first])
        if match:
            published = find_absolute_date(match.group(1))
            published_from = "header"
            lines[first] = lines[first][match.end() :]
    body, headings, dropped = clean_lines(lines, rules, wrapped=True)
    if published is None:
        first_body = next((i for i, line in enumerate(lines) if body and line.strip() == body[0]), len(lines))
        for line in (x.strip() for x in lines[:first_body] if x.strip()):
            when = find_absolute_date(line)
            if when and (len(line.split()) <= 6 or UPDATED_LINE.search(line)):
                published, published_from = When(when.day, "day", line), "header"
                break
    if not body:
        # A document that is only a headline (an archive of headlines, a wire flash) is a document: the
        # headline is its text ("Press review" too: it states nothing, and yields no event).
        lines_read = _headline_lines(headings)
        if not lines_read:
            raise NoArticleTextError(
                "no article text found (every line looked like a heading or boilerplate)"
            )
        return Article("\n\n".join(lines_read), lines_read[0], published, published_from, dropped=dropped)
    return Article("\n\n".join(body), _pick_title(headings), published, published_from, dropped=dropped)


def read_html(html: str | bytes, rules: Boilerplate, url: str | None = None) -> Article:
    """Read an HTML page with trafilatura: main text, title, date and site name; then the text rules."""
    import trafilatura

    if isinstance(html, bytes):
        html = decode_bytes(html)
    if not html or not html.strip():
        raise NoArticleTextError("empty page")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # Not trafilatura's deduplication: its cache of seen segments lives as long as the process, so a page
        # read a fourth time, a syndicated copy or a paragraph repeated under every story would lose text (or
        # the whole page) depending on what the process read before. Boilerplate is seeds/boilerplate.toml's.
        deduplicate=False,
    )
    assert not isinstance(document, dict)  # a dict only when as_dict=True is asked for
    text = document.text if document is not None else None
    if document is None or not text or not text.strip():
        raise NoArticleTextError("trafilatura found no article text in the page")
    article = read_text(text, rules)
    published = None
    published_from = "none"
    if document.date:
        published = When(__import__("datetime").date.fromisoformat(document.date[:10]), "day", document.date)
        published_from = "meta"
    elif article.published is not None:
        published, published_from = article.published, article.published_from
    return Article(
        article.text,
        document.title or article.title,
        published,
        published_from,
        document.sitename or document.hostname,
        url,
        article.dropped,
    )


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a page: the declared charset if it decodes cleanly, else UTF-8, else Windows-1252 (the web's de
    facto fallback for mis-declared Western pages) if it decodes cleanly into mostly Latin text, else a
    detected charset. Detectors guess badly on mostly-ASCII text ("Schoolchildren’s" as an MS-DOS page)."""
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
        pass
    else:
        if _mostly_ascii_letters(text):
            return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - charset_normalizer comes with requests/trafilatura
        pass
    return data.decode("cp1252", errors="replace")


def _mostly_ascii_letters(text: str) -> bool:
    """Whether at most WESTERN_SHARE of the letters are outside ASCII, as in English or French text; Cyrillic
    or CJK bytes read as Windows-1252 are nearly all accented letters and symbols (left to the detector)."""
    letters = len(LETTER.findall(text))
    return len(NON_ASCII_LETTER.findall(text)) <= WESTERN_SHARE * letters
