"""The ENT client against a fake ENT that behaves as entcore does (tests/fake_ent.py)."""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import httpx
import pytest

from parlonsen.services import ent as ent_client
from parlonsen.services.ent import (
    NEUTRAL_SUBJECT,
    SCOPE,
    BadRequest,
    EntSettings,
    EntUser,
    NotAllowed,
    NotDelivered,
    TokenRejected,
    Tokens,
    Unavailable,
    authorization_url,
    exchange_code,
    fetch_userinfo,
    is_visible,
    new_state,
    refresh_tokens,
    send_message,
    visible_groups,
)
from tests.fake_ent import ADULTS_GROUP, CLASS_GROUP, DIRECTION_GROUP, FakeEnt, fake_user

REDIRECT_URI = "http://localhost:3000/ent/callback"
NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@pytest.fixture
def ent() -> Iterator[FakeEnt]:
    with FakeEnt() as fake:
        yield fake


@pytest.fixture
def settings(ent: FakeEnt) -> EntSettings:
    return EntSettings(
        base_url=ent.base_url + "/",
        client_id=ent.client_id,
        client_secret=ent.client_secret,
        redirect_uri=REDIRECT_URI,
        timeout=5.0,
    )


def sign_in(ent: FakeEnt, settings: EntSettings) -> Tokens:
    callback = ent.authorize(authorization_url(settings, new_state()))
    return exchange_code(settings, callback["code"], now=NOW)


# --- sign-in ---------------------------------------------------------------------------------------------


def test_the_code_flow_signs_the_student_in(ent: FakeEnt, settings: EntSettings) -> None:
    state = new_state()
    callback = ent.authorize(authorization_url(settings, state))
    tokens = exchange_code(settings, callback["code"], now=NOW)

    assert tokens.access_token and tokens.refresh_token
    assert tokens.expires_at == NOW + timedelta(seconds=3600)
    assert fetch_userinfo(settings, tokens.access_token) == EntUser(
        user_id="student-1",
        ent_type="ELEVE",
        profile="eleve",
        display_name="MARTIN Jeanne",
        first_name="Jeanne",
        uais=("0590001A",),
        school_name="Lycée Jean Bart",
    )


def test_the_token_request_uses_basic_auth_and_puts_nothing_in_the_query_string(
    ent: FakeEnt, settings: EntSettings
) -> None:
    callback = ent.authorize(authorization_url(settings, new_state()))
    exchange_code(settings, callback["code"], now=NOW)

    [request] = ent.requests_to("/auth/oauth2/token")
    credentials = base64.b64encode(f"{ent.client_id}:{ent.client_secret}".encode()).decode()
    assert request.method == "POST"
    assert request.query == ""
    assert request.headers["authorization"] == f"Basic {credentials}"
    assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert request.body == {"grant_type": "authorization_code", "code": callback["code"], "redirect_uri": REDIRECT_URI}


def test_the_state_comes_back_unchanged(ent: FakeEnt, settings: EntSettings) -> None:
    state = new_state()

    assert ent.authorize(authorization_url(settings, state))["state"] == state


def test_a_state_that_is_not_url_safe_is_refused(settings: EntSettings) -> None:
    with pytest.raises(ValueError, match="URL-safe"):
        authorization_url(settings, "a&b=c")


def test_the_requested_scope_is_exactly_userinfo_conversation(ent: FakeEnt, settings: EntSettings) -> None:
    url = authorization_url(settings, "abc")
    ent.authorize(url)

    assert "scope=userinfo%20conversation&" in url
    [request] = ent.requests_to("/auth/oauth2/auth")
    assert parse_qs(request.query) == {
        "response_type": ["code"],
        "client_id": [ent.client_id],
        "redirect_uri": [REDIRECT_URI],
        "scope": [SCOPE],
        "state": ["abc"],
    }


def test_the_ent_gives_no_code_when_the_connector_is_registered_with_a_narrower_scope(
    ent: FakeEnt, settings: EntSettings
) -> None:
    ent.registered_scope = "userinfo"

    callback = ent.authorize(authorization_url(settings, "abc"))

    assert callback == {"error": "server_error", "state": "abc"}


def test_the_ent_refuses_to_redirect_to_a_host_other_than_the_connector_address(ent: FakeEnt) -> None:
    settings = EntSettings(ent.base_url, ent.client_id, ent.client_secret, "https://ailleurs.example/callback")

    with pytest.raises(AssertionError, match="400: Redirection not authorized"):
        ent.authorize(authorization_url(settings, "abc"))


