from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wizard import probe_views, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/diagnose", views.api_diagnose, name="api-diagnose"),
    path("api/probe", probe_views.api_probe, name="api-probe"),
    *i18n_patterns(path("", include("wizard.urls")), prefix_default_language=False),
]

handler404 = "wizard.views.not_found"
handler500 = "wizard.views.server_error"
