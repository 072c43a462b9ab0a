"""Django's floor: the app's own settings with no middleware at all.

bench/pages.py serves this beside the app and measures its /healthz: what the
same Django, uvicorn and machine give when no middleware runs, so the pages'
figures can be read against what Django itself costs.
"""

from config.settings import *  # noqa: F403

MIDDLEWARE: list[str] = []
