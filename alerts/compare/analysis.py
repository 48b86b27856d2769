"""`shiftwatch analyze`: load the history from the database, find the alerts, store the new ones."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from alerts.compare import Alert, Settings, find_alerts
from alerts.compare.history import load_history
from alerts.store import AlertStore
from crawler.config import data_path
from crawler.extract.anniversaries import cached_anniversaries
from crawler.extract.kinds import contact_kinds
from crawler.store import Store

log = logging.getLogger(__name__)


@dataclass
class Found:
    """An alert of this analysis and whether this analysis stored it first."""

    alert: Alert
    new: bool

    def to_row(self) -> dict:
        """The alert's row with a `new` flag (for `analyze --json`)."""
        return {**self.alert.to_row(), "new": self.new}


@dataclass
class AnalysisResult:
    """The alerts an analysis found, new or already stored."""

    as_of: dt.date
    found: list[Found] = field(default_factory=list)

    @property
    def alerts(self) -> list[Found]:
        """Every alert found, each with its `new` flag."""
        return self.found

    @property
    def new(self) -> list[Alert]:
        """Only the alerts stored by this analysis."""
        return [item.alert for item in self.found if item.new]

    def render(self) -> str:
        """Text for the terminal: one block per alert with its title, due date, evidence and links."""
        if not self.found:
            return f"no alerts as of {self.as_of.isoformat()}"
        blocks = [f"{len(self.found)} alert(s) as of {self.as_of.isoformat()}, {len(self.new)} new"]
        for item in self.found:
            alert = item.alert
            lines = [f"[{alert.kind}]{' (new)' if item.new else ''} {alert.title}"]
            if alert.due:
                lines.append(f"  due: {alert.due.isoformat()}")
            for evidence in alert.evidence:
                if evidence.get("sentence"):
                    lines.append(f"  - {evidence['sentence']}")
                where = evidence.get("url") or evidence.get("doc")
                if where:
                    lines.append(f"    {where}")
            lines.append(f"  id: {alert.key}")
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)


def analyze(store: Store, config: dict, as_of: dt.date | None = None) -> AnalysisResult:
    """Compare the history with `as_of` (default: today, UTC) and store each new alert once.

    With `as_of` in the past this is a backtest: only documents published on or before that day are used.
    An alert already stored (same key) is returned again with new=False and is not delivered again.
    """
    as_of = as_of or dt.datetime.now(dt.UTC).date()
    settings = Settings.from_config(config.get("analysis"))
    anniversaries = list(cached_anniversaries(str(data_path(config, "anniversaries"))))
    history = load_history(store, anniversaries, as_of, contact_kinds(data_path(config, "kinds")))
    result = AnalysisResult(as_of=as_of)
    alerts = AlertStore(store)
    for alert in find_alerts(history, as_of, settings):
        new = alerts.add_alert(alert.to_row())
        if new:
            log.info("new alert %s", alert.key)
        result.found.append(Found(alert, new))
    return result
