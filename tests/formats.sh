#!/bin/sh
# formats.sh - the reports people read, from the command line: --format html
# and md for one CV, a batch (-o DIR: a page per CV and an index) and the
# store (gapscan report); colour in the text report (--color, NO_COLOR, a
# terminal or not); errors that name the path, with the documented codes.
# GAPSCAN is the command to test (may carry a valgrind prefix).
set -u
G=${GAPSCAN:-./build/gapscan}
. "$(dirname "$0")/lib.sh"


CV=corpus/cvs/maria-garcia.md
A="--as-of 2026-11"
ESC=$(printf '\033')

# one CV
expect_exit 0 "" -- "$CV" --target vp-ai-ml $A --format html
check 'head -c 15 "$T/out" | grep -q "<!DOCTYPE html>"' "html: no doctype"
check 'grep -q "id=\"timeline\"" "$T/out" && grep -q "id=\"gaps\"" "$T/out"' "html: no timeline or gap list"
check '! grep -q "<script" "$T/out"' "html: a script element"
check '! grep -qi "https\?://" "$T/out"' "html: refers to the network"
expect_exit 0 "" -- "$CV" --target vp-ai-ml $A --format md
check 'head -1 "$T/out" | grep -q "^## Gap report: maria-garcia.md$"' "md: no heading: $(head -1 "$T/out")"
check 'grep -q "^### To reach this role$" "$T/out"' "md: no gap list"
expect_exit 0 "" -- "$CV" --target vp-ai-ml $A --format html -o "$T/one.html"
check '[ ! -s "$T/out" ] && grep -q "</html>" "$T/one.html"' "-o FILE: the page is not in the file"
expect_exit 2 "$T/nodir/x.html" -- "$CV" --target vp-ai-ml $A --format html -o "$T/nodir/x.html"

# colour: never into a file or a pipe unless asked; NO_COLOR wins over auto
expect_exit 0 "" -- "$CV" --target vp-ai-ml $A
check '! grep -q "$ESC" "$T/out"' "text: colour in a file"
expect_exit 0 "" -- "$CV" --target vp-ai-ml $A --color=always
check 'grep -q "$ESC\[32m" "$T/out"' "--color=always: no colour"
expect_exit 0 "" -- "$CV" --target vp-ai-ml $A --color
check 'grep -q "$ESC" "$T/out"' "--color: no colour"
expect_exit 0 "" -- "$CV" --target vp-ai-ml $A --color=never
check '! grep -q "$ESC" "$T/out"' "--color=never: colour"
expect_exit 2 "bad --color 'blue'" -- "$CV" --target vp-ai-ml --color=blue
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    # on a terminal (a pseudo-terminal made by script(1))
    script -qec "env -u NO_COLOR $G $CV --target vp-ai-ml $A" /dev/null >"$T/tty" 2>&1 </dev/null
    check 'grep -q "$ESC\[1m" "$T/tty"' "auto on a terminal: no colour"
    script -qec "env NO_COLOR=1 $G $CV --target vp-ai-ml $A" /dev/null >"$T/tty" 2>&1 </dev/null
    check '! grep -q "$ESC\[3" "$T/tty"' "NO_COLOR on a terminal: colour"
    script -qec "env NO_COLOR= $G $CV --target vp-ai-ml $A" /dev/null >"$T/tty" 2>&1 </dev/null
    check 'grep -q "$ESC\[32m" "$T/tty"' "an empty NO_COLOR turned colour off"
fi

# a batch: a page per CV and an index that links them
expect_exit 2 "give -o DIR" -- corpus/cvs --target vp-ai-ml $A --format html
expect_exit 0 "" -- corpus/cvs --target vp-ai-ml $A --format html -o "$T/site"
check '[ "$(ls "$T/site" | wc -l)" = 6 ] && [ -f "$T/site/index.html" ]' "batch html: $(ls "$T/site" | tr '\n' ' ')"
for f in maria-garcia james-okafor li-wei anna-schmidt-latin1 tomas-novak-utf16; do
    check 'grep -q "href=\"$f.html\"" "$T/site/index.html" && grep -q "<h1 id=\"candidate\">" "$T/site/$f.html"' \
        "batch html: $f not linked or not a report"
done
check '[ "$(grep -o "<tr><td class=\"num rk\">" "$T/site/index.html" | wc -l)" = 5 ]' "index: not five rows"
# ranked best first: the first row is the best score of the table
first=$(grep -o 'href="[a-z0-9-]*\.html">corpus' "$T/site/index.html" | head -1)
best=$($G corpus/cvs --target vp-ai-ml $A --format csv | sed -n 2p | cut -d, -f3)
check 'echo "$first" | grep -q "$(basename "$best" | sed "s/\.[^.]*$//")"' "index: first row $first, table says $best"
# more CVs than the batch keeps in flight (256): each row of the index
# still links its own CV's page
mkdir -p "$T/many"
k=1000
while [ "$k" -lt 1260 ]; do
    cp corpus/cvs/li-wei.md "$T/many/cv$k.md"
    k=$((k + 1))
