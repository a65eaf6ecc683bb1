"""Local administration: authorisation for every role, validation in French, no lost edits, audit."""

import json

import pytest
from sqlmodel import Session, func, select

from parlonsen import audit
from parlonsen.kernel import Conflict, Forbidden, InvalidInput
from parlonsen.models import AuditEntry, Etablissement, Resource, SchoolContact
from parlonsen.services import admin
from parlonsen.services.directory import crip_reachable, departement_crip, school_context, school_page

CPE = {"role": "cpe", "name": "Mme Martin", "where": "Vie scolaire", "when": "8h–17h", "how": "Passe au bureau"}


def db_state(session: Session) -> tuple:
    """Everything an admin action may change, to prove a refused action changed nothing."""
    session.expire_all()
    contacts = session.exec(select(SchoolContact).order_by(SchoolContact.id)).all()
    resources = session.exec(select(Resource).order_by(Resource.id)).all()
    schools = session.exec(select(Etablissement).order_by(Etablissement.uai)).all()
    audit = session.exec(select(func.count()).select_from(AuditEntry)).one()
    return (
        [c.model_dump() for c in contacts],
        [r.model_dump() for r in resources],
        [s.welcome for s in schools],
        audit,
    )


def nord_crip(session: Session) -> Resource:
    return session.exec(select(Resource).where(Resource.departement_code == "59", Resource.kind == "crip")).one()


def contact_in(session: Session, actor, uai: str) -> SchoolContact:
    return admin.add_contact(session, actor, uai, CPE)


# --- The authorisation matrix: role × action × own / other ---------------------------------------------
SCHOOL_ACTIONS = ("add_contact", "update_contact", "hide_contact", "move_contact", "set_welcome")
ALLOWED_SCHOOLS = {
    "national": {"0590001A", "0590002B", "0620001C"},
    "departement-59": {"0590001A", "0590002B"},
    "departement-62": {"0620001C"},
    "etablissement-0590001A": {"0590001A"},
    "etablissement-0590002B": {"0590002B"},
}


def run_school_action(session: Session, actor, action: str, uai: str, contact_id: int) -> None:
    if action == "add_contact":
        admin.add_contact(session, actor, uai, CPE)
    elif action == "update_contact":
        admin.update_contact(session, actor, contact_id, {**CPE, "name": "M. Autre"}, 1)
    elif action == "hide_contact":
        admin.set_contact_hidden(session, actor, contact_id, True)
    elif action == "move_contact":
        admin.move_contact(session, actor, contact_id, 1)
    else:
        admin.set_welcome(session, actor, uai, {"welcome": "Bienvenue"}, 1)


@pytest.mark.parametrize("action", SCHOOL_ACTIONS)
@pytest.mark.parametrize("actor_key", list(ALLOWED_SCHOOLS))
@pytest.mark.parametrize("uai", ["0590001A", "0590002B", "0620001C"])
def test_school_actions_are_allowed_exactly_on_the_schools_of_the_actor(session, actors, action, actor_key, uai):
    national = actors["national"]
    first = contact_in(session, national, uai)
    contact_in(session, national, uai)
    actor = actors[actor_key]
    if uai in ALLOWED_SCHOOLS[actor_key]:
        run_school_action(session, actor, action, uai, first.id)
        assert session.exec(select(AuditEntry).where(AuditEntry.actor_email == actor.email)).first()
    else:
        before = db_state(session)
        with pytest.raises(Forbidden, match="Action non autorisée"):
            run_school_action(session, actor, action, uai, first.id)
        assert db_state(session) == before


RESOURCE_ALLOWED = {"national": {"59", "62"}, "departement-59": {"59"}, "departement-62": {"62"}}


@pytest.mark.parametrize("action", ["add_resource", "update_resource", "hide_resource"])
@pytest.mark.parametrize("actor_key", list(ALLOWED_SCHOOLS))
@pytest.mark.parametrize("code", ["59", "62"])
def test_resource_actions_are_allowed_only_to_national_and_own_departement(session, actors, action, actor_key, code):
    actor = actors[actor_key]
    resource = session.exec(select(Resource).where(Resource.departement_code == code)).first()
    data = {"kind": "mda", "name": "Point écoute jeunes", "url": "https://example.fr/"}

    def run():
        if action == "add_resource":
            admin.add_resource(session, actor, code, data)
        elif action == "update_resource":
            admin.update_resource(session, actor, resource.id, {**data, "kind": resource.kind}, resource.version)
        else:
            admin.set_resource_hidden(session, actor, resource.id, True)

    if code in RESOURCE_ALLOWED.get(actor_key, set()):
        run()
    else:
        before = db_state(session)
        with pytest.raises(Forbidden):
            run()
        assert db_state(session) == before


