"""WSGI entry point, for management tools only: the app itself needs ASGI for its streams."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resumescreener.settings")

application = get_wsgi_application()
