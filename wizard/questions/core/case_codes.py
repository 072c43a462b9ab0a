"""Case codes: a short code for an answer set, read aloud on the phone and back.

A result page shows its code (``T347RTF``, displayed ``T347-RTF``); a support
agent who hears it opens ``/c/<code>/`` and sees the same page, and can dictate
a code to a customer the other way round. The code is computed from the
answers, never stored, so there is nothing to keep or expire.

What a code carries. Every choice answer (``network``, ``service``, ``client``,
``port``, ``auth``, ``op25b``, ``plan``), each either unanswered or one of its
values, and ``domain`` when it is one of the ISP's known mail subdomains
(``DOMAINS``). The free-text ``host`` never is (it can be anything), nor a
``domain`` outside that list (a new subdomain, or a typing mistake we cannot
tell from one): ``left_out`` names what a code drops, so a page can say so.

Why old codes keep working. A code is a mixed-radix number:

* each parameter has an append-only table of its values (``TABLES``); a value's
  place (1, 2, …; 0 is "unanswered") never changes, new values go at the end;
* each parameter has a fixed radix with room to spare (``RADICES``: 14 clients
  of 24, 96 domains of 153, …), so appending a value changes no other digit and
  no existing code;
* if that room ever runs out, the next layout gets another length (8 symbols,
  or a leading version symbol): the length says which layout reads a code, and
  7-symbol codes are read by this one for good.

The number is shuffled by a fixed affine permutation (so answer sets that differ
in one answer do not get codes that differ in one place), written as six
symbols, and followed by a check symbol. ``tests/test_case_codes.py`` pins known
codes: a change here that would break old codes fails there.

The alphabet has 19 symbols, chosen to survive a phone line in Japanese and
English and a glance at a screen: no 0/O, 1/I/L; no Q (キュー sounds as 9,
きゅう), no S, Z, B, G, U (read as 5, 2, 8, 6, V); of the letters that rhyme
when spelt out (B C D E G P T V Z, ビー シー ディー イー ジー ピー ティー) only T;
of M/N (エム/エヌ) only M. 19 is prime, which lets the check symbol catch
every single wrong symbol and every swap of two neighbours (and of two symbols
one apart): the weighted sum of all seven symbols is 0 modulo 19, with weights
1…7, each invertible modulo 19, and neighbours' weights differing by 1.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from .answers import Answers, Client, Network, Op25b, Plan, Port, Service, YesNo
from .isp import ACTIVE, IspProfile

ALPHABET = "23456789AFHJKMRTWXY"
BASE = len(ALPHABET)
# Six symbols of the number, then the check symbol.
DATA_LENGTH = 6
LENGTH = DATA_LENGTH + 1
SPACE = BASE**DATA_LENGTH

# Append-only: a value's place in its table is part of every code that has it.
TABLES: dict[str, tuple[str, ...]] = {
    "network": (Network.PLALA, Network.OTHER),
    "service": (
        Service.PLALA,
        Service.OTHER_ISP,
        Service.HOSTING,
        Service.OWN_DYNAMIC,
        Service.OWN_STATIC,
    ),
    "client": (
        Client.OUTLOOK,
        Client.OUTLOOK_NEW,
        Client.THUNDERBIRD,
        Client.APPLE_MAIL,
        Client.IOS_MAIL,
        Client.ANDROID_GMAIL,
        Client.BECKY,
        Client.WINDOWS_LIVE_MAIL,
        Client.OUTLOOK_EXPRESS,
        Client.POSTFIX,
        Client.EXIM,
        Client.SENDMAIL,
        Client.OTHER,
    ),
    "port": (Port.SMTP, Port.SUBMISSION, Port.SUBMISSIONS),
    "auth": (YesNo.YES, YesNo.NO),
    "op25b": (Op25b.YES, Op25b.NO, Op25b.UNKNOWN),
    "plan": (Plan.SET, Plan.LIGHT, Plan.LIGHT_MULTI),
    # The ISP's mail subdomains as the profile listed them when codes began
    # (research/plala-today.md, alphabetical); a new one is appended, never sorted in.
    "domain": tuple(
        (  # noqa: SIM905
            "abc agate amail amber apost aqua ballade beige blue bmail bolero bpost brown "
            "camel cameo cmail cocoa coda concerto coral courante cpost cream dance dmail "
            "ebony email fantasy flamenco fmail fuga gmail grape gray imail indigo ivory "
            "jade jmail khaki kmail lapis lemon lilac lime maroon minuet navy olive opal "
            "orange orchid palette peach plum polka purple rainbow red rmail rondo rose "
            "rouge ruby sea sepia serenade silk silver sky smail snow sonata suite "
            "symphony taupe tmail toccata topaz trio umail violet vmail waltz wave white "
            "wine wmail xmail xpost yellow ymail ypost zmail zpost"
        ).split()
    ),
}

# Digits of the number, least significant first; each radix counts "unanswered"
# and leaves room for values added later. ``domain`` comes last and takes
# whatever room the six symbols leave.
_LOW_RADICES: dict[str, int] = {
    "network": 4,
    "service": 8,
    "client": 24,
    "port": 5,
    "auth": 4,
    "op25b": 4,
    "plan": 5,
}
_LOW_SPACE = 1
for _radix in _LOW_RADICES.values():
    _LOW_SPACE *= _radix
RADICES: dict[str, int] = {**_LOW_RADICES, "domain": SPACE // _LOW_SPACE}
# Numbers from here on are no answer set.
LIMIT = _LOW_SPACE * RADICES["domain"]

# The shuffle n -> (n * _SCALE + _SHIFT) mod SPACE; _SCALE is prime to 19.
_SCALE = 27_182_819
_SHIFT = 14_142_135
_UNSCALE = pow(_SCALE, -1, SPACE)

# Typed around a code, or by a Japanese keyboard for "-" (NFKC keeps "ー" and "−").
_SEPARATORS = frozenset(" -_.・ー−‐‑‒–—―")


class CodeProblem(StrEnum):
    """Why a text is not a case code; the web layer words each one."""

    EMPTY = "empty"
    BAD_CHARACTERS = "bad-characters"
    WRONG_LENGTH = "wrong-length"
    MISTYPED = "mistyped"
    UNKNOWN_VALUE = "unknown-value"


class BadCode(Exception):
    """The text is not a case code; ``problem`` says why."""

    def __init__(self, problem: CodeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def normalise_code(text: str) -> str:
    """The code as typed, in canonical form: full-width folded (NFKC), upper case,
    spaces and hyphens dropped. Nothing is checked here.

    >>> normalise_code(" t347-rtf "), normalise_code("ｔ３４７－ｒｔｆ")
    ('T347RTF', 'T347RTF')
    >>> normalise_code("T347 ー RTF")
    'T347RTF'
    """
    folded = unicodedata.normalize("NFKC", text).upper()
    return "".join(c for c in folded if not c.isspace() and c not in _SEPARATORS)


def format_code(code: str) -> str:
    """A canonical code split for reading aloud.

    >>> format_code("T347RTF")
    'T347-RTF'
    """
    return f"{code[:4]}-{code[4:]}"


def _check_symbol(data: str) -> str:
    # Weights 1…6 for the data, 7 for the check: the whole weighted sum is 0 mod 19.
    total = sum(weight * ALPHABET.index(c) for weight, c in enumerate(data, start=1))
    return ALPHABET[(-total * pow(LENGTH, -1, BASE)) % BASE]


def _subdomain(domain: str | None, isp: IspProfile) -> str | None:
    label = isp.mail_subdomain(domain) if domain else None
    return label if label in TABLES["domain"] else None


def left_out(answers: Answers, *, isp: IspProfile = ACTIVE) -> tuple[str, ...]:
    """The answers given that the code of ``answers`` does not carry.

    >>> left_out(Answers(domain="abc.plala.or.jp", host="smtp.example.jp"))
    ('host',)
    >>> left_out(Answers(domain="newname.plala.or.jp"))
    ('domain',)
    """
    dropped = []
    if answers.domain and _subdomain(answers.domain, isp) is None:
        dropped.append("domain")
    if answers.host:
        dropped.append("host")
    return tuple(dropped)


def code_for(answers: Answers, *, isp: IspProfile = ACTIVE) -> str:
    """The case code of ``answers``: canonical, upper case, no separators.

    ``host`` and a ``domain`` outside ``DOMAINS`` are left out (see ``left_out``).

    >>> code_for(Answers()) == code_for(Answers(host="smtp.example.jp"))
    True
    """
    values: dict[str, str | None] = {
        name: str(value) if (value := getattr(answers, name)) is not None else None
        for name in _LOW_RADICES
    }
    values["domain"] = _subdomain(answers.domain, isp)
    number = 0
    for name in reversed(RADICES):
        value = values[name]
        place = 0 if value is None else TABLES[name].index(value) + 1
        number = number * RADICES[name] + place
    shuffled = (number * _SCALE + _SHIFT) % SPACE
    symbols = []
    for _ in range(DATA_LENGTH):
        shuffled, digit = divmod(shuffled, BASE)
        symbols.append(ALPHABET[digit])
    data = "".join(reversed(symbols))
    return data + _check_symbol(data)


def answers_for(text: str, *, isp: IspProfile = ACTIVE) -> Answers:
    """The answers whose code ``text`` is (typed in any case, with separators).

    Raises ``BadCode`` when it is none: empty, a symbol codes never use, too short
    or too long, a failed check (a mistyped symbol), or no answer set.

    >>> answers_for(code_for(Answers(network=Network.PLALA)))
    Answers(network=<Network.PLALA: 'plala'>, service=None, client=None, port=None, \
auth=None, op25b=None, plan=None, domain=None, host=None)
    """
    code = normalise_code(text)
    if not code:
        raise BadCode(CodeProblem.EMPTY)
    if any(c not in ALPHABET for c in code):
        raise BadCode(CodeProblem.BAD_CHARACTERS)
    if len(code) != LENGTH:
        raise BadCode(CodeProblem.WRONG_LENGTH)
    data = code[:DATA_LENGTH]
    if _check_symbol(data) != code[DATA_LENGTH]:
        raise BadCode(CodeProblem.MISTYPED)
    shuffled = 0
    for c in data:
        shuffled = shuffled * BASE + ALPHABET.index(c)
    number = ((shuffled - _SHIFT) * _UNSCALE) % SPACE
    if number >= LIMIT:
        raise BadCode(CodeProblem.UNKNOWN_VALUE)
    values: dict[str, str] = {}
    for name, radix in RADICES.items():
        number, place = divmod(number, radix)
        if place > len(TABLES[name]):
            raise BadCode(CodeProblem.UNKNOWN_VALUE)
        if place:
            values[name] = TABLES[name][place - 1]
    return Answers(
        network=Network(values["network"]) if "network" in values else None,
        service=Service(values["service"]) if "service" in values else None,
        client=Client(values["client"]) if "client" in values else None,
        port=Port(values["port"]) if "port" in values else None,
        auth=YesNo(values["auth"]) if "auth" in values else None,
        op25b=Op25b(values["op25b"]) if "op25b" in values else None,
        plan=Plan(values["plan"]) if "plan" in values else None,
        domain=f"{values['domain']}.{isp.mail_domain.value}" if "domain" in values else None,
    )
