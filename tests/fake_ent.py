"""A fake ENT (entcore) on 127.0.0.1 for tests: OAuth2 code flow, userinfo and the Messagerie sending routes.

It copies the behaviours documented in shared/research/entcore.md, including the awkward ones: a rejected
token gets a 302 to the login page (never a 401), /token reads only the form body, `state` is echoed without
encoding, and /conversation/send answers 401 when a recipient is not visible to the sender.

    with FakeEnt() as ent:
        ent.current_user = ent.users["teacher-1"]
        ...
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sys
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import httpx

CODE_LIFETIME = timedelta(minutes=10)
TOKEN_LIFETIME = timedelta(seconds=3600)
# Columns of a conversation message (ConversationService.MESSAGE_FIELDS, plus cci): any other key is an SQL error.
MESSAGE_KEYS = frozenset(
    {"id", "subject", "body", "from", "to", "cc", "cci", "date", "state", "displayNames", "noReply", "scheduleAt"}
)
Reply = tuple[int, dict[str, str], Any]  # status, extra headers, body (str → text/plain, else JSON)
V1_TYPE_TO_PROFILE = {
    "ELEVE": "Student",
    "PERSRELELEVE": "Relative",
    "ENSEIGNANT": "Teacher",
    "PERSEDUCNAT": "Personnel",
}

SCHOOL_UAI = "0590001A"
SCHOOL_NAME = "Lycée Jean Bart"
ADULTS_GROUP = "adultes-referents-0590001A"
CLASS_GROUP = "1234-1510043922665"
DIRECTION_GROUP = "direction-0590001A"


def fake_user(
    user_id: str,
    type_: str = "ELEVE",
    first_name: str = "Jeanne",
    last_name: str = "MARTIN",
    uai: Iterable[str] = (SCHOOL_UAI,),
    school_name: str = SCHOOL_NAME,
    **overrides: Any,
) -> dict[str, Any]:
    """A user as the default (V1.0, OAuth client) userinfo returns it; `type_` is the national code or ""."""
    user = {
        "userId": user_id,
        "externalId": f"ext-{user_id}",
        "login": f"{first_name}.{last_name}".lower(),
        "username": f"{last_name} {first_name}",
        "firstName": first_name,
        "lastName": last_name,
        "type": type_,
        "level": "SECONDE" if type_ == "ELEVE" else "",
        "classId": f"{SCHOOL_UAI}$2NDE 3" if type_ == "ELEVE" else "",
        "schoolName": school_name,
        "uai": list(uai),
        "childrenIds": [],
        "email": None,
        "mobile": None,
        "birthDate": "2009-03-04" if type_ == "ELEVE" else None,
        "hasPw": True,
        "forceChangePassword": False,
        "needRevalidateTerms": False,
        "deletePending": False,
    }
    user.update(overrides)
    return user


class Recorded(NamedTuple):
    """One request as the fake received it; headers have lower-case names; body is the form dict or the JSON."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: Any


@dataclass
class _Grant:
    user_id: str
    client_id: str
    scope: str
    redirect_uri: str | None
    refresh_token: str
    code_expires_at: datetime
    code_used: bool = False


@dataclass
class _AccessToken:
    user_id: str
    scope: str
    expires_at: datetime


