#!/bin/sh
# man.sh - the manual page against the program: it renders without groff
# warnings, it and `gapscan --help` name the same long options, formats and
# exit codes, and every command of its EXAMPLES section runs (exit 0) on the
# sample CVs and roles. GAPSCAN is the command to test (may carry a valgrind
# prefix); run from the top of the source tree.
set -u
G=${GAPSCAN:-./build/gapscan}
MAN=${MAN:-doc/gapscan.1}
. "$(dirname "$0")/lib.sh"

# the page as text, roff escapes undone
unroff() { sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\e/\\/g' -e 's/\\&//g' "$@"; }

if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$MAN" 2>"$T/warn"
    if [ -s "$T/warn" ]; then bad "groff warns: $(head -3 "$T/warn")"; else ok; fi
else
    echo "man: groff is not installed; rendering not checked"
fi

# long options: the same in --help and in the page
$G --help >"$T/help" 2>&1 || bad "--help exited non-zero"
grep -o -- '--[a-z][a-z-]*' "$T/help" | sort -u >"$T/help.opts"
unroff "$MAN" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/man.opts"
[ "$(wc -l <"$T/help.opts")" -ge 15 ] && ok || bad "--help names only $(wc -l <"$T/help.opts") long options"
missing=$(comm -23 "$T/help.opts" "$T/man.opts" | tr '\n' ' ')
extra=$(comm -13 "$T/help.opts" "$T/man.opts" | tr '\n' ' ')
[ -z "$missing" ] && ok || bad "in --help, not in the man page: $missing"
[ -z "$extra" ] && ok || bad "in the man page, not in --help: $extra"

# formats: each one --help lists is described in FORMATS, and the reverse
sed -n '/^formats (--format):/,/^$/p' "$T/help" | awk 'NR > 1 && /^  [a-z]/ {print $1}' | sort >"$T/help.fmts"
awk '/^\.SH FORMATS/ {on = 1; next} /^\.SH/ {on = 0} on && prev == ".TP" && /^\.B / {print $2} {prev = $0}' "$MAN" |
    sort >"$T/man.fmts"
[ "$(wc -l <"$T/help.fmts")" -ge 7 ] && ok || bad "--help lists $(wc -l <"$T/help.fmts") formats"
cmp -s "$T/help.fmts" "$T/man.fmts" && ok || bad "formats differ: help $(tr '\n' ' ' <"$T/help.fmts"), man $(tr '\n' ' ' <"$T/man.fmts")"

# exit codes: the same numbers in both
sed -n '/^exit codes:/,/^$/p' "$T/help" | awk '/^  [0-9] / {print $1}' | sort >"$T/help.codes"
awk '/^\.SH EXIT STATUS/ {on = 1; next} /^\.SH/ {on = 0} on && prev == ".TP" && /^\.B [0-9]/ {print $2} {prev = $0}' "$MAN" |
    sort >"$T/man.codes"
[ "$(wc -l <"$T/help.codes")" -ge 4 ] && ok || bad "--help lists $(wc -l <"$T/help.codes") exit codes"
cmp -s "$T/help.codes" "$T/man.codes" && ok || bad "exit codes differ: help $(tr '\n' ' ' <"$T/help.codes"), man $(tr '\n' ' ' <"$T/man.codes")"

# the examples: every line of the .EX blocks of EXAMPLES is a command
# (a line ending in \ or | goes on on the next), run in a scratch folder
# that has the sample CVs and roles, with `gapscan` on the PATH
awk '/^\.SH EXAMPLES/ {on = 1; next} /^\.SH/ {on = 0} on && /^\.EX/ {ex = 1; next} on && /^\.EE/ {ex = 0; next} on && ex' "$MAN" |
    unroff | awk '{ line = line $0 } /\\$/ { sub(/\\$/, "", line); next } /\|$/ { line = line " "; next }
                  { sub(/^ +/, "", line); gsub(/  +/, " ", line); print line; line = "" }' >"$T/examples"
mkdir "$T/run" "$T/bin"
ln -s "$PWD/corpus" "$T/run/corpus"
GA=$(printf '%s\n' "$G" | sed "s#\(^\| \)\./#\1$PWD/#g")
printf '#!/bin/sh\nexec %s "$@"\n' "$GA" >"$T/bin/gapscan"
chmod +x "$T/bin/gapscan"
n=0
while IFS= read -r cmd; do
    [ -z "$cmd" ] && continue
    n=$((n + 1))
    (cd "$T/run" && PATH="$T/bin:$PATH" sh -c "$cmd") >"$T/out" 2>"$T/err" </dev/null
    rc=$?
    if [ "$rc" = 0 ] && [ -s "$T/out" -o -n "$(printf '%s' "$cmd" | grep -e ' -o ')" ]; then
        ok
    else
        bad "example exited $rc (or printed nothing): $cmd: $(head -c 300 "$T/err")"
    fi
done <"$T/examples"
[ "$n" -ge 12 ] && ok || bad "only $n examples found in $MAN"
# what the examples wrote is there
[ -f "$T/run/li-wei.html" ] && [ -f "$T/run/site/index.html" ] && [ -f "$T/run/store-site/index.html" ] && ok ||
    bad "the examples' files are missing: $(ls "$T/run" | tr '\n' ' ')"
echo "man: $n examples run"

finish man
