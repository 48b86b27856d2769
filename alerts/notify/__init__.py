"""`shiftwatch notify`: deliver each pending alert once, through a registry of notifiers chosen in config.

Notifiers (`[notify] notifiers`): `log` (always), `email` (SMTP, smtplib) and `apprise` (one channel per
URL of `[notify] apprise_urls`; the library is imported only when used). Each notifier is a channel; an
alert is recorded as delivered through a channel only after that channel accepted it (for email: after the
server answered 250 to the message), and as delivered once every channel has it. A channel that fails
leaves the alert pending with the error and the attempt count; the next `notify` retries that channel only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import logging
import os
import smtplib
import ssl
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from typing import ClassVar

from alerts.store import AlertStore
from crawler.errors import ConfigError, DeliveryError
from crawler.store import Store

log = logging.getLogger(__name__)

NOTIFIERS: dict[str, type[Notifier]] = {}


def register(cls: type[Notifier]) -> type[Notifier]:
    """Class decorator: make a notifier available by its `kind` in `[notify] notifiers`."""
    NOTIFIERS[cls.kind] = cls
    return cls


# --- formatting -----------------------------------------------------------------------------------------


def _states(alert: Mapping) -> str:
    return "-".join(alert.get("dyad") or []) or "-"


def subject_line(alerts: Sequence[Mapping]) -> str:
    """The subject of a mail (or the title of a notification) for one alert or a digest."""
    if len(alerts) == 1:
        return f"[shiftwatch] {alerts[0]['title']}"
    kinds = sorted({alert["kind"] for alert in alerts})
    return f"[shiftwatch] {len(alerts)} alerts ({', '.join(kinds)})"


def format_text(alerts: Sequence[Mapping]) -> str:
    """A readable plain-text body: each alert with its kind, states, due date, evidence and links."""
    blocks = []
    for alert in alerts:
        lines = [alert["title"], "", f"Kind:   {alert['kind']}", f"States: {_states(alert)}"]
        if alert.get("due"):
            lines.append(f"Due:    {alert['due']}")
        if alert.get("base_date"):
            lines.append(f"Base:   {alert['base_date']}")
        evidence = alert.get("evidence") or []
        if evidence:
            lines += ["", "Evidence:"]
            for item in evidence:
                if item.get("sentence"):
                    lines.append(f'  - "{item["sentence"]}"')
                where = [
                    part
                    for part in (item.get("url"), f"document {item['doc']}" if item.get("doc") else None)
                    if part
                ]
                if where:
                    lines.append(f"    {' | '.join(where)}")
        lines += ["", f"Alert id: {alert['id']}"]
        blocks.append("\n".join(lines))
    rule = "\n\n" + "-" * 72 + "\n\n"
    return rule.join(blocks) + "\n"


def _link(url: str | None) -> str:
    if not url:
        return ""
    shown = html.escape(url, quote=True)
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{shown}">{shown}</a>'
    return shown  # never a live link for other schemes (javascript:, data:)


def format_html(alerts: Sequence[Mapping]) -> str:
    """The HTML part: the same content as the text, every value escaped."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>',
        e(subject_line(alerts)),
        "</title></head><body>",
    ]
    for alert in alerts:
        parts.append(f"<h2>{e(alert['title'])}</h2><table>")
        rows = [
            ("Kind", alert["kind"]),
            ("States", _states(alert)),
            ("Due", alert.get("due")),
            ("Base", alert.get("base_date")),
        ]
        parts += [f'<tr><th align="left">{e(k)}</th><td>{e(str(v))}</td></tr>' for k, v in rows if v]
        parts.append("</table>")
        evidence = alert.get("evidence") or []
        if evidence:
            parts.append("<h3>Evidence</h3><ul>")
            for item in evidence:
                sentence = f"<blockquote>{e(item['sentence'])}</blockquote>" if item.get("sentence") else ""
                doc = f" (document {e(str(item['doc']))})" if item.get("doc") else ""
                parts.append(f"<li>{sentence}{_link(item.get('url'))}{doc}</li>")
            parts.append("</ul>")
        parts.append(f"<p><small>Alert id: {e(alert['id'])}</small></p><hr>")
    parts.append("</body></html>")
    return "\n".join(parts)


