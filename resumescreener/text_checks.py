"""Text that can be stored and shown again: checked where it comes in, never stored when it cannot be.

A lone surrogate (which JSON's `\\udfff` escape can carry) cannot be encoded as UTF-8, so every page that
rendered it would fail; a NUL is refused by PostgreSQL. Neither is ever part of a real title or skill.
"""


def text_problem(text):
    """Why `text` cannot be stored and shown, as a short phrase, or None when it can."""
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (\\ud800-\\udfff), which is not text"
    return None
