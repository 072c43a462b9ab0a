"""Signing configuration profiles (CMS/PKCS#7), when the operator gives a certificate.

With ``WIZARD_PROFILE_SIGNING_CERT`` and ``WIZARD_PROFILE_SIGNING_KEY`` (PEM
files; the certificate file may hold the chain after the leaf) profiles are
signed, the content attached, as iOS expects; the device then shows the
signer's name (and "Verified" when it trusts the chain). Without them profiles
are served unsigned and the device shows "Not Verified".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class Signer:
    certificate: x509.Certificate
    # Intermediates, carried in the signature so the device can build the chain.
    intermediates: tuple[x509.Certificate, ...]
    key: SigningKey

    def sign(self, content: bytes) -> bytes:
        """``content`` signed with SHA-256, as DER, the content inside (not detached)."""
        builder = (
            pkcs7.PKCS7SignatureBuilder()
            .set_data(content)
            .add_signer(self.certificate, self.key, hashes.SHA256())
        )
        for certificate in self.intermediates:
            builder = builder.add_certificate(certificate)
        return builder.sign(serialization.Encoding.DER, [])


@functools.cache
def load_signer(cert_path: str, key_path: str) -> Signer:
    """The signer from two PEM files, read and checked once per pair of paths.

    Raises ``ImproperlyConfigured`` saying what is wrong: a file that cannot
    be read, no certificate, a key that is not RSA or EC (or has a password),
    or a key that is not the certificate's.
    """
    try:
        chain = x509.load_pem_x509_certificates(Path(cert_path).read_bytes())
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(
            f"WIZARD_PROFILE_SIGNING_CERT: cannot read a PEM certificate from {cert_path}: {error}"
        ) from error
    try:
        key = serialization.load_pem_private_key(Path(key_path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"WIZARD_PROFILE_SIGNING_KEY: cannot read an unencrypted PEM private key "
            f"from {key_path}: {error}"
        ) from error
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ImproperlyConfigured(
            f"WIZARD_PROFILE_SIGNING_KEY: {key_path} holds a {type(key).__name__}; "
            "profiles are signed with an RSA or EC key"
        )
    leaf, *intermediates = chain
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    if key.public_key().public_bytes(der, public) != leaf.public_key().public_bytes(der, public):
        raise ImproperlyConfigured(
            f"WIZARD_PROFILE_SIGNING_KEY ({key_path}) is not the key of the first certificate "
            f"in WIZARD_PROFILE_SIGNING_CERT ({cert_path}); the leaf must come first"
        )
    return Signer(certificate=leaf, intermediates=tuple(intermediates), key=key)


def signer() -> Signer | None:
    """The configured signer, or ``None`` when profiles are served unsigned."""
    cert_path = settings.WIZARD_PROFILE_SIGNING_CERT
    key_path = settings.WIZARD_PROFILE_SIGNING_KEY
    if not cert_path and not key_path:
        return None
    if not cert_path or not key_path:
        raise ImproperlyConfigured(
            "Set both WIZARD_PROFILE_SIGNING_CERT and WIZARD_PROFILE_SIGNING_KEY, or neither"
        )
    return load_signer(cert_path, key_path)


def signer_name() -> str | None:
    """Whom a device names as the profile's signer (the certificate's
    organisation, else its common name); ``None`` when profiles are unsigned."""
    current = signer()
    if current is None:
        return None
    subject = current.certificate.subject
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        if values := subject.get_attributes_for_oid(oid):
            return str(values[0].value)
    return subject.rfc4514_string()


def is_signed() -> bool:
    """Whether downloaded profiles are signed, so a page can say what the device shows."""
    return signer() is not None


def signed(content: bytes) -> bytes:
    """The profile as served: signed when a signer is configured, else as it is."""
    current = signer()
    return content if current is None else current.sign(content)


def check_signing(**kwargs: object) -> list[checks.CheckMessage]:
    """System check: the signing files are readable and belong together."""
    try:
        signer()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="questions.E001")]
    return []
