"""Streams held by a GRIP proxy (Pushpin) instead of the web process.

With GRIP_URL set (e.g. `http://127.0.0.1:5561?iss=pushpin&key=<secret>`), a stream request that arrives
through the proxy, with its signature, is answered at once by django-eventstream's view: the events so
far and an instruction to hold the connection on the user's channel. The proxy keeps the connection
open and receives each new event from `sse_manager.update_progress`, so the web process holds nothing.
Event ids through the proxy are django-eventstream's (`user-5:1795316444058081`: channel and the same
integer id).
"""

from django.conf import settings

from .ids import MAX_ID, parse_event_id
from .streams import channel_for_user


def grip_enabled():
    """True when a GRIP proxy is configured (settings GRIP_URL or GRIP_PROXIES)."""
    return bool(getattr(settings, "GRIP_URL", None) or getattr(settings, "GRIP_PROXIES", None))


def came_through_proxy(request):
    """True when GripMiddleware verified that `request` came through the configured proxy."""
    grip = getattr(request, "grip", None)
    return grip is not None and grip.proxied


def hold_stream(request, user_id):
    """The answer to a proxied stream request: events so far, and hold the user's channel (sync)."""
    from django_eventstream.views import events

    channel = channel_for_user(user_id)
    _bound_resume_ids(request, channel)
    return events(request, channels=[channel])


def _bound_resume_ids(request, channel):
    """Make the client's resume id for `channel` one django-eventstream can read.

    It turns the id after `channel:` into an int and reads Redis with it; a client's id that is not a
    number, or one too large for any stream, would fail there. Such an id becomes MAX_ID, which is ahead
    of every stream and so gets a reset and the latest event, as on our own stream view.
    """

    def bound(value):
        parts = []
        for part in value.split(","):
            name, colon, last_id = part.partition(":")
            if colon and name == channel and parse_event_id(last_id) not in range(0, MAX_ID):
                part = f"{name}:{MAX_ID}"
            parts.append(part)
        return ",".join(parts)

    if request.META.get("HTTP_LAST_EVENT_ID"):
        request.META["HTTP_LAST_EVENT_ID"] = bound(request.META["HTTP_LAST_EVENT_ID"])
    if "lastEventId" in request.GET:
        query = request.GET.copy()
        query.setlist("lastEventId", [bound(value) for value in query.getlist("lastEventId")])
        request.GET = query
