"""Every sentence of the Apple setup profile and of its refusal page.

Whole translatable sentences; the ISP's proper names (``%(isp)s``) come from
its profile through ``isp_text``, so none is spelled here.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .core.apple_profile import NoProfile
from .core.isp import LoginName

# In the profile --------------------------------------------------------------
PROFILE_NAME = _("%(isp)s Mail (%(domain)s)")
ACCOUNT_DESCRIPTION = _("%(isp)s (%(domain)s)")
# Who made the profile: this site, not the ISP.
PROFILE_ORGANIZATION = _("Mail sending check")
PROFILE_DESCRIPTION = _(
    "Adds your %(isp)s mail address at %(domain)s to Mail as a new account: receiving "
    "(POP3) from %(incoming)s, sending from %(outgoing)s on port %(port)s with SMTP "
    "authentication. The profile holds no password."
)
# What to type when the device asks while installing, by the user-name form.
PROFILE_USERNAME_HELP: dict[LoginName, Promise] = {
    LoginName.LOCAL_PART: _(
        "While installing, enter your e-mail address, then as the user name the part "
        "of your address before “@”, and your mail password."
    ),
    LoginName.ADDRESS: _(
        "While installing, enter your e-mail address, then your whole e-mail address "
        "again as the user name, and your mail password."
    ),
}

# The page when there is no profile (400) ---------------------------------------
REFUSED_TITLE = _("No configuration profile for these answers")
REFUSALS: dict[NoProfile, Promise] = {
    NoProfile.NO_DOMAIN: _(
        "A configuration profile has to name your mail server, and we work out its "
        "name from the part of your e-mail address after “@”, which these answers do "
        "not include. Please enter it, then download the profile again."
    ),
    NoProfile.UNKNOWN_DOMAIN: _(
        "%(domain)s is not one of the %(isp)s mail domains we know, so we cannot make "
        "a configuration profile for it. If it is misspelt, please enter it again; if "
        "it is right, please enter the settings on your result page yourself."
    ),
    NoProfile.NOT_ISP_SERVER: _(
        "For these answers, you do not send through %(isp)s's own mail server, so "
        "there is no configuration profile for them. Please enter the settings on "
        "your result page in your mail program yourself."
    ),
}
REFUSED_INCOMPLETE = _(
    "These answers are not complete yet, so we cannot tell which settings you need. "
    "Please answer the remaining questions first."
)
REFUSED_UNREADABLE = _(
    "We could not read some of these answers, so we cannot make a configuration profile. "
    "Please check them on the question page."
)
BACK_TO_RESULT = _("Back to your result")
TO_THE_DOMAIN_QUESTION = _("Enter the part after “@”")
TO_THE_QUESTIONS = _("Continue with the questions")
