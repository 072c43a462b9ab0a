import atexit

from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The support console: links, case codes, probe reports and counts for agents."""

    name = "wizard.staff"
    label = "staff"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wizard.web.counting import COUNTER

        from .count_store import add_counts

        # The pages count in memory; this app is where the numbers are stored.
        COUNTER.sink = add_counts
        # What this process counted since its last write is not lost at exit.
        atexit.register(COUNTER.flush)
