#!/bin/sh
# cli.sh - the command line as a user meets it: exit codes, error messages
# that name the file and the problem, formats, and a batch that goes on past
# a bad file. GAPSCAN is the command to test (may carry a valgrind prefix).
set -u
G=${GAPSCAN:-./build/gapscan}
. "$(dirname "$0")/lib.sh"

SAMPLE=corpus/cvs/maria-garcia.md
printf 'Senior Data Engineer, Jan 2018 - Present\nPython, SQL, Apache Spark, Airflow\n' >"$T/cv.txt"
: >"$T/empty.txt"
printf '\177ELF\002\001\001\000\000\000\000\000binary' >"$T/prog.bin"
printf 'PK\003\004\024\000\000\000\010\000' >"$T/cv.docx"

# usage errors: 2
expect_exit 2 "no --target" -- "$T/cv.txt"
expect_exit 2 "no CV given" -- --target vp-ai-ml
expect_exit 2 "unknown target 'nope'" -- "$T/cv.txt" --target nope
expect_exit 2 "unknown option '--bogus'" -- --bogus
expect_exit 2 "bad --as-of '2026-13'" -- "$T/cv.txt" --target vp-ai-ml --as-of 2026-13
expect_exit 2 "unknown format 'xml'" -- "$T/cv.txt" --target vp-ai-ml --format xml
expect_exit 2 "needs a value" -- "$T/cv.txt" --target

# input errors: 3, each naming the file and the problem
expect_exit 3 "$T/missing.txt: no such file" -- "$T/missing.txt" --target vp-ai-ml
expect_exit 3 "$T/empty.txt: empty file" -- "$T/empty.txt" --target vp-ai-ml
expect_exit 3 "$T/prog.bin: binary file" -- "$T/prog.bin" --target vp-ai-ml
expect_exit 3 "$T/cv.docx: not a zip archive" -- "$T/cv.docx" --target vp-ai-ml
# a folder is a batch (tests/batch.sh); an empty one is an input error
mkdir "$T/nocvs"
expect_exit 3 "$T/nocvs: no CV files" -- "$T/nocvs" --target vp-ai-ml
expect_exit 3 "too large" -- "$T/cv.txt" --target vp-ai-ml --max-input 10

# a batch goes on past a bad file, reports it, and says so in the exit code
expect_exit 3 "$T/missing.txt: no such file" -- "$T/cv.txt" "$T/missing.txt" "$T/cv.txt" --target data-engineer --format jsonl
if [ "$(wc -l <"$T/out")" = 2 ]; then ok; else bad "batch printed $(wc -l <"$T/out") reports, want 2"; fi

# success paths
expect_exit 0 "" -- --help
grep -q "exit codes" "$T/out" && ok || bad "--help lacks the exit codes"
expect_exit 0 "" -- --version
grep -q "gapscan " "$T/out" && ok || bad "--version prints no version"
expect_exit 0 "" -- --list-targets
cp "$T/out" "$T/targets"
[ "$(wc -l <"$T/targets")" = 10 ] && ok || bad "--list-targets does not list ten targets"
for id in vp-data-engineering vp-ai-ml data-engineer lead-ml-engineer senior-ai-ml-engineer \
    lead-ai-engineer ai-training-specialist ai-ml-devops-engineer ai-ml-developer ai-ml-engineer; do
    grep -q "^$id " "$T/targets" && ok || bad "--list-targets lacks $id"
    expect_exit 0 "" -- "$SAMPLE" --target "$id" --as-of 2026-11 --format json
done
expect_exit 0 "" -- "$SAMPLE" --target vp-ai-ml --as-of 2026-11
grep -q "^Score [0-9]*/100" "$T/out" && ok || bad "text report has no score line"
grep -q "Requirements" "$T/out" && ok || bad "text report has no requirements"
expect_exit 0 "" -- "$T/cv.txt" --target=data-engineer --as-of=2026-11 --format=json
grep -q '"experience_years": 8.9' "$T/out" && ok || bad "json: experience_years is not 8.9"
# stdin
$G - --target data-engineer --as-of 2026-11 --format jsonl <"$T/cv.txt" >"$T/out" 2>"$T/err" &&
    grep -q '"cv":"-"' "$T/out" && ok || bad "stdin: $(cat "$T/err")"
# the same CV gives the same report twice (deterministic)
$G "$SAMPLE" --target vp-ai-ml --as-of 2026-11 --format json >"$T/a" 2>/dev/null
$G "$SAMPLE" --target vp-ai-ml --as-of 2026-11 --format json >"$T/b" 2>/dev/null
cmp -s "$T/a" "$T/b" && ok || bad "two runs differ"

# the lexicon commands
expect_exit 0 "" -- lexicon lookup "Go developer, PySpark on EKS; no experience with Kafka; R&D"
grep -q "^go  *Go (language" "$T/out" && ok || bad "lookup: Go developer is not go"
grep -q "^spark .*implied by pyspark" "$T/out" && ok || bad "lookup: spark not implied by pyspark"
grep -q "^kafka .*negated" "$T/out" && ok || bad "lookup: Kafka not shown as negated"
grep -q "^r " "$T/out" && bad "lookup: R&D gave r" || ok
expect_exit 0 "" -- lexicon stats
grep -q "^skills [0-9]* (curated" "$T/out" && ok || bad "stats: no skill count"
expect_exit 0 "" -- lexicon lint
grep -q "^0 problems" "$T/out" && ok || bad "lint: the built-in lexicon has problems: $(head -5 "$T/out")"
expect_exit 2 "usage: gapscan lexicon" -- lexicon frobnicate

