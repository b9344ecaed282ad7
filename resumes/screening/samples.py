"""Generate realistic sample resumes, with an answer key, for demos, tests and benchmarks.

The layouts are the ones that trouble real screening: a one-column PDF, a two-column PDF (a sidebar with
contact details and skills beside the experience), a DOCX with the contact details in the page header
and the skills in a table, and plain text files, some in Latin-1 (cp1252). The same seed always writes
the same files and the same answer key.
"""

import json
import random
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# What "Present" means in the samples, so that the answer key's years never change.
REFERENCE_DATE = date(2025, 6, 1)

FORMATS = ("pdf_one_column", "pdf_two_column", "docx", "txt_utf8", "txt_latin1")

FIRST_NAMES = [
    "Amelia", "Oliver", "Priya", "Mateo", "Chloé", "Jonas", "Aisha", "Liam", "Sofia", "Noah", "Zoë",
    "Hiroshi", "Fatima", "Lucas", "Ingrid", "Kwame", "Elena", "Tomás", "Grace", "Rahul",
]  # fmt: skip
LAST_NAMES = [
    "Thompson", "Müller", "Okafor", "García", "Nakamura", "Kowalski", "Dubois", "Andersson", "Patel",
    "O'Brien", "Rossi", "Fernández", "Novak", "Lindqvist", "Mensah", "Schneider", "Moreau", "Brennan",
]  # fmt: skip

# (canonical skill, the ways a resume may write it)
SKILL_POOL = [
    ("Python", ["Python"]), ("JavaScript", ["JavaScript", "JS"]), ("TypeScript", ["TypeScript"]),
    ("PostgreSQL", ["PostgreSQL", "Postgres"]), ("Kubernetes", ["Kubernetes", "k8s", "Kubernetis"]),
    ("React", ["React", "ReactJS", "React.js"]), ("Node.js", ["Node.js", "NodeJS"]), ("C++", ["C++"]),
    ("C#", ["C#"]), (".NET", [".NET"]), ("Go", ["Go", "Golang"]), ("Django", ["Django"]),
    ("Docker", ["Docker"]), ("Amazon Web Services", ["AWS", "Amazon Web Services"]),
    ("Terraform", ["Terraform"]), ("Redis", ["Redis"]), ("Git", ["Git"]), ("Linux", ["Linux"]),
    ("Java", ["Java"]), ("Spring Boot", ["Spring Boot"]), ("SQL", ["SQL"]),
    ("Machine Learning", ["Machine Learning"]), ("pandas", ["pandas"]), ("scikit-learn", ["scikit-learn"]),
    ("TensorFlow", ["TensorFlow"]), ("Apache Kafka", ["Kafka", "Apache Kafka"]), ("GraphQL", ["GraphQL"]),
    ("REST APIs", ["REST APIs", "RESTful APIs"]), ("CI/CD", ["CI/CD"]), ("Jenkins", ["Jenkins"]),
    ("Agile", ["Agile"]), ("Scrum", ["Scrum"]), ("Microsoft Azure", ["Azure"]),
    ("Google Cloud Platform", ["GCP", "Google Cloud"]), ("MongoDB", ["MongoDB"]), ("MySQL", ["MySQL"]),
    ("Ruby on Rails", ["Ruby on Rails"]), ("Rust", ["Rust"]), ("Scala", ["Scala"]), ("Tableau", ["Tableau"]),
    ("Power BI", ["Power BI"]), ("Microsoft Excel", ["Excel", "Microsoft Excel"]), ("Flask", ["Flask"]),
    ("FastAPI", ["FastAPI"]), ("Elasticsearch", ["Elasticsearch"]), ("Ansible", ["Ansible"]),
]  # fmt: skip

