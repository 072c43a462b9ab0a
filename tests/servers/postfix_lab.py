"""A private Postfix instance on loopback: Debian's real MTA, not a stand-in.

Its own config and queue directories under the test's temporary directory, its
own log file (``maillog_file``, written by postlogd), and three listeners on
free high ports: ``smtp`` (port 25's role), ``submission`` (587, STARTTLS
offered) and ``smtps`` (465, implicit TLS), each logging under its own
``syslog_name`` so a log line says which port it was. The system's postfix
service is never used or started. Installed by ``scripts/ensure_postfix.sh``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from tests.servers.smtp_servers import SelfSigned, free_port

POSTFIX = shutil.which("postfix") or "/usr/sbin/postfix"
POSTCONF = shutil.which("postconf") or "/usr/sbin/postconf"
# Each listener's syslog_name: the log says which service (so which port) a line is for.
SERVICES = {25: "lab/smtp", 587: "lab/submission", 465: "lab/smtps"}
WAIT_SECONDS = 20.0


class PostfixMissing(RuntimeError):
    pass


def postfix_installed() -> bool:
    return Path(POSTFIX).is_file() and os.access(POSTFIX, os.X_OK)


def _run(*args: str, timeout: float = WAIT_SECONDS) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


@dataclass
class PostfixLab:
    directory: Path
    ports: dict[int, int]  # logical port → the lab's real port
    server_name: str

    @property
    def config_directory(self) -> Path:
        return self.directory / "etc"

    @property
    def maillog(self) -> Path:
        return self.directory / "maillog"

    def log_lines(self) -> list[str]:
        return self.maillog.read_text().splitlines() if self.maillog.exists() else []

    def wait_for_log(self, predicate, timeout: float = 10.0) -> list[str]:
        """The log's lines once ``predicate(lines)`` holds (postlogd writes
        asynchronously); the lines so far when ``timeout`` runs out."""
        end = time.monotonic() + timeout
        lines = self.log_lines()
        while not predicate(lines) and time.monotonic() < end:
            time.sleep(0.05)
            lines = self.log_lines()
        return lines


def _master_cf(ports: dict[int, int]) -> str:
    """Debian's master.cf, minus its own port-25 listener and with every
    service unchrooted (the queue is a temporary directory with nothing to
    chroot into), plus our three listeners and postlogd."""
    kept = []
    for line in Path("/etc/postfix/master.cf").read_text().splitlines():
        fields = line.split()
        if fields and not line[0].isspace() and not line.startswith("#"):
            if fields[1] == "inet":
                continue
            if len(fields) >= 8 and fields[4] == "y":
                fields[4] = "n"
                line = "  ".join(fields)
        kept.append(line)
    text = "\n".join(kept)
    if "postlogd" not in text:
        text += "\npostlog   unix-dgram n  -       n       -       1       postlogd"
    listeners = [
        f"127.0.0.1:{ports[25]} inet n - n - - smtpd -o syslog_name={SERVICES[25]}",
        f"127.0.0.1:{ports[587]} inet n - n - - smtpd -o syslog_name={SERVICES[587]}"
        " -o smtpd_tls_security_level=may",
        f"127.0.0.1:{ports[465]} inet n - n - - smtpd -o syslog_name={SERVICES[465]}"
        " -o smtpd_tls_wrappermode=yes",
    ]
    return text + "\n" + "\n".join(listeners) + "\n"


def start_postfix_lab(directory: Path, server_name: str) -> PostfixLab:
    if not postfix_installed():
        raise PostfixMissing(
            f"postfix is not installed ({POSTFIX} missing): run `bash scripts/ensure_postfix.sh`"
            " (the `make test` target does) to install Debian's postfix"
        )
    directory.mkdir(parents=True, exist_ok=True)
    # postfix's daemons run as its own user, and must reach the queue under here.
    for parent in [directory, *directory.parents]:
        if parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    lab = PostfixLab(directory, {port: free_port() for port in SERVICES}, server_name)
    # Outside the config directory, whose files postfix wants owned by root.
    config, queue, data = lab.config_directory, directory / "queue", directory / "data"
    for made in (config, queue, data):
        made.mkdir(exist_ok=True)
    shutil.chown(data, "postfix")

    certificate = SelfSigned(server_name)
    cert_file, key_file = config / "cert.pem", config / "key.pem"
    cert_file.write_bytes(certificate.cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(certificate.key_pem)
    key_file.chmod(0o600)

    (config / "master.cf").write_text(_master_cf(lab.ports))
    shutil.copy("/etc/postfix/dynamicmaps.cf", config / "dynamicmaps.cf")
    settings = {
        "compatibility_level": "3.6",
        "queue_directory": str(queue),
        "data_directory": str(data),
        "myhostname": server_name,
        "mydestination": "",
        "mynetworks": "127.0.0.0/8",
        "inet_interfaces": "127.0.0.1",
        "inet_protocols": "ipv4",
        "maillog_file": str(lab.maillog),
        "maillog_file_prefixes": str(directory),
        "smtpd_peername_lookup": "no",
        "smtpd_tls_cert_file": str(cert_file),
        "smtpd_tls_key_file": str(key_file),
        "smtpd_tls_security_level": "may",
        "smtpd_tls_loglevel": "1",
        "smtpd_sasl_auth_enable": "no",
        "alias_maps": "",
        "alias_database": "",
    }
    (config / "main.cf").write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
    _run(POSTFIX, "-c", str(config), "check")
    _run(POSTFIX, "-c", str(config), "start")
    _wait_listening(lab)
    return lab


def _wait_listening(lab: PostfixLab) -> None:
    end = time.monotonic() + WAIT_SECONDS
    for port in lab.ports.values():
        while True:
            try:
                # A bare connect would log a "lost connection": wait on the
                # listening socket instead, by asking the kernel who listens.
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
            except OSError:
                break  # taken: master is listening
            if time.monotonic() > end:
                stop_postfix_lab(lab)
                raise RuntimeError(
                    f"postfix did not listen on 127.0.0.1:{port}:\n{lab.log_lines()}"
                )
            time.sleep(0.05)


def stop_postfix_lab(lab: PostfixLab) -> None:
    subprocess.run(
        [POSTFIX, "-c", str(lab.config_directory), "stop"],
        capture_output=True,
        timeout=WAIT_SECONDS,
        check=False,
    )
