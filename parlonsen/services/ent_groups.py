"""Is a school's ENT group of trusted adults reachable? Asked of the ENT with the admin's own ENT sign-in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from parlonsen.kernel import Actor, Forbidden
from parlonsen.models import EntLogin, Etablissement
from parlonsen.roles import may_manage_etablissement
from parlonsen.services import ent, ent_sessions


@dataclass(frozen=True)
class EntGroup:
    id: str
    name: str


@dataclass(frozen=True)
class GroupCheck:
    """What the ENT says: is the saved group visible, and which manual groups this admin can see."""

    group_id: str
    visible: bool
    candidates: list[EntGroup]  # the manual groups: the trusted adults' group is one of them


def check_group(session: Session, actor: Actor, uai: object, login: EntLogin, settings: ent.EntSettings) -> GroupCheck:
    """For an admin who may manage the school; raises Forbidden, or ent.EntError when the ENT cannot tell."""
    school = session.get(Etablissement, uai) if isinstance(uai, str) else None
    if school is None or not may_manage_etablissement(actor, school):
        raise Forbidden()
    group = school.ent_group_id
    visible = bool(group) and ent_sessions.with_token(
        session, settings, login, lambda token: ent.is_visible(settings, token, group)
    )
    groups = ent_sessions.with_token(session, settings, login, lambda token: ent.visible_groups(settings, token))
    manual = [EntGroup(str(g.get("id", "")), str(g.get("name", ""))) for g in groups if g.get("profile") == "Manual"]
    return GroupCheck(group, visible, manual)