TITLES = [
    "Software Engineer", "Senior Software Engineer", "Backend Developer", "Full Stack Developer",
    "Platform Engineer", "Data Analyst", "Lead Developer", "Software Developer", "Staff Engineer",
]  # fmt: skip
COMPANIES = [
    "Northwind Traders", "Globex Corporation", "Initech", "Contoso Ltd", "Fabrikam Inc", "Tailspin Toys",
    "Wide World Importers", "Vandelay Industries", "Hooli", "Soylent Foods", "Wayne Enterprises",
    "Umbrella Health", "Blue Yonder Airlines", "Litware Inc",
]  # fmt: skip
CITIES = ["London", "Berlin", "Austin, TX", "Sydney", "Toronto", "Lisbon", "Dublin", "Lagos"]
NANP_CITIES = {"Austin, TX", "Toronto"}
UNIVERSITIES = ["University of Leeds", "TU Munich", "University of Toronto", "Universidad de Chile"]
DEGREES = ["BSc Computer Science", "MSc Software Systems", "BEng Electronic Engineering", "BA Mathematics"]

# Sentences that name no skill, so the answer key's skills are exactly the ones placed on purpose.
PLAIN_BULLETS = [
    "Cut page load time by 40% by reworking how the product pages were assembled.",
    "Worked with product owners to turn customer interviews into a quarterly roadmap.",
    "Reduced on-call pages by half through better alert thresholds and runbooks.",
    "Onboarded six new hires and wrote the team's first engineering handbook.",
    "Led the migration of the billing platform with no customer-facing downtime.",
    "Introduced code review guidelines adopted by four other teams.",
    "Designed the reporting pipeline used by finance for month-end close.",
    "Worked closely with designers to ship a redesigned checkout flow.",
    "Owned the incident review process and tracked follow-up actions to completion.",
    "Improved test coverage of the core services from 35% to 80%.",
]
SKILL_BULLETS = [
    "Built and maintained internal services in {a}, handling two million requests a day.",
    "Moved the deployment of the order system to {a}, cutting release time from hours to minutes.",
    "Developed reporting features with {a} and {b} for the finance team.",
    "Rewrote the search backend using {a}, which halved response times.",
]
SUMMARIES = [
    "Engineer who enjoys turning vague problems into dependable software, with a focus on reliability.",
    "Pragmatic developer with a background in e-commerce platforms for retailers.",
    "Developer who likes small teams, clear goals and shipping often.",
]

PHONE_STYLES = ["uk", "us_intl", "de", "us_local", "au", "uk_00"]
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class _Job:
    title: str
    company: str
    city: str
    start: int  # month number: year * 12 + month - 1
    end: int | None  # None: ongoing
    bullets: list[str]
    year_only: bool = False


@dataclass
class _Resume:
    name: str
    email: str
    phone_display: str
    phone: str
    links: list[str]
    skills_display: list[str]
    skills: list[str]
    jobs: list[_Job]
    education: tuple[str, str, int, int]
    summary: str
    headline: str


def write_samples(
    dest_dir: str | Path, count: int = 12, seed: int = 0, today: date = REFERENCE_DATE
) -> list[dict]:
    """Write ``count`` sample resumes into ``dest_dir`` and return their answer key.

    Formats rotate through ``FORMATS``. Each answer is ``{"filename", "name", "email", "phone", "skills",
    "years", "today"}`` (``skills`` canonical and sorted; ``today`` is the date "Present" stands for);
    the list is also written to ``answer_key.json``.
    """
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    answers = []
    for number in range(count):
        layout = FORMATS[number % len(FORMATS)]
        resume = _make_resume(rng, today, latin1_safe=layout.startswith("pdf") or layout == "txt_latin1")
        suffix = {"pdf_one_column": "pdf", "pdf_two_column": "pdf", "docx": "docx"}.get(layout, "txt")
        filename = f"{number + 1:03d}-{_slug(resume.name)}-{layout.replace('_', '-')}.{suffix}"
        WRITERS[layout](resume, dest_dir / filename, today)
        answers.append(
            {
                "filename": filename,
                "layout": layout,
                "name": resume.name,
                "email": resume.email,
                "phone": resume.phone,
                "skills": sorted(resume.skills),
                "years": _years(resume.jobs, today),
                "today": today.isoformat(),
            }
        )
    (dest_dir / "answer_key.json").write_text(json.dumps(answers, indent=2, ensure_ascii=False) + "\n")
    return answers


