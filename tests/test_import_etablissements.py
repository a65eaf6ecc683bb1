"""Importing établissements from the Annuaire de l'éducation CSV export.

The demo sample parlonsen/demo/annuaire_etablissements_hdf.csv has the export's 72-column header (line 1) and 45 rows:
- lines 2-38, imported (37): collèges, lycées, five lycées professionnels (lines 13, 14, 15, 22, 38), one EREA
  (line 28), public and private, in Aisne 02, Nord 59, Oise 60, Pas-de-Calais 62 and Somme 80. The Nord rows and
  the lycées of the other départements use real UAIs and names; the collèges, LP and EREA outside Nord are
  illustrative (right shape, unverified UAIs).
- lines 39-41, skipped: two "Ecole" rows (39, 40) and Lycée Turgot, Paris, région 11, département 075 (41).
- lines 42-46, rejected: UAI "059ABC1X" (42), département "099" (43), empty name (44), postcode "5900" (45),
  and UAI 0590119J again (46; Lycée Faidherbe is first on line 9).
"""

import io
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, create_engine, func, select

from parlonsen.demo.seed import SAMPLE_ETABLISSEMENTS
from parlonsen.models import Etablissement
from parlonsen.services.import_etablissements import ImportReport, RowProblem, import_etablissements
from parlonsen.services.reference import install_departements
from parlonsen.text import search_key

SAMPLE = SAMPLE_ETABLISSEMENTS
HEADER = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(";")
LP_UAIS = {"0590111A", "0590133Z", "0593030Y", "0620163R", "0020013D"}


@pytest.fixture
def engine() -> Engine:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        install_departements(session)
    return engine


def run_import(engine: Engine, source: Path | io.StringIO, region: str = "32") -> ImportReport:
    with Session(engine) as session:
        return import_etablissements(session, source, region)


def stored(engine: Engine) -> dict[str, Etablissement]:
    with Session(engine) as session:
        return {etablissement.uai: etablissement for etablissement in session.exec(select(Etablissement))}


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Etablissement)).one()


def csv_line(**values: str) -> str:
    """One export line: a public Lille lycée unless overridden; columns not named stay empty."""
    line = {
        "Identifiant_de_l_etablissement": "0590119J",
        "Nom_etablissement": "Lycée Faidherbe",
        "Type_etablissement": "Lycée",
        "Statut_public_prive": "Public",
        "Code_postal": "59000",
        "Nom_commune": "Lille",
        "Code_departement": "059",
        "Code_academie": "09",
        "Code_region": "32",
        "Voie_generale": "1",
        "Voie_technologique": "1",
        "Voie_professionnelle": "0",
    }
    line.update(values)
    return ";".join(line.get(column, "") for column in HEADER)


def export(*lines: str, header: list[str] = HEADER) -> io.StringIO:
    return io.StringIO("\n".join([";".join(header), *lines]) + "\n")


def test_importing_the_sample_creates_every_collège_lycée_and_erea_of_the_region(engine: Engine):
    report = run_import(engine, SAMPLE)

    assert report.error == ""
    assert (report.created, report.updated, report.unchanged) == (37, 0, 0)
    assert count(engine) == 37
    rows = stored(engine)
    debeyre = rows["0593233U"]
    assert (debeyre.name, debeyre.type, debeyre.statut) == ("Collège Professeur Albert Debeyre", "college", "public")
    assert (debeyre.commune, debeyre.code_postal, debeyre.departement_code, debeyre.academie_code) == (
        "Loos",
        "59120",
        "59",
        "09",
    )
    assert debeyre.search_key == search_key("Collège Professeur Albert Debeyre", "Loos", "59120")
    assert {uai for uai, row in rows.items() if row.type == "lp"} == LP_UAIS
    assert rows["0590122M"].type == "lycee"  # polyvalent: générale, technologique and professionnelle
    assert rows["0801704T"].type == "erea"
    assert rows["0593114P"].statut == "prive"
    assert (rows["0020032Z"].commune, rows["0020032Z"].departement_code, rows["0020032Z"].academie_code) == (
        "Laon",
        "02",
        "20",
    )


def test_the_sample_covers_collèges_and_lycées_in_the_five_départements(engine: Engine):
    run_import(engine, SAMPLE)

    kinds_by_departement: dict[str, set[str]] = {}
    for row in stored(engine).values():
        kinds_by_departement.setdefault(row.departement_code, set()).add(row.type)
    assert sorted(kinds_by_departement) == ["02", "59", "60", "62", "80"]
    assert all({"college", "lycee"} <= kinds for kinds in kinds_by_departement.values())
    lille_lycees = [row.name for row in stored(engine).values() if row.type == "lycee" and row.commune == "Lille"]
    assert "Lycée Faidherbe" in lille_lycees
    assert {"Arras", "Amiens", "Beauvais", "Laon"} <= {
        row.commune for row in stored(engine).values() if row.type == "lycee"
    }


