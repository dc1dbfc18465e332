#!/bin/bash
# completion.sh - the bash completion (completion/gapscan.bash) as bash runs
# it: COMP_WORDS and COMP_CWORD set, _gapscan called, COMPREPLY checked. Its
# list of options is the one `gapscan --help` gives. GAPSCAN is the program
# (no valgrind prefix: completion runs it to list the targets).
set -u
G=${GAPSCAN:-./build/gapscan}
. "$(dirname "$0")/lib.sh"

source completion/gapscan.bash || { echo "cannot source completion/gapscan.bash"; exit 1; }
complete -p gapscan >/dev/null 2>&1 && ok || bad "no completion registered for gapscan"

# complete WORD... : the words of a command line, the last one being completed
complete_line() {
    COMP_WORDS=("$G" "$@")
    COMP_CWORD=$#
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _gapscan
    printf '%s\n' "${COMPREPLY[@]}"
}

# expect 'WANTED' WORD... : the completions include every WANTED word
expect() {
    local want=$1 got w
    shift
    got=$(complete_line "$@")
    for w in $want; do
        if ! grep -qx -- "$w" <<<"$got"; then
            bad "completing '$*': no '$w' in: $(tr '\n' ' ' <<<"$got")"
            return
        fi
    done
    ok
}
# only 'WANTED' WORD... : exactly these completions
only() {
    local want=$1 got
    shift
    got=$(complete_line "$@" | sort | tr '\n' ' ')
    [ "$got" = "$want " ] && ok || bad "completing '$*': got '$got', want '$want '"
}

expect '--target' --tar
only '--target' --tar
expect '--format --output --role-file --rescan' --
only '--color --colour' --col
only '--color=' --color
only '--rescan' --resc
only 'vp-ai-ml vp-data-engineering' cv.txt --target vp-
only 'data-engineer' cv.txt -t data-e
expect 'all ai-ml-engineer lead-ai-engineer' cv.txt --target ''
only 'html' cv.txt --format h
only 'json jsonl' cv.txt -f js
expect 'text table csv json jsonl html md' cv.txt --format ''
only 'always auto' cv.txt --color = a
only 'never' cv.txt --color = n
only 'report' rep
only 'role roles' rol
only 'show' roles s
only 'data-engineer' roles show data-
only 'lint lookup' lexicon l
only 'compile' role c
only 'corpus/cvs/maria-garcia.md' corpus/cvs/maria
only 'corpus/cvs/li-wei.md' cv.txt --db corpus/cvs/li
only 'corpus/roles/data-engineer.xml' cv.txt --role-file corpus/roles/data-e

# the options it offers are those of --help, and the reverse
help=$($G --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
comp=$(printf '%s\n' $_gapscan_opts | sort -u | tr '\n' ' ')
[ "$help" = "$comp" ] && ok || bad "options: --help has '$help', completion has '$comp'"

finish completion