class FakeEnt:
    """A real HTTP server in a background thread; tests set its attributes directly, between requests."""

    def __init__(
        self,
        port: int | None = None,
        *,
        client_id: str = "parlonsen",
        client_secret: str = "secret-de-test",
        address: str = "http://localhost:3000/ent/connexion",
        registered_scope: str = "userinfo conversation",
        grant_type: str = "authorization_code",
        slow_seconds: float = 2.0,
    ) -> None:
        self.port = port or 0
        self.base_url = ""
        self.client_id = client_id
        self.client_secret = client_secret
        self.address = address
        self.registered_scope = registered_scope
        self.grant_type = grant_type
        self.now = datetime.now(UTC)
        self.mode = "ok"  # "ok" | "down" (503 everywhere) | "slow" (API calls wait slow_seconds)
        self.slow_seconds = slow_seconds
        self.users: dict[str, dict[str, Any]] = {
            "student-1": fake_user("student-1"),
            "teacher-1": fake_user("teacher-1", "ENSEIGNANT", "Paul", "DURAND"),
        }
        self.current_user: dict[str, Any] | None = self.users["student-1"]
        # id → {"name", "profile", optional "members": user ids, who receive; [] hides the group, as nbUsers = 0}
        self.groups: dict[str, dict[str, Any]] = {
            ADULTS_GROUP: {"name": "Adultes référents", "profile": "Manual", "members": ["teacher-1", "cpe-1"]},
            CLASS_GROUP: {"name": "Élèves de 2NDE 3.", "profile": "Student", "members": ["student-1"]},
            DIRECTION_GROUP: {"name": "Direction", "profile": "Direction", "members": ["principal-1"]},
        }
        # user id → ids (groups or users) that user may write to.
        self.visible_group_ids: dict[str, set[str]] = {
            "student-1": {ADULTS_GROUP, CLASS_GROUP, "teacher-1"},
            "teacher-1": {ADULTS_GROUP, CLASS_GROUP, DIRECTION_GROUP, "student-1"},
        }
        self.inactive_user_ids: set[str] = set()  # members who never activated their account: not delivered
        self.sent: list[dict[str, Any]] = []
        self.requests: list[Recorded] = []
        self._grants: dict[str, _Grant] = {}  # by code
        self._access_tokens: dict[str, _AccessToken] = {}
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------------------

    def start(self) -> FakeEnt:
        handler = type("FakeEntHandler", (_Handler,), {"ent": self})
        server = _Server(("127.0.0.1", self.port), handler)
        self._server = server
        self.port = server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._stopping.clear()
        self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="fake-ent", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeEnt:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- controls ----------------------------------------------------------------------------------------

    def expire_all_tokens(self) -> None:
        """Every access token issued so far is now rejected; refresh tokens still work."""
        with self._lock:
            self._access_tokens.clear()

    def advance(self, delta: timedelta) -> None:
        self.now += delta

    def authorize(self, url: str) -> dict[str, str]:
        """Open an authorization URL as the browser would, and return the parameters of the redirect back."""
        response = httpx.get(url, follow_redirects=False)
        if response.status_code != 302:
            raise AssertionError(f"expected a redirect from the ENT, got {response.status_code}: {response.text}")
        query = urlsplit(response.headers["location"]).query
        return {key: values[-1] for key, values in parse_qs(query).items()}

    def requests_to(self, path: str) -> list[Recorded]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    # --- OAuth2 ------------------------------------------------------------------------------------------

    def _authorize(self, query: dict[str, str]) -> Reply:
        if query.get("response_type") != "code" or not query.get("client_id"):
            return 400, {}, {"error": "invalid_request"}
        if query["client_id"] != self.client_id:
            return 400, {}, {"error": "invalid_client"}
        redirect_uri = query.get("redirect_uri") or self.address
        if urlsplit(redirect_uri).hostname != urlsplit(self.address).hostname:
            return 400, {}, "Redirection not authorized"
        state = query.get("state")
        scope = query.get("scope", "")
        if not scope.strip():
            return _redirect(_callback(redirect_uri, error="invalid_scope", state=state))
        if not set(scope.split()) <= set(self.registered_scope.split()):
            return _redirect(_callback(redirect_uri, error="server_error", state=state))
        if self.current_user is None:
            return _redirect(f"/auth/login?callback={quote('/auth/oauth2/auth?' + urlencode(query), safe='')}")
        code = str(uuid.uuid4())
        with self._lock:
            self.users.setdefault(self.current_user["userId"], self.current_user)
            self._grants[code] = _Grant(
                user_id=self.current_user["userId"],
                client_id=self.client_id,
                scope=scope,
                redirect_uri=query.get("redirect_uri"),
                refresh_token=str(uuid.uuid4()),
                code_expires_at=self.now + CODE_LIFETIME,
            )
        return _redirect(_callback(redirect_uri, code=code, state=state))

    def _token(self, form: dict[str, str], authorization: str) -> Reply:
        grant_type = form.get("grant_type", "")
        if not grant_type:
            return 400, {}, {"error": "invalid_request", "error_description": "'grant_type' not found"}
        if grant_type not in ("authorization_code", "refresh_token"):
            return 400, {}, {"error": "unsupported_grant_type"}
        client_id, client_secret = _client_credentials(form, authorization)
        if not client_id:
            return 400, {}, {"error": "invalid_request", "error_description": "'client_id' not found"}
        if not client_secret:
            return 400, {}, {"error": "invalid_request", "error_description": "'client_secret' not found"}
        if (
            client_id != self.client_id
            or client_secret != self.client_secret
            or (grant_type != self.grant_type and grant_type != "refresh_token")
        ):
            return 401, {}, {"error": "invalid_client"}
        with self._lock:
            if grant_type == "authorization_code":
                return self._grant_from_code(form, client_id)
            return self._grant_from_refresh(form, client_id)

    def _grant_from_code(self, form: dict[str, str], client_id: str) -> Reply:
        code, redirect_uri = form.get("code", ""), form.get("redirect_uri", "")
        for name, value in (("code", code), ("redirect_uri", redirect_uri)):
            if not value:
                return 400, {}, {"error": "invalid_request", "error_description": f"'{name}' not found"}
        grant = self._grants.get(code)
        if grant is None or grant.code_used or self.now > grant.code_expires_at:
            return 401, {}, {"error": "invalid_grant"}
        if grant.client_id != client_id:
            return 401, {}, {"error": "invalid_client"}
        if not grant.redirect_uri or grant.redirect_uri != redirect_uri:
            return 401, {}, {"error": "redirect_uri_mismatch"}
        grant.code_used = True
        return 200, {}, self._issue(grant)

    def _grant_from_refresh(self, form: dict[str, str], client_id: str) -> Reply:
        refresh_token = form.get("refresh_token", "")
        if not refresh_token:
            return 400, {}, {"error": "invalid_request", "error_description": "'refresh_token' not found"}
        grant = next((grant for grant in self._grants.values() if grant.refresh_token == refresh_token), None)
        if grant is None:
            return 401, {}, {"error": "invalid_grant"}
        if grant.client_id != client_id:
            return 401, {}, {"error": "invalid_client"}
        return 200, {}, self._issue(grant)

    def _issue(self, grant: _Grant) -> dict[str, Any]:
        token = str(uuid.uuid4())
        self._access_tokens[token] = _AccessToken(grant.user_id, grant.scope, self.now + TOKEN_LIFETIME)
        return {
            "token_type": "Bearer",
            "access_token": token,
            "expires_in": int(TOKEN_LIFETIME.total_seconds()),
            "refresh_token": grant.refresh_token,
            "scope": grant.scope,
        }

    def _bearer_user(self, token: str, scope_word: str) -> str | None:
        """The user behind a valid token whose scope holds `scope_word` as a whole word, else None."""
        with self._lock:
            access = self._access_tokens.get(token)
            if access is None or self.now >= access.expires_at:
                return None
            if not re.search(rf"(^|\s){re.escape(scope_word)}(\s|$)", access.scope):
                return None
            return access.user_id

    # --- API ---------------------------------------------------------------------------------------------

    def _userinfo(self, user_id: str) -> Reply:
        with self._lock:
            user = self.users.get(user_id)
        if user is None:
            return _redirect("/auth/login")
        return 200, {}, user

    def _visible_ids(self, user_id: str) -> set[str]:
        """Ids the user may write to; a group whose "members" is empty is left out, as nbUsers = 0 is."""
        ids = self.visible_group_ids.get(user_id, set())
        return {i for i in ids if i not in self.groups or self.groups[i].get("members") != []}

    def _visible(self, user_id: str, search: str) -> Reply:
        with self._lock:
            ids = self._visible_ids(user_id)
            school = self.users.get(user_id, {}).get("schoolName")
            groups = [
                {"id": i, "name": self.groups[i]["name"], "profile": self.groups[i].get("profile", "Manual"),
                 "groupDisplayName": None, "structureName": school}
                for i in sorted(ids) if i in self.groups
            ]  # fmt: skip
            users = [
                {"id": i, "displayName": self.users[i]["username"],
                 "profile": V1_TYPE_TO_PROFILE.get(self.users[i]["type"], "Guest"),
                 "groupDisplayName": None, "structureName": school}
                for i in sorted(ids) if i in self.users
            ]  # fmt: skip
        if search:
            users = [user for user in users if search.lower() in user["displayName"].lower()]
        return 200, {}, {"groups": groups, "users": users}

    def _visibles(self, user_id: str, payload: Any) -> Reply:
        ids = payload.get("ids") if isinstance(payload, dict) else None
        if not isinstance(ids, list):
            return 400, {}, {"error": "invalid.ids"}
        with self._lock:
            visible = self._visible_ids(user_id)
        return 200, {}, [{"visibles.id": i} for i in ids if i in visible]

    def _send(self, user_id: str, payload: Any) -> Reply:
        if not isinstance(payload, dict):
            return 400, {}, {"error": "invalid.json"}
        recipients = [payload.get(key) or [] for key in ("to", "cc", "cci")]
        if not all(isinstance(ids, list) for ids in recipients):
            return 400, {}, {"error": "invalid.recipients"}
        with self._lock:
            visible = self._visible_ids(user_id)
            if not all(i in visible for ids in recipients for i in ids):  # VisiblesFilter runs first
                return 401, {}, "Unauthorized"
            unknown = sorted(set(payload) - MESSAGE_KEYS)
            if unknown:
                return 400, {}, {"error": f'column "{unknown[0]}" of relation "messages" does not exist'}
            if "to" not in payload:
                return 400, {}, {"error": 'null value in column "to" violates not-null constraint'}
            reached: list[str] = []
            for i in (i for ids in recipients for i in ids):
                members = self.groups[i].get("members", [f"member-of-{i}"]) if i in self.groups else [i]
                reached.extend(member for member in members if member != user_id and member not in reached)
            inactive = [member for member in reached if member in self.inactive_user_ids]
            self.sent.append(payload)
        message_id = str(uuid.uuid4())
        return 200, {}, {
            "id": message_id, "subject": payload.get("subject"), "body": payload.get("body"), "thread_id": message_id,
            "sent": len(reached) - len(inactive), "inactive": inactive, "inactiveCount": len(inactive),
            "undelivered": [],
        }  # fmt: skip

    # --- dispatch ----------------------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: Any) -> Reply:
        if self.mode == "down":
            return 503, {}, "Service Unavailable"
        if self.mode == "slow" and path != "/auth/oauth2/auth":
            self._stopping.wait(self.slow_seconds)
        if path == "/auth/oauth2/auth" and method == "GET":
            return self._authorize(query)
        if path == "/auth/login" and method == "GET":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, "<html><body>Connexion</body></html>"
        if path == "/auth/oauth2/token" and method == "POST":
            form = body if isinstance(body, dict) and _is_form(headers) else {}
            return self._token(form, headers.get("authorization", ""))
        token = _bearer_token(headers, query)
        if path == "/auth/oauth2/userinfo" and method in ("GET", "POST"):
            user_id = self._bearer_user(token, "userinfo")
            return _redirect("/auth/login") if user_id is None else self._userinfo(user_id)
        routes = {
            ("GET", "/conversation/visible"): lambda user_id: self._visible(user_id, query.get("search", "")),
            ("POST", "/conversation/visibles"): lambda user_id: self._visibles(user_id, body),
            ("POST", "/conversation/send"): lambda user_id: self._send(user_id, body),
        }
        route = routes.get((method, path))
        if route is None:
            return 404, {}, {"error": "not found"}
        user_id = self._bearer_user(token, "conversation")
        if user_id is None:
            return _redirect("/auth/login")
        return route(user_id)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a "slow" request must not hold stop() up

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that gave up waiting is no error
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    ent: FakeEnt

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        headers = {name.lower(): value for name, value in self.headers.items()}
        raw = self.rfile.read(int(headers.get("content-length") or 0))
        body: Any = raw.decode("utf-8", errors="replace") if raw else None
        if raw and _is_form(headers):
            body = {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}
        elif raw and headers.get("content-type", "").startswith("application/json"):
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", errors="replace")
        query = {key: values[-1] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
        with self.ent._lock:
            self.ent.requests.append(Recorded(self.command, parts.path, parts.query, headers, body))
        status, extra_headers, content = self.ent.handle(self.command, parts.path, query, headers, body)
        if isinstance(content, str):
            data, content_type = content.encode(), "text/plain; charset=utf-8"
        else:
            data, content_type = json.dumps(content).encode(), "application/json; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", extra_headers.pop("Content-Type", content_type))
        for name, value in extra_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _redirect(location: str) -> tuple[int, dict[str, str], str]:
    return 302, {"Location": location}, ""


def _callback(redirect_uri: str, **params: str | None) -> str:
    """Parameters joined as plain strings, without encoding, as OAuthAuthorizationResponse does."""
    joined = "&".join(f"{key}={value}" for key, value in params.items() if value is not None)
    return f"{redirect_uri}{'&' if '?' in redirect_uri else '?'}{joined}"


def _is_form(headers: dict[str, str]) -> bool:
    return headers.get("content-type", "").startswith("application/x-www-form-urlencoded")


def _client_credentials(form: dict[str, str], authorization: str) -> tuple[str, str]:
    """Basic header first, else the client_id / client_secret form fields (ClientCredentialFetcherImpl)."""
    if authorization.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        client_id, _, client_secret = decoded.partition(":")
        return client_id, client_secret
    return form.get("client_id", ""), form.get("client_secret", "")


def _bearer_token(headers: dict[str, str], query: dict[str, str]) -> str:
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return query.get("access_token") or query.get("oauth_token") or ""