def _make_resume(rng: random.Random, today: date, *, latin1_safe: bool) -> _Resume:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if latin1_safe:
        first, last = _latin1(first), _latin1(last)
    name = f"{first} {last}"
    email = f"{_ascii(first).lower()}.{_ascii(last).lower().replace(chr(39), '')}@example.com"
    phone_display, phone = _phone(rng)
    handle = _slug(name)
    links = [f"linkedin.com/in/{handle}", f"https://github.com/{handle.replace('-', '')}"]
    picked = rng.sample(SKILL_POOL, rng.randint(6, 10))
    skills = [canonical for canonical, _ in picked]
    skills_display = [rng.choice(forms) for _, forms in picked]
    jobs = _make_jobs(rng, today, skills_display)
    graduation = jobs[-1].start // 12
    education = (rng.choice(DEGREES), rng.choice(UNIVERSITIES), graduation - rng.choice([3, 4]), graduation)
    if not phone.startswith("+") and jobs[0].city in NANP_CITIES:
        phone = f"+1{phone}"  # the contact block's address tells the country: E.164
    return _Resume(
        name=name,
        email=email,
        phone_display=phone_display,
        phone=phone,
        links=links,
        skills_display=skills_display,
        skills=skills,
        jobs=jobs,
        education=education,
        summary=rng.choice(SUMMARIES),
        headline=rng.choice(TITLES),
    )


def _make_jobs(rng: random.Random, today: date, skills_display: list[str]) -> list[_Job]:
    """Most recent first, as resumes list them; sometimes a side job overlaps another."""
    now = today.year * 12 + today.month - 1
    jobs = []
    end: int | None = None if rng.random() < 0.6 else now - rng.randint(1, 8)
    cursor = now if end is None else end
    for position in range(rng.randint(4, 6)):
        length = rng.randint(10, 40)
        start = cursor - length
        bullets = rng.sample(PLAIN_BULLETS, rng.randint(4, 5))
        a, b = rng.sample(skills_display, 2)
        bullets.insert(rng.randint(0, len(bullets)), rng.choice(SKILL_BULLETS).format(a=a, b=b))
        # Older jobs are sometimes written with years only ("2012 - 2015").
        year_only = position >= 2 and rng.random() < 0.5
        if year_only:
            start = start - start % 12
            end_value = max(end - end % 12, start + 12) if end is not None else None
        else:
            end_value = end
        jobs.append(
            _Job(
                rng.choice(TITLES),
                rng.choice(COMPANIES),
                rng.choice(CITIES),
                start,
                end_value,
                bullets,
                year_only,
            )
        )
        gap = rng.choice([0, 0, 1, 2, 4])
        end = start - gap
        cursor = end
    if rng.random() < 0.4:
        # A freelance job overlapping the most recent position: years must not count it twice.
        main = jobs[0]
        side_start = main.start + rng.randint(2, 8)
        side_end = side_start + rng.randint(4, 12)
        if side_end < (now if main.end is None else main.end):
            jobs.insert(
                1,
                _Job(
                    "Freelance Developer",
                    "Self-employed",
                    jobs[0].city,
                    side_start,
                    side_end,
                    rng.sample(PLAIN_BULLETS, 2),
                ),
            )
    return jobs