def test_without_an_ent_session_the_ent_sends_the_browser_to_its_login_page(
    ent: FakeEnt, settings: EntSettings
) -> None:
    ent.current_user = None

    response = httpx.get(authorization_url(settings, "abc"), follow_redirects=False)

    assert response.status_code == 302
    assert response.headers["location"].startswith("/auth/login?callback=%2Fauth%2Foauth2%2Fauth%3F")


def test_a_code_works_only_once(ent: FakeEnt, settings: EntSettings) -> None:
    callback = ent.authorize(authorization_url(settings, new_state()))
    exchange_code(settings, callback["code"])

    with pytest.raises(TokenRejected, match=r"Ta connexion à l'ENT a expiré\."):
        exchange_code(settings, callback["code"])


def test_a_code_expires_after_ten_minutes(ent: FakeEnt, settings: EntSettings) -> None:
    callback = ent.authorize(authorization_url(settings, new_state()))
    ent.advance(timedelta(minutes=10, seconds=1))

    with pytest.raises(TokenRejected):
        exchange_code(settings, callback["code"])


def test_a_wrong_client_secret_makes_the_ent_unavailable_rather_than_blaming_the_student(
    ent: FakeEnt, settings: EntSettings
) -> None:
    callback = ent.authorize(authorization_url(settings, new_state()))
    wrong = EntSettings(settings.base_url, settings.client_id, "pas-le-bon", REDIRECT_URI)

    with pytest.raises(Unavailable, match=r"L'ENT ne répond pas pour le moment\."):
        exchange_code(wrong, callback["code"])


# --- who signed in ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ent_type", "profile"),
    [
        ("ELEVE", "eleve"),
        ("PERSRELELEVE", "parent"),
        ("ENSEIGNANT", "professionnel"),
        ("PERSEDUCNAT", "professionnel"),
        ("", ""),  # Guest: the default userinfo turns any other profile into ""
    ],
)
def test_the_ent_type_gives_the_profile(ent: FakeEnt, settings: EntSettings, ent_type: str, profile: str) -> None:
    ent.users["user-x"] = ent.current_user = fake_user("user-x", ent_type)

    user = fetch_userinfo(settings, sign_in(ent, settings).access_token)

    assert (user.ent_type, user.profile) == (ent_type, profile)


def test_several_uais_are_kept_once_upper_cased_in_the_ent_order(ent: FakeEnt, settings: EntSettings) -> None:
    ent.users["prof-2"] = ent.current_user = fake_user("prof-2", "ENSEIGNANT", uai=["0620001c", "0590001A", "0620001C"])

    assert fetch_userinfo(settings, sign_in(ent, settings).access_token).uais == ("0620001C", "0590001A")


def test_userinfo_with_an_expired_token_is_rejected_without_following_the_redirect(
    ent: FakeEnt, settings: EntSettings
) -> None:
    tokens = sign_in(ent, settings)
    ent.advance(timedelta(hours=1, seconds=1))

    with pytest.raises(TokenRejected):
        fetch_userinfo(settings, tokens.access_token)
    assert ent.requests_to("/auth/login") == []


def test_userinfo_with_a_revoked_token_is_rejected(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)
    ent.expire_all_tokens()

    with pytest.raises(TokenRejected):
        fetch_userinfo(settings, tokens.access_token)


def test_a_refresh_gives_a_working_access_token(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)
    ent.expire_all_tokens()

    later = NOW + timedelta(hours=2)
    refreshed = refresh_tokens(settings, tokens.refresh_token, now=later)

    assert refreshed.access_token != tokens.access_token
    assert refreshed.refresh_token == tokens.refresh_token
    assert refreshed.expires_at == later + timedelta(seconds=3600)
    assert fetch_userinfo(settings, refreshed.access_token).user_id == "student-1"
    request = ent.requests_to("/auth/oauth2/token")[-1]
    assert request.query == ""
    assert request.headers["authorization"].startswith("Basic ")
    assert request.body == {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}


def test_an_unknown_refresh_token_is_rejected(settings: EntSettings) -> None:
    with pytest.raises(TokenRejected):
        refresh_tokens(settings, "inconnu")


# --- Messagerie ------------------------------------------------------------------------------------------


