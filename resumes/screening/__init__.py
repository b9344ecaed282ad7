"""Screening one resume: read the file (per format, with limits), parse its fields, score it.

``pipeline.screen`` is the entry point for jobs; the modules below it each do one step.
"""
