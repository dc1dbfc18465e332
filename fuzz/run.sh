#!/bin/sh
# run.sh - gather seeds and dictionaries, then run libFuzzer targets one
# after the other (`make fuzz` calls it; see fuzz/README.md).
#
#   sh fuzz/run.sh BUILD SECONDS TARGET...
#
# For each target: BUILD/seeds/T/ is gathered afresh from corpus/ and tests/
# (plus fuzz/seeds/T/ when it exists), BUILD/dict/T.dict is put together
# from fuzz/dict/ and a dictionary made from the lexicon's files, and
# BUILD/fuzz_T runs for SECONDS on a fresh corpus BUILD/corpus/T/ (new
# inputs land there, the seeds are read from BUILD/seeds/T/). Crashes,
# leaks, timeouts and out-of-memory inputs are written under
# BUILD/artifacts/T/. Logs are in BUILD/logs/T.log; a line per target
# (executions, exec/s, coverage, features, corpus) goes to BUILD/summary.txt.
# Exits 1 when any target found something.
set -u
B=${1:?usage: run.sh BUILD SECONDS TARGET...}
T=${2:?usage: run.sh BUILD SECONDS TARGET...}
shift 2
[ $# -gt 0 ] || { echo "run.sh: no target given" >&2; exit 2; }

# ---- seeds ----

# The CV text of tests/cases/*.case (between "cv:" and "expect:").
case_cvs() {
    for f in tests/cases/*.case; do
        out="$1/case-$(basename "$f" .case).txt"
        awk '/^cv:$/ { on = 1; next } /^expect:$/ { on = 0 } on' "$f" >"$out"
        [ -s "$out" ] || rm -f "$out"
    done
}

seeds() {
    d="$B/seeds/$1"
    rm -rf "$d"
    mkdir -p "$d"
    case "$1" in
    text | extract | dates)
        cp corpus/cvs/* tests/files/cv.txt tests/files/cv.md tests/labels/sentences.tsv "$d"/
        case_cvs "$d" ;;
    jd)
        cp tests/jobs/*.jd.txt tests/jobs/*.jd.md "$d"/ ;;
    html)
        cp tests/files/*.html tests/jobs/*.jd.html "$d"/ ;;
    zip)
        cp tests/files/*.docx tests/files/*.odt tests/files/*.zip tests/jobs/*.docx "$d"/
        # the parts unpacked, as fuzz_zip.c packs them: D or O, the body, NUL, header or styles
        if command -v unzip >/dev/null; then
            for f in tests/files/cv.docx tests/jobs/*.docx; do
                { printf D; unzip -p "$f" word/document.xml; printf '\0'
                  unzip -p "$f" word/header1.xml 2>/dev/null; } >"$d/parts-$(basename "$f")"
            done
            { printf O; unzip -p tests/files/cv.odt content.xml; printf '\0'
              unzip -p tests/files/cv.odt styles.xml; } >"$d/parts-cv.odt"
        fi ;;
    json)
        cp tests/files/*.json "$d"/ ;;
    rtf)
        cp tests/files/*.rtf "$d"/ ;;
    pdf_layout)
        if command -v pdftotext >/dev/null; then
            for f in tests/files/cv.pdf tests/files/cv-2col.pdf; do
                pdftotext -layout "$f" "$d/layout-$(basename "$f" .pdf).txt" 2>/dev/null
            done
        fi
        cp corpus/cvs/james-okafor.txt tests/files/cv.txt "$d"/ ;;
    role)
        cp corpus/roles/*.xml "$d"/ ;;
    *)
        echo "run.sh: no seeds for target '$1'" >&2 ;;
    esac
    [ -d "fuzz/seeds/$1" ] && cp "fuzz/seeds/$1"/* "$d"/ 2>/dev/null
    return 0
}

# ---- dictionaries ----

# One quoted libFuzzer dictionary entry per line of stdin (bytes outside
# printable ASCII, quotes and backslashes escaped).
quote() {
    LC_ALL=C awk 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
    length($0) > 0 && length($0) < 64 {
        s = ""
        for (i = 1; i <= length($0); i++) {
            c = substr($0, i, 1); o = ord[c]
            if (c == "\"" || c == "\\") s = s "\\" c
            else if (o < 32 || o > 126) s = s sprintf("\\x%02x", o)
            else s = s c
        }
        print "\"" s "\""
    }'
}

# Skill names and aliases, degrees, fields, section headings, cue phrases,
# job titles and job-description headings of the curated lexicon.
lexicon_dict() {
    {
        grep -hv '^#' lexicon/skills.tsv | cut -f2
        grep -hv '^#' lexicon/aliases.tsv lexicon/sections.tsv lexicon/degrees.tsv \
            lexicon/cues.tsv lexicon/titles.tsv lexicon/jd-sections.tsv | cut -f1
        grep -hv '^#' lexicon/fields.tsv | cut -f3 | tr '|' '\n'
    } | sort -u | quote
}

# Skill and field ids as role files name them.
role_ids_dict() {
    {
        grep -hv '^#' lexicon/skills.tsv | cut -f1 | sed 's/.*/ref="&"/'
        grep -hv '^#' lexicon/fields.tsv | cut -f1 | sed 's/.*/ref="&"/'
    } | grep -v '^ref=""$' | sort -u | quote
}

dict() {
    mkdir -p "$B/dict"
    out="$B/dict/$1.dict"
    case "$1" in
    text | extract | jd) { cat fuzz/dict/dates.dict; lexicon_dict; } >"$out" ;;
    dates) cp fuzz/dict/dates.dict "$out" ;;
    html) cp fuzz/dict/html.dict "$out" ;;
    zip) cp fuzz/dict/zip.dict "$out" ;;
    json) { cat fuzz/dict/json.dict fuzz/dict/dates.dict; } >"$out" ;;
    rtf) cp fuzz/dict/rtf.dict "$out" ;;
    pdf_layout) cp fuzz/dict/layout.dict "$out" ;;
    role) { cat fuzz/dict/role.dict; role_ids_dict; } >"$out" ;;
    *) : >"$out" ;;
    esac
}

max_len() {
    case "$1" in
    zip) echo 262144 ;;
    *) echo 65536 ;;
    esac
}

# ---- run ----

mkdir -p "$B/logs"
summary="$B/summary.txt"
printf '%-11s %12s %8s %7s %7s %7s  %s\n' target executions exec/s cov ft corpus result >"$summary"
found=0
for t in "$@"; do
    bin="$B/fuzz_$t"
    [ -x "$bin" ] || { echo "run.sh: $bin is not built" >&2; exit 2; }
    seeds "$t"
    dict "$t"
    rm -rf "$B/corpus/$t" "$B/artifacts/$t"
    mkdir -p "$B/corpus/$t" "$B/artifacts/$t"
    log="$B/logs/$t.log"
    echo "== $t: ${T}s, $(ls "$B/seeds/$t" | wc -l) seeds"
    "$bin" -max_total_time="$T" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        -dict="$B/dict/$t.dict" -artifact_prefix="$B/artifacts/$t/" -print_final_stats=1 \
        "$B/corpus/$t" "$B/seeds/$t" >"$log" 2>&1
    rc=$?
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
    result=ok
    if [ $rc -ne 0 ] || [ -n "$(ls "$B/artifacts/$t")" ]; then
        result="FOUND: $(ls "$B/artifacts/$t" | tr '\n' ' ')"
        found=1
    fi
    printf '%-11s %12s %8s %7s %7s %7s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
        "${ft:-?}" "${corp:-?}" "$result" | tee -a "$summary"
done
echo "summary: $summary"
exit $found
