"""Import collèges, lycées and EREA from the "Annuaire de l'éducation" CSV export (fr-en-annuaire-education).

The whole file is read and checked before anything is written, and every good row is written in one transaction:
a file that is not this export imports nothing, a bad row is listed and never half-imported.
"""

import csv
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sqlmodel import Session, col, select

from parlonsen.models import Departement, Etablissement, utcnow
from parlonsen.services.transaction import transaction
from parlonsen.text import fold, search_key

UAI = "Identifiant_de_l_etablissement"
NAME = "Nom_etablissement"
TYPE = "Type_etablissement"
STATUT = "Statut_public_prive"
POSTCODE = "Code_postal"
COMMUNE = "Nom_commune"
DEPARTEMENT = "Code_departement"
ACADEMIE = "Code_academie"
REGION = "Code_region"
VOIE_GENERALE = "Voie_generale"
VOIE_TECHNOLOGIQUE = "Voie_technologique"
VOIE_PROFESSIONNELLE = "Voie_professionnelle"

HEADER_START = (UAI, NAME, TYPE)
REQUIRED_COLUMNS = (UAI, NAME, TYPE, STATUT, POSTCODE, COMMUNE, DEPARTEMENT, REGION)

KEPT_TYPES = {"college": "college", "lycee": "lycee", "erea": "erea"}  # folded Type_etablissement → our type
STATUTS = {"public": "public", "prive": "prive"}  # folded Statut_public_prive → our statut

UAI_PATTERN = re.compile(r"\d{7}[A-Z]")
LOWERCASE_UAI_PATTERN = re.compile(r"\d{7}[a-z]")
POSTCODE_PATTERN = re.compile(r"\d{5}")
ACADEMIE_PATTERN = re.compile(r"\d{1,3}")
MAX_NAME = 200
MAX_COMMUNE = 100
EXISTING_QUERY_CHUNK = 5000  # UAIs per IN (...) query, well under SQLite's and PostgreSQL's parameter limits


@dataclass
class RowProblem:
    line: int  # 1-based line number in the file (header = line 1)
    reason: str  # French, for the admin who uploaded the file


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowProblem] = field(default_factory=list)  # deliberately ignored: out of scope (type, région)
    rejected: list[RowProblem] = field(default_factory=list)  # invalid rows, not imported
    error: str = ""  # file-level problem: nothing was imported

    def format(self) -> str:
        """The report as French text, one refused line per row."""
        if self.error:
            return f"Fichier refusé : {self.error}"
        lines = [
            f"Créés : {self.created}",
            f"Mis à jour : {self.updated}",
            f"Inchangés : {self.unchanged}",
            f"Ignorés : {len(self.skipped)}",
            f"Refusés : {len(self.rejected)}",
        ]
        lines += [f"ligne {problem.line} : {problem.reason}" for problem in self.rejected]
        return "\n".join(lines)


@dataclass
class _Row:
    """One valid, in-scope line of the file, already normalised to our columns."""

    uai: str
    name: str
    type: str
    statut: str
    commune: str
    code_postal: str
    departement_code: str
    academie_code: str

    def values(self) -> dict[str, str]:
        return {
            "uai": self.uai,
            "name": self.name,
            "type": self.type,
            "statut": self.statut,
            "commune": self.commune,
            "code_postal": self.code_postal,
            "departement_code": self.departement_code,
            "academie_code": self.academie_code,
            "search_key": search_key(self.name, self.commune, self.code_postal),
        }


class _FileRefused(Exception):
    """The file as a whole cannot be imported; the message is the French reason."""


def import_etablissements(session: Session, source: Path | TextIO, region: str = "32") -> ImportReport:
    """Create or update the collèges, lycées and EREA of `region` found in an Annuaire de l'éducation export.

    The import owns the transaction, so `session` must not be in one. A file-level problem imports nothing and is
    reported in `error`; a database failure rolls everything back and propagates.
    """
    report = ImportReport()
    try:
        with transaction(session):
            departements = set(session.exec(select(Departement.code)).all())
            with _opened(source) as stream:
                rows = _read(stream, region, departements, report)
            _write(session, rows, report)
    except _FileRefused as refused:
        return ImportReport(error=str(refused))
    return report


