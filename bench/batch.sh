#!/bin/sh
# batch.sh - batch scoring throughput: N generated CVs scored as a folder
# batch (all cores), without and with the SQLite store (--db, first run and
# an unchanged rerun). Prints CVs per second and peak memory (max RSS, from
# GNU time when installed). Figures, not pass/fail: compare them on one
# machine.
#
# usage: bench/batch.sh [GAPSCAN] [N] [TARGETS]
set -eu
G=${1:-./build/gapscan}
N=${2:-2000}
TARGETS=${3:-vp-ai-ml}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

mkdir -p "$T/cvs"
i=0
for f in corpus/cvs/maria-garcia.md corpus/cvs/james-okafor.txt corpus/cvs/li-wei.md; do
    cp "$f" "$T/src$i"
    i=$((i + 1))
done
i=0
while [ "$i" -lt "$N" ]; do
    { cat "$T/src$((i % 3))"; printf '\nReference number %d\n' "$i"; } >"$T/cvs/cv$i.txt"
    i=$((i + 1))
done
TIME=""
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && TIME=/usr/bin/time

now() { date +%s.%N; }
# run LABEL ARGS...: time one batch, print CVs/s and peak memory
run() {
    label=$1
    shift
    a=$(now)
    if [ -n "$TIME" ]; then
        $TIME -f %M -o "$T/rss" "$G" "$T/cvs" --target "$TARGETS" --as-of 2026-11 "$@" >"$T/out"
        rss="$(cat "$T/rss") KB"
    else
        "$G" "$T/cvs" --target "$TARGETS" --as-of 2026-11 "$@" >"$T/out"
        rss="n/a (install GNU time)"
    fi
    b=$(now)
    s=$(echo "$b - $a" | bc -l)
    printf '%-28s %8.3f s  %9.0f CVs/s  peak RSS %s\n' "$label" "$s" "$(echo "$N / $s" | bc -l)" "$rss"
}

echo "corpus: $N text CVs, target $TARGETS, $(nproc 2>/dev/null || echo '?') cores"
run "batch, table" --format table
run "batch, jsonl" --format jsonl
run "batch, -j 1" -j 1
run "--db, first run" --db "$T/s.db"
run "--db, unchanged rerun" --db "$T/s.db"
run "--db --rescan" --db "$T/s.db" --rescan
printf 'store: %s bytes for %s CVs\n' "$(cat "$T"/s.db* | wc -c)" "$N"
