#!/bin/sh
# batch.sh - batches, the store and pipeline mode from the command line:
# ranking, deterministic output, CSV quoting, JSONL/JSON, a bad file in a
# batch, --db with incremental reruns and --rescan, a kill -9 in the middle
# of a batch and the rerun after it, file names that look like SQL, the
# store's views, reports read back from it byte for byte as a fresh scan
# writes them (a CV's parts stored once; a version 1 store migrated), and
# malformed lines in --stdin-jsonl. GAPSCAN is the command to test (may
# carry a valgrind prefix). Uses the sqlite3 shell for the store checks
# when it is installed.
set -u
G=${GAPSCAN:-./build/gapscan}
. "$(dirname "$0")/lib.sh"
SQL=""
command -v sqlite3 >/dev/null 2>&1 && SQL=sqlite3
q() { sqlite3 -batch -cmd ".timeout 5000" "$1" "$2"; }
# fewer CVs under valgrind, which is slow
N=300
case "$G" in *valgrind*) N=24 ;; esac
A="--as-of 2026-11"

# the five samples, and variations of them
mkdir -p "$T/cvs/sub" "$T/many"
cp corpus/cvs/*.md corpus/cvs/*.txt "$T/cvs/"
printf 'Senior Data Engineer, Jan 2018 - Present\nPython, SQL, Apache Spark, Airflow, Kafka\n' >"$T/cvs/sub/de.txt"
printf 'secret\n' >"$T/cvs/.hidden.txt"
i=0
for f in corpus/cvs/maria-garcia.md corpus/cvs/james-okafor.txt corpus/cvs/li-wei.md; do
    cp "$f" "$T/src$i"
    i=$((i + 1))
done
i=0
while [ "$i" -lt "$N" ]; do
    { cat "$T/src$((i % 3))"; printf '\nReference %d\n' "$i"; } >"$T/many/cv$(printf %04d "$i").txt"
    i=$((i + 1))
done

# --- ranking: a folder, recursively, hidden files skipped, best first
$G "$T/cvs" --target vp-ai-ml $A >"$T/table" 2>"$T/err"
check '[ $? = 0 ]' "folder batch failed: $(cat "$T/err")"
check 'head -1 "$T/table" | grep -q "^rank  score  candidate .*top gaps .*years  degree"' "table header: $(head -1 "$T/table")"
check '[ $(wc -l <"$T/table") = 7 ]' "table has $(wc -l <"$T/table") lines, want 7"
check 'sed -n 2p "$T/table" | grep -q "^   1     92  .*maria-garcia.md .*regulatory-compliance .*14.9  master"' "maria is not first: $(sed -n 2p "$T/table")"
check '! grep -q hidden "$T/table"' "a hidden file was scored"
check 'grep -q "sub/de.txt" "$T/table"' "the subfolder was not walked"
awk 'NR > 1 {print $2}' "$T/table" >"$T/scores"
check 'sort -rn "$T/scores" | cmp -s - "$T/scores"' "scores are not in descending order: $(tr '\n' ' ' <"$T/scores")"
# the same with one thread and with four
$G "$T/cvs" --target vp-ai-ml $A -j 1 >"$T/t1" 2>/dev/null
$G "$T/cvs" --target vp-ai-ml $A -j 4 >"$T/t4" 2>/dev/null
check 'cmp -s "$T/t1" "$T/table" && cmp -s "$T/t4" "$T/table"' "-j 1 / -j 4 give other tables"
# several targets: one column each
$G "$T/cvs" --target vp-ai-ml --target data-engineer $A >"$T/two" 2>/dev/null
check 'head -1 "$T/two" | grep -q "candidate  *vp-ai-ml  data-engineer  years  degree"' "two targets: $(head -1 "$T/two")"
$G "$T/cvs" --target all $A --format jsonl >"$T/all" 2>/dev/null
check '[ $(wc -l <"$T/all") = 60 ]' "--target all: $(wc -l <"$T/all") lines, want 6 CVs x 10 targets"

# --- formats
$G "$T/cvs" --target vp-ai-ml $A --format jsonl >"$T/jl" 2>/dev/null
check '[ $(wc -l <"$T/jl") = 6 ]' "jsonl: $(wc -l <"$T/jl") lines, want 6"
check 'head -1 "$T/jl" | grep -q "^{\"cv\":\"$T/cvs/anna-schmidt-latin1.txt\",\"target\":\"vp-ai-ml\""' "jsonl is not in input (path) order"
$G "$T/cvs" --target vp-ai-ml $A --format json >"$T/js" 2>/dev/null
check 'head -c 1 "$T/js" | grep -q "\[" && tail -1 "$T/js" | grep -q "^]$"' "json is not an array"
if [ -n "$SQL" ]; then
    check '[ "$(q :memory: "SELECT json_array_length(readfile('"'"'$T/js'"'"'))")" = 6 ]' "json array does not hold 6 objects"
fi
# CSV: RFC 4180 quoting of a name with a comma and a quote
mkdir "$T/q"
cp corpus/cvs/li-wei.md "$T/q/Smith, \"Jo\".md"
cp corpus/cvs/james-okafor.txt "$T/q/plain.txt"
$G "$T/q" --target data-engineer $A --format csv >"$T/csv" 2>/dev/null
check 'head -1 "$T/csv" | tr -d "\r" | grep -qx "rank,score,candidate,top_gaps,years,degree"' "csv header: $(head -1 "$T/csv")"
check 'grep -q ",\"$T/q/Smith, \"\"Jo\"\".md\"," "$T/csv"' "csv quoting: $(cat "$T/csv")"
check 'grep -q "^1,97,$T/q/plain.txt,data-integration-tools,8.4,bachelor" "$T/csv"' "csv row: $(sed -n 2p "$T/csv")"
check '[ "$(tr -cd "\r" <"$T/csv" | wc -c)" = 3 ]' "csv lines do not end in CRLF"

# --- a bad file: reported, the batch goes on, exit 3
: >"$T/cvs/sub/empty.txt"
$G "$T/cvs" --target vp-ai-ml $A >"$T/out" 2>"$T/err"
check '[ $? = 3 ]' "a batch with an empty file did not exit 3"
check 'grep -q "sub/empty.txt: empty file" "$T/err"' "the bad file is not named: $(cat "$T/err")"
check '[ $(wc -l <"$T/out") = 7 ]' "the others were not all ranked"
rm "$T/cvs/sub/empty.txt"
$G --target vp-ai-ml $A "$T/cvs" -j 0 >/dev/null 2>"$T/err"
check '[ $? = 2 ] && grep -q "bad --jobs" "$T/err"' "-j 0 is not a usage error"
$G --target vp-ai-ml $A "$T/cvs" --rescan >/dev/null 2>"$T/err"
check '[ $? = 2 ]' "--rescan without --db is not a usage error"

# --- the store
D="$T/s.db"
$G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" >"$T/s1" 2>"$T/err"
check '[ $? = 0 ]' "--db failed: $(cat "$T/err")"
$G report --db "$D" --target vp-ai-ml --target data-engineer $A >"$T/r1" 2>"$T/err"
check 'cmp -s "$T/s1" "$T/r1"' "report differs from the batch: $(diff "$T/s1" "$T/r1" | head -5)"
$G report --db "$D" --target vp-ai-ml >"$T/r2" 2>/dev/null
check 'cmp -s "$T/r2" "$T/table"' "report --target vp-ai-ml differs from the table"
$G report --target vp-ai-ml >/dev/null 2>"$T/err"
check '[ $? = 2 ]' "report without --db is not a usage error"
if [ -n "$SQL" ]; then
    snap() { q "$D" "SELECT count(*), group_concat(scanned_at) FROM (SELECT scanned_at FROM scans ORDER BY id)"; }
    s_before=$(snap)
    check '[ "$(q "$D" "PRAGMA journal_mode")" = wal ]' "the store is not in WAL mode"
    check '[ "$(q "$D" "PRAGMA user_version")" = 2 ]' "schema version is not 2"
    check '[ "$(q "$D" "SELECT count(*) FROM scans")" = 12 ]' "want 12 scans"
    # each CV's own parts are stored once, its scans hold the rest; every
    # report read back (the view, a rerun, report in each format) is the
    # one a fresh scan writes, byte for byte
    check '[ "$(q "$D" "SELECT count(*) FROM cv_parts")" = 6 ]' "want the CV parts of 6 profiles"
    check '[ "$(q "$D" "SELECT count(*) FROM scans WHERE instr(report, '"'"'\"@head\":\"cv_parts.head\"'"'"') AND NOT instr(report, '"'"'\"experience_years\":'"'"')")" = 12 ]' "scans hold their CV's parts"
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --format jsonl >"$T/j1" 2>/dev/null
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" --format jsonl >"$T/j2" 2>/dev/null
    check 'cmp -s "$T/j1" "$T/j2"' "a JSONL rerun differs from a fresh scan: $(cmp "$T/j1" "$T/j2")"
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --format json >"$T/j1" 2>/dev/null
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" --format json >"$T/j2" 2>/dev/null
    check 'cmp -s "$T/j1" "$T/j2"' "a JSON rerun differs from a fresh scan: $(cmp "$T/j1" "$T/j2")"
    $G "$T/cvs" --target vp-ai-ml $A --format jsonl | LC_ALL=C sort >"$T/j1" 2>/dev/null
    $G report --db "$D" --target vp-ai-ml --format jsonl | LC_ALL=C sort >"$T/j2" 2>/dev/null
    check 'cmp -s "$T/j1" "$T/j2"' "report --format jsonl differs from a fresh scan: $(cmp "$T/j1" "$T/j2")"
    q "$D" "SELECT r.report FROM scan_reports r JOIN current_scans c USING (scan_id) WHERE c.target = 'vp-ai-ml'" | LC_ALL=C sort >"$T/j2"
    check 'cmp -s "$T/j1" "$T/j2"' "the view scan_reports differs from a fresh scan: $(cmp "$T/j1" "$T/j2")"
    # (--cv's json is the stored line as it is)
    for f in json md html; do
        $G "$T/cvs/li-wei.md" --target vp-ai-ml $A --format "$(echo $f | sed 's/^json$/jsonl/')" >"$T/j1" 2>/dev/null
        $G report --db "$D" --target vp-ai-ml --cv "$T/cvs/li-wei.md" --format $f >"$T/j2" 2>/dev/null
        check 'cmp -s "$T/j1" "$T/j2"' "report --cv --format $f differs from a fresh scan: $(cmp "$T/j1" "$T/j2")"
    done
    # a store of schema version 1 (every report whole, as gapscan wrote them
    # before version 2) is migrated when opened and reads as it did
    V="$T/v1.db"
    q "$D" "VACUUM INTO '$V'"
    q "$V" "UPDATE scans SET report = (SELECT report FROM scan_reports WHERE scan_id = scans.id);
            DROP VIEW scan_reports; DROP TABLE cv_parts; PRAGMA user_version = 1"
    for f in table csv jsonl json md; do
        $G report --db "$D" --target vp-ai-ml --target data-engineer $A --format $f >"$T/j1" 2>/dev/null
        $G report --db "$V" --target vp-ai-ml --target data-engineer $A --format $f 2>/dev/null | sed "s|$V|$D|" >"$T/j2"
        check 'cmp -s "$T/j1" "$T/j2"' "report --format $f of a version 1 store differs: $(cmp "$T/j1" "$T/j2")"
    done
    check '[ "$(q "$V" "PRAGMA user_version")" = 2 ]' "a version 1 store was not migrated"
    $G "$T/cvs" --target vp-ai-ml --target data-engineer --target ai-ml-engineer $A --db "$V" --format jsonl >"$T/j2" 2>/dev/null
    $G "$T/cvs" --target vp-ai-ml --target data-engineer --target ai-ml-engineer $A --format jsonl >"$T/j1" 2>/dev/null
    check 'cmp -s "$T/j1" "$T/j2"' "a rerun over a version 1 store differs: $(cmp "$T/j1" "$T/j2")"
    check '[ "$(q "$V" "SELECT count(*) FROM scans WHERE instr(report, '"'"'\"@head\"'"'"')")" = 6 ]' "a version 1 store: only the new scans leave out the CV parts"
    $G report --db "$V" --target data-engineer $A --format jsonl | LC_ALL=C sort >"$T/j2" 2>/dev/null
    $G "$T/cvs" --target data-engineer $A --format jsonl | LC_ALL=C sort >"$T/j1" 2>/dev/null
    check 'cmp -s "$T/j1" "$T/j2"' "a version 1 store's old scans differ: $(cmp "$T/j1" "$T/j2")"
    # rerun: nothing is scanned again
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" >"$T/s2" 2>/dev/null
    check '[ "$(snap)" = "$s_before" ]' "an unchanged rerun wrote to the store"
    check 'cmp -s "$T/s1" "$T/s2"' "an unchanged rerun prints another table"
    # the rerun's lines come from the store's rows, not its reports: the
    # same CSV (every figure, every gap) as a fresh scan
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --format csv >"$T/c1" 2>/dev/null
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" --format csv >"$T/c2" 2>/dev/null
    check 'cmp -s "$T/c1" "$T/c2"' "an unchanged rerun prints another CSV: $(diff "$T/c1" "$T/c2" | head -4)"
    check '[ "$(snap)" = "$s_before" ]' "a CSV rerun wrote to the store"
    # a changed file is scanned again, the others not
    printf 'Also: Kubernetes, Terraform\n' >>"$T/cvs/sub/de.txt"
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" >/dev/null 2>&1
    check '[ "$(q "$D" "SELECT count(*) FROM documents")" = 7 ]' "a changed file is not a new document"
    check '[ "$(q "$D" "SELECT count(*) FROM scans")" = 14 ]' "only the changed file should be rescanned"
    check '[ "$(q "$D" "SELECT count(*) FROM current_scans")" = 12 ]' "current_scans: one per file and target"
    # another as-of month is another scan
    $G "$T/cvs/li-wei.md" --target vp-ai-ml --as-of 2025-01 --db "$D" >/dev/null 2>&1
    check '[ "$(q "$D" "SELECT count(*) FROM profiles")" = 8 ]' "another --as-of did not scan again"
    # --rescan: new scans, no duplicates
    s_before=$(snap)
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" --rescan >/dev/null 2>&1
    check '[ "$(snap)" != "$s_before" ]' "--rescan did not scan again"
    check '[ "$(q "$D" "SELECT count(*) FROM scans")" = 15 ]' "--rescan duplicated scans: $(q "$D" "SELECT count(*) FROM scans")"
    check '[ "$(q "$D" "SELECT count(*) FROM (SELECT profile_id, target FROM scans GROUP BY 1, 2 HAVING count(*) > 1)")" = 0 ]' "duplicate scans"
    # the views
    check '[ "$(q "$D" "SELECT path FROM best_candidates WHERE target = '"'"'vp-ai-ml'"'"' AND rank = 1")" = "$T/cvs/maria-garcia.md" ]' "best_candidates: maria is not first"
    check 'q "$D" "SELECT path FROM missing_requirements WHERE target = '"'"'vp-ai-ml'"'"' AND requirement = '"'"'regulatory-compliance'"'"'" | grep -q li-wei.md' "missing_requirements lacks li-wei"
    check '[ "$(q "$D" "SELECT met + partial + missing = candidates FROM requirement_coverage LIMIT 1")" = 1 ]' "requirement_coverage does not add up"
    check '[ "$(q "$D" "SELECT count(*) FROM skills s JOIN evidence e USING (profile_id, skill)")" -gt 0 ]' "skills without evidence"
    check '[ "$(q "$D" "SELECT count(*) FROM positions")" -gt 0 ]' "no positions"
    check '[ "$(q "$D" "SELECT count(DISTINCT engine || lexicon || as_of) FROM profiles")" = 2 ]' "engine, lexicon and as-of not recorded"
    # a file name that reads as SQL is just data
    mkdir "$T/evil"
    cp corpus/cvs/li-wei.md "$T/evil/x'; DROP TABLE documents; --.md"
    cp corpus/cvs/li-wei.md "$T/evil/Robert\"); DELETE FROM scans; --.md"
    $G "$T/evil" --target vp-ai-ml $A --db "$D" >/dev/null 2>&1
    check '[ $? = 0 ]' "scanning the SQL-named files failed"
    check '[ "$(q "$D" "SELECT count(*) FROM documents WHERE path LIKE '"'"'%DROP TABLE documents%'"'"'")" = 1 ]' "the SQL-named file is not stored as data"
    check '[ "$(q "$D" "SELECT count(*) FROM scans")" = 17 ]' "scans were lost to a file name"
    $G report --db "$D" --target vp-ai-ml --format csv >"$T/rcsv" 2>/dev/null
    check 'grep -q "Robert\"\"); DELETE FROM scans; --.md" "$T/rcsv"' "report csv lacks the quoted name"
    check '[ "$(q "$D" "PRAGMA integrity_check")" = ok ]' "integrity_check"

    # --- kill -9 in the middle of a batch, then rerun
    K="$T/k.db"
    $G "$T/many" --target all $A --db "$K" -j 1 >/dev/null 2>&1 &
    pid=$!
    n=0 k=0
    while [ "$k" -lt 200 ]; do
        n=$(q "$K" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
        [ "${n:-0}" -gt 0 ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
        k=$((k + 1))
    done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    n=$(q "$K" "SELECT count(*) FROM documents")
    check '[ "$(q "$K" "PRAGMA integrity_check")" = ok ]' "integrity_check after kill -9"
    [ "$n" -lt "$N" ] || echo "note: the batch had finished before the kill ($n of $N)" >&2
    check '[ "$(q "$K" "SELECT count(*) FROM scans")" = $((n * 10)) ]' "a document was committed without all its scans"
    $G "$T/many" --target all $A --db "$K" >/dev/null 2>"$T/err"
    check '[ $? = 0 ]' "rerun after kill failed: $(cat "$T/err")"
    check '[ "$(q "$K" "SELECT count(*), count(DISTINCT path) FROM documents")" = "$N|$N" ]' "after the rerun, documents are not each there once: $(q "$K" "SELECT count(*), count(DISTINCT path) FROM documents")"
    check '[ "$(q "$K" "SELECT count(*) FROM scans")" = $((N * 10)) ]' "after the rerun, scans: $(q "$K" "SELECT count(*) FROM scans")"
    check '[ "$(q "$K" "SELECT count(*) FROM best_candidates WHERE target = '"'"'vp-ai-ml'"'"'")" = "$N" ]' "best_candidates after the rerun"
    check '[ "$(q "$K" "PRAGMA integrity_check")" = ok ]' "integrity_check after the rerun"
else
    echo "batch: sqlite3 not installed; the store's tables and the kill test are skipped" >&2
    $G "$T/cvs" --target vp-ai-ml --target data-engineer $A --db "$D" >"$T/s2" 2>/dev/null
    check 'cmp -s "$T/s1" "$T/s2"' "an unchanged rerun prints another table"
fi
printf 'not a store' >"$T/junk.db"
$G "$T/cvs" --target vp-ai-ml $A --db "$T/junk.db" >/dev/null 2>"$T/err"
check '[ $? = 2 ] && grep -q "junk.db" "$T/err"' "a file that is not a store is not a usage error: $(cat "$T/err")"

# --- pipeline mode
{
    printf '{"id": "a1", "text": "Senior Data Engineer, Jan 2018 - Present\\nPython, SQL, Spark\\n"}\n'
    printf '{"id": 2, "path": "corpus/cvs/li-wei.md"}\n'
    printf 'this is not json\n'
    printf '\n'
    printf '{"text": "no id"}\n'
    printf '{"id": "n1"}\n'
    printf '{"id": "n2", "path": "%s/missing.txt"}\n' "$T"
    printf '[1, 2]\n'
    printf '{"id": "e1", "text": ""}\n'
    printf '{"id": "last", "text": "Python developer since 2020"}\n'
} >"$T/in.jsonl"
$G --stdin-jsonl --target data-engineer $A <"$T/in.jsonl" >"$T/pout" 2>"$T/err"
check '[ $? = 0 ]' "pipeline mode exited $?: $(cat "$T/err")"
check '[ $(wc -l <"$T/pout") = 9 ]' "pipeline: $(wc -l <"$T/pout") lines for 9 records"
check 'sed -n 1p "$T/pout" | grep -q "^{\"id\":\"a1\",\"cv\":\"a1\",\"target\":\"data-engineer\",.*\"score\":"' "pipeline: first line: $(sed -n 1p "$T/pout" | head -c 200)"
check 'sed -n 2p "$T/pout" | grep -q "^{\"id\":2,\"cv\":\"corpus/cvs/li-wei.md\""' "pipeline: a path record"
check 'sed -n 3p "$T/pout" | grep -q "^{\"id\":null,\"error\":\"line 3: not JSON"' "pipeline: not JSON: $(sed -n 3p "$T/pout")"
check 'sed -n 4p "$T/pout" | grep -q "\"error\":\"line 5: no \\\\\"id\\\\\""' "pipeline: no id: $(sed -n 4p "$T/pout")"
check 'sed -n 5p "$T/pout" | grep -q "^{\"id\":\"n1\",\"error\""' "pipeline: no text: $(sed -n 5p "$T/pout")"
check 'sed -n 6p "$T/pout" | grep -q "^{\"id\":\"n2\",\"error\":\".*missing.txt: no such file\"}"' "pipeline: bad path: $(sed -n 6p "$T/pout")"
check 'sed -n 7p "$T/pout" | grep -q "not a JSON object"' "pipeline: an array: $(sed -n 7p "$T/pout")"
check 'sed -n 8p "$T/pout" | grep -q "^{\"id\":\"e1\",\"error\":\".*empty"' "pipeline: empty text: $(sed -n 8p "$T/pout")"
check 'sed -n 9p "$T/pout" | grep -q "^{\"id\":\"last\",\"cv\""' "pipeline: it stopped before the last line"
# one line per record and target, flushed as it goes (a pipe that is read line by line)
printf '{"id": "x", "text": "Python"}\n' | $G --stdin-jsonl --target vp-ai-ml --target data-engineer $A >"$T/p2" 2>/dev/null
check '[ $(wc -l <"$T/p2") = 2 ]' "pipeline: two targets, want two lines"
$G --stdin-jsonl --target vp-ai-ml $A "$T/cvs" >/dev/null 2>&1 </dev/null
check '[ $? = 2 ]' "--stdin-jsonl with a CV is not a usage error"

# a ranking of many different CVs against every target: a line per CV, the
# same with one worker or two, and its figures those of each CV's own report
$G tests/cases --target all $A --format csv -j 1 >"$T/rk1" 2>/dev/null
$G tests/cases --target all $A --format csv -j 2 >"$T/rk2" 2>/dev/null
n=$(ls tests/cases | wc -l)
check '[ "$(sed 1d "$T/rk1" | wc -l)" = "$n" ] && [ "$(sed 1d "$T/rk1" | cut -d, -f2 | sort -u | wc -l)" = "$n" ]' \
    "ranking of $n cases: $(sed 1d "$T/rk1" | wc -l) lines"
check 'cmp -s "$T/rk1" "$T/rk2"' "ranking of the cases: -j 1 and -j 2 differ"
one=$(ls tests/cases | sed -n 17p)
$G "tests/cases/$one" --target data-engineer $A --format json >"$T/one.json" 2>/dev/null
$G tests/cases --target data-engineer $A --format csv >"$T/rk3" 2>/dev/null
check '[ "$(grep ",tests/cases/$one," "$T/rk3" | cut -d, -f2)" = "$(sed -n "s/^  \"score\": \([0-9]*\),\$/\1/p" "$T/one.json")" ]' \
    "ranking: $one's score is not its report's"

# --- a role of the user's own: a job description or a role file scores a
# batch (ranking, JSON Lines, pipeline mode) as a built-in target does
JD=tests/jobs/backend-bullets.jd.txt
$G "$T/cvs" --job "$JD" $A >"$T/jtable" 2>"$T/err"
check '[ $? = 0 ] && [ $(wc -l <"$T/jtable") = 7 ]' "--job batch: $(cat "$T/err") $(wc -l <"$T/jtable") lines"
check '[ "$(sed 1d "$T/jtable" | awk "{print \$2}" | sort -rn | tr "\n" " ")" = "$(sed 1d "$T/jtable" | awk "{print \$2}" | tr "\n" " ")" ]' \
    "--job batch not ranked best first"
$G corpus/cvs/li-wei.md --job "$JD" $A --format json >"$T/jone" 2>/dev/null
check 'grep -q "^ *[0-9]* *$(sed -n "s/^  \"score\": \([0-9]*\),\$/\1/p" "$T/jone") .*li-wei.md" "$T/jtable"' \
    "--job batch: li-wei's score is not its own report's"
$G "$T/cvs" --job "$JD" $A --format jsonl -j 1 >"$T/jj1" 2>/dev/null
$G "$T/cvs" --job "$JD" $A --format jsonl -j 3 >"$T/jj3" 2>/dev/null
check '[ $(wc -l <"$T/jj1") = 6 ] && [ $(grep -c "\"target\":\"senior-backend-engineer\"" "$T/jj1") = 6 ]' \
    "--job JSON Lines: $(wc -l <"$T/jj1") lines"
check 'cmp -s "$T/jj1" "$T/jj3"' "--job batch: -j 1 and -j 3 differ"
$G "$T/cvs" --role-file corpus/roles/data-engineer.xml $A --format csv >"$T/rcsv1" 2>/dev/null
$G "$T/cvs" --target data-engineer $A --format csv >"$T/rcsv2" 2>/dev/null
check 'cmp -s "$T/rcsv1" "$T/rcsv2"' "--role-file of a built-in role ranks unlike --target"
printf '{"id":"x","text":"Python, SQL, PostgreSQL, Docker and Kubernetes; 6 years of Python"}\n' |
    $G --stdin-jsonl --job "$JD" $A >"$T/jp" 2>/dev/null
check 'grep -q "\"id\":\"x\",.*\"target\":\"senior-backend-engineer\"" "$T/jp"' "--stdin-jsonl --job: $(cut -c1-120 "$T/jp")"
$G "$T/cvs" --job "$JD" --db "$T/j.db" $A >/dev/null 2>"$T/err"
check '[ $? = 2 ] && grep -q "not kept in a store" "$T/err" && [ ! -e "$T/j.db" ]' "--job with --db: $(cat "$T/err")"
$G "$T/cvs" --job "$JD" --target vp-ai-ml $A >/dev/null 2>"$T/err"
check '[ $? = 2 ] && grep -q "take the place of --target" "$T/err"' "--job with --target: $(cat "$T/err")"

finish batch
