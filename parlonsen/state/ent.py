"""The ENT sign-in as the Reflex states see it, and /ent/bienvenue, where the ENT's "Mes applis" lands.

States never see the ENT tokens: they read the sign-in from the HttpOnly cookie that the browser
sends with the websocket handshake, and look it up on the server.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import reflex as rx
from sqlmodel import Session

from parlonsen import routes
from parlonsen.models import EntLogin
from parlonsen.services import ent_sessions
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import SchoolRow, school_row

ERRORS = {
    "desactive": "La connexion par l'ENT n'est pas activée sur ce site. "
    "Tu peux utiliser toutes les pages sans te connecter.",
    "etat": "La connexion par l'ENT n'a pas abouti (lien expiré ou ouvert deux fois). "
    "Relance l'application depuis l'ENT.",
    "ent": "L'ENT ne répond pas pour le moment. Tu peux utiliser toutes les pages sans te connecter.",
}
PROFILE_LABELS = {"eleve": "élève", "parent": "parent", "professionnel": "professionnel·le"}


def current_ent_login(session: Session, router) -> EntLogin | None:
    """The ENT sign-in of this browser, from its HttpOnly cookie (None when not signed in or expired)."""
    return ent_sessions.login_for_key(session, ent_sessions.key_from_cookie_header(router.headers.cookie))


class EntWelcomeState(rx.State):
    loaded: bool = False
    connected: bool = False
    profile_label: str = ""
    error: str = ""
    schools: list[SchoolRow] = []

    def _forget(self) -> None:
        """Quick exit: which schools and which profile this browser signed in with are dropped from this tab."""
        self.loaded, self.connected, self.profile_label, self.error, self.schools = False, False, "", "", []

    @rx.event
    @off_loop
    def load(self):
        query = parse_qs(urlsplit(str(self.router.url)).query)
        code = (query.get("erreur") or [""])[0]
        with rx.session() as session:
            login = current_ent_login(session, self.router)
            schools = ent_sessions.known_schools(session, login) if login else []
            self.connected = login is not None
            self.profile_label = PROFILE_LABELS.get(login.profile, "") if login else ""
            self.schools = [school_row(e, href=routes.school(e.uai)) for e in schools]
        self.error = ERRORS.get(code, "") if not self.connected else ""
        self.loaded = True
        if len(self.schools) == 1:
            return rx.redirect(self.schools[0].href)
        return None
