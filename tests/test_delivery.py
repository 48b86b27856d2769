"""Delivery channels against real local servers: Apprise through its json:// scheme to an HTTP endpoint on
127.0.0.1, SMTP over implicit TLS and STARTTLS with AUTH LOGIN on aiosmtpd (certificates made here with
trustme), a digest where one channel fails, and a `notify` killed between sending a mail and recording it."""

from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from helpers import ROOT

from alerts.notify import deliver_pending, subject_line
from alerts.store import AlertStore
from crawler.config import load_config
from crawler.store import Store

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"),  # implicit TLS: see below
]

SMTP_ENV = (
    "SHIFTWATCH_SMTP_HOST",
    "SHIFTWATCH_SMTP_PORT",
    "SHIFTWATCH_SMTP_USER",
    "SHIFTWATCH_SMTP_PASSWORD",
    "SHIFTWATCH_SMTP_STARTTLS",
    "SHIFTWATCH_SMTP_SSL",
    "SHIFTWATCH_MAIL_FROM",
    "SHIFTWATCH_MAIL_TO",
    "SHIFTWATCH_SMTP_CAFILE",
    "SHIFTWATCH_CONFIG",
)
USER, PASSWORD = "alerts", "s3cret-for-the-test"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in SMTP_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def alert(number: int) -> dict:
    return {
        "id": f"reported_absence:CHN-PRK:treaty:{2020 + number}",
        "kind": "reported_absence",
        "dyad": ["CHN", "PRK"],
        "title": f"Reported not marked: the treaty anniversary of {2020 + number}",
        "due": f"{2020 + number}-07-11",
        "evidence": [{"doc": f"d{number}", "url": f"https://news.example/{number}", "sentence": "Nothing."}],
    }


class Mailbox:
    """An aiosmtpd handler that keeps each message it accepts; `on_data` runs before it answers 250."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.on_data = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        if self.on_data:
            self.on_data()
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 235 or 535 itself


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


@pytest.fixture
def tls(ca, tmp_path):
    """A server TLS context for 127.0.0.1, and the CA file a client must trust for it."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    return context, cafile


def mail_config(tmp_path, port: int, **notify) -> dict:
    path = tmp_path / "mail.toml"
    extra = "".join(f"{key} = {json.dumps(value)}\n" for key, value in notify.items())
    path.write_text(
        f'[notify]\nnotifiers = ["log", "email"]\n{extra}'
        f'[email]\nhost = "127.0.0.1"\nport = {port}\nmail_from = "shiftwatch@example.org"\n'
        'mail_to = ["analyst@example.org"]\ntimeout = 10\n'
    )
    return load_config(path)


# --- SMTP: implicit TLS, STARTTLS, AUTH LOGIN -----------------------------------------------------------


def test_smtp_over_implicit_tls_with_login_delivers_once(tmp_path, tls, monkeypatch):
    context, cafile = tls
    mailbox, port = Mailbox(), free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        ssl_context=context,  # implicit TLS from the first byte, as on port 465
        authenticator=authenticator,
        auth_require_tls=False,  # aiosmtpd counts only STARTTLS as TLS; this connection is TLS throughout
        auth_required=True,
    )
    controller.start()
    try:
        monkeypatch.setenv("SHIFTWATCH_SMTP_SSL", "1")
        monkeypatch.setenv("SHIFTWATCH_SMTP_CAFILE", str(cafile))
        monkeypatch.setenv("SHIFTWATCH_SMTP_USER", USER)
        monkeypatch.setenv("SHIFTWATCH_SMTP_PASSWORD", PASSWORD)
        with Store(tmp_path / "a.db") as store:
            AlertStore(store).add_alert(alert(1))
            report = deliver_pending(store, mail_config(tmp_path, port))
            assert (report.sent, report.failed) == ([alert(1)["id"]], [])
            assert deliver_pending(store, mail_config(tmp_path, port)).sent == []
    finally:
        controller.stop()
    (message,) = mailbox.messages
    assert message["Subject"] == "[shiftwatch] Reported not marked: the treaty anniversary of 2021"


