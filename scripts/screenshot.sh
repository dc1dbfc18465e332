#!/bin/sh
# screenshot.sh GAPSCAN OUTDIR - sample HTML reports as a person sees them:
# one CV's report at desktop width (1280 px) and phone width (400 px), a
# weak fit's report, and a batch's ranking page, rendered by headless
# Chromium into OUTDIR/*.png (with the HTML beside them). Without Chromium
# it says so and stops, successfully.
set -u
G=${1:-./build/gapscan}
OUT=${2:-build/screenshots}
BROWSER=
for b in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$b" >/dev/null 2>&1; then
        BROWSER=$b
        break
    fi
done
if [ -z "$BROWSER" ]; then
    echo "screenshot: skipped: Chromium is not installed (apt-get install chromium)"
    exit 0
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
A="--as-of 2026-11"

"$G" corpus/cvs/maria-garcia.md --target vp-ai-ml $A --format html -o "$OUT/report.html" &&
    "$G" corpus/cvs/james-okafor.txt --target vp-ai-ml $A --format html -o "$OUT/weak-fit.html" &&
    "$G" corpus/cvs --target vp-ai-ml $A --format html -o "$OUT/batch" || exit 1

# shot PAGE PNG WIDTH HEIGHT
shot() {
    "$BROWSER" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$PROFILE" --window-size="$3,$4" --screenshot="$2" "file://$1" >/dev/null 2>&1 ||
        { echo "screenshot: $BROWSER failed on $1"; exit 1; }
    echo "screenshot: $2 (${3}x$4)"
}
shot "$OUT/report.html" "$OUT/report-desktop.png" 1280 3000
shot "$OUT/report.html" "$OUT/report-phone.png" 400 5200
shot "$OUT/weak-fit.html" "$OUT/weak-fit-desktop.png" 1280 3800
shot "$OUT/batch/index.html" "$OUT/ranking-desktop.png" 1280 640
shot "$OUT/batch/index.html" "$OUT/ranking-phone.png" 400 1400
