"""HTTPS for the emulator: a throwaway CA and a loopback server certificate it signs.

Clients that insist on ``https://`` can then be tested unchanged, with certificate
verification on: the test trusts the CA file (``SSL_CERT_FILE``, ``httpx.Client(verify=...)``,
``oinlint verify --ca-file``). The CA's private key is never written anywhere; the server's
lives in a private temporary directory while the emulator runs, because :mod:`ssl` loads a
certificate chain only from files.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["ThrowawayTls", "make_throwaway_tls"]

_VALIDITY = datetime.timedelta(days=2)


@dataclass
class ThrowawayTls:
    """The CA certificate to trust (``ca_file``) and the server's TLS context."""

    ca_file: Path
    context: ssl.SSLContext
    _directory: tempfile.TemporaryDirectory[str]

    def cleanup(self) -> None:
        self._directory.cleanup()


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "oinlint emulator"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def make_throwaway_tls(host: str, ca_file: Path | None = None) -> ThrowawayTls:
    """A new CA (written to ``ca_file``, else into a temporary directory) and a certificate for
    ``host`` plus ``localhost``, 127.0.0.1 and ::1, valid for two days."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("oinlint emulator throwaway CA")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + _VALIDITY)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                         critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.DNSName("localhost"),
                                     x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                     x509.IPAddress(ipaddress.ip_address("::1"))]
    try:
        address = x509.IPAddress(ipaddress.ip_address(host))
        if address not in names:
            names.append(address)
    except ValueError:
        if host != "localhost":
            names.append(x509.DNSName(host))
    server = (x509.CertificateBuilder().subject_name(_name(host)).issuer_name(ca_name)
              .public_key(key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(minutes=5))
              .not_valid_after(now + _VALIDITY)
              .add_extension(x509.SubjectAlternativeName(names), critical=False)
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                             critical=False)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                  ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
    directory = tempfile.TemporaryDirectory(prefix="oinlint-emulator-tls-")
    chain = Path(directory.name) / "server.pem"
    fd = os.open(chain, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
        out.write(_pem(server))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(chain)
    target = ca_file or Path(directory.name) / "ca.pem"
    target.write_bytes(_pem(ca))
    return ThrowawayTls(target, context, directory)
