"""Variant of ours for bench/compare.py (`--only ours,ours_close`): a proposed change to
`progress.delivery.release_request_thread`, applied here by monkeypatching, to measure it.

As shipped, the stream shuts its request's one-thread executor down (DESIGN 9) and leaves the request's
ThreadSensitiveContext without one, so when the stream ends Django's `request_finished` handlers
(`close_old_connections`, thread-sensitive) start a fresh executor thread for that request, and
asgiref's `ThreadSensitiveContext.__aexit__` starts another thread to join it: two new OS threads per
closed stream, the first non-daemon, whose start is O(live non-daemon threads) in CPython 3.11
(`threading._maintain_shutdown_locks`). The variant maps the context to one process-wide one-thread
executor whose `shutdown` does nothing instead, so the end of a stream runs its sync handlers there.
"""

import importlib
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import SyncToAsync, sync_to_async
from django.db import connections

from resumescreener.asgi import application  # noqa: F401  (sets Django up)

delivery = importlib.import_module("progress.delivery")  # after Django is set up


class SharedExecutor(ThreadPoolExecutor):
    """One thread for the closing work of every stream; never shut down by a request."""

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass


SHARED = SharedExecutor(max_workers=1, thread_name_prefix="stream-close")


async def release_request_thread():
    await sync_to_async(connections.close_all)()
    context = SyncToAsync.thread_sensitive_context.get(None)
    if context is not None:
        executor = SyncToAsync.context_to_thread_executor.get(context)
        SyncToAsync.context_to_thread_executor[context] = SHARED
        if executor is not None and executor is not SHARED:
            executor.shutdown(wait=False)


delivery.release_request_thread = release_request_thread
