"""The worker's reading child: one process for many files, each file under the time and memory limits."""

import os
import time

import pytest

from resumes.screening.errors import ExtractionError
from resumes.screening.reader import Reader

MB = 1024 * 1024


def pretend_to_read(path, kind):
    """What the child runs for each file: the path says what to do (the tests' stand-in for a reader)."""
    if path == "slow":
        time.sleep(30)
    if path == "greedy":
        return bytearray(1024 * MB)
    if path == "damaged":
        raise ExtractionError("the PDF file is damaged")
    return (path, os.getpid())


@pytest.fixture
def reader():
    reader = Reader(256 * MB, pretend_to_read)
    yield reader
    reader.close()


def test_one_child_reads_file_after_file(reader):
    first, second = reader.read("a.pdf", "pdf", 5), reader.read("b.pdf", "pdf", 5)
    assert first[0] == "a.pdf" and second[0] == "b.pdf"
    assert first[1] == second[1] != os.getpid()


def test_a_file_past_the_deadline_fails_alone(reader):
    with pytest.raises(ExtractionError, match="took longer than 0.3 s"):
        reader.read("slow", "pdf", 0.3)
    assert reader.read("next.pdf", "pdf", 5)[0] == "next.pdf"


def test_a_file_past_the_memory_limit_fails_alone(reader):
    with pytest.raises(ExtractionError, match="exceeded the 256 MB memory limit"):
        reader.read("greedy", "pdf", 5)
    assert reader.read("next.pdf", "pdf", 5)[0] == "next.pdf"


def test_a_damaged_file_says_why_and_the_child_goes_on(reader):
    _, child = reader.read("a.pdf", "pdf", 5)
    with pytest.raises(ExtractionError, match="damaged"):
        reader.read("damaged", "pdf", 5)
    assert reader.read("b.pdf", "pdf", 5)[1] == child


def test_a_killed_child_fails_its_file_and_a_new_one_reads_the_next(reader):
    _, child = reader.read("a.pdf", "pdf", 5)
    os.kill(child, 9)
    time.sleep(0.1)
    assert reader.read("b.pdf", "pdf", 5)[1] != child


def test_closing_ends_the_child(reader):
    _, child = reader.read("a.pdf", "pdf", 5)
    reader.close()
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)
