"""Screening one resume: read the file as a recruiter would, parse its fields, score it.

``pipeline.screen`` is the entry point for jobs. Reading: ``reader`` (the child process that reads
under limits), ``extract`` (per format), ``pdf`` and ``ocr`` (lines with positions and sizes),
``layout`` (reading order). Fields: ``names``, ``phones``, ``dates``, ``skills`` and ``parse``, which
puts them together. ``score`` rates the result against an opening; ``samples`` generates test resumes.
"""
