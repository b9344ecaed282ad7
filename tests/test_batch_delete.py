"""Deleting a batch (DELETE /api/v1/batches/<id> and its page): rows, stored files and progress go."""

from pathlib import Path

import pytest
from django.conf import settings

from progress.sse_manager import sse_manager
from resumes.models import Batch, Resume
from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, stored_batch, running_batch)


@pytest.fixture
def stored_paths(stored_batch):
    paths = [Path(settings.MEDIA_ROOT) / r.file.name for r in stored_batch.resumes.all()]
    assert all(path.exists() for path in paths)
    return paths


def publish(user, batch_id, completed):
    sse_manager.update_progress(user.pk, {"batch_id": batch_id, "completed": completed, "total": 2})


def test_the_owner_deletes_a_batch_through_the_api(client, alice, stored_batch, stored_paths):
    client.force_login(alice)
    response = client.delete(f"/api/v1/batches/{stored_batch.pk}")
    assert response.status_code == 200
    assert response.json() == {"batch_id": str(stored_batch.pk), "deleted": True, "files": 2}
    assert not Batch.objects.filter(pk=stored_batch.pk).exists()
    assert not Resume.objects.filter(batch_id=stored_batch.pk).exists()
    assert not any(path.exists() for path in stored_paths)
    assert not stored_paths[0].parent.exists()


def test_afterwards_the_batch_and_its_originals_answer_404(client, alice, stored_batch):
    urls = [f"/api/v1/batches/{stored_batch.pk}/files/{r.pk}/original" for r in stored_batch.resumes.all()]
    client.force_login(alice)
    client.delete(f"/api/v1/batches/{stored_batch.pk}")
    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert client.get(f"/batches/{stored_batch.pk}/").status_code == 404


def test_it_removes_that_batchs_progress_events_and_keeps_the_others(client, alice, stored_batch):
    publish(alice, str(stored_batch.pk), 1)
    publish(alice, "another-batch", 1)
    publish(alice, str(stored_batch.pk), 2)
    client.force_login(alice)
    client.delete(f"/api/v1/batches/{stored_batch.pk}")
    assert [e.data for e in sse_manager.get_events(alice.pk) if str(stored_batch.pk).encode() in e.data] == []
    assert sse_manager.get_progress(alice.pk)["batch_id"] == "another-batch"


def test_staff_may_delete_it(client, staff, stored_batch):
    client.force_login(staff)
    assert client.delete(f"/api/v1/batches/{stored_batch.pk}").status_code == 200


def test_another_user_gets_404_and_nothing_goes(client, bob, stored_batch, stored_paths):
    client.force_login(bob)
    assert client.delete(f"/api/v1/batches/{stored_batch.pk}").status_code == 404
    assert Batch.objects.filter(pk=stored_batch.pk).exists() and all(p.exists() for p in stored_paths)


def test_a_running_batch_is_refused_until_cancelled(client, alice, running_batch):
    client.force_login(alice)
    response = client.delete(f"/api/v1/batches/{running_batch.pk}")
    assert response.status_code == 409 and response.json()["error"] == "busy"
    assert Batch.objects.filter(pk=running_batch.pk).exists()


def test_a_cancelled_batch_waits_for_the_file_a_worker_has_in_hand(client, alice, running_batch):
    running_batch.resumes.filter(status=Resume.Status.QUEUED).update(status=Resume.Status.PROCESSING)
    Batch.objects.filter(pk=running_batch.pk).update(status=Batch.Status.CANCELLED)
    client.force_login(alice)
    assert client.delete(f"/api/v1/batches/{running_batch.pk}").status_code == 409
    running_batch.resumes.filter(status=Resume.Status.PROCESSING).update(status=Resume.Status.DONE)
    assert client.delete(f"/api/v1/batches/{running_batch.pk}").status_code == 200


def test_without_the_csrf_token_it_is_refused(alice, stored_batch):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.delete(f"/api/v1/batches/{stored_batch.pk}")
    assert response.status_code == 403 and response.json()["error"] == "csrf_failed"
    assert Batch.objects.filter(pk=stored_batch.pk).exists()


def test_the_page_asks_first_then_deletes_and_goes_back_to_the_opening(
    client, alice, stored_batch, stored_paths
):
    client.force_login(alice)
    body = client.get(f"/batches/{stored_batch.pk}/delete/").content.decode()
    assert "Delete the batch and its 2 files" in body
    response = client.post(f"/batches/{stored_batch.pk}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == f"/openings/{stored_batch.opening_id}/upload/"
    assert "Deleted the batch and its 2 files." in response.content.decode()
    assert not Batch.objects.filter(pk=stored_batch.pk).exists()
    assert not any(path.exists() for path in stored_paths)


def test_the_page_refuses_a_running_batch(client, alice, running_batch):
    client.force_login(alice)
    assert "cancel its queued files" in client.get(f"/batches/{running_batch.pk}/delete/").content.decode()
    assert client.post(f"/batches/{running_batch.pk}/delete/").status_code == 409
    assert Batch.objects.filter(pk=running_batch.pk).exists()


def test_the_page_answers_404_to_another_user(client, bob, stored_batch):
    client.force_login(bob)
    assert client.post(f"/batches/{stored_batch.pk}/delete/").status_code == 404
    assert Batch.objects.filter(pk=stored_batch.pk).exists()
