"""The guards of ``whimbrel serve``: body size limit, bearer token, security headers (docs/api.md).

- :class:`BodyLimit` answers 413 to a request whose ``Content-Length`` is over the limit, and
  to one whose streamed body grows past it (chunked uploads have no length to check), before
  any route sees it.
- :func:`check_token` is the rule of the write endpoints: 403 when the server was started
  without a token (writes are off), 401 when the bearer token is missing or wrong. Tokens
  are compared in constant time.
- :class:`SecurityHeaders` adds ``nosniff`` everywhere and a strict Content-Security-Policy on
  the web page, whose assets all come from the package (nothing from a CDN).
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from whimbrel.errors import WhimbrelError

MAX_BODY = 5 * 1024 * 1024

#: The page's policy: its own scripts, styles and API only.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class ApiError(WhimbrelError):
    """An HTTP error of the API itself (auth, size), in the same shape as every other error."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code


def error_body(code: str, message: str) -> bytes:
    """The one error shape of the API: ``{"error": {"code", "message"}}``."""
    return json.dumps({"error": {"code": code, "message": message}}).encode("utf-8")


async def _send_json(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    def _too_large(self) -> bytes:
        mb = self.limit / (1024 * 1024)
        return error_body("payload_too_large", f"the request body is over {mb:g} MB")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _send_json(send, 400, error_body("bad_request", "bad Content-Length"))
                return
            if declared > self.limit:
                await _send_json(send, 413, self._too_large())
                return
        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        # Read the body first, counting: a chunked body declares no length.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _send_json(send, 413, self._too_large())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class SecurityHeaders:
    """ASGI middleware: ``nosniff`` on every response, the CSP on the page and its assets."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        page = path == "/" or path.startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if page:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                    headers.append((b"x-frame-options", b"DENY"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def check_token(expected: str | None, authorization: str | None) -> None:
    """Raise the 403/401 :class:`ApiError` unless ``authorization`` carries the server's token."""
    if not expected:
        raise ApiError(
            403,
            "writes_disabled",
            "this server was started without a token, so it accepts no writes: start it "
            "with --token or WHIMBREL_TOKEN",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", "missing bearer token (Authorization: Bearer ...)")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "wrong bearer token")


def describe(value: Any) -> str:
    """A short text for a validation error's location (``body.text``, ``query.limit``)."""
    return ".".join(str(p) for p in value) if isinstance(value, list | tuple) else str(value)
