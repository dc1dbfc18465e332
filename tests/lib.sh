# lib.sh - what every shell test shares, sourced at its top: a scratch
# folder $T (removed on exit, read-only parts included), the pass/fail
# counters, and the summary line `make test` reads.
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }
# check 'shell condition' 'message when it is false'
check() { if eval "$1"; then ok; else bad "$2"; fi; }
# finish NAME: print "NAME: N passed, N failed"; the exit status says whether all passed
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" = 0 ]
}
# expect_exit CODE 'stderr pattern' -- ARGS...: $G ARGS exits CODE and, when
# the pattern is not empty, says it on stderr (output kept in $T/out, $T/err)
expect_exit() {
    want=$1 pat=$2
    shift 3
    $G "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" != "$want" ]; then
        bad "gapscan $* exited $got, want $want: $(head -c 300 "$T/err")"
    elif [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then
        bad "gapscan $*: stderr lacks '$pat': $(head -c 300 "$T/err")"
    else
        ok
    fi
}
