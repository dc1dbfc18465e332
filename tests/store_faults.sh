#!/bin/sh
# store_faults.sh - the store under faults. A batch with --db is killed with
# SIGKILL at spread-out moments (before the first commit, in the middle,
# after the end), 24 times in a row on one store, resuming or rescanning;
# after each kill: PRAGMA integrity_check is ok, every stored CV has each of
# its scans exactly once and its CV parts, every scan reads back whole, and
# no CV committed before the kill is missing.
# A last complete run stores every CV. Then a store that cannot be opened or
# written (read-only file or folder, a parent that is a file, a full disk
# simulated with ulimit -f) and an output that cannot be written give one
# clear error naming the file and the documented exit code, and leave the
# store consistent.
#
# GAPSCAN is the command for the error cases (may carry a valgrind prefix);
# GAPSCAN_BIN the bare binary for the kill loop; STORE_PROBE runs queries.
set -u
G=${GAPSCAN:-./build/gapscan}
B=${GAPSCAN_BIN:-./build/gapscan}
P=${STORE_PROBE:-./build/store_probe}
. "$(dirname "$0")/lib.sh"
q() { "$P" "$1" "$2"; }
A="--target vp-ai-ml --target data-engineer --as-of 2026-11"
NT=2
N=${STORE_FAULTS_CVS:-400}
KILLS=24

mkdir "$T/cvs"
i=0
while [ "$i" -lt "$N" ]; do
    src=corpus/cvs/li-wei.md
    [ $((i % 3)) = 1 ] && src=corpus/cvs/james-okafor.txt
    [ $((i % 3)) = 2 ] && src=corpus/cvs/maria-garcia.md
    { cat "$src"; printf '\nReference %d\n' "$i"; } >"$T/cvs/cv$(printf %04d "$i").txt"
    i=$((i + 1))
done

# How long a whole batch takes here (the kills are spread over it).
now() { date +%s.%N; }
t0=$(now)
"$B" "$T/cvs" $A --db "$T/time.db" >/dev/null 2>&1
full=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
rm -f "$T"/time.db*

# invariants of the store D after a kill; $1 is what the last check saw
invariants() {
    D=$1
    # killed before the store was made: no file, or a file without tables
    [ -f "$D" ] && [ "$(q "$D" "PRAGMA user_version")" != 0 ] || return 0
    check '[ "$(q "$D" "PRAGMA integrity_check")" = ok ]' "kill $k: integrity_check: $(q "$D" "PRAGMA integrity_check" 2>&1 | head -3)"
    check '[ "$(q "$D" "SELECT count(*) - count(DISTINCT path) FROM documents")" = 0 ]' "kill $k: a CV stored twice"
    check '[ "$(q "$D" "SELECT count(*) FROM (SELECT profile_id, target FROM scans GROUP BY 1, 2 HAVING count(*) > 1)")" = 0 ]' "kill $k: a CV scanned twice for a target"
    check '[ "$(q "$D" "SELECT count(*) FROM profiles p WHERE (SELECT count(*) FROM scans s WHERE s.profile_id = p.id) != '$NT'")" = 0 ]' "kill $k: a CV stored without all its scans"
    check '[ "$(q "$D" "SELECT count(*) FROM current_scans")" = "$(($(q "$D" "SELECT count(*) FROM documents") * NT))" ]' "kill $k: current_scans is not one per CV and target"
    check '[ "$(q "$D" "SELECT count(*) FROM profiles p LEFT JOIN cv_parts c ON c.profile_id = p.id WHERE c.profile_id IS NULL")" = 0 ]' "kill $k: a CV stored without its CV parts"
    check '[ "$(q "$D" "SELECT count(*) FROM scan_reports WHERE json_type(report, '"'"'$.skills'"'"') IS NULL OR json_type(report, '"'"'$.gaps'"'"') IS NULL OR json_type(report, '"'"'$.lexicon'"'"') IS NULL")" = 0 ]' "kill $k: a scan does not read back whole"
    q "$D" "SELECT path FROM documents ORDER BY path" >"$T/now"
    check '[ -z "$(comm -23 "$T/before" "$T/now")" ]' "kill $k: committed CVs were lost: $(comm -23 "$T/before" "$T/now" | head -3)"
    cp "$T/now" "$T/before"
}

D="$T/s.db"
: >"$T/before"
k=0
killed=0
while [ "$k" -lt "$KILLS" ]; do
    # the delay: from well before the first commit to a bit after the end
    f=$(awk -v k="$k" 'BEGIN { print (k * 7 % 24) / 20.0 }')
    delay=$(awk -v f="$f" -v t="$full" 'BEGIN { d = f * t; if (d < 0.005) d = 0.005; printf "%.3f", d }')
    extra=""
    [ $((k % 3)) != 0 ] && extra="--rescan" # a third of the runs resume, the rest rescan all
    "$B" "$T/cvs" $A --db "$D" $extra >/dev/null 2>"$T/err" &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null # the shell's "Killed" is expected
    rc=$?
    if [ "$rc" = 137 ]; then
        killed=$((killed + 1))
    elif [ "$rc" != 0 ]; then
        bad "kill $k: the batch failed before the kill (exit $rc): $(head -c 300 "$T/err")"
    fi
    invariants "$D"
    k=$((k + 1))
done
echo "store_faults: $KILLS kills over a batch of ${full}s: $killed landed before the end, $(wc -l <"$T/before") of $N CVs stored"
check '[ "$killed" -gt 0 ]' "no kill landed before the end of a batch"

