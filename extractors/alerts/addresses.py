"""Where a webhook may go: no private, loopback, link-local or otherwise internal address (no SSRF).

The check runs on the addresses a host name resolves to, so a public-looking name that points inside
the network is refused too. An allow-list (CIDRs or single addresses) lets a site reach its own
receivers on purpose.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from schemas.errors import ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_allow(entries: list[str]) -> list[Network]:
    try:
        return [ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip()]
    except ValueError as exc:
        raise ConfigError(
            f"JOBMINE_ALERT_WEBHOOK_ALLOW holds something that is not an address or CIDR: {exc}"
        ) from exc


def webhook_host(url: str) -> tuple[str, int]:
    """Host and port of an http(s) URL without credentials; anything else is a clear error."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("a webhook URL must be an http:// or https:// address with a host")
    if parts.username or parts.password:
        raise ConfigError("a webhook URL must not carry a user name or password")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ConfigError(f"the webhook URL's port is not valid: {exc}") from exc
    return parts.hostname, port


def refusal(address: str, allow: list[Network]) -> str | None:
    """Why `address` may not be called (None when it may)."""
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in net for net in allow):
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
        if any(ip in net for net in allow):
            return None
    for kind in ("loopback", "unspecified", "link_local", "private", "multicast", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"{ip} is a {kind.replace('_', '-')} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def refusals(addresses: list[str], allow: list[Network]) -> list[str]:
    """Every reason to refuse any of a host's addresses: one internal address is enough to refuse."""
    return [r for a in addresses if (r := refusal(a, allow))]


def pinned(url: str, address: str) -> tuple[str, str]:
    """`url` aimed at the checked `address`, and the Host header naming the original host.

    Connecting by name would resolve it a second time, after the check: a name re-pointed in between
    (DNS rebinding) would reach whatever it then names. TLS still verifies the original name (the
    caller sends it as the SNI hostname)."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    named = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{literal}{port}").geturl(), f"{named}{port}"
