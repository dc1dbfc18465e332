#!/bin/sh
# gen_accuracy.sh - extraction accuracy on generated CVs. bench/gencv writes
# 100 CVs (a fixed seed) in all five formats with their ground truth, and
# run_generated compares what the engine extracts with it: skill recall and
# precision, traps, years, degree, positions (thresholds in run_generated.c).
# First, the generator itself: the same seed must give the same bytes,
# whatever the number of threads.
#
# usage: GENCV=build/gencv [RUNNER=...] sh tests/gen_accuracy.sh build/run_generated
set -eu
RUN=${1:-./build/run_generated}
GENCV=${GENCV:-./build/gencv}
RUNNER=${RUNNER:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$GENCV" --seed 7 --count 25 --each --out "$T/a" -j 1
"$GENCV" --seed 7 --count 25 --each --out "$T/b" -j 3
if ! diff -r "$T/a" "$T/b" >/dev/null; then
    echo "gen_accuracy: gencv --seed 7 gave different files with -j 1 and -j 3"
    exit 1
fi
n=$(ls "$T/a" | wc -l)
if [ "$n" -ne 150 ]; then
    echo "gen_accuracy: gencv --count 25 --each wrote $n files, expected 150"
    exit 1
fi
echo "gencv: same seed, same bytes ($n files)"

"$GENCV" --seed 2026 --count 100 --each --formats txt,md,html,docx,pdf --out "$T/cvs"
$RUNNER "$RUN" "$T/cvs"
