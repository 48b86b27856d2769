"""The news sources of seeds/sources.toml: loading and validation.

[[source]]
name = "38north"                          # unique; letters, digits, '-', '_', '.'
url = "https://www.38north.org/feed/"
type = "feed"                             # feed | sitemap | listing
follow = '/\\d{4}/\\d{2}/'                 # listings only: a regular expression for article links
delay = 2.0                               # optional: seconds between requests to this source
user_agent = "..."                        # optional: overrides [crawl] user_agent
enabled = true                            # optional
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from crawler.config import read_toml
from crawler.errors import ConfigError, DataFileError

TYPES = ("feed", "sitemap", "listing")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
KEYS = {"name", "url", "type", "follow", "delay", "user_agent", "enabled"}


@dataclass(frozen=True)
class Source:
    """One source to crawl: where its index (feed, sitemap or listing page) is and how to read it."""

    name: str
    url: str
    type: str
    follow: str | None = None
    delay: float | None = None
    user_agent: str | None = None
    enabled: bool = True

    @property
    def follow_pattern(self) -> re.Pattern | None:
        """The compiled follow expression (listings)."""
        return re.compile(self.follow) if self.follow else None


def _check(entry: dict, where: str) -> Source:
    unknown = set(entry) - KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {sorted(unknown)} (known: {sorted(KEYS)})")
    for key in ("name", "url", "type"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise DataFileError(f"{where}: '{key}' is missing (give it as a string)")
    if not NAME.match(entry["name"]):
        raise DataFileError(
            f"{where}: name {entry['name']!r} must be letters, digits, '-', '_' or '.' "
            "(it is typed on the command line: --source NAME)"
        )
    parts = urlparse(entry["url"])
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DataFileError(f"{where}: url {entry['url']!r} is not an http(s) URL")
    if entry["type"] not in TYPES:
        raise DataFileError(f"{where}: type {entry['type']!r} is not one of {', '.join(TYPES)}")
    follow = entry.get("follow")
    if entry["type"] == "listing":
        if not isinstance(follow, str) or not follow:
            raise DataFileError(
                f"{where}: a listing needs 'follow', a regular expression matching its "
                "article links (e.g. follow = '/news/\\d+')"
            )
    elif follow is not None:
        raise DataFileError(
            f"{where}: 'follow' is only read for listings (remove it, or set type = \"listing\")"
        )
    if follow is not None:
        try:
            re.compile(follow)
        except re.error as exc:
            raise DataFileError(
                f"{where}: follow {follow!r} is not a valid regular expression ({exc})"
            ) from exc
    delay = entry.get("delay")
    if delay is not None and (isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0):
        raise DataFileError(f"{where}: delay {delay!r} must be a number of seconds, 0 or more")
    agent = entry.get("user_agent")
    if agent is not None and (not isinstance(agent, str) or not agent.strip()):
        raise DataFileError(f"{where}: user_agent must be a non-empty string (or leave it out)")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise DataFileError(f"{where}: enabled must be true or false, not {enabled!r}")
    return Source(
        entry["name"],
        entry["url"],
        entry["type"],
        follow,
        float(delay) if delay is not None else None,
        agent,
        enabled,
    )


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; errors name the file, the entry and the fix."""
    path = Path(path)
    try:
        data = read_toml(path)
    except ConfigError as exc:
        raise DataFileError(str(exc)) from exc
    entries = data.get("source", [])
    if not isinstance(entries, list) or any(not isinstance(e, dict) for e in entries):
        raise DataFileError(f"{path}: expected [[source]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{path}: source #{number} ({entry.get('name', 'no name')})"
        source = _check(entry, where)
        if source.name in seen:
            raise DataFileError(f"{where}: the name {source.name!r} is used twice (names must be unique)")
        seen.add(source.name)
        sources.append(source)
    return sources


def select_sources(
    sources: list[Source], only: list[str] | None, path: str | Path = "sources"
) -> list[Source]:
    """The sources to crawl: the named ones (enabled or not), else every enabled one."""
    if not only:
        return [s for s in sources if s.enabled]
    by_name = {s.name: s for s in sources}
    missing = [name for name in only if name not in by_name]
    if missing:
        known = ", ".join(sorted(by_name)) or "none"
        raise DataFileError(f"{path}: no source named {', '.join(map(repr, missing))} (known: {known})")
    return [by_name[name] for name in dict.fromkeys(only)]
