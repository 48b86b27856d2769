"""Lists of participants as written: sentences of plain text, names of the gazetteer in a phrase, and a list
("Yang Hyong Sop, vice-president of the Presidium ..., Kim Hyong Jun, vice-minister of Foreign Affairs, and
officials concerned") read into entries of a name and its posts, or a group of officials.

Pure functions over text and the data of seeds/participants.toml; which state and tier an entry has is
decided by participants.py.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from crawler.extract.dates import WEEKDAYS
from crawler.extract.gazetteer import Gazetteer
from crawler.extract.participant_rules import Cue, ParticipantRules

TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*['’]?")
_BOUNDARY = re.compile(r"""[.!?]["'”’)]*\s+(?=["“‘(]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n\s*\n")
# Words of a date, never of a name (abbreviated months are left out: "Jun" and "Sep" are names too).
_DATE_WORDS = (
    frozenset(WEEKDAYS) | {m.lower() for m in calendar.month_name if m} | {"today", "yesterday", "tonight"}
)
MAX_NAME_WORDS = 6
_HIDDEN_COMMA = "\x1f"
_POSSESSIVE = re.compile(r"(?:his|her|their)\b")
_OPENING_CIRCUMSTANCE = re.compile(
    r"^(?:[Oo]n|[Ii]n|[Aa]t|[Dd]uring|[Mm]eanwhile|[Ll]ater|[Ee]arlier)\b[^A-Z,]*,?\s*(?=[A-Z])"
)
_TRAILING_JOINER = re.compile(r"[\s,]*(?:\b(?:and|as well as|including)\s+)?(?:\b(?:a|an|the)\s*)?$")
_ARTICLES = frozenset({"the", "a", "an"})
_ARTICLE_LIKE = _ARTICLES | {"his", "her", "its", "their", "other"}
_LEADING_DATE = re.compile(r"(?:on |last |this )?([A-Za-z]+\.?),?\s+")


# --- sentences ----------------------------------------------------------------------------------------------


def sentences(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence. A paragraph that starts in lower case continues the one before it
    (a break after "C.C." in the middle of a post); a full stop after an abbreviation or an initial ends none."""
    paragraphs: list[list[int]] = []
    start = 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[start:end].strip():
            first = text[start:end].lstrip()[:1]
            if paragraphs and (
                first.islower()
                or _continues(text[paragraphs[-1][0] : paragraphs[-1][1]], text[start:end], abbreviations)
            ):
                paragraphs[-1][1] = end
            else:
                paragraphs.append([start, end])
        start = match.end() if match else len(text)
    spans = []
    for begin, finish in paragraphs:
        cut = begin
        for boundary in _BOUNDARY.finditer(text, begin, finish):
            if _abbreviated(text[cut : boundary.start() + 1], abbreviations):
                continue
            spans.append((cut, boundary.start() + 1))
            cut = boundary.end()
        spans.append((cut, finish))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans if text[a:b].strip()]


def _abbreviated(text: str, abbreviations: frozenset[str]) -> bool:
    """Whether a text ends with an abbreviation's full stop ("Mt.", "Yanji-Mt.", "C.C.", an initial "D.")."""
    words = text.split()
    if not words or not words[-1].endswith("."):
        return False
    word = words[-1].rstrip(".!?\"'”’)").split("-")[-1]
    return word in abbreviations or (len(word) == 1 and word.isupper()) or "." in word


def _continues(paragraph: str, following: str, abbreviations: frozenset[str]) -> bool:
    """Whether a paragraph stops where no sentence ends and the next goes on with the name it broke
    ("... secretary of the C.C." then "WPK, Kim Jin Guk, ...")."""
    first = following.split()[0].strip(",.;:") if following.split() else ""
    return _abbreviated(paragraph.rstrip(), abbreviations) and first.isupper() and len(first) > 1


# --- names of the gazetteer in a phrase ---------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A name of the gazetteer in a phrase: its characters, what kind of name, its state ('' for none)."""

    start: int
    end: int
    kind: str  # state | party | military | media | institution | place
    code: str


class MentionFinder:
    """Finds the gazetteer's states, organisations and places in a phrase, longest name first (persons are
    left out: they are participants, not what a post belongs to; so are institutions, a legislature or a
    ministry, whose words the posts of ranks.toml spell out: "deputy chairman of the State Duma")."""

    def __init__(self, gazetteer: Gazetteer):
        self.forms: dict[tuple[str, ...], tuple[str, str]] = {}
        for form, actor_id in gazetteer.forms.items():
            actor = gazetteer.actors[actor_id]
            if actor.type == "person":
                continue
            kind = "state" if actor.type in ("country", "adjective") else actor.type
            if actor.type == "organization":
                kind = actor.role or "institution"
                if kind == "institution":
                    continue
            words = tuple(TOKEN.findall(form))
            if words:
                self.forms.setdefault(words, (kind, actor.code))
                if words[0] == "the":
                    self.forms.setdefault(("The", *words[1:]), (kind, actor.code))
        # the lengths of the names each first word opens, longest first: most words open none
        sizes: dict[str, set[int]] = {}
        for words in self.forms:
            sizes.setdefault(words[0], set()).add(len(words))
        self.sizes = {first: sorted(lengths, reverse=True) for first, lengths in sizes.items()}
        self.find = functools.lru_cache(maxsize=4096)(self._find)  # a phrase is looked at several times

    def _find(self, text: str) -> list[Mention]:
        """The names in a phrase, left to right, none overlapping."""
        words = TOKEN.findall(text)
        spans: list[tuple[int, int]] = []  # where each word is: only needed once a name is found
        found: list[Mention] = []
        free = 0  # the first word not inside a name found
        for i in [i for i, word in enumerate(words) if word in self.sizes]:  # the words that open a name
            if i < free:
                continue
            for size in self.sizes[words[i]]:
                if i + size > len(words):
                    continue
                hit = self.forms.get(tuple(words[i : i + size]))
                if hit:
                    spans = spans or [m.span() for m in TOKEN.finditer(text)]
                    found.append(Mention(spans[i][0], spans[i + size - 1][1], hit[0], hit[1]))
                    free = i + size
                    break
        return found


# --- entries of a list --------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One participant as written: a name with its posts, a post without a name, or a group of officials."""

    person: str | None
    positions: list[str] = field(default_factory=list)
    group: bool = False
    clause: str = ""  # the words before a nested cue in its chunk ("a delegation of ... of China led by")
    link: int = 0  # entries of one chunk joined by "and" share a link
    start: bool = False  # the chunk began with this entry (a post chunk after it may attach to it)
    last: bool = False  # a clause follows its name ("... Fu Shuangjian Tuesday visited ..."): the list ends
    belongs: bool = False  # "his embassy officials": of the participant before it

    @property
    def position(self) -> str:
        """The posts as written, joined."""
        return ", ".join(p for p in self.positions if p)


END = Entry(None, last=True)  # what a part is when a clause starts there: the list ends before it


@dataclass(frozen=True)
class ListReader:
    """Reads lists with the data of seeds/participants.toml, the gazetteer and the pipeline's lexicon."""

    rules: ParticipantRules
    mentions: MentionFinder
    is_common: Callable[[str], bool]
    persons: frozenset[str] = frozenset()  # every person name of the gazetteer

    # ---- words

    def _is_title(self, word: str) -> bool:
        lower = word.lower().rstrip(".")
        forms = {
            lower,
            lower[:-1] if lower.endswith("s") else lower,
            lower[:-3] + "y" if lower.endswith("ies") else lower,
        }
        return any(f in self.rules.titles or any(p in self.rules.titles for p in f.split("-")) for f in forms)

    def _name_like(self, word: str, gazetteer_words: set[int], index: int) -> bool:
        if index in gazetteer_words:
            return False
        bare = word.rstrip(".")
        if bare.lower() in _DATE_WORDS or bare.lower() in self.rules.determiners or "." in bare:
            return False  # "C.C", "U.S": abbreviations, not names
        return bool(bare[:1].isupper()) and not self._is_title(word)

    @property
    def _function_words(self) -> frozenset[str]:
        """The words after which capitalised words may be a body's name before a person's ("Minister of
        Public Health Choe Chang Sik", "Commission for Joint Venture and Investment Ri Kwang Gun")."""
        return self.rules.not_after | {"of", "and", "for", "on", "the"}

    def _common(self, word: str) -> bool:
        """Whether a word is an ordinary English word ("People's" is: a possessive of one)."""
        return self.is_common(re.sub(r"['’]s?$", "", word.rstrip(".")))

    def _tokens(self, text: str) -> tuple[list[tuple[str, int, int]], set[int]]:
        """The words of a phrase and which of them belong to a gazetteer name. A one-word name followed by
        two more capitalised words opens a person's name instead ("Pak Jae Gyong", not Pakistan)."""
        tokens = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
        in_mention: set[int] = set()
        for mention in self.mentions.find(text):
            covered = [i for i, (_, a, b) in enumerate(tokens) if mention.start <= a and b <= mention.end]
            in_mention.update(covered)
        for i in sorted(in_mention):
            if i - 1 in in_mention or i + 1 in in_mention or i + 2 >= len(tokens):
                continue
            if i and tokens[i - 1][0].lower() in self._function_words | {"the", "a", "an"}:
                continue  # "ambassador to the DPRK Liu Hongcai": the state, then the name
            if all(self._name_like(tokens[k][0], in_mention, k) for k in (i + 1, i + 2)):
                in_mention.discard(i)
        return tokens, in_mention

    def _strip_front(self, text: str) -> str:
        """Connectors, determiners and a leading date ("on Monday") off the front of a chunk."""
        while True:
            first, _, rest = text.partition(" ")
            lower = text.lower()
            connector = next((c for c in self.rules.connectors if lower.startswith(c + " ")), None)
            if connector and text[:1].islower():
                text = text[len(connector) + 1 :].lstrip()
            elif (
                rest
                and first.lower() in self.rules.determiners
                and (first.islower() or first.lower() in _ARTICLE_LIKE)
            ):
                text = rest.lstrip()
            elif (date := _LEADING_DATE.match(text)) and date.group(1).lower().rstrip(".") in _DATE_WORDS:
                text = text[date.end() :]
            else:
                return text.strip(" ,;:")

    def _strip_connectors(self, text: str) -> str:
        lower = text.lower()
        connector = next((c for c in self.rules.connectors if lower.startswith(c + " ")), None)
        return text[len(connector) + 1 :].lstrip() if connector else text

    def stops(self, text: str) -> bool:
        """Whether a chunk starts a clause or a circumstance (the list ends there)."""
        lower = text.lower()
        return any(lower == w or lower.startswith(w + " ") for w in self.rules.stops)

    # ---- one part of a chunk

    def group_words(self, text: str) -> bool:
        """Whether a phrase is a group of officials: a group word among its first three words, after no title
        ("officials concerned", "his embassy officials", "Staff members of the Russian embassy")."""
        words = TOKEN.findall(self._strip_front(text))[:3]
        for k, word in enumerate(words):
            if word.lower() in self.rules.groups:
                return not any(self._is_title(w) for w in words[:k])
        return False

    def _name_run(self, text: str, trust_lead: bool = False) -> tuple[int, int, int] | None:
        """(start char, end char, index of the first word) of the name in a phrase, if any.

        A name right after a title ("Vice-Minister Li Wei") or opening a chunk that a post follows
        (`trust_lead`: "Bai Lichen, vice-chairman of ...") is taken as written; elsewhere it needs a word the
        lexicon does not know ("Minister of Public Health Choe Chang Sik")."""
        # words in brackets are never the name: "... Korean Residents in Japan (Chongryon)"
        tokens, in_mention = self._tokens(re.sub(r"\([^)]*\)?", lambda m: " " * len(m.group(0)), text))
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            if self._name_like(tokens[i][0], in_mention, i):
                j = i
                while j + 1 < len(tokens) and (
                    self._name_like(tokens[j + 1][0], in_mention, j + 1)
                    or (tokens[j + 1][0] in self.rules.name_particles and j + 2 < len(tokens))
                ):
                    j += 1
                runs.append((i, j))
                i = j + 1
            else:
                i += 1
        for first, last in runs:
            start_of_run = first
            lead = first == 0
            after_title = first > 0 and self._is_title(tokens[first - 1][0])
            after_name = (
                first > 0 and (first - 1) in in_mention
            )  # "... of the Workers' Party of Korea Kim Song Nam"
            if lead and last - first >= 3:
                # "Investment Ri Kwang Gun": ordinary words of a body's name before the name
                while first < last and self._common(tokens[first][0]):
                    first += 1
                lead = first == 0
                if not lead and len(tokens[first - 1][0]) <= 2 and tokens[first - 1][0][:1].isupper():
                    first -= 1
            elif (
                not (lead or after_title or after_name)
                and tokens[first - 1][0].lower() in self._function_words
            ):
                # "Minister of Public Health Choe Chang Sik": the name starts at its first uncommon word
                uncommon = [k for k in range(first, last + 1) if not self._common(tokens[k][0])]
                if not uncommon:
                    continue
                first = uncommon[0]
                if first > 0 and len(tokens[first - 1][0]) <= 2 and tokens[first - 1][0][:1].isupper():
                    first -= 1  # "So Kil Bok": a short surname the lexicon knows as a word
            words = [t[0] for t in tokens[first : last + 1]]
            real = [w for w in words if len(w.rstrip(".")) > 1]
            if not real or len(words) > MAX_NAME_WORDS:
                continue
            text_name = " ".join(words)
            if words[-1].lower().rstrip(".") in self.rules.body_words:
                continue  # "General Political Department", "Nakhodka City": a body or a place
            if first > 0 and tokens[first - 1][0].lower() in self.rules.not_after and first == start_of_run:
                continue  # "the consul general in Chongjin": a place
            if first > 0 and tokens[first - 1][0].lower() in _ARTICLES and first == start_of_run:
                continue  # "the Political Department of the CPLA": a name after an article is a body's
            trusted = after_title or (
                trust_lead and lead and first == start_of_run and last == len(tokens) - 1
            )
            if trusted or text_name in self.persons or any(not self._common(w) for w in real):
                return tokens[first][1], tokens[last][2], first
        return None

    def _titled(self, text: str) -> bool:
        """Whether a phrase starts with a post: a title word among its first words (names of the gazetteer
        and determiners not counted)."""
        tokens, in_mention = self._tokens(self._strip_front(text))
        plain = [t[0] for i, t in enumerate(tokens) if i not in in_mention][:3]
        return any(self._is_title(w) for w in plain)

    def part(self, text: str, post_follows: bool = False) -> Entry | None:
        """One part of a chunk as an entry, or None when it names no participant. `post_follows`: the next
        chunk of the list is a post (so capitalised words alone here are a name)."""
        belongs = _POSSESSIVE.match(self._strip_connectors(text)) is not None
        text = self._strip_front(text)
        if not text:
            return None
        if self.group_words(text):
            return Entry(None, [text], group=True, belongs=belongs)
        run = self._name_run(text, trust_lead=post_follows)
        if run is not None:
            start, end, _ = run
            name = text[start:end]
            before, after = text[:start].strip(" ,"), text[end:].strip(" ,")
            if self.rules.clause_words.search(before):
                return END  # "... on the 100th day since the demise of General Secretary ...": a clause
            positions = [before] if before and self._titled(before) else []
            tail = after.lower()
            ends = False
            if tail.startswith("of ") and positions:
                positions[-1] = f"{positions[-1]} {after}"  # "Military Attache X of the Russian embassy"
            elif tail.startswith("of "):
                return None  # "Nakhodka City of the Maritime Territory": a place or a body, not a person
            elif any(tail.startswith(s + " ") for s in self.rules.post_separators if s != "and"):
                positions.append(after)
            elif tail and tail not in ("here", "there"):
                ends = True
            if before and not positions and before.lower() not in self.rules.determiners:
                return None  # words before the name that are no post: not a list of participants
            return Entry(name, positions, start=True, last=ends)
        if self._titled(text):
            return Entry(None, [text])
        return None

    def _split_and(self, text: str, post_follows: bool = False) -> list[str]:
        """A chunk cut where "and" (or another connector) is followed by another person or group."""
        pieces = re.split(r"\s+(and|as well as|together with|along with|including)\s+", text)
        parts = [pieces[0]]
        for k in range(1, len(pieces), 2):
            joiner, right = pieces[k], pieces[k + 1]
            if self.group_words(parts[-1]):
                parts[-1] += f" {joiner} {right}"  # "generals and other officers of the army": one group
                continue
            probe = self.part(right, post_follows)
            if probe is not None and (probe.person or probe.group):
                parts.append(right)
            else:
                parts[-1] += f" {joiner} {right}"
        return parts

    # ---- a whole list

    def read(self, text: str, nested: tuple[Cue, ...] = (), *, subject: bool = False) -> list[Entry]:
        """The entries of a list as written, in order; reading stops at a clause ("who paid a visit").

        `subject`: the list is a sentence's subject, before its cue; a circumstance opening the sentence ("On
        the same day Choe Son Hui ... met") is not the end of it."""
        if subject:
            text = _OPENING_CIRCUMSTANCE.sub("", text.lstrip(), count=1)
        entries: list[Entry] = []
        previous_persons: list[Entry] = []
        enumerating = False  # after a group: "officials of the Ministry of Defence, Ministry of ..., Gazprom"
        for cue in nested:  # a delegation's name may hold commas: "of Radio, Film and Television led by"
            text = cue.pattern.sub(lambda m: m.group(0).replace(",", _HIDDEN_COMMA), text)
        raw_chunks = [self._strip_connectors(c.strip()) for c in _chunks(text)]
        chunks = [self._strip_front(c.rstrip(".")).replace(_HIDDEN_COMMA, ",") for c in raw_chunks]
        for link, chunk in enumerate(chunks, 1):
            if not chunk:
                continue
            if self.stops(chunk):
                break
            clause, before = "", ""
            for cue in nested:
                found = cue.pattern.search(chunk)
                if found:  # "his embassy officials and a delegation of ... led by Vice-Minister X"
                    before = _TRAILING_JOINER.sub("", chunk[: found.start()])
                    if re.search(r"\b(?:of|for|from|with|by)$", before):
                        before = ""  # "members of the delegation led by": the delegation's own people
                    clause, chunk = chunk[found.start() : found.end()].strip(), chunk[found.end() :].strip()
                    break
            follows = link < len(chunks) and self._titled(chunks[link]) and not self.group_words(chunks[link])
            parts, ended = self._parts(before, False) if before else ([], False)
            if not ended:
                nested_parts, ended = self._parts(chunk, follows)
                for entry in nested_parts:
                    entry.clause = clause
                parts += nested_parts
            if ended and not parts:
                return entries
            if not parts:
                continue
            if parts[0].person is None and not parts[0].group and previous_persons and not clause:
                for person in previous_persons:  # "Kim Ki Nam and Kim Yong Il, secretaries of the C.C."
                    person.positions.append(parts[0].positions[0])
                parts = parts[1:]
                if not parts:
                    continue
            if enumerating and not clause:
                parts = [p for p in parts if p.group or (p.person and (p.positions or follows))]
                if not parts:
                    continue
            enumerating = parts[-1].group
            for entry in parts:
                entry.link = link
                entry.belongs = entry.belongs or (
                    entry.group and bool(_POSSESSIVE.match(raw_chunks[link - 1]))
                )
                entries.append(entry)
            previous_persons = [e for e in parts if e.person]
            if any(e.group for e in parts):
                previous_persons = []
            if parts[-1].last or ended:
                break
        return entries

    def _parts(self, chunk: str, follows: bool) -> tuple[list[Entry], bool]:
        """The entries of one chunk, and whether the list ends in it (a clause starts there)."""
        parts: list[Entry] = []
        for piece in self._split_and(chunk, follows):
            entry = self.part(piece, follows)
            if entry is END:
                return parts, True
            if entry is not None:
                parts.append(entry)
                if entry.last:
                    break
        return parts, False


def _chunks(text: str) -> list[str]:
    """A list cut at its commas and semicolons, outside brackets and quotes."""
    chunks: list[str] = []
    current: list[str] = []
    depth, quoted = 0, False
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in '"“”':
            quoted = not quoted if char == '"' else char == "“"
        if char in ",;" and depth == 0 and not quoted:
            chunks.append("".join(current))
            current = []
        else:
            current.append(char)
    chunks.append("".join(current))
    return chunks
