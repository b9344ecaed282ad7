"""DELETE /api/v1/sse/progress/<user_id>."""

from django.test import Client

from progress.sse_manager import sse_manager


def url(user_id):
    return f"/api/v1/sse/progress/{user_id}"


def test_it_removes_the_users_events_and_status_then_says_null(client, alice):
    for n in range(3):
        sse_manager.update_progress(alice.pk, {"completed": n})
    client.force_login(alice)
    body = client.delete(url(alice.pk)).json()
    assert body["deleted"] == 3 and body["user_id"] == str(alice.pk)
    assert client.get(f"/api/v1/sse/progress/status/{alice.pk}").json()["progress"] is None


def test_it_leaves_other_users_alone(client, alice, bob):
    sse_manager.update_progress(bob.pk, {"completed": 1})
    client.force_login(alice)
    client.delete(url(alice.pk))
    assert sse_manager.get_progress(bob.pk)["completed"] == 1


def test_it_refuses_another_user(client, alice, bob):
    sse_manager.update_progress(alice.pk, {"completed": 1})
    client.force_login(bob)
    assert client.delete(url(alice.pk)).status_code == 403
    assert sse_manager.get_progress(alice.pk) is not None


def test_it_refuses_anonymous_users(client, alice):
    assert client.delete(url(alice.pk)).status_code == 401


def test_staff_may_delete_any_users_progress(client, staff, alice):
    sse_manager.update_progress(alice.pk, {"completed": 1})
    client.force_login(staff)
    assert client.delete(url(alice.pk)).json()["deleted"] == 1


def test_it_needs_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.delete(url(alice.pk)).status_code == 403


def test_an_id_of_thousands_of_digits_gets_404(client, alice, staff):
    for user in (alice, staff):
        client.force_login(user)
        response = client.delete(url("9" * 4400))
        assert response.status_code == 404 and response.json()["error"] == "not_found"
