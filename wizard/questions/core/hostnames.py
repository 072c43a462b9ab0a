"""Host names and e-mail addresses as people type them, read strictly.

Shared by the wizard's ``host`` answer and the probe's target, so both accept
the same things: full-width characters and ideographic full stops are folded
(NFKC, UTS 46 dots), international names become IDNA, and anything else that
is not letters, digits and hyphens in labels of at most 63 is refused.
"""

from __future__ import annotations

import re
import unicodedata

# The longest server name or e-mail address we read (RFC 5321's path limit).
MAX_LENGTH = 254
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
LOCAL_PART = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}")
# Characters IDNA (UTS 46) treats as a full stop.
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


def fold(text: str) -> str:
    """Full-width to ASCII, ideographic dots to dots, trimmed, lower case.

    >>> fold(" ｓｍｔｐ。Example．jp ")
    'smtp.example.jp'
    """
    return unicodedata.normalize("NFKC", text).translate(_DOTS).strip().lower()


def host_name(text: str) -> str | None:
    """A syntactically valid DNS host name (IDNA-encoded), without the final dot.

    >>> host_name("メール.example.jp")
    'xn--4dkua4c.example.jp'
    >>> host_name("<script>.example") is None
    True
    """
    text = text.rstrip(".")
    if not text or len(text) > 253:
        return None
    try:
        text = text.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = text.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    # An all-numeric last label is an address spelling, not a name.
    if labels[-1].isdigit():
        return None
    return text
