"""GET /api/v1/sse/progress/stream/recover: Pushpin recovering the streams it holds, one link for all."""

import time

import httpx
import jwt
import pytest

from progress.grip import RECOVERY_PATH, recovery_link
from tests.test_pushpin import open_through, publish_demo


def signed_by(pushpin):
    """The signature Pushpin puts on every request it forwards (a JWT under its key)."""
    return {"Grip-Sig": jwt.encode({"iss": "pushpin", "exp": int(time.time()) + 60}, pushpin.key)}


def hold(server, pushpin, user, cookies):
    """A stream request as Pushpin forwards it, answered by the web process with a GRIP hold."""
    url = f"{server.url}/api/v1/sse/progress/stream/{user.pk}"
    return httpx.get(url, cookies=cookies, headers=signed_by(pushpin), timeout=10)


def recover(server, headers, link=None):
    return httpx.get(f"{server.url}{link or recovery_link()}", headers=headers, timeout=10)


def last_of(user, last_id=0):
    return {"Grip-Last": f"events-user-{user.pk}; last-id={last_id}"}


def test_every_held_stream_shares_one_recovery_link(proxied, alice, bob, cookies_for):
    pushpin, server = proxied
    links = {hold(server, pushpin, user, cookies_for(user)).headers["Grip-Link"] for user in (alice, bob)}
    assert len(links) == 1
    assert links.pop().startswith(f"<{RECOVERY_PATH}?")


def test_a_recovery_sends_what_the_stream_missed_and_holds_it_again(proxied, alice, cookies_for):
    pushpin, server = proxied
    publish_demo(server, alice, steps=1)
    response = recover(server, signed_by(pushpin) | last_of(alice))
    assert response.status_code == 200
    assert response.text.count("event: progress") == 3  # queued, one file, completed
    assert response.headers["Grip-Channel"].startswith(f"events-user-{alice.pk};")
    assert response.headers["Grip-Link"].startswith(f"<{RECOVERY_PATH}?")


def test_clients_never_see_the_recovery_link(proxied, alice, cookies_for):
    pushpin, _ = proxied
    stream = open_through(pushpin, alice, cookies_for(alice))
    assert stream.status_code == 200
    assert not [name for name in stream.response.headers if name.lower().startswith("grip-")]
    stream.close()


@pytest.mark.parametrize(
    "link",
    [
        f"{RECOVERY_PATH}?link=next&recover=true",
        f"{RECOVERY_PATH}?link=next&recover=true&k={int(time.time() // 3600)}.{'0' * 32}",
        recovery_link(now=time.time() - 3 * 3600),
        recovery_link(now=time.time() + 2 * 3600),
    ],
    ids=["no key", "forged key", "expired key", "future key"],
)
def test_a_recovery_without_a_current_key_is_refused(proxied, alice, link):
    pushpin, server = proxied
    response = recover(server, signed_by(pushpin) | last_of(alice), link)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_recovery_must_come_from_the_proxy(proxied, alice):
    _, server = proxied
    assert recover(server, last_of(alice)).status_code == 404


@pytest.mark.parametrize(
    "grip_last",
    [
        "events-user-{a}; last-id=0, events-user-{b}; last-id=0",
        "events-user-x; last-id=0",
        "",
        "user-{a}",
        "events-user-{a}",
        "events-user-{a}; last-id=",
        "events-user-{a}; last-id=abc",
    ],
    ids=["two users", "not a user id", "none", "not a progress channel", "no last id", "empty id", "bad id"],
)
def test_a_recovery_names_exactly_one_users_channel(proxied, alice, bob, grip_last):
    pushpin, server = proxied
    headers = signed_by(pushpin) | {"Grip-Last": grip_last.format(a=alice.pk, b=bob.pk)}
    assert recover(server, headers).status_code == 404
