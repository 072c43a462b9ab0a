"""What the pages say about the domain's values, in translatable words.

The core (``wizard.questions.core``) deals in enums; this module gives each one its
label, question or explanation. Proper names of the ISP are interpolated from
its profile (``%(isp)s``, ``%(light_plan)s`` …) so they live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .connection_hint import LineGuess
from .core.answers import Client, Network, Op25b, Plan, Port, Problem, Service, YesNo
from .core.case_codes import CodeProblem
from .core.cases import Block, Username
from .core.questions import Question


@dataclass(frozen=True)
class Choice:
    # An answer's enum member (a ``StrEnum``, so it is its URL value too).
    value: str
    label: Promise
    hint: Promise | str = ""


@dataclass(frozen=True)
class QuestionText:
    title: Promise
    # Shown under the title: what the question means, in plain words.
    lead: Promise
    # The heading of the "I don't know" disclosure.
    unsure: Promise
    # Short name, for the answers summary and the progress list.
    short: Promise


QUESTIONS: dict[Question, QuestionText] = {
    Question.NETWORK: QuestionText(
        title=_("Which internet connection are you using right now?"),
        lead=_(
            "The connection your computer or phone is on while it sends mail: "
            "%(isp)s's line at home, or someone else's (an office, a hotel, "
            "tethering from a smartphone, another provider)."
        ),
        unsure=_("Not sure which connection you are on?"),
        short=_("Connection"),
    ),
    Question.SERVICE: QuestionText(
        title=_("Whose outgoing mail server do you send through?"),
        lead=_(
            "Usually the company that gave you your e-mail address. "
            "An address ending in plala.or.jp is %(isp)s mail."
        ),
        unsure=_("Not sure whose server it is?"),
        short=_("Mail server"),
    ),
    Question.CLIENT: QuestionText(
        title=_("Which mail program do you use?"),
        lead=_("We'll use the same names your program uses."),
        unsure=_("Not sure what your mail program is called?"),
        short=_("Mail program"),
    ),
    Question.PORT: QuestionText(
        title=_("Which outgoing (SMTP) port is set in your mail program?"),
        lead=_(
            "The number in the “Port” field of the outgoing mail server (SMTP) in your "
            "account settings."
        ),
        unsure=_("Where do I find the port?"),
        short=_("Port"),
    ),
    Question.AUTH: QuestionText(
        title=_("Is SMTP authentication turned on?"),
        lead=_(
            'In most programs this is a box such as "My outgoing server (SMTP) '
            'requires authentication".'
        ),
        unsure=_("Where do I find this setting?"),
        short=_("Authentication"),
    ),
    Question.OP25B: QuestionText(
        title=_("Does the provider of that other connection block outbound port 25 (OP25B)?"),
        lead=_(
            "Many providers, mobile networks and offices block port 25 to servers "
            "outside their own. Their support pages usually say so."
        ),
        unsure=_("How can I find out?"),
        short=_("OP25B on that connection"),
    ),
    Question.PLAN: QuestionText(
        title=_("Which %(isp)s contract do you have?"),
        lead=_(
            "Port 587 with SMTP authentication is for %(set_plan)s members. It is free "
            "and needs no application."
        ),
        unsure=_("Not sure which contract you have?"),
        short=_("Contract"),
    ),
    Question.DOMAIN: QuestionText(
        title=_('What comes after "@" in your %(isp)s e-mail address?'),
        lead=_(
            'Only the part after "@" is needed, not your whole address. It gives the '
            "name of your outgoing mail server, so the result can show it filled in."
        ),
        unsure=_("Where do I find it?"),
        short=_('Address after "@"'),
    ),
}

_MAIL_PROGRAMS: dict[Client, Promise | str] = {
    Client.OUTLOOK: _("Classic Outlook (Microsoft 365, 2021, 2024)"),
    Client.OUTLOOK_NEW: _("The new Outlook for Windows"),
    Client.THUNDERBIRD: "Thunderbird",
    Client.APPLE_MAIL: _("Apple Mail on a Mac"),
    Client.IOS_MAIL: _("Mail on iPhone or iPad"),
    Client.ANDROID_GMAIL: _("The Gmail app on Android"),
    Client.BECKY: "Becky! Internet Mail",
    Client.WINDOWS_LIVE_MAIL: _("Windows Live Mail 2012"),
    Client.OUTLOOK_EXPRESS: "Outlook Express",
    Client.POSTFIX: "Postfix",
    Client.EXIM: "Exim",
    Client.SENDMAIL: "sendmail",
}
_OTHER_PROGRAM = _("Another program, or I don't know")
_OTHER_SERVER = _("Other mail server software")


def client_name(client: Client, *, server: bool = False) -> Promise | str:
    """The program's name as a label (a choice, the answers summary)."""
    if client is Client.OTHER:
        return _OTHER_SERVER if server else _OTHER_PROGRAM
    return _MAIL_PROGRAMS[client]


