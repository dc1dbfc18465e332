#!/bin/sh
# make-fixtures.sh - (re)make the CV fixtures of tests/test_read.c.
#
# The same short CV in every format the readers take, plus hostile files.
# Run by hand after changing the CV; `make test` never runs it and uses the
# committed files. Needs python3 (standard library only) and qpdf (for the
# encrypted PDF: apt-get install qpdf). The zip bomb and the deeply nested
# HTML are too large to commit; tests/test_read.c makes them at test time.
#
# The DOCX and ODT are minimal but complete packages (content types,
# relationships, manifest, styles, a header, a bullet list, a table), the
# PDFs use the standard Helvetica font with a real text layer.
set -eu
cd "$(dirname "$0")"

python3 - <<'PY'
import json, random, zipfile

NAME = "Priya Raman"
LABEL = "Senior Data Engineer"
CONTACT = "Leeds, UK | priya.raman@example.com | +44 113 555 0147"
SUMMARY = ("Data engineer with ten years of experience building batch and streaming data "
           "pipelines for insurance and logistics, from ingestion to the warehouse.")
JOBS = [
    ("Senior Data Engineer", "Northwind Logistics", "Leeds", "2019-04", "2024-06", [
        "Built streaming pipelines with Apache Kafka and Apache Spark on AWS.",
        "Orchestrated nightly ETL jobs with Apache Airflow.",
        "Modelled the warehouse in Snowflake as a star schema.",
    ]),
    ("Data Engineer", "Calder Insurance", "York", "2015-09", "2019-03", [
        "Wrote PostgreSQL stored procedures and Python extract jobs.",
        "Packaged the jobs in Docker containers deployed on Kubernetes.",
    ]),
]
DEGREE = ("MSc", "Computer Science", "University of Leeds", "2013", "2014")
SKILLS = ["Python", "SQL", "Apache Spark", "Apache Kafka", "Airflow", "Docker", "Kubernetes",
          "AWS", "Snowflake", "PostgreSQL"]
DASH = "\u2013"


def title(j):
    return "%s, %s, %s" % (j[0], j[1], j[2])


def dates(j):
    return "%s %s %s" % (j[3], DASH, j[4])


def degree():
    d = DEGREE
    return "%s %s, %s, %s %s %s" % (d[0], d[1], d[2], d[3], DASH, d[4])


def lines():
    """The CV as (kind, text): kind is h (heading), p, or b (bullet)."""
    out = [("p", NAME), ("p", LABEL), ("p", CONTACT), ("", ""),
           ("h", "Summary"), ("p", SUMMARY), ("", ""), ("h", "Experience")]
    for i, j in enumerate(JOBS):
        if i:
            out.append(("", ""))
        out += [("p", title(j)), ("p", dates(j))] + [("b", b) for b in j[5]]
    out += [("", ""), ("h", "Education"), ("p", degree()), ("", ""),
            ("h", "Skills"), ("p", ", ".join(SKILLS))]
    return out


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def wrap(text, width):
    out, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    if cur:
        out.append(cur)
    return out


# ---- plain text and Markdown ----
txt = []
for k, t in lines():
    if k == "b":
        txt.append("- " + t)
    elif k == "p" and t == SUMMARY:
        txt += wrap(t, 80)
    else:
        txt.append(t)
write("cv.txt", "\n".join(txt) + "\n")

md = ["# " + NAME, "", "**%s**  " % LABEL, CONTACT]
for k, t in lines()[4:]:
    if k == "h":
        md.append("## " + t)
    elif k == "b":
        md.append("- " + t)
    elif t in (title(JOBS[0]), title(JOBS[1])):
        md.append("### " + t)
    else:
        md.append(t)
write("cv.md", "\n".join(md) + "\n")

# ---- HTML: entities, a script and a style that must not be read ----
def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
             .replace(DASH, "&ndash;"))

h = ['<!DOCTYPE html>', '<html lang="en">', '<head><meta charset="utf-8">',
     '<title>Scala Rust Haskell</title>',
     '<style>body { font-family: "Go Sans"; } /* Fortran */</style>',
     '<script>var hidden = "Scala, Rust, Haskell, COBOL";</script>', '</head>', '<body>',
     '<header><h1>%s</h1><p>%s<br>%s</p></header>' % (esc(NAME), esc(LABEL), esc(CONTACT)),
     '<section><h2>Summary</h2><p>%s</p></section>' % esc(SUMMARY).replace(
         " pipelines", "\n   pipelines"),
     '<section><h2>Experience</h2>']
