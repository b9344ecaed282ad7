"""Turn an upload into a batch: store each file, detect its type by content, expand ZIPs.

Nothing is dropped silently: a file that cannot be screened becomes a failed resume with its reason.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.core.files import File
from django.db import transaction

from . import limits
from .archive import ArchiveError, expand_zip
from .filetypes import detect_type
from .models import Batch, Resume

DISPLAY_NAME_LENGTH = 255


def display_name(name):
    """The client's file name, made safe to keep: no path, no control characters, bounded length."""
    name = os.path.basename(str(name).replace("\\", "/")) or "unnamed"
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:DISPLAY_NAME_LENGTH] or "unnamed"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Intake:
    """Collects the resumes of one upload before they are saved."""

    def __init__(self, batch, workdir):
        self.batch = batch
        self.workdir = Path(workdir)
        self.resumes = []

    def reject(self, name, error, size=0):
        self.resumes.append(
            Resume(batch=self.batch, original_name=display_name(name), status=Resume.Status.FAILED,
                   error=error, size=size)
        )  # fmt: skip

    def add_path(self, name, path, from_archive=False):
        size = path.stat().st_size
        if size == 0:
            return self.reject(name, "The file is empty.")
        if size > limits.get("RESUME_MAX_FILE_BYTES"):
            limit = limits.describe_size(limits.get("RESUME_MAX_FILE_BYTES"))
            return self.reject(name, f"The file is larger than {limit}.", size)
        kind, reason = detect_type(path)
        if kind == "zip":
            if from_archive:
                return self.reject(name, "ZIP files inside a ZIP are not read.", size)
            return self.add_archive(name, path)
        if kind is None:
            return self.reject(name, reason, size)
        resume = Resume(batch=self.batch, original_name=display_name(name), size=size, detected_type=kind)
        resume.sha256 = sha256_of(path)
        resume._source = path
        self.resumes.append(resume)

    def add_archive(self, name, path):
        dest = Path(tempfile.mkdtemp(dir=self.workdir))
        try:
            members = expand_zip(
                path,
                dest,
                max_entries=limits.get("RESUME_ZIP_MAX_ENTRIES"),
                max_total_bytes=limits.get("RESUME_ZIP_MAX_TOTAL_BYTES"),
                max_ratio=limits.get("RESUME_ZIP_MAX_RATIO"),
                max_file_bytes=limits.get("RESUME_MAX_FILE_BYTES"),
            )
        except ArchiveError as error:
            return self.reject(name, error.reason, path.stat().st_size)
        if not members:
            return self.reject(name, "The ZIP file holds no files.")
        for member in members:
            if member.error:
                self.reject(member.name, member.error)
            else:
                self.add_path(member.name, member.path, from_archive=True)


def create_batch(owner, opening, uploads):
    """Create a batch from uploaded files (Django UploadedFile objects); return it with its resumes.

    Accepted files are stored under generated names and queued; the others are saved as failed
    resumes with their reason, and counted as done.
    """
    batch = Batch(owner=owner, opening=opening)
    with tempfile.TemporaryDirectory() as workdir:
        intake = Intake(batch, workdir)
        for upload in uploads:
            path = Path(tempfile.mkstemp(dir=workdir)[1])
            with open(path, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            intake.add_path(upload.name, path)
        failed = sum(1 for r in intake.resumes if r.status == Resume.Status.FAILED)
        batch.total = len(intake.resumes)
        batch.completed = batch.failed = failed
        with transaction.atomic():
            batch.save()
            for resume in intake.resumes:
                source = getattr(resume, "_source", None)
                if source is not None:
                    with open(source, "rb") as handle:
                        resume.file.save("upload", File(handle), save=False)
                resume.save()
    return batch, intake.resumes