@pytest.mark.parametrize(("actor_key", "sees"), [("national", 3), ("departement-59", 2), ("etablissement-0590002B", 1)])
def test_each_admin_lists_only_the_schools_they_manage(session, actors, actor_key, sees):
    assert admin.manageable_etablissements(session, actors[actor_key]).total == sees


def test_the_school_list_is_searchable_and_paginated(session, actors):
    page = admin.manageable_etablissements(session, actors["national"], "lycee", page=1)
    assert {e.uai for e in page.items} == {"0590001A", "0620001C"}
    assert admin.manageable_etablissements(session, actors["national"], "0620001c").total == 1
    assert admin.manageable_etablissements(session, actors["national"], "", page=99).page == 1


def test_audit_log_is_for_national_and_departement_admins_only(session, actors):
    admin.add_contact(session, actors["national"], "0590001A", CPE)
    admin.add_contact(session, actors["national"], "0620001C", CPE)
    assert audit.journal(session, actors["national"]).total == 2
    nord = audit.journal(session, actors["departement-59"])
    assert [e.target for e in nord.items] == ["Lycée Jean Bart (0590001A)"]
    with pytest.raises(Forbidden):
        audit.journal(session, actors["etablissement-0590001A"])


# --- Validation --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Téléphone : numéro invalide"),
        ("phone", "06 12 34 56 7", "Téléphone : numéro invalide"),
        ("email", "pas-une-adresse", "E-mail : adresse e-mail invalide"),
        ("email", "x@y.fr<script>", "E-mail : adresse e-mail invalide"),
        ("role", "directeur_secret", "Rôle : valeur non proposée"),
        ("name", "x" * 121, "Nom : trop long (120 caractères au plus)"),
        ("where", "ligne\x00cachée", "Où le trouver : caractères de contrôle interdits"),
        ("hacker", "1", "hacker : champ inconnu"),
    ],
)
def test_bad_contact_input_gets_a_french_message_and_changes_nothing(session, actors, field, value, message):
    before = db_state(session)
    with pytest.raises(InvalidInput) as error:
        admin.add_contact(session, actors["national"], "0590001A", {**CPE, field: value})
    assert message in str(error.value)
    assert db_state(session) == before


@pytest.mark.parametrize("phone", ["0320000000", "03 20 00 00 00", "03.20.00.00.00", "119", "3018", "114", "116006"])
def test_french_numbers_and_short_numbers_are_accepted_and_normalised(session, actors, phone):
    contact = admin.add_contact(session, actors["national"], "0590001A", {**CPE, "phone": phone})
    assert contact.phone == phone.replace(" ", "").replace(".", "")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://example.fr", "https://exa mple.fr", "data:text/html,x"])
def test_resource_urls_must_be_https(session, actors, url):
    with pytest.raises(InvalidInput, match="Site web : adresse web invalide"):
        admin.add_resource(session, actors["national"], "59", {"kind": "mda", "name": "MDA", "url": url})


def test_markup_is_kept_as_plain_text_never_interpreted(session, actors):
    attack = '<img src=x onerror="alert(1)">'
    contact = admin.add_contact(session, actors["national"], "0590001A", {**CPE, "name": attack})
    assert contact.name == attack  # stored as typed; every page renders admin text as text (see e2e)


def test_a_forged_payload_that_is_not_a_form_is_refused(session, actors):
    before = db_state(session)
    for payload in (None, "role=cpe", ["cpe"], 42):
        with pytest.raises(InvalidInput, match="Formulaire invalide"):
            admin.add_contact(session, actors["national"], "0590001A", payload)
    with pytest.raises(Forbidden):
        admin.update_contact(session, actors["national"], "1 OR 1=1", CPE, 1)
    assert db_state(session) == before


# --- No lost edits -----------------------------------------------------------------------------------
def test_the_second_of_two_concurrent_saves_is_refused_naming_the_first_editor(session, engine, actors):
    contact = contact_in(session, actors["national"], "0590001A")
    version = contact.version
    with Session(engine) as first, Session(engine) as second:
        admin.update_contact(first, actors["departement-59"], contact.id, {**CPE, "name": "Mme Durand"}, version)
        with pytest.raises(Conflict, match=r"modifié entre-temps par nord@example\.fr"):
            admin.update_contact(
                second, actors["etablissement-0590001A"], contact.id, {**CPE, "name": "M. Petit"}, version
            )
    session.expire_all()
    saved = session.get(SchoolContact, contact.id)
    assert (saved.name, saved.version) == ("Mme Durand", version + 1)


def test_a_save_without_a_version_is_refused(session, actors):
    contact = contact_in(session, actors["national"], "0590001A")
    with pytest.raises(InvalidInput, match="Version du formulaire"):
        admin.update_contact(session, actors["national"], contact.id, CPE, "1")


