"""The e-mails (new message, invitation, reactivation notice), sent to a real SMTP server on loopback (aiosmtpd)."""

import email
import inspect
import logging
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from parlonsen.services import notify
from parlonsen.services.notify import (
    SmtpSettings,
    new_message_email,
    notify_new_message,
    send_invitation,
    send_reactivation_notice,
)

LINK = "https://parlons-en.example.fr/admin/messages"
SENDER = "Violences, parlons-en <ne-pas-repondre@parlons-en.example.fr>"
SECRET = "Je subis du harcèlement depuis la rentrée"
EXPECTED_BODY = (
    "Bonjour,\n\n"
    "Un nouveau message vous attend sur Violences, parlons-en.\n"
    f"Connectez-vous pour le lire : {LINK}\n\n"
    "Par confidentialité, ce courriel ne contient pas le message.\n"
)


@dataclass
class Delivery:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    authenticated: bool

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.raw, policy=default_policy)

    @property
    def body(self) -> str:
        return self.message.get_content().replace("\r\n", "\n")


@dataclass
class Mailbox:
    """aiosmtpd handler and authenticator: keeps what arrives, refuses the addresses listed in `refused`."""

    deliveries: list[Delivery] = field(default_factory=list)
    logins: list[bytes] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.deliveries.append(
            Delivery(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, bool(session.authenticated))
        )
        return "250 Message accepted"

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.logins.append(auth_data.login)
        return AuthResult(success=True, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox() -> Mailbox:
    return Mailbox()


def start_server(request: pytest.FixtureRequest, mailbox: Mailbox, **smtp_parameters) -> SmtpSettings:
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **smtp_parameters)
    controller.start()
    request.addfinalizer(controller.stop)
    return SmtpSettings(host="127.0.0.1", port=controller.port, sender=SENDER, starttls=False, timeout=5)


@pytest.fixture
def smtp(request: pytest.FixtureRequest, mailbox: Mailbox) -> SmtpSettings:
    """A plain loopback server without AUTH: logging in to it would fail."""
    return start_server(request, mailbox)


@pytest.fixture
def smtp_with_auth(request: pytest.FixtureRequest, mailbox: Mailbox) -> SmtpSettings:
    """A loopback server offering AUTH without TLS, and no STARTTLS."""
    return start_server(request, mailbox, authenticator=mailbox, auth_require_tls=False)


def test_each_recipient_gets_their_own_email_with_only_the_link(smtp, mailbox):
    sent = notify_new_message(["cpe@example.fr", "infirmiere@example.fr"], LINK, settings=smtp)

    assert sent == 2
    assert [delivery.rcpt_tos for delivery in mailbox.deliveries] == [["cpe@example.fr"], ["infirmiere@example.fr"]]
    for delivery, recipient in zip(mailbox.deliveries, ["cpe@example.fr", "infirmiere@example.fr"], strict=True):
        message = delivery.message
        assert delivery.mail_from == "ne-pas-repondre@parlons-en.example.fr"
        assert message["From"] == '"Violences, parlons-en" <ne-pas-repondre@parlons-en.example.fr>'
        assert message["To"] == recipient
        assert message["Subject"] == "Un nouveau message vous attend"
        assert delivery.body == EXPECTED_BODY


def test_the_email_cannot_carry_the_students_message(smtp, mailbox):
    assert list(inspect.signature(notify_new_message).parameters) == ["recipients", "link", "urgent", "settings"]
    assert list(inspect.signature(new_message_email).parameters) == ["recipient", "link", "sender", "urgent"]

    notify_new_message(["cpe@example.fr"], LINK, settings=smtp)

    (delivery,) = mailbox.deliveries
    decoded = str(delivery.message) + delivery.body
    assert "harcèlement" not in decoded and b"harc" not in delivery.raw
    assert SECRET not in decoded
    assert set(delivery.message.keys()) == {
        "From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted",
        "Content-Type", "Content-Transfer-Encoding", "MIME-Version",
    }  # fmt: skip


def test_recipients_are_deduplicated_and_blanks_skipped(smtp, mailbox):
    sent = notify_new_message(
        ["cpe@example.fr", " CPE@example.fr ", "", "  ", "infirmiere@example.fr"], LINK, settings=smtp
    )

    assert sent == 2
    assert sorted(delivery.rcpt_tos[0] for delivery in mailbox.deliveries) == [
        "cpe@example.fr",
        "infirmiere@example.fr",
    ]


def test_no_recipients_means_no_connection(monkeypatch):
    monkeypatch.setattr(notify.smtplib, "SMTP", _no_network)

    assert notify_new_message(["", " "], LINK, settings=SmtpSettings(host="smtp.example.fr")) == 0


