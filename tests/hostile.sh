#!/bin/sh
# hostile.sh - pathological CVs through the command line, under a memory
# bound (ulimit -v) and a time guard (timeout, generous: a hang guard, not a
# timed assertion): a 50 MB single line, a million bullets, 100k dates, 100k
# date-like tokens on one line, lines that make regexes backtrack, NUL bytes,
# invalid UTF-8, UTF-16 without a BOM, and 10k-deep nesting in HTML, DOCX,
# ODT, JSON Resume and RTF. Each must give a normal report (exit 0) or a
# clear error naming the file (exit 3); never a crash (exit >= 128), an
# internal error or a hang. The inputs are made here by gen_hostile.
#
# GAPSCAN is the command (may carry a valgrind prefix), GEN_HOSTILE the
# generator. HOSTILE_SCALE=K divides the big sizes by K (for valgrind and
# the sanitizers); the nesting depths stay as they are.
set -u
G=${GAPSCAN:-./build/gapscan}
GEN=${GEN_HOSTILE:-./build/gen_hostile}
SCALE=${HOSTILE_SCALE:-1}
MEM_KB=${HOSTILE_MEM_KB:-3145728} # 3 GB of address space
TIME=${HOSTILE_TIMEOUT:-60}
case "$G" in *valgrind*) TIME=600 ;; esac
. "$(dirname "$0")/lib.sh"
A="--target vp-ai-ml --as-of 2026-11"

# The memory bound, when the build can run under one (ASan and valgrind
# reserve more address space than any bound worth setting).
LIMIT="ulimit -v $MEM_KB"
if ! (ulimit -v "$MEM_KB" && $G --version) >/dev/null 2>&1; then
    echo "hostile: this build cannot run under ulimit -v (sanitizer or valgrind): no memory bound" >&2
    LIMIT=:
fi

# size N: N divided by the scale, at least 1
size() { echo $(($1 / SCALE > 0 ? $1 / SCALE : 1)); }

# run FILE ARGS...: gapscan on FILE, bounded; sets rc, output in $T/out, $T/err
run() {
    (eval "$LIMIT" && exec timeout -k 5 "$TIME" $G "$@") >"$T/out" 2>"$T/err"
    rc=$?
}

