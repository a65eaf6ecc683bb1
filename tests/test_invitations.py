"""Invitations (`services/accounts.py`, used by `services/messages.py`): an adult of a school's trusted group
chooses their own password through a single-use, 48-hour link; the admin who added them never knows it."""

import inspect
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, SQLModel, func, select

from parlonsen import audit
from parlonsen.kernel import Forbidden, InvalidInput
from parlonsen.models import AdminSession, AdminUser, AuditEntry, Invitation
from parlonsen.services import messages
from parlonsen.services.accounts import (
    ACCOUNT_INACTIVE,
    INVITATION_TTL,
    LINK_EXPIRED,
    LINK_UNKNOWN,
    LINK_USED,
    PASSWORD_ALREADY_CHOSEN,
    PASSWORDS_DIFFER,
    WRONG_CREDENTIALS,
    AccountError,
    accept_invitation,
    awaiting_password,
    hash_token,
    invitation_email,
    invite,
    login,
)

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
EMAIL = "vie.scolaire@example.fr"
CHOSEN = "mon propre mot de passe"
SCHOOL_ADMIN = "etablissement-0590001A"


def refusal(function, *args, **kwargs) -> str:
    with pytest.raises(AccountError) as caught:
        function(*args, **kwargs)
    return str(caught.value)


def add(session: Session, actors, email: str = EMAIL) -> messages.Invited:
    return messages.add_referent(session, actors[SCHOOL_ADMIN], "0590001A", email, now=NOW)


def account(session: Session, email: str = EMAIL) -> AdminUser:
    session.expire_all()
    return session.exec(select(AdminUser).where(AdminUser.email == email)).one()


def state_of(session: Session, user_id: int) -> tuple:
    """What a refused attempt must leave untouched: the hash, the invitations, the sessions, the journal."""
    session.expire_all()
    return (
        session.get(AdminUser, user_id).password_hash,
        [(i.used_at, i.expires_at) for i in session.exec(select(Invitation).order_by(Invitation.id))],
        session.exec(select(func.count()).select_from(AdminSession)).one(),
        session.exec(select(func.count()).select_from(AuditEntry)).one(),
    )


def raw_dump(session: Session) -> str:
    return "\n".join(
        repr(tuple(row)) for table in SQLModel.metadata.sorted_tables for row in session.execute(table.select())
    )


def test_an_added_adult_can_log_in_only_once_they_chose_their_password_through_the_link(session, actors):
    invited = add(session, actors)
    assert (invited.email, invited.school_name, invited.invited_by) == (EMAIL, "Lycée Jean Bart", "jeanbart@example.fr")
    assert invited.expires_at == NOW + INVITATION_TTL == NOW + timedelta(hours=48)
    assert awaiting_password(session, [invited.user_id]) == {invited.user_id}
    assert invitation_email(session, invited.token, now=LATER) == EMAIL

    assert accept_invitation(session, invited.token, CHOSEN, CHOSEN, now=LATER) == EMAIL
    assert login(session, EMAIL, CHOSEN)
    assert awaiting_password(session, [invited.user_id]) == set()


def test_add_referent_takes_no_password_and_only_the_tokens_hash_is_stored(session, actors):
    assert "password" not in inspect.signature(messages.add_referent).parameters
    invited = add(session, actors)
    assert "token" not in repr(invited) and invited.token not in repr(invited)
    (stored,) = session.exec(select(Invitation)).all()
    assert stored.token_hash == hash_token(invited.token) and stored.used_at is None
    assert invited.token not in raw_dump(session)


def test_a_link_works_for_48_hours_then_is_refused_and_changes_nothing(session, actors):
    invited = add(session, actors)
    assert invitation_email(session, invited.token, now=NOW + INVITATION_TTL - timedelta(seconds=1)) == EMAIL
    before = state_of(session, invited.user_id)
    expired = NOW + INVITATION_TTL
    assert refusal(invitation_email, session, invited.token, now=expired) == LINK_EXPIRED
    assert refusal(accept_invitation, session, invited.token, CHOSEN, CHOSEN, now=expired) == LINK_EXPIRED
    assert state_of(session, invited.user_id) == before
    assert refusal(login, session, EMAIL, CHOSEN) == WRONG_CREDENTIALS


def test_a_used_link_is_refused_and_the_chosen_password_stays(session, actors):
    invited = add(session, actors)
    accept_invitation(session, invited.token, CHOSEN, CHOSEN, now=LATER)
    before = state_of(session, invited.user_id)
    other = "un autre mot de passe"
    assert refusal(accept_invitation, session, invited.token, other, other, now=LATER) == LINK_USED
    assert refusal(invitation_email, session, invited.token, now=LATER) == LINK_USED
    assert state_of(session, invited.user_id) == before
    assert refusal(login, session, EMAIL, other) == WRONG_CREDENTIALS
    assert login(session, EMAIL, CHOSEN)


@pytest.mark.parametrize(
    ("password", "again", "message"),
    [
        (CHOSEN, CHOSEN + "!", PASSWORDS_DIFFER),
        ("court", "court", "au moins 12 caractères"),
        ("x" * 201, "x" * 201, "au plus 200 caractères"),
        (None, CHOSEN, "deux fois"),
        (CHOSEN, ["liste"], "deux fois"),
    ],
)
def test_a_bad_password_or_confirmation_changes_nothing_and_the_link_still_works(
    session, actors, password, again, message
):
    invited = add(session, actors)
    before = state_of(session, invited.user_id)
    assert message in refusal(accept_invitation, session, invited.token, password, again, now=LATER)
    assert state_of(session, invited.user_id) == before
    assert accept_invitation(session, invited.token, CHOSEN, CHOSEN, now=LATER) == EMAIL


