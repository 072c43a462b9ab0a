"""Production settings with a throwaway key: tests see what operators run."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "x" * 40)
# The test client speaks plain HTTP; test_production.py checks the HTTPS settings.
os.environ.setdefault("DJANGO_HTTPS", "0")
# Whatever a test does, the probe can never reach beyond this machine.
os.environ.setdefault("WIZARD_PROBE_ONLY_NETWORKS", "127.0.0.0/8,::1/128")

from config.settings import *  # noqa: F403

# Static files straight from the source tree, so tests need no collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = True
# Counts are written when a test flushes them, never by the background thread
# in the middle of another test's transaction (test_staff_counts sets it low).
WIZARD_COUNTS_FLUSH_SECONDS = 10**9
