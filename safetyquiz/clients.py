"""Who is asking: the client's address, as every throttle counts it (sign-in, join, reset).

Behind a reverse proxy every request comes from the proxy's address, so a deployment names
the header its proxy sets (``SAFETYQUIZ_CLIENT_IP_HEADER``, e.g. ``X-Forwarded-For``) and
the proxies it trusts (``SAFETYQUIZ_TRUSTED_PROXIES``). The header is believed only on a
request from a trusted proxy, read from the right, past every trusted proxy's own entry:
what a client writes into the header itself sits to the left of what the proxies append,
and is never read.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# A phone or a household holds a whole IPv6 /64 and can use any address in it.
IPV6_PREFIX = 64


def parse_address(text: str) -> Address | None:
    """The address written in ``text``, or None when it is not one; an IPv4 address
    written as IPv6 (``::ffff:192.0.2.7``) is read as the IPv4 address it is."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def counted_as(address: Address) -> str:
    """The address a throttle counts: an IPv4 address as it is, an IPv6 one by its /64."""
    if isinstance(address, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False)
        return str(network.network_address)
    return str(address)


def client_from(remote: str, header: str | None, trusted: Sequence[Network]) -> Address | None:
    """The client's address, from the peer's address and the proxy header's value."""
    peer = parse_address(remote)
    if peer is None or header is None or not any(peer in network for network in trusted):
        return peer
    client = peer
    for entry in reversed(header.split(",")):
        address = parse_address(entry)
        if address is None:  # a proxy of ours wrote something unreadable: stop at the last
            break
        client = address
        if not any(address in network for network in trusted):
            break
    return client


def client_address(request: HttpRequest) -> str | None:
    """The address the throttles count this request by (None when there is none to read)."""
    name = settings.SAFETYQUIZ_CLIENT_IP_HEADER
    header = request.headers.get(name) if name else None
    address = client_from(
        request.META.get("REMOTE_ADDR", ""), header, settings.SAFETYQUIZ_TRUSTED_PROXIES
    )
    return counted_as(address) if address is not None else None