@pytest.mark.parametrize("token", ["", "pas-un-jeton", None, 42, {"jeton": "x"}])
def test_an_unknown_or_forged_token_is_refused(session, actors, token):
    add(session, actors)
    assert refusal(invitation_email, session, token, now=LATER) == LINK_UNKNOWN
    assert refusal(accept_invitation, session, token, CHOSEN, CHOSEN, now=LATER) == LINK_UNKNOWN


def test_choosing_the_password_ends_every_session_of_that_account_only(session, actors):
    invited = add(session, actors)
    session.add(AdminSession(token_hash="a" * 64, user_id=invited.user_id, expires_at=NOW + timedelta(hours=8)))
    session.add(AdminSession(token_hash="b" * 64, user_id=actors[SCHOOL_ADMIN].user_id, expires_at=NOW))
    session.commit()
    accept_invitation(session, invited.token, CHOSEN, CHOSEN, now=LATER)
    assert session.exec(select(AdminSession.user_id)).all() == [actors[SCHOOL_ADMIN].user_id]


def test_a_new_invitation_replaces_the_earlier_link(session, actors):
    first = add(session, actors)
    second = messages.resend_invitation(session, actors["national"], first.user_id, now=LATER)
    assert second.token != first.token and second.invited_by == "nationale@example.fr"
    assert refusal(invitation_email, session, first.token, now=LATER) == LINK_EXPIRED
    assert accept_invitation(session, second.token, CHOSEN, CHOSEN, now=LATER) == EMAIL


def test_no_invitation_can_replace_a_password_someone_chose(session, actors):
    invited = add(session, actors)
    accept_invitation(session, invited.token, CHOSEN, CHOSEN, now=LATER)
    before = state_of(session, invited.user_id)
    with pytest.raises(InvalidInput, match="déjà un mot de passe"):
        messages.resend_invitation(session, actors[SCHOOL_ADMIN], invited.user_id, now=LATER)
    assert refusal(invite, session, invited.user_id, now=LATER) == PASSWORD_ALREADY_CHOSEN
    # An account created with its password (command line) was never invited: no invitation can take it over.
    assert refusal(invite, session, actors["referent-0590001A"].user_id, now=LATER) == PASSWORD_ALREADY_CHOSEN
    assert refusal(invite, session, actors["national"].user_id, now=LATER) == PASSWORD_ALREADY_CHOSEN
    assert state_of(session, invited.user_id) == before


def test_only_the_schools_admins_resend_an_invitation(session, actors):
    invited = add(session, actors)
    for outsider in ("etablissement-0590002B", "departement-62", "referent-0590001A", "referent2-0590001A"):
        with pytest.raises(Forbidden):
            messages.resend_invitation(session, actors[outsider], invited.user_id, now=LATER)
    with pytest.raises(Forbidden):  # not a member of a trusted group: no invitation through this door
        messages.resend_invitation(session, actors[SCHOOL_ADMIN], actors["national"].user_id, now=LATER)
    assert messages.resend_invitation(session, actors["departement-59"], invited.user_id, now=LATER).token


def test_a_removed_adults_link_stops_working_and_a_reactivation_keeps_the_password(session, actors):
    invited = add(session, actors)
    admin = actors[SCHOOL_ADMIN]
    assert messages.set_referent_active(session, admin, invited.user_id, False) is None
    assert refusal(invitation_email, session, invited.token, now=LATER) == ACCOUNT_INACTIVE
    with pytest.raises(InvalidInput, match="réactivez-le"):
        messages.resend_invitation(session, admin, invited.user_id, now=LATER)
    back = messages.set_referent_active(session, admin, invited.user_id, True)
    assert back == messages.Reactivated(EMAIL, "Lycée Jean Bart", "jeanbart@example.fr")
    assert messages.set_referent_active(session, admin, invited.user_id, True) is None  # a double click tells no one
    accept_invitation(session, invited.token, CHOSEN, CHOSEN, now=LATER)
    hash_before = account(session).password_hash
    messages.set_referent_active(session, admin, invited.user_id, False)
    messages.set_referent_active(session, admin, invited.user_id, True)
    assert account(session).password_hash == hash_before
    assert login(session, EMAIL, CHOSEN)


def test_the_journal_names_the_addition_the_invitations_the_password_choice_and_the_reactivation(session, actors):
    invited = add(session, actors)
    token = messages.resend_invitation(session, actors[SCHOOL_ADMIN], invited.user_id, now=NOW).token
    accept_invitation(session, token, CHOSEN, CHOSEN, now=LATER)
    messages.set_referent_active(session, actors[SCHOOL_ADMIN], invited.user_id, False)
    messages.set_referent_active(session, actors[SCHOOL_ADMIN], invited.user_id, True)
    entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.actor_email) for e in entries] == [
        ("referent.add", "jeanbart@example.fr"),
        ("referent.invite", "jeanbart@example.fr"),
        ("referent.invite", "jeanbart@example.fr"),
        ("invitation.accept", EMAIL),
        ("referent.remove", "jeanbart@example.fr"),
        ("referent.reactivate", "jeanbart@example.fr"),
    ]
    assert all(e.uai == "0590001A" and e.departement_code == "59" for e in entries)
    rows = audit.journal(session, actors["departement-59"]).items
    assert [row.action for row in rows][:3] == [
        "Adulte de confiance réactivé (mot de passe inchangé)",
        "Adulte de confiance retiré du groupe",
        "Mot de passe choisi par son titulaire (invitation utilisée)",
    ]
    assert "Invitation à choisir son mot de passe (lien à usage unique, 48 h)" in [row.action for row in rows]
    for entry in entries:
        assert token not in entry.before + entry.after and CHOSEN not in entry.before + entry.after
