from __future__ import annotations

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