# a user's lexicon on top of the built-in one
printf '# id\tname\tcategory\taliases\tflags\nacme-flow\tAcmeFlow\ttool\tAcme Flow|acmeflow\t\npython\tPython\tlanguage\tPy3\t\n' >"$T/my.tsv"
printf 'Built pipelines in Acme Flow and Py3.\n' >"$T/acme.txt"
expect_exit 0 "" -- "$T/acme.txt" --target data-engineer --lexicon "$T/my.tsv" --format json
grep -q '"id": "acme-flow"' "$T/out" && ok || bad "--lexicon: user skill not found"
grep -q '"id": "python"' "$T/out" && ok || bad "--lexicon: user alias for a built-in skill not found"
printf 'Bad_Id\tX\ttool\n' >"$T/bad.tsv"
expect_exit 2 "bad.tsv:1: bad skill id" -- "$T/acme.txt" --target data-engineer --lexicon "$T/bad.tsv"
printf 'my-sql2\tMy SQL two\ttool\tSQL\n' >"$T/clash.tsv"
expect_exit 2 "clash.tsv:1: 'SQL' already stands for 'sql'" -- "$T/acme.txt" --target data-engineer --lexicon "$T/clash.tsv"
expect_exit 2 "nope.tsv: no such file" -- "$T/acme.txt" --target data-engineer --lexicon "$T/nope.tsv"

# job descriptions as targets, role files, the role commands
JD=tests/jobs/backend-bullets.jd.txt
expect_exit 0 "" -- role compile "$JD" -o "$T/role.xml"
grep -q '<requirement id="years-python" importance="required">' "$T/role.xml" && ok || bad "role compile: no years-python requirement"
grep -q '<not-checked/>' "$T/role.xml" && bad "role compile: a known skill left unchecked" || ok
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --relaxng corpus/roles/role.rng "$T/role.xml" 2>/dev/null && ok || bad "role compile: the role file does not validate"
fi
expect_exit 0 "" -- "$SAMPLE" --role-file "$T/role.xml" --as-of 2026-11 --format json
grep -q '"id": "degree-bachelor"' "$T/out" && ok || bad "--role-file: requirement missing from the report"
cp "$T/out" "$T/from-file.json"
expect_exit 0 "" -- "$SAMPLE" --job "$JD" --as-of 2026-11 --format json
cmp -s "$T/out" "$T/from-file.json" && ok || bad "--job and --role-file of the compiled role differ"
expect_exit 0 "" -- "$SAMPLE" --job tests/jobs/frontend-html.jd.html --as-of 2026-11 --format json
grep -q '"not_checked"' "$T/out" && ok || bad "--job: no not_checked list"
grep -q '"text": "An eye for detail and empathy for users"' "$T/out" && ok || bad "--job: unchecked requirement not listed"
expect_exit 0 "" -- "$SAMPLE" --job tests/jobs/frontend-html.jd.html --as-of 2026-11
grep -q '^Not checked' "$T/out" && ok || bad "--job: text report lacks 'Not checked'"
# an ad titled like a built-in target is not that target: its id says so
printf 'Data Engineer\n\nRequirements:\n- Python and SQL\n' >"$T/de.jd.txt"
expect_exit 0 "" -- role compile "$T/de.jd.txt"
grep -q '<role id="data-engineer-job" title="Data Engineer"' "$T/out" && ok || bad "role compile: a built-in id taken: $(sed -n 2p "$T/out")"
expect_exit 0 "" -- roles
grep -q '^vp-ai-ml ' "$T/out" && ok || bad "roles: vp-ai-ml not listed"
expect_exit 0 "" -- roles show data-engineer
grep -q 'any of (python, java, scala)' "$T/out" && ok || bad "roles show: programming requirement not described"
expect_exit 0 "" -- roles show "$T/role.xml"
grep -q '^Required' "$T/out" && ok || bad "roles show FILE: no Required list"
expect_exit 2 "unknown target" -- roles show nope
# figures as a person writes them, however small: never 1e-05
sed 's/min-years="7" max-years="10"/min-years="0.00001" max-years="10.5"/; 0,/<requirement /s/<requirement /<requirement weight="0.00002" /' \
    corpus/roles/vp-ai-ml.xml >"$T/tiny.xml"
expect_exit 0 "" -- roles show "$T/tiny.xml"
grep -q '(weight 0.00002)' "$T/out" && grep -q '0.00001+ years (at most 10.5 counted)' "$T/out" &&
    ! grep -q 'e-0' "$T/out" && ok || bad "roles show: a small figure in exponent form"
expect_exit 2 "usage: gapscan roles" -- roles frobnicate
printf '<role id="x" title="X" source="x.txt">\n<summary>s</summary>\n<requirement id="a" importance="required"><text>t</text><skill ref="no-such-skill"/></requirement>\n</role>\n' >"$T/bad-role.xml"
expect_exit 2 "bad-role.xml:3: unknown skill 'no-such-skill'" -- "$SAMPLE" --role-file "$T/bad-role.xml"
printf '<role id="x" title="X">\n<summary>s</summary>\n<oops/>\n' >"$T/broken.xml"
expect_exit 2 "broken.xml:4:" -- "$SAMPLE" --role-file "$T/broken.xml"
expect_exit 2 "nope.xml" -- "$SAMPLE" --role-file "$T/nope.xml"
printf 'About us\nWe are a friendly team in Porto.\nCome and say hello.\n' >"$T/nothing.jd.txt"
expect_exit 3 "no requirement found" -- "$SAMPLE" --job "$T/nothing.jd.txt"
expect_exit 3 "nope.txt" -- "$SAMPLE" --job "$T/nope.txt"
expect_exit 2 "not both" -- "$SAMPLE" --job "$JD" --role-file "$T/role.xml"
expect_exit 2 "take the place of --target" -- "$SAMPLE" --job "$JD" --target vp-ai-ml

finish cli
