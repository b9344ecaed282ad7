"""Settings for the test suite: the project's settings with a throwaway key.

REDIS_URL and MEDIA_ROOT are pointed at private, per-run locations by tests/conftest.py.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from resumescreener.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
