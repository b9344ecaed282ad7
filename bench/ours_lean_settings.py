"""Variant of ours for bench/compare.py (`--only ours,ours_lean`): the project without WhiteNoise.

Not a proposal to drop static files: it measures what the one sync-only middleware in the chain costs
every stream (Django then adapts the chain with sync_to_async / async_to_sync around it), so that an
async-capable replacement (or serving /static/ outside the Django chain) can be weighed.
"""

from bench.settings import *  # noqa: F403

MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]  # noqa: F405
