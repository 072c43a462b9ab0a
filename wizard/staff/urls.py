from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from . import code_views, link_views, views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("language/", views.choose_language, name="language"),
    path("links/", link_views.link_builder, name="links"),
    path("code/", code_views.open_code, name="code"),
    path("reports/", views.reports, name="reports"),
    path("sources/", views.sources, name="sources"),
    path("counts/", views.counts, name="counts"),
]

# The admin's own login would be a second door with other limits: send it here.
admin_urlpatterns = [
    path("admin/login/", RedirectView.as_view(pattern_name="staff:login", query_string=True)),
    path("admin/", admin.site.urls),
]