def test_out_of_scope_rows_are_skipped_with_their_line_and_reason(engine: Engine):
    report = run_import(engine, SAMPLE)

    assert [problem.line for problem in report.skipped] == [39, 40, 41]
    assert "« Ecole » hors champ" in report.skipped[0].reason
    assert "« Ecole » hors champ" in report.skipped[1].reason
    assert "région « 11 » hors champ" in report.skipped[2].reason
    assert "0750647W" not in stored(engine)


def test_invalid_rows_are_rejected_with_their_line_and_a_french_reason(engine: Engine):
    report = run_import(engine, SAMPLE)

    assert report.rejected == [
        RowProblem(42, "UAI invalide « 059ABC1X » (attendu 7 chiffres et une lettre)"),
        RowProblem(43, "département inconnu « 099 »"),
        RowProblem(44, "nom de l'établissement vide"),
        RowProblem(45, "code postal invalide « 5900 » (attendu 5 chiffres)"),
        RowProblem(46, "UAI 0590119J en double (déjà ligne 9)"),
    ]


def test_the_report_reads_as_counts_then_one_line_per_refused_row(engine: Engine):
    text = run_import(engine, SAMPLE).format()

    assert text.splitlines()[:6] == [
        "Créés : 37",
        "Mis à jour : 0",
        "Inchangés : 0",
        "Ignorés : 3",
        "Refusés : 5",
        "ligne 42 : UAI invalide « 059ABC1X » (attendu 7 chiffres et une lettre)",
    ]
    assert text.splitlines()[-1] == "ligne 46 : UAI 0590119J en double (déjà ligne 9)"


def test_reimporting_the_same_file_creates_no_duplicates(engine: Engine):
    run_import(engine, SAMPLE)

    report = run_import(engine, SAMPLE)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 37)
    assert count(engine) == 37
    assert {row.version for row in stored(engine).values()} == {1}


def test_a_changed_row_is_updated_with_a_new_version_and_keeps_its_welcome(engine: Engine):
    run_import(engine, SAMPLE)
    with Session(engine) as session:
        faidherbe = session.get(Etablissement, "0590119J")
        faidherbe.welcome = "Bienvenue au lycée Faidherbe."
        session.commit()
    before = stored(engine)["0590119J"].updated_at

    report = run_import(
        engine,
        export(
            csv_line(**{"Nom_etablissement": "Lycée Faidherbe (cité scolaire)"}),
            csv_line(**{"Identifiant_de_l_etablissement": "0590117G", "Nom_etablissement": "Lycée Louis Pasteur"}),
        ),
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    faidherbe = stored(engine)["0590119J"]
    assert faidherbe.name == "Lycée Faidherbe (cité scolaire)"
    assert faidherbe.search_key == search_key("Lycée Faidherbe (cité scolaire)", "Lille", "59000")
    assert faidherbe.version == 2
    assert faidherbe.updated_at.replace(tzinfo=UTC) > before.replace(tzinfo=UTC)
    assert faidherbe.welcome == "Bienvenue au lycée Faidherbe."
    assert stored(engine)["0590117G"].version == 1


def test_a_mixed_file_imports_the_good_rows_and_lists_the_bad_ones(engine: Engine):
    report = run_import(
        engine,
        export(
            csv_line(**{"Code_departement": "59"}),
            csv_line(**{"Identifiant_de_l_etablissement": "0593233u", "Nom_etablissement": "Collège Debeyre"}),
            csv_line(**{"Identifiant_de_l_etablissement": "0020032Z", "Code_departement": "002", "Nom_commune": ""}),
            csv_line(**{"Identifiant_de_l_etablissement": "0600001A", "Statut_public_prive": "Associatif"}),
            "0620006V;Lycée Robespierre;Lycée;Public",
            csv_line(
                **{
                    "Identifiant_de_l_etablissement": "0800009A",
                    "Nom_etablissement": "Lycée Louis Thuillier",
                    "Code_postal": "80000",
                    "Nom_commune": "Amiens",
                    "Code_departement": "080",
                    "Code_academie": "20",
                }
            ),
        ),
    )

    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert sorted(stored(engine)) == ["0590119J", "0800009A"]
    assert stored(engine)["0590119J"].departement_code == "59"
    assert report.rejected == [
        RowProblem(3, "UAI invalide « 0593233u » (la lettre finale doit être une majuscule)"),
        RowProblem(4, "commune manquante"),
        RowProblem(5, "statut inconnu « Associatif » (attendu Public ou Privé)"),
        RowProblem(6, f"4 colonnes au lieu de {len(HEADER)} (point-virgule en trop ou manquant ?)"),
    ]


def test_a_lycée_with_only_the_professional_track_is_a_lycée_professionnel(engine: Engine):
    run_import(
        engine,
        export(
            csv_line(**{"Voie_generale": "0", "Voie_technologique": "0", "Voie_professionnelle": "1"}),
            csv_line(
                **{"Identifiant_de_l_etablissement": "0590122M", "Voie_technologique": "0", "Voie_professionnelle": "1"}
            ),
        ),
    )

    assert stored(engine)["0590119J"].type == "lp"
    assert stored(engine)["0590122M"].type == "lycee"


def test_a_comma_separated_file_is_refused_and_nothing_is_imported(engine: Engine):
    comma_file = io.StringIO(SAMPLE.read_text(encoding="utf-8").replace(";", ","))

    report = run_import(engine, comma_file)

    assert "séparées par des virgules" in report.error
    assert report.format().startswith("Fichier refusé : les colonnes sont séparées par des virgules")
    assert (report.created, report.skipped, report.rejected) == (0, [], [])
    assert count(engine) == 0


def test_random_text_is_refused_and_nothing_is_imported(engine: Engine):
    report = run_import(engine, io.StringIO("Bonjour ; voici la liste des collèges\nCollège Carnot ; Lille\n"))

    assert report.error.startswith("ce n'est pas un export de l'Annuaire de l'éducation")
    assert count(engine) == 0


def test_a_file_without_a_required_column_is_refused(engine: Engine):
    dropped = HEADER.index("Code_postal")
    lines = [line.split(";") for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    without_postcode = "\n".join(";".join(fields[:dropped] + fields[dropped + 1 :]) for fields in lines)

    report = run_import(engine, io.StringIO(without_postcode))

    assert report.error == "colonnes manquantes : Code_postal."
    assert count(engine) == 0


def test_a_file_that_is_not_utf8_is_refused(engine: Engine, tmp_path: Path):
    latin1 = tmp_path / "annuaire_latin1.csv"
    latin1.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("latin-1", errors="replace"))

    report = run_import(engine, latin1)

    assert report.error.startswith("le fichier n'est pas encodé en UTF-8")
    assert count(engine) == 0


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_file_is_refused(engine: Engine, content: str):
    report = run_import(engine, io.StringIO(content))

    assert report.error == "le fichier est vide."


def test_an_excel_csv_with_a_byte_order_mark_is_read(engine: Engine, tmp_path: Path):
    with_bom = tmp_path / "annuaire_excel.csv"
    with_bom.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("utf-8-sig"))

    assert run_import(engine, with_bom).created == 37


