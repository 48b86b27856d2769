"""`notify` left to itself: mail goes out once SMTP is configured, and two notifies at once mail each alert once.

Against a real SMTP server on 127.0.0.1 (aiosmtpd) and the real command line in subprocesses.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import socket
import subprocess
import sys
import threading

import pytest
from aiosmtpd.controller import Controller
from helpers import ROOT, shiftwatch

from alerts.store import AlertStore
from crawler.store import Store

pytestmark = pytest.mark.timeout(120)


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts, taking `delay` seconds over each."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def alert_ids(self) -> list[str]:
        with self.lock:
            return sorted(str(message["X-Shiftwatch-Alerts"]) for message in self.messages)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    """A running SMTP server: (mailbox, port)."""
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


def smtp_env(port: int) -> dict[str, str]:
    """The environment of an operator who configured mail and nothing else."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SHIFTWATCH_")}
    env.update(
        SHIFTWATCH_SMTP_HOST="127.0.0.1",
        SHIFTWATCH_SMTP_PORT=str(port),
        SHIFTWATCH_MAIL_FROM="shiftwatch@example.org",
        SHIFTWATCH_MAIL_TO="analyst@example.org",
    )
    return env


def pending_alerts(db, count: int) -> list[str]:
    """`count` pending alerts in a new database; returns their ids."""
    ids = []
    with Store(db) as store:
        for number in range(count):
            alert_id = f"reported_absence:CHN-PRK:treaty:{2000 + number}"
            AlertStore(store).add_alert(
                {
                    "id": alert_id,
                    "kind": "reported_absence",
                    "dyad": ["CHN", "PRK"],
                    "title": f"Reported not marked: the treaty anniversary of {2000 + number}",
                    "due": f"{2000 + number}-07-11",
                    "base_date": "1961-07-11",
                    "evidence": [{"doc": f"doc{number}", "url": None, "sentence": "It was not marked."}],
                    "details": {},
                    "as_of": "2024-08-01",
                }
            )
            ids.append(alert_id)
    return ids


def test_configured_smtp_sends_mail_without_naming_email_in_the_config(tmp_path, smtp):
    mailbox, port = smtp
    db = tmp_path / "shiftwatch.db"
    ids = pending_alerts(db, 2)
    result = shiftwatch("notify", db=db, env=smtp_env(port))
    assert result.stdout.strip() == "delivered 2 alert(s) via log, email"
    assert mailbox.alert_ids() == ids
    assert "not enabled" not in result.stderr


def test_recipients_in_the_config_file_turn_email_on(tmp_path, smtp):
    mailbox, port = smtp
    db = tmp_path / "shiftwatch.db"
    ids = pending_alerts(db, 1)
    config = tmp_path / "shiftwatch.toml"
    config.write_text(f'[email]\nport = {port}\nmail_to = ["desk@example.org"]\n')
    env = {name: value for name, value in os.environ.items() if not name.startswith("SHIFTWATCH_")}
    result = shiftwatch("--config", str(config), "notify", db=db, env=env)
    assert result.stdout.strip() == "delivered 1 alert(s) via log, email"
    assert mailbox.alert_ids() == ids


def test_a_notifier_list_without_email_keeps_mail_off_and_says_so_once(tmp_path, smtp):
    mailbox, port = smtp
    db = tmp_path / "shiftwatch.db"
    pending_alerts(db, 2)
    config = tmp_path / "shiftwatch.toml"
    config.write_text('[notify]\nnotifiers = ["log"]\n')
    result = shiftwatch("--config", str(config), "notify", db=db, env=smtp_env(port))
    assert result.stdout.strip() == "delivered 2 alert(s) via log"
    assert mailbox.messages == []
    notices = [line for line in result.stderr.splitlines() if "email is not enabled" in line]
    assert len(notices) == 1
    assert "SMTP settings (SHIFTWATCH_SMTP_HOST, SHIFTWATCH_MAIL_TO) are present" in notices[0]
    assert f"[notify] notifiers in {config.resolve()} lists log; add 'email'" in notices[0]


def test_no_smtp_settings_no_mail_and_no_notice(tmp_path, smtp):
    mailbox, _ = smtp
    db = tmp_path / "shiftwatch.db"
    pending_alerts(db, 1)
    env = {name: value for name, value in os.environ.items() if not name.startswith("SHIFTWATCH_")}
    result = shiftwatch("notify", db=db, env=env)
    assert result.stdout.strip() == "delivered 1 alert(s) via log"
    assert mailbox.messages == [] and "not enabled" not in result.stderr


def test_two_notifies_at_once_mail_each_alert_once(tmp_path, smtp):
    mailbox, port = smtp
    mailbox.delay = 0.4  # a slow server: the two processes' deliveries overlap
    db = tmp_path / "shiftwatch.db"
    ids = pending_alerts(db, 6)
    config = tmp_path / "shiftwatch.toml"
    config.write_text('[notify]\nnotifiers = ["log", "email"]\n')
    command = [sys.executable, "-m", "alerts.cli", "--db", str(db), "--config", str(config), "notify"]
    processes = [
        subprocess.Popen(
            command, cwd=ROOT, env=smtp_env(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outcomes = [(*process.communicate(timeout=90), process.returncode) for process in processes]
    outcomes = [(code, out, err) for out, err, code in outcomes]
    assert mailbox.alert_ids() == ids  # each alert mailed exactly once
    assert sorted(code for code, _, _ in outcomes) in ([0, 0], [0, 75])
    for code, _, stderr in outcomes:
        if code == 75:
            assert f"Error: another shiftwatch notify holds {db}.notify.lock" in stderr
    with Store(db) as store:
        assert all(alert["delivered_at"] for alert in AlertStore(store).iter_alerts())
