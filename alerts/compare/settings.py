"""The thresholds and windows of the comparison: the [analysis] table of the configuration.

Each default here is also written, with its meaning, in [analysis] of crawler/defaults.toml (a test keeps the
two equal). Which event kinds count as contacts is not a setting: it is the `contact = true` flag of the kinds
file (seeds/kinds.toml), carried by the History. Which pairs of states are watched is `watch_pairs`, by default
the pairs of the anniversaries file (watched.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crawler.errors import ConfigError

PAIR = re.compile(r"^([A-Z]{3})-([A-Z]{3})$")

# Keys [analysis] no longer has, with where their value lives now (a clearer error than "unknown setting").
REMOVED = {
    "contact_kinds": "mark contact kinds with `contact = true` in the kinds file ([data] kinds, seeds/kinds.toml)",
}


@dataclass(frozen=True)
class Settings:
    """The thresholds and windows of the comparison; the [analysis] table of the configuration."""

    window_days: int = 3
    judge_after_days: int = 7
    unnamed_marking_days: int = 2
    unnamed_marking_kinds: tuple[str, ...] = ("message", "commemoration")
    customary_share: float = 0.6
    min_marked_years: int = 2
    lookback_years: int = 10
    coverage_ratio: float = 0.5
    coverage_baseline_days: int = 90
    max_age_days: int = 60
    marking_kinds: tuple[str, ...] = ("commemoration", "message", "visit", "meeting", "rally")
    baseline_months: int = 12
    min_baseline_months: int = 3
    surge_ratio: float = 2.0
    drop_ratio: float = 0.34
    min_contacts: int = 4
    silent_factor: float = 4.0
    silent_min_days: int = 3
    silent_min_documents: int = 5
    protocol_lookback_years: int = 5
    protocol_min_years: int = 3
    max_evidence: int = 5
    # "PRK-CHN": ISO 3166-1 alpha-3 codes; empty: the pairs of the anniversaries file (watched.py)
    watch_pairs: tuple[str, ...] = ()

    @property
    def watch_dyads(self) -> frozenset[tuple[str, str]]:
        """The configured watched pairs, each sorted like an alert's dyad (empty when none is configured)."""
        return frozenset(parse_pair(pair) for pair in self.watch_pairs)

    @classmethod
    def from_config(cls, table: Mapping[str, Any] | None) -> Settings:
        """Settings from the [analysis] table; an unknown key or a bad value raises ConfigError."""
        if table is None:
            return cls()
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key in REMOVED:
                raise ConfigError(f"[analysis] {key} is no longer read: {REMOVED[key]}")
            if key not in known:
                raise ConfigError(f"unknown setting [analysis] {key}; known: {', '.join(sorted(known))}")
            default = known[key].default
            try:
                if isinstance(default, tuple):
                    if isinstance(value, str) or not isinstance(value, Iterable):
                        raise TypeError("expected a list")
                    values[key] = tuple(str(v) for v in value)
                elif isinstance(default, bool):
                    values[key] = bool(value)
                elif isinstance(default, int):
                    if isinstance(value, bool) or int(value) != value:
                        raise TypeError("expected a whole number")
                    values[key] = int(value)
                else:
                    values[key] = float(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"[analysis] {key} = {value!r}: {exc} (default: {default!r})") from exc
            if key == "watch_pairs":
                for pair in values[key]:
                    try:
                        parse_pair(pair)
                    except ValueError as exc:
                        raise ConfigError(f"[analysis] watch_pairs: {exc}") from exc
            elif not isinstance(values[key], tuple) and values[key] < 0:
                raise ConfigError(f"[analysis] {key} = {value!r} must not be negative (default: {default!r})")
        return cls(**values)


def parse_pair(text: str) -> tuple[str, str]:
    """("CHN", "PRK") from "PRK-CHN": two different ISO 3166-1 alpha-3 codes, sorted; ValueError otherwise."""
    match = PAIR.match(text)
    if not match or match[1] == match[2]:
        raise ValueError(
            f"{text!r} is not a pair of states: write two different ISO 3166-1 alpha-3 codes in capitals, "
            'joined by a hyphen, such as "PRK-CHN"'
        )
    first, second = sorted((match[1], match[2]))
    return first, second