# --- notifiers ------------------------------------------------------------------------------------------


class Notifier:
    """A channel alerts are delivered through; `send` returns only when the channel accepted them."""

    kind: ClassVar[str] = ""

    def __init__(self, config: dict):
        self.config = config

    @property
    def channel(self) -> str:
        """The name deliveries are recorded under (one per channel, so that a retry skips channels that worked)."""
        return self.kind

    def send(self, alerts: list[dict]) -> None:
        """Deliver these alerts (one, or a digest); raise DeliveryError when the channel did not take them."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what send() opened."""


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


@dataclass
class SmtpSettings:
    """Where and how to send mail."""

    host: str
    port: int
    user: str
    password: str
    starttls: bool
    ssl: bool
    mail_from: str
    mail_to: list[str]
    timeout: float
    cafile: str = ""


def _flag(name: str, value: str) -> bool:
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name}={value!r}: use 0 or 1")


def smtp_settings(config: dict, environ: Mapping[str, str] | None = None) -> SmtpSettings:
    """SMTP settings: SHIFTWATCH_SMTP_* / SHIFTWATCH_MAIL_* environment variables over [email] of the
    config; the password only from SHIFTWATCH_SMTP_PASSWORD."""
    env = os.environ if environ is None else environ
    table = config.get("email", {})
    host = env.get("SHIFTWATCH_SMTP_HOST") or str(table.get("host") or "")
    port_text = env.get("SHIFTWATCH_SMTP_PORT") or str(table.get("port") or "")
    try:
        port = int(port_text)
    except ValueError as exc:
        raise ConfigError(
            f"SMTP port {port_text!r} is not a number (SHIFTWATCH_SMTP_PORT or [email] port)"
        ) from exc
    starttls = (
        _flag("SHIFTWATCH_SMTP_STARTTLS", env["SHIFTWATCH_SMTP_STARTTLS"])
        if "SHIFTWATCH_SMTP_STARTTLS" in env
        else bool(table.get("starttls"))
    )
    use_ssl = (
        _flag("SHIFTWATCH_SMTP_SSL", env["SHIFTWATCH_SMTP_SSL"])
        if "SHIFTWATCH_SMTP_SSL" in env
        else bool(table.get("ssl"))
    )
    if "SHIFTWATCH_MAIL_TO" in env:
        mail_to = [a.strip() for a in env["SHIFTWATCH_MAIL_TO"].split(",") if a.strip()]
    else:
        configured = table.get("mail_to") or []
        mail_to = [
            a.strip()
            for a in (configured.split(",") if isinstance(configured, str) else configured)
            if a.strip()
        ]
    settings = SmtpSettings(
        host=host,
        port=port,
        user=env.get("SHIFTWATCH_SMTP_USER") or str(table.get("user") or ""),
        password=env.get("SHIFTWATCH_SMTP_PASSWORD", ""),
        starttls=starttls,
        ssl=use_ssl,
        mail_from=env.get("SHIFTWATCH_MAIL_FROM") or str(table.get("mail_from") or ""),
        mail_to=mail_to,
        timeout=float(table.get("timeout") or 20),
        cafile=env.get("SHIFTWATCH_SMTP_CAFILE") or str(table.get("cafile") or ""),
    )
    if not settings.host:
        raise ConfigError("no SMTP server: set SHIFTWATCH_SMTP_HOST or [email] host")
    if not settings.mail_to:
        raise ConfigError("no recipients: set SHIFTWATCH_MAIL_TO (comma-separated) or [email] mail_to")
    if not settings.mail_from:
        raise ConfigError("no sender: set SHIFTWATCH_MAIL_FROM or [email] mail_from")
    if settings.ssl and settings.starttls:
        raise ConfigError(
            "choose SSL (implicit TLS, usually port 465) or STARTTLS (usually port 587), not both"
        )
    if settings.user and not settings.password:
        raise ConfigError(f"SMTP user {settings.user!r} given but no password: set SHIFTWATCH_SMTP_PASSWORD")
    return settings


