"""TLS for the probe: one handshake that never fails on the certificate, then
the chain and the name verified here, and the facts people need from it.

A verifying handshake that fails ends the connection mid-way, with no QUIT:
mail servers log "lost connection after STARTTLS" and fail2ban counts it. So
the handshake accepts any certificate, the probe goes on to EHLO and QUIT as
for any server, and trust is judged afterwards with ``cryptography``.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import os
import ssl
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.general_name import DNSName, IPAddress
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

__all__ = [
    "ChainRecorder",
    "TlsFacts",
    "TrustProblem",
    "certificate_names",
    "facts_from",
    "load_roots",
    "name_matches",
    "probing_context",
    "verify_certificate",
]

# A server sending more than this is not sending a chain people need to see.
MAX_CHAIN = 10
_CERTIFICATE_MESSAGE = 11


class TrustProblem(StrEnum):
    """Why a certificate does not verify, as a stable code the pages word."""

    SELF_SIGNED = "self-signed"
    UNKNOWN_ISSUER = "unknown-issuer"  # no path to a trusted root (or a missing intermediate)
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"
    BAD_CERTIFICATE = "bad-certificate"  # a path exists, but the certificate breaks the rules
    NO_CERTIFICATE = "no-certificate"
    NO_TRUST_STORE = "no-trust-store"  # our side: no roots to verify against
    NAME_MISMATCH = "name-mismatch"  # the chain may verify; the name is not in it


# In OpenSSL's words, as reports have always said them (the pages word the code).
_TRUST_ERRORS: dict[TrustProblem, str] = {
    TrustProblem.SELF_SIGNED: "self-signed certificate",
    TrustProblem.UNKNOWN_ISSUER: "unable to get local issuer certificate",
    TrustProblem.EXPIRED: "certificate has expired",
    TrustProblem.NOT_YET_VALID: "certificate is not yet valid",
    TrustProblem.BAD_CERTIFICATE: "certificate rejected",
    TrustProblem.NO_CERTIFICATE: "no certificate received",
    TrustProblem.NO_TRUST_STORE: "no trusted certificates to verify against",
    TrustProblem.NAME_MISMATCH: "certificate is not for this name",
}


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
    # Additive: why the chain is not trusted ("" when it is), a TrustProblem.
    trust_code: str = ""
    # Additive: the one reason the certificate does not verify for the name
    # checked: ``trust_code`` first, else "name-mismatch"; "" when all is well.
    verify_code: str = ""
    # Additive: the host name, or the IP address for an IP target, checked.
    checked_name: str = ""
    # Additive: how many certificates the server sent, None if we could not read
    # them (then only the leaf was verified, and a missing intermediate is likely).
    chain_sent: int | None = None
    # Additive: the certificate's subject (CN), its issuer's organisation (O),
    # and its expiry to the second in UTC ("2026-03-01T12:00:00Z"); ``not_after``
    # stays the date alone, as reports have always had it.
    subject: str = ""
    issuer_org: str = ""
    not_after_time: str = ""

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class ChainRecorder:
    """Keeps the Certificate handshake message the server sends, so the chain it
    sent can be read on Python versions without ``get_unverified_chain``."""

    def __init__(self) -> None:
        self.message: bytes = b""

    def __call__(
        self,
        conn: object,
        direction: str,
        version: object,
        content_type: object,
        msg_type: int,
        data: bytes,
    ) -> None:
        if direction == "read" and msg_type == _CERTIFICATE_MESSAGE and data[:1] == b"\x0b":
            self.message = bytes(data[: 1 << 20])

    def chain(self, tls_version: str) -> list[bytes] | None:
        """The DER certificates the server sent, leaf first, or ``None``."""
        if not self.message:
            return None
        try:
            return _parse_certificate_message(self.message, tls13=tls_version == "TLSv1.3")
        except (IndexError, ValueError):
            return None


def _parse_certificate_message(message: bytes, *, tls13: bool) -> list[bytes]:
    """RFC 8446 4.4.2 / RFC 5246 7.4.2: a header, then length-prefixed certificates.

    >>> header, certificates = b"\\x0b\\x00\\x00\\x08", b"\\x00\\x00\\x05"
    >>> _parse_certificate_message(header + certificates + b"\\x00\\x00\\x02ab", tls13=False)
    [b'ab']
    """
    body = message[4 : 4 + int.from_bytes(message[1:4], "big")]
    at = 0
    if tls13:
        at = 1 + body[0]  # certificate_request_context
    end = at + 3 + int.from_bytes(body[at : at + 3], "big")
    at += 3
    if end > len(body):
        raise ValueError("truncated certificate list")
    chain: list[bytes] = []
    while at < end and len(chain) < MAX_CHAIN:
        size = int.from_bytes(body[at : at + 3], "big")
        at += 3
        if at + size > end:
            raise ValueError("truncated certificate")
        chain.append(body[at : at + size])
        at += size
        if tls13:
            at += 2 + int.from_bytes(body[at : at + 2], "big")  # per-certificate extensions
    return chain


def probing_context() -> tuple[ssl.SSLContext, ChainRecorder]:
    """A context that finishes the handshake whatever the certificate, and a
    recorder of the chain the server sends; trust is judged afterwards."""
    # Nothing is verified here (trust is judged afterwards, against
    # load_roots), so the system's CA store is not loaded as
    # create_default_context would: that load was most of a probe's CPU.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    recorder = ChainRecorder()
    if not hasattr(ssl.SSLObject, "get_unverified_chain"):
        # CPython's message hook (3.8+): the only way to the sent chain before 3.13.
        setattr(context, "_msg_callback", recorder)  # noqa: B010 (not in the stubs)
    return context, recorder


def sent_chain(ssl_object: ssl.SSLObject, recorder: ChainRecorder) -> list[bytes] | None:
    """The certificates the server sent, leaf first, or ``None`` if unreadable."""
    unverified: Callable[[], list[bytes]] | None = getattr(ssl_object, "get_unverified_chain", None)
    if unverified is not None:
        return list(unverified())[:MAX_CHAIN]
    return recorder.chain(ssl_object.version() or "")


def load_roots(cafile: str | None = None) -> list[x509.Certificate]:
    """Trusted roots: ``cafile`` (test labs) instead of the system's, as
    ``ssl.create_default_context(cafile=...)`` did; else the system trust store."""
    if cafile:
        return _roots_from(Path(cafile), _mtime(cafile))
    paths = ssl.get_default_verify_paths()
    for path in (paths.cafile, paths.openssl_cafile):
        if path and os.path.isfile(path):
            return _roots_from(Path(path), _mtime(path))
    if paths.capath and os.path.isdir(paths.capath):
        return _roots_in(Path(paths.capath), _mtime(paths.capath))
    return []


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


@functools.lru_cache(maxsize=8)
def _roots_from(path: Path, mtime: float) -> list[x509.Certificate]:
    try:
        return _parse_pem(path.read_bytes())
    except OSError:
        return []


@functools.lru_cache(maxsize=2)
def _roots_in(directory: Path, mtime: float) -> list[x509.Certificate]:
    roots: list[x509.Certificate] = []
    for path in sorted(directory.iterdir()):
        if path.suffix in {".pem", ".crt"} or path.name[-2:-1] == ".":
            try:
                roots += _parse_pem(path.read_bytes())
            except OSError:
                continue
    return roots


def _parse_pem(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle; one we cannot parse is skipped, not fatal."""
    certificates = []
    end = b"-----END CERTIFICATE-----"
    with warnings.catch_warnings():
        # System stores still hold old roots cryptography warns about (negative serials).
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        for block in data.split(end)[:-1]:
            try:
                certificates.append(x509.load_pem_x509_certificate(block + end))
            except ValueError:
                continue
    return certificates


