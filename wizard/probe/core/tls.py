"""TLS for the probe: a verifying context, a fallback that still reads the
certificate of an untrusted server, and the facts people need from it."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from dataclasses import asdict, dataclass, field

from cryptography import x509
from cryptography.x509.oid import NameOID

__all__ = [
    "TlsFacts",
    "certificate_names",
    "facts_from",
    "name_matches",
    "reading_context",
    "verifying_context",
]


@dataclass
class TlsFacts:
    version: str = ""
    cipher: str = ""
    names: list[str] = field(default_factory=list)
    issuer: str = ""
    not_after: str = ""
    expired: bool | None = None
    trusted: bool | None = None
    trust_error: str = ""
    name_match: bool | None = None

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def verifying_context(cafile: str | None = None) -> ssl.SSLContext:
    """Trust as browsers would (or ``cafile`` in test labs); names we check ourselves,
    so a wrong name is reported rather than ending the handshake."""
    context = ssl.create_default_context(cafile=cafile)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def reading_context() -> ssl.SSLContext:
    """For a server whose certificate failed verification: finish the handshake
    anyway, only to read what the certificate says. Nothing is sent over it."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def facts_from(
    ssl_object: ssl.SSLObject | None,
    *,
    server_name: str | None,
    trusted: bool,
) -> TlsFacts:
    """What the certificate of a finished handshake says; ``trusted``: whether
    it was verified (the caller adds why not)."""
    facts = TlsFacts(trusted=trusted)
    if ssl_object is None:
        return facts
    facts.version = ssl_object.version() or ""
    cipher = ssl_object.cipher()
    facts.cipher = cipher[0] if cipher else ""
    der = ssl_object.getpeercert(binary_form=True)
    if not der:
        return facts
    certificate = x509.load_der_x509_certificate(der)
    facts.names = certificate_names(certificate)
    facts.issuer = _common_name(certificate.issuer) or certificate.issuer.rfc4514_string()
    expiry = certificate.not_valid_after_utc
    facts.not_after = expiry.date().isoformat()
    facts.expired = expiry < dt.datetime.now(dt.UTC)
    if server_name:
        facts.name_match = name_matches(server_name, facts.names)
    return facts


def certificate_names(certificate: x509.Certificate) -> list[str]:
    """DNS names and IP addresses the certificate is issued for (SAN, else CN)."""
    try:
        san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        common = _common_name(certificate.subject)
        return [common.lower()] if common else []
    names = [name.lower() for name in san.get_values_for_type(x509.DNSName)]
    names += [str(address) for address in san.get_values_for_type(x509.IPAddress)]
    return names[:50]


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""


def name_matches(server_name: str, names: list[str]) -> bool:
    """RFC 6125: exact, or a wildcard standing for exactly the leftmost label.

    >>> name_matches("smtp.example.jp", ["*.example.jp"])
    True
    >>> name_matches("a.b.example.jp", ["*.example.jp"])
    False
    """
    server_name = server_name.lower().rstrip(".")
    try:
        address = ipaddress.ip_address(server_name)
    except ValueError:
        address = None
    for name in names:
        if address is not None:
            if name == str(address):
                return True
            continue
        if name == server_name:
            return True
        if name.startswith("*.") and "." in server_name:
            first, rest = server_name.split(".", 1)
            if rest == name[2:] and first:
                return True
    return False