def _years(jobs: list[_Job], today: date) -> float:
    """Total years, overlaps merged, counted as parse.py documents (month ranges include both ends)."""
    now = today.year * 12 + today.month
    spans = []
    for job in jobs:
        if job.year_only:
            end = now if job.end is None else job.end
        else:
            end = now if job.end is None else job.end + 1
        spans.append((job.start, min(end, now)))
    months, current = 0, None
    for start, end in sorted(spans):
        if current is None or start > current[1]:
            if current:
                months += current[1] - current[0]
            current = [start, end]
        else:
            current[1] = max(current[1], end)
    if current:
        months += current[1] - current[0]
    return round(months / 12, 1)


def _date_range(job: _Job, style: int, dash: str) -> str:
    def point(month_number: int) -> str:
        year, month = divmod(month_number, 12)
        if job.year_only:
            return str(year)
        if style == 0:
            return f"{MONTH_ABBREVIATIONS[month]} {year}"
        if style == 1:
            return f"{month + 1:02d}/{year}"
        return f"{MONTH_NAMES[month]} {year}"

    end = "Present" if job.end is None else point(job.end)
    return f"{point(job.start)} {dash} {end}"


def _phone(rng: random.Random) -> tuple[str, str]:
    style = rng.choice(PHONE_STYLES)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(4))
    if style == "uk":
        return f"+44 20 7946 {digits}", f"+44207946{digits}"
    if style == "uk_00":
        return f"0044 20 7946 {digits}", f"+44207946{digits}"
    if style == "us_intl":
        return f"+1 (415) 555-{digits}", f"+1415555{digits}"
    if style == "de":
        return f"+49 (0)30 901{digits}", f"+4930901{digits}"
    if style == "au":
        return f"+61 412 345 {digits[:3]}", f"+61412345{digits[:3]}"
    return f"(415) 555-{digits}", f"415555{digits}"


def _slug(name: str) -> str:
    return "-".join(_ascii(name).lower().replace("'", "").split())


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _latin1(text: str) -> str:
    # PDF core fonts and Latin-1 files cannot hold every name ("Zoë" can, some others cannot).
    return text if text.encode("latin-1", "ignore").decode("latin-1") == text else _ascii(text)


def _plain_text(resume: _Resume, today: date, dash: str) -> str:
    lines = [resume.name, resume.headline, f"{resume.email} | {resume.phone_display} | {resume.jobs[0].city}"]
    lines += ["  ".join(resume.links), "", "Summary", resume.summary, "", "Experience"]
    for index, job in enumerate(resume.jobs):
        lines.append(f"{job.title}, {job.company} ({job.city})")
        lines.append(_date_range(job, index % 3, dash))
        lines += [f"- {bullet}" for bullet in job.bullets]
        lines.append("")
    degree, school, start, end = resume.education
    lines += ["Education", f"{degree}, {school}", f"{start} {dash} {end}", "", "Skills"]
    lines.append(", ".join(resume.skills_display))
    return "\n".join(lines) + "\n"


def _write_txt_utf8(resume: _Resume, path: Path, today: date) -> None:
    path.write_text(_plain_text(resume, today, "–"), encoding="utf-8")


def _write_txt_latin1(resume: _Resume, path: Path, today: date) -> None:
    # cp1252 has the en dash (0x96), so these files are never plain ASCII and never valid UTF-8.
    path.write_bytes(_plain_text(resume, today, "–").encode("cp1252"))