def _server_key_usage(
    policy: object, certificate: object, usage: x509.ExtendedKeyUsage | None
) -> None:
    if usage is not None and not {
        ExtendedKeyUsageOID.SERVER_AUTH,
        ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
    } & set(usage):
        raise ValueError("the certificate is not for servers")


# Judged as OpenSSL (and so mail programs) would: the Web PKI profile's stricter
# rules on criticality reject certificates that mail servers use every day.
_LEAF_POLICY = (
    ExtensionPolicy.permit_all()
    .require_present(x509.SubjectAlternativeName, Criticality.AGNOSTIC, None)
    .may_be_present(x509.ExtendedKeyUsage, Criticality.AGNOSTIC, _server_key_usage)
)


@dataclass(frozen=True)
class Verdict:
    trust_code: TrustProblem | None
    name_match: bool
    detail: str = ""


def verify_certificate(
    leaf: x509.Certificate,
    intermediates: list[x509.Certificate],
    *,
    name: str,
    roots: list[x509.Certificate],
    now: dt.datetime | None = None,
) -> Verdict:
    """Whether ``leaf`` chains to ``roots`` and is for ``name`` (a host name, or
    an IP address, checked as an IP address)."""
    names = certificate_names(leaf)
    matches = name_matches(name, names)
    now = now or dt.datetime.now(dt.UTC)
    if not roots:
        return Verdict(TrustProblem.NO_TRUST_STORE, matches)
    builder = PolicyBuilder().store(Store(roots)).time(now)
    builder = builder.extension_policies(
        ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=_LEAF_POLICY
    )
    error = _verify(builder, _subject(name), leaf, intermediates) if matches else _NOT_FOR_NAME
    if error is not None and _NOT_FOR_NAME in error:
        # Not for the name (in the verifier's reading, which counts): judge the
        # chain alone, with a name the certificate is for.
        matches = False
        error = _verify(builder, _subject_in(leaf), leaf, intermediates)
    if error is not None:
        return Verdict(_trust_problem(leaf, roots, now, error), matches, error[:200])
    return Verdict(None, matches)


_NOT_FOR_NAME = "no matching subjectAltName"