def test_smtp_login_with_a_wrong_password_keeps_the_alert_pending(tmp_path, tls, monkeypatch):
    context, cafile = tls
    mailbox, port = Mailbox(), free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        ssl_context=context,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        monkeypatch.setenv("SHIFTWATCH_SMTP_SSL", "1")
        monkeypatch.setenv("SHIFTWATCH_SMTP_CAFILE", str(cafile))
        monkeypatch.setenv("SHIFTWATCH_SMTP_USER", USER)
        monkeypatch.setenv("SHIFTWATCH_SMTP_PASSWORD", "not-the-password")
        with Store(tmp_path / "a.db") as store:
            AlertStore(store).add_alert(alert(1))
            report = deliver_pending(store, mail_config(tmp_path, port))
            row = AlertStore(store).get_alert(alert(1)["id"])
    finally:
        controller.stop()
    assert report.sent == [] and "535" in report.failed[0][1], report.failed
    assert row["delivered_at"] is None and row["attempts"] == 1 and "535" in row["last_error"]
    assert mailbox.messages == []


def test_starttls_with_login_delivers_and_an_untrusted_certificate_is_refused(tmp_path, tls, monkeypatch):
    context, cafile = tls
    mailbox, port = Mailbox(), free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    try:
        monkeypatch.setenv("SHIFTWATCH_SMTP_STARTTLS", "1")
        monkeypatch.setenv("SHIFTWATCH_SMTP_USER", USER)
        monkeypatch.setenv("SHIFTWATCH_SMTP_PASSWORD", PASSWORD)
        with Store(tmp_path / "a.db") as store:
            AlertStore(store).add_alert(alert(1))
            # without the private CA the server's certificate is not trusted: nothing is sent
            untrusted = deliver_pending(store, mail_config(tmp_path, port))
            assert untrusted.sent == [] and "CERTIFICATE_VERIFY_FAILED" in untrusted.failed[0][1]
            assert mailbox.messages == []
            monkeypatch.setenv("SHIFTWATCH_SMTP_CAFILE", str(cafile))
            trusted = deliver_pending(store, mail_config(tmp_path, port))
            assert trusted.sent == [alert(1)["id"]]
            assert AlertStore(store).get_alert(alert(1)["id"])["attempts"] == 2
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1


# --- Apprise through a local HTTP endpoint ------------------------------------------------------------


