"""The autoconfig spec's RELAX NG schema, as a Python checker.

Source: benbucksch/autoconfig-spec, ``autoconfig.rnc`` at commit cea2aac
("Implementations: Clients and servers separate sections"), the schema that
``draft-ietf-mailmaint-autoconfig.md`` ("Autoconfig version 1.1") carries in
its section "RELAX NG schema". No RELAX NG validator is installed here (no
lxml, no jing in the test requirements), so each pattern of that schema is one
entry below, kept in its order, with its must-ignore rule: an element the
schema does not name may appear anywhere (with anything inside), while a named
one is checked wherever it appears and refused where the schema does not allow
it.

``problems(xml)`` lists what breaks the schema; an empty list means valid.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

# extensionElement = element * - ( … ): the names the schema defines.
KNOWN = frozenset(
    # As the schema lists them: read better as text.
    (  # noqa: SIM905
        "clientConfig emailProvider domain displayName displayShortName documentation descr "
        "incomingServer outgoingServer calendar addressbook fileShare chatServer "
        "videoConference setupServer url hostname port socketType authentication username "
        "oAuth2 authURL tokenURL issuer scope clientID clientSecret clientConfigUpdate"
    ).split()
)
SERVER_SECTIONS = (  # noqa: SIM905
    "incomingServer outgoingServer calendar addressbook fileShare chatServer "
    "videoConference setupServer"
).split()
# xsd:positiveInteger, the pattern of <port>.
POSITIVE_INTEGER = re.compile(r"\s*\+?0*[1-9][0-9]*\s*")


@dataclass(frozen=True)
class Pattern:
    # Attributes the pattern requires (``attribute id { text }``).
    required: tuple[str, ...] = ()
    # Child elements it allows besides extension elements; None: text only.
    children: tuple[str, ...] | None = None


SERVER = Pattern(("type",), ("url", "hostname", "port", "socketType", "authentication", "username"))
TEXT = Pattern()
PATTERNS: dict[str, Pattern] = {
    "clientConfig": Pattern(
        ("version",),
        (
            "emailProvider",
            "calendar",
            "addressbook",
            "fileShare",
            "chatServer",
            "videoConference",
            "setupServer",
            "oAuth2",
            "clientConfigUpdate",
        ),
    ),
    "emailProvider": Pattern(
        ("id",),
        (
            "domain",
            "displayName",
            "displayShortName",
            "documentation",
            "incomingServer",
            "outgoingServer",
        ),
    ),
    "domain": TEXT,
    "displayName": TEXT,
    "displayShortName": TEXT,
    "documentation": Pattern(("url",), ("descr",)),
    "descr": TEXT,
    **dict.fromkeys(SERVER_SECTIONS, SERVER),
    "url": TEXT,
    "hostname": TEXT,
    "port": TEXT,
    "socketType": TEXT,
    "username": TEXT,
    "authentication": TEXT,
    "oAuth2": Pattern((), ("authURL", "tokenURL", "issuer", "scope", "clientID", "clientSecret")),
    **dict.fromkeys(("authURL", "tokenURL", "issuer", "scope", "clientID", "clientSecret"), TEXT),
    "clientConfigUpdate": Pattern(("url",), ()),
}
assert set(PATTERNS) == KNOWN


def problems(xml: bytes) -> list[str]:
    """What in ``xml`` the schema refuses; ``[]`` when it is a valid file.

    >>> problems(b'<clientConfig version="1.1"><x-ours><port>no</port></x-ours></clientConfig>')
    []
    >>> problems(b'<clientConfig version="1.1"><port>587</port></clientConfig>')
    ['/clientConfig: <port> not allowed here']
    """
    root = ET.fromstring(xml)
    if root.tag != "clientConfig":
        return [f"the root is <{root.tag}>, not <clientConfig>"]
    found: list[str] = []
    _check(root, "", found)
    return found


def _check(element: ET.Element, parent_path: str, found: list[str]) -> None:
    path = f"{parent_path}/{element.tag}"
    pattern = PATTERNS[element.tag]
    found += [
        f"{path}: no {name} attribute" for name in pattern.required if name not in element.attrib
    ]
    if element.tag == "port" and not POSITIVE_INTEGER.fullmatch(element.text or ""):
        found.append(f"{path}: {element.text!r} is not a positive integer")
    if pattern.children is None:
        found += [f"{path}: <{child.tag}> inside a text-only element" for child in element]
        return
    # In element-only content, text between the children must be blank.
    texts = [element.text, *(child.tail for child in element)]
    if any(text and text.strip() for text in texts):
        found.append(f"{path}: text outside any element")
    for child in element:
        if child.tag not in KNOWN:
            continue  # the must-ignore rule: anything goes inside an extension
        if child.tag not in pattern.children:
            found.append(f"{path}: <{child.tag}> not allowed here")
        else:
            _check(child, path, found)
