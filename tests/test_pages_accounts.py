"""Sign up, log in and log out; pages other than those need a login."""

from django.contrib.auth import get_user_model


def test_it_signs_up_and_logs_in_the_new_user(client, transactional_db):
    response = client.post(
        "/accounts/signup/",
        {"username": "carol", "password1": "a long pass phrase", "password2": "a long pass phrase"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert get_user_model().objects.filter(username="carol").exists()
    assert client.get("/").context["user"].username == "carol"


def test_it_refuses_a_sign_up_whose_passwords_differ(client, transactional_db):
    response = client.post(
        "/accounts/signup/", {"username": "carol", "password1": "a long pass phrase", "password2": "other"}
    )
    assert response.status_code == 200 and b"errorlist" in response.content
    assert not get_user_model().objects.filter(username="carol").exists()


def test_it_shows_the_login_page_with_a_link_to_sign_up(client, transactional_db):
    body = client.get("/accounts/login/").content.decode()
    assert 'name="username"' in body and 'href="/accounts/signup/"' in body


def test_it_logs_in_and_out(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "correct horse battery"})
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_it_sends_anonymous_visitors_of_the_pages_to_the_login_page(client, transactional_db):
    batch_page = "/batches/9d3a3b0e-0000-4000-8000-000000000000/"
    for path in ["/", "/openings/new/", "/openings/1/upload/", batch_page, "/openings/1/edit/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