# The heading over a program's steps: one whole phrase per program, so that no
# label is pasted into a heading.
_GUIDE_HEADINGS: dict[Client, Promise] = {
    Client.OUTLOOK: _("Steps in the classic Outlook"),
    Client.OUTLOOK_NEW: _("Steps in the new Outlook for Windows"),
    Client.THUNDERBIRD: _("Steps in Thunderbird"),
    Client.APPLE_MAIL: _("Steps in Apple Mail on a Mac"),
    Client.IOS_MAIL: _("Steps in Mail on iPhone or iPad"),
    Client.ANDROID_GMAIL: _("Steps in the Gmail app on Android"),
    Client.BECKY: _("Steps in Becky! Internet Mail"),
    Client.WINDOWS_LIVE_MAIL: _("Steps in Windows Live Mail 2012"),
    Client.OUTLOOK_EXPRESS: _("Steps in Outlook Express"),
    Client.OTHER: _("General steps for any mail program"),
}
_SERVER_HEADINGS: dict[Client, Promise] = {
    Client.POSTFIX: _("Setting up Postfix"),
    Client.EXIM: _("Setting up Exim"),
    Client.SENDMAIL: _("Setting up sendmail"),
    Client.OTHER: _("Setting up other mail server software"),
}


def guide_heading(client: Client, *, server: bool = False) -> Promise:
    headings = _SERVER_HEADINGS if server else _GUIDE_HEADINGS
    return headings.get(client, headings[Client.OTHER])


CHOICES: dict[Question, tuple[Choice, ...]] = {
    Question.NETWORK: (
        Choice(Network.PLALA, _("%(isp)s's connection"), _("Your home line from %(isp)s.")),
        Choice(
            Network.OTHER,
            _("Another provider's connection"),
            _("An office, a hotel, tethering from a smartphone, another provider's line."),
        ),
    ),
    Question.SERVICE: (
        Choice(Service.PLALA, _("%(isp)s mail"), _("An address ending in plala.or.jp.")),
        Choice(
            Service.OTHER_ISP,
            _("Another provider's mail"),
            _("For example OCN, BIGLOBE or au; Gmail, Yahoo! Mail and iCloud Mail too."),
        ),
        Choice(
            Service.HOSTING,
            _("A hosting service's mail server"),
            _("Mail with your own domain, run at a rental server or another hosting service."),
        ),
        Choice(
            Service.OWN_DYNAMIC,
            _("My own mail server on a dynamic IP address"),
            _("A server you run yourself on %(isp)s's line, with DDNS or similar."),
        ),
        Choice(
            Service.OWN_STATIC,
            _("My own mail server on a fixed IP address"),
            _("A mail server you run yourself on a fixed IP address of %(isp)s's connection."),
        ),
    ),
    Question.PORT: (
        Choice(Port.SUBMISSION, _("587"), _("The submission port.")),
        Choice(Port.SMTP, _("25"), _("The old standard port.")),
        Choice(Port.SUBMISSIONS, _("465"), _("SSL/TLS from the start.")),
    ),
    Question.AUTH: (
        Choice(YesNo.YES, _("Yes, it is on")),
        Choice(YesNo.NO, _("No, it is off")),
    ),
    Question.OP25B: (
        Choice(Op25b.YES, _("Yes, it blocks port 25")),
        Choice(Op25b.NO, _("No, it does not")),
        Choice(Op25b.UNKNOWN, _("I don't know")),
    ),
    Question.PLAN: (
        Choice(Plan.SET, _("%(set_plan_label)s")),
        Choice(
            Plan.LIGHT,
            _("%(light_plan)s"),
            _("Sending from the address included with %(light_plan)s."),
        ),
        Choice(
            Plan.LIGHT_MULTI,
            _("%(light_plan)s, sending from a %(multi_address)s address"),
            _("An additional address of the %(multi_address)s."),
        ),
    ),
}