for j in JOBS:
    h.append('<article><h3>%s</h3><p class="dates">%s</p><ul>' % (esc(title(j)), esc(dates(j))))
    h += ['  <li>%s</li>' % esc(b) for b in j[5]]
    h.append('</ul></article>')
h.append('</section>')
h.append('<section><h2>Education</h2><p>%s</p></section>' % esc(degree()))
h.append('<section><h2>Skills</h2><p>%s</p></section>' % esc(", ".join(SKILLS)))
h += ['<!-- Fortran, COBOL -->', '</body>', '</html>']
write("cv.html", "\n".join(h) + "\n")

# ---- JSON Resume ----
resume = {
    "basics": {"name": NAME, "label": LABEL, "email": "priya.raman@example.com",
               "phone": "+44 113 555 0147", "summary": SUMMARY,
               "location": {"city": "Leeds", "countryCode": "UK"}},
    "work": [{"name": j[1], "position": j[0], "location": j[2],
              "startDate": j[3] + "-01", "endDate": j[4] + "-30", "highlights": j[5]}
             for j in JOBS],
    "education": [{"institution": DEGREE[2], "area": DEGREE[1], "studyType": DEGREE[0],
                   "startDate": DEGREE[3], "endDate": DEGREE[4]}],
    "skills": [{"name": "Tools", "keywords": SKILLS}],
}
write("cv.resume.json", json.dumps(resume, indent=2, ensure_ascii=False) + "\n")

# ---- RTF: cp1252 escapes, \u escapes, tables to skip ----
def rtf_esc(s):
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 0x80:
            out.append(ch)
        elif ch == DASH and len(out) % 2:
            out.append("\\u8211?")
        else:
            out.append("\\'%02x" % ch.encode("cp1252")[0])
    return "".join(out)

r = ["{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1",
     "{\\fonttbl{\\f0\\fswiss Helvetica;}{\\f1\\fnil Scala Sans;}}",
     "{\\colortbl;\\red0\\green0\\blue0;}",
     "{\\stylesheet{\\s1 Heading 1 Rust;}}",
     "{\\info{\\title Haskell}{\\author COBOL}}",
     "{\\*\\generator Fortran 1.0;}",
     "\\f0\\fs22"]
for k, t in lines():
    if k == "h":
        r.append("{\\b %s}\\par" % rtf_esc(t))
    elif k == "b":
        r.append("\\bullet\\tab %s\\par" % rtf_esc(t))
    else:
        r.append("%s\\par" % rtf_esc(t))
r.append("}")
write("cv.rtf", "\n".join(r) + "\n")

# ---- DOCX ----
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrun(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % xesc(text)


def wpara(inner, style=None, bullet=False):
    ppr = ""
    if style or bullet:
        ppr = "<w:pPr>"
        if style:
            ppr += '<w:pStyle w:val="%s"/>' % style
        if bullet:
            ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        ppr += "</w:pPr>"
    return "<w:p>%s%s</w:p>" % (ppr, inner)


CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
      '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
      '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
            '</Relationships>')
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:styles %s>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
          '<w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
          '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
          '</w:styles>' % W)
NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<w:numbering %s>'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
             '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
             '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             '</w:numbering>' % W)


def docx_body():
    L = lines()
    body = [wpara(wrun(NAME), "Title"), wpara(wrun(LABEL))]
    for k, t in L[4:]:
        if k == "h" and t == "Skills":
            break
        if k == "h":
            body.append(wpara(wrun(t), "Heading1"))
        elif k == "b":
            body.append(wpara(wrun(t), bullet=True))
        elif t == title(JOBS[0]):
            # the title and the dates in one paragraph, split by a line break;
            # a word split across runs ("Snow" "flake" below) is one word again
            body.append(wpara(wrun(t) + "<w:r><w:br/></w:r>" + wrun(dates(JOBS[0]))))
        elif t == dates(JOBS[0]):
            continue
        elif t == SUMMARY:
            a, b = t.split(" pipelines")
            body.append(wpara(wrun(a) + '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> pipe</w:t></w:r>'
                              + wrun("lines" + b)))
        elif t:
            body.append(wpara(wrun(t)))
    body = [p.replace("Snowflake", 'Snow</w:t></w:r><w:r><w:t>flake') for p in body]
    body.append(wpara(wrun("Skills"), "Heading1"))
    # the skills in a table: each cell its own line
    rows = [SKILLS[0:5], SKILLS[5:10]]
    tbl = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
           + '<w:gridCol w:w="1800"/>' * 5 + '</w:tblGrid>']
    for row in rows:
        tbl.append("<w:tr>" + "".join('<w:tc><w:tcPr><w:tcW w:w="1800" w:type="dxa"/></w:tcPr>%s</w:tc>'
                                      % wpara(wrun(c + ",")) for c in row) + "</w:tr>")
    tbl.append("</w:tbl>")
    body.append("".join(tbl))
    body.append(wpara(""))
    return "".join(body)


