"""The shared kernel: who acts, the three ways an action is refused, and how a form is validated.

Services on both sides (a student's message, an admin's edit) raise these; states turn them into French
messages. Nothing here touches Reflex or the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING, Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

if TYPE_CHECKING:
    from parlonsen.models import AdminUser

FORBIDDEN = "Action non autorisée."
BAD_FORM = "Formulaire invalide : rechargez la page."


class Forbidden(Exception):
    """The actor may not do this; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(FORBIDDEN)


class InvalidInput(ValueError):
    """User input was refused; the message is French and names the field."""


class Conflict(Exception):
    """Someone saved this row since the form was opened."""


REFUSALS = (Forbidden, InvalidInput, Conflict)  # what a state shows as a French message


@dataclass(frozen=True)
class Actor:
    """An admin or a trusted adult, as every authorisation rule sees them."""

    user_id: int
    email: str
    role: str
    departement_code: str | None = None
    uai: str | None = None

    @classmethod
    def of(cls, user: AdminUser) -> Actor:
        return cls(user.id or 0, user.email, user.role, user.departement_code, user.uai)


# --- Validation of what people type ------------------------------------------------------------------
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
INVISIBLE = re.compile("[\u200b\u200c\u2060-\u2064\ufeff\u00ad\u180e]")
PHONE = re.compile(r"^(0[1-9]\d{8}|1[5-9]|11\d|116\d{3}|3\d{3})$")  # 10 digits, or 15–19, 11x, 116xxx, 3xxx
EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.IGNORECASE)
ID = re.compile(r"^\d{1,12}$")
MAX_ID = 10**12 - 1


def plain_text(value: str) -> str:
    """Plain text only: trimmed, no control characters. It is always displayed as text, never as HTML.

    Text shown to someone else must read as it was typed: characters that reverse or reorder what follows
    (bidi overrides and isolates) are refused, invisible ones (zero-width spaces, soft hyphens) removed. The
    zero-width joiner stays: it builds emoji (👨‍👩‍👧)."""
    if CONTROL.search(value):
        raise ValueError("caractères de contrôle interdits")
    if BIDI.search(value):
        raise ValueError("caractères invisibles interdits (ils changent le sens de lecture du texte)")
    visible = INVISIBLE.sub("", value).strip()
    if value.strip() and not visible:
        raise ValueError("texte vide : il ne contient que des caractères invisibles")
    return visible


def _phone(value: str) -> str:
    digits = re.sub(r"[\s.\-]", "", value)
    if digits and not PHONE.match(digits):
        raise ValueError("numéro invalide : 10 chiffres commençant par 0, ou un numéro court (119, 3018…)")
    return digits


def _email(value: str) -> str:
    value = value.strip()
    if value and not EMAIL.match(value):
        raise ValueError("adresse e-mail invalide")
    return value.lower()


def _https(value: str) -> str:
    value = value.strip()
    if value and not re.match(r"^https://[^\s<>\"']+$", value):
        raise ValueError("adresse web invalide : elle doit commencer par https://")
    return value


Text = Annotated[str, AfterValidator(plain_text)]
Phone = Annotated[str, AfterValidator(_phone)]
Email = Annotated[str, AfterValidator(_email)]
Https = Annotated[str, AfterValidator(_https)]

FIELD_LABELS = {
    "role": "Rôle",
    "name": "Nom",
    "where": "Où le trouver",
    "when": "Quand",
    "how": "Comment",
    "phone": "Téléphone",
    "email": "E-mail",
    "url": "Site web",
    "description": "Description",
    "address": "Adresse",
    "hours": "Horaires",
    "kind": "Type",
    "welcome": "Message d'accueil",
    "ent_group_id": "Identifiant du groupe ENT",
    "body": "Message",
    "contact_hint": "Comment te retrouver",
    "danger": "Danger",
}
MESSAGES = {
    "string_too_long": "trop long ({max_length} caractères au plus)",
    "string_too_short": "obligatoire",
    "literal_error": "valeur non proposée",
    "string_type": "texte attendu",
    "missing": "obligatoire",
    "extra_forbidden": "champ inconnu",
    "string_pattern_mismatch": "format invalide (lettres, chiffres et tirets seulement)",
}


class Form(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def french_errors(error: ValidationError) -> str:
    """One French line per problem, naming the field: « Téléphone : numéro invalide… »."""
    lines = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        template = MESSAGES.get(problem["type"])
        if template is not None:
            message = template.format(**problem.get("ctx", {}))
        else:
            message = str(problem.get("ctx", {}).get("error", problem["msg"]))
        lines.append(f"{FIELD_LABELS.get(field, field)} : {message}")
    return "\n".join(lines)


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: object) -> M:
    """The form's data as `model`, or InvalidInput with one French line per problem."""
    if not isinstance(data, dict):
        raise InvalidInput("Formulaire invalide.")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(french_errors(error)) from None


def form_int(value: object) -> int | None:
    """An id or version from a form (a string of digits) or an event (an int); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and ID.match(value.strip()):
        return int(value)
    return None


# --- Pages of a list -----------------------------------------------------------------------------------
PER_PAGE = 20
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    pages: int


def page_window(total: int, page: object, per_page: int = PER_PAGE) -> tuple[int, int, int]:
    """(page number, page count, offset) for a requested page: anything but a page that exists is the first or last."""
    pages = max(1, ceil(total / per_page))
    number = page if isinstance(page, int) and not isinstance(page, bool) and page >= 1 else 1
    number = min(number, pages)
    return number, pages, (number - 1) * per_page