def _verify(
    builder: PolicyBuilder,
    subject: DNSName | IPAddress | None,
    leaf: x509.Certificate,
    intermediates: list[x509.Certificate],
) -> str | None:
    """The verifier's complaint, or ``None`` when the certificate verifies."""
    if subject is None:
        return "leaf certificate has no usable subjectAltName"
    try:
        builder.build_server_verifier(subject).verify(leaf, intermediates)
    except VerificationError as error:
        return str(error)
    return None


def _subject(name: str) -> DNSName | IPAddress | None:
    try:
        return IPAddress(ipaddress.ip_address(name))
    except ValueError:
        pass
    try:
        return DNSName(name.lower().rstrip("."))
    except ValueError:
        return None


def _subject_in(leaf: x509.Certificate) -> DNSName | IPAddress | None:
    """A name the certificate is for, to judge its chain apart from the name."""
    for name in certificate_names(leaf, san_only=True):
        if name.startswith("*."):
            name = "wildcard" + name[1:]
        subject = _subject(name)
        if subject is not None:
            return subject
    return None


def _trust_problem(
    leaf: x509.Certificate, roots: list[x509.Certificate], now: dt.datetime, message: str
) -> TrustProblem:
    if leaf.not_valid_after_utc < now:
        return TrustProblem.EXPIRED
    if leaf.not_valid_before_utc > now:
        return TrustProblem.NOT_YET_VALID
    if leaf.issuer == leaf.subject and leaf not in roots:
        return TrustProblem.SELF_SIGNED
    if "candidates exhausted" in message and "interior errors" in message:
        return TrustProblem.UNKNOWN_ISSUER
    return TrustProblem.BAD_CERTIFICATE


def facts_from(
    ssl_object: ssl.SSLObject | None,
    recorder: ChainRecorder | None = None,
    *,
    name: str | None,
    roots: list[x509.Certificate],
) -> TlsFacts:
    """What the certificate of a finished handshake says, and whether it
    verifies for ``name`` (the host name, or the address of an IP target)."""
    facts = TlsFacts()
    if ssl_object is None:
        return facts
    facts.version = ssl_object.version() or ""
    cipher = ssl_object.cipher()
    facts.cipher = cipher[0] if cipher else ""
    der = ssl_object.getpeercert(binary_form=True)
    if not der:
        facts.trusted = False
        facts.trust_code = facts.verify_code = TrustProblem.NO_CERTIFICATE
        facts.trust_error = _TRUST_ERRORS[TrustProblem.NO_CERTIFICATE]
        return facts
    certificate = x509.load_der_x509_certificate(der)
    facts.names = certificate_names(certificate)
    facts.issuer = _common_name(certificate.issuer) or certificate.issuer.rfc4514_string()
    facts.subject = _common_name(certificate.subject)
    facts.issuer_org = _attribute(certificate.issuer, NameOID.ORGANIZATION_NAME)
    expiry = certificate.not_valid_after_utc
    facts.not_after = expiry.date().isoformat()
    facts.not_after_time = expiry.strftime("%Y-%m-%dT%H:%M:%SZ")
    facts.expired = expiry < dt.datetime.now(dt.UTC)
    chain = sent_chain(ssl_object, recorder) if recorder is not None else None
    facts.chain_sent = len(chain) if chain is not None else None
    intermediates = [_load_der(item) for item in (chain or [])[1:]]
    if not name:
        return facts
    verdict = verify_certificate(
        certificate,
        [item for item in intermediates if item is not None],
        name=name,
        roots=roots,
    )
    facts.checked_name = name
    facts.trusted = verdict.trust_code is None
    facts.name_match = verdict.name_match
    if verdict.trust_code is not None:
        facts.trust_code = facts.verify_code = verdict.trust_code
        facts.trust_error = _TRUST_ERRORS[verdict.trust_code]
        if verdict.trust_code is TrustProblem.BAD_CERTIFICATE and verdict.detail:
            facts.trust_error += f": {verdict.detail}"
    elif not verdict.name_match:
        facts.verify_code = TrustProblem.NAME_MISMATCH
    return facts


def _load_der(der: bytes) -> x509.Certificate | None:
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError:
        return None


def certificate_names(certificate: x509.Certificate, *, san_only: bool = False) -> list[str]:
    """DNS names and IP addresses the certificate is issued for (SAN, else CN)."""
    try:
        san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        common = "" if san_only else _common_name(certificate.subject)
        return [common.lower()] if common else []
    names = [name.lower() for name in san.get_values_for_type(x509.DNSName)]
    names += [str(address) for address in san.get_values_for_type(x509.IPAddress)]
    return names[:50]


def _common_name(name: x509.Name) -> str:
    return _attribute(name, NameOID.COMMON_NAME)


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value)[:200] if values else ""


def name_matches(server_name: str, names: list[str]) -> bool:
    """RFC 6125: exact, or a wildcard standing for exactly the leftmost label;
    an IP address matches only the same address among the certificate's.

    >>> name_matches("smtp.example.jp", ["*.example.jp"])
    True
    >>> name_matches("a.b.example.jp", ["*.example.jp"])
    False
    >>> name_matches("192.0.2.1", ["mail.example.jp"])
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
