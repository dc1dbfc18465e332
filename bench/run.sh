#!/bin/sh
# run.sh - end-to-end throughput of gapscan on text CVs (one thread, every
# target, JSON Lines out), against a raw scan of the same bytes by
# `grep -F -i -c -f` over every alias of the lexicon (the floor for any
# matcher that must at least read the text). Both run through xargs, so
# both pay their start-up once per batch of files. Prints
# medians of RUNS runs and the ratio; times are wall-clock, so compare the
# ratio, not the absolute figures, across machines.
#
# The same CVs as a ranked CSV (same extraction and scoring of every
# target, one line per CV out) is the engine without the JSON bytes: the
# contract's report repeats the CV's skills and evidence for each target, so
# ten reports are some 265 KB per CV, all of it written through the pipe.
# The last line is the floor of that: as many bytes passed through a pipe
# to the same reader with nothing read or scored.
#
# usage: [GENCV=build/gencv] bench/run.sh [GAPSCAN] [N] [RUNS]
set -eu
G=${1:-./build/gapscan}
N=${2:-2000}
RUNS=${3:-5}
GENCV=${GENCV:-$(dirname "$G")/gencv}
[ -x "$GENCV" ] || { echo "bench: $GENCV not found (make gencv, or set GENCV)" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# The corpus: N text CVs from bench/gencv (seed 1), text and Markdown.
"$GENCV" --seed 1 --count "$N" --formats txt,md --no-truth --out "$T/cvs" >/dev/null
bytes=$(find "$T/cvs" -type f -exec cat {} + | wc -c)
# every surface form: aliases and display names, curated and imported
{ cat lexicon/aliases.tsv lexicon/imported/aliases.tsv 2>/dev/null | cut -f1
  cat lexicon/skills.tsv lexicon/imported/skills.tsv 2>/dev/null | cut -f2; } |
    grep -v '^#' | grep -v '^$' | sort -u >"$T/aliases"
(cd "$T/cvs" && ls) >"$T/list"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# one thread, like grep; every target, JSON Lines out (counted, not kept:
# ten full reports per CV are about 300 KB)
run_gapscan() {
    (cd "$T/cvs" && xargs "$OLDPWD/$G" --target all -j 1 --as-of 2026-11 --format jsonl <"$T/list" | wc -l >"$T/out")
}
# LC_ALL=C: bytes and ASCII case folding, grep's fastest way with -i (in a
# UTF-8 locale the same scan is ten times slower, a baseline too easy to beat)
run_csv() {
    (cd "$T/cvs" && xargs "$OLDPWD/$G" --target all -j 1 --as-of 2026-11 --format csv <"$T/list" | wc -l >"$T/cout")
}
# the same JSON Lines thrown away: the engine and its writer without a
# reader on the other end of the pipe (at 265 KB per CV, taking the bytes
# into a pipe and reading them out costs about as much as making them)
run_null() {
    (cd "$T/cvs" && xargs "$OLDPWD/$G" --target all -j 1 --as-of 2026-11 --format jsonl <"$T/list" >/dev/null)
}
run_grep() {
    (cd "$T/cvs" && LC_ALL=C xargs grep -F -i -c -f "$T/aliases" <"$T/list" >"$T/gout")
}

jbytes=$(cd "$T/cvs" && xargs "$OLDPWD/$G" --target all -j 1 --as-of 2026-11 --format jsonl <"$T/list" | wc -c)
# the floor of any run that writes these reports into a pipe: as many bytes
# (zeros) passed through a pipe to the same reader, nothing read or scored
run_pipe() {
    head -c "$jbytes" /dev/zero | wc -l >/dev/null
}

g_times="" r_times="" c_times="" n_times="" p_times=""
k=0
while [ "$k" -lt "$RUNS" ]; do
    a=$(now); run_gapscan; b=$(now)
    g_times="$g_times $(echo "$b - $a" | bc -l)"
    a=$(now); run_grep || true; b=$(now)
    r_times="$r_times $(echo "$b - $a" | bc -l)"
    a=$(now); run_csv; b=$(now)
    c_times="$c_times $(echo "$b - $a" | bc -l)"
    a=$(now); run_null; b=$(now)
    n_times="$n_times $(echo "$b - $a" | bc -l)"
    a=$(now); run_pipe; b=$(now)
    p_times="$p_times $(echo "$b - $a" | bc -l)"
    k=$((k + 1))
done
lines=$(cat "$T/out")
targets=$("$G" --list-targets | wc -l)
[ "$lines" = "$((N * targets))" ] || { echo "bench: gapscan wrote $lines reports for $N CVs x $targets targets" >&2; exit 1; }
g=$(for x in $g_times; do echo "$x"; done | median)
r=$(for x in $r_times; do echo "$x"; done | median)
c=$(for x in $c_times; do echo "$x"; done | median)
nl=$(for x in $n_times; do echo "$x"; done | median)
pf=$(for x in $p_times; do echo "$x"; done | median)
echo "corpus: $N text CVs, $bytes bytes, $(wc -l <"$T/aliases") aliases; median of $RUNS runs"
printf 'gapscan (extract, score %2d targets, JSON): %8.3f s  %9.0f CVs/s  %7.1f MB/s\n' \
    "$targets" "$g" "$(echo "$N / $g" | bc -l)" "$(echo "$bytes / $g / 1000000" | bc -l)"
printf 'LC_ALL=C grep -F -i -c -f aliases (raw scan): %6.3f s  %9.0f CVs/s  %7.1f MB/s\n' \
    "$r" "$(echo "$N / $r" | bc -l)" "$(echo "$bytes / $r / 1000000" | bc -l)"
printf 'ratio gapscan / grep: %.2f (lower is better; 1.0 = as fast as the raw scan)\n' \
    "$(echo "$g / $r" | bc -l)"
printf 'gapscan, ranked CSV (same work, no JSON):  %8.3f s  %9.0f CVs/s  ratio to grep %.2f\n' \
    "$c" "$(echo "$N / $c" | bc -l)" "$(echo "$c / $r" | bc -l)"
printf 'gapscan, JSON Lines to /dev/null (no reader): %6.3f s  %9.0f CVs/s  ratio to grep %.2f\n' \
    "$nl" "$(echo "$N / $nl" | bc -l)" "$(echo "$nl / $r" | bc -l)"
printf 'JSON written: %.0f MB, %.0f KB per CV\n' "$(echo "$jbytes / 1000000" | bc -l)" "$(echo "$jbytes / $N / 1000" | bc -l)"
printf 'as many bytes only moved through a pipe (no CVs):  %6.3f s  ratio to grep %.2f\n' \
    "$pf" "$(echo "$pf / $r" | bc -l)"