# The login, worded to sit inside a guide's sentence ("enter %(username)s").
USERNAMES: dict[Username, Promise] = {
    Username.ISP_MAIL_ACCOUNT: _("your %(isp)s mail account and mail password"),
    Username.PROVIDER_ACCOUNT: _("the account name and password your mail provider gave you"),
    Username.NONE: _("nothing"),
}
# The user name alone, for programs with a separate "User Name" field.
LOGIN_NAMES: dict[Username, Promise] = {
    Username.ISP_MAIL_ACCOUNT: _("your %(isp)s mail account"),
    Username.PROVIDER_ACCOUNT: _("the user name your mail provider gave you"),
    Username.NONE: _("nothing"),
}

PROBLEMS: dict[Problem, Promise] = {
    Problem.NOT_A_CHOICE: _("We did not understand this answer. Please choose again."),
    Problem.NOT_A_MAIL_PROGRAM: _(
        "That is mail server software, not a mail program. Please choose your mail program."
    ),
    Problem.NOT_A_SERVER_PROGRAM: _(
        "For your own mail server, please choose the server software it runs."
    ),
    Problem.BAD_HOST: _("This is not a server name or an e-mail address."),
    Problem.BAD_DOMAIN: _(
        'We could not read this as the part of an e-mail address after "@". Please '
        'enter it like abc.plala.or.jp, or choose "I don\'t know".'
    ),
    Problem.NOT_ISP_DOMAIN: _(
        "This is not a %(isp)s mail address. %(isp)s addresses end in a name followed "
        "by .plala.or.jp, such as abc.plala.or.jp. If you send from another address, "
        'change your "Mail server" answer in "Your answers so far" below.'
    ),
}
MISSING_ANSWER = _("Please choose one of the answers.")
# Inside a guide's sentence, when only the subscriber's papers know the name.
SERVER_PLACEHOLDER = _("the outgoing server name your mail provider gave you")
# A literal value quoted inside a step: “abc.mail.plala.or.jp”.
QUOTED_VALUE = _("“%(value)s”")
SERVER_PATTERN_IN_A_STEP = _(
    "“%(server)s” (with *** filled in as the settings table above explains)"
)
CLIENT_SERVER_TITLE = pgettext_lazy("question", "Which mail server software does your server run?")
CLIENT_SERVER_SHORT = _("Mail server software")
CLIENT_SERVER_UNSURE = _("Not sure which mail server software it is?")
CLIENT_SERVER_HELP = _(
    "On the server, “postconf -d mail_version” (Postfix), “exim -bV” (Exim) or "
    "“sendmail -d0.1 -bv root” (sendmail) shows which one runs. If you cannot tell, "
    "choose “Other mail server software”."
)
CLIENT_SERVER_LEAD = _("We will show how to set the relay server in its configuration.")


# Help behind the "I don't know" answers. Where each mail program shows its port
# and authentication lives with its guide (``guides``); here are the general
# explanations and the safe fallbacks.
# When the setting cannot be found, the safest guess: the result shows the right
# settings either way.
UNSURE_FALLBACK: dict[Question, Promise] = {
    Question.PORT: _(
        "Still cannot find it? Choose 25, the old default. The result page shows the "
        "complete settings to enter either way."
    ),
    Question.AUTH: _('Still cannot find it? Choose "No". The result page shows how to turn it on.'),
}

