"""The four progress endpoints (docs/api.md): the stream, the status, its deletion, and open streams."""

from functools import wraps

from asgiref.sync import sync_to_async
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET, require_http_methods
from redis.exceptions import RedisError

from . import conf, responses, streams
from .access import check_progress_access, check_staff
from .delivery import Lease, open_stream
from .grip import came_through_proxy, hold_stream, recover_stream
from .ids import parse_event_id
from .presence import get_presence
from .recent_checks import recent_checks
from .sse_manager import sse_manager
from .stream_handler import close_broken_connections


def accepts_gzip(request):
    """True when the client accepts gzip (and SSE_GZIP is on)."""
    if not conf.get("SSE_GZIP"):
        return False
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() == "gzip":
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def resume_id_from(request):
    """The id to resume after: the `Last-Event-ID` header (browser reconnects) or the `lastEventId`
    query parameter (first connect after a page load). None for neither, -1 for one we cannot read."""
    return parse_event_id(request.headers.get("Last-Event-ID") or request.GET.get("lastEventId"))


def authorise_stream(request, user_id):
    """Load the session and the user and check access, in one trip to a thread.

    Through `progress.stream_handler` that is asgiref's one shared thread, and its database connection is
    kept from one stream's open to the next (connecting cost more than the two queries); one that failed
    is closed first. No stream holds a connection. Through Django's own handler the request's thread and
    its connection go when the stream starts (`delivery.release_request_thread`).
    """
    close_broken_connections()
    return check_progress_access(request.user, user_id)


@require_GET
async def progress_stream(request, user_id):
    """`text/event-stream` of the user's progress: latest (or resumed) events, then live ones."""
    if came_through_proxy(request) and request.GET.get("es-meta"):
        # The proxy following up (recovering a gap, or the next page) with the metadata that we signed
        # for it on the first request; django-eventstream checks the signature and its expiry.
        return await sync_to_async(hold_stream)(request, user_id)
    denied = await recent_checks.check(request, user_id, authorise_stream)
    if denied:
        return denied
    if came_through_proxy(request):
        return await sync_to_async(hold_stream)(request, user_id)
    resume_id = resume_id_from(request)
    gzip = accepts_gzip(request)
    presence = get_presence()
    try:
        admitted = await presence.acquire(user_id)
    except RedisError:
        return responses.unavailable()
    if not admitted:
        return responses.json_error(429, "too_many_streams", "Too many open progress streams for this user.")
    lease = Lease(presence, user_id)
    # From here on the slot is taken: whatever goes wrong before the stream starts gives it back.
    try:
        content = await open_stream(streams.channel_for_user(user_id), resume_id, lease, gzip)
    except RedisError:
        lease.release()
        return responses.unavailable()
    except BaseException:
        lease.release()
        raise
    response = StreamingHttpResponse(content, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    response["Vary"] = "Accept-Encoding"
    if gzip:
        response["Content-Encoding"] = "gzip"
    return response


@require_GET
async def progress_recover(request):
    """A GRIP proxy recovering one of the streams it holds (progress/grip.py)."""
    return await sync_to_async(recover_stream)(request)


def progress_json_view(view):
    """Sync JSON view of one user's progress: access checked first, a Redis outage answered with 503."""

    @wraps(view)
    def wrapper(request, user_id):
        denied = check_progress_access(request.user, user_id)
        if denied:
            return denied
        try:
            return view(request, user_id)
        except RedisError:
            return responses.unavailable()

    return wrapper


@require_http_methods(["GET"])
@progress_json_view
def progress_status(request, user_id):
    """The user's latest progress object, or null."""
    return JsonResponse({"user_id": user_id, "progress": sse_manager.get_progress(user_id)})


@require_http_methods(["DELETE"])
@progress_json_view
def progress_delete(request, user_id):
    """Remove the user's retained progress events."""
    deleted = sse_manager.cleanup(user_id)
    return JsonResponse(
        {"user_id": user_id, "deleted": deleted, "message": f"Removed {deleted} progress events."}
    )


@require_GET
def connections_status(request):
    """Open streams across every web process (staff only)."""
    denied = check_staff(request.user)
    if denied:
        return denied
    try:
        return JsonResponse(sse_manager.connection_stats())
    except RedisError:
        return responses.unavailable()
