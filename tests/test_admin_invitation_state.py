"""The trusted group's accounts as the websocket (or a forger) drives them: an admin adds an adult, the adult
chooses their own password through the link e-mailed to them (loopback SMTP), and no admin ever sets or learns it.

States: `state/admin_school.py` (add, re-send, remove, reactivate) and `state/admin_invitation.py` (the link's page).
"""

import logging
import re

import pytest
from sqlmodel import select

from parlonsen import cli
from parlonsen.models import AdminUser, AuditEntry
from parlonsen.services.accounts import LINK_EXPIRED, LINK_UNKNOWN, PASSWORDS_DIFFER, AccountError, login
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.admin_invitation import AdminInvitationState
from parlonsen.state.admin_journal import AdminJournalState
from parlonsen.state.admin_school import NO_PUBLIC_URL, NO_SMTP, REACTIVATION_SENT, AdminSchoolState
from tests.state_helpers import PASSWORD, make_state, reflex_database
from tests.test_notify import Mailbox, start_server

PUBLIC = "https://parlons-en.example.fr"
EMAIL = "vie.scolaire@example.fr"
FORGED = "mot de passe choisi par l'admin"
CHOSEN = "mot de passe de l'adulte lui-meme"
LINK = re.compile(re.escape(PUBLIC) + r"/admin/invitation\?jeton=([A-Za-z0-9_-]+)")
ADMINS = {  # every role that manages the Lycée Jean Bart (0590001A)
    "national": ("nationale@example.fr", "national", None, None),
    "departement": ("nord@example.fr", "departement", "59", None),
    "etablissement": ("jeanbart@example.fr", "etablissement", None, "0590001A"),
}
OUTSIDERS = {  # logged in, but not managing this school's group
    "referent": ("cpe@example.fr", "referent", None, "0590001A"),
    "departement-62": ("pdc@example.fr", "departement", "62", None),
    "etablissement-0590002B": ("debeyre@example.fr", "etablissement", None, "0590002B"),
}


@pytest.fixture
def db(tmp_path):
    with reflex_database(tmp_path) as db:
        yield db


