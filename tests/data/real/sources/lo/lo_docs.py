"""The LibreOffice resumes of the corpus, as flat ODT, each a fictional person.

Usage: python3 lo_docs.py DIR writes one DIR/NAME.fodt per resume (the .fodt files beside this script).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fodt import document, p, table  # noqa: E402 (after the path set-up)

DOCS = {}

# 1. Two-column table layout (sidebar left), Word-style.
side = (
    p("Title", "Aisha Bello")
    + p("Subtitle", "Senior Quantity Surveyor")
    + p("Heading 1", "Contact")
    + p("Standard", "(+44) 7700 900123")
    + p("Standard", "aisha.bello@example.co.uk")
    + p("Standard", "Flat 3, 22 Kingsland Road\nLondon E2 8DA")
    + p("Heading 1", "Skills")
    + p("Standard", "CostX\nNEC4 contracts\nAutoCAD\nMS Project\nExcel")
)
main = (
    p("Heading 1", "Profile")
    + p("Standard", "Chartered quantity surveyor (MRICS) with eleven years on rail and housing schemes.")
    + p("Heading 1", "Experience")
    + p("Heading 2", "Senior Quantity Surveyor")
    + p("Standard", "_Thameside Rail Partnership, London · Jan 2019 – Present_")
    + p("List Bullet", "• Cost control on a £140m station upgrade under NEC4.")
    + p("Heading 2", "Quantity Surveyor")
    + p("Standard", "_Harrow & Brent Homes, Wembley · Sep 2013 – Dec 2018_")
    + p("List Bullet", "• Valuations and final accounts for 900 homes.")
    + p("Heading 2", "Assistant Surveyor")
    + p("Standard", "_Kent Civils Ltd, Maidstone · Jul 2011 – Aug 2013_")
    + p("Heading 1", "Education")
    + p("Standard", "BSc Quantity Surveying, University of Greenwich, 2008 – 2011")
)
DOCS["docx_table_two_column_aisha"] = document(table([[side, main]]), colA="5.8cm", colB="11.2cm")

# 2. Contact details in the page header; headings in styles.
body = (
    p("Title", "Rajesh Kumar Iyer")
    + p("Subtitle", "Site Reliability Engineer")
    + p("Heading 1", "Summary")
    + p("Standard", "Nine years running payment platforms on Linux and Kubernetes.")
    + p("Heading 1", "Work Experience")
    + p("Heading 2", "Kaveri Payments Pvt. Ltd., Bengaluru\t2016 – present")
    + p("Standard", "**Lead SRE.** Kubernetes, Terraform, Prometheus; on-call rota for 60 engineers.")
    + p("Heading 2", "Deccan Telecom, Hyderabad\t2013 – 2016")
    + p("Standard", "**Linux Administrator.** Red Hat, Ansible, shell scripting.")
    + p("Heading 1", "Education")
    + p("Standard", "B.E. Computer Science, Anna University, Chennai (2009 – 2013)")
    + p("Heading 1", "Skills")
    + p("Standard", "Kubernetes · Terraform · Prometheus · Ansible · Go · Python")
)
DOCS["docx_header_contact_rajesh"] = document(
    body,
    header="Rajesh Kumar Iyer  |  +91 98765 43210  |  rajesh.k.iyer@mail-example.in  |  Bengaluru, India",
    footer="Page 1",
)

# 3. Tab-aligned dates on the right; one range split over two lines (title between).
body = (
    p("Title", "Emily Carter-Nguyen")
    + p("Standard", "San Francisco, CA · +1 415.555.0132 ext. 12 · emily.carternguyen@mail-example.com")
    + p("Heading 1", "Experience")
    + p("Job Line", "**Senior Product Manager**\tJune 2020 –")
    + p("Job Line", "Golden Gate Health, San Francisco\tPresent")
    + p("List Bullet", "• Owns the patient-scheduling product: roadmap, SQL analysis, A/B testing.")
    + p("Job Line", "**Product Manager**\tMarch 2017 – May 2020")
    + p("Job Line", "Bayview Software, Oakland\t")
    + p("List Bullet", "• Launched the Android and iOS apps; Jira and Amplitude.")
    + p("Job Line", "**Business Analyst**\tAugust 2014 – February 2017")
    + p("Job Line", "Presidio Consulting, San Francisco\t")
    + p("Heading 1", "Education")
    + p("Job Line", "**MBA**, UC Berkeley Haas\t2012 – 2014")
    + p("Heading 1", "Skills")
    + p("Standard", "Product strategy, SQL, A/B testing, Jira, Amplitude, Figma")
)
DOCS["docx_tab_dates_emily"] = document(body)

# 4. Dates in a table column of their own (narrow, so a range wraps).
rows = [
    [
        p("Standard", "12/2021 –\nPresent"),
        p(
            "Standard",
            "**Responsable logistique**, Atlas Froid SARL, Casablanca\nWMS SAP EWM, Power BI; équipe de 14.",
        ),
    ],
    [
        p("Standard", "03/2019 – 11/2021"),
        p(
            "Standard",
            "**Supply Chain Analyst**, Maghreb Distribution, Rabat\nPrévisions sous Excel et Python.",
        ),
    ],
    [p("Standard", "09/2016 – 02/2019"), p("Standard", "**Acheteuse junior**, Textiles Fès Nord, Fès")],
]
edu = [
    [
        p("Standard", "2011 – 2016"),
        p("Standard", "Diplôme d'ingénieur, génie industriel, École Mohammadia d'Ingénieurs, Rabat"),
    ]
]
body = (
    p("Title", "Fatima Zahra El Amrani")
    + p("Standard", "Casablanca, Maroc · +212 6 12 34 56 78 · fz.elamrani@courriel-exemple.ma")
    + p("Heading 1", "Expérience professionnelle")
    + table(rows, ("CellDate", "CellMain"))
    + p("Heading 1", "Formation")
    + table(edu, ("CellDate", "CellMain"))
    + p("Heading 1", "Compétences")
    + p("Standard", "SAP EWM, Power BI, Python, Excel, Lean Six Sigma")
)
DOCS["docx_dates_column_fatima"] = document(body, colA="2.6cm", colB="14.4cm")

# 5. Small-caps name; phone hyphens are U+2011 (non-breaking hyphen); em dashes in the dates.
body = (
    p("Title", "{sc:Lukáš Novák}")
    + p("Standard", "Vinohradská 12, 120 00 Praha 2 · Mobil: +420 601‑234‑567 · lukas.novak@posta-priklad.cz")
    + p("Heading 1", "Pracovní zkušenosti")
    + p("Job Line", "**Vedoucí vývoje**, Vltava Software s.r.o., Praha\t2016—současnost")
    + p("List Bullet", "• C#, .NET, Azure, Microsoft SQL Server; tým sedmi vývojářů.")
    + p("Job Line", "**Programátor**, Brno Systems a.s., Brno\t2011—2016")
    + p("Heading 1", "Vzdělání")
    + p("Job Line", "Ing., informatika, ČVUT v Praze\t2006—2011")
    + p("Heading 1", "Dovednosti")
    + p("Standard", "C#, .NET, Azure, SQL Server, Angular")
)
DOCS["docx_smallcaps_lukas"] = document(body, titlesize="24pt")

# 6. A "Curriculum Vitae" title line first; the name below it in a larger style.
body = (
    p("Subtitle", "CURRICULUM VITAE")
    + p("Title", "Sofía Ramírez Beltrán")
    + p(
        "Standard",
        "Buenos Aires, Argentina\nCelular: +54 9 11 2345-6789\nsofia.ramirez.b@correo-ejemplo.com.ar",
    )
    + p("Heading 1", "Experiencia laboral")
    + p("Heading 2", "Contadora senior — Estudio Paraná & Asociados\tMarch 2018 – Present")
    + p("Standard", "Auditoría impositiva, Tango Gestión, Excel avanzado.")
    + p("Heading 2", "Analista contable — Frigorífico del Plata S.A.\tFebruary 2014 – February 2018")
    + p("Heading 1", "Educación")
    + p("Heading 2", "Contadora Pública, Universidad de Buenos Aires\t2008 – 2013")
    + p("Heading 1", "Premios")
    + p("Standard", "Premio al mejor promedio, Consejo Profesional de Ciencias Económicas, 2013")
    + p("Heading 1", "Habilidades")
    + p("Standard", "Tango Gestión, Excel, SAP FI, auditoría")
)
DOCS["docx_cv_title_sofia"] = document(body, font="Liberation Serif", titlesize="26pt")

# 7. DOCX printed to PDF by LibreOffice; seasons as dates.
body = (
    p("Title", "Grace Wanjiru Mwangi")
    + p("Standard", "Nairobi, Kenya | +254 712 345 678 | grace.mwangi@barua-mfano.co.ke")
    + p("Heading 1", "Experience")
    + p("Job Line", "**Data Scientist**, Savannah Agritech, Nairobi\tJan 2024 – Present")
    + p("List Bullet", "• Crop-yield models in Python (scikit-learn, XGBoost) from satellite data.")
    + p("Job Line", "**Data Science Intern**, Rift Valley Insurance, Nakuru\tSummer 2022 – Fall 2023")
    + p("List Bullet", "• Claims fraud scoring in R and SQL.")
    + p("Heading 1", "Education")
    + p("Job Line", "BSc Mathematics and Computer Science, JKUAT\t2019 – 2023")
    + p("Heading 1", "Projects")
    + p("Job Line", "**Matatu route planner** (Python, OSM)\t2021 – 2022")
    + p("Heading 1", "Skills")
    + p("Standard", "Python, R, SQL, scikit-learn, XGBoost, Tableau")
)
DOCS["lo_docx_pdf_grace"] = document(body)

# 8. ODT printed to PDF by LibreOffice; a recruitment agency's number in the footer.
body = (
    p("Title", "Pieter de Vries")
    + p(
        "Standard",
        "Keizersgracht 221, 1016 DV Amsterdam\nTel: +31 (0)6 12345678\n"
        "E-mail: pieter.devries@post-voorbeeld.nl",
    )
    + p("Heading 1", "Werkervaring")
    + p("Job Line", "**Senior Java-ontwikkelaar**, Grachtenbank N.V., Amsterdam\tmei 2018 – heden")
    + p("List Bullet", "• Java 17, Spring Boot, Kafka, Oracle.")
    + p("Job Line", "**Java-ontwikkelaar**, Polder IT B.V., Utrecht\tsep. 2012 – apr. 2018")
    + p("Heading 1", "Opleiding")
    + p("Job Line", "MSc Informatica, Universiteit van Amsterdam\t2008 – 2012")
    + p("Heading 1", "Vaardigheden")
    + p("Standard", "Java, Spring Boot, Kafka, Oracle, Docker")
)
DOCS["lo_odt_pdf_pieter"] = document(
    body,
    footer="Voorgesteld door Tulpen Werving & Selectie B.V. · Tel. +31 20 555 0100 · "
    "info@tulpenwerving.example.nl",
)

# 9. Source of a scanned PDF (printed, then scanned): a plain Word-style resume.
body = (
    p("Title", "Robert Kwame Mensah")
    + p("Standard", "P.O. Box AN 1234, Accra North, Ghana")
    + p("Standard", "Phone: +233 24 123 4567    Email: robert.mensah@example.com.gh")
    + p("Heading 1", "Work Experience")
    + p("Job Line", "**Electrical Supervisor**, Volta Grid Services Ltd, Accra\tApril 2017 – Present")
    + p("List Bullet", "• Substation maintenance, AutoCAD Electrical drawings, team of 12 technicians.")
    + p("Job Line", "**Electrical Technician**, Tema Steel Works, Tema\tJanuary 2011 – March 2017")
    + p("Heading 1", "Education")
    + p("Job Line", "HND Electrical Engineering, Accra Technical University\t2008 – 2010")
    + p("Heading 1", "Skills")
    + p("Standard", "AutoCAD Electrical, PLC programming, SCADA, MS Excel")
)
DOCS["scan_src_robert"] = document(body, font="Liberation Serif")

if __name__ == "__main__":
    out = sys.argv[1]
    for name, xml in DOCS.items():
        with open(f"{out}/{name}.fodt", "w", encoding="utf-8") as f:
            f.write(xml)