def test_urgent_messages_get_a_prefixed_subject(smtp, mailbox):
    notify_new_message(["cpe@example.fr"], LINK, urgent=True, settings=smtp)

    assert mailbox.deliveries[0].message["Subject"] == "[Urgent] Un nouveau message vous attend"


def test_a_refused_recipient_does_not_stop_the_others(smtp, mailbox, caplog):
    mailbox.refused.add("parti@example.fr")

    with caplog.at_level(logging.DEBUG, logger="parlonsen.services.notify"):
        sent = notify_new_message(["parti@example.fr", "cpe@example.fr"], LINK, settings=smtp)

    assert sent == 1
    assert [delivery.rcpt_tos for delivery in mailbox.deliveries] == [["cpe@example.fr"]]
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert warnings == ["notification refused by 127.0.0.1: SMTPRecipientsRefused"]


def test_an_unreachable_server_is_logged_without_addresses_and_never_raises(caplog):
    down = SmtpSettings(host="127.0.0.1", port=free_port(), starttls=False, timeout=2)

    with caplog.at_level(logging.DEBUG, logger="parlonsen.services.notify"):
        sent = notify_new_message(["cpe@example.fr", "infirmiere@example.fr"], LINK, settings=down)

    assert sent == 0
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert warnings == ["notification failed on 127.0.0.1: ConnectionRefusedError"]
    assert not any("@" in message or "parlons-en.example.fr" in message for message in warnings)


def test_no_login_is_attempted_without_a_username(smtp_with_auth, mailbox, monkeypatch):
    logins = []
    monkeypatch.setattr(notify.smtplib.SMTP, "login", lambda self, *args, **kwargs: logins.append(args))

    assert notify_new_message(["cpe@example.fr"], LINK, settings=smtp_with_auth) == 1
    assert logins == [] and mailbox.logins == []
    assert not mailbox.deliveries[0].authenticated


def test_the_username_logs_in_when_tls_was_explicitly_turned_off(smtp_with_auth, mailbox):
    settings = SmtpSettings(
        host=smtp_with_auth.host, port=smtp_with_auth.port, username="notifications", password="secret", starttls=False
    )

    assert notify_new_message(["cpe@example.fr"], LINK, settings=settings) == 1
    assert mailbox.logins == [b"notifications"]
    assert mailbox.deliveries[0].authenticated


def test_the_password_is_not_sent_in_clear_when_starttls_is_not_offered(smtp_with_auth, mailbox, caplog):
    settings = SmtpSettings(host=smtp_with_auth.host, port=smtp_with_auth.port, username="notifications", password="x")

    assert notify_new_message(["cpe@example.fr"], LINK, settings=settings) == 0
    assert mailbox.logins == [] and mailbox.deliveries == []
    assert "InsecureLoginRefused" in caplog.text


def test_no_host_disables_notifications_without_touching_the_network(monkeypatch, caplog):
    monkeypatch.delenv("PARLONSEN_SMTP_HOST", raising=False)
    monkeypatch.setattr(notify.smtplib, "SMTP", _no_network)
    monkeypatch.setattr(notify.smtplib, "SMTP_SSL", _no_network)

    assert SmtpSettings.from_env({}) is None
    assert SmtpSettings.from_env({"PARLONSEN_SMTP_HOST": "  "}) is None
    with caplog.at_level(logging.INFO, logger="parlonsen.services.notify"):
        assert notify_new_message(["cpe@example.fr"], LINK) == 0
    assert "notifications disabled" in caplog.text


def test_settings_are_read_from_the_environment():
    settings = SmtpSettings.from_env(
        {
            "PARLONSEN_SMTP_HOST": "smtp.example.fr",
            "PARLONSEN_SMTP_PORT": "2525",
            "PARLONSEN_SMTP_USER": "notifications",
            "PARLONSEN_SMTP_PASSWORD": "secret",
            "PARLONSEN_SMTP_FROM": "Parlons-en <alertes@example.fr>",
            "PARLONSEN_SMTP_STARTTLS": "0",
            "PARLONSEN_SMTP_SSL": "0",
        }
    )

    assert settings == SmtpSettings(
        host="smtp.example.fr", port=2525, username="notifications", password="secret",
        sender="Parlons-en <alertes@example.fr>", starttls=False, ssl=False,
    )  # fmt: skip
    assert "secret" not in repr(settings)