def test_send_posts_exactly_the_neutral_subject_and_an_escaped_body(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)

    sent = send_message(settings, tokens.access_token, ADULTS_GROUP, "<script>alert(1)</script>\nligne 2")

    assert sent == 2
    assert ent.sent == [
        {
            "subject": NEUTRAL_SUBJECT,
            "body": "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>ligne 2</p>",
            "to": [ADULTS_GROUP],
            "cc": [],
            "cci": [],
        }
    ]
    [request] = ent.requests_to("/conversation/send")
    assert request.query == ""  # no draft id: created and sent in one call
    assert request.headers["authorization"] == f"Bearer {tokens.access_token}"


def test_blank_lines_separate_paragraphs(ent: FakeEnt, settings: EntSettings) -> None:
    send_message(
        settings, sign_in(ent, settings).access_token, ADULTS_GROUP, "Bonjour,\r\n\r\n\nJ'ai peur & je\nsais pas"
    )

    assert ent.sent[0]["body"] == "<p>Bonjour,</p><p>J&#x27;ai peur &amp; je<br>sais pas</p>"


def test_an_empty_message_is_not_sent(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)

    with pytest.raises(BadRequest, match=r"Ton message est vide\."):
        send_message(settings, tokens.access_token, ADULTS_GROUP, " \n\n ")
    assert ent.requests_to("/conversation/send") == []


def test_a_recipient_the_student_cannot_see_is_not_allowed(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)

    with pytest.raises(NotAllowed, match="le groupe des adultes n'est pas accessible depuis ton compte"):
        send_message(settings, tokens.access_token, DIRECTION_GROUP, "Bonjour")
    assert ent.sent == []


def test_a_message_delivered_to_nobody_is_an_error(ent: FakeEnt, settings: EntSettings) -> None:
    ent.inactive_user_ids = {"teacher-1", "cpe-1"}

    with pytest.raises(NotDelivered, match=r"Le message n'a été remis à personne\."):
        send_message(settings, sign_in(ent, settings).access_token, ADULTS_GROUP, "Bonjour")


def test_an_unknown_key_is_a_bad_request(ent: FakeEnt, settings: EntSettings) -> None:
    # send_message only ever sends the five known keys: reach the ENT's 400 through the request helper.
    payload = {"subject": NEUTRAL_SUBJECT, "body": "<p>x</p>", "to": [ADULTS_GROUP], "groups": [ADULTS_GROUP]}

    with pytest.raises(BadRequest, match=r"L'ENT a refusé le message\."):
        ent_client._api(settings, "POST", "/conversation/send", sign_in(ent, settings).access_token, payload=payload)
    assert ent.sent == []


def test_a_token_without_the_conversation_scope_is_turned_away_like_an_expired_one(
    ent: FakeEnt, settings: EntSettings
) -> None:
    url = authorization_url(settings, "abc").replace("scope=userinfo%20conversation", "scope=userinfo")
    tokens = exchange_code(settings, ent.authorize(url)["code"])

    assert fetch_userinfo(settings, tokens.access_token).user_id == "student-1"
    with pytest.raises(TokenRejected):
        send_message(settings, tokens.access_token, ADULTS_GROUP, "Bonjour")


def test_visible_groups_lists_the_groups_only(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)

    expected = [
        {"id": CLASS_GROUP, "name": "Élèves de 2NDE 3.", "profile": "Student"},
        {"id": ADULTS_GROUP, "name": "Adultes référents", "profile": "Manual"},
    ]
    assert visible_groups(settings, tokens.access_token) == expected
    assert visible_groups(settings, tokens.access_token, search="référents") == expected  # groups always come back
    assert ent.requests_to("/conversation/visible")[-1].query == "search=r%C3%A9f%C3%A9rents"


def test_a_group_without_members_is_not_visible(ent: FakeEnt, settings: EntSettings) -> None:
    ent.groups[ADULTS_GROUP]["members"] = []
    tokens = sign_in(ent, settings)

    assert [group["id"] for group in visible_groups(settings, tokens.access_token)] == [CLASS_GROUP]
    assert not is_visible(settings, tokens.access_token, ADULTS_GROUP)


def test_is_visible_checks_one_group(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)

    assert is_visible(settings, tokens.access_token, ADULTS_GROUP)
    assert not is_visible(settings, tokens.access_token, DIRECTION_GROUP)
    assert ent.requests_to("/conversation/visibles")[-1].body == {"ids": [DIRECTION_GROUP]}


# --- failures --------------------------------------------------------------------------------------------


