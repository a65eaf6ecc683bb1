"""The database as `make run` sets it up: committed migrations, then an idempotent seed."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, SQLModel, create_engine, select

from parlonsen.models import Departement
from parlonsen.services.reference import geography, install_departements

ROOT = Path(__file__).resolve().parents[1]
REFLEX = Path(sys.executable).with_name("reflex")


def test_installing_the_reference_twice_creates_every_departement_once():
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        assert install_departements(session) == 101
    with Session(engine) as session:
        assert install_departements(session) == 0
        names = sorted(d.name for d in session.exec(select(Departement)))
    assert names == sorted(d.name for d in geography().departements)
    assert {"Nord", "Pas-de-Calais", "Aisne", "Oise", "Somme", "Corse-du-Sud", "Mayotte"} <= set(names)


def test_committed_migrations_build_the_schema_and_the_seed_runs_on_it(tmp_path: Path):
    database = tmp_path / "parlonsen.db"
    env = {**os.environ, "REFLEX_DB_URL": f"sqlite:///{database}", "REFLEX_TELEMETRY_ENABLED": "false"}
    seed = [sys.executable, "-m", "parlonsen.cli", "seed"]
    for command in ([str(REFLEX), "db", "migrate"], seed, seed):  # seeding twice adds nothing
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type='table'")}
        counts = {
            table: connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("departement", "etablissement", "resource", "schoolcontact", "adminuser")
        }
    assert {"alembic_version", "departement", "etablissement", "auditentry", "adminsession"} <= tables
    assert counts == {"departement": 101, "etablissement": 37, "resource": 11, "schoolcontact": 8, "adminuser": 0}


def run_cli(database: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "REFLEX_DB_URL": f"sqlite:///{database}", "REFLEX_TELEMETRY_ENABLED": "false"}
    command = [sys.executable, "-m", "parlonsen.cli", *args]
    return subprocess.run(command, cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120)


def test_the_cli_imports_the_annuaire_file_and_creates_admins_from_stdin(tmp_path: Path):
    database = tmp_path / "cli.db"
    env = {**os.environ, "REFLEX_DB_URL": f"sqlite:///{database}", "REFLEX_TELEMETRY_ENABLED": "false"}
    subprocess.run([str(REFLEX), "db", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    run_cli(database, "seed")

    imported = run_cli(database, "import-etablissements", "parlonsen/demo/annuaire_etablissements_hdf.csv")
    assert imported.returncode == 0, imported.stderr
    assert "Créés : 0" in imported.stdout and "Inchangés : 37" in imported.stdout
    assert "ligne 42 :" in imported.stdout  # the rows the file must refuse are listed with their line

    bad = tmp_path / "pas-un-annuaire.csv"
    bad.write_text("nom,ville\nLycée,Lille\n", encoding="utf-8")
    refused = run_cli(database, "import-etablissements", str(bad))
    assert refused.returncode == 1
    assert "Fichier refusé" in refused.stdout

    created = run_cli(
        database, "create-admin", "--email", "Chef@Example.fr", "--role", "national", stdin="un mot de passe solide\n"
    )
    assert created.returncode == 0, created.stderr
    assert "chef@example.fr" in created.stdout
    short = run_cli(database, "create-admin", "--email", "b@example.fr", "--role", "national", stdin="court\n")
    assert short.returncode == 1
    assert "Compte non créé" in short.stderr
    with sqlite3.connect(database) as connection:
        hashes = [row[0] for row in connection.execute("select password_hash from adminuser")]
    assert len(hashes) == 1 and hashes[0].startswith("$argon2id$")


def test_the_cli_purges_conversations_closed_longer_ago_than_the_retention_delay(tmp_path: Path):
    from datetime import UTC, datetime, timedelta

    from parlonsen.kernel import Actor
    from parlonsen.models import Conversation
    from parlonsen.services import messages

    database = tmp_path / "purge.db"
    env = {**os.environ, "REFLEX_DB_URL": f"sqlite:///{database}", "REFLEX_TELEMETRY_ENABLED": "false"}
    subprocess.run([str(REFLEX), "db", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    run_cli(database, "seed")
    cpe = Actor(1, "cpe@example.fr", "referent", "62", "0620006V")
    engine = create_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        for days_ago in (120, 30):
            messages.send_message(session, "0620006V", {"body": "bonjour"})
            conversation_id = session.exec(select(Conversation.id).order_by(Conversation.id.desc())).first()
            messages.close(session, cpe, conversation_id, now=datetime.now(UTC) - timedelta(days=days_ago))
    purged = run_cli(database, "purge-messages")
    assert purged.returncode == 0, purged.stderr
    assert purged.stdout.startswith("1 conversation(s)")
    rotated = run_cli(database, "rotate-message-keys")
    assert rotated.returncode == 0 and rotated.stdout.startswith("1 valeur(s)")
    with Session(engine) as session:
        assert len(session.exec(select(Conversation)).all()) == 1


def test_a_new_production_database_is_set_up_by_migrate_then_init_and_imports_the_annuaire(tmp_path: Path):
    """No demo data: `reflex db migrate`, `init` (the départements and régions, shipped as data), then the import."""
    database = tmp_path / "production.db"
    env = {**os.environ, "REFLEX_DB_URL": f"sqlite:///{database}", "REFLEX_TELEMETRY_ENABLED": "false"}
    subprocess.run([str(REFLEX), "db", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    refused = run_cli(database, "import-etablissements", "parlonsen/demo/annuaire_etablissements_hdf.csv")
    assert "département inconnu" in refused.stdout  # before init: the very failure of a fresh production base
    assert run_cli(database, "init").returncode == 0
    assert run_cli(database, "init").returncode == 0  # idempotent
    imported = run_cli(database, "import-etablissements", "parlonsen/demo/annuaire_etablissements_hdf.csv")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Créés : 37" in imported.stdout
    with sqlite3.connect(database) as connection:
        tables = ("schoolcontact", "adminuser")
        counts = {t: connection.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    assert counts == {"schoolcontact": 0, "adminuser": 0}  # nothing of the demo (its trusted adults)
