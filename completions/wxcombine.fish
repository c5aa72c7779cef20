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
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "profile" -d 'Inspect profiles'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "sandbox" -d 'Run and drive a local WeChat Pay APIv3 emulator'
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
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -f -a "serve" -d 'Start the emulator and serve until interrupted'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -f -a "pay" -d 'Play the payer: pay every sub-order of a combine order'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -f -a "seed" -d 'Create many paid combine orders on one day, for bills'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -f -a "fault" -d 'Arm a fault for the next request(s), or list or clear them'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on (port 0 picks a free port)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l data-dir -d 'Where keys and state live [default: <data dir>/wxcombine/sandbox]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l write-config -d 'Write a config with profiles sandbox, sandbox-sub1 and sandbox-sub2 pointing at this server' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l key-mode -d 'How WeChat Pay\'s side signs: public key (PUB_KEY_ID_…), platform certificate, or both' -r -f -a "pubkey\t'微信支付公钥 only: `Wechatpay-Serial: PUB_KEY_ID_…`; `/v3/certificates` answers 404'
cert\t'Platform certificate only'
mixed\t'Migration: both; the request\'s `Wechatpay-Serial` picks the key that signs the response'"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l notify-speed -d 'Run the notification retry schedule N times faster' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l strict-close-delay -d 'Refuse closing an order within 5 minutes of its creation'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l reject-replay -d 'Refuse a request whose (mchid, nonce_str) was already used within 5 minutes'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l repeat-close-ok -d 'Answer 204 to closing an already closed order (default: 400 ORDER_CLOSED)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l duplicate-notifications -d 'Deliver every acknowledged notification once more, as WeChat Pay sometimes does'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l allow-remote -d 'Allow a non-loopback --listen address (the control endpoints are unauthenticated)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l date -d 'Day the orders were paid (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l orders -d 'How many combine orders' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l count -d 'How many requests it applies to' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l path -d 'Only requests whose path starts with PREFIX' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l ms -d 'Milliseconds of added latency (latency only)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l timeout -d 'Per-request timeout in seconds' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l retries -d 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Start the emulator and serve until interrupted'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "pay" -d 'Play the payer: pay every sub-order of a combine order'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "seed" -d 'Create many paid combine orders on one day, for bills'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "fault" -d 'Arm a fault for the next request(s), or list or clear them'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay profile sandbox completions help" -f -a "sign-pay" -d 'Generate the parameters for wx.requestPayment'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay profile sandbox completions help" -f -a "profile" -d 'Inspect profiles'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay profile sandbox completions help" -f -a "sandbox" -d 'Run and drive a local WeChat Pay APIv3 emulator'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay profile sandbox completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from sign-pay profile sandbox completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles in the config file'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show one profile\'s settings (secrets are never shown)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "check" -d 'Check a profile\'s keys, certificates and verifier'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Start the emulator and serve until interrupted'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "pay" -d 'Play the payer: pay every sub-order of a combine order'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "seed" -d 'Create many paid combine orders on one day, for bills'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "fault" -d 'Arm a fault for the next request(s), or list or clear them'
