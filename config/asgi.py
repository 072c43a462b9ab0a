import gc
import os

from django.core.asgi import get_asgi_application

from wizard.web.lifespan import with_lifespan
from wizard.web.request_threads import with_reused_request_threads

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_asgi_application()

# Imported once Django is set up (they use its models).
from wizard.probe.records import interrupt_running  # noqa: E402
from wizard.web.counting import COUNTER  # noqa: E402

application = with_lifespan(
    with_reused_request_threads(django_application),
    # Running probes first: their pages are waited on; counts are not.
    at_shutdown=(interrupt_running, COUNTER.flush),
)

# Everything loaded so far lives as long as the process: out of the garbage
# collector's sight, its full collections no longer walk all of Django, which
# halved the pages' p99 under load (bench/pages.py).
gc.collect()
gc.freeze()
