"""Admin accounts: hashed passwords, throttled logins, session tokens stored only as hashes."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, create_engine, select

from parlonsen.models import AdminSession, AdminUser, Etablissement, Throttle, utcnow
from parlonsen.services import throttle
from parlonsen.services.accounts import (
    LOGIN_ADDRESS,
    LOGIN_PAIR,
    SESSION_TTL,
    WRONG_CREDENTIALS,
    AccountError,
    create_account,
    hash_token,
    login,
    logout,
    user_for_token,
)
from parlonsen.services.reference import install_departements

EMAIL = "cpe@lycee-lille.fr"
MAX_FAILURES = LOGIN_PAIR.limit
LOCK_DELAY = LOGIN_PAIR.first_lock
PASSWORD = "un mot de passe solide"
UAI = "0590001A"


@pytest.fixture
def engine() -> Engine:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        install_departements(session)
        with session.begin():
            session.add(
                Etablissement(
                    uai=UAI,
                    name="Lycée Faidherbe",
                    type="lycee",
                    statut="public",
                    commune="Lille",
                    code_postal="59000",
                    departement_code="59",
                )
            )
    return engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def dump(engine: Engine) -> str:
    """Every row of every table, as SQL text."""
    connection = engine.raw_connection()
    try:
        return "\n".join(connection.driver_connection.iterdump())
    finally:
        connection.close()


def rows(engine: Engine, table: type[SQLModel]) -> list:
    with Session(engine) as session:
        return list(session.exec(select(table)))


def refusal(function, *args, **kwargs) -> str:
    """The French message of the AccountError that `function(*args, **kwargs)` raises."""
    with pytest.raises(AccountError) as caught:
        function(*args, **kwargs)
    return str(caught.value)


def fail_until_locked(session: Session, now) -> None:
    for attempt in range(MAX_FAILURES):
        assert refusal(login, session, EMAIL, f"mauvais essai {attempt}", now=now) == WRONG_CREDENTIALS


def test_a_new_account_stores_an_argon2id_hash_and_never_the_password(engine, session):
    user = create_account(session, EMAIL, PASSWORD, "national")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in dump(engine)
    assert (user.id, user.role, user.active) == (1, "national", True)


def test_the_email_is_stored_stripped_and_lowercased_and_login_accepts_any_case(session):
    user = create_account(session, "  CPE@Lycee-Lille.FR ", PASSWORD, "national")
    assert user.email == EMAIL
    assert user_for_token(session, login(session, " Cpe@LYCEE-lille.fr", PASSWORD)).id == user.id


def test_an_etablissement_account_takes_the_departement_of_its_school(session):
    user = create_account(session, EMAIL, PASSWORD, "etablissement", uai="0590001a")
    assert (user.uai, user.departement_code) == (UAI, "59")


def test_a_departement_account_keeps_its_code(session):
    user = create_account(session, EMAIL, PASSWORD, "departement", departement_code="62")
    assert (user.departement_code, user.uai) == ("62", None)


def test_login_gives_a_token_that_identifies_the_user_after_the_session_closes(engine, session):
    created = create_account(session, EMAIL, PASSWORD, "etablissement", uai=UAI)
    token = login(session, EMAIL, PASSWORD)
    with Session(engine) as other:
        user = user_for_token(other, token)
    assert (user.id, user.email, user.role, user.uai) == (created.id, EMAIL, "etablissement", UAI)


def test_only_the_hash_of_a_session_token_is_stored(engine, session):
    create_account(session, EMAIL, PASSWORD, "national")
    token = login(session, EMAIL, PASSWORD)
    [stored] = rows(engine, AdminSession)
    assert stored.token_hash == hash_token(token)
    assert token not in dump(engine)


def test_each_login_gives_a_new_token(session):
    create_account(session, EMAIL, PASSWORD, "national")
    assert login(session, EMAIL, PASSWORD) != login(session, EMAIL, PASSWORD)


def test_a_wrong_password_and_an_unknown_email_get_the_same_message_and_both_count(engine, session):
    create_account(session, EMAIL, PASSWORD, "national")
    wrong_password = refusal(login, session, EMAIL, "pas le bon mot de passe")
    unknown_email = refusal(login, session, "inconnu@example.fr", PASSWORD)
    assert wrong_password == unknown_email == WRONG_CREDENTIALS == "Adresse ou mot de passe incorrect."
    throttles = {t.key: t.hits for t in rows(engine, Throttle)}
    pair, address = throttle.key_of(LOGIN_PAIR, f"{EMAIL}|"), throttle.key_of(LOGIN_ADDRESS, "")
    assert throttles == {pair: 1, throttle.key_of(LOGIN_PAIR, "inconnu@example.fr|"): 1, address: 2}
    assert rows(engine, AdminSession) == []


def test_an_inactive_account_gets_the_wrong_password_message_even_with_the_right_password(engine, session):
    user = create_account(session, EMAIL, PASSWORD, "national")
    with session.begin():
        session.get(AdminUser, user.id).active = False
    assert refusal(login, session, EMAIL, PASSWORD) == WRONG_CREDENTIALS


def test_a_live_token_of_a_deactivated_account_gives_no_user(session):
    user = create_account(session, EMAIL, PASSWORD, "national")
    token = login(session, EMAIL, PASSWORD)
    with session.begin():
        session.get(AdminUser, user.id).active = False
    assert user_for_token(session, token) is None


def test_after_five_failures_the_right_password_waits_for_the_delay_then_works_and_resets(engine, session):
    create_account(session, EMAIL, PASSWORD, "national")
    start = utcnow()
    fail_until_locked(session, start)

    locked = refusal(login, session, EMAIL, PASSWORD, now=start + timedelta(seconds=1))
    assert locked == f"Trop d'essais. Réessayez dans {int(LOCK_DELAY.total_seconds()) - 1} secondes."
    pair = next(row for row in rows(engine, Throttle) if row.key == throttle.key_of(LOGIN_PAIR, f"{EMAIL}|"))
    assert pair.hits == MAX_FAILURES  # a refused attempt does not extend the lock

    later = start + LOCK_DELAY
    assert user_for_token(session, login(session, EMAIL, PASSWORD, now=later), now=later).email == EMAIL
    assert [row.key for row in rows(engine, Throttle)] == [throttle.key_of(LOGIN_ADDRESS, "")]  # the pair is cleared
    assert refusal(login, session, EMAIL, "encore un mauvais", now=later) == WRONG_CREDENTIALS
    assert user_for_token(session, login(session, EMAIL, PASSWORD, now=later), now=later) is not None


def test_a_failure_after_the_lock_doubles_the_delay(session):
    start = utcnow()
    fail_until_locked(session, start)
    later = start + LOCK_DELAY
    assert refusal(login, session, EMAIL, "mauvais essai", now=later) == WRONG_CREDENTIALS
    assert refusal(login, session, EMAIL, PASSWORD, now=later) == "Trop d'essais. Réessayez dans 2 minutes."


def test_the_lock_delay_grows_to_fifteen_minutes_at_most():
    delays = [throttle.lock_for(LOGIN_PAIR, n).total_seconds() for n in (5, 6, 7, 9, 10, 50)]
    assert delays == [60, 120, 240, 900, 900, 900]


def test_the_lock_message_says_one_second_in_the_singular(session):
    start = utcnow()
    fail_until_locked(session, start)
    almost = start + LOCK_DELAY - timedelta(milliseconds=500)
    assert refusal(login, session, EMAIL, PASSWORD, now=almost) == "Trop d'essais. Réessayez dans 1 seconde."


def test_an_expired_token_gives_no_user_and_its_session_is_deleted(engine, session):
    create_account(session, EMAIL, PASSWORD, "national")
    start = utcnow()
    token = login(session, EMAIL, PASSWORD, now=start)
    assert user_for_token(session, token, now=start + SESSION_TTL - timedelta(seconds=1)) is not None
    assert user_for_token(session, token, now=start + SESSION_TTL) is None
    assert rows(engine, AdminSession) == []


def test_an_unknown_token_gives_no_user(session):
    assert user_for_token(session, "jeton-inconnu") is None
    assert user_for_token(session, "") is None


def test_logout_ends_the_session_and_only_that_one(engine, session):
    create_account(session, EMAIL, PASSWORD, "national")
    token, other = login(session, EMAIL, PASSWORD), login(session, EMAIL, PASSWORD)
    logout(session, token)
    assert user_for_token(session, token) is None
    assert user_for_token(session, other) is not None
    logout(session, token)  # a second logout is harmless
    assert len(rows(engine, AdminSession)) == 1


def test_login_rehashes_a_password_hashed_with_weaker_parameters(engine, session):
    user = create_account(session, EMAIL, PASSWORD, "national")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with session.begin():
        session.get(AdminUser, user.id).password_hash = weak
    login(session, EMAIL, PASSWORD)
    [stored] = rows(engine, AdminUser)
    assert stored.password_hash != weak and stored.password_hash.startswith("$argon2id$")
    assert login(session, EMAIL, PASSWORD)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"role": "departement"}, "Un compte départemental doit indiquer son département."),
        ({"role": "departement", "departement_code": "99"}, "Département inconnu : « 99 »."),
        (
            {"role": "departement", "departement_code": "59", "uai": UAI},
            "Un compte départemental ne doit pas indiquer d'établissement.",
        ),
        ({"role": "etablissement"}, "Un compte d'établissement doit indiquer son UAI."),
        ({"role": "etablissement", "uai": "0590002B"}, "Établissement inconnu : « 0590002B »."),
        ({"role": "etablissement", "uai": "pas-un-uai"}, "Établissement inconnu : « PAS-UN-UAI »."),
        (
            {"role": "etablissement", "uai": UAI, "departement_code": "62"},
            "L'établissement 0590001A est dans le département 59, pas 62.",
        ),
        ({"role": "national", "departement_code": "59"}, "Un compte national ne doit indiquer ni département"),
        ({"role": "super-admin"}, "Rôle inconnu : « super-admin »."),
        ({"role": "national", "email": "pas-une-adresse"}, "Adresse e-mail invalide."),
        ({"role": "national", "email": "a b@example.fr"}, "Adresse e-mail invalide."),
        ({"role": "national", "password": "court"}, "Le mot de passe doit contenir au moins 12 caractères."),
        (
            {"role": "national", "email": "x@", "password": "court"},
            "Adresse e-mail invalide. Le mot de passe doit contenir au moins 12 caractères.",
        ),
    ],
)
def test_an_invalid_account_is_refused_in_french_and_nothing_is_written(engine, session, fields, message):
    before = dump(engine)
    arguments = {"email": EMAIL, "password": PASSWORD, **fields}
    assert refusal(create_account, session, **arguments).startswith(message)
    assert dump(engine) == before


def test_a_duplicate_email_is_refused_whatever_its_case_and_nothing_is_written(engine, session):
    create_account(session, EMAIL, PASSWORD, "national")
    before = dump(engine)
    duplicate = refusal(create_account, session, EMAIL.upper(), PASSWORD, "departement", departement_code="59")
    assert duplicate == "Un compte existe déjà pour cette adresse."
    assert dump(engine) == before


def test_someone_else_guessing_an_admins_password_locks_them_not_the_admin(session):
    create_account(session, EMAIL, PASSWORD, "national")
    start = utcnow()
    for attempt in range(MAX_FAILURES + 3):
        refusal(login, session, EMAIL, f"essai {attempt}", client="203.0.113.9", now=start)
    locked = refusal(login, session, EMAIL, PASSWORD, client="203.0.113.9", now=start)
    assert locked.startswith("Trop d'essais.")  # the attacker's address waits, even with the right password
    assert user_for_token(session, login(session, EMAIL, PASSWORD, client="198.51.100.7", now=start)).email == EMAIL


def test_the_admins_own_success_clears_only_their_pair_not_the_attackers(session):
    create_account(session, EMAIL, PASSWORD, "national")
    start = utcnow()
    for attempt in range(MAX_FAILURES):
        refusal(login, session, EMAIL, f"essai {attempt}", client="203.0.113.9", now=start)
    login(session, EMAIL, PASSWORD, client="198.51.100.7", now=start)
    assert refusal(login, session, EMAIL, PASSWORD, client="203.0.113.9", now=start).startswith("Trop d'essais.")


def test_one_address_trying_many_accounts_meets_the_address_ceiling(session):
    create_account(session, EMAIL, PASSWORD, "national")
    start = utcnow()
    for attempt in range(LOGIN_ADDRESS.limit):  # a different e-mail each time: no pair ever locks
        refusal(login, session, f"compte{attempt}@example.fr", "mauvais", client="203.0.113.9", now=start)
    assert refusal(login, session, EMAIL, PASSWORD, client="203.0.113.9", now=start) == (
        "Trop d'essais. Réessayez dans 15 minutes."
    )
    assert login(session, EMAIL, PASSWORD, client="198.51.100.7", now=start)  # other networks are not affected
