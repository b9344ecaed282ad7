"""Screen one stored resume against its batch's opening: extract, parse, score."""

import dataclasses
import tempfile
from pathlib import Path

from .. import limits
from ..filetypes import detect_type
from . import ocr
from .extract import extract_text
from .parse import parse_resume
from .reader import Reader
from .samples import FORMATS, write_samples
from .score import score_resume

_warm = False
_shared_reader: Reader | None = None


def warm_up():
    """Run the whole pipeline once, in this process, on generated samples of every layout.

    The readers fill caches and import modules on first use (PDFium's, Tesseract's, the skills index).
    Files are read in a forked child (``reader.py``) that gives nothing back, so without this every
    child paid for a cold start (measured with the earlier pdfminer reader: 175 ms per two-page PDF
    instead of about 40). Forks of a warmed process start warm, so the child is started after. The
    samples are our own files, safe to read without limits.
    """
    global _warm
    with tempfile.TemporaryDirectory() as folder:
        for answer in write_samples(folder, count=len(FORMATS), seed=0):
            path = Path(folder) / answer["filename"]
            extraction = extract_text(path, detect_type(path)[0])
            parsed = parse_resume(extraction.text, lines=extraction.lines)
            score_resume(
                parsed, required_skills=["Python"], preferred_skills=["Docker"], min_years=1, flags=[]
            )
    ocr.tesseract()  # loading the engine costs 50-90 ms; forks of this process share it
    _warm = True
    _reader()


def _reader() -> Reader:
    """This process's reading child for the current memory limit (a new one when the limit changes)."""
    global _shared_reader
    memory_bytes = limits.get("RESUME_EXTRACT_MEMORY_BYTES")
    if _shared_reader is None or _shared_reader.memory_bytes != memory_bytes:
        if _shared_reader is not None:
            _shared_reader.close()
        _shared_reader = Reader(memory_bytes, extract_text)
    return _shared_reader


def screen(resume):
    """Fill `resume`'s text, parsed fields, score, flags and explanation (not saved).

    Raises ExtractionError when the file cannot be read; its `reason` is for the user.
    """
    if not _warm:
        warm_up()
    extraction = _reader().read(
        resume.file.path, resume.detected_type, limits.get("RESUME_EXTRACT_TIMEOUT_SECONDS")
    )
    # "Present" means the day the batch was uploaded, so a file always gets the same score in a batch.
    parsed = parse_resume(extraction.text, today=resume.batch.created.date(), lines=extraction.lines)
    opening = resume.batch.opening
    result = score_resume(
        parsed,
        required_skills=opening.required_skills,
        preferred_skills=opening.preferred_skills,
        min_years=opening.min_years,
        flags=extraction.flags,
    )
    resume.text = extraction.text
    resume.parsed = {k: v for k, v in dataclasses.asdict(parsed).items() if k != "text"}
    resume.score = result.score
    resume.matched_skills = result.matched_skills
    resume.missing_skills = result.missing_skills
    resume.flags = result.flags
    resume.explanation = result.explanation
