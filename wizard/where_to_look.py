"""Help behind the wizard's "I don't know" answers.

For the port and authentication questions: where each mail program shows the
current setting, in its own menu words (sources: shared/research/mail-clients.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .core.answers import Client
from .core.questions import Question


@dataclass(frozen=True)
class Lookup:
    port: Promise
    auth: Promise


LOOKUPS: dict[Client, Lookup] = {
    Client.OUTLOOK: Lookup(
        port=_(
            "File → Account Settings → Account Settings… → choose the account → Change → "
            'More Settings… → Advanced tab: the number next to "Outgoing server (SMTP)".'
        ),
        auth=_(
            "File → Account Settings → Account Settings… → choose the account → Change → "
            'More Settings… → Outgoing Server tab: "My outgoing server (SMTP) requires '
            'authentication" is ticked or not.'
        ),
    ),
    Client.OUTLOOK_NEW: Lookup(
        port=_(
            "The new Outlook shows the outgoing port only when an IMAP or POP account is "
            "added (Settings → Accounts → Email accounts → Add account → Show more)."
        ),
        auth=_(
            "The new Outlook always logs in to the outgoing server with the account's "
            'user name and password, so choose "Yes".'
        ),
    ),
    Client.THUNDERBIRD: Lookup(
        port=_(
            '≡ menu → Account Settings → "Outgoing Server (SMTP)" at the bottom of the '
            'list → choose the server → Edit…: "Port".'
        ),
        auth=_(
            'In the same Edit… window: "Authentication method". "No authentication" '
            "means it is off."
        ),
    ),
    Client.APPLE_MAIL: Lookup(
        port=_(
            "Mail → Settings… → Accounts → your account → Server Settings: under Outgoing "
            'Mail Server (SMTP), untick "Automatically manage connection settings" to '
            'see the "Port".'
        ),
        auth=_('In the same place: "Authentication". "None" means it is off.'),
    ),
    Client.IOS_MAIL: Lookup(
        port=_(
            "Settings → Apps → Mail → Mail Accounts (iOS 17: Settings → Mail → Accounts) → "
            'your account → Account → SMTP → the primary server: "Server Port".'
        ),
        auth=_(
            'On the same screen: "Authentication". "None" means it is off; the user '
            "name and password must also be filled in."
        ),
    ),
    Client.ANDROID_GMAIL: Lookup(
        port=_(
            "The Gmail app shows the outgoing port only for IMAP or POP accounts: ☰ → "
            'Settings → your account → Account settings → Outgoing settings: "Port".'
        ),
        auth=_('On the same screen: "Require signin" is ticked or not.'),
    ),
    Client.BECKY: Lookup(
        port=_("Tools → Mailbox Settings → Advanced tab: the SMTP port number."),
        auth=_('Tools → Mailbox Settings → Advanced tab: "SMTP authentication" is ticked or not.'),
    ),
    Client.WINDOWS_LIVE_MAIL: Lookup(
        port=_(
            'Accounts tab → Properties → Advanced tab: the number next to "Outgoing mail (SMTP)".'
        ),
        auth=_(
            'Accounts tab → Properties → Servers tab: "My server requires '
            'authentication" is ticked or not.'
        ),
    ),
    Client.OUTLOOK_EXPRESS: Lookup(
        port=_(
            "Tools → Accounts → Mail tab → Properties → Advanced tab → Server Port "
            'Numbers: "Outgoing mail (SMTP)".'
        ),
        auth=_(
            "Tools → Accounts → Mail tab → Properties → Servers tab → Outgoing Mail "
            'Server: "My server requires authentication" is ticked or not.'
        ),
    ),
    Client.OTHER: Lookup(
        port=_(
            "Open the account settings and look for the outgoing mail server (SMTP): the "
            'number beside it, or under "Advanced", is the port.'
        ),
        auth=_(
            'Near the outgoing server settings, look for "authentication", "requires '
            'sign-in" or a user name for the outgoing server.'
        ),
    ),
}

# When the setting cannot be found, the safest guess: the result shows the right
# settings either way.
FALLBACK: dict[Question, Promise] = {
    Question.PORT: _(
        "Still cannot find it? Choose 25, the old default. The result page shows the "
        "complete settings to enter either way."
    ),
    Question.AUTH: _('Still cannot find it? Choose "No". The result page shows how to turn it on.'),
}

GENERAL: dict[Question, Promise] = {
    Question.NETWORK: _(
        "At home on %(isp)s's fibre or ADSL line (also through your own Wi-Fi router), "
        "you are on %(isp)s's connection. In an office, a hotel, a café's Wi-Fi, or "
        "when your phone shares its mobile data (tethering), you are on another "
        "provider's connection."
    ),
    Question.SERVICE: _(
        "Look at your e-mail address: after the @ comes the domain of the company that "
        "runs your mail. plala.or.jp is %(isp)s mail; another provider's name (such as "
        "ocn.ne.jp or biglobe.ne.jp) is another provider's mail; your own company's or "
        "shop's domain usually means a hosting service."
    ),
    Question.CLIENT: _(
        "It is the program or app you open to write mail. If you read mail in a web "
        'browser instead, choose "Another program, or I don\'t know".'
    ),
    Question.OP25B: _(
        'Search the provider\'s support pages for "OP25B" or "port 25". Almost all '
        "Japanese providers and mobile networks block it today. If you cannot find out, "
        'choose "I don\'t know": the answer covers both.'
    ),
    Question.PLAN: _(
        "Your contract is shown on the %(isp)s member page and on your registration "
        "document. If you pay for %(isp)s's connection, it is usually a %(set_plan)s."
    ),
}
