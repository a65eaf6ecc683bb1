"""Client for the school ENT (Edifice "entcore"): OAuth2 sign-in and sending through its Messagerie.

The exact server behaviour is in shared/research/entcore.md. Every call refuses redirects, because the ENT
answers a rejected token with a 302 to its login page, not a 401. Tokens, message text and user info are
never logged: only the endpoint and the HTTP status are.
"""

from __future__ import annotations

import html
import logging
import re
import secrets
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import httpx

from parlonsen.metrics import ENT_FAILURES

with warnings.catch_warnings():
    # authlib 1.9 prefers the httpx2 fork and warns when it falls back to httpx, which is what this project uses.
    # Its deprecate module installs an "always" filter when imported: ours must be added after it to win.
    import authlib.deprecate  # noqa: F401

    warnings.filterwarnings("ignore", message="The httpx module is deprecated", category=DeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client, OAuthError

logger = logging.getLogger(__name__)

SCOPE = "userinfo conversation"
NEUTRAL_SUBJECT = "Demande de contact"  # the subject shows in the adults' push notifications: never anything sensitive

AUTHORIZE_PATH = "/auth/oauth2/auth"
TOKEN_PATH = "/auth/oauth2/token"
USERINFO_PATH = "/auth/oauth2/userinfo"
VISIBLE_PATH = "/conversation/visible"
VISIBLES_PATH = "/conversation/visibles"
SEND_PATH = "/conversation/send"

# Default (V1.0) userinfo "type": French national codes. Anything else (Guest, SUPERADMIN, "") has no profile here.
PROFILES = {"ELEVE": "eleve", "PERSRELELEVE": "parent", "ENSEIGNANT": "professionnel", "PERSEDUCNAT": "professionnel"}

ENV_VARIABLES = {
    "base_url": "PARLONSEN_ENT_URL",
    "client_id": "PARLONSEN_ENT_CLIENT_ID",
    "client_secret": "PARLONSEN_ENT_CLIENT_SECRET",
    "redirect_uri": "PARLONSEN_ENT_REDIRECT_URL",
}

# The ENT echoes `state` into the callback URL without encoding it again.
_URL_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


class EntError(Exception):
    """str(e) is a French message for the user. Each one is an ENT failure, counted for the operators."""

    message = "L'ENT n'a pas pu traiter la demande."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        ENT_FAILURES.inc()


class TokenRejected(EntError):
    """The ENT redirected to its login page (expired or unknown token), or refused the code or refresh token."""

    message = "Ta connexion à l'ENT a expiré."


class NotAllowed(EntError):
    """401: the recipient is not visible to this user, or the user lacks the right."""

    message = "L'ENT a refusé l'envoi : le groupe des adultes n'est pas accessible depuis ton compte."


class NotDelivered(NotAllowed):
    """The ENT accepted the message but delivered it to nobody (every member inactive, for instance)."""

    message = "Le message n'a été remis à personne."


class BadRequest(EntError):
    """400: the ENT refused the content of the request."""

    message = "L'ENT a refusé le message."


class Unavailable(EntError):
    """Timeout, connection failure, 5xx, or an answer this client does not understand."""

    message = "L'ENT ne répond pas pour le moment."


def _check_http_url(value: str, name: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{name} must be an http(s) URL, not {value!r}")


@dataclass(frozen=True)
class EntSettings:
    base_url: str
    client_id: str
    client_secret: str = field(repr=False)
    redirect_uri: str
    timeout: float = 10.0

    def __post_init__(self) -> None:
        _check_http_url(self.base_url, "EntSettings.base_url")
        _check_http_url(self.redirect_uri, "EntSettings.redirect_uri")
        if self.timeout <= 0:
            raise ValueError(f"EntSettings.timeout must be positive, not {self.timeout!r}")
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> EntSettings | None:
        """Settings from PARLONSEN_ENT_*; None when none is set, which disables the ENT sign-in."""
        values = {attribute: environ.get(name, "").strip() for attribute, name in ENV_VARIABLES.items()}
        if not any(values.values()):
            return None
        missing = [ENV_VARIABLES[attribute] for attribute, value in values.items() if not value]
        if missing:
            raise ValueError(
                f"incomplete ENT settings: {', '.join(missing)} not set "
                "(set all PARLONSEN_ENT_* variables, or none to disable the ENT)"
            )
        for attribute in ("base_url", "redirect_uri"):
            _check_http_url(values[attribute], ENV_VARIABLES[attribute])
        return cls(**values)


@dataclass(frozen=True)
class Tokens:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime  # aware, UTC


@dataclass(frozen=True)
class EntUser:
    user_id: str
    ent_type: str  # as the ENT says it: ELEVE, PERSRELELEVE, ENSEIGNANT, PERSEDUCNAT, or ""
    profile: str  # "eleve" | "parent" | "professionnel" | "" (unknown type, e.g. Guest)
    display_name: str
    first_name: str
    uais: tuple[str, ...]
    school_name: str


def new_state() -> str:
    return secrets.token_urlsafe(32)


def authorization_url(settings: EntSettings, state: str) -> str:
    if not _URL_SAFE.match(state):
        raise ValueError("the OAuth2 state must be URL-safe: the ENT echoes it without encoding it again")
    query = urlencode(
        {
            "response_type": "code",
            "client_id": settings.client_id,
            "redirect_uri": settings.redirect_uri,
            "scope": SCOPE,
            "state": state,
        },
        quote_via=quote,
    )
    return f"{settings.base_url}{AUTHORIZE_PATH}?{query}"


def exchange_code(settings: EntSettings, code: str, now: datetime | None = None) -> Tokens:
    """Trade the code from the callback for tokens (form body only, client authenticated with HTTP Basic)."""
    if not code:
        raise TokenRejected()
    return _request_tokens(settings, "", now, grant_type="authorization_code", code=code)


def refresh_tokens(settings: EntSettings, refresh_token: str, now: datetime | None = None) -> Tokens:
    if not refresh_token:
        raise TokenRejected()
    return _request_tokens(settings, refresh_token, now, grant_type="refresh_token", refresh_token=refresh_token)


def fetch_userinfo(settings: EntSettings, access_token: str) -> EntUser:
    """Who signed in, from the default (V1.0) userinfo."""
    data = _api(
        settings, "GET", USERINFO_PATH, access_token, not_allowed="L'ENT a refusé l'accès à ton compte depuis ce site."
    )
    if not isinstance(data, dict):
        raise _unexpected(USERINFO_PATH)
    user_id = data.get("userId")
    if not isinstance(user_id, str) or not user_id.strip():
        raise _unexpected(USERINFO_PATH)
    ent_type = _text(data.get("type"))
    first_name = _text(data.get("firstName"))
    last_name = _text(data.get("lastName"))
    return EntUser(
        user_id=user_id.strip(),
        ent_type=ent_type,
        profile=PROFILES.get(ent_type, ""),
        display_name=_text(data.get("username")) or " ".join(name for name in (last_name, first_name) if name),
        first_name=first_name,
        uais=_uais(data.get("uai")),
        school_name=_text(data.get("schoolName")),
    )


def visible_groups(settings: EntSettings, access_token: str, search: str = "") -> list[dict[str, str]]:
    """The groups (never the individual users) this user may write to, as {"id", "name", "profile"}."""
    params = {"search": search} if search else None
    data = _api(settings, "GET", VISIBLE_PATH, access_token, params=params)
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise _unexpected(VISIBLE_PATH)
    return [
        {"id": group["id"], "name": group["name"], "profile": _text(group.get("profile"))}
        for group in groups
        if isinstance(group, dict) and _is_filled(group.get("id")) and _is_filled(group.get("name"))
    ]


def is_visible(settings: EntSettings, access_token: str, group_id: str) -> bool:
    if not group_id:
        return False
    data = _api(settings, "POST", VISIBLES_PATH, access_token, payload={"ids": [group_id]})
    if not isinstance(data, list):
        raise _unexpected(VISIBLES_PATH)
    return any(isinstance(item, dict) and item.get("visibles.id") == group_id for item in data)


def send_message(settings: EntSettings, access_token: str, group_id: str, text: str) -> int:
    """Create and send in one call, under the neutral subject; returns how many people received it."""
    if not group_id:
        raise ValueError("send_message needs the id of the adults' group")
    body = _message_html(text)
    if not body:
        raise BadRequest("Ton message est vide.")
    payload = {"subject": NEUTRAL_SUBJECT, "body": body, "to": [group_id], "cc": [], "cci": []}
    data = _api(settings, "POST", SEND_PATH, access_token, payload=payload)
    sent = data.get("sent") if isinstance(data, dict) else None
    if not isinstance(sent, int) or isinstance(sent, bool):
        raise _unexpected(SEND_PATH)
    if sent <= 0:
        logger.warning("ENT %s delivered the message to nobody", SEND_PATH)
        raise NotDelivered()
    return sent


def _message_html(text: str) -> str:
    """Paragraphs (split on blank lines) in <p>, single newlines as <br>, every line HTML-escaped."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = (paragraph.strip("\n") for paragraph in _BLANK_LINES.split(normalised))
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def _request_tokens(settings: EntSettings, previous_refresh: str, now: datetime | None, **grant: str) -> Tokens:
    now = _utc(now)
    url = settings.base_url + TOKEN_PATH
    try:
        with OAuth2Client(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            token_endpoint_auth_method="client_secret_basic",
            timeout=settings.timeout,
            follow_redirects=False,
        ) as client:
            if grant["grant_type"] == "refresh_token":
                token = client.refresh_token(url, refresh_token=grant["refresh_token"])
            else:
                token = client.fetch_token(url, **grant, redirect_uri=settings.redirect_uri)
    except OAuthError as error:
        if error.error == "invalid_grant":
            raise TokenRejected() from None
        # invalid_client, redirect_uri_mismatch, unauthorized_client…: the connector is misconfigured.
        logger.warning("ENT %s refused the %s grant: %s", TOKEN_PATH, grant["grant_type"], error.error)
        raise Unavailable() from None
    except httpx.HTTPStatusError as error:
        _raise_for_status(error.response, TOKEN_PATH)
        raise _unexpected(TOKEN_PATH) from None
    except httpx.TimeoutException as error:
        logger.warning("ENT %s timed out", TOKEN_PATH)
        raise Unavailable() from error
    except (httpx.HTTPError, ValueError) as error:
        logger.warning("ENT %s failed: %s", TOKEN_PATH, type(error).__name__)
        raise Unavailable() from error

    access_token = token.get("access_token")
    expires_in = token.get("expires_in")
    refresh_token = token.get("refresh_token") or previous_refresh
    if (
        not _is_filled(access_token)
        or not isinstance(expires_in, int)
        or isinstance(expires_in, bool)
        or not isinstance(refresh_token, str)
    ):
        raise _unexpected(TOKEN_PATH)
    return Tokens(
        access_token=access_token, refresh_token=refresh_token, expires_at=now + timedelta(seconds=expires_in)
    )


def _api(
    settings: EntSettings,
    method: str,
    path: str,
    access_token: str,
    *,
    params: dict[str, str] | None = None,
    payload: Any = None,
    not_allowed: str | None = None,
) -> Any:
    """One bearer call to the ENT, redirects refused; returns the decoded JSON."""
    if not access_token:
        raise TokenRejected()
    headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
    try:
        with httpx.Client(timeout=settings.timeout, follow_redirects=False) as client:
            response = client.request(method, settings.base_url + path, params=params, json=payload, headers=headers)
    except httpx.TimeoutException as error:
        logger.warning("ENT %s timed out", path)
        raise Unavailable() from error
    except httpx.HTTPError as error:
        logger.warning("ENT %s failed: %s", path, type(error).__name__)
        raise Unavailable() from error
    _raise_for_status(response, path, not_allowed)
    try:
        return response.json()
    except ValueError:
        raise _unexpected(path) from None


def _raise_for_status(response: httpx.Response, path: str, not_allowed: str | None = None) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    logger.warning("ENT %s answered HTTP %s", path, status)
    if 300 <= status < 400:
        raise TokenRejected()
    if status == 401:
        raise NotAllowed(not_allowed)
    if status == 400:
        raise BadRequest()
    raise Unavailable()


def _unexpected(path: str) -> Unavailable:
    logger.warning("ENT %s gave an unexpected answer", path)
    return Unavailable()


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(UTC)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _is_filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _uais(value: object) -> tuple[str, ...]:
    """The ENT gives a list; keep each UAI once, upper-cased, in the ENT's order."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    uais = (item.strip().upper() for item in items if isinstance(item, str) and item.strip())
    return tuple(dict.fromkeys(uais))
