"""What the JSON APIs share: one error shape, and JSON even for the wrong method."""

from __future__ import annotations

from django.http import JsonResponse


def json_response(data: dict[str, object], *, status: int = 200) -> JsonResponse:
    # Japanese stays readable in the body.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def json_error(status: int, code: str, message: str) -> JsonResponse:
    """SPEC section 8: ``{"error": {"code": …, "message": …}}``."""
    return json_response({"error": {"code": code, "message": message}}, status=status)


def method_not_allowed(allowed: str) -> JsonResponse:
    """APIs answer JSON even to the wrong method."""
    response = json_error(405, "method-not-allowed", f"Use {allowed}.")
    response["Allow"] = allowed
    return response
