"""The `log` notifier: each alert as a warning in the log (stderr for the command line); always on."""

from __future__ import annotations

import logging

from alerts.notify.notifier import Notifier, register

log = logging.getLogger(__package__)  # "alerts.notify", the name shown in the log lines


@register
class LogNotifier(Notifier):
    """Write each alert to the log (stderr for the command line)."""

    kind = "log"

    def send(self, alerts: list[dict]) -> None:
        for alert in alerts:
            sentences = "; ".join(
                f"{item.get('sentence')} <{item.get('url') or item.get('doc')}>"
                for item in alert.get("evidence") or []
            )
            log.warning(
                "ALERT %s [%s] %s%s",
                alert["id"],
                alert["kind"],
                alert["title"],
                f" -- evidence: {sentences}" if sentences else "",
            )