def docx_document(prolog="", body=None):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n%s'
            '<w:document %s><w:body>%s'
            '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>'
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
            '</w:sectPr></w:body></w:document>' % (prolog, W, docx_body() if body is None else body))


HEADER = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:hdr %s>%s</w:hdr>' % (W, wpara(wrun(CONTACT).replace(" | ", '</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">'))))


def zip_write(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, *stored in entries:
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def docx(path, document):
    zip_write(path, [("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                     ("word/document.xml", document), ("word/_rels/document.xml.rels", DOC_RELS),
                     ("word/styles.xml", STYLES), ("word/numbering.xml", NUMBERING),
                     ("word/header1.xml", HEADER)])


docx("cv.docx", docx_document())
# hostile DOCX: an external entity (XXE) and the billion laughs
docx("xxe.docx", docx_document(
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
    wpara('<w:r><w:t>&xxe;</w:t></w:r>')))
laughs = "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
docx("laughs.docx", docx_document(
    '<!DOCTYPE w:document [<!ENTITY lol0 "lol">%s]>\n' % laughs,
    wpara('<w:r><w:t>&lol9;</w:t></w:r>')))
write("laughs.html", '<!DOCTYPE html [<!ENTITY lol0 "lol">%s]>\n<html><body><p>&lol9;</p></body></html>\n'
      % laughs)
write("xxe.html", '<?xml version="1.0"?>\n<!DOCTYPE html SYSTEM "file:///etc/passwd">\n'
      '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Python &amp; SQL</p></body></html>\n')
# a zip that is neither
zip_write("other.zip", [("notes.txt", "Python, SQL\n")])

# ---- ODT ----
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def odt_content():
    out = ['<text:p text:style-name="Title">%s</text:p>' % xesc(NAME),
           '<text:p>%s</text:p>' % xesc(LABEL)]
    L = lines()
    i = 4
    while i < len(L):
        k, t = L[i]
        if k == "h" and t == "Skills":
            break
        if k == "h":
            out.append('<text:h text:outline-level="1">%s</text:h>' % xesc(t))
        elif k == "b":
            items = []
            while i < len(L) and L[i][0] == "b":
                items.append('<text:list-item><text:p>%s</text:p></text:list-item>' % xesc(L[i][1]))
                i += 1
            out.append('<text:list>%s</text:list>' % "".join(items))
            continue
        elif t == SUMMARY:
            # pretty-printed source: the line break inside the paragraph is a space
            a, b = t.split(" pipelines")
            out.append('<text:p>%s\n      <text:span>pipe</text:span>lines%s</text:p>' % (xesc(a), xesc(b)))
        elif t:
            out.append('<text:p>%s</text:p>' % xesc(t).replace(", ", ",<text:s/>", 1))
        i += 1
    out.append('<text:h text:outline-level="1">Skills</text:h>')
    cells = "".join('<table:table-cell office:value-type="string"><text:p>%s,</text:p></table:table-cell>' % xesc(s)
                    for s in SKILLS)
    out.append('<table:table table:name="Skills"><table:table-column table:number-columns-repeated="10"/>'
               '<table:table-row>%s</table:table-row></table:table>' % cells)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s office:version="1.2">'
            '<office:automatic-styles/><office:body><office:text>%s</office:text></office:body>'
            '</office:document-content>' % (ODF_NS, "\n".join(out)))


ODT_STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles %s office:version="1.2">'
              '<office:automatic-styles><style:page-layout style:name="pm1">'
              '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/>'
              '<style:header-style/></style:page-layout></office:automatic-styles>'
              '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
              '<style:header><text:p>%s</text:p></style:header></style:master-page></office:master-styles>'
              '</office:document-styles>' % (ODF_NS, xesc(CONTACT).replace(" | ", "<text:tab/>")))
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')
zip_write("cv.odt", [("mimetype", "application/vnd.oasis.opendocument.text", True),
                     ("content.xml", odt_content()), ("styles.xml", ODT_STYLES),
                     ("META-INF/manifest.xml", MANIFEST)])


