"""Serving an uploaded resume back to its owner, so that nothing in it can run in our origin.

The content type is the one detected from the file's bytes at intake, never the client's claim; the
file is always an attachment with a cleaned-up name; `nosniff` stops the browser from guessing a type,
and a sandboxing Content-Security-Policy keeps script from running even if the file is opened inline.
"""

import unicodedata

from django.http import FileResponse

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
}
EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "txt": ".txt", "png": ".png", "jpeg": ".jpg", "jpg": ".jpg"}
SANDBOX_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
MAX_NAME_LENGTH = 120


def has_original(resume):
    """True when the file was stored at intake (a rejected upload has nothing to give back)."""
    return bool(resume.file) and resume.file.storage.exists(resume.file.name)


def content_type(detected_type):
    """The MIME type for a type detected at intake; unknown types are plain bytes."""
    return CONTENT_TYPES.get(detected_type, "application/octet-stream")


def download_name(original_name, detected_type):
    """A file name safe in a Content-Disposition header, ending in the extension of the real type.

    Keeps letters, digits and a few separators (any script), drops quotes, slashes, control characters
    and the like, and bounds the length; a name left empty becomes "resume".
    """
    extension = EXTENSIONS.get(detected_type, "")
    stem = original_name
    if extension and stem.lower().endswith(extension):
        stem = stem[: -len(extension)]
    elif "." in stem:
        stem = stem.rsplit(".", 1)[0]
    kept = "".join(
        ch if unicodedata.category(ch)[0] in "LN" or ch in " -_.()" else "_"
        for ch in unicodedata.normalize("NFC", stem)
    )
    kept = " ".join(kept.split()).strip("._ ")[:MAX_NAME_LENGTH] or "resume"
    return kept + extension


def original_response(resume):
    """The stored file of `resume` as a download (the caller has checked it may be seen)."""
    response = FileResponse(
        resume.file.open("rb"),
        as_attachment=True,
        filename=download_name(resume.original_name, resume.detected_type),
        content_type=content_type(resume.detected_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response
