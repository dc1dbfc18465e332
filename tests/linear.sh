#!/bin/sh
# linear.sh - the cost of a scan grows linearly with its input. For each
# pathological shape (a long line, many bullets, many dates, deep nesting in
# HTML, DOCX, ODT, JSON Resume and RTF, lines that make regexes backtrack,
# broken encodings) the CLI runs under callgrind on inputs of size N, 2N and
# 4N; the work is the instruction count (Ir), never the time. The fixed cost
# (opening the engine) cancels in (I(4N) - I(2N)) / (I(2N) - I(N)), which is
# 2 for linear work and 4 for quadratic; it must lie in [1.5, 2.6].
#
#   sh tests/linear.sh [GAPSCAN] [GEN_HOSTILE]
#
# GAPSCAN is the bare binary (no valgrind prefix). Without valgrind the test
# says loudly that it is skipped.
set -u
G=${1:-./build/gapscan}
GEN=${2:-./build/gen_hostile}
if ! command -v valgrind >/dev/null 2>&1; then
    echo "linear: SKIPPED: valgrind is not installed (apt-get install valgrind); the cost of pathological inputs is NOT checked" >&2
    echo "linear: 0 passed, 0 failed, 1 skipped"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

# Total instructions of one run of gapscan on FILE (the summary line of
# callgrind's output), or nothing when the run failed.
ir() {
    rm -f "$T"/cg.out
    valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" "$G" "$1" --target vp-ai-ml \
        --as-of 2026-11 --max-input 100000000 >/dev/null 2>"$T/cg.err"
    rc=$?
    if [ "$rc" -ge 124 ] || [ ! -s "$T/cg.out" ]; then
        echo "linear: $1: gapscan exited $rc under callgrind: $(tail -3 "$T/cg.err")" >&2
        return
    fi
    awk '/^summary:/ {print $2}' "$T/cg.out"
}

# shape N: measure at N, 2N, 4N and check the ratio
measure() {
    s=$1
    n=$2
    for k in 1 2 4; do
        "$GEN" "$s" $((n * k)) "$T/$s.$k" || { fail=$((fail + 1)); return; }
    done
    a=$(ir "$T/$s.1")
    b=$(ir "$T/$s.2")
    c=$(ir "$T/$s.4")
    if [ -z "$a" ] || [ -z "$b" ] || [ -z "$c" ]; then
        fail=$((fail + 1))
        echo "FAIL: $s: no instruction count" >&2
        return
    fi
    r=$(awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN { if (b - a <= 0) print "inf"; else printf "%.2f", (c - b) / (b - a) }')
    printf 'linear: %-9s N=%-7s Ir %s, %s, %s  ratio %s\n' "$s" "$n" "$a" "$b" "$c" "$r"
    if awk -v r="$r" 'BEGIN { exit !(r != "inf" && r >= 1.5 && r <= 2.6) }'; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $s: doubling the input multiplies the work by $r (want 1.5 to 2.6)" >&2
    fi
}

# sizes: 4N stays within a few hundred KB, and nesting below libxml2's 256 levels
measure line 50000
measure flat 100000
measure bullets 2000
measure dates 2000
measure dateline 5000
measure regex 50000
measure badutf8 50000
measure utf16 50000
measure html 60
measure docx 30
measure odt 30
measure json 250
measure jsonwide 500
measure rtf 60

echo "linear: $pass passed, $fail failed"
[ "$fail" = 0 ]
