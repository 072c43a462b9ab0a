from django.apps import AppConfig


class ProbeConfig(AppConfig):
    """The server check: the EHLO probe, its background runner, stored reports and limits."""

    name = "wizard.probe"
    label = "probe"
    default_auto_field = "django.db.models.BigAutoField"