@contextmanager
def _opened(source: Path | TextIO) -> Iterator[TextIO]:
    if not isinstance(source, Path):
        yield source
        return
    try:
        stream = source.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise _FileRefused(f"impossible d'ouvrir le fichier « {source.name} » ({exc.strerror}).") from exc
    with stream:
        yield stream


def _read(stream: TextIO, region: str, departements: set[str], report: ImportReport) -> list[_Row]:
    """Check the header, then sort every line into kept rows, `report.skipped` and `report.rejected`."""
    reader = csv.reader(stream, delimiter=";")
    try:
        header = _header(reader)
        columns = {name.casefold(): position for position, name in enumerate(header)}
        rows: list[_Row] = []
        first_line_of: dict[str, int] = {}
        previous_end = reader.line_num
        for fields in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not any(value.strip() for value in fields):
                continue
            if len(fields) != len(header):
                report.rejected.append(
                    RowProblem(
                        line, f"{len(fields)} colonnes au lieu de {len(header)} (point-virgule en trop ou manquant ?)"
                    )
                )
                continue
            values = {name: fields[position].strip() for name, position in columns.items()}
            outside = _out_of_scope(values, region)
            if outside:
                report.skipped.append(RowProblem(line, outside))
                continue
            row, reasons = _validated(values, departements)
            if row is not None and row.uai in first_line_of:
                reasons.append(f"UAI {row.uai} en double (déjà ligne {first_line_of[row.uai]})")
            if reasons or row is None:
                report.rejected.append(RowProblem(line, " ; ".join(reasons)))
                continue
            first_line_of[row.uai] = line
            rows.append(row)
    except UnicodeDecodeError as exc:
        raise _FileRefused(
            "le fichier n'est pas encodé en UTF-8 ; téléchargez l'export CSV de l'Annuaire de l'éducation tel quel, "
            "ou enregistrez-le au format « CSV UTF-8 »."
        ) from exc
    except csv.Error as exc:
        raise _FileRefused(f"ligne {reader.line_num} illisible ({exc}).") from exc
    return rows


def _header(reader: Iterator[list[str]]) -> list[str]:
    for fields in reader:
        if any(value.strip() for value in fields):
            break
    else:
        raise _FileRefused("le fichier est vide.")
    header = [name.strip().lstrip("\ufeff").strip() for name in fields]
    if len(header) == 1:
        separator = "des virgules" if "," in header[0] else "autre chose que des points-virgules"
        raise _FileRefused(
            f"les colonnes sont séparées par {separator} ; l'export attendu est un CSV séparé par des points-virgules."
        )
    if [name.casefold() for name in header[: len(HEADER_START)]] != [name.casefold() for name in HEADER_START]:
        raise _FileRefused(
            "ce n'est pas un export de l'Annuaire de l'éducation : la première ligne doit commencer par "
            f"{';'.join(HEADER_START)}."
        )
    present = {name.casefold() for name in header}
    missing = [name for name in REQUIRED_COLUMNS if name.casefold() not in present]
    if missing:
        raise _FileRefused(f"colonnes manquantes : {', '.join(missing)}.")
    return header


def _out_of_scope(values: dict[str, str], region: str) -> str:
    """Why this line is deliberately ignored, or "" when it is in scope."""
    kind = values[TYPE.casefold()]
    if fold(kind) not in KEPT_TYPES:
        return f"type « {kind} » hors champ (seuls les collèges, lycées et EREA sont importés)"
    line_region = values[REGION.casefold()]
    if line_region.lstrip("0") != region.strip().lstrip("0"):
        return f"région « {line_region} » hors champ (import de la région {region})"
    return ""


