"""The `apprise` notifier: one channel per Apprise URL (chat, push and other services).

The apprise package is optional (`pip install 'shiftwatch[apprise]'`) and imported only when this notifier is
configured.
"""

from __future__ import annotations

import hashlib

from alerts.notify.formatting import format_text, subject_line
from alerts.notify.notifier import Notifier, register
from crawler.errors import ConfigError, DeliveryError


@register
class AppriseNotifier(Notifier):
    """Send alerts to one Apprise URL (chat, push and other services); needs `pip install shiftwatch[apprise]`."""

    kind = "apprise"

    def __init__(self, config: dict, url: str):
        super().__init__(config)
        try:
            import apprise  # optional: only users of this notifier install it
        except ImportError as exc:
            raise ConfigError(
                "the apprise notifier needs the apprise package: pip install 'shiftwatch[apprise]'"
            ) from exc
        self.url = url
        self.scheme = url.partition("://")[0] or "?"
        self.apprise = apprise.Apprise()
        if not self.apprise.add(url):
            # never print the whole URL: it usually holds a token
            raise ConfigError(f"[notify] apprise_urls: a {self.scheme}:// URL was not understood by Apprise")

    @classmethod
    def from_config(cls, config: dict) -> list[Notifier]:
        """One channel per URL of [notify] apprise_urls."""
        urls = config.get("notify", {}).get("apprise_urls") or []
        if not urls:
            raise ConfigError("[notify] notifiers lists apprise but [notify] apprise_urls is empty")
        return [cls(config, url) for url in urls]

    @property
    def channel(self) -> str:
        return f"apprise:{hashlib.sha256(self.url.encode()).hexdigest()[:12]}"

    def send(self, alerts: list[dict]) -> None:
        if not self.apprise.notify(title=subject_line(alerts), body=format_text(alerts)):
            raise DeliveryError(f"the {self.scheme}:// Apprise channel did not accept the notification")
