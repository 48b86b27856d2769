"""`shiftwatch notify`: deliver each pending alert once, through a registry of notifiers chosen in config.

Notifiers (`[notify] notifiers`): `log` (always), `email` (SMTP, smtplib; on by itself once SMTP is configured,
unless `[notify] notifiers` lists the notifiers without it) and `apprise` (one channel per URL of
`[notify] apprise_urls`; the library is imported only when used). Each notifier is a channel; an
alert is recorded as delivered through a channel only after that channel accepted it (for email: after the
server answered 250 to the message), and as delivered once every channel has it. A channel that fails
leaves the alert pending with the error and the attempt count; the next `notify` retries that channel only.

Modules: notifier (the Notifier base and its registry), one per channel (log, email, apprise), formatting (the
text of a notification) and deliver (`deliver_pending`).
"""

from __future__ import annotations

# importing the channel modules registers their notifiers
from alerts.notify.apprise import AppriseNotifier
from alerts.notify.deliver import DeliveryReport, deliver_pending
from alerts.notify.email import (
    EmailNotifier,
    SmtpSettings,
    build_message,
    message_id,
    smtp_configured,
    smtp_settings,
)
from alerts.notify.formatting import format_html, format_text, subject_line
from alerts.notify.log import LogNotifier
from alerts.notify.notifier import NOTIFIERS, Notifier, build_notifiers, register

__all__ = [
    "NOTIFIERS",
    "AppriseNotifier",
    "DeliveryReport",
    "EmailNotifier",
    "LogNotifier",
    "Notifier",
    "SmtpSettings",
    "build_message",
    "build_notifiers",
    "deliver_pending",
    "format_html",
    "format_text",
    "message_id",
    "register",
    "smtp_configured",
    "smtp_settings",
    "subject_line",
]