def test_when_the_ent_is_down_every_call_is_unavailable(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)
    ent.mode = "down"

    calls = [
        lambda: exchange_code(settings, "code"),
        lambda: refresh_tokens(settings, tokens.refresh_token),
        lambda: fetch_userinfo(settings, tokens.access_token),
        lambda: visible_groups(settings, tokens.access_token),
        lambda: is_visible(settings, tokens.access_token, ADULTS_GROUP),
        lambda: send_message(settings, tokens.access_token, ADULTS_GROUP, "Bonjour"),
    ]
    for call in calls:
        with pytest.raises(Unavailable, match=r"L'ENT ne répond pas pour le moment\."):
            call()


def test_when_the_ent_is_slow_the_client_gives_up_after_its_timeout(ent: FakeEnt, settings: EntSettings) -> None:
    tokens = sign_in(ent, settings)
    impatient = EntSettings(ent.base_url, ent.client_id, ent.client_secret, REDIRECT_URI, timeout=0.5)
    ent.mode, ent.slow_seconds = "slow", 3.0

    started = time.monotonic()
    with pytest.raises(Unavailable):
        send_message(impatient, tokens.access_token, ADULTS_GROUP, "Bonjour")
    with pytest.raises(Unavailable):
        refresh_tokens(impatient, tokens.refresh_token)
    assert time.monotonic() - started < 2.5


def test_a_refused_connection_is_unavailable() -> None:
    with FakeEnt() as fake:
        settings = EntSettings(fake.base_url, fake.client_id, fake.client_secret, REDIRECT_URI, timeout=2)

    with pytest.raises(Unavailable):
        fetch_userinfo(settings, "token")
    with pytest.raises(Unavailable):
        exchange_code(settings, "code")


def test_no_token_message_or_user_detail_reaches_the_logs(
    ent: FakeEnt, settings: EntSettings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    tokens = sign_in(ent, settings)
    fetch_userinfo(settings, tokens.access_token)
    send_message(settings, tokens.access_token, ADULTS_GROUP, "Il me frappe")
    with pytest.raises(NotAllowed):
        send_message(settings, tokens.access_token, DIRECTION_GROUP, "Il me frappe")
    ent.expire_all_tokens()
    with pytest.raises(TokenRejected):
        fetch_userinfo(settings, tokens.access_token)

    for secret in (tokens.access_token, tokens.refresh_token, ent.client_secret, "frappe", "MARTIN", "Jeanne"):
        assert secret not in caplog.text
    assert tokens.access_token not in repr(tokens)


# --- settings --------------------------------------------------------------------------------------------

ENV = {
    "PARLONSEN_ENT_URL": "https://ent.example.fr/",
    "PARLONSEN_ENT_CLIENT_ID": "parlonsen",
    "PARLONSEN_ENT_CLIENT_SECRET": "s3cret",
    "PARLONSEN_ENT_REDIRECT_URL": "https://parlonsen.example.fr/ent/callback",
}


def test_no_ent_variable_disables_the_ent() -> None:
    assert EntSettings.from_env({}) is None
    assert EntSettings.from_env(dict.fromkeys(ENV, " ")) is None


def test_the_ent_settings_come_from_the_environment_without_a_trailing_slash() -> None:
    settings = EntSettings.from_env(ENV)

    assert settings == EntSettings(
        base_url="https://ent.example.fr",
        client_id="parlonsen",
        client_secret="s3cret",
        redirect_uri="https://parlonsen.example.fr/ent/callback",
    )
    assert "s3cret" not in repr(settings)
    assert authorization_url(settings, "abc").startswith("https://ent.example.fr/auth/oauth2/auth?")


def test_incomplete_ent_settings_name_the_missing_variables() -> None:
    environ = ENV | {"PARLONSEN_ENT_CLIENT_SECRET": "", "PARLONSEN_ENT_REDIRECT_URL": " "}

    with pytest.raises(ValueError, match="PARLONSEN_ENT_CLIENT_SECRET, PARLONSEN_ENT_REDIRECT_URL not set"):
        EntSettings.from_env(environ)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PARLONSEN_ENT_URL", "ent.example.fr"),
        ("PARLONSEN_ENT_URL", "ftp://ent.example.fr"),
        ("PARLONSEN_ENT_REDIRECT_URL", "javascript:alert(1)"),
    ],
)
def test_an_ent_url_that_is_not_http_is_refused(variable: str, value: str) -> None:
    with pytest.raises(ValueError, match=variable):
        EntSettings.from_env(ENV | {variable: value})
