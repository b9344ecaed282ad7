"""The page a locked-out login gets (django-axes' AXES_LOCKOUT_CALLABLE): what happened, and for how long."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """HTTP 429 with the cool-off in minutes, for the site's login form and the admin's."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
