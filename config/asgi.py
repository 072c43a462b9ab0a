import os

from django.core.asgi import get_asgi_application

from wizard.web.lifespan import with_lifespan
from wizard.web.request_threads import with_reused_request_threads

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = with_lifespan(with_reused_request_threads(get_asgi_application()))
