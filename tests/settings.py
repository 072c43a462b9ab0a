"""Production settings with a throwaway key: tests see what operators run."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "x" * 40)

from config.settings import *  # noqa: F403

# Static files straight from the source tree, so tests need no collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = True
