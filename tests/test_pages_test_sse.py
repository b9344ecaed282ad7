"""/test-sse (staff, or anyone with DEBUG) and its staff-only "send test progress" endpoint."""

import json
import threading

from progress import sse_test_page
from progress.sse_manager import sse_manager


def test_it_shows_staff_the_page_with_the_send_button(client, staff):
    client.force_login(staff)
    body = client.get("/test-sse").content.decode()
    assert 'id="connect"' in body and 'id="disconnect"' in body and 'id="send"' in body
    assert 'id="light"' in body and 'id="log"' in body and 'id="connections"' in body
    assert "/static/progress/sse_service.js" in body


def test_it_refuses_the_page_to_other_users(client, alice):
    client.force_login(alice)
    assert client.get("/test-sse").status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client, transactional_db):
    response = client.get("/test-sse")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_shows_anyone_the_page_without_the_send_button_when_debug_is_on(client, alice, settings):
    settings.DEBUG = True
    client.force_login(alice)
    body = client.get("/test-sse").content.decode()
    assert 'id="connect"' in body and 'id="send"' not in body


def test_it_refuses_to_send_test_progress_for_non_staff(client, alice, settings):
    settings.DEBUG = True  # the page is open to anyone then; sending still is not
    assert client.post("/test-sse/send").status_code == 401
    client.force_login(alice)
    response = client.post("/test-sse/send")
    assert response.status_code == 403 and response.json()["error"] == "forbidden"


def test_it_sends_a_fake_batch_to_the_staff_users_own_stream(client, staff, monkeypatch):
    started = []
    monkeypatch.setattr(threading.Thread, "start", lambda thread: started.append(thread))
    monkeypatch.setattr(sse_test_page, "DEMO_DELAY_SECONDS", 0)
    client.force_login(staff)
    response = client.post("/test-sse/send")
    assert response.status_code == 202 and response.json()["user_id"] == str(staff.pk)
    started[0].run()  # the thread's work, here and now
    events = [json.loads(event.data) for event in sse_manager.get_events(staff.pk)]
    assert len(events) == sse_test_page.DEMO_STEPS + 2
    assert {event["batch_id"] for event in events} == {response.json()["batch_id"]}
    assert events[-1]["status"] == "completed" and "results" in events[-1]
