"""A database that does not answer gets a clear 503, not a 500."""

import logging

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turns a lost or locked database connection in a view into 503 with Retry-After.

    It only acts when a view raises, so it adds no work (and no thread hop) to normal requests.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning("database unavailable: %s", exception, extra={"event": "database_unavailable"})
        detail = "The database is not answering; nothing was saved. Try again in a moment."
        if request.path.startswith("/api/"):
            response = JsonResponse({"error": "database_unavailable", "detail": detail}, status=503)
        else:
            response = HttpResponse(detail, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "5"
        return response
