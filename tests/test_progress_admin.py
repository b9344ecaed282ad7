"""The admin's progress inspector: Admin › Live progress › User progress."""

import pytest

from progress.sse_manager import sse_manager

LIST = "/admin/progress/userprogress/"


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def publish(user, count, **extra):
    for n in range(1, count + 1):
        sse_manager.update_progress(
            user.pk, {"batch_id": "b1", "completed": n, "status": "processing", **extra}
        )


def test_the_admin_index_lists_live_progress(staff_client):
    page = staff_client.get("/admin/").content.decode()
    assert "Live progress" in page
    assert LIST in page


def test_staff_see_each_user_with_status_and_event_count(staff_client, alice, bob):
    publish(alice, 3)
    publish(bob, 1, status="completed")
    response = staff_client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    rows = {row.user_id: row for row in response.context["rows"]}
    assert (rows[str(alice.pk)].username, rows[str(alice.pk)].events) == ("alice", 3)
    assert (rows[str(bob.pk)].status, rows[str(bob.pk)].events) == ("completed", 1)
    assert "alice" in page and "bob" in page
    assert f"{LIST}{alice.pk}/" in page


def test_the_detail_page_shows_events_newest_first_with_html_escaped(staff_client, alice):
    publish(alice, 2)
    sse_manager.update_progress(alice.pk, {"status": "failed", "message": "<script>alert(1)</script>"})
    response = staff_client.get(f"{LIST}{alice.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    ids = [event.id for event in sse_manager.get_events(alice.pk)]
    assert [event.id for event in response.context["events"]] == ids[::-1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_the_purge_button_removes_the_users_progress(staff_client, alice, bob):
    publish(alice, 3)
    publish(bob, 1)
    assert f"{LIST}{alice.pk}/purge/" in staff_client.get(f"{LIST}{alice.pk}/").content.decode()
    confirm = staff_client.get(f"{LIST}{alice.pk}/purge/")
    assert "Remove the 3 progress events" in confirm.content.decode()
    response = staff_client.post(f"{LIST}{alice.pk}/purge/", follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "Removed 3 progress events of alice" in response.content.decode()
    assert sse_manager.get_progress(alice.pk) is None
    assert sse_manager.get_progress(bob.pk) is not None


def test_purging_needs_the_csrf_token(alice, staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    publish(alice, 1)
    assert client.post(f"{LIST}{alice.pk}/purge/").status_code == 403
    assert sse_manager.get_progress(alice.pk) is not None


def test_an_unknown_user_without_progress_is_not_found(staff_client):
    assert staff_client.get(f"{LIST}999/").status_code == 404


def test_a_user_who_is_not_staff_is_sent_to_the_admin_login(client, alice):
    client.force_login(alice)
    publish(alice, 1)
    for path in (LIST, f"{LIST}{alice.pk}/", f"{LIST}{alice.pk}/purge/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
    assert client.post(f"{LIST}{alice.pk}/purge/").url.startswith("/admin/login/")
    assert sse_manager.get_progress(alice.pk) is not None


def test_anonymous_visitors_are_sent_to_the_admin_login(client, transactional_db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.mark.parametrize("user_id", [2**63, 2**64, "9" * 4400])
def test_an_id_no_database_can_hold_is_not_found(staff_client, user_id):
    assert staff_client.get(f"{LIST}{user_id}/").status_code == 404
    assert staff_client.get(f"{LIST}{user_id}/purge/").status_code == 404
    assert staff_client.post(f"{LIST}{user_id}/purge/").status_code == 404
