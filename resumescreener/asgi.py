"""ASGI entry point: `uvicorn resumescreener.asgi:application`. SSE needs ASGI; runserver is not enough.

Progress streams go through `progress.stream_handler` (Django with only the middleware a stream needs, no
thread per request); everything else through Django's own handler with the whole MIDDLEWARE.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resumescreener.settings")

django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (settings are only ready after the line above)

from progress.stream_handler import StreamHandler, is_stream_request  # noqa: E402

stream_application = StreamHandler()


async def application(scope, receive, send):
    if is_stream_request(scope):
        await stream_application(scope, receive, send)
    else:
        await django_application(scope, receive, send)


if settings.DEBUG:
    # Development convenience: serve static files without a separate server.
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    application = ASGIStaticFilesHandler(application)
