"""Error pages that speak JSON under /api/ (shaped as in docs/api.md) and HTML everywhere else.

Django answers a request it cannot parse (too many fields, a broken multipart body, a header it refuses)
with handler400, before or inside any view; under /api/ that answer is JSON too.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views import defaults
from django.views.csrf import csrf_failure as html_csrf_failure


def wants_json(request):
    return request.path.startswith("/api/")


def json_error(status, code, detail):
    return JsonResponse({"error": code, "detail": detail}, status=status)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a JSON 403 for the API, Django's page otherwise."""
    if wants_json(request):
        return json_error(403, "csrf_failed", f"CSRF verification failed: {reason}")
    return html_csrf_failure(request, reason)


def _bad_request_detail(exception):
    if isinstance(exception, TooManyFieldsSent):
        return "too_many_fields", "The request has too many form fields."
    if isinstance(exception, TooManyFilesSent):
        return "too_many_files", "The request has too many files."
    if isinstance(exception, RequestDataTooBig):
        return "too_large", "The request body is too large."
    if isinstance(exception, MultiPartParserError):
        return "invalid_multipart", f"The multipart body cannot be read: {str(exception)[:200]}"
    return "bad_request", "The request cannot be read."


def bad_request(request, exception=None):
    if wants_json(request):
        code, detail = _bad_request_detail(exception)
        return json_error(400, code, detail)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if wants_json(request):
        return json_error(403, "forbidden", "You may not do this.")
    return defaults.permission_denied(request, exception)


def not_found(request, exception=None):
    if wants_json(request):
        return json_error(404, "not_found", "No such endpoint.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if wants_json(request):
        return json_error(500, "server_error", "Something went wrong on our side.")
    return defaults.server_error(request)
