"""Delete probe reports older than WIZARD_PROBE_RETENTION_DAYS (run it daily)."""

from django.core.management.base import BaseCommand

from wizard.probe import records


class Command(BaseCommand):
    help = "Delete expired probe reports."

    def handle(self, *args: object, **options: object) -> None:
        deleted = records.purge_expired()
        self.stdout.write(f"deleted {deleted} expired probe report(s)")