def test_the_export_with_field_names_instead_of_labels_is_accepted(engine: Engine):
    report = run_import(engine, export(csv_line(), header=[column.lower() for column in HEADER]))

    assert (report.error, report.created) == ("", 1)


def test_a_database_failure_during_the_write_leaves_everything_as_it_was(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
):
    run_import(engine, SAMPLE)
    changed = export(
        csv_line(**{"Nom_etablissement": "Lycée Faidherbe (renommé)"}),
        csv_line(**{"Identifiant_de_l_etablissement": "0590999Z", "Nom_etablissement": "Lycée nouveau"}),
    )

    with Session(engine) as session:
        real_flush = session.flush

        def flush_then_fail(*args: object, **kwargs: object) -> None:
            real_flush(*args, **kwargs)  # the rows reach the database, inside the transaction
            raise OperationalError("INSERT INTO etablissement", {}, Exception("disk I/O error"))

        monkeypatch.setattr(session, "flush", flush_then_fail)
        with pytest.raises(OperationalError):
            import_etablissements(session, changed)

    assert count(engine) == 37
    faidherbe = stored(engine)["0590119J"]
    assert (faidherbe.name, faidherbe.version) == ("Lycée Faidherbe", 1)


def test_a_file_of_1500_rows_is_imported_and_reimported(engine: Engine, tmp_path: Path):
    places = [("002", "02000", "Laon"), ("059", "59000", "Lille"), ("060", "60000", "Beauvais")]
    places += [("062", "62000", "Arras"), ("080", "80000", "Amiens")]
    lines = []
    for number in range(1500):
        departement, postcode, commune = places[number % len(places)]
        lines.append(
            csv_line(
                **{
                    "Identifiant_de_l_etablissement": f"{departement}{number:04d}{'ABCDEFGHJK'[number % 10]}",
                    "Nom_etablissement": f"Collège numéro {number}",
                    "Type_etablissement": "Collège",
                    "Statut_public_prive": "Privé" if number % 3 else "Public",
                    "Code_postal": postcode,
                    "Nom_commune": commune,
                    "Code_departement": departement,
                }
            )
        )
    big = tmp_path / "annuaire_1500.csv"
    big.write_text(export(*lines).getvalue(), encoding="utf-8")

    first = run_import(engine, big)
    second = run_import(engine, big)

    assert (first.created, first.rejected, first.skipped) == (1500, [], [])
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1500)
    assert count(engine) == 1500
