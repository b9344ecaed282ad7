"""Where in a resume's text each matched skill was found, for the candidate page's highlights.

Screening keeps, per matched skill, an evidence snippet: the words around the match on one line, with
"…" where it was cut (in `parsed["skills"]` and in the explanation's "- skill: "snippet"" lines). Here
each snippet is found again in the extracted text, and the skill itself is marked inside it (the whole
snippet when the resume spelled the skill another way, e.g. an alias or a typo).
"""

import re

EXPLANATION_LINE = re.compile(r'^\s*- (?P<skill>.+?): "(?P<snippet>.*)"\s*$')


def evidence_of(resume):
    """{matched skill: evidence snippet} for `resume`, for the skills that have one."""
    found = {}
    for line in (resume.explanation or "").splitlines():
        match = EXPLANATION_LINE.match(line)
        if match:
            found[match["skill"]] = match["snippet"]
    skills = resume.parsed.get("skills") if isinstance(resume.parsed, dict) else None
    if isinstance(skills, dict):
        for skill, snippet in skills.items():
            if isinstance(snippet, str):
                found.setdefault(skill, snippet)
    return {skill: found[skill] for skill in resume.matched_skills if found.get(skill)}


def _snippet_span(text, snippet):
    words = snippet.strip("…").split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return match.span() if match else None


def _skill_span(text, skill, start, end):
    words = [re.escape(word) for word in skill.split()]
    pattern = r"(?<![\w+#])" + r"[\s\-/]*".join(words) + r"(?![\w+#])"
    match = re.compile(pattern, re.IGNORECASE).search(text, start, end)
    return match.span() if match else (start, end)


def highlight(text, evidence):
    """`text` cut into (part, skill) pairs: `skill` names the matched skill a part is evidence of, or is
    None. Joined, the parts are `text` unchanged; overlapping evidence is marked once, first come."""
    spans = []
    for skill, snippet in evidence.items():
        span = _snippet_span(text, snippet)
        if span is not None:
            spans.append((*_skill_span(text, skill, *span), skill))
    parts, position = [], 0
    for start, end, skill in sorted(spans):
        if start < position:
            continue
        if start > position:
            parts.append((text[position:start], None))
        parts.append((text[start:end], skill))
        position = end
    if position < len(text):
        parts.append((text[position:], None))
    return parts
