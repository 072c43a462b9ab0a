from django.urls import path

from . import setup_views, views

app_name = "questions"
urlpatterns = [
    path("", views.start, name="start"),
    path("step/<slug:question>/", views.step, name="step"),
    path("next/", views.next_step, name="next"),
    path("result/", views.result, name="result"),
    path("cases/", views.cases, name="cases"),
    # One-click setup files (SPEC section 8).
    path("setup/apple/", setup_views.setup_apple, name="setup-apple"),
    path("help/connection/", views.connection, name="connection"),
    # Case codes: short, read aloud on the phone (SPEC section 8).
    path("c/", views.case_code_form, name="case-code-form"),
    path("c/<str:code>/", views.case_code, name="case-code"),
]
