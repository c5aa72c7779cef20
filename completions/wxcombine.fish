# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_wxcombine_global_optspecs
    string join \n config= profile= o/output= base-url= allow-custom-host timeout= retries= v/verbose q/quiet no-progress color= h/help V/version
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
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "demo" -d 'Walk through a combine payment end to end against a local sandbox'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "prepay" -d 'Create a combine order (合单下单)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "query" -d 'Query combine orders (合单查询)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "close" -d 'Close a combine order (合单关单)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "refund" -d 'Refund sub-orders of combine orders, and follow the refunds (退款)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "sign-pay" -d 'Generate the parameters for wx.requestPayment'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "bill" -d 'Work with bills (交易账单, 资金账单)'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "notify" -d 'Verify and decrypt payment notifications'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "certs" -d 'Platform certificates'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "profile" -d 'Create and inspect profiles'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "sandbox" -d 'Run and drive a local WeChat Pay APIv3 emulator'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c wxcombine -n "__fish_wxcombine_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l key-mode -d 'How the sandbox signs: WeChat Pay public key, platform certificate, or both (mixed: the migration, narrated key by key)' -r -f -a "pubkey\t'微信支付公钥 only: `Wechatpay-Serial: PUB_KEY_ID_…`; `/v3/certificates` answers 404'
cert\t'Platform certificate only'
mixed\t'Migration: both; a request naming the PUB_KEY_ID_… gets a public-key signature, any other (a certificate serial, or no Wechatpay-Serial) a certificate one; notifications use either'"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l keep -d 'Keep the sandbox\'s temp dir (keys, state, config, bill) and print where it is'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand demo" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l scene -d 'Payment scene: endpoint /v3/combine-transactions/{scene}' -r -f -a "jsapi\t''
app\t''
h5\t''
native\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l combine-out-trade-no -d 'Combine order number [default: generated, e.g. C20260101120000123456]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l openid -d 'Payer openid under the combine appid (required for jsapi)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l sub-order -d 'A sub-order: key=value pairs joined by commas, or a JSON object (repeat for each)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l body -d 'A whole request body as JSON (FILE, or - for stdin); flags and the profile fill what it lacks' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l notify-url -d 'Notify URL [default: the profile\'s notify_url]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l expire-in -d 'Payment deadline from now, e.g. 30m, 2h, 1d' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l time-expire -d 'Payment deadline as RFC 3339 with +08:00, e.g. 2026-01-01T12:00:00+08:00' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l payer-ip -d 'Payer client IP (scene_info.payer_client_ip; required for h5)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l device-id -d 'Device id (scene_info.device_id)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l h5-type -d 'H5 client type (scene_info.h5_info.type; required for h5)' -r -f -a "Wap\t''
iOS\t''
Android\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l appid -d 'Combine appid [default: the profile\'s appid]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l sign -d 'Also output the wx.requestPayment parameters (jsapi) or the APP parameters (app)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l dry-run -d 'Print the method, URL, body and exact string to sign; send nothing'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand prepay" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l from -d 'Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l concurrency -d 'Queries in flight at once' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand query" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l sub-order -d 'A sub-order to list: mchid=…,out_trade_no=…[,sub_mchid=…] (repeat for each; all of them)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l appid -d 'Combine appid [default: from the query, else the profile\'s appid]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -s y -l yes -d 'Do not ask for confirmation'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l dry-run -d 'Print the close request and the exact string to sign; send no close request'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand close" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -s h -l help -d 'Print help'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -f -a "create" -d 'Refund a paid sub-order of a combine order (申请退款)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -f -a "query" -d 'Query refunds by out_refund_no (查询单笔退款)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -f -a "list" -d 'List the refunds of a combine order, with what is still refundable'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -f -a "watch" -d 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and not __fish_seen_subcommand_from create query list watch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l sub-order -d 'The sub-order to refund (its out_trade_no)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l amount -d 'Amount to refund in fen [default: all that is still refundable]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l reason -d 'Reason shown to the payer (at most 80 bytes)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l out-refund-no -d 'Refund number to use instead of R<out_trade_no>-<n> (1-64 of 0-9 A-Z a-z _ - | * @)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l notify-url -d 'Where WeChat Pay sends the REFUND.* notification [default: the platform\'s setting]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l funds-account -d 'Take the money from the available balance (old fund-flow merchants)' -r -f -a "AVAILABLE\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l wait -d 'Poll until SUCCESS, CLOSED or ABNORMAL, at most DURATION [default: 2h]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l all -d 'Refund every paid sub-order in full (one refund each)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l again -d 'Refund even though a refund of the same amount was made in the last 24 hours'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -s y -l yes -d 'Do not ask for confirmation'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the request and the exact string to sign; send no refund'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l from -d 'Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l sub-mchid -d 'The sub-merchant of the refunds (服务商 profiles)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l concurrency -d 'Queries in flight at once' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l sub-mchid -d 'The sub-merchant of the refunds (服务商 profiles)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l wait -d 'Give up after DURATION, e.g. 30m (the global --timeout is the limit of each request)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from watch" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "create" -d 'Refund a paid sub-order of a combine order (申请退款)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "query" -d 'Query refunds by out_refund_no (查询单笔退款)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the refunds of a combine order, with what is still refundable'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l app -d 'Produce the APP variant (appid, partnerid, prepayid, package=Sign=WXPay, noncestr, timestamp, sign)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l explain -d 'Also print the exact string that was signed (to stderr)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sign-pay" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -s h -l help -d 'Print help'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -f -a "fetch" -d 'Apply for a bill and show its hash and download URL'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -f -a "download" -d 'Download bills, verify their SHA-1 and write them atomically'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -f -a "parse" -d 'Parse a bill file into records and its summary'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -f -a "reconcile" -d 'Reconcile the day\'s trade bills against the merchant\'s own records'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -f -a "summary" -d 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and not __fish_seen_subcommand_from fetch download parse reconcile summary help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l date -d 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l kind -d 'Trade bill (交易账单) or fund-flow bill (资金账单)' -r -f -a "trade\t''
fundflow\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l type -d 'Trade bill type' -r -f -a "ALL\t''
SUCCESS\t''
REFUND\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l account-type -d 'Fund-flow account' -r -f -a "BASIC\t''
OPERATION\t''
FEES\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l sub-mchid -d 'A sub-merchant\'s trade bill (服务商 only)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l gzip -d 'Transfer the bill gzip-compressed (tar_type=GZIP); the SHA-1 is still over the decompressed bytes'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from fetch" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l date -d 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l from -d 'First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l to -d 'Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l url -d 'A download_url applied for elsewhere (needs --hash and --out)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l hash -d 'The hash_value that came with --url' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l kind -d 'Trade bill (交易账单) or fund-flow bill (资金账单)' -r -f -a "trade\t''
fundflow\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l type -d 'Trade bill type' -r -f -a "ALL\t''
SUCCESS\t''
REFUND\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l account-type -d 'Fund-flow account' -r -f -a "BASIC\t''
OPERATION\t''
FEES\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l sub-mchid -d 'A sub-merchant\'s trade bill (服务商 only)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l out -d 'Write to PATH (one date only), or - for stdout' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l dir -d 'Folder for the default file names <kind>bill_<date>_<type>.csv' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l wait -d 'While the bill is being generated (STATEMENT_CREATING), keep retrying for this long, e.g. 2h' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l sub-mchid-from -d '服务商: download the trade bill of every sub_mchid in FILE (one a line, # comments; - reads standard input), one result row each' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l concurrency -d 'With --sub-mchid-from: how many bills are in flight at once' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l bill-rate -d 'With --sub-mchid-from: bill applications per second, at most (a steady pace under WeChat Pay\'s limit; 429 FREQUENCY_LIMITED is retried after a back-off)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l mode -d 'Permissions of the bill files written, in octal, e.g. 640 [default: 600]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l gzip -d 'Transfer the bill gzip-compressed (tar_type=GZIP); the SHA-1 is still over the decompressed bytes'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l force -d 'Replace an existing file whose hash differs'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l keep-gzip -d 'Also keep the compressed transfer as PATH.gz (needs --gzip)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l all-profiles -d 'Download with every profile of the config (all sandbox profiles when the current one is a sandbox profile, all others otherwise); --profile a,b names several'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from download" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l check -d 'Check that the records add up to the summary line (count and every total); exit 6 if not'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l csv -d 'Print the records as CSV, with the JSON keys as header row (overrides -o)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from parse" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l date -d 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l from -d 'First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l to -d 'Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l bill -d 'Trade bill files on disk (plain or gzip) instead of downloading' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l orders -d 'The merchant\'s export: CSV with a header, or JSON lines; - reads standard input' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l map -d 'Columns of the export under other names, e.g. out_trade_no=order_id,amount=total_fen' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l tolerance-days -d 'Also look in the bills of the N days before and after (orders near midnight)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l format -d 'The discrepancy lines of -o jsonl: JSON lines (default) or CSV with a header' -r -f -a "csv\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l sub-mchid -d 'A sub-merchant\'s trade bills (服务商 only)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l dir -d 'Keep the downloaded bills in DIR (an up-to-date bill there is not downloaded again)' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l all-profiles -d 'Reconcile the bills of every profile of the config as one bill set (all sandbox profiles when the current one is a sandbox profile, all others otherwise); --profile a,b names several'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from reconcile" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l from -d 'First date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l to -d 'Last date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l by -d 'One row per day, per merchant (mchid) or per sub-merchant (sub_mchid)' -r -f -a "day\t''
mchid\t''
sub_mchid\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l dir -d 'Folder of the bills under their default names (as `bill download --dir` wrote them)' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l bill -d 'Trade bill files (plain or gzip) instead of the default names; the date is read from the name' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l sub-mchid -d 'A sub-merchant\'s trade bills (服务商 only): its default names, or what --fetch downloads' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l fetch -d 'Download and verify the bills into --dir first, as `bill download` does'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l csv -d 'Print the rows as CSV with a header row, for a spreadsheet (overrides -o)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from summary" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Apply for a bill and show its hash and download URL'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "download" -d 'Download bills, verify their SHA-1 and write them atomically'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "parse" -d 'Parse a bill file into records and its summary'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "reconcile" -d 'Reconcile the day\'s trade bills against the merchant\'s own records'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "summary" -d 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand bill; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -s h -l help -d 'Print help'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -f -a "decrypt" -d 'Verify and decrypt a captured payment notification'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -f -a "listen" -d 'Receive notifications locally while developing a handler'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -f -a "replay" -d 'Re-deliver a captured notification to an endpoint'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and not __fish_seen_subcommand_from decrypt listen replay help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l body -d 'The notification body: FILE, or - for stdin [default: stdin unless --raw]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l headers -d 'Raw `Name: value` header lines (any case; `curl -v` prefixes are fine)' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l raw -d 'A whole raw HTTP request as captured: request line, headers, blank line, body' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l timestamp -d 'Wechatpay-Timestamp (overrides the captured header)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l nonce -d 'Wechatpay-Nonce (overrides the captured header)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l signature -d 'Wechatpay-Signature (overrides the captured header)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l serial -d 'Wechatpay-Serial (overrides the captured header)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l max-age -d 'Refuse a notification older than SECS [default: no limit, with a warning past 300 s]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l no-verify -d 'Decrypt without checking the signature (the age is still checked when --max-age is given)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from decrypt" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l listen -d 'Address to listen on: IP:PORT or NAME:PORT like localhost:8790 (port 0 picks a free one)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l forward-to -d 'POST each decrypted notification to this URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l path -d 'Path that receives notifications' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l max-age -d 'Refuse notifications older than SECS' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l count -d 'Stop after this many distinct valid notifications (for scripts and tests)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l save-raw -d 'Save every delivery\'s raw HTTP request in DIR as <time>-<id>.http (mode 0600), the format `notify decrypt --raw` and `notify replay` read' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l allow-remote -d 'Allow a non-loopback --listen address'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from listen" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l to -d 'The endpoint to deliver it to (http:// or https://)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "decrypt" -d 'Verify and decrypt a captured payment notification'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "listen" -d 'Receive notifications locally while developing a handler'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Re-deliver a captured notification to an endpoint'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -s h -l help -d 'Print help'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -f -a "download" -d 'Download, decrypt and verify the platform certificates'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -f -a "list" -d 'Show the profile\'s verifiers: public key and platform certificates, with their dates'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and not __fish_seen_subcommand_from download list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l dir -d 'Folder for the certificates [default: the profile\'s platform_cert_dir]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from download" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "download" -d 'Download, decrypt and verify the platform certificates'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show the profile\'s verifiers: public key and platform certificates, with their dates'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -s h -l help -d 'Print help'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -f -a "init" -d 'Create a profile from a merchant\'s files'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -f -a "list" -d 'List the profiles in the config file'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -f -a "show" -d 'Show one profile\'s settings (secrets are never shown)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -f -a "check" -d 'Check a profile\'s keys, certificates and verifier, offline and online'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and not __fish_seen_subcommand_from init list show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l mchid -d 'Merchant id (商户号) that signs the requests' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l private-key -d 'Merchant API private key (apiclient_key.pem, PKCS#8 or PKCS#1 PEM)' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l merchant-cert -d 'Merchant API certificate (apiclient_cert.pem); its serial becomes serial_no [default: apiclient_cert.pem beside the private key, if there is one]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l public-key -d 'WeChat Pay public key (pub_key.pem): public-key mode' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l public-key-id -d 'Its id, PUB_KEY_ID_ followed by digits' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l platform-cert-dir -d 'Folder for platform certificates (filled by `certs download`): certificate mode; with --public-key as well, mixed mode' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l apiv3-key-env -d 'Environment variable holding the APIv3 key (the key is never a command-line argument)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l apiv3-key-file -d 'File holding the APIv3 key (32 bytes; one trailing newline is ignored)' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l appid -d 'Default AppID for prepay and sign-pay' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l notify-url -d 'Default notify_url for prepay' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l env -d 'The profile\'s env label' -r -f -a "production\t''
sandbox\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l check -d 'Run `profile check NAME` afterwards (one signed read-only request)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l force -d 'Replace an existing profile of that name'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from list" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
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
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from show" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
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
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l offline -d 'Only the offline checks; send no request'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create a profile from a merchant\'s files'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles in the config file'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one profile\'s settings (secrets are never shown)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a profile\'s keys, certificates and verifier, offline and online'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "serve" -d 'Start the emulator and serve until interrupted'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "pay" -d 'Play the payer: pay every sub-order of a combine order'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "seed" -d 'Create many paid combine orders on one day, for bills'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "fault" -d 'Arm a fault for the next request(s), or list or clear them'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "rotate-cert" -d 'Publish a new platform certificate, as WeChat Pay does before a rotation'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "orders" -d 'List the sandbox\'s combine orders, or show one'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "notifications" -d 'List the notifications the sandbox sent, with every delivery attempt'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "requests" -d 'Show the API requests the sandbox received (its request log)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "clock" -d 'Show or move the sandbox\'s business clock'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and not __fish_seen_subcommand_from serve pay seed fault rotate-cert orders notifications requests clock help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on: IP:PORT or NAME:PORT like localhost:8780 (port 0 picks a free port)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l data-dir -d 'Where keys and state live [default: <data dir>/wxcombine/sandbox]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l write-config -d 'Add profiles sandbox, sandbox-sub1, sandbox-sub2 for this server to a config file, keeping its other profiles' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l key-mode -d 'How WeChat Pay\'s side signs: public key (PUB_KEY_ID_…), platform certificate, or both' -r -f -a "pubkey\t'微信支付公钥 only: `Wechatpay-Serial: PUB_KEY_ID_…`; `/v3/certificates` answers 404'
cert\t'Platform certificate only'
mixed\t'Migration: both; a request naming the PUB_KEY_ID_… gets a public-key signature, any other (a certificate serial, or no Wechatpay-Serial) a certificate one; notifications use either'"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l notify-speed -d 'Run the notification retry schedule N times faster' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l refund-delay -d 'How long a refund stays PROCESSING before it ends, in business time (--notify-speed shortens it too)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l out-trade-no-min -d 'Shortest order number accepted: 1, 2 or 6 characters (the docs disagree; 6 is strictest)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sub-merchants -d 'With --service-provider: register N more 二级商户 (ids 1990000001, 1990000002, …) of the main 服务商; `sandbox seed` spreads its orders over all of them' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l bill-rate -d 'Answer the bill-apply endpoints 429 FREQUENCY_LIMITED beyond R requests per second per merchant (default: no limit)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l strict-close-delay -d 'Refuse closing an order within 5 minutes of its creation'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l reject-replay -d 'Refuse a request whose (mchid, nonce_str) was already used within 5 minutes'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l repeat-close-ok -d 'Answer 204 to closing an already closed order (default: 400 ORDER_CLOSED)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l duplicate-notifications -d 'Deliver every acknowledged notification once more, as WeChat Pay sometimes does'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l allow-remote -d 'Allow a non-loopback --listen address (the control endpoints are unauthenticated)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l service-provider -d 'Make the main merchant a 服务商 whose 二级商户 (sub_mchid) are sandbox-sub1 and sandbox-sub2'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
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
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l date -d 'Day the orders were paid: YYYY-MM-DD, today or yesterday (Beijing time)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l orders -d 'How many combine orders' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from seed" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
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
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from rotate-cert" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l limit -d 'How many of the newest orders to list' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from orders" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l order -d 'Only the notifications of this combine order' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from notifications" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l since -d 'Only requests with an id above ID' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l follow -d 'Keep printing new requests as they arrive (stop with Ctrl-C)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from requests" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -f -a "show" -d 'Show business time and its offset from real time'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -f -a "set" -d 'Set business time to an RFC 3339 instant'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -f -a "advance" -d 'Move business time forward'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -f -a "reset" -d 'Back to real time (offset 0)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from clock" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Start the emulator and serve until interrupted'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "pay" -d 'Play the payer: pay every sub-order of a combine order'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "seed" -d 'Create many paid combine orders on one day, for bills'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "fault" -d 'Arm a fault for the next request(s), or list or clear them'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "rotate-cert" -d 'Publish a new platform certificate, as WeChat Pay does before a rotation'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "orders" -d 'List the sandbox\'s combine orders, or show one'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "notifications" -d 'List the notifications the sandbox sent, with every delivery attempt'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "requests" -d 'Show the API requests the sandbox received (its request log)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "clock" -d 'Show or move the sandbox\'s business clock'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l config -d 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]' -r -F
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l profile -d 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
jsonl\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l base-url -d 'Override the profile\'s base URL' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l timeout -d 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l retries -d 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)' -r
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l color -d 'Colour on stderr (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l allow-custom-host -d 'Allow --base-url to name a host other than WeChat Pay\'s on a production profile'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s v -l verbose -d 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s q -l quiet -d 'No banner, no progress, no notices'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -l no-progress -d 'No progress bars'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand completions" -s V -l version -d 'Print version'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "demo" -d 'Walk through a combine payment end to end against a local sandbox'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "prepay" -d 'Create a combine order (合单下单)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "query" -d 'Query combine orders (合单查询)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "close" -d 'Close a combine order (合单关单)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "refund" -d 'Refund sub-orders of combine orders, and follow the refunds (退款)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "sign-pay" -d 'Generate the parameters for wx.requestPayment'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "bill" -d 'Work with bills (交易账单, 资金账单)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "notify" -d 'Verify and decrypt payment notifications'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "certs" -d 'Platform certificates'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "profile" -d 'Create and inspect profiles'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "sandbox" -d 'Run and drive a local WeChat Pay APIv3 emulator'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and not __fish_seen_subcommand_from demo prepay query close refund sign-pay bill notify certs profile sandbox completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from refund" -f -a "create" -d 'Refund a paid sub-order of a combine order (申请退款)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from refund" -f -a "query" -d 'Query refunds by out_refund_no (查询单笔退款)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from refund" -f -a "list" -d 'List the refunds of a combine order, with what is still refundable'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from refund" -f -a "watch" -d 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from bill" -f -a "fetch" -d 'Apply for a bill and show its hash and download URL'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from bill" -f -a "download" -d 'Download bills, verify their SHA-1 and write them atomically'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from bill" -f -a "parse" -d 'Parse a bill file into records and its summary'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from bill" -f -a "reconcile" -d 'Reconcile the day\'s trade bills against the merchant\'s own records'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from bill" -f -a "summary" -d 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "decrypt" -d 'Verify and decrypt a captured payment notification'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "listen" -d 'Receive notifications locally while developing a handler'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "replay" -d 'Re-deliver a captured notification to an endpoint'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "download" -d 'Download, decrypt and verify the platform certificates'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "list" -d 'Show the profile\'s verifiers: public key and platform certificates, with their dates'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "init" -d 'Create a profile from a merchant\'s files'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles in the config file'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show one profile\'s settings (secrets are never shown)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "check" -d 'Check a profile\'s keys, certificates and verifier, offline and online'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Start the emulator and serve until interrupted'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "pay" -d 'Play the payer: pay every sub-order of a combine order'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "seed" -d 'Create many paid combine orders on one day, for bills'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "fault" -d 'Arm a fault for the next request(s), or list or clear them'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "rotate-cert" -d 'Publish a new platform certificate, as WeChat Pay does before a rotation'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "orders" -d 'List the sandbox\'s combine orders, or show one'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "notifications" -d 'List the notifications the sandbox sent, with every delivery attempt'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "requests" -d 'Show the API requests the sandbox received (its request log)'
complete -c wxcombine -n "__fish_wxcombine_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "clock" -d 'Show or move the sandbox\'s business clock'
