"""The upload page of an opening (its live behaviour is tested in a browser: tests/browser/)."""

from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, finished_batch, running_batch)


def test_it_shows_the_upload_form_aimed_at_the_upload_api(client, alice, opening):
    client.force_login(alice)
    body = client.get(f"/openings/{opening.pk}/upload/").content.decode()
    assert f'action="/api/v1/openings/{opening.pk}/batches"' in body
    assert 'type="file" multiple' in body and f'data-user-id="{alice.pk}"' in body
    assert 'src="/static/resumes/upload.js"' in body and 'type="module"' in body


def test_it_has_an_accessible_progress_bar_and_a_connection_state(client, alice, opening):
    client.force_login(alice)
    body = client.get(f"/openings/{opening.pk}/upload/").content.decode()
    assert '<progress id="bar"' in body and 'aria-labelledby="batch-heading"' in body
    assert 'id="connection"' in body and 'role="status"' in body


def test_it_has_a_cancel_button_and_one_polite_live_region(client, alice, opening):
    client.force_login(alice)
    body = client.get(f"/openings/{opening.pk}/upload/").content.decode()
    assert '<button id="cancel-upload" type="button" class="secondary" hidden>Cancel upload</button>' in body
    assert body.count('role="status"') == 1 and 'id="announcer" class="visually-hidden"' in body
    assert '<p id="counts" class="counts">' in body  # redrawn at every event: not a live region


def test_it_links_the_openings_earlier_batches(client, alice, opening, finished_batch):
    client.force_login(alice)
    body = client.get(f"/openings/{opening.pk}/upload/").content.decode()
    assert f'href="/batches/{finished_batch.pk}/"' in body and "3 of 3 files" in body


def test_it_answers_404_for_someone_elses_opening(client, bob, opening):
    client.force_login(bob)
    assert client.get(f"/openings/{opening.pk}/upload/").status_code == 404