def _validated(values: dict[str, str], departements: set[str]) -> tuple[_Row | None, list[str]]:
    """The normalised row, or the French reasons it cannot be imported."""
    reasons = []
    uai = values[UAI.casefold()]
    if not uai:
        reasons.append("UAI manquant")
    elif LOWERCASE_UAI_PATTERN.fullmatch(uai):
        reasons.append(f"UAI invalide « {uai} » (la lettre finale doit être une majuscule)")
    elif not UAI_PATTERN.fullmatch(uai):
        reasons.append(f"UAI invalide « {uai} » (attendu 7 chiffres et une lettre)")
    name = values[NAME.casefold()]
    if not name:
        reasons.append("nom de l'établissement vide")
    elif len(name) > MAX_NAME:
        reasons.append(f"nom trop long ({len(name)} caractères, {MAX_NAME} au plus)")
    raw_statut = values[STATUT.casefold()]
    statut = STATUTS.get(fold(raw_statut), "")
    if not statut:
        reasons.append(f"statut inconnu « {raw_statut} » (attendu Public ou Privé)")
    code_postal = values[POSTCODE.casefold()]
    if not POSTCODE_PATTERN.fullmatch(code_postal):
        reasons.append(f"code postal invalide « {code_postal} » (attendu 5 chiffres)")
    commune = values[COMMUNE.casefold()]
    if not commune:
        reasons.append("commune manquante")
    elif len(commune) > MAX_COMMUNE:
        reasons.append(f"nom de commune trop long ({len(commune)} caractères, {MAX_COMMUNE} au plus)")
    raw_departement = values[DEPARTEMENT.casefold()]
    departement = _departement_code(raw_departement)
    if departement not in departements:
        reasons.append(f"département inconnu « {raw_departement} »")
    academie = values.get(ACADEMIE.casefold(), "")
    if academie and not ACADEMIE_PATTERN.fullmatch(academie):
        reasons.append(f"code académie invalide « {academie} »")
    if reasons:
        return None, reasons
    row = _Row(uai, name, _type(values), statut, commune, code_postal, departement, academie)
    return row, []


def _departement_code(raw: str) -> str:
    """The export pads codes to three characters ("059", "002", "02A"); our table uses "59", "02", "2A"."""
    code = raw.strip().upper()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
    if len(code) == 1 and code.isdigit():
        code = f"0{code}"
    return code


def _type(values: dict[str, str]) -> str:
    kind = KEPT_TYPES[fold(values[TYPE.casefold()])]
    if kind != "lycee":
        return kind
    voies = [values.get(name.casefold(), "") == "1" for name in (VOIE_GENERALE, VOIE_TECHNOLOGIQUE)]
    only_professionnelle = values.get(VOIE_PROFESSIONNELLE.casefold(), "") == "1" and not any(voies)
    return "lp" if only_professionnelle else "lycee"


def _write(session: Session, rows: list[_Row], report: ImportReport) -> None:
    """Create new UAIs, update changed ones (new version), count the rest; the caller's transaction commits."""
    existing = _existing(session, [row.uai for row in rows])
    for row in rows:
        values = row.values()
        current = existing.get(row.uai)
        if current is None:
            session.add(Etablissement(**values))
            report.created += 1
        elif all(getattr(current, name) == value for name, value in values.items()):
            report.unchanged += 1
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.version += 1
            current.updated_at = utcnow()
            report.updated += 1


def _existing(session: Session, uais: list[str]) -> dict[str, Etablissement]:
    found: dict[str, Etablissement] = {}
    for start in range(0, len(uais), EXISTING_QUERY_CHUNK):
        chunk = uais[start : start + EXISTING_QUERY_CHUNK]
        for etablissement in session.exec(select(Etablissement).where(col(Etablissement.uai).in_(chunk))):
            found[etablissement.uai] = etablissement
    return found
