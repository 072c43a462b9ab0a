"""What the probe's pages say: outcomes, advice and refusals, translatable."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wizard.questions.core.isp import Security

from .core.addresses import Refusal
from .core.advice import Advice, Level
from .core.discovery import ChosenBy
from .core.errors import ReplyProblem
from .core.report import CheckProblem, Outcome, Phase, PortProblem, Refused, TlsMode
from .core.targets import TargetProblem


@dataclass(frozen=True)
class OutcomeText:
    symbol: str
    # The port's colour on the page, as an advice item's level gives its own.
    tone: Level
    label: Promise
    explanation: Promise


OUTCOMES: dict[Outcome, OutcomeText] = {
    Outcome.ANSWERED: OutcomeText(
        "○", Level.GOOD, _("Answers"), _("The server answered and we could read what it offers.")
    ),
    Outcome.REFUSED: OutcomeText(
        "×",
        Level.BAD,
        _("Closed"),
        _(
            "The server refused our connection at once: it does not accept connections on "
            "this port from us."
        ),
    ),
    Outcome.NO_ANSWER: OutcomeText(
        "×",
        Level.BAD,
        _("No answer"),
        _("Nothing answered the connection: a firewall drops it, or the server is down."),
    ),
    Outcome.UNREACHABLE: OutcomeText(
        "×",
        Level.BAD,
        _("Unreachable"),
        _("The network could not reach this address from our server."),
    ),
    Outcome.SILENT: OutcomeText(
        "!", Level.WARN, _("Silent"), _("We connected, but the server never sent its greeting.")
    ),
    Outcome.BUSY: OutcomeText(
        "!",
        Level.WARN,
        _("Busy"),
        _(
            "The server did not let us check (its words: “%(words)s”). It is busy or limits "
            "connections, often from checking tools like ours. This says nothing about your "
            "settings; try again later."
        ),
    ),
    Outcome.REJECTED: OutcomeText(
        "!",
        Level.WARN,
        _("Refused our check"),
        _(
            "The server did not let us check (its words: “%(words)s”). This says nothing "
            "about your settings: it may still accept your mail program after you log in."
        ),
    ),
    Outcome.TLS_FAILED: OutcomeText(
        "×",
        Level.BAD,
        _("Encryption failed"),
        _("The encrypted connection could not be set up: %(detail)s"),
    ),
    Outcome.PROTOCOL: OutcomeText(
        "!",
        Level.WARN,
        _("Not a mail server reply"),
        _("What came back was not SMTP as we know it: %(detail)s"),
    ),
    Outcome.TIMEOUT: OutcomeText(
        "!",
        Level.WARN,
        _("Ran out of time"),
        _("The check's time limit ended the conversation during %(phase)s."),
    ),
}

# A port whose server ended the conversation before we could see what it offers
# (a hang-up or a reset after it accepted the connection): it turned us away.
ENDED_BY_SERVER = OutcomeText(
    "!",
    Level.WARN,
    _("Ended our check"),
    _(
        "The server did not let us check: it ended the connection during %(phase)s "
        "without saying why. This says nothing about your settings."
    ),
)
# A port whose check was lost on our side (the instance doing it stopped or
# restarted) before it finished: nothing is known of the server.
INTERRUPTED = OutcomeText(
    "!",
    Level.WARN,
    _("Check interrupted"),
    _(
        "Our check stopped before it was finished, because of a restart on our side. "
        "This says nothing about your server or your settings: please check again."
    ),
)
# An answering port whose certificate a mail program would not accept as it is:
# never shown as good beside the advice that says so.
ANSWERED_CERT_PROBLEM = OutcomeText(
    "!",
    Level.WARN,
    _("Answers, with a certificate problem"),
    _(
        "The server answered and we could read what it offers, but its certificate did "
        "not pass our checks: see the advice above."
    ),
)

# What went wrong on a port (``PortResult.problem``), for the page.
DETAILS: dict[PortProblem, Promise] = {
    ReplyProblem.GARBAGE: _("the reply was not SMTP"),
    ReplyProblem.REPLY_TOO_LONG: _("the reply went on far too long"),
    ReplyProblem.LINE_TOO_LONG: _("a line was far too long"),
    ReplyProblem.TOO_MUCH_DATA: _("the server sent far too much"),
    ReplyProblem.CLOSED: _("the server closed the connection"),
    CheckProblem.INTERRUPTED: _("the check was interrupted"),
}

PHASES: dict[Phase, Promise] = {
    Phase.CONNECT: _("the connection"),
    Phase.TLS: _("encryption"),
    Phase.GREETING: _("the greeting"),
    Phase.EHLO: _("EHLO"),
    Phase.STARTTLS: _("STARTTLS"),
    Phase.EHLO_TLS: _("EHLO after STARTTLS"),
    Phase.DONE: _("the end"),
}

LEVEL_SYMBOLS: dict[Level, str] = {
    Level.GOOD: "○",
    Level.INFO: "i",
    Level.WARN: "!",
    Level.BAD: "×",
}

ADVICE: dict[Advice, Promise] = {
    Advice.SUBMISSION_READY: _(
        "Port 587 offers STARTTLS and authentication (%(mechanisms)s): you can switch to "
        "it with the settings on your result page."
    ),
    Advice.SUBMISSION_CERT_PROBLEM: _(
        "Port 587 offers STARTTLS and authentication (%(mechanisms)s), but its certificate "
        "did not pass our checks (see below), so it is not ready to use as it is."
    ),
    Advice.SUBMISSION_NO_TLS: _(
        "Port 587 accepts logins (%(mechanisms)s) but offers no encryption. Sending works; "
        "your mail program may warn that the password is not encrypted."
    ),
    Advice.SUBMISSION_NO_AUTH: _(
        "Port 587 answers but offers no authentication to us. Ask your provider how to "
        "log in on it."
    ),
    Advice.SUBMISSION_CLOSED: _(
        "Port 587 is closed when checked from our server. This does not mean your settings "
        "are wrong: ask your provider whether it offers a submission port, or send through "
        "%(isp)s's server instead."
    ),
    Advice.ISP_SUBMISSION_CLOSED: _(
        "Port 587 is closed on this server. Check that this is your %(isp)s outgoing "
        "server name (the part of your address after “@” in place of ***)."
    ),
    Advice.IMPLICIT_READY: _(
        "Port 465 (SSL/TLS from the start) works too, with authentication (%(mechanisms)s)."
    ),
    Advice.IMPLICIT_CERT_PROBLEM: _(
        "Port 465 (SSL/TLS from the start) offers authentication (%(mechanisms)s), but its "
        "certificate did not pass our checks (see below), so it is not ready to use as it is."
    ),
    Advice.AUTH_ONLY_AFTER_TLS: _(
        "Good: port 587 offers authentication only after encryption has started, so your "
        "password never travels in the clear."
    ),
    Advice.AUTH_IN_CLEAR: _(
        "Port %(port)s offers authentication before encryption. Make sure your mail program "
        "uses STARTTLS, or the password travels unencrypted."
    ),
    Advice.CERT_NAME: _(
        "The certificate is issued for %(name)s, not %(host)s: enter %(name)s as the "
        "server name to avoid warnings."
    ),
    Advice.CERT_NAME_UNVERIFIED: _(
        "The certificate is not issued for %(host)s, and it could not be verified, so the "
        "names in it cannot tell you which server to use: anyone can make such a "
        "certificate. Do not take a server name from it; ask your provider for the "
        "outgoing server name."
    ),
    Advice.CERT_NAME_WILDCARD: _(
        "The certificate is not issued for %(host)s but for names ending in “.%(domain)s”. "
        "Ask your provider for your server name ending in “.%(domain)s” and enter it in "
        "full: only the part before “.%(domain)s” is yours to fill in."
    ),
    Advice.CERT_NAME_OTHER: _(
        "The certificate is not issued for %(host)s. Your mail program will warn about it; "
        "ask your provider for the outgoing server name."
    ),
    Advice.CERT_NOT_FOR_ADDRESS: _(
        "The certificate does not include the address %(address)s, so mail programs will "
        "warn if you enter the address as the server name. Enter your provider's outgoing "
        "server name instead; ask your provider for it."
    ),
    Advice.CERT_ADDRESS_USE_NAME: _(
        "The certificate does not include the address %(address)s, so mail programs will "
        "warn if you enter the address. The verified certificate and the server's greeting "
        "both name %(name)s: enter %(name)s as the server name instead."
    ),
    Advice.ISP_STARTTLS_OFFERED: _(
        "This %(isp)s server offers STARTTLS on port 587. The result page gives “None” for "
        "the connection security, from Thunderbird's former settings database, not from "
        "the notice: if your mail program offers STARTTLS, choosing it keeps your password "
        "from travelling unencrypted."
    ),
    Advice.ISP_STARTTLS_NOT_OFFERED: _(
        "This %(isp)s server does not offer STARTTLS on port 587: set the connection "
        "security to “None”, as the result page gives it."
    ),
    Advice.CERT_UNTRUSTED: _(
        "The server's certificate is not trusted (%(reason)s). Your mail program will "
        "warn about it when it connects: this is for whoever runs the server to fix, so "
        "ask them about it."
    ),
    Advice.CERT_EXPIRED: _(
        "The server's certificate expired on %(date)s. Mail programs will refuse or warn: "
        "tell your provider."
    ),
    Advice.BUSY: _(
        "On port %(port)s the server did not let us check (its words: "
        "“%(words)s”): it is busy or limits connections. This says nothing about your "
        "settings; try again later."
    ),
    Advice.REJECTED_US: _(
        "On port %(port)s the server did not let us check (its words: "
        "“%(words)s”). Some servers turn away checking tools they do not know. This says "
        "nothing about your settings: your mail program may still be accepted."
    ),
    Advice.DROPPED_US: _(
        "On port %(port)s the server did not let us check: it ended the connection without "
        "saying why. Some servers turn away checking tools they do not know. This says "
        "nothing about your settings."
    ),
    Advice.PORT_25_OPEN_HERE: _(
        "Port 25 answers our server, which is outside your connection. That says nothing "
        "about your own connection: where it blocks port 25 (Outbound Port 25 Blocking, "
        "OP25B), your mail program cannot reach this port. To send from a mail program, "
        "use the submission port 587."
    ),
    Advice.NOTHING_ANSWERED: _(
        "Nothing answered on any of the three ports from our server. Check the server name, "
        "or ask your provider which outgoing server to use. This does not by itself mean "
        "your settings are wrong: some servers accept only their own network."
    ),
}

REFUSALS: dict[Refused, Promise] = {
    Refused.NOT_FOUND: _(
        "We could not find a mail server for %(target)s. Check the spelling, or enter your "
        "outgoing server's name as your provider gives it."
    ),
    # Only when the kind of address is unknown (a report stored by an older version).
    Refused.FORBIDDEN_ADDRESS: _(
        "%(target)s leads to an address that our server does not check. Please enter a "
        "server name on the internet, such as smtp.example.jp."
    ),
}

TARGET_PROBLEMS: dict[TargetProblem, Promise] = {
    TargetProblem.EMPTY: _("Please enter your outgoing server's name or your e-mail address."),
    TargetProblem.TOO_LONG: _("That is too long for a server name or an e-mail address."),
    TargetProblem.BAD_CHARACTERS: _(
        "Please enter only a server name or an e-mail address, without spaces."
    ),
    TargetProblem.BAD_NAME: _(
        "That is not a server name we can check. A server name looks like smtp.example.jp."
    ),
    TargetProblem.BAD_EMAIL: _("That is not an e-mail address we can read."),
    TargetProblem.SCOPED: _("Addresses with a network zone (%) cannot be checked."),
}
CROSS_SITE = _("Checks can only be started from this site's own pages.")
BUSY_NOW = _("Too many checks are running right now. Please try again in a minute.")
TOO_OFTEN = _(
    "You have started many checks in a short time. Please wait %(seconds)s seconds and try again."
)

# Why an address typed as such is not checked: one whole sentence per kind.
FORBIDDEN_ADDRESSES: dict[Refusal, Promise] = {
    Refusal.LOOPBACK: _(
        "%(target)s is a special address that points to your own computer, so it cannot be "
        "checked. Please enter a server name on the internet, such as smtp.example.jp."
    ),
    Refusal.PRIVATE: _(
        "%(target)s is a private IP address, so our server cannot check it. Please enter a "
        "server name on the internet, such as smtp.example.jp."
    ),
    Refusal.LINK_LOCAL: _(
        "%(target)s is an address that works only inside one local network, so our server "
        "cannot check it. Please enter a server name on the internet, such as smtp.example.jp."
    ),
    Refusal.SHARED: _(
        "%(target)s is an address that providers use inside their own networks, so our "
        "server cannot check it. Please enter a server name on the internet, such as "
        "smtp.example.jp."
    ),
    Refusal.MULTICAST: _(
        "%(target)s is an address for sending to a group of devices, not a mail server's "
        "address, so it cannot be checked. Please enter your outgoing server's name, such "
        "as smtp.example.jp."
    ),
    Refusal.RESERVED: _(
        "%(target)s is a reserved address that is not used on the internet, so it cannot be "
        "checked. Please enter your outgoing server's name, such as smtp.example.jp."
    ),
    Refusal.DOCUMENTATION: _(
        "%(target)s is an address set aside for examples, so no real server uses it. Please "
        "enter your outgoing server's name, such as smtp.example.jp."
    ),
    Refusal.UNSPECIFIED: _(
        "%(target)s does not point to any particular computer, so it cannot be checked. "
        "Please enter your outgoing server's name, such as smtp.example.jp."
    ),
    Refusal.SPECIAL: _(
        "%(target)s is an address set aside for special purposes, so our server does not "
        "check it. Please enter a server name on the internet, such as smtp.example.jp."
    ),
    Refusal.SCOPED: _(
        "%(target)s is an address that has a meaning only inside one local network, so our "
        "server cannot check it. Please enter a server name on the internet, such as "
        "smtp.example.jp."
    ),
    Refusal.OUT_OF_SCOPE: _(
        "%(target)s is outside the networks this service is set up to check, so it cannot "
        "be checked here."
    ),
}
# The same, when a server name or an e-mail address leads to such an address.
FORBIDDEN_NAMES: dict[Refusal, Promise] = {
    Refusal.LOOPBACK: _(
        "%(target)s points to the computer it is used on, so it cannot be checked. Please "
        "enter a server name on the internet, such as smtp.example.jp."
    ),
    Refusal.PRIVATE: _(
        "%(target)s leads to a private IP address, so our server cannot check it. Please "
        "enter a server name on the internet, such as smtp.example.jp."
    ),
    Refusal.LINK_LOCAL: _(
        "%(target)s leads to an address that works only inside one local network, so our "
        "server cannot check it. Please enter a server name on the internet, such as "
        "smtp.example.jp."
    ),
    Refusal.SHARED: _(
        "%(target)s leads to an address that providers use inside their own networks, so "
        "our server cannot check it. Please enter a server name on the internet, such as "
        "smtp.example.jp."
    ),
    Refusal.MULTICAST: _(
        "%(target)s leads to an address for sending to a group of devices, not to a mail "
        "server, so it cannot be checked."
    ),
    Refusal.RESERVED: _(
        "%(target)s leads to a reserved address that is not used on the internet, so it "
        "cannot be checked."
    ),
    Refusal.DOCUMENTATION: _(
        "%(target)s leads to an address set aside for examples, so no real server uses it."
    ),
    Refusal.UNSPECIFIED: _(
        "%(target)s leads to an address that does not point to any particular computer, so "
        "it cannot be checked."
    ),
    Refusal.SPECIAL: _(
        "%(target)s leads to an address set aside for special purposes, so our server does "
        "not check it."
    ),
    Refusal.SCOPED: _(
        "%(target)s leads to an address that has a meaning only inside one local network, "
        "so our server cannot check it."
    ),
    Refusal.OUT_OF_SCOPE: _(
        "%(target)s leads to an address outside the networks this service is set up to "
        "check, so it cannot be checked here."
    ),
}

REPORT_TITLE = _("Check of %(host)s")
FORM_ERROR_TITLE = _("Check your mail server")
CHECKING = _("Checking…")
# While a probe runs; the ports in the order they are probed.
CHECKING_PORTS = _("Checking ports %(first)s, %(second)s and %(third)s…")
# How the server checked for an e-mail address was chosen (``Discovery.chosen_by``).
CHOSEN_BY: dict[ChosenBy, Promise] = {
    ChosenBy.SRV_SUBMISSION: _("The domain's SRV record names it for submission (port 587)."),
    ChosenBy.SRV_SUBMISSIONS: _("The domain's SRV record names it for SSL/TLS submission (465)."),
    ChosenBy.GUESS: _("It is the usual name of the domain's outgoing server."),
}

# The table of what a port offers (its EHLO keywords), by how it is encrypted.
KEYWORDS_CAPTIONS: dict[Security, Promise] = {
    Security.SSL: _("What it offers (encrypted from the start)"),
    Security.STARTTLS: _("What it offers, before and after STARTTLS"),
    Security.NONE: _("What it offers (no encryption offered)"),
}
# Its first column: keyed by "encrypted from the start".
KEYWORDS_FIRST_COLUMN: dict[bool, Promise] = {True: _("Offered"), False: _("Before encryption")}


# Why a certificate did not verify (TlsFacts.trust_code), as the page says it.
TRUST_PROBLEMS: dict[str, Promise] = {
    "self-signed": _("it is self-signed: no certification authority vouches for it"),
    "unknown-issuer": _("it is not issued by a certification authority we trust"),
    "expired": _("it has expired"),
    "not-yet-valid": _("it is not valid yet"),
    "bad-certificate": _("it breaks the rules certificates must follow"),
    "no-certificate": _("the server sent no certificate"),
    "no-trust-store": _("we could not check it: our list of trusted authorities is missing"),
    "name-mismatch": _("it is issued for another name"),
}


# What a port's check tested (issue 11, point 5): one label per row of the page.
TESTED_NAME = _("Server name used")
TESTED_ADDRESS = _("IP address connected")
TESTED_PORT = _("Port checked")
# Only when the port map (test labs) connected elsewhere than the port named.
PORT_MAPPED = _("%(port)s (connected on %(real_port)s)")
TESTED_TLS_MODE = _("How it was encrypted")
TLS_MODES: dict[TlsMode, Promise] = {
    TlsMode.IMPLICIT: _("SSL/TLS from the start (implicit TLS)"),
    TlsMode.STARTTLS: _("STARTTLS (connected unencrypted, then encrypted)"),
    TlsMode.NONE: _("Not encrypted: the server offered no STARTTLS"),
}
# The AUTH mechanisms, as the server listed them, by when it listed them.
AUTH_IN_ORDER = _("Login methods (AUTH), in the server's order")
AUTH_BEFORE_STARTTLS_IN_ORDER = _("Login methods before STARTTLS, in the server's order")
AUTH_AFTER_STARTTLS_IN_ORDER = _("Login methods after STARTTLS, in the server's order")
AUTH_NONE_OFFERED = _("None offered")
CERT_SUBJECT = _("Certificate subject (CN)")
CERT_ISSUER = _("Issued by")
# The issuer's organisation and its common name: "Let's Encrypt (R11)".
ISSUER_WITH_ORGANISATION = _("%(organisation)s (%(name)s)")
EXPIRES_AT = _("%(date)s %(time)s UTC")
