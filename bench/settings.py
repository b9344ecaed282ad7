"""Settings for the benchmarks: the project's settings with a throwaway key and quiet logs.

Everything that points somewhere (DATABASE_URL, REDIS_URL) comes from the environment that
`bench/streams.py` builds for the processes it starts.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from resumescreener.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
