"""Everything the product knows about one ISP, in one place.

The logic in ``cases.py`` asks the profile; it never spells a Plala fact itself,
so an operator can correct a fact here (or describe another ISP) without touching
the decision table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Security(StrEnum):
    """How a connection to a mail server is protected."""

    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"


class LoginName(StrEnum):
    """What goes into the outgoing-server login's user name field."""

    LOCAL_PART = "local-part"  # the part of the address before "@"
    ADDRESS = "address"  # the whole e-mail address


class Provenance(StrEnum):
    """Where a fact about the ISP comes from. A page may state a fact as the
    ISP's own only when the ISP said it (the notice, or an official page)."""

    NOTICE = "notice"  # the 2006 notice the product follows
    OFFICIAL = "official"  # the ISP's (or NTT docomo's) own pages
    ISPDB = "ispdb"  # Mozilla's Thunderbird ISPDB, contributed by Mozilla Japan
    THIRD_PARTY = "third-party"  # blogs, other people's configuration files
    ASSUMPTION = "assumption"  # ours: searched, nothing found

    @property
    def is_the_isps_word(self) -> bool:
        return self in (Provenance.NOTICE, Provenance.OFFICIAL)


@dataclass(frozen=True)
class Fact(Generic[T]):
    """One fact about the ISP, with where it comes from.

    >>> port = Fact(587, Provenance.NOTICE, "ケース1: 587 + SMTP AUTH")
    >>> port.value, port.source.is_the_isps_word
    (587, True)
    """

    value: T
    source: Provenance
    # What the source says (quoted, with where), or what we looked for in vain.
    cited: str


# A dated service notice ------------------------------------------------------


@dataclass(frozen=True)
class NoticeLink:
    """Where a service notice comes from or says more: a page and its title."""

    url: str
    # The page's title per language code, as the page itself is titled.
    title: Mapping[str, str]

    def title_in(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()))


@dataclass(frozen=True, kw_only=True)
class ServiceNotice:
    """A dated notice about the ISP's service that the operator sets, such as
    the day its mail ends; the start and result pages show it in a box.

    The date is a ``Fact``: unless its source is the ISP's own word, the pages
    say that it was reported, not announced, whatever the text says.

    >>> notice = ServiceNotice(
    ...     text={"ja": "…", "en": "…"},
    ...     date=Fact(dt.date(2028, 3, 31), Provenance.THIRD_PARTY, "pc-impulse.co.jp"),
    ... )
    >>> notice.date.source.is_the_isps_word
    False
    """

    # What the box says, per language code; plain text, one or two sentences.
    text: Mapping[str, str]
    # The day the notice concerns, with where that day comes from.
    date: Fact[dt.date]
    link: NoticeLink | None = None

    def text_in(self, language: str) -> str:
        """The text for ``language``, falling back to the first listed."""
        return self.text.get(language) or next(iter(self.text.values()))


@dataclass(frozen=True, kw_only=True)
class IspProfile:
    """Facts about the ISP whose notice the wizard follows, each with its source."""

    # Proper names, per language code: the ISP, its plans and services.
    names: Mapping[str, Mapping[str, str]]
    # Outgoing server name as the notice writes it; the first label is the one on
    # the subscriber's registration document, which is the subdomain of their own
    # address (``mail_domain``), so their answer ``domain`` fills it in.
    smtp_server_pattern: Fact[str]
    # Every subscriber's address is ``local@<subdomain>.<mail_domain>``.
    mail_domain: Fact[str]
    # The subdomains known to exist; one not listed may be new, or a typing mistake.
    mail_subdomains: Fact[frozenset[str]]
    # The user name for the ISP's outgoing (and incoming) server.
    smtp_login_name: Fact[LoginName]
    submission_port: Fact[int]
    # How the submission port is protected.
    submission_security: Fact[Security]
    legacy_port: Fact[int]
    # The incoming (POP3) server: the same name as the outgoing one, for the
    # one-click setup files, which must name both.
    pop3_port: Fact[int]
    pop3_security: Fact[Security]
    # The notice allows port 25 to the ISP's own server "during the transition".
    legacy_port_transition_open: Fact[bool]
    # Relay for subscribers who run their own server on a dynamic address.
    relay_host: Fact[str]
    relay_port: Fact[int]
    # Reverse DNS of the ISP's access lines ends with this.
    reverse_dns_suffix: Fact[str]
    # Where the ISP published the notice the wizard follows.
    notice_url: str
    # A dated notice the operator sets (the end of a service, say); none by default.
    service_notice: ServiceNotice | None = None

    @property
    def smtp_server_suffix(self) -> str:
        """What every subscriber's server name ends with: the pattern after ``***``."""
        return self.smtp_server_pattern.value.removeprefix("***")

    def mail_subdomain(self, name: str) -> str | None:
        """The ``***`` of an ISP mail domain (or of its server name), else ``None``.

        >>> PLALA.mail_subdomain("abc.plala.or.jp"), PLALA.mail_subdomain("abc.mail.plala.or.jp")
        ('abc', 'abc')
        >>> PLALA.mail_subdomain("plala.or.jp"), PLALA.mail_subdomain("a.b.plala.or.jp")
        (None, None)
        """
        for suffix in (self.smtp_server_suffix, f".{self.mail_domain.value}"):
            if name.endswith(suffix):
                label = name.removesuffix(suffix)
                return label if label and "." not in label else None
        return None

    def smtp_server_for(self, domain: str) -> str | None:
        """The outgoing server of an address's domain: the pattern, filled in.

        >>> PLALA.smtp_server_for("abc.plala.or.jp")
        'abc.mail.plala.or.jp'
        """
        subdomain = self.mail_subdomain(domain)
        return f"{subdomain}{self.smtp_server_suffix}" if subdomain else None

    def is_known_mail_domain(self, domain: str) -> bool:
        return self.mail_subdomain(domain) in self.mail_subdomains.value

    def facts(self) -> dict[str, Fact[object]]:
        """Every fact of the profile by name, for checks and the staff console."""
        return {
            field.name: value
            for field in fields(self)
            if isinstance(value := getattr(self, field.name), Fact)
        }

    def names_in(self, language: str) -> Mapping[str, str]:
        """Proper names for ``language``, falling back to the first listed."""
        return self.names.get(language) or next(iter(self.names.values()))


