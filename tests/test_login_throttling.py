"""Login throttling (django-axes): failed logins from one address or for one user name lead to a pause."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

PASSWORD = "correct horse battery"


def log_in(path, username, password, address="192.0.2.1"):
    client = Client(REMOTE_ADDR=address)
    return client.post(path, {"username": username, "password": password})


def fail(times, path="/accounts/login/", username="alice", addresses=("192.0.2.1",)):
    """Fail `times` logins; return the statuses (the form again is 200, the pause 429)."""
    return [log_in(path, username, "wrong", addresses[n % len(addresses)]).status_code for n in range(times)]


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


def test_a_few_failures_leave_the_form_working(alice, limit):
    assert fail(limit - 1) == [200] * (limit - 1)
    assert log_in("/accounts/login/", "alice", PASSWORD).status_code == 302


def test_after_the_limit_even_the_right_password_gets_a_clear_pause(alice, limit, settings):
    assert fail(limit) == [200] * (limit - 1) + [429]
    response = log_in("/accounts/login/", "alice", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed logins" in body
    assert f"Try again in {round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)} minutes" in body


def test_one_user_name_is_paused_whatever_the_address(alice, limit):
    fail(limit, addresses=[f"198.51.100.{n}" for n in range(1, 50)])
    assert log_in("/accounts/login/", "alice", PASSWORD, "203.0.113.7").status_code == 429


def test_one_address_is_paused_whatever_the_user_name(alice, bob, limit):
    for n in range(limit):
        log_in("/accounts/login/", f"guess{n}", "wrong")
    assert log_in("/accounts/login/", "bob", PASSWORD).status_code == 429
    assert log_in("/accounts/login/", "bob", PASSWORD, "203.0.113.7").status_code == 302


def test_the_admin_login_is_throttled_too(staff, limit):
    fail(limit, path="/admin/login/", username="operator")
    assert log_in("/admin/login/", "operator", PASSWORD).status_code == 429
    assert log_in("/accounts/login/", "operator", PASSWORD).status_code == 429


def test_logging_in_works_again_after_the_cool_off(alice, limit, settings):
    fail(limit)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(1))
    assert log_in("/accounts/login/", "alice", PASSWORD).status_code == 302


def test_a_successful_login_clears_earlier_failures(alice, limit):
    fail(limit - 1)
    assert log_in("/accounts/login/", "alice", PASSWORD).status_code == 302
    fail(limit - 1)
    assert log_in("/accounts/login/", "alice", PASSWORD).status_code == 302
