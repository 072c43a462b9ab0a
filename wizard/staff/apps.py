from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The support console: links, case codes, probe reports and counts for agents."""

    name = "wizard.staff"
    label = "staff"
    default_auto_field = "django.db.models.BigAutoField"