PLALA = IspProfile(
    names={
        "ja": {
            "isp": "ぷらら",
            "set_plan": "セット契約",
            "set_plan_label": "セット契約",
            "light_plan": "ぷららライト",
            "multi_address": "複数メールアドレスサービス",
            "overseas_restriction": "海外でのメール利用制限設定",
            "relay_service": "Rate Base Spam Control",
            "notice_title": "〔サブミッションポート(port587)とSMTP AUTH〕の標準提供と"
            "〔Outbound Port 25 Blocking〕の適用拡大について",
        },
        "en": {
            "isp": "Plala",
            "set_plan": "set contract",
            "set_plan_label": "Set contract",
            "light_plan": "Plala Light",
            "multi_address": "Multiple Mail Address Service",
            "overseas_restriction": "overseas mail restriction",
            "relay_service": "Rate Base Spam Control",
            # The notice exists in Japanese only: its title is quoted as it is.
            "notice_title": "〔サブミッションポート(port587)とSMTP AUTH〕の標準提供と"
            "〔Outbound Port 25 Blocking〕の適用拡大について",
        },
    },
    smtp_server_pattern=Fact(
        "***.mail.plala.or.jp",
        Provenance.NOTICE,
        "対処方法について: 「ぷららのメール送信サーバー（***.mail.plala.or.jp）」",
    ),
    mail_domain=Fact(
        "plala.or.jp",
        Provenance.ISPDB,
        "ispdb/<sub>.plala.or.jp (removed 2022-11-19, commit fee9d933): one file per "
        "<sub>.plala.or.jp, each with the outgoing server <sub>.mail.plala.or.jp",
    ),
    mail_subdomains=Fact(
        frozenset(
            # As research/plala-today.md lists them: 95 names read better as text.
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
        Provenance.ISPDB,
        "ispdb/<sub>.plala.or.jp as they stood before commit fee9d933 (2022-11-19, "
        '"Remove plala.or.jp"): 95 files, all with outgoing server '
        "<sub>.mail.plala.or.jp, port 587",
    ),
    smtp_login_name=Fact(
        LoginName.LOCAL_PART,
        Provenance.ISPDB,
        "ispdb/<sub>.plala.or.jp (removed 2022-11-19, commit fee9d933): "
        "<username>%EMAILLOCALPART%</username> for the outgoing and incoming server",
    ),
    submission_port=Fact(
        587, Provenance.NOTICE, "ケース1: 「ぷらら網 ぷららメール 587 + SMTP AUTH」"
    ),
    submission_security=Fact(
        Security.NONE,
        Provenance.ISPDB,
        "ispdb/<sub>.plala.or.jp (removed 2022-11-19, commit fee9d933): port 587, "
        "socketType plain; the notice says nothing of encryption",
    ),
    legacy_port=Fact(25, Provenance.NOTICE, "ケース2: 「ぷらら網 ぷららメール 25 対応してる」"),
    pop3_port=Fact(
        110,
        Provenance.ISPDB,
        "ispdb/<sub>.plala.or.jp (removed 2022-11-19, commit fee9d933): incoming POP3 "
        "<sub>.mail.plala.or.jp, port 110; the notice is about sending only",
    ),
    pop3_security=Fact(
        Security.NONE,
        Provenance.ISPDB,
        "ispdb/<sub>.plala.or.jp (removed 2022-11-19, commit fee9d933): POP3 socketType plain",
    ),
    legacy_port_transition_open=Fact(
        True,
        Provenance.NOTICE,
        "ケース2: 「併用期間中のため、従来通り送信することが可能です」 (2006); whether "
        "the period is still open today: searched, nothing found",
    ),
    relay_host=Fact(
        "mmr.plala.or.jp", Provenance.NOTICE, "具体例3: 「中継サーバー:mmr.plala.or.jp」"
    ),
    relay_port=Fact(
        25,
        Provenance.ASSUMPTION,
        "the notice names no port for mmr.plala.or.jp; searched, nothing found",
    ),
    reverse_dns_suffix=Fact(
        ".plala.or.jp",
        Provenance.ASSUMPTION,
        "access lines' reverse DNS names as seen; not documented by Plala",
    ),
    # The notice's page as Plala published it (the address archived in 2012).
    notice_url="https://www.plala.or.jp/support/manual/mail/plala_mail/submission/",
)

# The ISP whose notice the product follows: the one place that chooses it.
ACTIVE: IspProfile = PLALA