# case NAME SHAPE N WANT [PATTERN [ARGS...]]: WANT is 0 (a report), 3 (an
# error naming the file, with PATTERN in it) or "any" (either of them)
case_() {
    name=$1 shape=$2 n=$3 want=$4 pat=${5:-}
    shift 4
    [ $# -gt 0 ] && shift
    f="$T/$name"
    if ! "$GEN" "$shape" "$n" "$f"; then
        bad "$name: gen_hostile $shape $n failed"
        return
    fi
    run "$f" $A "$@"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        bad "$name ($shape $n): no answer within ${TIME}s (hang?)"
    elif [ "$rc" -ge 128 ]; then
        bad "$name ($shape $n): crashed (exit $rc): $(tail -c 300 "$T/err")"
    elif [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
        bad "$name ($shape $n): exit $rc, want $want: $(head -c 300 "$T/err")"
    elif [ "$want" != any ] && [ "$rc" != "$want" ]; then
        bad "$name ($shape $n): exit $rc, want $want: $(head -c 300 "$T/err")"
    elif [ "$rc" = 0 ] && ! grep -q "^Score [0-9]*/100" "$T/out"; then
        bad "$name ($shape $n): exit 0 without a report: $(head -c 300 "$T/out")"
    elif [ "$rc" = 3 ] && ! grep -q "^gapscan: $f: " "$T/err"; then
        bad "$name ($shape $n): the error does not name the file: $(head -c 300 "$T/err")"
    elif [ "$rc" = 3 ] && [ "$(wc -l <"$T/err")" != 1 ]; then
        bad "$name ($shape $n): want one line of error, got: $(head -c 300 "$T/err")"
    elif [ "$rc" = 3 ] && [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then
        bad "$name ($shape $n): the error lacks '$pat': $(head -c 300 "$T/err")"
    else
        ok
    fi
    rm -f "$f"
}

BIG="--max-input 60000000"
# size: the cap says no to a 50 MB line, and a raised cap lets it through
case_ line-capped line "$(size 50000000)" "$([ "$SCALE" = 1 ] && echo 3 || echo 0)" "too large"
case_ line-50mb line "$(size 50000000)" 0 "" $BIG
case_ flat-50mb flat "$(size 50000000)" 0 "" $BIG
case_ bullets-1m bullets "$(size 1000000)" 0 "" $BIG
case_ dates-100k dates "$(size 100000)" 0 "" $BIG
case_ dateline-100k dateline "$(size 100000)" 0 "" $BIG
case_ regex regex "$(size 5000000)" 0 "" $BIG
case_ nul nul "$(size 10000000)" any "" $BIG
case_ badutf8 badutf8 "$(size 10000000)" 0 "" $BIG
case_ utf16-nobom utf16 "$(size 10000000)" 0 "" $BIG
# nesting: within libxml2's bound a report, past any bound a clear refusal
case_ html-200 html 200 0
case_ html-10k html 10000 3 "HTML too deeply nested"
case_ docx-100 docx 100 0
case_ docx-2000 docx 2000 3 "DOCX too deeply nested"
case_ docx-10k docx 10000 3 "" # so repetitive that it is refused as a zip bomb
case_ odt-200 odt 200 0
case_ odt-2000 odt 2000 3 "ODT too deeply nested"
case_ odt-10k odt 10000 3 ""
case_ json-1000 json 1000 0
case_ json-10k json 10000 3 "JSON nested too deeply"
case_ json-wide jsonwide "$(size 100000)" 0 "" $BIG
case_ rtf-200 rtf 200 0
case_ rtf-10k rtf 10000 3 "RTF nested too deeply"

# out of memory under a tight bound: a clean internal error naming the file
if [ "$LIMIT" != : ] && [ "$SCALE" = 1 ]; then
    "$GEN" line "$(size 50000000)" "$T/big.txt"
    (ulimit -v 300000 && exec timeout -k 5 "$TIME" $G "$T/big.txt" $A $BIG) >/dev/null 2>"$T/err"
    rc=$?
    if [ "$rc" = 4 ] && grep -q "^gapscan: $T/big.txt: out of memory$" "$T/err"; then
        ok
    else
        bad "out of memory: exit $rc: $(head -c 300 "$T/err")"
    fi
    rm -f "$T/big.txt"
fi

# the JSON of the 100k dates parses and holds every dated position
"$GEN" dates "$(size 100000)" "$T/d.txt"
run "$T/d.txt" $A $BIG --format jsonl
if [ "$rc" = 0 ] && [ "$(grep -o '"dates":' "$T/out" | wc -l)" -gt "$(($(size 100000) / 2))" ]; then
    ok
else
    bad "dates as JSONL: exit $rc, $(grep -o '"dates":' "$T/out" | wc -l) positions"
fi

# a batch of hostile files goes on past the bad ones
mkdir "$T/batch"
for s in line bullets dates regex badutf8 utf16; do
    "$GEN" "$s" "$(size 100000)" "$T/batch/$s.txt"
done
"$GEN" html 10000 "$T/batch/deep.html"
"$GEN" json 10000 "$T/batch/deep.json"
"$GEN" docx 10000 "$T/batch/deep.docx"
run "$T/batch" $A -j 2
if [ "$rc" = 3 ] && [ "$(grep -c '^ *[0-9]' "$T/out")" = 6 ] && [ "$(wc -l <"$T/err")" = 3 ]; then
    ok
else
    bad "batch of hostile files: exit $rc, $(grep -c '^ *[0-9]' "$T/out") ranked: $(head -c 400 "$T/err")"
fi

finish hostile
