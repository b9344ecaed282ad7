"""The candidate page /batches/<id>/files/<resume_id>/: fields, score, explanation, text with evidence."""

import re

import pytest

from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, finished_batch, stored_batch)


def page(client, batch, resume, query=""):
    return client.get(f"/batches/{batch.pk}/files/{resume.pk}/{query}")


@pytest.fixture
def jane(stored_batch):
    return stored_batch.resumes.get(detected_type="txt")


def test_it_shows_the_parsed_fields_score_and_flags(client, alice, stored_batch, jane):
    client.force_login(alice)
    body = page(client, stored_batch, jane).content.decode()
    assert '<h1 id="candidate-heading">Jane Doe</h1>' in body
    assert "jane@example.com" in body and '<span class="big-score">88</span>' in body
    assert "Why this score" in body and "Matched required skills:" in body


def test_it_marks_each_matched_skill_where_its_evidence_is(client, alice, stored_batch, jane):
    client.force_login(alice)
    body = page(client, stored_batch, jane).content.decode()
    marks = re.findall(r'<mark class="evidence" data-skill="([^"]+)"[^>]*>([^<]*)</mark>', body)
    assert marks == [("Python", "Python"), ("PostgreSQL", "PostgreSQL"), ("Docker", "Docker")]
    assert re.search(r'<a class="skill-link" href="#(evidence-\d+)">Docker</a>', body)


def test_the_resumes_text_is_shown_as_text(client, alice, stored_batch, jane):
    client.force_login(alice)
    body = page(client, stored_batch, jane).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "Built &lt;script&gt;alert(1)&lt;/script&gt; data pipelines" in body


def test_it_links_the_original_and_the_next_candidate_by_rank(client, alice, stored_batch, jane):
    client.force_login(alice)
    pat = stored_batch.resumes.get(detected_type="pdf")
    body = page(client, stored_batch, jane).content.decode()
    assert f'href="/api/v1/batches/{stored_batch.pk}/files/{jane.pk}/original"' in body
    assert (
        f'rel="next" href="/batches/{stored_batch.pk}/files/{pat.pk}/"' in body and 'rel="prev"' not in body
    )
    body = page(client, stored_batch, pat).content.decode()
    assert (
        f'rel="prev" href="/batches/{stored_batch.pk}/files/{jane.pk}/"' in body and 'rel="next"' not in body
    )


def test_previous_and_next_follow_the_batch_pages_filter(client, alice, finished_batch):
    client.force_login(alice)
    top = finished_batch.resumes.get(score=91)
    broken = finished_batch.resumes.get(original_name="broken.pdf")
    body = page(client, finished_batch, top, "?sort=name").content.decode()
    assert f'rel="prev" href="/batches/{finished_batch.pk}/files/' in body
    assert f'rel="next" href="/batches/{finished_batch.pk}/files/{broken.pk}/?sort=name"' in body


def test_a_failed_file_shows_its_reason_and_no_text(client, alice, finished_batch):
    client.force_login(alice)
    broken = finished_batch.resumes.get(original_name="broken.pdf")
    body = page(client, finished_batch, broken).content.decode()
    assert "The PDF could not be read." in body and "No text was extracted" in body
    assert "/original" not in body


def test_it_answers_404_for_another_users_candidate(client, bob, stored_batch, jane):
    client.force_login(bob)
    assert page(client, stored_batch, jane).status_code == 404


def test_it_answers_404_for_a_file_of_another_batch(client, alice, stored_batch, finished_batch):
    client.force_login(alice)
    assert page(client, stored_batch, finished_batch.resumes.first()).status_code == 404
