"""/test-sse: a page for watching a progress stream by hand, and a staff-only button that publishes a fake
batch (progress.demo) to the staff user's own stream.

The page is for staff, or for anyone while DEBUG is on. The fake batch is published from a background
thread, a fraction of a second between events, so that the request returns at once and the events can be
watched arriving one by one; a thread is enough for a tool that staff press by hand.
"""

import logging
import threading
import time
import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST
from redis.exceptions import RedisError

from .access import check_staff
from .demo import demo_events
from .sse_manager import sse_manager

logger = logging.getLogger(__name__)

DEMO_STEPS = 10
DEMO_DELAY_SECONDS = 0.3


@require_GET
def sse_test_page(request):
    """The page: connect and disconnect, a connection light, an event log and the connection count."""
    user = request.user
    if not (settings.DEBUG or (user.is_active and user.is_staff)):
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("The SSE test page is for staff.")
    return render(request, "progress/test_sse.html", {"can_send": user.is_active and user.is_staff})


@require_POST
def send_test_progress(request):
    """Start publishing a fake batch to the caller's own stream (staff only); answers 202 at once."""
    denied = check_staff(request.user)
    if denied:
        return denied
    batch_id = f"demo-{uuid.uuid4().hex[:8]}"
    threading.Thread(
        target=publish_demo_batch, args=(request.user.pk, batch_id), name=f"publish {batch_id}", daemon=True
    ).start()
    return JsonResponse(
        {"batch_id": batch_id, "steps": DEMO_STEPS, "user_id": str(request.user.pk)}, status=202
    )


def publish_demo_batch(user_id, batch_id):
    """Publish a fake batch's events to `user_id`'s stream, DEMO_DELAY_SECONDS apart."""
    for number, data in enumerate(demo_events(DEMO_STEPS, batch_id=batch_id)):
        if number and DEMO_DELAY_SECONDS:
            time.sleep(DEMO_DELAY_SECONDS)
        try:
            sse_manager.update_progress(user_id, data)
        except RedisError as error:
            logger.warning("test progress for user %s stopped: %s", user_id, error)
            return
