"""Unpack an uploaded ZIP of resumes without trusting anything the archive says about itself.

Everything that can be judged from the central directory (entry count, declared sizes, compression
ratio, names) is judged before a single byte is inflated; the copy itself is then capped at the limit,
because a crafted archive can declare small sizes and inflate to far more.
"""

import stat
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from resumes.filetypes import detect_type

COPY_CHUNK_BYTES = 64 * 1024

_NESTED_ARCHIVE_SUFFIXES = (".zip", ".jar", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz")


class ArchiveError(Exception):
    """The archive as a whole cannot be read; ``str(error)`` is a sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Member:
    """One file of an archive: ``path`` of the extracted copy, or ``error`` saying why there is none."""

    name: str
    path: Path | None
    error: str | None


def expand_zip(
    path: str | Path,
    dest_dir: str | Path,
    *,
    max_entries: int,
    max_total_bytes: int,
    max_ratio: float,
    max_file_bytes: int,
) -> list[Member]:
    """Extract the files of the ZIP at ``path`` into ``dest_dir`` under generated names.

    Raises ``ArchiveError`` when the whole archive is refused (not a ZIP, encrypted, too many entries,
    too large once inflated). Problems with single entries (unsafe path, nested archive, too large,
    suspicious compression ratio, damaged data) come back as a ``Member`` with an ``error`` and no path.
    Directory entries are skipped. Members are returned in archive order.
    """
    dest_dir = Path(dest_dir)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveError(f"the file is not a readable ZIP archive ({error})")
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        _check_whole_archive(entries, max_entries=max_entries, max_total_bytes=max_total_bytes)
        dest_dir.mkdir(parents=True, exist_ok=True)
        members = []
        for info in entries:
            problem = _entry_problem(info, max_ratio=max_ratio, max_file_bytes=max_file_bytes)
            name = _display_name(info.filename)
            if problem:
                members.append(Member(name=name, path=None, error=problem))
                continue
            members.append(_extract_member(archive, info, name, dest_dir, max_file_bytes))
        return members


def _check_whole_archive(entries: list[zipfile.ZipInfo], *, max_entries: int, max_total_bytes: int) -> None:
    if any(info.flag_bits & 0x1 for info in entries):
        raise ArchiveError("the ZIP archive is password-protected; upload the files without a password")
    if len(entries) > max_entries:
        raise ArchiveError(f"the ZIP archive has {len(entries)} files; at most {max_entries} are allowed")
    total = sum(info.file_size for info in entries)
    if total > max_total_bytes:
        raise ArchiveError(
            f"the ZIP archive would unpack to {_megabytes(total)}; at most {_megabytes(max_total_bytes)} "
            "is allowed"
        )


def _entry_problem(info: zipfile.ZipInfo, *, max_ratio: float, max_file_bytes: int) -> str | None:
    raw_name = info.filename.replace("\\", "/")
    parts = PurePosixPath(raw_name).parts
    if raw_name.startswith("/") or (len(raw_name) > 1 and raw_name[1] == ":") or ".." in parts:
        return "unsafe path in the archive (absolute or containing '..'); the file was not extracted"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in the archive; the file was not extracted"
    if raw_name.lower().endswith(_NESTED_ARCHIVE_SUFFIXES):
        return "archives inside archives are not unpacked; upload that archive on its own"
    if info.file_size > max_file_bytes:
        return f"the file is {_megabytes(info.file_size)}; at most {_megabytes(max_file_bytes)} is allowed"
    if info.file_size and info.file_size / max(info.compress_size, 1) > max_ratio:
        return (
            f"the file is compressed {info.file_size // max(info.compress_size, 1)} to 1, more than the "
            f"{max_ratio:g} to 1 allowed (a possible ZIP bomb)"
        )
    return None


def _extract_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, dest_dir: Path, max_file_bytes: int
) -> Member:
    suffix = PurePosixPath(name).suffix.lower()
    if not suffix.isascii() or not suffix[1:].isalnum() or len(suffix) > 8:
        suffix = ""
    target = dest_dir / f"{uuid.uuid4().hex}{suffix}"
    written = 0
    try:
        with archive.open(info) as source, target.open("wb") as sink:
            while chunk := source.read(COPY_CHUNK_BYTES):
                written += len(chunk)
                # The listing's sizes are only claims; the cap on what is actually inflated is the real guard.
                if written > max_file_bytes:
                    raise _TooLarge
                sink.write(chunk)
    except _TooLarge:
        target.unlink(missing_ok=True)
        return Member(
            name, None, f"the file inflates past {_megabytes(max_file_bytes)}; it was not extracted"
        )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        target.unlink(missing_ok=True)
        return Member(name, None, f"the file is damaged inside the archive ({error})")
    if detect_type(target)[0] == "zip":
        # A nested archive under an innocent name ("cv.pdf"): found by content once it is out.
        target.unlink()
        return Member(name, None, "archives inside archives are not unpacked; upload that archive on its own")
    return Member(name, target, None)


class _TooLarge(Exception):
    pass


def _display_name(filename: str) -> str:
    return PurePosixPath(filename.replace("\\", "/")).name or filename


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
