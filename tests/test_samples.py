"""The generated sample resumes, and how accurately the pipeline reads them back (against the answer key)."""

import json
import time
from datetime import date

import pytest
from django.core.management import call_command

from resumes.filetypes import detect_type
from resumes.screening.extract import extract_text
from resumes.screening.parse import parse_resume
from resumes.screening.samples import FORMATS, write_samples
from tests import fixtures_pipeline

samples = fixtures_pipeline.samples  # session fixture shared with the other pipeline tests

FIELDS = ("name", "email", "phone", "skills", "years")


def read_back(path, today):
    kind, _ = detect_type(path)
    extraction = extract_text(path, kind)
    parsed = parse_resume(extraction.text, today=today)
    return extraction, {
        "name": parsed.name,
        "email": parsed.email,
        "phone": parsed.phone,
        "skills": sorted(parsed.skills),
        "years": parsed.years,
    }


def test_every_field_is_read_back_accurately_from_every_layout(samples):
    folder, answers = samples
    correct = dict.fromkeys(FIELDS, 0)
    misses = []
    started = time.perf_counter()
    for answer in answers:
        extraction, found = read_back(folder / answer["filename"], date.fromisoformat(answer["today"]))
        assert extraction.flags == [], answer["filename"]
        for field in FIELDS:
            right = (
                abs(found[field] - answer[field]) <= 0.1
                if field == "years"
                else found[field] == answer[field]
            )
            correct[field] += right
            if not right:
                misses.append(
                    f"{answer['filename']} {field}: expected {answer[field]!r}, read {found[field]!r}"
                )
    elapsed_ms = (time.perf_counter() - started) * 1000 / len(answers)
    accuracy = {field: correct[field] / len(answers) for field in FIELDS}
    print(f"\nper-field accuracy on {len(answers)} samples: {accuracy}; {elapsed_ms:.1f} ms per resume")
    print("\n".join(misses))
    assert all(value >= 0.9 for value in accuracy.values()), misses


def test_every_layout_is_written_with_its_answer(samples):
    folder, answers = samples
    assert {answer["layout"] for answer in answers} == set(FORMATS)
    assert json.loads((folder / "answer_key.json").read_text()) == answers
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [a["filename"] for a in answers] + ["answer_key.json"]
    )


def test_the_same_seed_writes_the_same_resumes(tmp_path):
    first = write_samples(tmp_path / "a", count=5, seed=7)
    second = write_samples(tmp_path / "b", count=5, seed=7)
    assert first == second
    for answer in first:
        text_a = read_back(tmp_path / "a" / answer["filename"], date(2025, 6, 1))
        text_b = read_back(tmp_path / "b" / answer["filename"], date(2025, 6, 1))
        assert text_a == text_b
    assert write_samples(tmp_path / "c", count=5, seed=8) != first


def test_the_latin1_text_samples_are_not_utf8(samples):
    folder, answers = samples
    for answer in answers:
        if answer["layout"] == "txt_latin1":
            raw = (folder / answer["filename"]).read_bytes()
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")


def test_the_make_samples_command_writes_the_files_and_answer_key(tmp_path, capsys):
    call_command("make_samples", str(tmp_path / "out"), count=5)
    answers = json.loads((tmp_path / "out" / "answer_key.json").read_text())
    assert len(answers) == 5 and all((tmp_path / "out" / answer["filename"]).exists() for answer in answers)
    assert "Wrote 5 resumes" in capsys.readouterr().out
