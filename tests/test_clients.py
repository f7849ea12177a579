"""The client's address: from the connection, or from a trusted proxy's header."""

import ipaddress
import subprocess
import sys
from typing import Any

import pytest
from django.test import RequestFactory

from safetyquiz.clients import client_address, client_from
from tests.test_security import ROOT, production_env

TRUSTED = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128")]


@pytest.mark.parametrize(
    ("remote", "header", "client"),
    [
        ("203.0.113.5", None, "203.0.113.5"),  # no header: the connection's address
        ("10.0.0.2", "203.0.113.5", "203.0.113.5"),  # from our proxy: its header
        ("10.0.0.2", "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # what the client wrote: left
        ("10.0.0.2", "198.51.100.1, 203.0.113.5, 10.0.0.3", "203.0.113.5"),  # two proxies
        ("198.51.100.9", "203.0.113.5", "198.51.100.9"),  # not a proxy of ours: not believed
        ("10.0.0.2", "not an address", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", "10.0.0.3", "10.0.0.3"),  # every hop ours: the farthest
        ("::1", "::ffff:203.0.113.5", "203.0.113.5"),  # IPv4 written as IPv6
        ("garbage", "203.0.113.5", None),
    ],
)
def test_the_client_is_read_from_the_right_past_our_proxies(
    remote: str, header: str | None, client: str | None
) -> None:
    found = client_from(remote, header, TRUSTED)
    assert (str(found) if found is not None else None) == client


def request_from(remote: str, **headers: str) -> Any:
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_without_a_configured_header_the_proxy_header_is_ignored(settings: Any) -> None:
    settings.SAFETYQUIZ_CLIENT_IP_HEADER = ""
    request = request_from("127.0.0.1", X_Forwarded_For="203.0.113.5")
    assert client_address(request) == "127.0.0.1"


def test_the_configured_header_names_the_client_behind_a_trusted_proxy(settings: Any) -> None:
    settings.SAFETYQUIZ_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.SAFETYQUIZ_TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    assert client_address(request_from("127.0.0.1", X_Forwarded_For="203.0.113.5")) == (
        "203.0.113.5"
    )
    assert client_address(request_from("198.51.100.9", X_Forwarded_For="203.0.113.5")) == (
        "198.51.100.9"
    )


def test_an_ipv6_client_is_counted_by_its_64(settings: Any) -> None:
    settings.SAFETYQUIZ_CLIENT_IP_HEADER = ""
    one = client_address(request_from("2001:db8:1:2::17"))
    other = client_address(request_from("2001:db8:1:2:ffff::1"))
    assert one == other == "2001:db8:1:2::"
    assert client_address(request_from("2001:db8:1:3::17")) != one


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start() -> None:
    env = production_env(SAFETYQUIZ_TRUSTED_PROXIES="10.0.0.1,the-proxy")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SAFETYQUIZ_TRUSTED_PROXIES: 'the-proxy' is not an address or a network" in result.stderr
