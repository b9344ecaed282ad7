"""The way in for progress streams: Django's ASGI handler with only the middleware a stream needs.

Opening a stream through the project's full middleware cost about 6 ms of server CPU, most of it not
our view: each `MiddlewareMixin` middleware runs `process_request` and `process_response` through
`sync_to_async`, and Django's handler gives every request a thread of its own for that work
(`ThreadSensitiveContext`), started and joined per request. This handler serves the stream route
(`resumescreener/asgi.py` sends it there) with:

- the project's MIDDLEWARE, each entry replaced by what `STREAM_MIDDLEWARE` says: a version that runs in
  the event loop (security headers and HTTPS redirect, the lazy session and user), or nothing where it
  does nothing for an event stream; any other entry (CORS, GRIP, the database-unavailable handler) is
  kept as it is;
- no thread per request: the view's one trip to load the session and user and check access goes to
  asgiref's one process-wide thread, whose database connection is kept from one open to the next, and
  Django's request_started / request_finished receivers run in the event loop (they only close this
  thread's database connections, and the loop thread never opens one), so opening costs one thread
  hop and closing none.

The session cookie, the session backend and the 401 / 403 / 404 / 429 answers are the same as through
the full stack: the URL resolver, the view and its access check are the project's own.
"""

import asyncio

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import signals
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed, RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.core.handlers.exception import convert_exception_to_response
from django.db import connections
from django.middleware.security import SecurityMiddleware
from django.urls import set_script_prefix
from django.utils.module_loading import import_string

STREAM_PATH = "/api/v1/sse/progress/stream/"


class StreamSecurityMiddleware(SecurityMiddleware):
    """SecurityMiddleware (HTTPS redirect, HSTS and the other headers) in the loop: it does no I/O."""

    sync_capable = False

    async def __acall__(self, request):
        response = self.process_request(request)
        if response is None:
            response = await self.get_response(request)
        return self.process_response(request, response)


class StreamSessionMiddleware(SessionMiddleware):
    """SessionMiddleware in the loop: the session is a lazy store here, loaded by the view in a thread.

    A session that changed (the auth hash upgraded after a key rotation) is saved in a thread.
    """

    sync_capable = False

    async def __acall__(self, request):
        self.process_request(request)
        response = await self.get_response(request)
        if request.session.modified or settings.SESSION_SAVE_EVERY_REQUEST:
            return await sync_to_async(self.process_response)(request, response)
        return self.process_response(request, response)


class StreamAuthenticationMiddleware(AuthenticationMiddleware):
    """AuthenticationMiddleware in the loop: it only sets the lazy `request.user` and `request.auser`."""

    sync_capable = False

    async def __acall__(self, request):
        self.process_request(request)
        return await self.get_response(request)


# What the stream route runs instead of each of the project's middleware (None: nothing). Entries not
# listed are kept as they are.
STREAM_MIDDLEWARE = {
    "django.middleware.security.SecurityMiddleware": f"{__name__}.StreamSecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware": None,  # static files only
    "django.contrib.sessions.middleware.SessionMiddleware": f"{__name__}.StreamSessionMiddleware",
    "django.middleware.common.CommonMiddleware": None,  # slashes and "www.": the stream URL is fixed
    "django.middleware.csrf.CsrfViewMiddleware": None,  # the stream is GET only: nothing to forge
    "django.contrib.auth.middleware.AuthenticationMiddleware": f"{__name__}.StreamAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware": None,  # a stream shows no messages
    "django.middleware.clickjacking.XFrameOptionsMiddleware": None,  # an event stream is not framed
}


def stream_middleware():
    """The middleware paths of the stream route, in order, from settings.MIDDLEWARE."""
    paths = (STREAM_MIDDLEWARE.get(path, path) for path in settings.MIDDLEWARE)
    return [path for path in paths if path is not None]


def is_stream_request(scope):
    """True for an HTTP request to the stream route."""
    return scope["type"] == "http" and scope["path"].startswith(scope.get("root_path", "") + STREAM_PATH)