class Endpoint:
    """An HTTP server on 127.0.0.1 that records each POST (path and JSON body) and answers `status`."""

    def __init__(self):
        self.posts: list[tuple[str, dict]] = []
        self.status = 200
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                endpoint.posts.append((self.path, json.loads(body)))
                self.send_response(endpoint.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Endpoint:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def apprise_config(tmp_path, url: str, **notify) -> dict:
    path = tmp_path / "apprise.toml"
    extra = "".join(f"{key} = {json.dumps(value)}\n" for key, value in notify.items())
    path.write_text(f'[notify]\nnotifiers = ["log", "apprise"]\napprise_urls = ["{url}"]\n{extra}')
    return load_config(path)


def test_apprise_json_channel_posts_each_alert_once(tmp_path):
    with Endpoint() as endpoint, Store(tmp_path / "a.db") as store:
        config = apprise_config(tmp_path, f"json://127.0.0.1:{endpoint.port}/hook")
        for number in (1, 2):
            AlertStore(store).add_alert(alert(number))
        report = deliver_pending(store, config)
        assert sorted(report.sent) == [alert(1)["id"], alert(2)["id"]] and report.failed == []
        assert deliver_pending(store, config).sent == []
    assert [path for path, _ in endpoint.posts] == ["/hook", "/hook"]
    bodies = sorted((body for _, body in endpoint.posts), key=lambda body: body["title"])
    assert [body["title"] for body in bodies] == [subject_line([alert(1)]), subject_line([alert(2)])]
    assert "Alert id: reported_absence:CHN-PRK:treaty:2021" in bodies[0]["message"]
    assert "https://news.example/1" in bodies[0]["message"]


def test_apprise_endpoint_refusing_keeps_the_alert_pending_then_sends_it_once(tmp_path):
    with Endpoint() as endpoint, Store(tmp_path / "a.db") as store:
        config = apprise_config(tmp_path, f"json://127.0.0.1:{endpoint.port}/hook")
        AlertStore(store).add_alert(alert(1))
        endpoint.status = 500
        refused = deliver_pending(store, config)
        assert refused.sent == [] and "did not accept" in refused.failed[0][1]
        assert AlertStore(store).get_alert(alert(1)["id"])["delivered_at"] is None
        endpoint.status = 200
        assert deliver_pending(store, config).sent == [alert(1)["id"]]
        assert deliver_pending(store, config).sent == []
    assert len(endpoint.posts) == 2  # the refused attempt and the accepted one


# --- a digest where one channel fails ------------------------------------------------------------------


def test_digest_with_one_failing_channel_retries_only_that_channel(tmp_path):
    """Digest mode, email and Apprise: the Apprise endpoint refuses the first digest. Email has its one
    mail; the next notify sends the Apprise digest only, and no second mail."""
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with Endpoint() as endpoint, Store(tmp_path / "a.db") as store:
            path = tmp_path / "both.toml"
            path.write_text(
                '[notify]\nnotifiers = ["log", "email", "apprise"]\ndigest = true\n'
                f'apprise_urls = ["json://127.0.0.1:{endpoint.port}/hook"]\n'
                f'[email]\nhost = "127.0.0.1"\nport = {port}\nmail_from = "shiftwatch@example.org"\n'
                'mail_to = ["analyst@example.org"]\ntimeout = 10\n'
            )
            config = load_config(path)
            for number in (1, 2, 3):
                AlertStore(store).add_alert(alert(number))
            endpoint.status = 500
            first = deliver_pending(store, config)
            assert first.sent == [] and len(first.failed) == 3
            assert all(error.startswith("apprise:") for _, error in first.failed), first.failed
            ids = [alert(n)["id"] for n in (1, 2, 3)]
            assert all(AlertStore(store).delivered_channels(i) == {"log", "email"} for i in ids)
            endpoint.status = 200
            second = deliver_pending(store, config)
            assert sorted(second.sent) == ids and second.failed == []
            assert deliver_pending(store, config).sent == []
        assert [body["title"] for _, body in endpoint.posts] == [
            "[shiftwatch] 3 alerts (reported_absence)"
        ] * 2
    finally:
        controller.stop()
    (mail,) = mailbox.messages  # one digest mail in all
    assert mail["Subject"] == "[shiftwatch] 3 alerts (reported_absence)"


# --- a crash between sending and recording ------------------------------------------------------------


def test_notify_killed_after_the_server_took_the_mail_sends_it_again_with_the_same_message_id(tmp_path):
    """What must happen: SMTP cannot tell a client that died before it heard "250" from one whose mail was
    lost, so delivery is at least once. The mail is not recorded as delivered; the next `notify` sends it
    again with the same Message-ID (a mail client drops the copy), records it, and never sends a third."""
    mailbox, port = Mailbox(), free_port()
    db = tmp_path / "crash.db"
    with Store(db) as store:
        AlertStore(store).add_alert(alert(1))
    config = tmp_path / "mail.toml"
    config.write_text(
        '[notify]\nnotifiers = ["log", "email"]\n'
        f'[email]\nhost = "127.0.0.1"\nport = {port}\nmail_from = "shiftwatch@example.org"\n'
        'mail_to = ["analyst@example.org"]\ntimeout = 30\n'
    )
    notify = [sys.executable, "-m", "alerts.cli", "--db", str(db), "--config", str(config), "notify"]
    env = {k: v for k, v in os.environ.items() if k not in SMTP_ENV}
    process = subprocess.Popen(notify, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # the kill point: the server has the whole message and kills the client before answering 250
    mailbox.on_data = lambda: (process.send_signal(signal.SIGKILL), process.wait(30))
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        process.communicate(timeout=60)
        assert process.returncode == -signal.SIGKILL
        assert len(mailbox.messages) == 1
        with Store(db) as store:
            row = AlertStore(store).get_alert(alert(1)["id"])
            assert row["delivered_at"] is None and "email" not in AlertStore(store).delivered_channels(
                row["id"]
            )
        mailbox.on_data = None
        again = subprocess.run(notify, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0, again.stderr
        last = subprocess.run(notify, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert last.stdout.strip() == "no pending alerts"
    finally:
        controller.stop()
    first, second = mailbox.messages
    assert first["Message-ID"] == second["Message-ID"] and first["Subject"] == second["Subject"]
    with Store(db) as store:
        row = AlertStore(store).get_alert(alert(1)["id"])
    assert row["delivered_at"] and AlertStore(Store(db)).delivered_channels(row["id"]) == {"log", "email"}
