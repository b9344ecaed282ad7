"""The batch page: files ranked by score, filtered by flag, with CSV, cancel and retry."""

import re

from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, finished_batch, running_batch)


def names_in_order(body):
    return re.findall(r'<div class="filename">(.*?)</div>', body)


def test_it_ranks_the_files_best_first_with_failed_ones_last(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/").content.decode()
    assert names_in_order(body) == ["&lt;img src=x onerror=alert(1)&gt;.pdf", "middling.pdf", "broken.pdf"]
    assert 'value="91"' in body and "The PDF could not be read." in body


def test_it_escapes_file_names(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/").content.decode()
    assert "<img src=x" not in body


def test_it_shows_contact_skills_years_and_flags(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/").content.decode()
    assert "mid@example.com" in body and "+1 555 0100" in body and "<td>3.5</td>" in body
    assert "<td>PostgreSQL</td>" in body and '<span class="flag">missing_required_skill</span>' in body


def test_it_filters_by_flag(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/?flag=missing_required_skill").content.decode()
    assert names_in_order(body) == ["middling.pdf"]
    assert '<option value="missing_required_skill" selected>' in body


def test_it_shows_every_file_for_an_unknown_flag(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/?flag=nonsense").content.decode()
    assert len(names_in_order(body)) == 3


def test_it_links_the_csv_and_offers_retry_when_files_failed(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/").content.decode()
    assert f'href="/api/v1/batches/{finished_batch.pk}/results.csv"' in body
    assert f'action="/api/v1/batches/{finished_batch.pk}/retry"' in body and "/cancel" not in body


def test_it_offers_cancel_and_a_live_bar_while_the_batch_runs(client, alice, running_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{running_batch.pk}/").content.decode()
    assert f'action="/api/v1/batches/{running_batch.pk}/cancel"' in body and "/retry" not in body
    assert '<progress id="batch-bar" max="2" value="1"' in body


def test_it_answers_404_for_someone_elses_batch(client, bob, finished_batch):
    client.force_login(bob)
    assert client.get(f"/batches/{finished_batch.pk}/").status_code == 404


def test_it_finds_people_by_text_in_name_or_email(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/?q=TOP@").content.decode()
    assert names_in_order(body) == ["&lt;img src=x onerror=alert(1)&gt;.pdf"]
    assert "1 of 3 files match." in body and 'value="TOP@"' in body


def test_it_filters_by_a_matched_and_a_missing_skill(client, alice, finished_batch):
    client.force_login(alice)
    assert names_in_order(
        client.get(f"/batches/{finished_batch.pk}/?missing=PostgreSQL").content.decode()
    ) == ["middling.pdf"]
    body = client.get(f"/batches/{finished_batch.pk}/?skill=PostgreSQL").content.decode()
    assert names_in_order(body) == ["&lt;img src=x onerror=alert(1)&gt;.pdf"]


def test_it_sorts_by_name_keeping_the_rank_by_score(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/?sort=name").content.decode()
    assert names_in_order(body) == ["middling.pdf", "&lt;img src=x onerror=alert(1)&gt;.pdf", "broken.pdf"]
    assert re.findall(r'data-resume-id="\d+">\s*<td>(\d)</td>', body) == ["2", "1", "3"]


def test_the_csv_link_and_candidate_links_carry_the_filter(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(
        f"/batches/{finished_batch.pk}/?flag=missing_required_skill&sort=years"
    ).content.decode()
    query = "?flag=missing_required_skill&amp;sort=years"
    assert f'href="/api/v1/batches/{finished_batch.pk}/results.csv{query}"' in body
    middling = finished_batch.resumes.get(original_name="middling.pdf")
    assert f'href="/batches/{finished_batch.pk}/files/{middling.pk}/{query}"' in body


def test_an_unknown_value_drops_only_that_criterion(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/?skill=Cobol&q=mid").content.decode()
    assert names_in_order(body) == ["middling.pdf"]


def test_a_finished_batch_offers_deletion(client, alice, finished_batch):
    client.force_login(alice)
    body = client.get(f"/batches/{finished_batch.pk}/").content.decode()
    assert f'href="/batches/{finished_batch.pk}/delete/"' in body
