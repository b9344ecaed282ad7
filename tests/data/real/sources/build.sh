#!/bin/sh
# Rebuilds the generated files of tests/data/real/ from the sources beside this script, with Debian's
# tools only:
#   apt-get install texlive-latex-extra texlive-fonts-extra texlive-xetex texlive-bibtex-extra \
#     texlive-plain-generic libreoffice-writer chromium imagemagick img2pdf poppler-utils fonts-noto-core
# The eight files copied from public projects (see ../README.md) are not rebuilt here.
# Usage: sh tests/data/real/sources/build.sh   (writes into tests/data/real/)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Fixed dates inside the PDFs, so that a rebuild changes only what the sources change.
export SOURCE_DATE_EPOCH=1796083200 FORCE_SOURCE_DATE=1

# --- TeX Live -------------------------------------------------------------------------------------
cp -r "$here/tex" "$work/tex"
latex() { # engine dir name
    (cd "$work/tex/$2" && for _ in 1 2; do
        "$1" -interaction=nonstopmode -halt-on-error "$3.tex" >"$work/$3.log" 2>&1 ||
            { tail -20 "$work/$3.log"; exit 1; }
    done)
}
for name in moderncv_classic_maria_jose moderncv_casual_jean_luc moderncv_banking_zoe moderncv_fancy_henrik \
    jakegut_tyrone_mitchell sb2nov_oluwaseun europasscv_anna_lena article_marta_twoline currvita_tomasz \
    scan_src_ingrid photo_src_dmitri; do
    latex pdflatex . "$name"
done
latex xelatex . moderncv_oldstyle_nguyen
latex xelatex deedy deedy_kenji
latex pdflatex altacv altacv_lea
for name in moderncv_classic_maria_jose moderncv_casual_jean_luc moderncv_banking_zoe moderncv_fancy_henrik \
    jakegut_tyrone_mitchell sb2nov_oluwaseun europasscv_anna_lena article_marta_twoline currvita_tomasz \
    moderncv_oldstyle_nguyen; do
    cp "$work/tex/$name.pdf" "$out/tex_$name.pdf"
done
cp "$work/tex/deedy/deedy_kenji.pdf" "$out/tex_deedy_kenji.pdf"
cp "$work/tex/altacv/altacv_lea.pdf" "$out/tex_altacv_lea.pdf"

# --- LibreOffice: flat ODT sources (written by lo/lo_docs.py), saved as DOCX / ODT, printed to PDF -------
mkdir -p "$work/lo" "$work/lo/pdf"
cp "$here"/lo/*.fodt "$work/lo/"
lo() { soffice -env:UserInstallation="file://$work/lo-profile" --headless "$@" >/dev/null 2>&1; }
lo --convert-to 'docx:MS Word 2007 XML' --outdir "$work/lo" "$work"/lo/docx_*.fodt "$work/lo/lo_docx_pdf_grace.fodt"
lo --convert-to odt --outdir "$work/lo" "$work/lo/lo_odt_pdf_pieter.fodt"
lo --convert-to pdf --outdir "$work/lo/pdf" "$work/lo/lo_docx_pdf_grace.docx" "$work/lo/lo_odt_pdf_pieter.odt" \
    "$work/lo/scan_src_robert.fodt"
for f in "$work"/lo/docx_*.docx; do cp "$f" "$out/lo_$(basename "$f")"; done
cp "$work/lo/pdf/lo_docx_pdf_grace.pdf" "$work/lo/pdf/lo_odt_pdf_pieter.pdf" "$out/"

# --- Chromium: HTML printed to PDF -----------------------------------------------------------------
mkdir -p "$work/html"
for f in "$here"/html/*.html; do
    name=$(basename "$f" .html)
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-pdf-header-footer \
        --user-data-dir="$work/chromium" --print-to-pdf="$work/html/$name.pdf" "file://$f" >/dev/null 2>&1
done
for name in jsonresume_mateus jobboard_hannah builder_sidebar_wei spaced_name_olivia linkedin_style_ahmed \
    swiss_numbers_emma gdocs_style_chen; do
    cp "$work/html/$name.pdf" "$out/html_$name.pdf"
done

# --- Scans: first page at 150 dpi, tilted, grey paper, noise, JPEG in a PDF without a text layer --------
scan() { # source.pdf dest.pdf angle seed pagesize
    pdftoppm -r 150 -gray -singlefile -f 1 -l 1 -png "$1" "$work/scanpage"
    convert "$work/scanpage.png" -background 'gray(96%)' -rotate "$3" +repage \
        -seed "$4" -attenuate 0.25 +noise Gaussian -blur 0x0.5 +level 10%,88% \
        -colorspace Gray -strip -quality 45 "$work/scan.jpg"
    img2pdf --pagesize "$5" --imgsize 150dpi --creationdate 2026-12-01T00:00:00 --moddate 2026-12-01T00:00:00 \
        -o "$2" "$work/scan.jpg"
}
scan "$work/lo/pdf/scan_src_robert.pdf" "$out/scan_lo_robert.pdf" 1.3 11 A4
scan "$work/tex/scan_src_ingrid.pdf" "$out/scan_tex_ingrid.pdf" -0.8 12 A4
scan "$work/html/scan_src_carlos.pdf" "$out/scan_html_carlos.pdf" 1.9 13 Letter

# --- Photos of a printed page: perspective, uneven light, blur, desk around the sheet -----------------
photo() { # source.pdf dest ext seed dpi
    pdftoppm -r "$5" -gray -singlefile -f 1 -l 1 -png "$1" "$work/photopage"
    w=$(identify -format %w "$work/photopage.png"); h=$(identify -format %h "$work/photopage.png")
    convert "$work/photopage.png" -bordercolor 'gray(35%)' -border 60 \
        -virtual-pixel background -background 'gray(35%)' \
        -distort Perspective "0,0 95,40  $((w + 120)),0 $((w + 60)),85  $((w + 120)),$((h + 120)) $((w + 95)),$((h + 90))  0,$((h + 120)) 30,$((h + 110))" \
        \( +clone -sparse-color Barycentric "0,0 gray(100%) %w,%h gray(62%)" \) -compose Multiply -composite \
        -seed "$4" -attenuate 0.2 +noise Gaussian -blur 0x0.9 -colorspace Gray -strip "$work/photo.png"
    if [ "$3" = jpg ]; then
        convert "$work/photo.png" -quality 60 "$2"
    else
        convert "$work/photo.png" -posterize 24 -define png:compression-level=9 "$2"
    fi
}
photo "$work/html/photo_src_amelia.pdf" "$out/photo_html_amelia.jpg" jpg 21 110
photo "$work/tex/photo_src_dmitri.pdf" "$out/photo_tex_dmitri.png" png 22 150

echo "rebuilt into $out"