def test_the_welcome_message_is_versioned_too(session, actors):
    admin.set_welcome(session, actors["etablissement-0590001A"], "0590001A", {"welcome": "Bonjour !"}, 1)
    with pytest.raises(Conflict):
        admin.set_welcome(session, actors["departement-59"], "0590001A", {"welcome": "Salut"}, 1)
    assert session.get(Etablissement, "0590001A").welcome == "Bonjour !"


# --- Audit, order, visibility, inheritance ----------------------------------------------------------
def test_every_change_is_audited_with_who_when_and_before_after(session, actors):
    contact = contact_in(session, actors["etablissement-0590001A"], "0590001A")
    admin.update_contact(session, actors["departement-59"], contact.id, {**CPE, "name": "Mme Durand"}, 1)
    entry = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.actor_email, entry.action, entry.uai) == ("nord@example.fr", "contact.edit", "0590001A")
    assert json.loads(entry.before) == {"name": "Mme Martin"}
    assert json.loads(entry.after) == {"name": "Mme Durand"}
    assert entry.at is not None


def test_contacts_can_be_reordered_and_hidden_and_the_public_page_follows(session, actors):
    actor = actors["etablissement-0590001A"]
    first = admin.add_contact(session, actor, "0590001A", CPE)
    second = admin.add_contact(session, actor, "0590001A", {"role": "infirmier", "where": "Infirmerie"})
    admin.move_contact(session, actor, second.id, -1)
    assert [c.role for c in school_page(session, "0590001A").contacts] == ["infirmier", "cpe"]
    admin.set_contact_hidden(session, actor, first.id, True)
    assert [c.role for c in school_page(session, "0590001A").contacts] == ["infirmier"]


def test_a_school_orientation_shows_its_adults_and_its_departement_crip(session, actors):
    admin.add_contact(session, actors["etablissement-0590001A"], "0590001A", CPE)
    context = school_context(session, "0590001A")
    assert [(a.role.split(" ")[0], a.name) for a in context.adults] == [("CPE", "Mme Martin")]
    assert context.crip.name.startswith("CRIP du Nord")
    assert context.crip.contacts[0].value.startswith("https://services.lenord.fr")


def test_a_crip_without_its_contacts_says_what_to_do_instead_until_its_admin_fills_it(session, actors):
    context = school_context(session, "0620001C")
    for voice, words in (("eleve", "119"), ("parent", "direction")):
        note = context.crip.in_voice(voice).status_note
        assert words in note and "compléter" not in note
    assert context.crip.contacts == []  # never another département's pages
    crip = session.exec(select(Resource).where(Resource.departement_code == "62", Resource.kind == "crip")).one()
    admin.update_resource(
        session, actors["departement-62"], crip.id, {"kind": "crip", "name": "CRIP 62", "phone": "0321000000"}, 1
    )
    context = school_context(session, "0620001C")
    assert context.crip.status_note == ""
    assert context.crip.contacts[0].href == "tel:0321000000"


def test_the_orientation_and_the_decision_helper_apply_one_crip_rule(session, actors):
    """A CRIP is shown as reachable only with a phone, an e-mail or an https page: the same answer in both places."""
    crip = session.exec(select(Resource).where(Resource.departement_code == "62", Resource.kind == "crip")).one()
    for fields, reachable in [
        ({"description": "Sans coordonnées"}, False),
        ({"email": "crip@pasdecalais.fr"}, True),
    ]:
        version = session.get(Resource, crip.id).version
        admin.update_resource(
            session, actors["departement-62"], crip.id, {"kind": "crip", "name": "CRIP 62", **fields}, version
        )
        session.expire_all()
        resource = session.get(Resource, crip.id)
        assert crip_reachable(resource) is reachable
        assert departement_crip(session, "62").known is reachable
        assert (school_context(session, "0620001C").crip.status_note == "") is reachable


def test_the_school_admin_sets_the_ent_group_and_others_cannot(session, actors):
    admin.set_ent_group(session, actors["etablissement-0590001A"], "0590001A", {"ent_group_id": "9a1c-42"}, 1)
    assert session.get(Etablissement, "0590001A").ent_group_id == "9a1c-42"
    before = db_state(session)
    with pytest.raises(Forbidden):
        admin.set_ent_group(session, actors["etablissement-0590002B"], "0590001A", {"ent_group_id": "x"}, 2)
    with pytest.raises(InvalidInput, match="Identifiant du groupe ENT : format invalide"):
        admin.set_ent_group(session, actors["national"], "0590001A", {"ent_group_id": "<script>"}, 2)
    assert db_state(session) == before
