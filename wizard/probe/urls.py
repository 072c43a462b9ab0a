from django.urls import path

from . import views

app_name = "probe"
urlpatterns = [
    path("probe/", views.probe_start, name="start"),
    path("probe/<str:report_id>/", views.probe_report, name="report"),
]
