"""LAN addresses and join URLs: never 0.0.0.0, never loopback or link-local for others."""

from __future__ import annotations

import io
import socket
from typing import Any

import pygame
import pytest

from game.join_qr import join_qr_png, join_qr_svg, join_qr_text, join_url
from server import lan


class _FakeUdp:
    def __init__(self, address: str | None) -> None:
        self.address = address

    def __enter__(self) -> _FakeUdp:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def connect(self, probe: Any) -> None:
        if self.address is None:
            raise OSError("Network is unreachable")

    def getsockname(self) -> tuple[str, int]:
        assert self.address is not None
        return (self.address, 50000)


def _network(monkeypatch: pytest.MonkeyPatch, route: str | None, names: list[str]) -> None:
    monkeypatch.setattr(lan.socket, "socket", lambda *a, **k: _FakeUdp(route))
    infos = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in names]
    monkeypatch.setattr(lan.socket, "getaddrinfo", lambda *a, **k: infos)


def test_the_default_route_comes_first_and_loopback_link_local_are_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _network(monkeypatch, "192.168.1.20", ["127.0.1.1", "169.254.3.4", "10.0.0.5", "192.168.1.20"])
    assert lan.lan_addresses() == ["192.168.1.20", "10.0.0.5"]
    assert lan.base_urls("0.0.0.0", 8080) == ["http://192.168.1.20:8080", "http://10.0.0.5:8080"]


def test_no_network_falls_back_to_this_machine_never_0_0_0_0(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _network(monkeypatch, None, ["127.0.1.1"])
    assert lan.lan_addresses() == []
    assert lan.base_urls("0.0.0.0", 9000) == ["http://127.0.0.1:9000"]


def test_a_given_host_and_a_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    _network(monkeypatch, "192.168.1.20", [])
    assert lan.base_urls("127.0.0.1", 8080) == ["http://127.0.0.1:8080"]
    assert lan.base_urls("10.1.2.3", 8080) == ["http://10.1.2.3:8080"]
    public = "https://atelier.example.org/capia/"
    assert lan.base_urls("0.0.0.0", 8080, public) == ["https://atelier.example.org/capia"]
    assert lan.is_loopback("127.0.0.1") and lan.is_loopback("localhost")
    assert not lan.is_loopback("0.0.0.0")


def test_the_join_qr_code_is_a_png_pygame_loads_and_an_svg() -> None:
    url = join_url("http://192.168.1.20:8080/", "ABCDEF")
    assert url == "http://192.168.1.20:8080/t/ABCDEF"
    png = join_qr_png(url)
    assert png.startswith(b"\x89PNG")
    surface = pygame.image.load(io.BytesIO(png), "qr.png")
    assert surface.get_width() == surface.get_height() > 100
    assert join_qr_svg(url).lstrip().startswith("<?xml")
    text = join_qr_text(url)
    assert "█" in text and len(text.splitlines()) < 25
