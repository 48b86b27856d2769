"""The thresholds and windows of the comparison: the [analysis] table of the configuration.

Each default here is also written, with its meaning, in [analysis] of crawler/defaults.toml (a test keeps the
two equal). Which event kinds count as contacts is not a setting: it is the `contact = true` flag of the kinds
file (seeds/kinds.toml), carried by the History.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crawler.errors import ConfigError

# Keys [analysis] no longer has, with where their value lives now (a clearer error than "unknown setting").
REMOVED = {
    "contact_kinds": "mark contact kinds with `contact = true` in the kinds file ([data] kinds, seeds/kinds.toml)",
}


@dataclass(frozen=True)
class Settings:
    """The thresholds and windows of the comparison; the [analysis] table of the configuration."""

    window_days: int = 3
    judge_after_days: int = 7
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
            if not isinstance(values[key], tuple) and values[key] < 0:
                raise ConfigError(f"[analysis] {key} = {value!r} must not be negative (default: {default!r})")
        return cls(**values)
