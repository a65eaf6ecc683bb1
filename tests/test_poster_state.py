"""The printable poster of a school: public, a QR code to the school's page, its trusted adults."""

import pytest

from parlonsen.state.poster import PosterState
from tests.state_helpers import make_state, reflex_database


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.delenv("PARLONSEN_PUBLIC_URL", raising=False)
    with reflex_database(tmp_path) as db:
        yield db


def poster(path: str, origin: str = "") -> PosterState:
    state = make_state(PosterState, path, origin=origin)
    state.load()
    return state


def test_the_poster_of_a_known_school_has_its_name_a_qr_code_and_its_adults(db):
    db.add_contact("0590001A", "cpe", name="M. Lefebvre", where="Bureau de la vie scolaire", when="Tous les jours")
    db.add_contact("0590001A", "infirmier", hidden=True)
    state = poster("/etablissement/0590001A/affiche", origin="https://parlons-en.example.fr")
    assert state.found and state.loaded
    assert state.school_name == "Lycée Jean Bart"
    assert state.school_url == "https://parlons-en.example.fr/etablissement/0590001A"
    assert state.qr_svg.startswith("<svg") and "<script" not in state.qr_svg
    assert [(a.role, a.name, a.where) for a in state.adults] == [
        ("CPE (conseiller·ère principal·e d'éducation)", "M. Lefebvre", "Bureau de la vie scolaire")
    ]


def test_a_lowercase_uai_finds_the_school(db):
    assert poster("/etablissement/0620001c/affiche").school_name == "Lycée Robespierre"


def test_the_public_url_comes_from_the_environment_first(db, monkeypatch):
    monkeypatch.setenv("PARLONSEN_PUBLIC_URL", "https://parlons-en.fr/")
    state = poster("/etablissement/0590002B/affiche", origin="https://other.example")
    assert state.school_url == "https://parlons-en.fr/etablissement/0590002B"


def test_a_strange_origin_header_is_not_printed_on_the_poster(db):
    state = poster("/etablissement/0590002B/affiche", origin='https://evil example"onload=x')
    assert state.school_url == "http://localhost:3000/etablissement/0590002B"


@pytest.mark.parametrize("uai", ["9999999Z", "not-a-uai", "0590001A' OR '1'='1", ""])
def test_an_unknown_uai_shows_the_kind_message(db, uai):
    state = poster(f"/etablissement/{uai}/affiche")
    assert state.loaded and not state.found
    assert (state.school_name, state.qr_svg, state.adults) == ("", "", [])
