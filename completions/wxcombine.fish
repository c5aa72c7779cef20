# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_wxcombine_global_optspecs
    string join \n config= profile= o/output= base-url= timeout= retries= v/verbose q/quiet no-progress color= h/help V/version
end

function __fish_wxcombine_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_wxcombine_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_wxcombine_using_subcommand
    set -l cmd (__fish_wxcombine_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c wxcombine -n "__fish_wxcombine_needs_command" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "sign-pay" -d 'Generate the parameters for wx.requestPayment'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "bill" -d 'Work with bills (交易账单, 资金账单)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "profile" -d 'Inspect profiles'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l prepay-id -d 'The prepay_id from prepay, bare or as prepay_id=…' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l appid -d 'AppID [default: the profile\'s appid]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l timestamp -d 'Unix time in seconds [default: now]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l nonce -d 'Random string, up to 32 letters and digits [default: 32 random alphanumerics]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l verify -d 'Check PAYSIGN against the inputs with the merchant key\'s public half (exit 0 or 6)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l app -d 'Produce the APP variant (appid, partnerid, prepayid, package=Sign=WXPay, noncestr, timestamp, sign)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l explain -d 'Also print the exact string that was signed (to stderr)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -s h -l help -d 'Print help'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -f -a "parse" -d 'Parse a bill file into records and its summary'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from parse help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l check -d 'Check that the records add up to the summary line (count and every total); exit 6 if not'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l csv -d 'Print the records as CSV, with the JSON keys as header row (overrides -o)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "parse" -d 'Parse a bill file into records and its summary'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s h -l help -d 'Print help'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "list" -d 'List the profiles in the config file'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "show" -d 'Show one profile\'s settings (secrets are never shown)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "check" -d 'Check a profile\'s keys, certificates and verifier'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles in the config file'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one profile\'s settings (secrets are never shown)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a profile\'s keys, certificates and verifier'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay bill profile completions help" -f -a "sign-pay" -d 'Generate the parameters for wx.requestPayment'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay bill profile completions help" -f -a "bill" -d 'Work with bills (交易账单, 资金账单)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay bill profile completions help" -f -a "profile" -d 'Inspect profiles'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay bill profile completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay bill profile completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from bill" -f -a "parse" -d 'Parse a bill file into records and its summary'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles in the config file'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show one profile\'s settings (secrets are never shown)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "check" -d 'Check a profile\'s keys, certificates and verifier'
