"""Resumes written by others, in the tools people really use (tests/data/real/, keyed by hand), through
the real pipeline: the upload API, the production worker class, the batch API.

It prints the accuracy per field over the corpus and fails when any field falls below 95 %.
"""

import json
import re
from pathlib import Path

import django_rq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.models import Batch, Opening
from resumes.screening.skills import canonical_skill
from resumes.workers import ScreeningWorker

REAL = Path(__file__).parent / "data" / "real"
KEY = json.loads((REAL / "key.json").read_text(encoding="utf-8"))
THRESHOLD = 0.95
YEARS_TOLERANCE = 0.5  # a month's difference per range in how "2016 – 2019" is read adds up

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def screened(client, alice, settings, tmp_path):
    """The batch JSON's result for each file of the corpus, by file name, and the batch's upload date."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    skills = sorted(
        {spelling for entry in KEY.values() for skill in entry["skills"] for spelling in skill.split("|")}
    )  # noqa: E501
    opening = Opening.objects.create(owner=alice, title="Any role", required_skills=skills)
    client.force_login(alice)
    files = [SimpleUploadedFile(name, (REAL / name).read_bytes()) for name in KEY]
    body = client.post(f"/api/v1/openings/{opening.pk}/batches", {"files": files}).json()
    assert body["rejected"] == [], body["rejected"]
    django_rq.get_worker("default", worker_class=ScreeningWorker).work(burst=True)
    batch = client.get(body["status_url"]).json()
    assert batch["status"] == "completed"
    uploaded = Batch.objects.get(pk=body["batch_id"]).created.date()
    return {result["filename"]: result for result in batch["results"]}, uploaded


def test_every_field_is_read_right_in_at_least_95_percent_of_real_resumes(screened):
    results, uploaded = screened
    right, counted, misses = {}, {}, []
    for name, entry in KEY.items():
        for field, ok, got, want in checks(results[name], entry, uploaded):
            right[field] = right.get(field, 0) + ok
            counted[field] = counted.get(field, 0) + 1
            if not ok:
                misses.append(f"{name} {field}: read {got!r}, key {want!r}")
    accuracy = {field: right[field] / counted[field] for field in counted}
    figures = ", ".join(
        f"{field} {accuracy[field]:.1%} ({right[field]}/{counted[field]})" for field in accuracy
    )
    print(f"\naccuracy on {len(KEY)} real resumes: {figures}")
    print("\n".join(misses))
    assert min(accuracy.values()) >= THRESHOLD, misses


def test_scans_and_photos_are_read_with_ocr_and_say_so(screened):
    results, _ = screened
    scanned = [name for name, entry in KEY.items() if entry["kind"] in ("scan", "photo")]
    assert len(scanned) >= 5
    for name in scanned:
        assert results[name]["status"] == "done" and "ocr" in results[name]["flags"], name
    assert not any("ocr" in results[name]["flags"] for name, entry in KEY.items() if entry["kind"] == "pdf")


def checks(result, entry, uploaded):
    """``(field, right, read, key)`` for one file: each keyed skill counts once; years only where keyed."""
    phone_key = entry.get("phone_e164", entry["phone"])
    yield "name", same_name(result["name"], entry["name"]), result["name"], entry["name"]
    yield "email", result["email"] == entry["email"].lower(), result["email"], entry["email"]
    yield "phone", same_phone(result["phone"], entry), result["phone"], phone_key
    matched = set(result["matched_skills"])
    for skill in entry["skills"]:
        spellings = set(skill.split("|"))
        spellings |= {canonical_skill(spelling) for spelling in spellings}
        yield "skills", bool(spellings & matched), sorted(matched), skill
    if "years_spans" in entry:
        expected = keyed_years(entry["years_spans"], uploaded)
        yield "years", abs(result["years"] - expected) <= YEARS_TOLERANCE, result["years"], expected


def same_name(read, keyed):
    return read is not None and " ".join(read.split()).casefold() == " ".join(keyed.split()).casefold()


def same_phone(read, entry):
    """E.164 where the key knows the country, else the same digits as printed."""
    if "phone_e164" in entry:
        return read == entry["phone_e164"]
    return read is not None and re.sub(r"\D", "", read) == re.sub(r"\D", "", entry["phone"])


def keyed_years(spans, uploaded):
    """Years covered by the key's work periods, overlaps once; "present" is the upload day's month.

    Months count inclusively ("2020-01" to "2020-12" is a year); a bare year starts in January and, as
    an end, means January of that year ("2015" to "2019" is four years).
    """

    def month(point, end):
        if point == "present":
            return uploaded.year * 12 + uploaded.month
        if "-" in point:
            year, number = map(int, point.split("-"))
            return year * 12 + number - (0 if end else 1)
        return int(point) * 12

    periods = sorted((month(start, False), month(end, True)) for start, end in spans)
    total, current = 0, None
    for start, end in periods:
        if current is None or start > current[1]:
            total += current[1] - current[0] if current else 0
            current = [start, end]
        else:
            current[1] = max(current[1], end)
    total += current[1] - current[0] if current else 0
    return round(total / 12, 1)
