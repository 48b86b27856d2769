"""The notifier registry: a Notifier is a channel with a `kind`; `[notify] notifiers` picks them by kind.

Each channel is a module of this package (log, email, apprise) whose class is `@register`ed when the package
is imported.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from crawler.errors import ConfigError

log = logging.getLogger(__package__)  # "alerts.notify", the name shown in the log lines

NOTIFIERS: dict[str, type[Notifier]] = {}


def register(cls: type[Notifier]) -> type[Notifier]:
    """Class decorator: make a notifier available by its `kind` in `[notify] notifiers`."""
    NOTIFIERS[cls.kind] = cls
    return cls


class Notifier:
    """A channel alerts are delivered through; `send` returns only when the channel accepted them."""

    kind: ClassVar[str] = ""

    def __init__(self, config: dict):
        self.config = config

    @classmethod
    def from_config(cls, config: dict) -> list[Notifier]:
        """The channels of this kind that the configuration asks for (one, unless a kind has several)."""
        return [cls(config)]

    @classmethod
    def configured(cls, config: dict) -> str | None:
        """What in the settings asks for this channel when `[notify] notifiers` is unset (None: nothing)."""
        return None

    @property
    def channel(self) -> str:
        """The name deliveries are recorded under (one per channel, so that a retry skips channels that worked)."""
        return self.kind

    def send(self, alerts: list[dict]) -> None:
        """Deliver these alerts (one, or a digest); raise DeliveryError when the channel did not take them."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what send() opened."""


def build_notifiers(config: dict) -> list[Notifier]:
    """The notifiers of [notify] notifiers, `log` first and always; when the list is unset, every notifier
    whose settings are configured (email once SMTP is).

    A list that leaves out a configured notifier keeps it off, and says so once in the log.
    """
    table = config.get("notify", {})
    listed = table.get("notifiers")
    if listed is None:
        names = ["log", *(name for name, cls in NOTIFIERS.items() if cls.configured(config))]
    else:
        names = ["log", *listed]
    names = list(dict.fromkeys(names))
    unknown = [name for name in names if name not in NOTIFIERS]
    if unknown:
        raise ConfigError(f"[notify] notifiers: unknown {unknown}; known: {sorted(NOTIFIERS)}")
    for name, cls in NOTIFIERS.items():
        why = None if name in names else cls.configured(config)
        if why:
            log.warning(
                "%s are present but %s is not enabled: [notify] notifiers%s lists %s; add %r to use it",
                why,
                name,
                f" in {config['_path']}" if config.get("_path") else "",
                ", ".join(names),
                name,
            )
    notifiers: list[Notifier] = []
    for name in names:
        notifiers += NOTIFIERS[name].from_config(config)
    return notifiers
