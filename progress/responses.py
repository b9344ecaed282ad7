"""JSON error answers, all shaped `{"error": "<code>", "detail": "<sentence>"}` (docs/api.md)."""

from django.http import JsonResponse


def json_error(status, code, detail):
    """A JSON error response with HTTP `status`."""
    return JsonResponse({"error": code, "detail": detail}, status=status)


def not_authenticated():
    return json_error(401, "not_authenticated", "Log in to see progress.")


def forbidden(detail="You may only see your own progress."):
    return json_error(403, "forbidden", detail)


def not_found(detail="No such user."):
    return json_error(404, "not_found", detail)


def unavailable(detail="The progress store (Redis) is not answering; try again shortly."):
    return json_error(503, "unavailable", detail)
