from django.urls import path

from . import probe_views, views

app_name = "wizard"
urlpatterns = [
    path("", views.start, name="start"),
    path("step/<slug:question>/", views.step, name="step"),
    path("next/", views.next_step, name="next"),
    path("result/", views.result, name="result"),
    path("cases/", views.cases, name="cases"),
    path("help/connection/", views.connection, name="connection"),
    path("probe/", probe_views.probe_start, name="probe-start"),
    path("probe/<str:report_id>/", probe_views.probe_report, name="probe-report"),
]
