"""What every request must show and every response carries, whichever route answers.

Plain ASGI middlewares (no per-request task, no buffering), plus the names the
server answers to, for Starlette's `TrustedHostMiddleware`:

- the Host header must be one of this server's names, so that a web page whose
  domain an attacker points at 127.0.0.1 (DNS rebinding) cannot read the API;
- security headers on every response, the errors included;
- HEAD is answered wherever GET is (the headers of the GET, no body).
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
from collections.abc import Iterable

# Names a browser on this machine uses for a loopback server; an attacker's DNS cannot give them.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")

# What the dashboard page may load: only this server (no CDN, no tiles); Leaflet sets inline styles.
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S | re.I)
_SCRIPT_SRC = re.compile(r"<script[^>]*\ssrc=\"([^\"]+)\"", re.I)
_LINK = re.compile(r"<link([^>]*)>", re.I)
_ATTR = re.compile(r"""(\w+)=["']([^"']*)["']""")


def page_csp(html: str) -> str:
    """A CSP for a page we generate (the API docs): it may run exactly the scripts it was
    served with (inline ones by hash) and load only what it names, from this server or
    from where it names them."""
    inline = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in _INLINE_SCRIPT.findall(html)]
    scripts = [u for u in _SCRIPT_SRC.findall(html) if "://" in u]
    styles, images = [], []
    for attrs in map(dict, (_ATTR.findall(tag) for tag in _LINK.findall(html))):
        href = attrs.get("href", "")
        if "://" in href:
            (styles if attrs.get("rel", "").lower() == "stylesheet" else images).append(href)
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *inline, *scripts]),
            " ".join(["style-src 'self' 'unsafe-inline'", *styles]),  # Swagger UI sets style attributes
            " ".join(["img-src 'self' data:", *images]),
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(csp: str | None = CSP) -> dict[str, str]:
    """The headers every response carries (for a response built outside the middleware)."""
    out = dict(HEADERS)
    if csp is None:
        del out["content-security-policy"]
    else:
        out["content-security-policy"] = csp
    return out


class SecurityHeaders:
    """Adds `security_headers()` to every response that does not set its own.

    `policies` maps a path prefix to the CSP of the pages under it (the API docs run
    Swagger UI, which needs more than the dashboard).
    """

    def __init__(self, app, policies: dict[str, str | None] | None = None) -> None:
        self.app = app
        self.policies = policies or {}

    def _csp(self, path: str) -> str | None:
        for prefix, policy in self.policies.items():
            if path.startswith(prefix):
                return policy
        return CSP

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = [(k.encode(), v.encode()) for k, v in security_headers(self._csp(scope.get("path", ""))).items()]

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answers HEAD by running the GET and sending its status and headers without the body."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            return await self.app(scope, receive, send)
        finished = False

        async def headers_only(message) -> None:
            nonlocal finished
            if message["type"] == "http.response.body":
                if finished:
                    return  # the rest of a streamed body
                finished = True
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def is_loopback(host: str) -> bool:
    """Is `host` (an address or a name to bind) reachable from this machine only?"""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str | None = None, extra: Iterable[str] = ()) -> list[str]:
    """The Host names to answer: loopback names, the address bound (when it is one address), and `extra`."""
    names = list(LOOPBACK_HOSTS)
    if bind and bind not in WILDCARD_ADDRESSES:
        names.append(f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind)
    for name in extra:
        name = name.strip().lower()
        if name:
            names.append(f"[{name}]" if ":" in name and not name.startswith("[") else name)
    return list(dict.fromkeys(n.lower() for n in names))
