"""E-mail to a school's trusted adults: a student's message arrived, an invitation, a reactivated access.

The new-message e-mail only says that a message is waiting and links to the dashboard: a mailbox is neither
private nor ours, so the message, the student and the conversation never leave the database. The invitation
carries the one link with which an adult chooses their own password; the reactivation notice tells an adult,
at their own address, that their access to the students' messages is back.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl as ssl_module
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import urlsplit

from parlonsen.display import paris_time
from parlonsen.metrics import SMTP_FAILURES
from parlonsen.models import INVITATION_TTL

logger = logging.getLogger(__name__)

SUBJECT = "Un nouveau message vous attend"
URGENT_PREFIX = "[Urgent] "
BODY = (
    "Bonjour,\n\n"
    "Un nouveau message vous attend sur Violences, parlons-en.\n"
    "Connectez-vous pour le lire : {link}\n\n"
    "Par confidentialité, ce courriel ne contient pas le message.\n"
)
INVITATION_SUBJECT = "Invitation : choisissez votre mot de passe"  # ASCII: not folded, not encoded
INVITATION_BODY = (
    "Bonjour,\n\n"
    "{invited_by} vous a ajouté·e au groupe des adultes de confiance de l'établissement {school} sur "
    "Violences, parlons-en. Ce groupe lit les messages que les élèves lui écrivent et y répond.\n\n"
    "Pour choisir votre mot de passe, ouvrez ce lien :\n{link}\n\n"
    "Ce lien est personnel et ne sert qu'une fois. Il est valable {hours} heures, jusqu'au {until} (heure de "
    "Paris). Passé ce délai, demandez à {invited_by} de vous renvoyer l'invitation.\n\n"
    "Vous serez seul·e à connaître ce mot de passe : personne ne doit vous le demander, pas même un "
    "administrateur.\n\n"
    "Si vous n'attendiez pas ce message, ignorez-le : sans ce lien, personne ne peut utiliser ce compte.\n"
)
REACTIVATION_SUBJECT = "Votre accès aux messages des élèves a été réactivé"
REACTIVATION_BODY = (
    "Bonjour,\n\n"
    "Votre accès a été réactivé par {by} : vous faites de nouveau partie du groupe des adultes de confiance de "
    "l'établissement {school} sur Violences, parlons-en, et vous pouvez lire les messages des élèves et y "
    "répondre.\n\n"
    "Votre mot de passe n'a pas changé. Si vous n'en aviez pas encore choisi, demandez à {by} de vous renvoyer "
    "l'invitation.\n\n"
    "Si vous n'attendiez pas ce message, signalez-le à {by} ou à la direction de votre établissement.\n"
)
DEFAULT_SENDER = "Violences, parlons-en <ne-pas-repondre@localhost>"
SUBMISSION_PORT = 587
IMPLICIT_TLS_PORT = 465

# "Display name <addr@domain>", where the display name may hold a comma and is not necessarily quoted.
_NAMED_ADDRESS = re.compile(r"^(?P<name>.*?)\s*<(?P<addr>[^<>]*)>$")


class InsecureLoginRefused(smtplib.SMTPException):
    """The server did not offer STARTTLS, and we will not send the SMTP password in clear text."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = SUBMISSION_PORT
    username: str = ""
    password: str = field(default="", repr=False)
    sender: str = DEFAULT_SENDER
    starttls: bool = True  # STARTTLS when the server offers it; False for plain loopback servers in tests/dev
    ssl: bool = False  # implicit TLS (port 465); starttls is then irrelevant
    timeout: float = 10.0

    def __post_init__(self) -> None:
        _check_port(self.port, "SmtpSettings.port")
        parse_address(self.sender, "SmtpSettings.sender")

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SmtpSettings | None:
        """Settings from PARLONSEN_SMTP_*; None when no host is set, which disables notifications."""
        host = environ.get("PARLONSEN_SMTP_HOST", "").strip()
        if not host:
            return None
        implicit_tls = _flag(environ, "PARLONSEN_SMTP_SSL", default=False)
        raw_port = environ.get("PARLONSEN_SMTP_PORT", "").strip()
        port = IMPLICIT_TLS_PORT if implicit_tls else SUBMISSION_PORT
        if raw_port:
            try:
                port = int(raw_port)
            except ValueError:
                raise ValueError(f"PARLONSEN_SMTP_PORT must be a port number, not {raw_port!r}") from None
            _check_port(port, "PARLONSEN_SMTP_PORT")
        sender = environ.get("PARLONSEN_SMTP_FROM", "").strip() or DEFAULT_SENDER
        parse_address(sender, "PARLONSEN_SMTP_FROM")
        return cls(
            host=host,
            port=port,
            username=environ.get("PARLONSEN_SMTP_USER", "").strip(),
            password=environ.get("PARLONSEN_SMTP_PASSWORD", ""),
            sender=sender,
            starttls=_flag(environ, "PARLONSEN_SMTP_STARTTLS", default=True),
            ssl=implicit_tls,
        )


def parse_address(value: str, source: str) -> Address:
    """Read "addr@domain" or "Display name <addr@domain>"; `source` names where a bad value came from."""
    match = _NAMED_ADDRESS.match(value.strip())
    name, addr = (match["name"].strip().strip('"'), match["addr"]) if match else ("", value.strip())
    try:
        return Address(display_name=name, addr_spec=addr)
    except ValueError:  # email.errors.HeaderDefect is a ValueError too
        raise ValueError(f"{source} is not an e-mail address: {value!r}") from None