def test_environment_defaults_are_submission_with_starttls_and_465_for_implicit_tls():
    assert SmtpSettings.from_env({"PARLONSEN_SMTP_HOST": "smtp.example.fr"}) == SmtpSettings(host="smtp.example.fr")
    implicit = SmtpSettings.from_env({"PARLONSEN_SMTP_HOST": "smtp.example.fr", "PARLONSEN_SMTP_SSL": "1"})
    assert implicit is not None and implicit.ssl and implicit.port == 465


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PARLONSEN_SMTP_PORT", "vingt-cinq"),
        ("PARLONSEN_SMTP_PORT", "70000"),
        ("PARLONSEN_SMTP_STARTTLS", "oui"),
        ("PARLONSEN_SMTP_SSL", "true"),
        ("PARLONSEN_SMTP_FROM", "pas une adresse"),
    ],
)
def test_a_bad_setting_names_the_variable_and_the_value(variable, value):
    with pytest.raises(ValueError, match=f"{variable}.*{value}"):
        SmtpSettings.from_env({"PARLONSEN_SMTP_HOST": "smtp.example.fr", variable: value})


def test_an_unquoted_display_name_with_a_comma_stays_one_sender():
    mail = new_message_email("cpe@example.fr", LINK, notify.DEFAULT_SENDER)

    assert [address.addr_spec for address in mail["From"].addresses] == ["ne-pas-repondre@localhost"]
    assert mail["From"].addresses[0].display_name == "Violences, parlons-en"


def test_the_link_must_be_a_web_address():
    with pytest.raises(ValueError, match="conversation/42"):
        new_message_email("cpe@example.fr", "conversation/42", SENDER)


INVITATION_LINK = "https://parlons-en.example.fr/admin/invitation?jeton=Zx8_jeton-de-test"
UNTIL = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)  # 10:30 in Paris


def test_the_invitation_reaches_the_adults_own_address_with_the_link_the_school_and_who_invited(smtp, mailbox):
    assert send_invitation("Vie.Scolaire@example.fr", INVITATION_LINK, "Lycée Jean Bart", "chef@e.fr", UNTIL, smtp)

    (delivery,) = mailbox.deliveries
    assert delivery.rcpt_tos == ["Vie.Scolaire@example.fr"]
    assert delivery.message["Subject"] == "Invitation : choisissez votre mot de passe"
    body = delivery.body
    for expected in (
        INVITATION_LINK,
        "chef@e.fr vous a ajouté·e au groupe des adultes de confiance de l'établissement Lycée Jean Bart",
        "ne sert qu'une fois. Il est valable 48 heures, jusqu'au 26/11/2026 à 10:30 (heure de Paris)",
        "Si vous n'attendiez pas ce message, ignorez-le",
        "pas même un administrateur",
    ):
        assert expected in body, expected
    assert " tu " not in body and "ton mot" not in body  # an adult is addressed as « vous »


def test_the_reactivation_notice_names_who_reactivated_and_carries_no_link(smtp, mailbox):
    assert send_reactivation_notice("cpe@example.fr", "Lycée Jean Bart", "chef@example.fr", smtp)

    (delivery,) = mailbox.deliveries
    assert delivery.rcpt_tos == ["cpe@example.fr"]
    assert delivery.message["Subject"] == "Votre accès aux messages des élèves a été réactivé"
    assert "Votre accès a été réactivé par chef@example.fr" in delivery.body
    assert "Lycée Jean Bart" in delivery.body and "Votre mot de passe n'a pas changé" in delivery.body
    assert "http" not in delivery.body


def test_without_smtp_nothing_is_sent_and_a_failure_logs_neither_the_address_nor_the_link(monkeypatch, caplog):
    monkeypatch.setattr(notify.smtplib, "SMTP", _no_network)
    assert not send_invitation("cpe@example.fr", INVITATION_LINK, "Lycée", "chef@example.fr", UNTIL, None)
    assert not send_reactivation_notice("cpe@example.fr", "Lycée", "chef@example.fr", None)
    monkeypatch.undo()

    down = SmtpSettings(host="127.0.0.1", port=free_port(), starttls=False, timeout=2)
    with caplog.at_level(logging.DEBUG):
        assert not send_invitation("cpe@example.fr", INVITATION_LINK, "Lycée", "chef@example.fr", UNTIL, down)
        assert not send_reactivation_notice("cpe@example.fr", "Lycée", "chef@example.fr", down)
    assert "ConnectionRefusedError" in caplog.text
    assert "jeton" not in caplog.text and "cpe@example.fr" not in caplog.text


def test_the_invitation_link_must_be_a_web_address():
    with pytest.raises(ValueError, match="jeton=abc"):
        notify.invitation_message("cpe@example.fr", "/admin/invitation?jeton=abc", "Lycée", "chef@e.fr", UNTIL, SENDER)


def _no_network(*args, **kwargs):
    raise AssertionError("no SMTP connection expected")
