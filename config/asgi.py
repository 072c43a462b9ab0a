import os

from django.core.asgi import get_asgi_application

from wizard.web.lifespan import with_lifespan

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = with_lifespan(get_asgi_application())