def close_broken_connections():
    """Close this thread's database connections that failed or were left out of autocommit.

    What Django checks before reusing a persistent connection, without its CONN_MAX_AGE: the stream
    route keeps one connection on its shared thread whatever CONN_MAX_AGE says (that setting is 0 for
    pages, where each ASGI request has a thread of its own and could never reuse one).
    """
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            continue
        if connection.get_autocommit() != connection.settings_dict["AUTOCOMMIT"]:
            connection.close()
        elif connection.errors_occurred:
            if connection.is_usable():
                connection.errors_occurred = False
            else:
                connection.close()


def has_async_receivers(signal, sender):
    return bool(signal._live_receivers(sender)[1])


async def send_in_loop(signal, sender, **named):
    """`signal.asend()` without a thread hop when every receiver is sync (Django's own are)."""
    if has_async_receivers(signal, sender):
        await signal.asend(sender=sender, **named)
    else:
        signal.send(sender=sender, **named)


async def close_in_loop(response):
    """`response.close()` (which sends request_finished) in the loop unless a receiver is async."""
    if has_async_receivers(signals.request_finished, response._handler_class):
        await sync_to_async(response.close)()
    else:
        response.close()


class StreamHandler(ASGIHandler):
    """Django's ASGI handler with the stream route's middleware, all async, and no thread per request."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        handler = convert_exception_to_response(self._get_response_async)
        for path in reversed(stream_middleware()):
            try:
                middleware = import_string(path)(handler)
            except MiddlewareNotUsed:
                continue
            if not iscoroutinefunction(middleware):
                raise ImproperlyConfigured(f"{path} cannot serve the stream route: it is not async.")
            if hasattr(middleware, "process_view"):
                self._view_middleware.insert(0, self.adapt_method_mode(True, middleware.process_view))
            if hasattr(middleware, "process_exception"):
                # Django's exception handling is sync; it only runs when the view raises.
                self._exception_middleware.append(self.adapt_method_mode(False, middleware.process_exception))
            handler = convert_exception_to_response(middleware)
        self._middleware_chain = handler

    async def handle(self, scope, receive, send):
        """Django 5.2's `ASGIHandler.handle`, with the request signals and response.close() in the loop."""
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(get_script_prefix(scope))
        await send_in_loop(signals.request_started, sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        if request is None:
            body_file.close()
            await self.send_response(error_response, send)
            await close_in_loop(error_response)
            return

        async def process_request(request, send):
            response = await self.run_get_response(request)
            if response.streaming:
                # Nothing reads the request again once a stream has its response: let its headers,
                # cookies, session and user go (7.6 KB of every open stream, measured at 4,000).
                request.__dict__.clear()
            try:
                await self.send_response(response, send)
            except asyncio.CancelledError:
                pass  # the client went away while we were sending
            return response

        # Disconnect listener first: it must not raise anything that would keep us from cancelling the
        # request's task.
        tasks = [
            asyncio.create_task(self.listen_for_disconnect(receive)),
            asyncio.create_task(process_request(request, send)),
        ]
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            if task.done():
                try:
                    task.result()
                except RequestAborted:
                    pass
                except AssertionError:
                    body_file.close()
                    raise
            else:
                task.cancel()
                try:
                    await task
                except asyncio.CancelledError:
                    pass
        try:
            response = tasks[1].result()
        except asyncio.CancelledError:
            await send_in_loop(signals.request_finished, sender=self.__class__)
        else:
            await close_in_loop(response)
        body_file.close()

    async def __call__(self, scope, receive, send):
        # Without Django's ThreadSensitiveContext, the request's sync work runs on asgiref's one shared
        # thread instead of a thread started (and joined) for this request alone.
        if scope["type"] != "http":
            raise ValueError(f"the stream handler serves HTTP only, not {scope['type']}")
        await self.handle(scope, receive, send)
