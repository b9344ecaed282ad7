"""Writes a flat ODT (FODT) with real Writer styles: Title, headings, a right tab stop, header, footer.

The styles and page layout are in fodt_template.xml beside this file; lo_docs.py holds the resumes.
"""

import re
from pathlib import Path
from xml.sax.saxutils import escape as x

HEAD = (Path(__file__).parent / "fodt_template.xml").read_text(encoding="utf-8")
TAIL = "</office:text></office:body></office:document>\n"
MARKUP = re.compile(r"(\*\*.+?\*\*|_.+?_|\{sc:.+?\}|\t|\n)")


def inline(s):
    """Paragraph content from a string: **bold**, _italic_, {sc:...} small caps, tab, line break."""
    out = []
    for tok in MARKUP.split(s):
        if not tok:
            continue
        if tok.startswith("**"):
            out.append(f'<text:span text:style-name="Strong">{x(tok[2:-2])}</text:span>')
        elif tok.startswith("_") and tok.endswith("_") and len(tok) > 2:
            out.append(f'<text:span text:style-name="Emphasis">{x(tok[1:-1])}</text:span>')
        elif tok.startswith("{sc:"):
            out.append(f'<text:span text:style-name="SmallCaps">{x(tok[4:-1])}</text:span>')
        elif tok == "\t":
            out.append("<text:tab/>")
        elif tok == "\n":
            out.append("<text:line-break/>")
        else:
            out.append(x(tok))
    return "".join(out)


def p(style, s):
    """A paragraph (or a heading, for "Heading 1" and "Heading 2") in the named Writer style."""
    if style.startswith("Heading"):
        level = style[-1]
        attrs = f'text:style-name="Heading_20_{level}" text:outline-level="{level}"'
        return f"<text:h {attrs}>{inline(s)}</text:h>\n"
    return f'<text:p text:style-name="{style.replace(" ", "_20_")}">{inline(s)}</text:p>\n'


def table(rows, cell_styles=("CellSide", "CellMain")):
    """A two-column table; rows is a list of [first cell's XML, second cell's XML]."""
    a_style, b_style = cell_styles
    out = [
        '<table:table table:name="Layout" table:style-name="Tbl">',
        '<table:table-column table:style-name="TblA"/><table:table-column table:style-name="TblB"/>',
    ]
    cell = '<table:table-cell table:style-name="{}" office:value-type="string">{}</table:table-cell>'
    for a, b in rows:
        out.append(f"<table:table-row>{cell.format(a_style, a)}{cell.format(b_style, b)}</table:table-row>")
    out.append("</table:table>\n")
    return "".join(out)


def document(
    body,
    header="",
    footer="",
    font="Liberation Sans",
    titlesize="22pt",
    titleextra="",
    tabpos="17cm",
    colA="5.5cm",
    colB="11.5cm",
    sidebg="#eef2f6",
):
    """The whole FODT: the template's styles, a page header and footer, the body."""
    h = "".join(p("Header", line) for line in header.split("\n\n")) if header else ""
    f = "".join(p("Footer", line) for line in footer.split("\n\n")) if footer else ""
    return (
        HEAD.format(
            font=font,
            titlesize=titlesize,
            titleextra=titleextra,
            tabpos=tabpos,
            colA=colA,
            colB=colB,
            sidebg=sidebg,
            header=f"<style:header>{h}</style:header>" if h else "",
            footer=f"<style:footer>{f}</style:footer>" if f else "",
        )
        + body
        + TAIL
    )
