"""Fetch a web page or feed safely: http(s) only, public addresses only, size and time bounded.

A URL given to ``whimbrel ingest`` (or found in a feed) must not make whimbrel talk to the
machine it runs on or its private network (cloud metadata at 169.254.169.254, an admin page
on localhost). So the host is resolved first and every address it resolves to must be
public: loopback, private, link-local, multicast, reserved and unspecified addresses are
refused, IPv4-mapped IPv6 included. The connection then goes to the checked address itself
(the name travels in the Host header and TLS SNI), so a DNS answer that changes between the
check and the connection cannot slip through. Redirects are followed by hand, each target
checked the same way.

Tests pass an ``httpx.MockTransport`` and a resolver, so nothing touches the network.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from whimbrel import __version__
from whimbrel.errors import InputError

Resolver = Callable[[str], list[str]]
MAX_BYTES = 16 * 1024 * 1024
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}


def resolve_host(host: str) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """Whether an IP address is one a fetch may connect to."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


@dataclass(frozen=True)
class Page:
    """What a fetch returned: the final URL (after redirects), the body and its type."""

    url: str
    content: bytes
    content_type: str


class Fetcher:
    """Fetches http(s) URLs that resolve to public addresses; see the module docstring."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        resolver: Resolver = resolve_host,
        timeout: float = 20.0,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.resolver = resolver
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": f"whimbrel/{__version__} (news event coder)"},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, url: str) -> tuple[httpx.URL, str]:
        """The parsed URL and the public address to connect to, or an InputError saying why not."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError) as exc:
            raise InputError(f"not a valid URL: {exc}", source=url) from None
        if parsed.scheme not in ("http", "https"):
            raise InputError(
                f"refused: only http and https URLs are fetched, not {parsed.scheme or 'none'}",
                source=url,
            )
        host = parsed.host
        if not host:
            raise InputError("refused: the URL has no host", source=url)
        try:
            addresses = self.resolver(host)
        except (OSError, UnicodeError) as exc:
            raise InputError(f"cannot resolve host {host}: {exc}", source=url) from None
        if not addresses:
            raise InputError(f"cannot resolve host {host}", source=url)
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise InputError(
                f"refused: {host} resolves to a non-public address ({private[0]}); whimbrel "
                "fetches only public internet addresses",
                source=url,
            )
        return parsed, addresses[0]

    def get(self, url: str) -> Page:
        """GET ``url``, following up to five redirects, each checked before it is followed."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parsed, address = self.check(current)
            response_or_next = self._get_once(current, parsed, address)
            if isinstance(response_or_next, Page):
                return response_or_next
            current = response_or_next
        raise InputError(f"refused: more than {MAX_REDIRECTS} redirects", source=url)

    def _get_once(self, url: str, parsed: httpx.URL, address: str) -> Page | str:
        host = parsed.host
        pinned = parsed.copy_with(host=address)
        headers = {"Host": parsed.netloc.decode("ascii")}
        extensions = {"sni_hostname": host} if parsed.scheme == "https" else {}
        request = self.client.build_request("GET", pinned, headers=headers, extensions=extensions)
        try:
            response = self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise InputError(f"fetch failed: {exc}", source=url) from None
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise InputError("redirect without a Location header", source=url)
                return urljoin(url, location)
            if response.status_code >= 400:
                raise InputError(f"HTTP status {response.status_code}", source=url)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    raise InputError(f"larger than {self.max_bytes:,} bytes", source=url)
        except httpx.HTTPError as exc:
            raise InputError(f"fetch failed: {exc}", source=url) from None
        finally:
            response.close()
        return Page(
            url=url, content=bytes(body), content_type=response.headers.get("content-type", "")
        )
