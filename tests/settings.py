"""Settings for the test suite: the project's settings with a throwaway key.

REDIS_URL and MEDIA_ROOT are pointed at private, per-run locations by tests/conftest.py.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from resumescreener.settings import *  # noqa: E402,F403

(BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the uvicorn and RQ processes that tests start must see the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405

# Login throttling (django-axes) keeps failed logins in the database, which every test starts with empty,
# and never counts force_login (how the fixtures log in), so no test is locked out by another. With axes,
# authenticate() needs the request: a test that checks credentials posts them to the login page.