@pytest.fixture
def mailbox(request, monkeypatch) -> Mailbox:
    """A loopback SMTP server, configured as the app reads it (PARLONSEN_SMTP_*), with the site's public address."""
    box = Mailbox()
    smtp = start_server(request, box)
    monkeypatch.setenv("PARLONSEN_SMTP_HOST", smtp.host)
    monkeypatch.setenv("PARLONSEN_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("PARLONSEN_SMTP_STARTTLS", "0")
    monkeypatch.setenv("PARLONSEN_PUBLIC_URL", PUBLIC)
    return box


def editor(db, who: tuple, origin: str = "") -> AdminSchoolState:
    email, role, departement, uai = who
    token = db.admin(email, role, departement=departement, uai=uai)
    state = make_state(AdminSchoolState, "/admin/etablissement/0590001A", token=token, origin=origin)
    state.load()
    return state


def link_token(mailbox: Mailbox, to: str = EMAIL) -> str:
    """The token of the last invitation e-mailed to `to` (the only place it exists)."""
    body = [d.body for d in mailbox.deliveries if d.rcpt_tos == [to]][-1]
    return LINK.search(body).group(1)


def can_log_in(db, email: str, password: str) -> bool:
    try:
        with db.session() as session:
            return bool(login(session, email, password))
    except AccountError:
        return False


def choose_password(token: str, password: str = CHOSEN, again: str | None = None) -> AdminInvitationState:
    page = make_state(AdminInvitationState, "/admin/invitation?jeton=" + token)
    page.load()
    page.submit({"password": password, "password_again": password if again is None else again})
    return page


@pytest.mark.parametrize("role", list(ADMINS))
def test_an_admin_adds_an_adult_whose_password_only_the_adult_chooses(db, mailbox, role, caplog):
    caplog.set_level(logging.DEBUG)
    admin = editor(db, ADMINS[role])
    admin.add_referent({"email": EMAIL, "password": FORGED})  # forged: the form has no password field any more
    assert admin.error == "" and admin.message.startswith("Compte ajouté au groupe. Une invitation est partie à")
    assert [(r.email, r.active, r.awaiting_password) for r in admin.referents] == [(EMAIL, True, True)]
    assert not can_log_in(db, EMAIL, FORGED)
    admin.submit_login({"email": EMAIL, "password": FORGED})  # the admin's own tab, trying the referent's account
    assert admin.login_error == "Adresse ou mot de passe incorrect."

    (delivery,) = mailbox.deliveries
    assert delivery.rcpt_tos == [EMAIL]
    assert ADMINS[role][0] in delivery.body and "Lycée Jean Bart" in delivery.body and "48 heures" in delivery.body
    token = link_token(mailbox)
    assert token not in str(admin.dict()) and token not in caplog.text

    page = choose_password(token)
    assert page.done and page.error == "" and page.email == EMAIL
    assert token not in str(page.dict()) and CHOSEN not in str(page.dict())
    assert can_log_in(db, EMAIL, CHOSEN) and not can_log_in(db, EMAIL, FORGED)
    assert token not in caplog.text and CHOSEN not in caplog.text

    admin.load()
    assert [r.awaiting_password for r in admin.referents] == [False]
    admin.resend_invitation(str(admin.referents[0].id))  # no link can replace a password the adult chose
    assert "déjà un mot de passe" in admin.error and len(mailbox.deliveries) == 1
    assert can_log_in(db, EMAIL, CHOSEN)


@pytest.mark.parametrize("role", list(OUTSIDERS))
def test_outside_the_schools_admins_nobody_adds_or_invites_even_with_a_forged_event(db, mailbox, role):
    insider = editor(db, ADMINS["etablissement"])
    insider.add_referent({"email": EMAIL})
    referent_id = insider.referents[0].id
    outsider = editor(db, OUTSIDERS[role])
    assert not outsider.allowed and outsider.referents == []
    outsider.add_referent({"email": "intrus@example.fr", "password": FORGED})
    assert outsider.error == "Action non autorisée."
    for handler in (outsider.resend_invitation, outsider.toggle_referent):
        outsider.referents = insider.referents  # forged: as if the row were on the outsider's screen
        handler(str(referent_id))
        assert outsider.error == "Action non autorisée."
    assert [d.rcpt_tos for d in mailbox.deliveries] == [[EMAIL]]
    with db.session() as session:
        assert session.exec(select(AdminUser).where(AdminUser.email == "intrus@example.fr")).first() is None
        assert session.get(AdminUser, referent_id).active
    assert not can_log_in(db, "intrus@example.fr", FORGED)


def test_no_handler_lets_an_admin_set_or_learn_a_referents_password():
    handlers = set(AdminSchoolState.event_handlers) - set(AdminAuthState.event_handlers)
    assert not [name for name in handlers if re.search("password|impersonat|login|token", name)]
    assert "_token" not in AdminInvitationState._frontend_var_names  # a backend var: never sent to the browser


def test_a_resent_invitation_replaces_the_earlier_link(db, mailbox):
    admin = editor(db, ADMINS["departement"])
    admin.add_referent({"email": EMAIL})
    first = link_token(mailbox)
    admin.resend_invitation(str(admin.referents[0].id))
    assert admin.error == "" and "les liens précédents ne marchent plus" in admin.message
    second = link_token(mailbox)
    assert second != first and len(mailbox.deliveries) == 2

    stale = make_state(AdminInvitationState, "/admin/invitation?jeton=" + first)
    stale.load()
    assert stale.link_error == LINK_EXPIRED and stale.email == ""
    stale.submit({"password": CHOSEN, "password_again": CHOSEN})
    assert not stale.done
    assert choose_password(second).done and can_log_in(db, EMAIL, CHOSEN)


def test_a_refused_password_changes_nothing_and_the_link_still_works(db, mailbox):
    admin = editor(db, ADMINS["etablissement"])
    admin.add_referent({"email": EMAIL})
    token = link_token(mailbox)
    page = choose_password(token, CHOSEN, CHOSEN + "x")
    assert page.error == PASSWORDS_DIFFER and not page.done
    assert page.email == EMAIL and token not in str(page.dict())  # kept for the next try, on the server side only
    page.submit({"password": "court", "password_again": "court"})
    assert "au moins 12 caractères" in page.error
    page.submit("password=x")  # forged: not a form
    assert page.error.startswith("Saisissez votre nouveau mot de passe")
    assert not can_log_in(db, EMAIL, CHOSEN) and not can_log_in(db, EMAIL, "court")
    page.submit({"password": CHOSEN, "password_again": CHOSEN})
    assert page.done and can_log_in(db, EMAIL, CHOSEN)
    again = choose_password(token, "un tout autre mot de passe")
    assert "déjà servi" in again.link_error and not again.done
    assert can_log_in(db, EMAIL, CHOSEN)


@pytest.mark.parametrize("path", ["/admin/invitation", "/admin/invitation?jeton=invente", "/admin/invitation?jeton="])
def test_a_missing_or_unknown_link_shows_a_french_message_and_no_form(db, path):
    page = make_state(AdminInvitationState, path)
    page.load()
    assert page.link_error == LINK_UNKNOWN and page.email == ""
    page.submit({"password": CHOSEN, "password_again": CHOSEN})
    assert not page.done


def test_a_reactivation_tells_the_adult_at_their_address_and_keeps_their_password(db, mailbox):
    admin = editor(db, ADMINS["etablissement"])
    admin.add_referent({"email": EMAIL})
    choose_password(link_token(mailbox))
    admin.load()
    referent = str(admin.referents[0].id)
    admin.toggle_referent(referent)
    assert admin.message == "Compte retiré du groupe." and not can_log_in(db, EMAIL, CHOSEN)
    assert len(mailbox.deliveries) == 1  # a removal is not e-mailed
    admin.toggle_referent(referent)
    assert admin.message == REACTIVATION_SENT.format(email=EMAIL)
    notice = mailbox.deliveries[-1]
    assert notice.rcpt_tos == [EMAIL] and "Votre accès a été réactivé par jeanbart@example.fr" in notice.body
    assert can_log_in(db, EMAIL, CHOSEN)


def test_without_smtp_the_account_waits_and_the_operator_prints_the_link(db, monkeypatch, capsys):
    monkeypatch.delenv("PARLONSEN_SMTP_HOST", raising=False)
    monkeypatch.setenv("PARLONSEN_PUBLIC_URL", PUBLIC)
    admin = editor(db, ADMINS["national"])
    admin.add_referent({"email": EMAIL})
    assert admin.message == "Compte ajouté au groupe."
    assert NO_SMTP in admin.error and f"python -m parlonsen.cli invite {EMAIL}" in admin.error
    assert admin.referents[0].awaiting_password

    assert cli.main(["invite", EMAIL]) == 0
    printed = capsys.readouterr()
    token = LINK.fullmatch(printed.out.strip()).group(1)
    assert "usage unique" in printed.err
    assert choose_password(token).done and can_log_in(db, EMAIL, CHOSEN)
    assert cli.main(["invite", EMAIL]) == 1  # the adult chose a password: no link can replace it
    assert "déjà un mot de passe" in capsys.readouterr().err
    assert cli.main(["invite", "inconnu@example.fr"]) == 1


def test_an_emailed_link_is_never_built_from_the_address_the_request_claims(db, mailbox, monkeypatch):
    monkeypatch.delenv("PARLONSEN_PUBLIC_URL")
    admin = editor(db, ADMINS["etablissement"], origin="https://piege.example")  # forged Origin header
    admin.add_referent({"email": EMAIL})
    assert mailbox.deliveries == []
    assert NO_PUBLIC_URL in admin.error and "cli invite" in admin.error
    assert admin.referents[0].awaiting_password


def test_the_journal_shows_the_invitation_the_password_choice_and_the_reactivation(db, mailbox):
    admin = editor(db, ADMINS["etablissement"])
    admin.add_referent({"email": EMAIL})
    admin.resend_invitation(str(admin.referents[0].id))
    choose_password(link_token(mailbox))
    admin.load()
    admin.toggle_referent(str(admin.referents[0].id))
    admin.toggle_referent(str(admin.referents[0].id))
    journal = make_state(AdminJournalState, "/admin/journal", token=db.admin("n@example.fr", "national"))
    journal.load()
    assert [(e.action, e.who) for e in journal.entries] == [
        ("Adulte de confiance réactivé (mot de passe inchangé)", "jeanbart@example.fr"),
        ("Adulte de confiance retiré du groupe", "jeanbart@example.fr"),
        ("Mot de passe choisi par son titulaire (invitation utilisée)", EMAIL),
        ("Invitation à choisir son mot de passe (lien à usage unique, 48 h)", "jeanbart@example.fr"),
        ("Invitation à choisir son mot de passe (lien à usage unique, 48 h)", "jeanbart@example.fr"),
        ("Adulte de confiance ajouté ou réactivé", "jeanbart@example.fr"),
    ]
    with db.session() as session:
        assert {e.action for e in session.exec(select(AuditEntry))} == {
            "referent.add", "referent.invite", "invitation.accept", "referent.remove", "referent.reactivate",
        }  # fmt: skip
    assert PASSWORD not in str(journal.dict())
