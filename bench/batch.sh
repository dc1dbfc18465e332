#!/bin/sh
# batch.sh - batch scoring throughput: N generated CVs scored as a folder
# batch (all cores), without and with the SQLite store (--db, first run and
# an unchanged rerun). Prints CVs per second and peak memory (max RSS, from
# GNU time when installed). Figures, not pass/fail: compare them on one
# machine; -j 2 against -j 1 is the median of several runs taken in turns.
# The CVs come from bench/gencv (seed 1): varied careers, layouts
# and lengths (1-6 pages, about 5 KB on average), text and Markdown unless
# FORMATS says otherwise (e.g. FORMATS=txt,md,html,docx,pdf).
#
# usage: [GENCV=build/gencv] [FORMATS=txt,md] bench/batch.sh [GAPSCAN] [N] [TARGETS]
#   e.g. sh bench/batch.sh ./build/gapscan 100000
set -eu
G=${1:-./build/gapscan}
N=${2:-2000}
TARGETS=${3:-vp-ai-ml}
GENCV=${GENCV:-$(dirname "$G")/gencv}
FORMATS=${FORMATS:-txt,md}
[ -x "$GENCV" ] || { echo "bench: $GENCV not found (make gencv, or set GENCV)" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$GENCV" --seed 1 --count "$N" --formats "$FORMATS" --no-truth --out "$T/cvs" >/dev/null
TIME=""
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && TIME=/usr/bin/time

now() { date +%s.%N; }
# run LABEL ARGS...: time one batch, print CVs/s and peak memory
run() {
    label=$1
    shift
    tg=$TARGETS
    [ -n "${ALL:-}" ] && tg=all
    a=$(now)
    if [ -n "$TIME" ]; then
        $TIME -f %M -o "$T/rss" "$G" "$T/cvs" --target "$tg" --as-of 2026-11 "$@" >"$T/out"
        rss="$(cat "$T/rss") KB"
    else
        "$G" "$T/cvs" --target "$tg" --as-of 2026-11 "$@" >"$T/out"
        rss="n/a (install GNU time)"
    fi
    b=$(now)
    s=$(echo "$b - $a" | bc -l)
    printf '%-28s %8.3f s  %9.0f CVs/s  peak RSS %s\n' "$label" "$s" "$(echo "$N / $s" | bc -l)" "$rss"
}

echo "corpus: $N generated CVs ($FORMATS), $(find "$T/cvs" -type f -exec cat {} + | wc -c) bytes, target $TARGETS, $(nproc 2>/dev/null || echo '?') cores"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# -j 2 against -j 1, in turns (the machine's load moves between runs; a
# ratio of two single runs moved from 1.5x to 2.3x): the medians of SCALE_RUNS
t2="" t1=""
k=0
while [ "$k" -lt "${SCALE_RUNS:-3}" ]; do
    run "batch, table, -j 2" --format table -j 2
    t2="$t2 $s"
    run "batch, table, -j 1" --format table -j 1
    t1="$t1 $s"
    k=$((k + 1))
done
m2=$(for x in $t2; do echo "$x"; done | median)
m1=$(for x in $t1; do echo "$x"; done | median)
printf '%-28s %8.2fx  (medians: -j 2 %.3f s, -j 1 %.3f s)\n' "-j 2 / -j 1" "$(echo "$m1 / $m2" | bc -l)" "$m2" "$m1"
run "batch, jsonl" --format jsonl
# every target: the ranking keeps a line per CV until it can sort them
ALL=1
run "batch, table, all targets" --format table
ALL=""
run "--db, first run" --db "$T/s.db"
run "--db, unchanged rerun" --db "$T/s.db"
run "--db --rescan" --db "$T/s.db" --rescan
printf 'store: %s bytes for %s CVs\n' "$(cat "$T"/s.db* | wc -c)" "$N"
