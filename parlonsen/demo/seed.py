"""Seed the demo database: the reference data, the sample établissements, a few trusted adults. Idempotent."""

from pathlib import Path

from sqlmodel import Session, col, select

from parlonsen.models import Etablissement, SchoolContact
from parlonsen.services.transaction import transaction

SAMPLE_ETABLISSEMENTS = Path(__file__).parent / "annuaire_etablissements_hdf.csv"
DEMO_SCHOOLS = ("0593233U", "0620006V")  # Collège Albert Debeyre (Loos), Lycée Robespierre (Arras)
DEMO_CONTACTS = (
    (
        "cpe",
        "Bureau de la vie scolaire",
        "Du lundi au vendredi, pendant les cours",
        "Passe au bureau ou écris par l'ENT",
    ),
    ("infirmier", "Infirmerie", "Tous les jours de classe", "Va à l'infirmerie, même sans rendez-vous"),
    ("assistant_social", "Bureau près de l'infirmerie", "Sur rendez-vous", "Demande un rendez-vous à la vie scolaire"),
    ("referent_harcelement", "Équipe pHARe", "Pendant les cours", "Parle à n'importe quel membre de l'équipe"),
)


def seed_demo_contacts(session: Session, uais: tuple[str, ...] = DEMO_SCHOOLS) -> int:
    """Give a few demo schools a trusted-adult group (roles only, no invented names)."""
    added = 0
    with transaction(session):
        schools = session.exec(select(Etablissement).where(col(Etablissement.uai).in_(uais))).all()
        for school in schools:
            if session.exec(select(SchoolContact).where(SchoolContact.uai == school.uai)).first():
                continue
            for position, (role, where, when, how) in enumerate(DEMO_CONTACTS):
                session.add(
                    SchoolContact(uai=school.uai, role=role, where=where, when=when, how=how, position=position)
                )
                added += 1
    return added
