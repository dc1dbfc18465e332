#!/bin/sh
# all.sh - what `make bench` runs: every benchmark of bench/, one after the
# other, with the machine they ran on. Figures are medians of several runs
# and each comes with a baseline measured in the same run (ratios travel
# between machines; absolute times do not). bench/RESULTS.md keeps them.
#
#   1. engine open and extraction: the whole lexicon against the curated part
#   2. stages: where the time of one CV goes, text / DOCX / PDF, one core
#   3. end to end against grep -F over the same bytes
#   4. batches of N CVs (default 100,000): table, JSON Lines, -j 1, and the
#      store (first run, unchanged rerun, --rescan), with peak memory
#
# usage: bench/all.sh BUILD_DIR [N]
set -eu
B=${1:-build}
N=${2:-100000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo '?'), $(nproc 2>/dev/null || echo '?') cores"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo '?')"
echo "system: $(uname -sr)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (shared machines: compare the ratios)"

echo
echo "== 1. engine open and extraction, whole lexicon vs curated only (medians)"
printf '  whole lexicon  %s\n' "$("$B"/bench_load corpus/cvs/maria-garcia.md 21)"
printf '  curated only   %s\n' "$(build-curated/bench_load corpus/cvs/maria-garcia.md 21)"

echo
echo "== 2. stages, one core"
"$B"/gencv --seed 1 --count 2000 --formats txt,md --no-truth --out "$T/txt" >/dev/null
"$B"/gencv --seed 2 --count 300 --formats docx --no-truth --out "$T/docx" >/dev/null
"$B"/gencv --seed 3 --count 100 --formats pdf --no-truth --out "$T/pdf" >/dev/null
echo "-- text and Markdown"
"$B"/bench_stages -r 7 "$T"/txt/*
echo "-- DOCX (read = libzip + libxml2)"
"$B"/bench_stages -r 5 "$T"/docx/*
echo "-- PDF (read = pdftotext in a child process)"
"$B"/bench_stages -r 3 "$T"/pdf/*

echo
echo "== 3. end to end against grep -F"
GENCV="$B/gencv" sh bench/run.sh "$B/gapscan" 2000 5

echo
echo "== 4. batches of $N CVs"
GENCV="$B/gencv" sh bench/batch.sh "$B/gapscan" "$N"
