"""Unpacking uploaded ZIP archives: limits are checked from the listing, names are never trusted."""

import zipfile

import pytest

from resumes.archive import ArchiveError, expand_zip
from tests.fixtures_pipeline import make_zip

LIMITS = {
    "max_entries": 50,
    "max_total_bytes": 50 * 1024 * 1024,
    "max_ratio": 100,
    "max_file_bytes": 10 * 1024 * 1024,
}


def test_it_extracts_members_under_generated_names(tmp_path):
    archive = make_zip(
        tmp_path / "batch.zip", {"cvs/jane doe.txt": b"Jane Doe\nPython", "bob.pdf": b"%PDF-1.4"}
    )
    members = expand_zip(archive, tmp_path / "out", **LIMITS)
    assert [member.name for member in members] == ["jane doe.txt", "bob.pdf"]
    assert [member.error for member in members] == [None, None]
    assert members[0].path.read_bytes() == b"Jane Doe\nPython"
    assert members[0].path.parent == tmp_path / "out"
    assert "jane" not in members[0].path.name and members[1].path.suffix == ".pdf"


def test_a_member_with_a_bomb_like_compression_ratio_is_not_extracted(tmp_path):
    archive = make_zip(tmp_path / "bomb.zip", {"resume.txt": b"\0" * (8 * 1024 * 1024), "ok.txt": b"Jane"})
    members = expand_zip(archive, tmp_path / "out", **LIMITS)
    assert members[0].path is None and "ZIP bomb" in members[0].error
    assert members[1].error is None
    assert [path.name for path in (tmp_path / "out").iterdir()] == [members[1].path.name]


def test_an_archive_that_would_unpack_past_the_total_limit_is_refused(tmp_path):
    archive = make_zip(tmp_path / "big.zip", {f"{n}.txt": b"\0" * (2 * 1024 * 1024) for n in range(3)})
    with pytest.raises(ArchiveError, match="would unpack to 6.0 MB"):
        expand_zip(archive, tmp_path / "out", **{**LIMITS, "max_total_bytes": 5 * 1024 * 1024})
    assert not (tmp_path / "out").exists()


def test_an_archive_with_too_many_entries_is_refused(tmp_path):
    archive = make_zip(tmp_path / "many.zip", {f"{n}.txt": b"x" for n in range(51)})
    with pytest.raises(ArchiveError, match="has 51 files; at most 50"):
        expand_zip(archive, tmp_path / "out", **LIMITS)


def test_dot_dot_and_absolute_paths_are_not_extracted(tmp_path):
    archive = make_zip(
        tmp_path / "evil.zip", {"../../etc/evil.txt": b"x", "/tmp/abs.txt": b"y", "C:/win.txt": b"z"}
    )
    members = expand_zip(archive, tmp_path / "out", **LIMITS)
    assert all(member.path is None and "unsafe path" in member.error for member in members)
    assert not (tmp_path / "etc").exists() and list((tmp_path / "out").iterdir()) == []


def test_a_nested_zip_is_not_unpacked(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", {"a.txt": b"Jane"}).read_bytes()
    members = expand_zip(make_zip(tmp_path / "outer.zip", {"more.zip": inner}), tmp_path / "out", **LIMITS)
    assert members[0].name == "more.zip" and "archives inside archives" in members[0].error


def test_a_nested_zip_under_another_name_is_found_by_its_content(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", {"a.txt": b"Jane"}).read_bytes()
    members = expand_zip(make_zip(tmp_path / "outer.zip", {"cv.pdf": inner}), tmp_path / "out", **LIMITS)
    assert members[0].path is None and "archives inside archives" in members[0].error
    assert list((tmp_path / "out").iterdir()) == []


def test_directories_are_skipped(tmp_path):
    archive = make_zip(tmp_path / "dirs.zip", {"cvs/": b"", "cvs/jane.txt": b"Jane"})
    assert [member.name for member in expand_zip(archive, tmp_path / "out", **LIMITS)] == ["jane.txt"]


def test_a_member_larger_than_the_file_limit_is_reported(tmp_path):
    archive = make_zip(tmp_path / "large.zip", {"large.txt": bytes(range(256)) * 8192})
    members = expand_zip(archive, tmp_path / "out", **{**LIMITS, "max_file_bytes": 1024 * 1024})
    assert members[0].path is None and "at most 1.0 MB" in members[0].error


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ArchiveError, match="not a readable ZIP"):
        expand_zip(path, tmp_path / "out", **LIMITS)


def test_a_password_protected_zip_is_refused(tmp_path):
    data = bytearray(make_zip(tmp_path / "plain.zip", {"a.txt": b"Jane"}).read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" flag bit, as zipfile reads it from the central directory
    path = tmp_path / "locked.zip"
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).infolist()[0].flag_bits & 0x1
    with pytest.raises(ArchiveError, match="password-protected"):
        expand_zip(path, tmp_path / "out", **LIMITS)
