#!/bin/sh
# cli.sh - the command line as a user meets it: exit codes, error messages
# that name the file and the problem, formats, and a batch that goes on past
# a bad file. GAPSCAN is the command to test (may carry a valgrind prefix).
set -u
G=${GAPSCAN:-./build/gapscan}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect CODE 'grep pattern for stderr' -- command args...
expect() {
    want=$1 pat=$2
    shift 3
    $G "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" != "$want" ]; then
        bad "gapscan $* exited $got, want $want: $(head -c 300 "$T/err")"
        return
    fi
    if [ -n "$pat" ] && ! grep -q -- "$pat" "$T/err"; then
        bad "gapscan $*: stderr lacks '$pat': $(head -c 300 "$T/err")"
        return
    fi
    ok
}

SAMPLE=corpus/cvs/maria-garcia.md
printf 'Senior Data Engineer, Jan 2018 - Present\nPython, SQL, Apache Spark, Airflow\n' >"$T/cv.txt"
: >"$T/empty.txt"
printf '\177ELF\002\001\001\000\000\000\000\000binary' >"$T/prog.bin"
printf 'PK\003\004\024\000\000\000\010\000' >"$T/cv.docx"

# usage errors: 2
expect 2 "no --target" -- "$T/cv.txt"
expect 2 "no CV given" -- --target vp-ai-ml
expect 2 "unknown target 'nope'" -- "$T/cv.txt" --target nope
expect 2 "unknown option '--bogus'" -- --bogus
expect 2 "bad --as-of '2026-13'" -- "$T/cv.txt" --target vp-ai-ml --as-of 2026-13
expect 2 "unknown format 'xml'" -- "$T/cv.txt" --target vp-ai-ml --format xml
expect 2 "needs a value" -- "$T/cv.txt" --target

# input errors: 3, each naming the file and the problem
expect 3 "$T/missing.txt: no such file" -- "$T/missing.txt" --target vp-ai-ml
expect 3 "$T/empty.txt: empty file" -- "$T/empty.txt" --target vp-ai-ml
expect 3 "$T/prog.bin: binary file" -- "$T/prog.bin" --target vp-ai-ml
expect 3 "$T/cv.docx: not a zip archive" -- "$T/cv.docx" --target vp-ai-ml
# a folder is a batch (tests/batch.sh); an empty one is an input error
mkdir "$T/nocvs"
expect 3 "$T/nocvs: no CV files" -- "$T/nocvs" --target vp-ai-ml
expect 3 "too large" -- "$T/cv.txt" --target vp-ai-ml --max-input 10

# a batch goes on past a bad file, reports it, and says so in the exit code
expect 3 "$T/missing.txt: no such file" -- "$T/cv.txt" "$T/missing.txt" "$T/cv.txt" --target data-engineer --format jsonl
if [ "$(wc -l <"$T/out")" = 2 ]; then ok; else bad "batch printed $(wc -l <"$T/out") reports, want 2"; fi

# success paths
expect 0 "" -- --help
grep -q "exit codes" "$T/out" && ok || bad "--help lacks the exit codes"
expect 0 "" -- --version
grep -q "gapscan " "$T/out" && ok || bad "--version prints no version"
expect 0 "" -- --list-targets
cp "$T/out" "$T/targets"
[ "$(wc -l <"$T/targets")" = 10 ] && ok || bad "--list-targets does not list ten targets"
for id in vp-data-engineering vp-ai-ml data-engineer lead-ml-engineer senior-ai-ml-engineer \
    lead-ai-engineer ai-training-specialist ai-ml-devops-engineer ai-ml-developer ai-ml-engineer; do
    grep -q "^$id " "$T/targets" && ok || bad "--list-targets lacks $id"
    expect 0 "" -- "$SAMPLE" --target "$id" --as-of 2026-11 --format json
done
expect 0 "" -- "$SAMPLE" --target vp-ai-ml --as-of 2026-11
grep -q "^Score [0-9]*/100" "$T/out" && ok || bad "text report has no score line"
grep -q "Requirements" "$T/out" && ok || bad "text report has no requirements"
expect 0 "" -- "$T/cv.txt" --target=data-engineer --as-of=2026-11 --format=json
grep -q '"experience_years": 8.9' "$T/out" && ok || bad "json: experience_years is not 8.9"
# stdin
$G - --target data-engineer --as-of 2026-11 --format jsonl <"$T/cv.txt" >"$T/out" 2>"$T/err" &&
    grep -q '"cv":"-"' "$T/out" && ok || bad "stdin: $(cat "$T/err")"
# the same CV gives the same report twice (deterministic)
$G "$SAMPLE" --target vp-ai-ml --as-of 2026-11 --format json >"$T/a" 2>/dev/null
$G "$SAMPLE" --target vp-ai-ml --as-of 2026-11 --format json >"$T/b" 2>/dev/null
cmp -s "$T/a" "$T/b" && ok || bad "two runs differ"

# the lexicon commands
expect 0 "" -- lexicon lookup "Go developer, PySpark on EKS; no experience with Kafka; R&D"
grep -q "^go  *Go (language" "$T/out" && ok || bad "lookup: Go developer is not go"
grep -q "^spark .*implied by pyspark" "$T/out" && ok || bad "lookup: spark not implied by pyspark"
grep -q "^kafka .*negated" "$T/out" && ok || bad "lookup: Kafka not shown as negated"
grep -q "^r " "$T/out" && bad "lookup: R&D gave r" || ok
expect 0 "" -- lexicon stats
grep -q "^skills [0-9]* (curated" "$T/out" && ok || bad "stats: no skill count"
expect 0 "" -- lexicon lint
grep -q "^0 problems" "$T/out" && ok || bad "lint: the built-in lexicon has problems: $(head -5 "$T/out")"
expect 2 "usage: gapscan lexicon" -- lexicon frobnicate

# a user's lexicon on top of the built-in one
printf '# id\tname\tcategory\taliases\tflags\nacme-flow\tAcmeFlow\ttool\tAcme Flow|acmeflow\t\npython\tPython\tlanguage\tPy3\t\n' >"$T/my.tsv"
printf 'Built pipelines in Acme Flow and Py3.\n' >"$T/acme.txt"
expect 0 "" -- "$T/acme.txt" --target data-engineer --lexicon "$T/my.tsv" --format json
grep -q '"id": "acme-flow"' "$T/out" && ok || bad "--lexicon: user skill not found"
grep -q '"id": "python"' "$T/out" && ok || bad "--lexicon: user alias for a built-in skill not found"
printf 'Bad_Id\tX\ttool\n' >"$T/bad.tsv"
expect 2 "bad.tsv:1: bad skill id" -- "$T/acme.txt" --target data-engineer --lexicon "$T/bad.tsv"
printf 'my-sql2\tMy SQL two\ttool\tSQL\n' >"$T/clash.tsv"
expect 2 "clash.tsv:1: 'SQL' already stands for 'sql'" -- "$T/acme.txt" --target data-engineer --lexicon "$T/clash.tsv"
expect 2 "nope.tsv: no such file" -- "$T/acme.txt" --target data-engineer --lexicon "$T/nope.tsv"

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
