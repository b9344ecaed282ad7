"""GET /api/v1/batches/<id>/results.csv follows the batch page's filter and sort."""

import csv
import io

from tests.fixtures_pages import *  # noqa: F403 (the fixtures opening, finished_batch)


def rows(client, batch, query=""):
    response = client.get(f"/api/v1/batches/{batch.pk}/results.csv{query}")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_without_a_filter_it_has_every_file_in_rank_order(client, alice, finished_batch):
    client.force_login(alice)
    assert [r["filename"] for r in rows(client, finished_batch)][1:] == ["middling.pdf", "broken.pdf"]


def test_it_has_only_the_files_the_filter_shows(client, alice, finished_batch):
    client.force_login(alice)
    found = rows(client, finished_batch, "?flag=missing_required_skill")
    assert [(r["rank"], r["filename"]) for r in found] == [("2", "middling.pdf")]


def test_it_follows_the_sort(client, alice, finished_batch):
    client.force_login(alice)
    assert [r["filename"] for r in rows(client, finished_batch, "?sort=years")] == [
        "<img src=x onerror=alert(1)>.pdf", "middling.pdf", "broken.pdf",
    ]  # fmt: skip
    assert [r["name"] for r in rows(client, finished_batch, "?q=example.com&sort=name")] == [
        "Mid Dling", "Top Candidate",
    ]  # fmt: skip