def new_message_email(recipient: str, link: str, sender: str, urgent: bool = False) -> EmailMessage:
    """The notification for one recipient: a fixed text and the dashboard link, nothing about the message."""
    _check_link(link)
    return _email(recipient, sender, (URGENT_PREFIX if urgent else "") + SUBJECT, BODY.format(link=link))


def invitation_message(
    recipient: str, link: str, school_name: str, invited_by: str, expires_at: datetime, sender: str
) -> EmailMessage:
    """The invitation to choose a password, for the invited adult's own address: the only place the link goes."""
    _check_link(link)
    body = INVITATION_BODY.format(
        invited_by=invited_by,
        school=school_name,
        link=link,
        hours=INVITATION_TTL // timedelta(hours=1),
        until=paris_time(expires_at).replace(" ", " à "),
    )
    return _email(recipient, sender, INVITATION_SUBJECT, body)


def reactivation_message(recipient: str, school_name: str, by: str, sender: str) -> EmailMessage:
    """Tells an adult that an admin brought their access back. No link: nothing to click in it, nothing to fake."""
    return _email(recipient, sender, REACTIVATION_SUBJECT, REACTIVATION_BODY.format(by=by, school=school_name))


def send_invitation(
    recipient: str,
    link: str,
    school_name: str,
    invited_by: str,
    expires_at: datetime,
    settings: SmtpSettings | None,
) -> bool:
    """Send the invitation; True if the server accepted it. Never raises on SMTP or network errors, and never
    logs the link: the admin is told it was not sent, and the operator can print a new one (`cli invite`)."""
    if settings is None:
        return False
    return _send(invitation_message(recipient, link, school_name, invited_by, expires_at, settings.sender), settings)


def send_reactivation_notice(recipient: str, school_name: str, by: str, settings: SmtpSettings | None) -> bool:
    """Send the reactivation notice; True if the server accepted it. Never raises on SMTP or network errors."""
    if settings is None:
        return False
    return _send(reactivation_message(recipient, school_name, by, settings.sender), settings)


def _check_link(link: str) -> None:
    scheme, netloc = urlsplit(link)[:2]
    if scheme not in ("http", "https") or not netloc or any(c.isspace() for c in link):
        raise ValueError(f"the notification link must be an http(s) URL, not {link!r}")


def _email(recipient: str, sender: str, subject: str, body: str) -> EmailMessage:
    from_address = parse_address(sender, "sender")
    mail = EmailMessage()
    mail["From"] = from_address
    mail["To"] = parse_address(recipient, "recipient")
    mail["Subject"] = subject
    mail["Date"] = formatdate()
    mail["Message-ID"] = make_msgid(domain=from_address.domain or None)
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    mail.set_content(body, cte="quoted-printable")
    return mail


def _send(mail: EmailMessage, settings: SmtpSettings) -> bool:
    """One e-mail over its own connection; False (logged without the address nor the content) if it failed."""
    try:
        with _connect(settings) as smtp:
            smtp.send_message(mail)
    except OSError as error:  # smtplib.SMTPException, ssl.SSLError and socket errors are all OSError
        SMTP_FAILURES.inc()
        logger.warning("e-mail not sent by %s: %s", settings.host, type(error).__name__)
        return False
    return True


def notify_new_message(
    recipients: Sequence[str], link: str, urgent: bool = False, settings: SmtpSettings | None = None
) -> int:
    """Send one e-mail per recipient over one connection; return how many the server accepted.

    Never raises on SMTP or network errors: the student's message is already saved and shown on the dashboard.
    """
    if settings is None:
        logger.info("notifications disabled: PARLONSEN_SMTP_HOST is not set")
        return 0
    mails = [new_message_email(recipient, link, settings.sender, urgent) for recipient in _valid(recipients)]
    if not mails:
        return 0
    sent = 0
    try:
        with _connect(settings) as smtp:
            for mail in mails:
                try:
                    smtp.send_message(mail)
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                    logger.warning("notification refused by %s: %s", settings.host, type(error).__name__)
                    logger.debug("refused notification recipient: %s", mail["To"])
                    continue
                sent += 1
    except OSError as error:  # smtplib.SMTPException, ssl.SSLError and socket errors are all OSError
        SMTP_FAILURES.inc()
        logger.warning("notification failed on %s: %s", settings.host, type(error).__name__)
    return sent


def _valid(recipients: Sequence[str]) -> list[str]:
    """Recipients once each, without blanks nor unusable addresses."""
    unique = dict.fromkeys((recipient or "").strip().lower() for recipient in recipients)
    valid = []
    for recipient in unique:
        if not recipient:
            continue
        try:
            parse_address(recipient, "recipient")
        except ValueError:
            logger.warning("skipping an invalid notification recipient")
            logger.debug("invalid notification recipient: %r", recipient)
            continue
        valid.append(recipient)
    return valid


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open connection, encrypted when possible, logged in when a username is set."""
    context = ssl_module.create_default_context()
    if settings.ssl:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        encrypted = settings.ssl
        smtp.ehlo_or_helo_if_needed()
        if not encrypted and settings.starttls and smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
            encrypted = True
        if settings.username:
            if not encrypted and settings.starttls:
                raise InsecureLoginRefused("no STARTTLS offered")
            smtp.login(settings.username, settings.password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _check_port(port: int, source: str) -> None:
    if not 0 < port < 65536:
        raise ValueError(f"{source} must be a port number (1-65535), not {port!r}")


def _flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    value = environ.get(name, "").strip()
    if value not in ("", "0", "1"):
        raise ValueError(f"{name} must be 0 or 1, not {value!r}")
    return default if not value else value == "1"
