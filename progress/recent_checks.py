"""Stream opens that a session's access check from moments ago already answered.

A browser reconnects its stream after every dropped connection, and after a deploy every browser does so
at once. Loading the session and the user for each of those opens was about 0.8 ms of a web process's
CPU (two queries and the session's signature), almost half of what an open costs. So a web process
remembers, for SSE_ACCESS_CHECK_SECONDS, which user each session cookie turned out to be; an open within
that time by the same cookie, for that user's own progress, is let in from memory, and opens of one
session that arrive together wait for the first one's check instead of each making their own. Anything
else (another user's progress, staff included) is checked in full.

What that allows: a session that logs out, or whose user changes password or is deactivated, can open
streams for up to that many seconds more on a web process that checked it just before (its own logout
clears it on the process that served the logout at once). An open stream is not closed by a logout
either way. SSE_ACCESS_CHECK_SECONDS=0 checks every open.
"""

import asyncio
import time
from collections import OrderedDict

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from . import conf
from .ids import parse_id

MAX_SESSIONS = 100_000  # about 20 MB at most; the oldest are forgotten first


class RecentChecks:
    """Session key -> (user id, until when), for this process, oldest first."""

    def __init__(self, max_sessions=MAX_SESSIONS):
        self.max_sessions = max_sessions
        self._checks = OrderedDict()
        self._pending = {}  # session key -> future done when that session's check in progress ends

    async def check(self, request, user_id, authorise):
        """None when `request` may open the stream of `user_id`, else the error response to send.

        `authorise(request, user_id)` is the full check (sync, run in a thread); it is skipped when this
        session was checked moments ago, and shared with an open of the same session already checking.
        """
        if self.allows(request, user_id):
            return None
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        pending = self._pending.get(key) if key else None
        if pending is not None:
            await asyncio.shield(pending)
            if self.allows(request, user_id):
                return None
        mine = None
        if key and key not in self._pending:
            mine = self._pending[key] = asyncio.get_running_loop().create_future()
        try:
            denied = await sync_to_async(authorise)(request, user_id)
            if denied is None:
                self.remember(request, request.user)
            return denied
        finally:
            if mine is not None:
                del self._pending[key]
                mine.set_result(None)

    def allows(self, request, user_id):
        """True when this request's session was checked moments ago and may read `user_id`'s progress."""
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        entry = self._checks.get(key) if key else None
        if entry is None:
            return False
        pk, until = entry
        if time.monotonic() >= until:
            self._checks.pop(key, None)
            return False
        return parse_id(user_id) == pk

    def remember(self, request, user):
        """Record that this request's session belongs to `user` (just checked)."""
        seconds = conf.get("SSE_ACCESS_CHECK_SECONDS")
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if seconds <= 0 or not key or not user.is_authenticated:
            return
        self._checks[key] = (user.pk, time.monotonic() + seconds)
        self._checks.move_to_end(key)
        while len(self._checks) > self.max_sessions:
            self._checks.popitem(last=False)

    def forget(self, session_key):
        """Forget what was checked for `session_key` (it logged out)."""
        self._checks.pop(session_key, None)


recent_checks = RecentChecks()


@receiver(user_logged_out, dispatch_uid="progress.recent_checks.forget")
def _forget_on_logout(sender, request, **kwargs):
    if request is not None:
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if key:
            recent_checks.forget(key)