done
expect_exit 0 "" -- "$T/many" --target vp-ai-ml $A --format html -o "$T/many-site"
linked=$(grep -o 'href="[^"]*\.html">[^<]*' "$T/many-site/index.html" |
    sed -n 's#^href="\(cv[0-9]*\)\.html">.*/\1\.md$#ok#p' | wc -l)
check '[ "$linked" = 260 ]' "index of 260 CVs: $linked rows link their own page"
# several targets: a page per CV and target
expect_exit 0 "" -- corpus/cvs/li-wei.md corpus/cvs/maria-garcia.md --target vp-ai-ml --target data-engineer $A --format html -o "$T/two"
check '[ -f "$T/two/li-wei--vp-ai-ml.html" ] && [ -f "$T/two/maria-garcia--data-engineer.html" ]' "two targets: $(ls "$T/two" | tr '\n' ' ')"
# the same base name twice, a bad file in the batch: named apart, listed, exit 3
mkdir -p "$T/in/a" "$T/in/b"
cp corpus/cvs/li-wei.md "$T/in/a/cv.md"
cp corpus/cvs/james-okafor.txt "$T/in/b/cv.md"
printf '\177ELF\001\000\000binary' >"$T/in/b/zz-bad.txt"
expect_exit 3 "zz-bad.txt: binary" -- "$T/in" --target data-engineer $A --format html -o "$T/dup"
check '[ -f "$T/dup/cv.html" ] && [ -f "$T/dup/cv-2.html" ] && ! [ -f "$T/dup/zz-bad.html" ]' "dup names: $(ls "$T/dup" | tr '\n' ' ')"
check 'grep -q "id=\"not-scored\"" "$T/dup/index.html" && grep -q "zz-bad.txt" "$T/dup/index.html"' "index: the bad file is not listed"
# an output folder that cannot be made: the path and exit 2
: >"$T/afile"
expect_exit 2 "$T/afile: not a folder" -- corpus/cvs --target vp-ai-ml --format html -o "$T/afile/site"
expect_exit 2 "-o DIR is for a batch in --format html or md" -- corpus/cvs --target vp-ai-ml --format csv -o "$T/x"
# Markdown: the ranking on stdout, or a folder like html
expect_exit 0 "" -- corpus/cvs --target vp-ai-ml $A --format md
check 'grep -q "^| 1 | corpus/cvs/maria-garcia.md | 92 |" "$T/out"' "batch md: $(sed -n 5p "$T/out")"
expect_exit 0 "" -- corpus/cvs --target vp-ai-ml $A --format md -o "$T/md"
check '[ -f "$T/md/index.md" ] && grep -q "(maria-garcia.md)" "$T/md/index.md" && [ -f "$T/md/maria-garcia.md" ]' "batch md -o: $(ls "$T/md" | tr '\n' ' ')"

# the store: pages from stored reports are the pages of a fresh scan
expect_exit 0 "" -- corpus/cvs --target vp-ai-ml $A --db "$T/s.db" --format html -o "$T/fresh"
expect_exit 0 "" -- corpus/cvs --target vp-ai-ml $A --db "$T/s.db" --format html -o "$T/cached"
check 'diff -r "$T/fresh" "$T/cached" >/dev/null' "html from the store differs from a fresh scan"
check 'diff -r "$T/site" "$T/fresh" >/dev/null' "html with a store differs from html without one"
expect_exit 0 "" -- report --db "$T/s.db" --target vp-ai-ml --format html -o "$T/rep"
check 'cmp -s "$T/rep/maria-garcia.html" "$T/site/maria-garcia.html"' "report html: the page differs from the batch's"
check 'grep -q "href=\"li-wei.html\"" "$T/rep/index.html"' "report html: no index"
expect_exit 0 "" -- report --db "$T/s.db" --target vp-ai-ml --format md
check 'grep -q "^| 1 | corpus/cvs/maria-garcia.md | 92 |" "$T/out"' "report md: no ranking"
expect_exit 0 "" -- report --db "$T/s.db" --target vp-ai-ml --cv corpus/cvs/li-wei.md --format html
check 'cmp -s "$T/out" "$T/site/li-wei.html"' "report --cv html differs from the batch page"
expect_exit 0 "" -- report --db "$T/s.db" --target vp-ai-ml --cv corpus/cvs/li-wei.md --format md
check 'head -1 "$T/out" | grep -q "^## Gap report: li-wei.md$"' "report --cv md"
expect_exit 3 "corpus/cvs/nobody.md: no stored report" -- report --db "$T/s.db" --target vp-ai-ml --cv corpus/cvs/nobody.md --format md
expect_exit 2 "give -o DIR" -- report --db "$T/s.db" --target vp-ai-ml --format html
expect_exit 2 "--cv prints json" -- report --db "$T/s.db" --target vp-ai-ml --cv "$CV" --format csv
expect_exit 2 "--cv is for" -- "$CV" --target vp-ai-ml --cv "$CV"

finish formats
