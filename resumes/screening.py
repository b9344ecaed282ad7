"""Screen one stored resume against its batch's opening: extract, parse, score."""

import dataclasses

from . import limits
from .extract import extract_text_limited
from .parse import parse_resume
from .score import score_resume


def screen(resume):
    """Fill `resume`'s text, parsed fields, score, flags and explanation (not saved).

    Raises ExtractionError when the file cannot be read; its `reason` is for the user.
    """
    extraction = extract_text_limited(
        resume.file.path,
        resume.detected_type,
        timeout_seconds=limits.get("RESUME_EXTRACT_TIMEOUT_SECONDS"),
        memory_bytes=limits.get("RESUME_EXTRACT_MEMORY_BYTES"),
    )
    # "Present" means the day the batch was uploaded, so a file always gets the same score in a batch.
    parsed = parse_resume(extraction.text, today=resume.batch.created.date())
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