UNSURE_HELP: dict[Question, Promise] = {
    Question.NETWORK: _(
        "At home on a fibre line (such as docomo Hikari) or an ADSL line with %(isp)s as "
        "your provider, also through your own Wi-Fi router, you are on %(isp)s's "
        "connection. In an office, a hotel, a café's Wi-Fi, or "
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
        "Which contract you have is in the documents %(isp)s sent you when you signed up, "
        "or ask %(isp)s."
    ),
}


# Page titles, and the result page's own labels ------------------------------------

START_TITLE = _("Mail sending check")
QUESTION_COUNT = _("Up to %(count)s short questions, one per page.")
# The footer; %(notice)s is the notice's title, linked.
BASED_ON_THE_NOTICE = _("Based on %(isp)s's notice %(notice)s.")
CASES_TITLE = _("All cases of the notice")
CONNECTION_TITLE = _("Which connection am I on?")
# The result's title: its headline and its case, e.g. "Your mail can be sent (Case 1)".
RESULT_TITLE = _("%(headline)s (%(case)s)")
NOT_IN_NOTICE = _("Not in the notice")
CASE = _("Case %(case)s")
CASE_EXAMPLE = _("Case %(case)s, example %(example)s")
# The notice heads case 5 with （参考）.
CASE_FOR_REFERENCE = _("Case %(case)s (for reference)")
OWN_SERVERS_NOTE = _("The notice's note on own servers")
# The notice's own words for that note, on the cases page.
OWN_STATIC_NOTE = _(
    "A mail server of your own using a fixed IP address on %(isp)s's internet "
    "connection (hosting included) is not affected."
)

CONNECTION_GUESSES: dict[LineGuess, Promise] = {
    LineGuess.ISP: _("This looks like %(isp)s's connection."),
    LineGuess.OTHER: _("This looks like another provider's connection."),
    LineGuess.UNKNOWN: _("We cannot tell from your address."),
}

# The picture of the mail's path.
PORT_LABEL = _("Port %(port)s")
PORT_AUTH_LABEL = _("Port %(port)s + SMTP authentication")
# The picture as one sentence: "A → B → C (port 587). Not blocked on the way."
PATH_HOPS_SEPARATOR = " → "
HOP_WITH_DETAIL = _("%(label)s (%(detail)s)")
PATH_DESCRIPTION = _("%(hops)s. %(caption)s")
PATH_DESCRIPTION_PORT = _("%(hops)s (%(port)s). %(caption)s")
NOT_OFFERED_CAPTION = _(
    "The notice does not offer port 587 with SMTP authentication to %(light_plan)s."
)
PORT_465_NOT_IN_NOTICE_CAPTION = _("Port 465 is not in the notice.")
NOT_FROM_ISP_NETWORK_CAPTION = _("Not sent from %(isp)s's connection (not case 2 of the notice).")
HOP_OWN_STATIC_DETAIL = _("fixed IP on %(isp)s's connection")
HOP_SENDER = _("Your computer or phone")
HOP_OWN_SERVER = _("Your own mail server")
HOP_OWN_SERVER_DETAIL = _("%(isp)s dynamic IP")
HOP_ISP_NETWORK = _("%(isp)s's connection")
HOP_OTHER_NETWORK = _("Another provider's connection")
HOP_CLOUD = _("Microsoft's servers")
HOP_CLOUD_DETAIL = _("the new Outlook")
HOP_SERVERS: dict[Service, Promise] = {
    Service.PLALA: _("%(isp)s's mail server"),
    Service.OTHER_ISP: _("Another provider's mail server"),
    Service.HOSTING: _("A hosting service's mail server"),
    Service.OWN_STATIC: _("Your own mail server"),
    Service.OWN_DYNAMIC: _("Recipients' mail servers"),
}
PATH_CAPTIONS: dict[Block | None, Promise] = {
    Block.GATEWAY: _("Blocked at the connection's gateway."),
    Block.MAYBE_GATEWAY: _("May be blocked at the connection's gateway."),
    Block.SERVER: _("The mail server may refuse it."),
    None: _("Not blocked on the way."),
}

