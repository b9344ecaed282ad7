"""GET /api/v1/sse/progress/status/<user_id>."""

from progress.sse_manager import sse_manager


def url(user_id):
    return f"/api/v1/sse/progress/status/{user_id}"


def test_it_returns_the_latest_progress(client, alice):
    sse_manager.update_progress(alice.pk, {"completed": 1, "total": 2})
    sse_manager.update_progress(alice.pk, {"completed": 2, "total": 2, "status": "completed"})
    client.force_login(alice)
    body = client.get(url(alice.pk)).json()
    assert body["user_id"] == str(alice.pk)
    assert body["progress"]["completed"] == 2 and body["progress"]["status"] == "completed"


def test_it_says_null_when_there_is_no_progress(client, alice):
    client.force_login(alice)
    assert client.get(url(alice.pk)).json() == {"user_id": str(alice.pk), "progress": None}


def test_it_refuses_anonymous_users_with_401(client, alice):
    response = client.get(url(alice.pk))
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"


def test_it_refuses_another_user_with_403(client, alice, bob):
    client.force_login(bob)
    assert client.get(url(alice.pk)).status_code == 403


def test_it_refuses_a_nonexistent_id_with_403_for_normal_users(client, bob):
    client.force_login(bob)
    assert client.get(url(999999)).status_code == 403


def test_staff_may_read_any_user(client, staff, alice):
    sse_manager.update_progress(alice.pk, {"completed": 1})
    client.force_login(staff)
    assert client.get(url(alice.pk)).json()["progress"]["completed"] == 1


def test_staff_get_404_for_a_user_that_does_not_exist(client, staff):
    client.force_login(staff)
    assert client.get(url(999999)).status_code == 404


def test_a_malformed_id_gets_404_with_a_json_message(client, bob):
    client.force_login(bob)
    response = client.get(url("abc"))
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_an_id_of_thousands_of_digits_gets_404(client, alice, staff):
    for user in (alice, staff):
        client.force_login(user)
        response = client.get(url("9" * 4400))
        assert response.status_code == 404 and response.json()["error"] == "not_found"


def test_staff_get_404_for_an_id_no_database_can_hold(client, staff):
    client.force_login(staff)
    assert client.get(url(2**63)).status_code == 404
