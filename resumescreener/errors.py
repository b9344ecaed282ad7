"""Error pages that speak JSON under /api/ (DESIGN 4) and HTML everywhere else."""

from django.http import JsonResponse
from django.views import defaults
from django.views.csrf import csrf_failure as html_csrf_failure


def wants_json(request):
    return request.path.startswith("/api/")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a JSON 403 for the API, Django's page otherwise."""
    if wants_json(request):
        return JsonResponse(
            {"error": "csrf_failed", "detail": f"CSRF verification failed: {reason}"}, status=403
        )
    return html_csrf_failure(request, reason)


def not_found(request, exception=None):
    if wants_json(request):
        return JsonResponse({"error": "not_found", "detail": "No such endpoint."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if wants_json(request):
        return JsonResponse(
            {"error": "server_error", "detail": "Something went wrong on our side."}, status=500
        )
    return defaults.server_error(request)
