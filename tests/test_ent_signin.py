"""The ENT sign-in routes and stored sign-ins, against the fake ENT: state checked, tokens kept server-side."""

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from parlonsen import settings as parlonsen_settings
from parlonsen.ent_routes import ent_app
from parlonsen.models import EntLogin
from parlonsen.services import ent, ent_sessions
from tests.fake_ent import FakeEnt
from tests.state_helpers import reflex_database


@pytest.fixture
def fake():
    with FakeEnt(address="http://testserver/ent/connexion") as fake:
        yield fake


@pytest.fixture
def configured(fake, monkeypatch, tmp_path):
    monkeypatch.setenv("PARLONSEN_ENT_URL", fake.base_url)
    monkeypatch.setenv("PARLONSEN_ENT_CLIENT_ID", fake.client_id)
    monkeypatch.setenv("PARLONSEN_ENT_CLIENT_SECRET", fake.client_secret)
    monkeypatch.setenv("PARLONSEN_ENT_REDIRECT_URL", "http://testserver/ent/retour")
    with reflex_database(tmp_path) as db:
        yield db


def signed_in(fake: FakeEnt) -> tuple[TestClient, str]:
    client = TestClient(ent_app, follow_redirects=False)
    launch = client.get("/ent/connexion")
    assert launch.status_code == 302
    answer = fake.authorize(launch.headers["location"])
    back = client.get("/ent/retour", params={"code": answer["code"], "state": answer["state"]})
    assert back.status_code == 302 and back.headers["location"] == "/ent/bienvenue"
    return client, back.cookies[ent_sessions.COOKIE]


def test_without_configuration_the_launch_says_the_connector_is_off(monkeypatch, tmp_path):
    for name in ("URL", "CLIENT_ID", "CLIENT_SECRET", "REDIRECT_URL"):
        monkeypatch.delenv(f"PARLONSEN_ENT_{name}", raising=False)
    response = TestClient(ent_app, follow_redirects=False).get("/ent/connexion")
    assert response.headers["location"] == "/ent/bienvenue?erreur=desactive"


def test_the_launch_asks_for_exactly_userinfo_conversation_with_a_random_state_in_an_httponly_cookie(configured):
    response = TestClient(ent_app, follow_redirects=False).get("/ent/connexion")
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["scope"] == ["userinfo conversation"] and query["response_type"] == ["code"]
    assert len(query["state"][0]) >= 40
    cookie = response.headers["set-cookie"]
    assert "parlonsen_ent_state=" in cookie and "HttpOnly" in cookie and "Path=/ent" in cookie


def test_the_callback_stores_the_sign_in_with_encrypted_tokens_and_sets_an_httponly_key(configured, fake):
    client = TestClient(ent_app, follow_redirects=False)
    launch = client.get("/ent/connexion")
    answer = fake.authorize(launch.headers["location"])
    back = client.get("/ent/retour", params={"code": answer["code"], "state": answer["state"]})
    assert "HttpOnly" in back.headers["set-cookie"] and "parlonsen_ent=" in back.headers["set-cookie"]
    key = back.cookies[ent_sessions.COOKIE]
    with configured.session() as session:
        [login] = session.exec(select(EntLogin)).all()
        assert login.profile == "eleve" and ent_sessions.uais(login) == ["0590001A"]
        assert ent_sessions.display_name(login) == "MARTIN Jeanne"
        for token in fake._access_tokens:
            assert token not in login.access_token
        assert login.key_hash != key and ent_sessions.login_for_key(session, key) is not None


def test_a_state_that_does_not_match_stores_nothing(configured, fake):
    client = TestClient(ent_app, follow_redirects=False)
    launch = client.get("/ent/connexion")
    answer = fake.authorize(launch.headers["location"])
    back = client.get("/ent/retour", params={"code": answer["code"], "state": "forged"})
    assert back.headers["location"] == "/ent/bienvenue?erreur=etat"
    with configured.session() as session:
        assert session.exec(select(EntLogin)).all() == []


def test_an_ent_that_is_down_during_sign_in_sends_the_user_to_a_plain_message(configured, fake):
    client = TestClient(ent_app, follow_redirects=False)
    launch = client.get("/ent/connexion")
    answer = fake.authorize(launch.headers["location"])
    fake.mode = "down"
    back = client.get("/ent/retour", params={"code": answer["code"], "state": answer["state"]})
    assert back.headers["location"] == "/ent/bienvenue?erreur=ent"


def test_an_expired_token_is_refreshed_and_a_refused_refresh_ends_the_sign_in(configured, fake):
    _, key = signed_in(fake)
    settings = parlonsen_settings.current().ent
    with configured.session() as session:
        login = ent_sessions.login_for_key(session, key)
        fake.expire_all_tokens()
        assert ent_sessions.with_token(session, settings, login, lambda t: ent.is_visible(settings, t, "x")) is False
        refreshes = len(fake.requests_to("/auth/oauth2/token"))
        assert refreshes == 2  # the code exchange, then one refresh
        fake._grants.clear()  # the ENT forgets the refresh token
        fake.expire_all_tokens()
        with pytest.raises(ent.TokenRejected):
            ent_sessions.with_token(session, settings, login, lambda t: ent.is_visible(settings, t, "x"))
        assert ent_sessions.login_for_key(session, key) is None


def test_logging_out_deletes_the_sign_in_and_the_cookie(configured, fake):
    client, key = signed_in(fake)
    client.cookies.set(ent_sessions.COOKIE, key)
    response = client.get("/ent/deconnexion")
    assert response.headers["location"] == "/" and 'parlonsen_ent=""' in response.headers["set-cookie"]
    with configured.session() as session:
        assert session.exec(select(EntLogin)).all() == []


def test_the_admin_checks_the_ent_group_with_their_own_ent_sign_in(configured, fake):
    from reflex.istate.data import RouterData

    from parlonsen.models import Etablissement
    from parlonsen.state.admin_school import ENT_SIGN_IN_FIRST, AdminSchoolState
    from tests.fake_ent import ADULTS_GROUP
    from tests.state_helpers import make_state

    token = configured.admin("chef@example.fr", "etablissement", uai="0590001A")
    state = make_state(AdminSchoolState, "/admin/etablissement/0590001A", token=token)
    state.load()
    state.check_ent_group()
    assert state.ent_check == ENT_SIGN_IN_FIRST

    fake.current_user = fake.users["teacher-1"]
    _, key = signed_in(fake)
    with configured.session() as session:
        school = session.get(Etablissement, "0590001A")
        school.ent_group_id = ADULTS_GROUP
        session.add(school)
        session.commit()
    path = "/admin/etablissement/0590001A"
    state.router = RouterData.from_router_data(
        {"pathname": path, "asPath": path, "headers": {"cookie": f"{ent_sessions.COOKIE}={key}"}}
    )
    state.load()
    state.check_ent_group()
    assert state.ent_check.startswith("Le groupe est visible")
    assert [g.id for g in state.ent_candidates] == [ADULTS_GROUP]
    fake.visible_group_ids["teacher-1"] = set()
    state.check_ent_group()
    assert "n'est PAS visible" in state.ent_check
