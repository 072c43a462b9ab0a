"""The console's own words where the public pages' would point at the wrong
place: an agent sees no "answers so far" list and cannot see the customer's
screen."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wizard.questions.core.answers import Problem
from wizard.questions.core.case_codes import CodeProblem

ANSWER_PROBLEMS: dict[Problem, Promise] = {
    Problem.NOT_A_CHOICE: _("This value is not one of the choices. Please choose again."),
    Problem.NOT_A_MAIL_PROGRAM: _(
        "This is mail server software, which only goes with an own server on a dynamic "
        "address. Choose a mail program, or change the mail server answer."
    ),
    Problem.NOT_A_SERVER_PROGRAM: _(
        "For an own server on a dynamic address, choose the mail server software it runs."
    ),
    Problem.BAD_HOST: _("This is not a server name or an e-mail address."),
    Problem.BAD_DOMAIN: _(
        "This cannot be read as the part of an address after “@”. Enter it like "
        "abc.plala.or.jp, or leave it empty."
    ),
    Problem.NOT_ISP_DOMAIN: _(
        "This is not a %(isp)s mail domain (those end in .plala.or.jp, such as "
        "abc.plala.or.jp). If the customer sends from another address, change the "
        "mail server answer above."
    ),
}

# Read out by a customer: the agent asks again rather than compares screens.
CODE_PROBLEMS: dict[CodeProblem, Promise] = {
    CodeProblem.MISTYPED: _(
        "This code has a mistake: one character is wrong, or two are swapped. Please ask "
        "the customer to read it out again."
    ),
    CodeProblem.UNKNOWN_VALUE: _(
        "No result has this code. Please ask the customer to read it out again."
    ),
}

# Under a built link's code: what an agent must give the customer separately.
CODE_LEFT_OUT: dict[str, Promise] = {
    "domain": _(
        "The case code does not carry this mail domain (it is not one of the known "
        "ones): give it to the customer separately if needed."
    ),
    "host": _("The case code does not carry the server to check."),
}