def _write_pdf_one_column(resume: _Resume, path: Path, today: date) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 11, resume.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 7, resume.headline, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    contact = f"{resume.email}  |  {resume.phone_display}  |  {resume.jobs[0].city}"
    pdf.cell(0, 6, contact, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 6, "   ".join(resume.links), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _pdf_section(pdf, "Summary")
    pdf.multi_cell(0, 5, resume.summary, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _pdf_section(pdf, "Experience")
    _pdf_jobs(pdf, resume, width=0)
    _pdf_education(pdf, resume, width=0)
    _pdf_section(pdf, "Skills")
    pdf.multi_cell(0, 5, ", ".join(resume.skills_display), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))


def _write_pdf_two_column(resume: _Resume, path: Path, today: date) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    # A dark banner with the name in white: white text that is visible, so not "hidden text".
    pdf.set_fill_color(35, 45, 70)
    pdf.rect(0, 0, 210, 32, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(10, 8)
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 10, resume.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 7, resume.headline, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    # Sidebar: contact details and skills.
    top = 40
    pdf.set_xy(10, top)
    sidebar = 55
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(sidebar, 7, "Contact", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 9)
    for line in [resume.email, resume.phone_display, resume.jobs[0].city, *resume.links]:
        pdf.multi_cell(sidebar, 5, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(sidebar, 7, "Skills", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 9)
    for skill in resume.skills_display:
        pdf.cell(sidebar, 5, skill, new_x=XPos.LEFT, new_y=YPos.NEXT)
    # Main column: experience, flowing onto the second page at the same left margin.
    pdf.set_left_margin(75)
    pdf.set_xy(75, top)
    _pdf_section(pdf, "Experience", first=True)
    _pdf_jobs(pdf, resume, width=0)
    _pdf_section(pdf, "Summary")
    pdf.multi_cell(0, 5, resume.summary, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _pdf_education(pdf, resume, width=0)
    pdf.output(str(path))


def _pdf_section(pdf, title: str, first: bool = False) -> None:
    from fpdf.enums import XPos, YPos

    if not first:
        pdf.ln(4)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)


def _pdf_jobs(pdf, resume: _Resume, width: float) -> None:
    from fpdf.enums import XPos, YPos

    for index, job in enumerate(resume.jobs):
        pdf.set_font("Helvetica", "B", 10.5)
        pdf.multi_cell(
            width, 5.5, f"{job.title}, {job.company} ({job.city})", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_font("Helvetica", "I", 9.5)
        pdf.cell(width, 5, _date_range(job, index % 3, "-"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 10)
        for bullet in job.bullets:
            pdf.multi_cell(width, 5, f"- {bullet}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.5)


def _pdf_education(pdf, resume: _Resume, width: float) -> None:
    from fpdf.enums import XPos, YPos

    _pdf_section(pdf, "Education")
    degree, school, start, end = resume.education
    pdf.multi_cell(width, 5, f"{degree}, {school}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(width, 5, f"{start} - {end}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _write_docx(resume: _Resume, path: Path, today: date) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    header = document.sections[0].header
    # Contact details in the page header: python-docx's document.paragraphs would never see them.
    header.paragraphs[0].text = resume.name
    header.paragraphs[0].runs[0].font.size = Pt(18)
    header.add_paragraph(f"{resume.email} | {resume.phone_display} | {resume.jobs[0].city}")
    header.add_paragraph("  ".join(resume.links))
    document.add_paragraph(resume.headline)
    document.add_heading("Summary", level=1)
    document.add_paragraph(resume.summary)
    document.add_heading("Experience", level=1)
    for index, job in enumerate(resume.jobs):
        document.add_heading(f"{job.title}, {job.company} ({job.city})", level=2)
        document.add_paragraph(_date_range(job, index % 3, "–"))
        for bullet in job.bullets:
            document.add_paragraph(bullet, style="List Bullet")
    document.add_heading("Education", level=1)
    degree, school, start, end = resume.education
    document.add_paragraph(f"{degree}, {school}")
    document.add_paragraph(f"{start} – {end}")
    document.add_heading("Skills", level=1)
    columns = 3
    rows = -(-len(resume.skills_display) // columns)
    table = document.add_table(rows=rows, cols=columns)
    for index, skill in enumerate(resume.skills_display):
        table.cell(index // columns, index % columns).text = skill
    document.save(str(path))


WRITERS = {
    "pdf_one_column": _write_pdf_one_column,
    "pdf_two_column": _write_pdf_two_column,
    "docx": _write_docx,
    "txt_utf8": _write_txt_utf8,
    "txt_latin1": _write_txt_latin1,
}
