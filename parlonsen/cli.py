"""Command line: `python -m parlonsen.cli COMMAND`; `--help` lists them.

check-content, init (reference data on a new database), seed (the demo database), import-etablissements FILE,
create-admin, invite EMAIL, purge-messages, rotate-message-keys.
"""

import argparse
import getpass
import sys
from pathlib import Path

from parlonsen.catalog import ContentError, load_catalog
from parlonsen.roles import ADMIN_ROLES


def check_content(args: argparse.Namespace) -> int:
    from parlonsen.orientation import check_rules
    from parlonsen.toolkit import load_toolkit

    try:
        cat = load_catalog()
        check_rules(cat)
        load_toolkit()
    except ContentError as exc:
        print(f"Contenu invalide :\n{exc}", file=sys.stderr)
        return 1
    print(
        f"Contenu valide : {len(cat.channels)} aides, {len(cat.violences)} formes de violence, "
        f"{len(cat.journeys)} parcours."
    )
    return 0


def _session():
    from reflex.model import get_engine
    from sqlmodel import Session

    return Session(get_engine())


def init(args: argparse.Namespace) -> int:
    """A new database's reference data: every département, the first departmental resources. Idempotent."""
    from parlonsen.services.reference import install_reference

    with _session() as session:
        departements, resources = install_reference(session)
    print(f"Données de référence installées : {departements} département(s), {resources} ressource(s) ajoutés.")
    return 0


def seed(args: argparse.Namespace) -> int:
    """Demo database: the reference data, the sample établissements, a few trusted adults."""
    from parlonsen.demo.seed import SAMPLE_ETABLISSEMENTS, seed_demo_contacts
    from parlonsen.services.import_etablissements import import_etablissements
    from parlonsen.services.reference import install_reference

    with _session() as session:
        departements, resources = install_reference(session)
    with _session() as session:
        report = import_etablissements(session, SAMPLE_ETABLISSEMENTS)
    with _session() as session:
        contacts = seed_demo_contacts(session)
    print(
        f"Base de démonstration prête : {departements} département(s), {report.created} établissement(s), "
        f"{resources} ressource(s) et {contacts} adulte(s) de confiance ajoutés."
    )
    return 0


def import_etablissements_command(args: argparse.Namespace) -> int:
    from parlonsen.services.import_etablissements import import_etablissements

    path = Path(args.file)
    if not path.is_file():
        print(f"Fichier introuvable : {path}", file=sys.stderr)
        return 1
    try:
        with _session() as session:
            report = import_etablissements(session, path, region=args.region)
    except Exception as exc:  # the database refused the write: nothing was imported
        print(f"Import annulé, rien n'a été enregistré : erreur de base de données ({exc.__class__.__name__}).")
        return 1
    print(report.format())
    return 1 if report.error else 0


def create_admin(args: argparse.Namespace) -> int:
    """Create an admin; the password comes from a prompt (or stdin when piped), never from an argument."""
    from parlonsen.services.accounts import AccountError, create_account

    if sys.stdin.isatty():
        password = getpass.getpass("Mot de passe (12 caractères au moins) : ")
        if getpass.getpass("Confirmez le mot de passe : ") != password:
            print("Les deux mots de passe diffèrent.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        with _session() as session:
            user = create_account(session, args.email, password, args.role, args.departement, args.uai)
    except AccountError as error:
        print(f"Compte non créé : {error}", file=sys.stderr)
        return 1
    print(f"Compte créé : {user.email} ({user.role}).")
    return 0


def invite(args: argparse.Namespace) -> int:
    """Print a new invitation link for an account whose holder has not chosen a password yet, for the operator to
    hand over when the server cannot e-mail it. The account's earlier links stop working."""
    from sqlmodel import select

    from parlonsen import routes
    from parlonsen.models import AdminUser
    from parlonsen.services.accounts import INVITATION_TTL, AccountError, normalise_email
    from parlonsen.services.accounts import invite as new_invitation

    email = normalise_email(args.email)
    try:
        with _session() as session:
            user = session.exec(select(AdminUser).where(AdminUser.email == email)).first()
            if user is None or user.id is None:
                raise AccountError(f"Aucun compte pour « {email} ».")
            token = new_invitation(session, user.id)
    except AccountError as error:
        print(f"Pas d'invitation. {error}", file=sys.stderr)
        return 1
    print(routes.public_base_url(None) + routes.admin_invitation(token))
    print(
        f"Lien à usage unique pour {email}, valable {INVITATION_TTL.total_seconds() / 3600:.0f} heures ; les liens "
        "précédents de ce compte ne marchent plus. Transmettez-le à cette personne seulement.",
        file=sys.stderr,
    )
    return 0


def purge_messages(args: argparse.Namespace) -> int:
    """Delete conversations closed more than --days days ago (default 90), with their messages."""
    from datetime import timedelta

    from parlonsen.services.messages import purge_closed

    if args.days < 0:
        print("--days doit être positif.", file=sys.stderr)
        return 1
    with _session() as session:
        purged = purge_closed(session, timedelta(days=args.days))
    print(f"{purged} conversation(s) fermée(s) depuis plus de {args.days} jours supprimée(s).")
    return 0


def rotate_message_keys(args: argparse.Namespace) -> int:
    """Re-encrypt every message with the newest key (see README: key rotation)."""
    from parlonsen.services.messages import rotate_keys

    with _session() as session:
        rewritten = rotate_keys(session)
    print(f"{rewritten} valeur(s) rechiffrée(s) avec la clé la plus récente.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parlonsen.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check-content", help="valider les fichiers de contenu").set_defaults(run=check_content)
    commands.add_parser("init", help="installer les données de référence (départements…)").set_defaults(run=init)
    commands.add_parser("seed", help="remplir la base de démonstration").set_defaults(run=seed)
    importing = commands.add_parser("import-etablissements", help="importer l'export CSV de l'Annuaire de l'éducation")
    importing.add_argument("file")
    importing.add_argument("--region", default="32", help="code région à garder (32 : Hauts-de-France)")
    importing.set_defaults(run=import_etablissements_command)
    admin = commands.add_parser("create-admin", help="créer un compte administrateur (mot de passe demandé)")
    admin.add_argument("--email", required=True)
    admin.add_argument("--role", required=True, choices=[str(role) for role in ADMIN_ROLES])
    admin.add_argument("--departement", default=None, help="code du département (rôle departement)")
    admin.add_argument("--uai", default=None, help="UAI de l'établissement (rôle etablissement)")
    admin.set_defaults(run=create_admin)
    inviting = commands.add_parser(
        "invite", help="afficher un lien d'invitation pour un compte qui n'a pas encore choisi son mot de passe"
    )
    inviting.add_argument("email")
    inviting.set_defaults(run=invite)
    purge = commands.add_parser("purge-messages", help="supprimer les conversations fermées anciennes")
    purge.add_argument("--days", type=int, default=90, help="délai de conservation après fermeture (90 jours)")
    purge.set_defaults(run=purge_messages)
    rotate = commands.add_parser("rotate-message-keys", help="rechiffrer les messages avec la clé la plus récente")
    rotate.set_defaults(run=rotate_message_keys)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