# ---- PDF ----
def pdf_str(s):
    out = []
    for b in s.encode("cp1252"):
        c = chr(b)
        if c in "\\()":
            out.append("\\" + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return "(" + "".join(out) + ")"


def pdf(path, pages, images=None):
    """pages: content streams (str); images: a gray image XObject per page or None."""
    objs = {1: "<< /Type /Catalog /Pages 2 0 R >>",
            3: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            4: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"}
    kids, n = [], 5
    for i, content in enumerate(pages):
        res = "/Font << /F1 3 0 R /F2 4 0 R >>"
        if images:
            objs[n + 2] = images[i]
            res += " /XObject << /Im1 %d 0 R >>" % (n + 2)
        objs[n] = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> "
                   "/Contents %d 0 R >>" % (res, n + 1))
        data = content.encode("latin-1")
        objs[n + 1] = "<< /Length %d >>\nstream\n%s\nendstream" % (len(data), content)
        kids.append("%d 0 R" % n)
        n += 3 if images else 2
    objs[2] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += ("%d 0 obj\n%s\nendobj\n" % (k, objs[k])).encode("latin-1")
    xref = len(out)
    size = max(objs) + 1
    out += ("xref\n0 %d\n0000000000 65535 f \n" % size).encode()
    for k in range(1, size):
        out += ("%010d 00000 n \n" % offs[k]).encode() if k in offs else b"0000000000 65535 f \n"
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)).encode()
    write(path, bytes(out))


def text_ops(items):
    """items: (x, y, size, bold, text) -> a content stream."""
    ops = []
    for x, y, size, bold, t in items:
        ops.append("BT /%s %g Tf %g %g Td %s Tj ET" % ("F2" if bold else "F1", size, x, y, pdf_str(t)))
    return "\n".join(ops)


# one column
items, y = [], 790
for k, t in lines():
    if not t:
        y -= 8
        continue
    if k == "p" and t == SUMMARY:
        for part in wrap(t, 90):
            items.append((56, y, 10, False, part))
            y -= 14
        continue
    size = 16 if t == NAME else 12 if k == "h" else 10
    items.append((56 if k != "b" else 68, y, size, k == "h" or t == NAME, ("- " + t) if k == "b" else t))
    y -= 14 if size <= 12 else 20
pdf("cv.pdf", [text_ops(items)])

# two columns: a full-width header, then Summary/Education/Skills on the left
# and Experience on the right, on the same baselines
items = [(56, 790, 16, True, NAME), (56, 772, 10, False, LABEL),
         (56, 758, 10, False, CONTACT + "   |   linkedin.example.com/in/priya-raman")]
left = [("h", "Summary")] + [("p", s) for s in wrap(SUMMARY, 38)] + [("", "")]
left += [("h", "Education"), ("p", "%s %s," % DEGREE[:2]), ("p", "%s, %s %s %s" % (DEGREE[2], DEGREE[3], DASH, DEGREE[4])), ("", "")]
left += [("h", "Skills")] + [("p", s) for s in wrap(", ".join(SKILLS), 36)]
right = [("h", "Experience")]
for i, j in enumerate(JOBS):
    if i:
        right.append(("", ""))
    right += [("p", title(j)), ("p", dates(j))]
    for b in j[5]:
        for n, part in enumerate(wrap(b, 56)):
            right.append(("b", ("- " if n == 0 else "  ") + part))
for col, x in ((left, 56), (right, 300)):
    y = 728
    for k, t in col:
        if t:
            items.append((x, y, 11 if k == "h" else 9, k == "h", t))
        y -= 13
pdf("cv-2col.pdf", [text_ops(items)])

# image only: a scanned page has no text layer
img = bytes(random.Random(7).randrange(256) for _ in range(64 * 64))
pdf("scanned.pdf", ["q 480 0 0 680 56 100 cm /Im1 Do Q"],
    images=["<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
            "/BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream" % (len(img), img.decode("latin-1"))])
# cut short inside the first object
write("truncated.pdf", open("cv.pdf", "rb").read()[:120])
# binary junk with a .pdf name
rnd = random.Random(11)
write("junk.pdf", b"\x00\x01JUNK" + bytes(rnd.randrange(256) for _ in range(2048)))
PY

# the PDF encrypted with a user password (AES-256)
qpdf --encrypt secret owner 256 -- cv.pdf encrypted.pdf


# a legacy Word .doc, when LibreOffice is here (apt-get install libreoffice-writer-nogui)
if command -v soffice >/dev/null 2>&1; then
    t=$(mktemp -d)
    soffice -env:UserInstallation="file://$t/profile" --headless --convert-to doc \
        --outdir "$t" cv.odt >/dev/null 2>&1 && mv "$t/cv.doc" cv.doc
    rm -rf "$t"
fi
ls -l cv.* cv-2col.pdf encrypted.pdf scanned.pdf truncated.pdf junk.pdf xxe.* laughs.* other.zip
