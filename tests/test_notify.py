"""Delivery through a real SMTP server on 127.0.0.1 (aiosmtpd): once and only once, retries, escaping."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import logging
import socket
import ssl
import threading

import pytest
from aiosmtpd.controller import Controller

from alerts.cli import main
from alerts.notify import deliver_pending, smtp_settings
from alerts.store import AlertStore
from crawler.config import PROJECT_DIR, load_config
from crawler.errors import ConfigError
from crawler.store import Store

pytestmark = pytest.mark.timeout(60)

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


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts, or refuses every message while `refuse` is set."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list = []
        self.refuse = False
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.6.0 Message rejected by the test server"
        with self.lock:
            self.envelopes.append(envelope)
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in SMTP_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no ./shiftwatch.toml of the checkout


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def mailbox():
    return Mailbox()


def start_server(mailbox: Mailbox, port: int, **kwargs) -> Controller:
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    return controller


@pytest.fixture
def server(mailbox, port):
    controller = start_server(mailbox, port)
    yield controller
    controller.stop()


@pytest.fixture
def config(tmp_path, port):
    path = tmp_path / "notify.toml"
    path.write_text(
        '[notify]\nnotifiers = ["log", "email"]\n'
        f'[email]\nhost = "127.0.0.1"\nport = {port}\nmail_from = "shiftwatch@example.org"\n'
        'mail_to = ["analyst@example.org", "desk@example.org"]\ntimeout = 5\n'
    )
    return path


def alert_row(number: int, **changes) -> dict:
    row = {
        "id": f"reported_absence:CHN-PRK:treaty:{2020 + number}",
        "kind": "reported_absence",
        "dyad": ["CHN", "PRK"],
        "title": f"Reported not marked: the {59 + number}th anniversary of the Treaty of Friendship",
        "due": f"{2020 + number}-07-11",
        "base_date": "1961-07-11",
        "evidence": [
            {
                "doc": f"doc{number}",
                "url": f"https://news.example/{number}",
                "sentence": "The newspaper did not carry any articles on the anniversary.",
            }
        ],
        "details": {},
        "as_of": dt.date(2024, 8, 1).isoformat(),
    }
    row.update(changes)
    return row


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "alerts.db") as store:
        yield store


def parts(message) -> tuple[str, str]:
    return (
        message.get_body(preferencelist=("plain",)).get_content(),
        message.get_body(preferencelist=("html",)).get_content(),
    )


def test_each_alert_is_mailed_once_and_only_once(store, config, server, mailbox):
    AlertStore(store).add_alert(alert_row(1))
    AlertStore(store).add_alert(alert_row(2))
    report = deliver_pending(store, load_config(config))
    assert sorted(report.sent) == [
        "reported_absence:CHN-PRK:treaty:2021",
        "reported_absence:CHN-PRK:treaty:2022",
    ]
    assert report.failed == [] and report.summary() == "delivered 2 alert(s) via log, email"
    assert len(mailbox.messages) == 2
    assert mailbox.envelopes[0].rcpt_tos == ["analyst@example.org", "desk@example.org"]
    again = deliver_pending(store, load_config(config))
    assert again.sent == [] and again.summary() == "no pending alerts"
    assert len(mailbox.messages) == 2
    rows = {row["id"]: row for row in AlertStore(store).iter_alerts()}
    assert all(
        row["delivered_at"] and row["attempts"] == 1 and row["last_error"] is None for row in rows.values()
    )


def test_mail_is_readable_text_with_evidence_and_links(store, config, server, mailbox):
    AlertStore(store).add_alert(alert_row(4))
    deliver_pending(store, load_config(config))
    (message,) = mailbox.messages
    assert (
        message["Subject"]
        == "[shiftwatch] Reported not marked: the 63th anniversary of the Treaty of Friendship"
    )
    assert message["X-Shiftwatch-Alerts"] == "reported_absence:CHN-PRK:treaty:2024"
    text, html_part = parts(message)
    assert "Due:    2024-07-11" in text and "States: CHN-PRK" in text
    assert '"The newspaper did not carry any articles on the anniversary."' in text
    assert "https://news.example/4 | document doc4" in text
    assert '<a href="https://news.example/4">https://news.example/4</a>' in html_part


def test_script_in_evidence_is_escaped_in_the_html_part(store, config, server, mailbox):
    hostile = '<script>alert("x")</script> & "quotes"'
    AlertStore(store).add_alert(
        alert_row(
            3,
            title=f"Title {hostile}",
            evidence=[
                {"doc": "<b>doc</b>", "url": "javascript:alert(1)", "sentence": f"A sentence {hostile}"},
                {"doc": "d2", "url": 'https://news.example/"><script>x</script>', "sentence": "ok"},
            ],
        )
    )
    deliver_pending(store, load_config(config))
    (message,) = mailbox.messages
    text, html_part = parts(message)
    assert "<script>" not in html_part and "<b>doc</b>" not in html_part
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html_part
    assert 'href="javascript:' not in html_part
    assert 'href="https://news.example/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html_part
    assert f"A sentence {hostile}" in text  # the plain text part shows it as written


def test_server_down_then_up_delivers_once(store, config, mailbox, port, capsys):
    AlertStore(store).add_alert(alert_row(1))
    AlertStore(store).add_alert(alert_row(2))
    args = ["--db", store.path, "--config", str(config), "notify"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert (
        f"Error: alert reported_absence:CHN-PRK:treaty:2021 not delivered: email: SMTP server 127.0.0.1:{port}"
        in err
    )
    assert "the alert stays pending" in err
    pending = {row["id"]: row for row in AlertStore(store).iter_alerts(pending=True)}
    assert len(pending) == 2
    assert all(
        row["attempts"] == 1 and "ConnectionRefusedError" in row["last_error"] for row in pending.values()
    )
    assert all(AlertStore(store).delivered_channels(alert_id) == {"log"} for alert_id in pending)

    controller = start_server(mailbox, port)
    try:
        assert main(args) == 0
        assert "delivered 2 alert(s) via log, email" in capsys.readouterr().out
        assert main(args) == 0
        assert capsys.readouterr().out.strip() == "no pending alerts"
    finally:
        controller.stop()
    assert len(mailbox.messages) == 2
    rows = list(AlertStore(store).iter_alerts())
    assert all(row["delivered_at"] and row["attempts"] == 2 and row["last_error"] is None for row in rows)


def test_refused_mail_stays_pending_and_goes_later(store, config, server, mailbox):
    AlertStore(store).add_alert(alert_row(1))
    mailbox.refuse = True
    report = deliver_pending(store, load_config(config))
    assert report.sent == [] and "554 5.6.0 Message rejected" in report.failed[0][1]
    assert AlertStore(store).get_alert(alert_row(1)["id"])["delivered_at"] is None
    mailbox.refuse = False
    assert deliver_pending(store, load_config(config)).sent == [alert_row(1)["id"]]
    assert deliver_pending(store, load_config(config)).sent == []
    assert len(mailbox.messages) == 1


def test_digest_sends_one_mail_per_run(store, config, server, mailbox):
    config.write_text(config.read_text().replace("[notify]\n", "[notify]\ndigest = true\n"))
    for number in (1, 2, 3):
        AlertStore(store).add_alert(alert_row(number))
    assert len(deliver_pending(store, load_config(config)).sent) == 3
    (message,) = mailbox.messages
    assert message["Subject"] == "[shiftwatch] 3 alerts (reported_absence)"
    assert parts(message)[0].count("Alert id: ") == 3


def test_environment_overrides_the_config_file(store, config, server, mailbox, monkeypatch):
    config.write_text(config.read_text().replace('host = "127.0.0.1"', 'host = "mail.invalid"'))
    monkeypatch.setenv("SHIFTWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SHIFTWATCH_MAIL_TO", "one@example.org, two@example.org")
    monkeypatch.setenv("SHIFTWATCH_MAIL_FROM", "watch@example.org")
    AlertStore(store).add_alert(alert_row(1))
    assert len(deliver_pending(store, load_config(config)).sent) == 1
    assert mailbox.envelopes[0].rcpt_tos == ["one@example.org", "two@example.org"]
    assert mailbox.envelopes[0].mail_from == "watch@example.org"


def test_starttls_with_a_private_ca(store, config, mailbox, port, tmp_path, monkeypatch):
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = start_server(mailbox, port, tls_context=context, require_starttls=True)
    try:
        monkeypatch.setenv("SHIFTWATCH_SMTP_STARTTLS", "1")
        monkeypatch.setenv("SHIFTWATCH_SMTP_CAFILE", str(cert))
        AlertStore(store).add_alert(alert_row(1))
        assert len(deliver_pending(store, load_config(config)).sent) == 1
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1


def test_log_notifier_logs_each_alert_once(store, tmp_path, caplog):
    AlertStore(store).add_alert(alert_row(1))
    config = load_config()
    with caplog.at_level(logging.WARNING, logger="alerts.notify"):
        assert deliver_pending(store, config).sent == [alert_row(1)["id"]]
        deliver_pending(store, config)
    logged = [r.getMessage() for r in caplog.records if "ALERT" in r.getMessage()]
    assert len(logged) == 1 and "reported_absence:CHN-PRK:treaty:2021" in logged[0]
    assert "https://news.example/1" in logged[0]


@pytest.mark.parametrize(
    "env, message",
    [
        ({"SHIFTWATCH_MAIL_TO": ""}, "no recipients"),
        ({"SHIFTWATCH_SMTP_PORT": "smtp"}, "not a number"),
        ({"SHIFTWATCH_SMTP_STARTTLS": "maybe"}, "use 0 or 1"),
        ({"SHIFTWATCH_SMTP_USER": "me"}, "SHIFTWATCH_SMTP_PASSWORD"),
        ({"SHIFTWATCH_SMTP_STARTTLS": "1", "SHIFTWATCH_SMTP_SSL": "1"}, "not both"),
    ],
)
def test_bad_smtp_settings_are_config_errors(env, message):
    with pytest.raises(ConfigError, match=message):
        smtp_settings(
            {"email": {"host": "127.0.0.1", "port": 25, "mail_from": "a@b", "mail_to": ["c@d"]}}, env
        )


def test_password_is_read_from_the_environment_only():
    settings = smtp_settings(
        {
            "email": {
                "host": "h",
                "port": 25,
                "user": "u",
                "password": "from-file",
                "mail_from": "a@b",
                "mail_to": "c@d, e@f",
            }
        },
        {"SHIFTWATCH_SMTP_PASSWORD": "from-env"},
    )
    assert settings.password == "from-env" and settings.mail_to == ["c@d", "e@f"]


def test_unknown_notifier_is_a_config_error(store):
    AlertStore(store).add_alert(alert_row(1))
    config = load_config()
    config["notify"]["notifiers"] = ["log", "pager"]
    with pytest.raises(ConfigError, match=r"unknown \['pager'\]"):
        deliver_pending(store, config)
    assert AlertStore(store).get_alert(alert_row(1)["id"])["delivered_at"] is None


def self_signed_certificate(folder):
    """A certificate for 127.0.0.1, valid for a day, and its key (PEM files)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_seeds_reported_absence_is_analysed_and_mailed_once(tmp_path, config, server, mailbox, capsys):
    base = ["--db", str(tmp_path / "seeds.db"), "--config", str(config)]
    assert main(base + ["load", str(PROJECT_DIR / "seeds" / "articles")]) == 0
    assert main(base + ["analyze"]) == 0
    out = capsys.readouterr().out
    assert (
        "[reported_absence] (new) Reported not marked: the 63rd anniversary of the Sino-North Korean Treaty "
        "of Friendship, Cooperation and Mutual Assistance (CHN-PRK), due 2024-07-11"
    ) in out
    assert main(base + ["analyze"]) == 0
    assert "(new)" not in capsys.readouterr().out
    assert main(base + ["notify"]) == 0 and main(base + ["notify"]) == 0
    (message,) = mailbox.messages
    text, _ = parts(message)
    assert "did not carry any articles on the anniversary of the signing of the friendship treaty" in text
    assert "Alert id: reported_absence:CHN-PRK:prk-chn-treaty:2024" in text
