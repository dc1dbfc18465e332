# gapscan.bash - bash completion for gapscan(1): options, formats, colour
# modes, subcommands, and target ids (asked of the gapscan being completed,
# so a --lexicon or a newer build is always right). Installed by `make
# install` as share/bash-completion/completions/gapscan; to try it from the
# source tree: source completion/gapscan.bash

_gapscan_opts='--target --format --output --color --colour --jobs --db --rescan
--cv --stdin-jsonl --as-of --max-input --lexicon --list-targets --job
--role-file --help --version'
_gapscan_formats='text table csv json jsonl html md'

# The target ids, from `gapscan roles` of the command being completed.
_gapscan_targets()
{
    local cmd=${COMP_WORDS[0]}
    [[ $cmd == "~"/* ]] && cmd=$HOME/${cmd#"~"/}
    command -v -- "$cmd" >/dev/null 2>&1 || cmd=gapscan
    "$cmd" roles 2>/dev/null | while read -r id _; do printf '%s\n' "$id"; done
}

# COMPREPLY from a list of words (none has a space), or from file names.
_gapscan_words()
{
    local IFS=$' \t\n'
    COMPREPLY=($(compgen -W "$1" -- "$2"))
}

_gapscan_files()
{
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$1"))
}

_gapscan()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} opt=
    COMPREPLY=()
    # "--color=al": bash splits it at '=' (COMP_WORDBREAKS)
    if [[ $cur == "=" ]]; then
        opt=$prev
        cur=
    elif [[ $prev == "=" ]] && ((COMP_CWORD >= 2)); then
        opt=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == --*=* ]]; then
        opt=${cur%%=*}
        cur=${cur#*=}
    fi
    case $opt in
    --color | --colour) _gapscan_words 'auto always never' "$cur"; return ;;
    --format) _gapscan_words "$_gapscan_formats" "$cur"; return ;;
    --target) _gapscan_words "$(_gapscan_targets)"$'\n'all "$cur"; return ;;
    --*) _gapscan_files "$cur"; return ;;
    esac
    case $prev in
    -t | --target) _gapscan_words "$(_gapscan_targets)"$'\n'all "$cur"; return ;;
    -f | --format) _gapscan_words "$_gapscan_formats" "$cur"; return ;;
    -j | --jobs) _gapscan_words $'1\n2\n4\n8' "$cur"; return ;;
    --as-of) _gapscan_words "$(date +%Y-%m)" "$cur"; return ;;
    --max-input) return ;;
    -o | --output | --db | --lexicon | --job | --role-file | --cv) _gapscan_files "$cur"; return ;;
    esac
    if [[ $cur == -* ]]; then
        _gapscan_words "$(printf '%s\n' $_gapscan_opts)"$'\n-t\n-f\n-o\n-j\n-h\n-V' "$cur"
        # "--color" takes its value after '=': no space after it
        if [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == --colo*r ]]; then
            compopt -o nospace 2>/dev/null
            COMPREPLY=("${COMPREPLY[0]}=")
        fi
        return
    fi
    case "${COMP_WORDS[1]}" in
    roles)
        if ((COMP_CWORD == 2)); then _gapscan_words show "$cur"; return; fi
        if ((COMP_CWORD == 3)); then
            _gapscan_words "$(_gapscan_targets)" "$cur"
            local IFS=$'\n'
            COMPREPLY+=($(compgen -f -X '!*.xml' -- "$cur"))
            return
        fi
        return ;;
    role)
        if ((COMP_CWORD == 2)); then _gapscan_words compile "$cur"; return; fi
        ;;
    lexicon)
        if ((COMP_CWORD == 2)); then _gapscan_words $'lookup\nstats\nlint' "$cur"; fi
        return ;;
    esac
    if ((COMP_CWORD == 1)); then
        _gapscan_files "$cur"
        local IFS=$'\n'
        COMPREPLY+=($(compgen -W $'report\nroles\nrole\nlexicon' -- "$cur"))
        return
    fi
    _gapscan_files "$cur"
}
complete -F _gapscan gapscan
