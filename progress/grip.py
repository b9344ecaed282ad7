"""Streams held by a GRIP proxy (Pushpin) instead of the web process.

With GRIP_URL set (e.g. `http://127.0.0.1:5561?iss=pushpin&key=<secret>`), a stream request that arrives
through the proxy, with its signature, is answered at once by django-eventstream's view: the events so
far and an instruction to hold the connection on the user's channel. The proxy keeps the connection
open and receives each new event from `sse_manager.update_progress`, so the web process holds nothing.
Event ids through the proxy are django-eventstream's (`user-5:1795316444058081`: channel and the same
integer id).

Recovery: about a second after the proxy subscribes to a channel it has not held before, it asks the
hold's next link for what was published meanwhile, for every stream on that channel, and it sends those
requests at a fixed 10 a second, batching only streams whose next link is the same URL. With
django-eventstream's link (signed per user) a deploy that reconnects 2,000 users queued 200 s of
recoveries, and each stream's first event waited for its turn. So every held stream gets one shared
link, `RECOVERY_PATH?...&k=<key>`: the key is an HMAC of the hour under SECRET_KEY, and the proxy never
shows the link to clients (it consumes the Grip-Link header). The channel to recover comes from the
proxy's `Grip-Last` header; `recovered_user` accepts exactly one user's channel there.
"""

import time

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from .ids import MAX_ID, parse_event_id, parse_id
from .streams import channel_for_user

RECOVERY_PATH = "/api/v1/sse/progress/stream/recover"
_RECOVERY_SALT = "progress.grip.recovery"
RECOVERY_KEY_HOURS = 2  # a link is honoured for this long (a session older than that reconnects)


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
    response = events(request, channels=[channel])
    instruct = request.grip.instruct
    if instruct is not None and instruct.hold == "stream" and "recover=true" in instruct.next_link:
        instruct.set_next_link(recovery_link())
    return response


def recover_stream(request):
    """The proxy's recovery request for a held stream (sync): what the channel it names missed.

    404 for anything but the proxy's own request with a current key and one user's channel.
    """
    from django.contrib.auth import get_user_model

    from . import responses

    user_id = None
    if came_through_proxy(request) and valid_recovery_key(request.GET.get("k")):
        user_id = recovered_user(request)
    user = None
    if user_id is not None:
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return responses.json_error(404, "not_found", "No such stream to recover.")
    request.user = user
    return hold_stream(request, user_id)


def _recovery_mac(hour):
    return salted_hmac(_RECOVERY_SALT, str(hour), algorithm="sha256").hexdigest()[:32]


def recovery_link(now=None):
    """The next link every held stream shares (see the module's docstring)."""
    hour = int((time.time() if now is None else now) // 3600)
    return f"{RECOVERY_PATH}?link=next&recover=true&k={hour}.{_recovery_mac(hour)}"


def valid_recovery_key(key, now=None):
    """True for a key that `recovery_link` made within the last RECOVERY_KEY_HOURS hours."""
    hour_text, _, mac = (key or "").partition(".")
    hour = parse_id(hour_text)
    current = int((time.time() if now is None else now) // 3600)
    if hour is None or not current - RECOVERY_KEY_HOURS <= hour <= current:
        return False
    return constant_time_compare(mac, _recovery_mac(hour))


def recovered_user(request):
    """The user whose channel the proxy's `Grip-Last` names, with a last id we can read; else None.

    The proxy names each channel of the hold that has a last id: ours hold one, `events-user-<id>`.
    """
    last = getattr(request.grip, "last", {})
    if len(last) != 1:
        return None
    ((name, last_id),) = last.items()
    prefix = "events-" + channel_for_user("")
    if not name.startswith(prefix) or not _storable_id(last_id):
        return None
    return parse_id(name[len(prefix) :])


def _storable_id(text):
    """True for an event id that a stream can hold (0 up to MAX_ID, exclusive)."""
    # Not `in range(...)`: for None (an empty id) that is a linear search through 2**63 numbers.
    value = parse_event_id(text)
    return value is not None and 0 <= value < MAX_ID


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
            if colon and name == channel and not _storable_id(last_id):
                part = f"{name}:{MAX_ID}"
            parts.append(part)
        return ",".join(parts)

    if request.META.get("HTTP_LAST_EVENT_ID"):
        request.META["HTTP_LAST_EVENT_ID"] = bound(request.META["HTTP_LAST_EVENT_ID"])
    if "lastEventId" in request.GET:
        query = request.GET.copy()
        query.setlist("lastEventId", [bound(value) for value in query.getlist("lastEventId")])
        request.GET = query
