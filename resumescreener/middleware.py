"""A database that does not answer gets a clear 503, not a 500; API errors are always JSON."""

import logging
from http import HTTPStatus

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


class JsonApiErrorsMiddleware:
    """Under /api/, an error answer that a view or decorator gave in HTML (Django's 405 for a method
    that `require_http_methods` refuses, say) is given as `{"error", "detail"}` JSON instead."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        return self.shape(request, self.get_response(request))

    async def __acall__(self, request):
        return self.shape(request, await self.get_response(request))

    @staticmethod
    def shape(request, response):
        if (
            response.status_code < 400
            or not request.path.startswith("/api/")
            or response.streaming
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        try:
            phrase = HTTPStatus(response.status_code).phrase
        except ValueError:
            phrase = "Error"
        code = phrase.lower().replace(" ", "_").replace("-", "_")
        detail = f"{phrase}."
        if response.status_code == HTTPStatus.METHOD_NOT_ALLOWED:
            detail = f"Method {request.method} is not allowed here; use {response.get('Allow', 'another')}."
        shaped = JsonResponse({"error": code, "detail": detail}, status=response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                shaped[header] = response[header]
        return shaped
