"""ASGI entry point: `uvicorn resumescreener.asgi:application`. SSE needs ASGI; runserver is not enough."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resumescreener.settings")

application = get_asgi_application()

from django.conf import settings  # noqa: E402  (settings are only ready after the line above)

if settings.DEBUG:
    # Development convenience: serve static files without a separate server.
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    application = ASGIStaticFilesHandler(application)
