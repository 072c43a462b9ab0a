from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import login_limits


class LimitedAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing to try while a name or address is held."""

    error_messages: ClassVar[dict[str, Any]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That user name and password do not match an active staff account. "
            "Both are case-sensitive."
        ),
        "inactive": _("This account is switched off. Ask an administrator to switch it on."),
        "not_staff": _(
            "This account may not use the support console. Ask an administrator to "
            "give it staff status."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise forms.ValidationError(self.error_messages["not_staff"], code="not_staff")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and (hold := login_limits.held(self.request, username)):
            raise forms.ValidationError(_held_message(hold), code="too_many_attempts")
        try:
            return super().clean()
        except forms.ValidationError:
            if self.request is not None:
                login_limits.count_failure(self.request, username)
            raise


def _held_message(hold: login_limits.Held) -> str:
    if hold.by_name:
        return ngettext(
            "Too many failed logins for this user name. Please wait %(minutes)d minute "
            "and try again, or ask an administrator to reset the password.",
            "Too many failed logins for this user name. Please wait %(minutes)d minutes "
            "and try again, or ask an administrator to reset the password.",
            hold.minutes,
        ) % {"minutes": hold.minutes}
    return ngettext(
        "Too many failed logins from this network. Please wait %(minutes)d minute and try again.",
        "Too many failed logins from this network. Please wait %(minutes)d minutes and try again.",
        hold.minutes,
    ) % {"minutes": hold.minutes}


class CountsDayForm(forms.Form):
    """The day whose week the counts page shows (a GET form: works without JS)."""

    day = forms.DateField(
        label=_("Day"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={
            "invalid": _("Please enter a date as year-month-day, for example 2026-04-01."),
        },
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_day(self) -> dt.date:
        day = self.cleaned_data.get("day") or self.today
        if not FIRST_DAY <= day <= self.today:
            raise forms.ValidationError(
                _("Please choose a day from %(first)s to today (%(today)s).")
                % {"first": FIRST_DAY.isoformat(), "today": self.today.isoformat()},
                code="out_of_range",
            )
        return day


# Nothing was counted before this; earlier dates would only show empty weeks.
FIRST_DAY = dt.date(2026, 1, 1)