def message_id(alerts: Sequence[Mapping], mail_from: str) -> str:
    """A Message-ID derived from the alert ids, so that a mail client can tell a resent copy."""
    digest = hashlib.sha256("\n".join(alert["id"] for alert in alerts).encode()).hexdigest()[:32]
    domain = mail_from.rpartition("@")[2].strip(">") or "shiftwatch.invalid"
    return f"<{digest}.shiftwatch@{domain}>"


def build_message(alerts: Sequence[Mapping], settings: SmtpSettings) -> EmailMessage:
    """One mail for one alert (or a digest): a plain-text part and an escaped HTML alternative."""
    message = EmailMessage()
    message["Subject"] = subject_line(alerts)
    message["From"] = settings.mail_from
    message["To"] = ", ".join(settings.mail_to)
    message["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    message["Message-ID"] = message_id(alerts, settings.mail_from)
    message["X-Shiftwatch-Alerts"] = ", ".join(alert["id"] for alert in alerts)
    message.set_content(format_text(alerts))
    message.add_alternative(format_html(alerts), subtype="html")
    return message


@register
class EmailNotifier(Notifier):
    """Send alerts by SMTP (plain, STARTTLS or SSL), one connection per delivery run."""

    kind = "email"

    def __init__(self, config: dict):
        super().__init__(config)
        self.settings = smtp_settings(config)
        self._smtp: smtplib.SMTP | None = None
        self._broken: str | None = None

    def _where(self) -> str:
        return f"SMTP server {self.settings.host}:{self.settings.port}"

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context(cafile=s.cafile or None)
        if s.ssl:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            if s.starttls:
                smtp.starttls(context=context)
            if s.user:
                smtp.login(s.user, s.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, alerts: list[dict]) -> None:
        if self._broken:
            raise DeliveryError(self._broken)
        message = build_message(alerts, self.settings)
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            refused = self._smtp.send_message(message, self.settings.mail_from, self.settings.mail_to)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            # the server is up and refused this message: the next message may still go through
            raise DeliveryError(f"{self._where()} refused the mail: {_smtp_reason(exc)}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            self._broken = (
                f"{self._where()}: {_smtp_reason(exc)} (check that it runs and the SHIFTWATCH_SMTP_* "
                "settings; the alert stays pending and the next `shiftwatch notify` retries)"
            )
            raise DeliveryError(self._broken) from exc
        if refused:
            log.warning("%s refused some recipients of %s: %s", self._where(), message["Subject"], refused)
        log.info("mailed %d alert(s) to %s", len(alerts), ", ".join(self.settings.mail_to))

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


def _smtp_reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{rcpt}: {code} {msg.decode('utf-8', 'replace')}" for rcpt, (code, msg) in exc.recipients.items()
        )
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


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

    @property
    def channel(self) -> str:
        return f"apprise:{hashlib.sha256(self.url.encode()).hexdigest()[:12]}"

    def send(self, alerts: list[dict]) -> None:
        if not self.apprise.notify(title=subject_line(alerts), body=format_text(alerts)):
            raise DeliveryError(f"the {self.scheme}:// Apprise channel did not accept the notification")


def build_notifiers(config: dict) -> list[Notifier]:
    """The notifiers named in [notify] notifiers, `log` first and always."""
    names = list(dict.fromkeys(["log", *config.get("notify", {}).get("notifiers", [])]))
    unknown = [name for name in names if name not in NOTIFIERS]
    if unknown:
        raise ConfigError(f"[notify] notifiers: unknown {unknown}; known: {sorted(NOTIFIERS)}")
    notifiers: list[Notifier] = []
    for name in names:
        if name == "apprise":
            urls = config.get("notify", {}).get("apprise_urls") or []
            if not urls:
                raise ConfigError("[notify] notifiers lists apprise but [notify] apprise_urls is empty")
            notifiers += [AppriseNotifier(config, url) for url in urls]
        else:
            notifiers.append(NOTIFIERS[name](config))
    return notifiers


# --- delivery -------------------------------------------------------------------------------------------


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
    """
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
