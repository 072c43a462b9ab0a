"""What a result page says, chosen from the diagnosis in one place.

Every sentence here is one whole translatable string with named placeholders:
no label is pasted into a sentence. ``result_words()`` picks the headline, the
reason, each remedy's words and the "if it still does not send" advice for one
diagnosis; ``settings_rows()`` words the settings table, saying which of the
ISP's values its notice does not state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wizard.web.isp_text import isp_text

from . import wording
from .core.answers import Answers, Port, Service
from .core.cases import (
    Diagnosis,
    Reason,
    Remedy,
    TargetSettings,
    Username,
    Verdict,
    for_reference,
    notice_row,
)
from .core.isp import ACTIVE, Security

# The verdict ---------------------------------------------------------------------

SYMBOLS: dict[Verdict, str] = {Verdict.SENDS: "○", Verdict.FAILS: "×", Verdict.DEPENDS: "△"}

# The notice's 送信可否 column, quoted: 対応してる / 対応してない / 一部対応してる.
NOTICE_WORDS: dict[Verdict, Promise] = {
    Verdict.SENDS: pgettext_lazy("the notice's can-send column", "Yes"),
    Verdict.FAILS: pgettext_lazy("the notice's can-send column", "No"),
    Verdict.DEPENDS: pgettext_lazy(
        "the notice's can-send column", "Partly (depends on the connection)"
    ),
}
NOTICE_SAYS = _("The notice's answer to “Can I send?”: %(symbol)s “%(words)s”")

HEADLINES: dict[Verdict, Promise] = {
    Verdict.SENDS: _("Your mail can be sent"),
    Verdict.FAILS: _("Your mail cannot be sent"),
    Verdict.DEPENDS: _("It depends on the connection"),
}
# Where the verdict alone would say too much or too little.
REASON_HEADLINES: dict[Reason, Promise] = {
    Reason.LEGACY_PORT_ALLOWED: _("We recommend changing to port 587"),
    Reason.OTHER_NETWORK_OPEN: _("We recommend changing to port 587"),
    Reason.STANDARD: _("Your settings are as the notice gives them"),
    Reason.OTHER_NETWORK_SUBMISSION: _("Your settings are as the notice gives them"),
    Reason.SUBMISSION_NEEDS_AUTH: _("Turn on SMTP authentication"),
    Reason.OTHER_NETWORK_OPEN: _("We recommend changing to port 587"),
    Reason.STANDARD: _("Your settings are as the notice gives them"),
    Reason.OTHER_NETWORK_SUBMISSION: _("Your settings are as the notice gives them"),
    Reason.SUBMISSION_NEEDS_AUTH: _("Turn on SMTP authentication"),
    Reason.OTHER_NETWORK_OPEN: _("We recommend changing to port 587"),
    Reason.STANDARD: _("Your settings are as the notice gives them"),
    Reason.OTHER_NETWORK_SUBMISSION: _("Your settings are as the notice gives them"),
    Reason.SUBMISSION_NEEDS_AUTH: _("Turn on SMTP authentication"),
    Reason.LIGHT_LEGACY_PORT: _("On %(light_plan)s, use port 25 without SMTP authentication"),
    Reason.SUBMISSION_WITHOUT_AUTH: _("Turn on SMTP authentication"),
    Reason.LIGHT_NOT_ELIGIBLE_AT_HOME: _("Port %(port)s is not available on %(light_plan)s"),
    Reason.LIGHT_NOT_ELIGIBLE_AWAY: _("Port %(port)s is not available on %(light_plan)s"),
    Reason.CLOUD_NOT_ELIGIBLE: _(
        "The new Outlook may not be able to send from a %(light_plan)s address"
    ),
    Reason.IMPLICIT_TLS: _("Port 465 is not blocked, but we recommend port 587"),
    Reason.PROVIDER_SUBMISSION_OPEN: _("Port 25 blocking does not affect your port"),
    Reason.OUTSIDE_NOTICE_SUBMISSION: _("Port 25 blocking does not affect your port"),
    Reason.OUTSIDE_NOTICE_PORT_25: _("Port 25 may be blocked on this connection"),
    Reason.OWN_STATIC: _("Not affected by %(isp)s's port 25 blocking"),
    Reason.OWN_STATIC_AWAY: _("%(isp)s's port 25 blocking does not apply here"),
    Reason.CLOUD_SENDING: _("Port 25 blocking on your connection does not apply"),
    Reason.CLOUD_SENDING_ISP_MAIL: _("Use port 587 with SMTP authentication"),
}

LIGHT_NOT_ELIGIBLE = (Reason.LIGHT_NOT_ELIGIBLE_AT_HOME, Reason.LIGHT_NOT_ELIGIBLE_AWAY)
# Port 465 is not in the notice at all: say what to use rather than what not to.
LIGHT_465_HEADLINE = _("On %(light_plan)s, use port 25 (port 465 is not in the notice)")

# Why ----------------------------------------------------------------------------

REASONS: dict[Reason, Promise] = {
    Reason.STANDARD: _(
        "You send to %(isp)s's mail server on port 587 with SMTP authentication over "
        "%(isp)s's connection, exactly as the notice describes. Nothing needs to change."
    ),
    Reason.LEGACY_PORT_ALLOWED: _(
        "You send on the old port 25 to %(isp)s's mail server over %(isp)s's connection. "
        "The notice (2006) said this still worked during a transition period in which "
        "both settings were allowed; it does not say how long that period lasts. If your "
        "mail is not sent, change to port 587 with SMTP authentication (case 1 of the "
        "notice); we recommend the change even if it is sent."
    ),
    Reason.LEGACY_PORT_CLOSED: _(
        "You send on the old port 25. %(isp)s has ended the period in which both settings "
        "were allowed, so port 25 to %(isp)s's server no longer works."
    ),
    Reason.LIGHT_LEGACY_PORT: _(
        "You send on port 25 to %(isp)s's mail server over %(isp)s's connection. The notice "
        "offers port 587 with SMTP authentication to %(set_plan)s members only, and not to "
        "%(light_plan)s (except for addresses of the %(multi_address)s), so on "
        "%(light_plan)s use port 25 without SMTP authentication, as in case 2 of the "
        "notice. The notice (2006) said port 25 still worked during a transition period; "
        "it does not say how long that period lasts."
    ),
    Reason.LIGHT_NOT_ELIGIBLE_AT_HOME: _(
        "The notice offers port 587 with SMTP authentication to %(set_plan)s members; "
        "%(light_plan)s members cannot use it, except for addresses of the "
        "%(multi_address)s. On %(light_plan)s you send on port 25 over %(isp)s's "
        "connection, which is the connection you are on now. The notice (2006) said port "
        "25 still worked during a transition period; whether it still does today is not in "
        "the notice."
    ),
    Reason.LIGHT_NOT_ELIGIBLE_AWAY: _(
        "The notice offers port 587 with SMTP authentication to %(set_plan)s members; "
        "%(light_plan)s members cannot use it, except for addresses of the "
        "%(multi_address)s. Going by the notice, %(light_plan)s sends on the old port 25: "
        "it works over %(isp)s's connection, and over another connection only if that "
        "connection does not block port 25. The notice (2006) said port 25 still worked during a "
        "transition period; whether it still does today is not in the notice."
    ),
    Reason.BLOCKED_OTHER_SERVER: _(
        "%(isp)s blocks port 25 to mail servers outside %(isp)s (Outbound Port 25 "
        "Blocking). Mail sent on port 25 over %(isp)s's connection to another "
        "company's server is stopped at %(isp)s's gateway."
    ),
    Reason.BLOCKED_OWN_SERVER: _(
        "Your own mail server on %(isp)s's dynamic IP address delivers mail on port "
        "25, which %(isp)s blocks at its gateway (Outbound Port 25 Blocking). This "
        "does not depend on the port your mail program uses."
    ),
    Reason.BLOCKED_OWN_SERVER_AWAY: _(
        "Your own mail server on %(isp)s's dynamic IP address delivers mail on port 25, "
        "which %(isp)s blocks at its gateway (Outbound Port 25 Blocking), whichever "
        "connection you use yourself. This answer is for a server connected to %(isp)s "
        "with a dynamic IP address; if your server is on another company's line, ask "
        "that line's provider."
    ),
    Reason.OTHER_NETWORK_SUBMISSION: _(
        "Port 587 with SMTP authentication is what the notice offers so that %(isp)s "
        "members can send over other providers' connections, even where they block port "
        "25 (case 4 of the notice). Nothing needs to change."
    ),
    Reason.OTHER_NETWORK_BLOCKED: _(
        "The connection you are on blocks port 25 to servers outside its own "
        "network, so your mail to %(isp)s's server on port 25 is stopped there."
    ),
    Reason.OTHER_NETWORK_OPEN: _(
        "The connection you are on does not block port 25, so port 25 to %(isp)s's "
        "server works here, as case 5 of the notice says (whether port 25 still works "
        "today is not in the notice). On a connection that blocks port 25 it stops; port "
        "587 with SMTP authentication works on both."
    ),
    Reason.OTHER_NETWORK_UNKNOWN: _(
        "Port 25 to %(isp)s's server works only if the connection you are on does not "
        "block port 25. Port 587 with SMTP authentication works either way."
    ),
    Reason.LIGHT_OTHER_NETWORK_BLOCKED: _(
        "The connection you are on blocks port 25 to servers outside its own network, so "
        "your mail to %(isp)s's server on port 25 is stopped there. The notice does not "
        "offer port 587 to %(light_plan)s members."
    ),
    Reason.LIGHT_OTHER_NETWORK_OPEN: _(
        "The connection you are on does not block port 25, so port 25 to %(isp)s's "
        "server works here. The notice does not offer port 587 to %(light_plan)s "
        "members, so use port 25 without SMTP authentication, as in case 2 of the notice."
    ),
    Reason.LIGHT_OTHER_NETWORK_UNKNOWN: _(
        "Port 25 to %(isp)s's server works only if the connection you are on does not "
        "block port 25. The notice does not offer port 587 to %(light_plan)s members."
    ),
    Reason.SUBMISSION_NEEDS_AUTH: _(
        "The notice says to set both port 587 and SMTP authentication. With "
        "authentication off, your mail may not be sent."
    ),
    Reason.IMPLICIT_TLS: _(
        "Port 465 is not blocked by Outbound Port 25 Blocking. Whether %(isp)s's mail "
        "server accepts port 465 is not in the notice, though: we recommend port 587 with "
        "SMTP authentication, which the notice gives for %(isp)s mail."
    ),
    Reason.SUBMISSION_WITHOUT_AUTH: _(
        "Outbound Port 25 Blocking stops only port 25, so the port you use is not blocked. "
        "On this port most mail services accept mail only from senders who log in first "
        "(SMTP authentication), so with authentication off your mail may be refused."
    ),
    Reason.PROVIDER_SUBMISSION_OPEN: _(
        "Outbound Port 25 Blocking stops only port 25, so the port you use is not "
        "blocked. If sending still fails, the cause is something else, such as the "
        "account or the server's settings."
    ),
    Reason.OUTSIDE_NOTICE_PORT_25: _(
        "Neither the connection nor the mail server is %(isp)s's, so %(isp)s's notice "
        "does not cover this. Many providers block port 25, though, so we recommend "
        "your mail provider's submission port 587 with SMTP authentication."
    ),
    Reason.OUTSIDE_NOTICE_SUBMISSION: _(
        "Neither the connection nor the mail server is %(isp)s's, so %(isp)s's notice "
        "does not cover this. The port you use is not the one providers block; if "
        "sending fails, ask your mail provider."
    ),
    Reason.OWN_STATIC: _(
        "The notice says that a mail server of your own with a fixed IP address on "
        "%(isp)s's internet connection (hosting included) is not affected. We read "
        "“hosting included” as a server of your own that runs at a hosting company on a "
        "fixed IP address. If you use a rental server's mail and send to it on port 25 "
        "from your computer, that is example 2 of case 3 and is blocked: change the mail "
        "server in “Your answers” below to “A hosting service's mail server”."
    ),
    Reason.OWN_STATIC_AWAY: _(
        "The connection you are on is not %(isp)s's, so %(isp)s's Outbound Port 25 "
        "Blocking does not apply. If sending fails, check whether that connection's "
        "provider blocks port 25. If it does, enable the submission port 587 with SMTP "
        "authentication on your server and set your mail program to port 587."
    ),
    Reason.CLOUD_SENDING: _(
        "The new Outlook does not send from your computer: Microsoft's servers connect "
        "to your mail server for you, so blocking on your own connection does not apply. "
        "If sending fails, your mail service may be refusing logins from abroad, since "
        "Microsoft's servers may be outside Japan."
    ),
    Reason.CLOUD_SENDING_ISP_MAIL: _(
        "The new Outlook does not send from your computer: Microsoft's servers connect "
        "to %(isp)s's mail server for you, so blocking on your own connection does not "
        "apply. The notice does not cover this. Microsoft's servers are outside %(isp)s's "
        "network, so this is not case 2 of the notice (port 25 from %(isp)s's connection): "
        "use port 587 with SMTP authentication, as in case 4. If sending fails, a "
        "restriction on logins from abroad may be the cause, since Microsoft's servers "
        "may be outside Japan: %(isp)s describes its “%(overseas_restriction)s” for the "
        "So-net mailboxes of plala (S course) members; for other %(isp)s addresses we found "
        "no such setting described."
    ),
    Reason.CLOUD_NOT_ELIGIBLE: _(
        "The new Outlook sends through Microsoft's servers, so your mail does not leave "
        "from %(isp)s's connection: this is not case 2 of the notice (port 25 from "
        "%(isp)s's connection). And the notice does not offer port 587 with SMTP "
        "authentication to %(light_plan)s members."
    ),
}

# What to do -----------------------------------------------------------------------


@dataclass(frozen=True)
class RemedyText:
    title: Promise
    body: Promise


REMEDIES: dict[Remedy, RemedyText] = {
    Remedy.SWITCH_TO_SUBMISSION_PORT: RemedyText(
        _("Change the outgoing port to 587"),
        _(
            "In your mail program's account settings, set the outgoing mail server "
            "(SMTP) port to 587 instead of %(port)s."
        ),
    ),
    Remedy.ENABLE_SMTP_AUTH: RemedyText(
        _("Turn on SMTP authentication"),
        _(
            "Tick the setting that says the outgoing server requires authentication (its "
            "name differs by program), and use the same mail account and password as for "
            "receiving."
        ),
    ),
    Remedy.USE_PROVIDER_SUBMISSION_PORT: RemedyText(
        _("Use your mail provider's submission port 587"),
        _(
            "Ask the company whose server you send through whether it offers the "
            "submission port (587) and which settings it recommends, then enter them."
        ),
    ),
    Remedy.USE_PLALA_SMTP_SERVER: RemedyText(
        _("If they offer no submission port: send through %(isp)s's server"),
        _(
            "The notice says that changing the outgoing mail server to %(isp)s's may "
            "solve it. Its settings and steps are further down this page."
        ),
    ),
    Remedy.RELAY_VIA_MMR: RemedyText(
        _("Send outgoing mail through the relay server %(relay_host)s"),
        _(
            "Set your mail server to hand all outgoing mail to %(relay_host)s instead of "
            "delivering it directly: the notice names it as the relay server that applies "
            "“%(relay_service)s”."
        ),
    ),
    Remedy.NOT_ELIGIBLE: RemedyText(
        _("Use port 25 without SMTP authentication"),
        _(
            "On %(light_plan)s, set the outgoing port to 25 and turn SMTP authentication "
            "off (steps below). To use port 587, send from an address of the "
            "%(multi_address)s."
        ),
    ),
    Remedy.CONTACT_PROVIDER: RemedyText(
        _("If it still fails, ask your mail provider"),
        _(
            "Tell them the settings below and the error message you see, and ask which "
            "settings your account needs."
        ),
    ),
}

# The same remedy, worded for the situation the reason names.
REMEDIES_FOR_REASON: dict[tuple[Remedy, Reason], RemedyText] = {
    (Remedy.NOT_ELIGIBLE, Reason.LIGHT_LEGACY_PORT): RemedyText(
        _("Turn SMTP authentication off"),
        _(
            "Keep port 25 and turn SMTP authentication off, as in case 2 of the notice "
            "(steps below). To use SMTP authentication, send from an address of the "
            "%(multi_address)s with port 587."
        ),
    ),
    (Remedy.CONTACT_PROVIDER, Reason.CLOUD_SENDING): RemedyText(
        _("If it still fails, ask your mail provider"),
        _(
            "Tell them the settings below and the error message you see, and ask whether "
            "your account refuses logins from abroad."
        ),
    ),
    (Remedy.NOT_ELIGIBLE, Reason.LIGHT_NOT_ELIGIBLE_AWAY): RemedyText(
        _("Send at home over %(isp)s's connection"),
        _(
            "Connect to %(isp)s's line at home (your home Wi-Fi, for example) and send "
            "with port 25 and SMTP authentication off: the settings and steps are below. "
            "Over another connection this works only where port 25 is not blocked. To use "
            "port 587, send from an address of the %(multi_address)s."
        ),
    ),
    (Remedy.NOT_ELIGIBLE, Reason.LIGHT_OTHER_NETWORK_BLOCKED): RemedyText(
        _("Send at home over %(isp)s's connection"),
        _(
            "From this connection your mail cannot be sent with your current settings. Send once "
            "you are connected to %(isp)s's line at home (your home Wi-Fi, for example), with "
            "port 25 and SMTP authentication off as in case 2 of the notice (whether port 25 "
            "still works today is not in the notice). To send from here, use an address of the "
            "%(multi_address)s with port 587 and SMTP authentication."
        ),
    ),
    (Remedy.NOT_ELIGIBLE, Reason.LIGHT_OTHER_NETWORK_OPEN): RemedyText(
        _("Use port 25 without SMTP authentication"),
        _(
            "Keep port 25, with SMTP authentication off. On a connection that blocks port "
            "25, send from %(isp)s's line at home instead, or use an address of the "
            "%(multi_address)s with port 587 and SMTP authentication."
        ),
    ),
    (Remedy.NOT_ELIGIBLE, Reason.LIGHT_OTHER_NETWORK_UNKNOWN): RemedyText(
        _("Keep port 25 (if it fails, send at home over %(isp)s's connection)"),
        _(
            "If your mail is not sent from this connection, the connection probably blocks "
            "port 25: send from %(isp)s's line at home (your home Wi-Fi, for example) with "
            "port 25 and SMTP authentication off, or use an address of the "
            "%(multi_address)s with port 587 and SMTP authentication."
        ),
    ),
    (Remedy.NOT_ELIGIBLE, Reason.LEGACY_PORT_CLOSED): RemedyText(
        _("Ask %(isp)s how to send"),
        _(
            "The notice offers %(light_plan)s no other way to send. Ask %(isp)s, or send "
            "from an address of the %(multi_address)s with port 587 and SMTP "
            "authentication."
        ),
    ),
    (Remedy.NOT_ELIGIBLE, Reason.CLOUD_NOT_ELIGIBLE): RemedyText(
        _("Send from a mail program on your computer"),
        _(
            "Use a program that sends from your own computer, such as the classic Outlook "
            "or Thunderbird, over %(isp)s's connection, with port 25 and SMTP "
            "authentication off. To keep the new Outlook, send from an address of the "
            "%(multi_address)s, which may use port 587 with SMTP authentication."
        ),
    ),
    (Remedy.CONTACT_PROVIDER, Reason.CLOUD_SENDING_ISP_MAIL): RemedyText(
        _("If it still fails, ask %(isp)s"),
        _(
            "Tell %(isp)s's support the settings below and the error message you see, and "
            "ask whether your address refuses logins from abroad."
        ),
    ),
}

# The guide's line when the program needs no change, worded for the verdict.
NOTHING_TO_CHANGE: dict[Verdict, Promise] = {
    Verdict.SENDS: _(
        "Nothing to change in your mail program. Check also that its connection security "
        "(SSL/TLS) is as in the table above: the questions did not ask about it."
    ),
    Verdict.DEPENDS: _(
        "Nothing to change in your mail program: whether your mail is sent depends on the "
        "connection, as explained above."
    ),
    Verdict.FAILS: _("Nothing to change in your mail program."),
}
NOTHING_TO_CHANGE_FOR_OP25B = _(
    "Nothing to change in your mail program for port 25 blocking. If your mail is still "
    "not sent, see “If your mail is still not sent” below."
)
# Results whose "nothing to change" is only about port 25 blocking.
ABOUT_OP25B_ONLY = (
    Reason.PROVIDER_SUBMISSION_OPEN,
    Reason.OUTSIDE_NOTICE_SUBMISSION,
    Reason.CLOUD_SENDING,
    Reason.CLOUD_SENDING_ISP_MAIL,
)


def nothing_to_change(diagnosis: Diagnosis) -> str:
    if diagnosis.reason in ABOUT_OP25B_ONLY:
        return isp_text(NOTHING_TO_CHANGE_FOR_OP25B)
    return isp_text(NOTHING_TO_CHANGE[diagnosis.verdict])


# The fallback of case 3, shown under its own heading with its settings.
ALTERNATIVE_BODY = _(
    "Change the outgoing mail server to %(isp)s's, with the settings below. "
    "%(light_plan)s members use port 25 without SMTP authentication instead, over "
    "%(isp)s's connection. The notice (2006) said port 25 still worked during a "
    "transition period; whether it still does today is not in the notice."
)

# If it still does not send: no result ends without a next step.
FOLLOW_UPS: dict[Service, Promise] = {
    Service.PLALA: _(
        "Check that the outgoing server name, the mail account and the mail password are "
        "exactly as %(isp)s gave them to you, then check %(isp)s's server from our side "
        "below. %(isp)s may also restrict the mail connection of an address from "
        "which it detected spam being sent (by malware or after phishing, too): if the "
        "settings are right and sending is still refused, ask %(isp)s's support."
    ),
    Service.OTHER_ISP: _(
        "Check the outgoing server name, the account and the password against what your "
        "mail provider gave you, then check that server from our side below."
    ),
    Service.HOSTING: _(
        "Check the outgoing server name, the account and the password against what your "
        "hosting service gave you, then check that server from our side below."
    ),
    Service.OWN_DYNAMIC: _(
        "Look in your mail server's log for the relay's reply. If it refuses your mail, "
        "ask %(isp)s on which settings %(relay_host)s accepts it."
    ),
    Service.OWN_STATIC: _(
        "Look in your mail server's log for the reason, and check the server from our side below."
    ),
}

# Where the answer comes from -----------------------------------------------------

QUOTED = _('This is case %(case)s in <a href="%(url)s">%(isp)s\'s notice</a>.')
QUOTED_FOR_REFERENCE = _(
    'This is case %(case)s (for reference) in <a href="%(url)s">%(isp)s\'s notice</a>.'
)
QUOTED_NOTE = _('This is the note on own mail servers in <a href="%(url)s">%(isp)s\'s notice</a>.')
DERIVED = _(
    '<a href="%(url)s">%(isp)s\'s notice</a> does not list this combination. This '
    "answer follows from the rules the notice states."
)

# The settings table ---------------------------------------------------------------

SETTINGS_HEADINGS = {
    "program": _("The settings to enter"),
    "relay": _("The setting for your mail server"),
    "at_home": _("The settings for sending over %(isp)s's connection at home"),
}
SETTING_SERVER = _("Outgoing mail server (SMTP)")
SETTING_RELAY = _("Relay host (smarthost)")
SETTING_PORT = _("Port")
SETTING_SECURITY = _("Connection security")
SETTING_AUTH = _("SMTP authentication")
SETTING_ON = _("On")
SETTING_OFF = _("Off")
SETTING_LOGIN = _("User name and password")

SECURITY: dict[Security, Promise] = {
    Security.NONE: _("None"),
    Security.STARTTLS: _("STARTTLS"),
    Security.SSL: _("SSL/TLS"),
}
SERVER_CELLS: dict[Service, Promise] = {
    Service.OTHER_ISP: _("The outgoing server name your mail provider gave you"),
    Service.HOSTING: _("The outgoing server name your hosting service (rental server) gave you"),
}
LOGIN_CELLS: dict[Username, Promise] = {
    Username.ISP_MAIL_ACCOUNT: _("Your %(isp)s mail account and mail password"),
    Username.PROVIDER_ACCOUNT: _("The account name and password your mail provider gave you"),
    Username.NONE: _("Not needed"),
}
PATTERN_NOTE = _(
    "The notice gives only ***.mail.plala.or.jp and does not say what *** stands for. In "
    "%(isp)s's entry in Thunderbird's former settings database (ISPDB), it is the part of "
    "your address between “@” and “.plala.or.jp” (abc for taro@abc.plala.or.jp)."
)
FILL_IN_LINK = _("Enter the part of your address after “@” to see your server's name")
GENERAL_SECURITY_NOTES: dict[Security, Promise] = {
    Security.STARTTLS: _("Follow your provider's guide: on port 587 most use STARTTLS."),
    Security.SSL: _("Follow your provider's guide: port 465 uses SSL/TLS from the start."),
    Security.NONE: _("Follow your provider's guide."),
}
# Notes for the ISP's values that its notice (or an official page) does not state.
UNSTATED_NOTES: dict[tuple[bool, str], Promise] = {
    (False, "server"): _(
        "This name follows from your address (the part after “@”), as in %(isp)s's entry "
        "in Thunderbird's former settings database (ISPDB). The notice gives only "
        "***.mail.plala.or.jp and does not say what *** stands for."
    ),
    (False, "port"): _("The notice does not state this port: confirm it with %(isp)s."),
    (False, "security"): _(
        "The notice does not state the connection security. “None” is what %(isp)s's "
        "entry in Thunderbird's former settings database (ISPDB) gave for this server; "
        "if %(isp)s's current guide says otherwise, follow it. This is also why your "
        "program may warn that the password is sent unencrypted."
    ),
    (False, "auth"): _("The notice does not state whether this server needs SMTP authentication."),
    # Port 25 without a login: no password travels, so no warning about one.
    (False, "security-without-login"): _("The notice does not state the connection security."),
    (False, "username"): _(
        "The notice does not say which user name to enter. In %(isp)s's entry in "
        "Thunderbird's former settings database (ISPDB), it is the part of your address "
        "before “@” (for taro@%(domain)s, “taro”)."
    ),
    (True, "port"): _(
        "The notice names only the relay server, not its port: 25 is the usual port "
        "between mail servers. Confirm it with %(isp)s."
    ),
    (True, "security"): _(
        "The notice does not state the relay's connection security: confirm it with %(isp)s."
    ),
    (True, "auth"): _(
        "The notice does not say whether the relay needs authentication: confirm it with %(isp)s."
    ),
}


# The example in notes when the subscriber has not given a domain.
EXAMPLE_DOMAIN = "abc.plala.or.jp"

# Choosing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Remedied:
    slug: str
    title: str
    body: str


@dataclass(frozen=True)
class ResultWords:
    headline: str
    # The notice's own 送信可否 for the case, quoted (empty when not in the notice).
    notice_says: str
    verdict_symbol: str
    # Where the answer comes from, with a link to the notice.
    source_note: SafeString
    reason: str
    remedies: list[Remedied]
    follow_up: str


def result_words(diagnosis: Diagnosis) -> ResultWords:
    """Every sentence of the result page that depends on the diagnosis."""
    values = _values(diagnosis)
    headline = REASON_HEADLINES.get(diagnosis.reason) or HEADLINES[diagnosis.verdict]
    if diagnosis.reason in LIGHT_NOT_ELIGIBLE and diagnosis.answers.port is Port.SUBMISSIONS:
        headline = LIGHT_465_HEADLINE
    notice_verdict = _notice_verdict(diagnosis)
    service = diagnosis.answers.service or Service.PLALA
    return ResultWords(
        headline=isp_text(headline, **values),
        notice_says=(
            isp_text(
                NOTICE_SAYS,
                symbol=SYMBOLS[notice_verdict],
                words=isp_text(NOTICE_WORDS[notice_verdict]),
            )
            if notice_verdict
            else ""
        ),
        verdict_symbol=SYMBOLS[diagnosis.verdict],
        source_note=source_note(diagnosis),
        reason=isp_text(REASONS[diagnosis.reason], **values),
        remedies=[remedy_words(remedy, diagnosis) for remedy in diagnosis.remedies],
        follow_up=isp_text(FOLLOW_UPS[service], **values),
    )


def remedy_words(remedy: Remedy, diagnosis: Diagnosis) -> Remedied:
    text = REMEDIES_FOR_REASON.get((remedy, diagnosis.reason)) or REMEDIES[remedy]
    values = _values(diagnosis)
    return Remedied(
        slug=remedy.value,
        title=isp_text(text.title, **values),
        body=isp_text(text.body, **values),
    )


def source_note(diagnosis: Diagnosis) -> SafeString:
    """Whether the answer is quoted from the notice or follows from it, linked to it."""
    url = escape(ACTIVE.notice_url)
    if not diagnosis.in_notice:
        text = DERIVED
    elif diagnosis.case:
        text = QUOTED_FOR_REFERENCE if for_reference(diagnosis.case) else QUOTED
    else:
        text = QUOTED_NOTE
    return mark_safe(isp_text(text, url=url, case=diagnosis.case or ""))


def settings_heading(diagnosis: Diagnosis, settings: TargetSettings) -> str:
    if settings.relay:
        key = "relay"
    elif diagnosis.reason is Reason.LIGHT_NOT_ELIGIBLE_AWAY:
        key = "at_home"
    else:
        key = "program"
    return isp_text(SETTINGS_HEADINGS[key])


def settings_rows(
    settings: TargetSettings, answers: Answers, *, fill_in_url: str = ""
) -> list[dict[str, object]]:
    """The settings table: each value, and a note where it needs one.

    ``fill_in_url`` asks for the address's domain when the server name is still
    the notice's pattern."""
    unstated = set(settings.unstated())
    values = {
        "pattern": ACTIVE.smtp_server_pattern.value,
        "domain": answers.domain or EXAMPLE_DOMAIN,
    }

    def note(name: str) -> str:
        key = "security-without-login" if name == "security" and not settings.auth else name
        text = UNSTATED_NOTES.get((settings.relay, key)) if name in unstated else None
        if text is None and key != name:
            text = UNSTATED_NOTES.get((settings.relay, name))
        return isp_text(text, **values) if text else ""

    server_link = {}
    if settings.server:
        server = settings.server
        if settings.server_is_pattern:
            server_note = isp_text(PATTERN_NOTE)
            if fill_in_url:
                server_link = {"link_url": fill_in_url, "link_text": isp_text(FILL_IN_LINK)}
        elif settings.server_unlisted:
            server_note = isp_text(wording.DOMAIN_UNLISTED_NOTE, domain=answers.domain)
        else:
            server_note = note("server")
    else:
        service = answers.service or Service.OTHER_ISP
        server = isp_text(SERVER_CELLS.get(service, SERVER_CELLS[Service.OTHER_ISP]))
        server_note = ""
    general = not settings.sources
    rows: list[dict[str, object]] = [
        {
            "label": str(SETTING_RELAY if settings.relay else SETTING_SERVER),
            "value": server,
            "literal": bool(settings.server),
            "note": server_note,
            **server_link,
        },
        {
            "label": str(SETTING_PORT),
            "value": str(settings.port),
            "literal": True,
            "note": note("port"),
        },
        {
            "label": str(SETTING_SECURITY),
            "value": isp_text(SECURITY[settings.security]),
            "note": (
                isp_text(GENERAL_SECURITY_NOTES[settings.security]) if general else note("security")
            ),
        },
        {
            "label": str(SETTING_AUTH),
            "value": str(SETTING_ON if settings.auth else SETTING_OFF),
            "note": note("auth"),
        },
    ]
    if settings.auth:
        rows.append(
            {
                "label": str(SETTING_LOGIN),
                "value": isp_text(LOGIN_CELLS[settings.username]),
                "note": note("username"),
            }
        )
    return rows


def _notice_verdict(diagnosis: Diagnosis) -> Verdict | None:
    """The notice's own 送信可否 for the diagnosis's row (case 5 is always 一部)."""
    row = notice_row(diagnosis.case, diagnosis.example)
    return row.verdict if row else None


def _values(diagnosis: Diagnosis) -> Mapping[str, object]:
    port = diagnosis.answers.port
    return {
        "port": port.value if port else "25",
        "relay_host": ACTIVE.relay_host.value,
    }
