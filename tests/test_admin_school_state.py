"""The school editor's state handlers: the authorisation matrix as a browser (or a forger) would hit it."""

import pytest
from sqlmodel import select

from parlonsen.models import Etablissement, SchoolContact
from parlonsen.state.admin_auth import LOGIN_REQUIRED
from parlonsen.state.admin_school import BAD_FORM, AdminSchoolState
from tests.state_helpers import make_state, reflex_database

SCHOOLS = ("0590001A", "0590002B", "0620001C")
ADMINS = {
    "national": ("nationale@example.fr", "national", None, None),
    "departement-59": ("nord@example.fr", "departement", "59", None),
    "departement-62": ("pdc@example.fr", "departement", "62", None),
    "etablissement-0590001A": ("jeanbart@example.fr", "etablissement", None, "0590001A"),
    "anonymous": None,
    "forged-token": "forged",
}
ALLOWED = {
    "national": set(SCHOOLS),
    "departement-59": {"0590001A", "0590002B"},
    "departement-62": {"0620001C"},
    "etablissement-0590001A": {"0590001A"},
}
CPE = {"role": "cpe", "name": "Mme Martin", "where": "Vie scolaire", "when": "", "how": "", "phone": "", "email": ""}


@pytest.fixture
def db(tmp_path):
    with reflex_database(tmp_path) as db:
        yield db


def token_for(db, who: str) -> str:
    admin = ADMINS[who]
    if admin is None:
        return ""
    if admin == "forged":
        return "pas-un-vrai-jeton"
    email, role, departement, uai = admin
    return db.admin(email, role, departement=departement, uai=uai)


def snapshot(db) -> tuple:
    with db.session() as session:
        contacts = [c.model_dump() for c in session.exec(select(SchoolContact).order_by(SchoolContact.id))]
        welcomes = [
            (s.uai, s.welcome, s.version) for s in session.exec(select(Etablissement).order_by(Etablissement.uai))
        ]
    return contacts, welcomes, len(db.audit())


def editor(db, who: str, uai: str) -> AdminSchoolState:
    state = make_state(AdminSchoolState, f"/admin/etablissement/{uai}", token=token_for(db, who))
    state.load()
    return state


ACTIONS = {
    "add_contact": lambda s, contact: s.add_contact(CPE),
    "save_contact": lambda s, contact: s.save_contact(
        {**CPE, "name": "M. Durand", "contact_id": str(contact.id), "version": "1"}
    ),
    "move_contact": lambda s, contact: s.move_contact(str(contact.id), 1),
    "save_welcome": lambda s, contact: s.save_welcome({"welcome": "Bienvenue !", "version": "1"}),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("who", list(ADMINS))
@pytest.mark.parametrize("uai", SCHOOLS)
def test_every_role_may_act_exactly_on_its_own_schools(db, who, uai, action):
    contact = db.add_contact(uai, "cpe", name="Mme Martin")
    db.add_contact(uai, "infirmier", position=1)
    state = editor(db, who, uai)
    before = snapshot(db)
    ACTIONS[action](state, contact)
    if uai in ALLOWED.get(who, set()):
        assert state.error == "", state.error
        assert snapshot(db) != before
    else:
        assert state.error in ("Action non autorisée.", LOGIN_REQUIRED)
        assert snapshot(db) == before
        assert state.contacts == []


@pytest.mark.parametrize("who", list(ADMINS))
def test_loading_another_schools_editor_shows_no_data(db, who):
    db.add_contact("0620001C", "cpe", name="Mme Secret")
    state = editor(db, who, "0620001C")
    if "0620001C" in ALLOWED.get(who, set()):
        assert state.allowed and state.contacts[0].name == "Mme Secret"
    else:
        assert not state.allowed
        assert "Mme Secret" not in str(state.dict())


def test_a_forged_event_on_another_schools_contact_is_refused_from_an_allowed_page(db):
    others = db.add_contact("0590002B", "cpe", name="Mme Martin")
    state = editor(db, "etablissement-0590001A", "0590001A")
    assert state.allowed
    before = snapshot(db)
    state.save_contact({**CPE, "name": "Piraté", "contact_id": str(others.id), "version": "1"})
    assert state.error == "Action non autorisée."
    assert snapshot(db) == before


@pytest.mark.parametrize(
    "payload",
    [None, "role=cpe", {"contact_id": "1 OR 1=1", "version": "1", **CPE}, {"contact_id": "1", "version": "x", **CPE}],
)
def test_forged_payloads_get_a_french_error_and_change_nothing(db, payload):
    db.add_contact("0590001A", "cpe", name="Mme Martin")
    state = editor(db, "national", "0590001A")
    before = snapshot(db)
    state.save_contact(payload)
    assert state.error in (BAD_FORM, "Version du formulaire manquante : rechargez la page.")
    assert snapshot(db) == before


def test_invalid_input_is_explained_in_french_and_nothing_is_saved(db):
    state = editor(db, "etablissement-0590001A", "0590001A")
    before = snapshot(db)
    state.add_contact({**CPE, "phone": "123", "email": "nope"})
    assert "Téléphone : numéro invalide" in state.error
    assert "E-mail : adresse e-mail invalide" in state.error
    assert snapshot(db) == before


def test_a_stale_form_is_refused_naming_who_saved_first(db):
    contact = db.add_contact("0590001A", "cpe", name="Mme Martin")
    first = editor(db, "departement-59", "0590001A")
    second = editor(db, "etablissement-0590001A", "0590001A")
    first.save_contact({**CPE, "name": "Mme Durand", "contact_id": str(contact.id), "version": "1"})
    assert first.message == "Modification enregistrée."
    second.save_contact({**CPE, "name": "M. Petit", "contact_id": str(contact.id), "version": "1"})
    assert "modifié entre-temps par nord@example.fr" in second.error
    assert [c.name for c in second.contacts] == ["Mme Durand"]


def test_the_preview_follows_the_draft_welcome_and_hides_hidden_adults(db):
    db.add_contact("0590001A", "cpe", name="Visible")
    db.add_contact("0590001A", "infirmier", name="Cachée", hidden=True)
    state = editor(db, "etablissement-0590001A", "0590001A")
    state.set_welcome_draft("Bonjour à tous")
    assert state.welcome_draft == "Bonjour à tous"
    assert [a.name for a in state.preview_adults] == ["Visible"]