# a complete rerun finishes the rest
"$B" "$T/cvs" $A --db "$D" >/dev/null 2>"$T/err"
check '[ $? = 0 ]' "the rerun after the kills failed: $(head -c 300 "$T/err")"
invariants "$D"
check '[ "$(q "$D" "SELECT count(*) FROM documents")" = "$N" ]' "after the rerun, $(q "$D" "SELECT count(*) FROM documents") of $N CVs are stored"
check '[ "$(q "$D" "SELECT count(*) FROM current_scans WHERE target = '"'"'vp-ai-ml'"'"'")" = "$N" ]' "after the rerun, current_scans for vp-ai-ml is not one per CV"

# --- stores that cannot be opened or written: exit 2, one line naming the store
# expect CODE PATTERN ARGS...: gapscan exits CODE with one line on stderr that
# holds PATTERN
expect() {
    want=$1 pat=$2
    shift 2
    $G "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" = "$want" ] && [ "$(wc -l <"$T/err")" = 1 ] && grep -q -- "$pat" "$T/err"; then
        ok
    else
        bad "gapscan $*: exit $got (want $want), stderr: $(head -c 300 "$T/err") (want '$pat')"
    fi
}
mkdir "$T/few"
cp "$T/cvs/cv0000.txt" "$T/cvs/cv0001.txt" "$T/few/"
printf 'x\n' >"$T/file"
expect 2 "^gapscan: $T/file/s.db: cannot open the store: .*(Not a directory)" "$T/few" $A --db "$T/file/s.db"
expect 2 "^gapscan: $T/none/s.db: cannot open the store: .*(No such file or directory)" "$T/few" $A --db "$T/none/s.db"
expect 2 "^gapscan: $T/file/s.db: cannot open the store" report --db "$T/file/s.db" --target vp-ai-ml
expect 2 "^gapscan: /dev/full: cannot open the store: " "$T/few" $A --db /dev/full
# a file that is not a store is never written over, however small (SQLite
# takes a one-byte file for an empty database)
for body in x 'my notes' 'a,b
1,2'; do
    printf '%s' "$body" >"$T/notes.txt"
    expect 2 "^gapscan: $T/notes.txt: cannot open the store: file is not a database" "$T/few" $A --db "$T/notes.txt"
    check '[ "$(cat "$T/notes.txt")" = "$body" ]' "--db on a ${#body}-byte file changed it"
done

# read-only: as root, permissions do not stop us, so run as nobody when we can
AS=""
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
        AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
    else
        AS=none
    fi
fi
# nobody must be able to run the program from here: valgrind, for one,
# opens it by its full path, which a private parent folder can bar
if [ -n "$AS" ] && [ "$AS" != none ] && ! $AS $G --list-targets >/dev/null 2>&1; then
    echo "store_faults: $G cannot run as nobody from here (a private folder above it): the read-only cases are skipped" >&2
    AS=none
elif [ "$AS" = none ]; then
    echo "store_faults: running as root without setpriv: the read-only cases are skipped" >&2
fi
if [ "$AS" != none ]; then
    mkdir "$T/ro"
    cp "$D" "$T/ro/s.db"
    chmod 755 "$T" "$T/few"
    chmod 644 "$T"/few/*
    chmod 444 "$T/ro/s.db"
    G="$AS $G" expect 2 "^gapscan: $T/ro/s.db: cannot open the store: attempt to write a readonly database" "$T/few" $A --db "$T/ro/s.db"
    chmod 644 "$T/ro/s.db"
    chmod 555 "$T/ro"
    G="$AS $G" expect 2 "^gapscan: $T/ro/s.db: cannot open the store: " "$T/few" $A --db "$T/ro/s.db"
    G="$AS $G" expect 2 "^gapscan: $T/ro/new.db: cannot open the store: .*(Permission denied)" "$T/few" $A --db "$T/ro/new.db"
    chmod 755 "$T/ro"
    check '[ "$(q "$T/ro/s.db" "PRAGMA integrity_check")" = ok ] && [ "$(q "$T/ro/s.db" "SELECT count(*) FROM documents")" = "$N" ]' "the read-only store was changed"
fi

# --- a full disk: files cannot grow past 3 MB (ulimit -f, SIGXFSZ ignored so
# that writes fail with EFBIG); the batch stops with exit 4 naming the store,
# what was committed is intact, and a run with room finishes the rest
F="$T/full.db"
(trap '' XFSZ && ulimit -f 6000 && exec $G "$T/cvs" $A --db "$F" -j 1) >/dev/null 2>"$T/err"
rc=$?
check '[ "$rc" = 4 ] && grep -q "^gapscan: $F: " "$T/err"' "full disk: exit $rc: $(head -c 300 "$T/err")"
check '[ "$(q "$F" "PRAGMA integrity_check")" = ok ]' "full disk: integrity_check"
n=$(q "$F" "SELECT count(*) FROM documents")
check '[ "$n" -lt "$N" ] && [ "$(q "$F" "SELECT count(*) FROM scans")" = $((n * NT)) ]' "full disk: $n CVs stored, scans $(q "$F" "SELECT count(*) FROM scans")"
"$B" "$T/cvs" $A --db "$F" >/dev/null 2>"$T/err"
check '[ $? = 0 ] && [ "$(q "$F" "SELECT count(*) FROM documents")" = "$N" ]' "after a full disk, the rerun did not finish: $(head -c 300 "$T/err")"

# --- outputs that cannot be written: exit 4, naming what could not be written
$G "$T/few" $A >/dev/full 2>"$T/err"
check '[ $? = 4 ] && grep -q "^gapscan: cannot write the report: No space left on device" "$T/err"' "a batch to a full output: $(head -c 300 "$T/err")"
JD=tests/jobs/data-engineer-md.jd.md
expect 4 "^gapscan: $T/file/role.xml: cannot write: Not a directory" role compile "$JD" -o "$T/file/role.xml"
expect 4 "^gapscan: /dev/full: cannot write: No space left on device" role compile "$JD" -o /dev/full

finish store_faults
