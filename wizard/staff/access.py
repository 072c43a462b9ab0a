"""Who may use the console: a logged-in, active user with staff status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.admin.views.decorators import staff_member_required
from django.urls import reverse_lazy

View = TypeVar("View", bound=Callable[..., Any])


def staff_only(view: View) -> View:
    """Anyone else goes to the console's login page, and back here after."""
    return staff_member_required(view, login_url=reverse_lazy("staff:login"))  # type: ignore[return-value]
