import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from wizard.web.lifespan import with_lifespan  # noqa: E402 (after the settings are named)

application = with_lifespan(get_asgi_application())
