"""`deliver_pending`: each pending alert through every configured channel, each exactly once.

Delivery holds the database's notify lock (`shiftwatch.db.notify.lock`), so that two `notify` processes
(or a `notify` and the notify step of a `run`) never both send the alerts they both found pending.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from alerts.locks import holding, lock_path
from alerts.notify.notifier import build_notifiers
from alerts.store import AlertStore
from crawler.errors import DeliveryError
from crawler.store import Store

log = logging.getLogger(__package__)  # "alerts.notify", the name shown in the log lines


@dataclass
class DeliveryReport:
    """What one `notify` delivered and what stays pending."""

    channels: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (alert id, error)

    def summary(self) -> str:
        """One line for the terminal."""
        if not self.sent and not self.failed:
            return "no pending alerts"
        line = f"delivered {len(self.sent)} alert(s) via {', '.join(self.channels)}"
        if self.failed:
            line += f"; {len(self.failed)} not delivered, kept pending for the next `shiftwatch notify`"
        return line


def deliver_pending(store: Store, config: dict) -> DeliveryReport:
    """Deliver every pending alert through every configured notifier, each exactly once.

    With `[notify] digest = true` each channel gets one message for all pending alerts. An alert is marked
    delivered when all channels accepted it; otherwise it stays pending with the error and its attempt count.
    Raises LockTakenError, having sent nothing, when another process is delivering from this database.
    """
    if store.path == ":memory:":
        return _deliver(store, config)
    with holding(lock_path(store.path, "notify"), "notify"):
        return _deliver(store, config)


def _deliver(store: Store, config: dict) -> DeliveryReport:
    notifiers = build_notifiers(config)
    report = DeliveryReport(channels=[notifier.channel for notifier in notifiers])
    alerts = AlertStore(store)
    pending = list(alerts.iter_alerts(pending=True))
    if not pending:
        return report
    batches = [pending] if config.get("notify", {}).get("digest") else [[alert] for alert in pending]
    errors: dict[str, list[str]] = defaultdict(list)
    for notifier in notifiers:
        try:
            for batch in batches:
                todo = [
                    alert for alert in batch if notifier.channel not in alerts.delivered_channels(alert["id"])
                ]
                if not todo:
                    continue
                try:
                    notifier.send(todo)
                except DeliveryError as exc:
                    log.error("%s: %s", notifier.channel, exc)
                    for alert in todo:
                        errors[alert["id"]].append(f"{notifier.channel}: {exc}")
                    continue
                for alert in todo:
                    alerts.mark_channel_delivered(alert["id"], notifier.channel)
        finally:
            notifier.close()
    for alert in pending:
        if errors.get(alert["id"]):
            message = "; ".join(errors[alert["id"]])
            alerts.mark_failed(alert["id"], message)
            report.failed.append((alert["id"], message))
        else:
            alerts.mark_delivered(alert["id"], ",".join(report.channels))
            report.sent.append(alert["id"])
    return report
