"""Every path of the site in one place: the constants, a builder for each path that takes a parameter, and the
site's name that every tab title ends with.

Pages and states build links with these (a builder takes a string or a Reflex var: `school(SchoolState.uai)`);
`parlonsen.py` registers each page at its path; a handler reads a dynamic route's parameter from the router
(`param`). The questionnaire has one path per question, so the browser's Back goes one question back:
the answers are never in a path, only the profile and the question's number.
"""

from __future__ import annotations

import re
from typing import TypeVar

from parlonsen import settings

SITE = "Violences, parlons-en"


def title(name: str) -> str:
    """A tab title: « Toutes les aides – Violences, parlons-en ». It names a kind of page, never what was read."""
    return f"{name} – {SITE}"


HOME = "/"
HELP = "/aide"
VIOLENCES = "/violences"
SAFE_BROWSING = "/naviguer-en-securite"
PRIVACY = "/confidentialite"
ACCESSIBILITY = "/accessibilite"
NOT_FOUND = "404"
SCHOOLS = "/etablissements"
FOLLOWUP = "/suivi"
QUESTIONNAIRE = "/questionnaire"
RESULT = "/questionnaire/resultat"
ENT_SIGN_IN = "/ent/connexion"
ENT_RETURN = "/ent/retour"
ENT_SIGN_OUT = "/ent/deconnexion"
ENT_WELCOME = "/ent/bienvenue"
FORGET = "/sortie"  # the quick exit's beacon: forget this tab's answers
PRO_TOOLS = "/pro/outils"
PRO_SIGNALS = "/pro/signaux-faibles"
PRO_DISCLOSURE = "/pro/recueillir-la-parole"
PRO_REPORT = "/pro/information-preoccupante"
PRO_RECORD_SHEET = "/pro/fiche-de-recueil"
ADMIN = "/admin"
ADMIN_JOURNAL = "/admin/journal"
ADMIN_MESSAGES = "/admin/messages"
HEALTHZ, READYZ, METRICS = "/healthz", "/readyz", "/metrics"  # for the operators (operations.py)
ADMIN_INVITATION = "/admin/invitation"  # ?jeton=…: an invited adult chooses their own password

# Dynamic routes, as Reflex registers them; the parameter's name is the one in brackets.
SCHOOL_ROUTE = "/etablissement/[uai]"
SCHOOL_WRITE_ROUTE = "/etablissement/[uai]/ecrire"
SCHOOL_POSTER_ROUTE = "/etablissement/[uai]/affiche"
ADMIN_SCHOOL_ROUTE = "/admin/etablissement/[uai]"
ADMIN_DEPARTEMENT_ROUTE = "/admin/departement/[code]"

P = TypeVar("P")  # a string, or a Reflex var holding one


def school(uai: P) -> P:
    return "/etablissement/" + uai


def school_write(uai: P) -> P:
    return "/etablissement/" + uai + "/ecrire"


def school_poster(uai: P) -> P:
    return "/etablissement/" + uai + "/affiche"


def admin_school(uai: P) -> P:
    return "/admin/etablissement/" + uai


def admin_departement(code: P) -> P:
    return "/admin/departement/" + code


def admin_invitation(token: str) -> str:
    """The single-use link e-mailed to an invited adult (only there: it is never shown nor logged)."""
    return f"{ADMIN_INVITATION}?jeton={token}"


def violence(form_id: str) -> str:
    return f"{VIOLENCES}/{form_id}"


def journey(journey_id: str) -> str:
    return f"/parcours/{journey_id}"


def scale(scale_id: str) -> str:
    """A self-check scale: /harcelometre, /violentometre."""
    return f"/{scale_id}"


def question_path(profile: str, number: int) -> str:
    """`/questionnaire/eleve` for the first question (the link on the home page), then `/questionnaire/eleve/2`…"""
    return f"{QUESTIONNAIRE}/{profile}" if number == 1 else f"{QUESTIONNAIRE}/{profile}/{number}"


DYNAMIC_ROUTES = (SCHOOL_ROUTE, SCHOOL_WRITE_ROUTE, SCHOOL_POSTER_ROUTE, ADMIN_SCHOOL_ROUTE, ADMIN_DEPARTEMENT_ROUTE)


def _pattern(route: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\[(\w+)\\\]", r"(?P<\1>[^/]+)", re.escape(route)) + "/?$")


PATTERNS = [(route, _pattern(route)) for route in DYNAMIC_ROUTES]


def params_of(path: str) -> dict[str, str]:
    """The parameters a dynamic route takes from a path: params_of('/etablissement/X/ecrire') == {'uai': 'X'}."""
    for _, pattern in PATTERNS:
        found = pattern.match(path)
        if found:
            return found.groupdict()
    return {}


def param(path: str, name: str) -> str:
    """One parameter of the dynamic route `path` is on: param('/etablissement/X/ecrire', 'uai') == 'X', else ''.

    Handlers read it from the path the browser shows (`self.router.url.path`): Reflex 0.10 deprecates
    `router.page.params`, and the dynamic vars it adds to the root state would clash with the states' own fields.
    """
    return params_of(path).get(name, "")


DEFAULT_ORIGIN = "http://localhost:3000"
# The Origin header comes from the browser: only a bare scheme://host[:port] is used from it.
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")


def public_base_url(origin: str | None) -> str:
    """PARLONSEN_PUBLIC_URL if set, else the request's origin if well formed, else localhost (posters, e-mails)."""
    configured = settings.current().public_url
    if configured:
        return configured
    return origin if ORIGIN.match(origin or "") else DEFAULT_ORIGIN
