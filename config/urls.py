from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wizard.probe import views as probe_views
from wizard.questions import autoconfig_views
from wizard.questions import views as question_views
from wizard.staff.urls import admin_urlpatterns
from wizard.web import site_views

urlpatterns = [
    path("healthz", site_views.healthz, name="healthz"),
    path("api/diagnose", question_views.api_diagnose, name="api-diagnose"),
    path("api/probe", probe_views.api_probe, name="api-probe"),
    # Thunderbird's lookups: fixed paths that mail clients know, in no language.
    path("mail/config-v1.1.xml", autoconfig_views.autoconfig, name="autoconfig"),
    path(
        ".well-known/autoconfig/mail/config-v1.1.xml",
        autoconfig_views.autoconfig,
        name="autoconfig-well-known",
    ),
    # The console has one address per page; its language is the agent's choice.
    path("staff/", include("wizard.staff.urls")),
    path("staff/", include(admin_urlpatterns)),
    *i18n_patterns(
        path("", include("wizard.questions.urls")),
        path("", include("wizard.probe.urls")),
        prefix_default_language=False,
    ),
]

handler404 = "wizard.web.site_views.not_found"
handler500 = "wizard.web.site_views.server_error"