# The notice table's 利用機能 column for case 3, example 3.
SERVER_TO_SERVER = _("25 (server to server)")


# The address's domain (question ``domain``) and what it fills in ---------------------

DOMAIN_LABEL = _('The part of your address after "@"')
DOMAIN_HINT = _("For example abc.plala.or.jp, if your address is taro@abc.plala.or.jp.")
# The way on without an answer; the result then shows the server name to fill in.
DOMAIN_SKIP = _("I don't know")
DOMAIN_MISSING = _('Please enter the part of your address after "@", or choose "I don\'t know".')
DOMAIN_HELP = _(
    "It is in your e-mail address itself: for taro@abc.plala.or.jp it is "
    'abc.plala.or.jp. If you are not sure, choose "I don\'t know": the result then '
    "shows the server name as the notice writes it, with *** to fill in."
)
# On the result, beside a server name made from a domain the profile does not list.
DOMAIN_UNLISTED_NOTE = _(
    "%(domain)s is not among the %(isp)s mail domains we know: please check the spelling "
    "of your address. The server name follows from it as in %(isp)s's entry in "
    "Thunderbird's former settings database (ISPDB); the notice does not state it."
)
# Case 3's fallback asks the domain of a Plala address the subscriber may not have.
DOMAIN_LEAD_FOR_FALLBACK = _(
    "If your provider's server offers no submission port, the notice suggests %(isp)s's "
    "outgoing server instead. To show its name, enter the part after “@” of your %(isp)s "
    "address (not of your other provider's address). If you have none, choose “I don't "
    "know”."
)
NOT_ISP_DOMAIN_FOR_FALLBACK = _(
    "Enter here the part after “@” of a %(isp)s address, not of your other provider's. "
    "If you have no %(isp)s address, choose “I don't know”."
)
# The program named over its help on a step ("Thunderbird:").
HELP_PROGRAM = _("%(program)s:")


# Case codes: a result's short code, read to support on the phone ------------------

CASE_CODE_TITLE = _("Open a result by its case code")
CASE_CODE_PROBLEM_TITLE = _("We could not open this case code")
# Between the letters a code uses, listed in a sentence: "A F H" / 「A・F・H」.
CODE_LETTER_SEPARATOR = pgettext_lazy("between the letters of a list", " ")
# %(letters)s: the letters a code uses, e.g. "A F H J K M R T W X Y".
CASE_CODE_PROBLEMS: dict[CodeProblem, Promise] = {
    CodeProblem.EMPTY: _("Please type the case code shown on your result page."),
    CodeProblem.BAD_CHARACTERS: _(
        "A case code uses only the digits 2 to 9 and the letters %(letters)s; there is "
        "no 0, 1, O, I or L in a code. Please check what you typed."
    ),
    CodeProblem.WRONG_LENGTH: _(
        "A case code has %(length)s characters, such as %(example)s. Please check that "
        "none is missing or typed twice."
    ),
    CodeProblem.MISTYPED: _(
        "This code has a typing mistake: one character is wrong, or two are swapped. "
        "Please compare it with the code on the result page."
    ),
    CodeProblem.UNKNOWN_VALUE: _(
        "No result has this code. Please compare it with the code on the result page."
    ),
}
# What a code does not carry, said under it on the result page.
CASE_CODE_LEFT_OUT: dict[str, Promise] = {
    "domain": _(
        "The code does not include the part of your e-mail address after “@”. If "
        "support asks for it, please give it to them separately."
    ),
    "host": _(
        "The code does not include the outgoing server name or e-mail address you "
        "entered. If support asks for it, please give it to them separately."
    ),
}


# The one-click setup profile on a result page ---------------------------------
PROFILE_INCOMING_NOTE = _(
    "The notice is about sending only: the incoming server's settings (POP3, port "
    "%(port)s, no encryption) come from %(isp)s's former entry in Thunderbird's settings "
    "database (ISPDB). If %(isp)s's current guide says otherwise, follow it."
)
