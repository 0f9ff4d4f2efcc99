"""The workspace's guards: who may connect, which requests may change anything, what a page may load.

- Host check: when listening on the loopback interface only loopback host names are answered (a page on
  another site cannot reach the workspace through a DNS name that resolves to 127.0.0.1).
- Access token: required when listening beyond localhost. Given once as `?token=...` (then kept in an
  HttpOnly, SameSite=Strict cookie) or as an `Authorization: Bearer` header; compared in constant time.
- CSRF: every POST carries the token of the browser's `claims_csrf` cookie in a form field (double submit),
  and a POST whose Origin is another site is refused (the token alone already stops it; this is a second
  lock).
- Headers on every response: a strict Content-Security-Policy (scripts and styles only from this server, no
  inline script, nothing from another origin), no framing, no sniffing, no referrer to other sites, no
  caching of pages.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

CSRF_COOKIE = "claims_csrf"
TOKEN_COOKIE = "claims_token"
CSRF_FIELD = "csrf"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0"), is_loopback("10.0.0.5")
    (True, True, False, False)
    """
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Access:
    """What the guard enforces. `token` None: no token asked (loopback only)."""

    token: str | None
    loopback_only: bool

    @classmethod
    def for_host(cls, host: str, token: str | None) -> Access:
        """The loopback interface needs no token; any other address needs one (generated when not given)."""
        loopback = is_loopback(host)
        if not loopback and not token:
            token = secrets.token_urlsafe(24)
        return cls(token=token or None, loopback_only=loopback)


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (set by the guard on the first response)."""
    return str(getattr(request.state, "csrf", ""))


def csrf_ok(request: Request, submitted: object) -> bool:
    expected = csrf_token(request)
    return bool(expected) and isinstance(submitted, str) and hmac.compare_digest(expected, submitted)


def safe_next(target: object, default: str = "/findings") -> str:
    """A redirect target inside this site (`/findings?status=open`), else the default.

    >>> safe_next("/findings?status=open"), safe_next("//evil.example/"), safe_next("https://evil.example")
    ('/findings?status=open', '/findings', '/findings')
    """
    text = str(target or "")
    if not text.startswith("/") or text.startswith("//") or "\\" in text or any(ord(c) < 32 for c in text):
        return default
    return text


def _host_name(host_header: str) -> str:
    if host_header.startswith("["):
        return host_header[: host_header.find("]") + 1]
    return host_header.rsplit(":", 1)[0] if ":" in host_header else host_header


class Guard(BaseHTTPMiddleware):
    """Host check, access token, CSRF cookie and Origin check, security headers."""

    def __init__(self, app: object, access: Access) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.access = access

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        host = _host_name(request.headers.get("host", ""))
        if self.access.loopback_only and not is_loopback(host):
            return self._headers(PlainTextResponse("unexpected Host header", status_code=400))
        if self.access.token:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, self.access.token):
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                target = request.url.path + (f"?{query}" if query else "")
                response: Response = RedirectResponse(target, status_code=303)
                self._set_cookie(response, TOKEN_COOKIE, self.access.token)
                return self._headers(response)
            if not self._authorised(request):
                text = "access token required: open the address the server printed (it ends in ?token=...)"
                return self._headers(PlainTextResponse(text, status_code=401))
        if request.method not in {"GET", "HEAD"}:
            origin = request.headers.get("origin")
            if origin and origin != "null" and _host_name(urlsplit(origin).netloc) != host:
                return self._headers(PlainTextResponse("cross-site request refused", status_code=403))
        csrf = request.cookies.get(CSRF_COOKIE, "")
        new_csrf = not (16 <= len(csrf) <= 128 and csrf.isascii())
        if new_csrf:
            csrf = secrets.token_urlsafe(32)
        request.state.csrf = csrf
        response = await call_next(request)
        if new_csrf:
            self._set_cookie(response, CSRF_COOKIE, csrf)
        return self._headers(response)

    def _authorised(self, request: Request) -> bool:
        token = self.access.token or ""
        cookie = request.cookies.get(TOKEN_COOKIE, "")
        header = request.headers.get("authorization", "")
        bearer = header[7:] if header.lower().startswith("bearer ") else ""
        return any(hmac.compare_digest(given, token) for given in (cookie, bearer) if given)

    @staticmethod
    def _set_cookie(response: Response, name: str, value: str) -> None:
        response.set_cookie(name, value, httponly=True, samesite="strict", path="/")

    @staticmethod
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"  # no-referrer would make a form's Origin "null"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if response.media_type in {"text/html", None} or "text/html" in response.headers.get(
            "content-type", ""
        ):
            response.headers["Cache-Control"] = "no-store"
        return response
