"""The `email` notifier: SMTP (plain, STARTTLS or SSL) with settings from the environment over [email]."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from alerts.notify.formatting import format_html, format_text, subject_line
from alerts.notify.notifier import Notifier, register
from crawler.errors import ConfigError, DeliveryError

log = logging.getLogger(__package__)  # "alerts.notify", the name shown in the log lines


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


def smtp_configured(config: dict, environ: Mapping[str, str] | None = None) -> str | None:
    """Which settings say where to mail (SHIFTWATCH_SMTP_HOST or SHIFTWATCH_MAIL_TO in the environment, or
    recipients in [email] mail_to), as words for a message; None when mail is not configured."""
    env = os.environ if environ is None else environ
    found = [name for name in ("SHIFTWATCH_SMTP_HOST", "SHIFTWATCH_MAIL_TO") if env.get(name, "").strip()]
    if config.get("email", {}).get("mail_to"):
        found.append("[email] mail_to")
    return f"SMTP settings ({', '.join(found)})" if found else None


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

    @classmethod
    def configured(cls, config: dict) -> str | None:
        """Mail is on once SMTP is configured: SHIFTWATCH_SMTP_HOST / SHIFTWATCH_MAIL_TO or [email] mail_to."""
        return smtp_configured(config)

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
