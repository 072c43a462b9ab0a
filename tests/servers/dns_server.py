"""A real DNS server on loopback, built with dnspython, for tests.

Answers from a dict of records; names it does not know get NXDOMAIN. With
``silent=True`` it reads queries and never answers, to prove waits are bounded.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Mapping, Sequence

import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


class DnsServer:
    def __init__(
        self,
        records: Mapping[tuple[str, str], Sequence[str]] | None = None,
        *,
        silent: bool = False,
    ) -> None:
        self.records = {
            (name.lower().rstrip(".") + ".", rdtype.upper()): list(values)
            for (name, rdtype), values in (records or {}).items()
        }
        self.silent = silent
        # Answers that change from one query to the next (DNS rebinding).
        self.sequences: dict[tuple[str, str], list[list[str]]] = {}
        self.queries: list[tuple[str, str]] = []
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def address(self) -> str:
        host, port = self._socket.getsockname()
        return f"{host}:{port}"

    def __enter__(self) -> DnsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                wire, peer = self._socket.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                query = dns.message.from_wire(wire)
            except Exception:
                continue
            question = query.question[0]
            rdtype = dns.rdatatype.to_text(question.rdtype)
            self.queries.append((str(question.name), rdtype))
            if self.silent:
                continue
            self._socket.sendto(self._answer(query, str(question.name).lower(), rdtype), peer)

    def _answer(self, query: dns.message.Message, name: str, rdtype: str) -> bytes:
        response = dns.message.make_response(query)
        values = self.records.get((name, rdtype))
        sequence = self.sequences.get((name, rdtype))
        if sequence:
            values = sequence.pop(0) if len(sequence) > 1 else sequence[0]
        if values:
            response.answer.append(dns.rrset.from_text(name, 60, "IN", rdtype, *values))
        elif not any(known == name for known, _ in self.records):
            response.set_rcode(dns.rcode.NXDOMAIN)
        return response.to_wire()
