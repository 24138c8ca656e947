"""The addresses others in the room reach this machine at, and the base URLs to print.

A server bound to a wildcard (0.0.0.0, ::, "") listens on every interface, but nobody can
open `http://0.0.0.0:8080`: the banner and the QR codes need the machine's LAN address.
Two stdlib ways find it, without sending anything: the local address the OS would pick for
a UDP "connection" to a public address (the default route), and the addresses the host's
own name resolves to. Loopback, link-local and unspecified addresses are left out.
"""

from __future__ import annotations

import ipaddress
import socket

#: where the UDP trick "connects" (no packet is sent: connect() on UDP only picks a route)
ROUTE_PROBES = (("192.0.2.1", 80), ("2001:db8::1", 80))  # documentation ranges
WILDCARDS = {"", "0.0.0.0", "::", "*"}


def _usable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def _route_address(probe: tuple[str, int]) -> str | None:
    family = socket.AF_INET6 if ":" in probe[0] else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect(probe)
            return str(s.getsockname()[0])
    except OSError:
        return None


def _hostname_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, proto=socket.IPPROTO_TCP)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def lan_addresses(*, ipv6: bool = False) -> list[str]:
    """This machine's addresses others on the network can reach, default route first
    (IPv4 only unless `ipv6`); empty when the machine has no network."""
    found: list[str] = []
    probes = ROUTE_PROBES if ipv6 else ROUTE_PROBES[:1]
    candidates = [_route_address(p) for p in probes] + _hostname_addresses()
    for address in candidates:
        if address is None or not _usable(address) or address in found:
            continue
        if ":" in address and not ipv6:
            continue
        found.append(address)
    return found


def is_loopback(host: str) -> bool:
    """Whether a listening address only accepts this machine (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def base_urls(host: str, port: int, public_url: str | None = None) -> list[str]:
    """The base URLs to hand out for a server listening on (host, port).

    `public_url` (a hosted VM, a reverse proxy) is the only one when given; a wildcard
    host gives one URL per LAN address (127.0.0.1 when there is none); any other host
    gives itself.
    """
    if public_url:
        return [public_url.rstrip("/")]
    if host in WILDCARDS:
        addresses = lan_addresses(ipv6=":" in host)
        return [_url(a, port) for a in addresses] or [_url("127.0.0.1", port)]
    return [_url(host, port)]
