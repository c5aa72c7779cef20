
use builtin;
use str;

set edit:completion:arg-completer[wxcombine] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'wxcombine'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'wxcombine'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand demo 'Walk through a combine payment end to end against a local sandbox'
            cand prepay 'Create a combine order (合单下单)'
            cand query 'Query combine orders (合单查询)'
            cand close 'Close a combine order (合单关单)'
            cand refund 'Refund sub-orders of combine orders, and follow the refunds (退款)'
            cand sign-pay 'Generate the parameters for wx.requestPayment'
            cand bill 'Work with bills (交易账单, 资金账单)'
            cand notify 'Verify and decrypt payment notifications'
            cand certs 'Platform certificates'
            cand profile 'Create and inspect profiles'
            cand sandbox 'Run and drive a local WeChat Pay APIv3 emulator'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;demo'= {
            cand --key-mode 'How the sandbox signs: WeChat Pay public key, platform certificate, or both (mixed: the migration, narrated key by key)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --keep 'Keep the sandbox''s temp dir (keys, state, config, bill) and print where it is'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;prepay'= {
            cand --scene 'Payment scene: endpoint /v3/combine-transactions/{scene}'
            cand --combine-out-trade-no 'Combine order number [default: generated, e.g. C20260101120000123456]'
            cand --openid 'Payer openid under the combine appid (required for jsapi)'
            cand --sub-order 'A sub-order: key=value pairs joined by commas, or a JSON object (repeat for each)'
            cand --body 'A whole request body as JSON (FILE, or - for stdin); flags and the profile fill what it lacks'
            cand --notify-url 'Notify URL [default: the profile''s notify_url]'
            cand --expire-in 'Payment deadline from now, e.g. 30m, 2h, 1d'
            cand --time-expire 'Payment deadline as RFC 3339 with +08:00, e.g. 2026-01-01T12:00:00+08:00'
            cand --payer-ip 'Payer client IP (scene_info.payer_client_ip; required for h5)'
            cand --device-id 'Device id (scene_info.device_id)'
            cand --h5-type 'H5 client type (scene_info.h5_info.type; required for h5)'
            cand --appid 'Combine appid [default: the profile''s appid]'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --sign 'Also output the wx.requestPayment parameters (jsapi) or the APP parameters (app)'
            cand --dry-run 'Print the method, URL, body and exact string to sign; send nothing'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;query'= {
            cand --from 'Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped'
            cand --concurrency 'Queries in flight at once'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;close'= {
            cand --sub-order 'A sub-order to list: mchid=…,out_trade_no=…[,sub_mchid=…] (repeat for each; all of them)'
            cand --appid 'Combine appid [default: from the query, else the profile''s appid]'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --dry-run 'Print the close request and the exact string to sign; send no close request'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;refund'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Refund a paid sub-order of a combine order (申请退款)'
            cand query 'Query refunds by out_refund_no (查询单笔退款)'
            cand list 'List the refunds of a combine order, with what is still refundable'
            cand watch 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;refund;create'= {
            cand --sub-order 'The sub-order to refund (its out_trade_no)'
            cand --amount 'Amount to refund in fen [default: all that is still refundable]'
            cand --reason 'Reason shown to the payer (at most 80 bytes)'
            cand --out-refund-no 'Refund number to use instead of R<out_trade_no>-<n> (1-64 of 0-9 A-Z a-z _ - | * @)'
            cand --notify-url 'Where WeChat Pay sends the REFUND.* notification [default: the platform''s setting]'
            cand --funds-account 'Take the money from the available balance (old fund-flow merchants)'
            cand --wait 'Poll until SUCCESS, CLOSED or ABNORMAL, at most DURATION [default: 2h]'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --all 'Refund every paid sub-order in full (one refund each)'
            cand --again 'Refund even though a refund of the same amount was made in the last 24 hours'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --dry-run 'Print the request and the exact string to sign; send no refund'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;refund;query'= {
            cand --from 'Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped'
            cand --sub-mchid 'The sub-merchant of the refunds (服务商 profiles)'
            cand --concurrency 'Queries in flight at once'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;refund;list'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;refund;watch'= {
            cand --sub-mchid 'The sub-merchant of the refunds (服务商 profiles)'
            cand --wait 'Give up after DURATION, e.g. 30m (the global --timeout is the limit of each request)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;refund;help'= {
            cand create 'Refund a paid sub-order of a combine order (申请退款)'
            cand query 'Query refunds by out_refund_no (查询单笔退款)'
            cand list 'List the refunds of a combine order, with what is still refundable'
            cand watch 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;refund;help;create'= {
        }
        &'wxcombine;refund;help;query'= {
        }
        &'wxcombine;refund;help;list'= {
        }
        &'wxcombine;refund;help;watch'= {
        }
        &'wxcombine;refund;help;help'= {
        }
        &'wxcombine;sign-pay'= {
            cand --prepay-id 'The prepay_id from prepay, bare or as prepay_id=…'
            cand --appid 'AppID [default: the profile''s appid]'
            cand --timestamp 'Unix time in seconds [default: now]'
            cand --nonce 'Random string, up to 32 letters and digits [default: 32 random alphanumerics]'
            cand --verify 'Check PAYSIGN against the inputs with the merchant key''s public half (exit 0 or 6)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --app 'Produce the APP variant (appid, partnerid, prepayid, package=Sign=WXPay, noncestr, timestamp, sign)'
            cand --explain 'Also print the exact string that was signed (to stderr)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;bill'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand fetch 'Apply for a bill and show its hash and download URL'
            cand download 'Download bills, verify their SHA-1 and write them atomically'
            cand parse 'Parse a bill file into records and its summary'
            cand reconcile 'Reconcile the day''s trade bills against the merchant''s own records'
            cand summary 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;bill;fetch'= {
            cand --date 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --kind 'Trade bill (交易账单) or fund-flow bill (资金账单)'
            cand --type 'Trade bill type'
            cand --account-type 'Fund-flow account'
            cand --sub-mchid 'A sub-merchant''s trade bill (服务商 only)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --gzip 'Transfer the bill gzip-compressed (tar_type=GZIP); the SHA-1 is still over the decompressed bytes'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;bill;download'= {
            cand --date 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --from 'First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --to 'Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --url 'A download_url applied for elsewhere (needs --hash and --out)'
            cand --hash 'The hash_value that came with --url'
            cand --kind 'Trade bill (交易账单) or fund-flow bill (资金账单)'
            cand --type 'Trade bill type'
            cand --account-type 'Fund-flow account'
            cand --sub-mchid 'A sub-merchant''s trade bill (服务商 only)'
            cand --out 'Write to PATH (one date only), or - for stdout'
            cand --dir 'Folder for the default file names <kind>bill_<date>_<type>.csv'
            cand --wait 'While the bill is being generated (STATEMENT_CREATING), keep retrying for this long, e.g. 2h'
            cand --sub-mchid-from '服务商: download the trade bill of every sub_mchid in FILE (one a line, # comments; - reads standard input), one result row each'
            cand --concurrency 'With --sub-mchid-from: how many bills are in flight at once'
            cand --bill-rate 'With --sub-mchid-from: bill applications per second, at most (a steady pace under WeChat Pay''s limit; 429 FREQUENCY_LIMITED is retried after a back-off)'
            cand --mode 'Permissions of the bill files written, in octal, e.g. 640 [default: 600]'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --gzip 'Transfer the bill gzip-compressed (tar_type=GZIP); the SHA-1 is still over the decompressed bytes'
            cand --force 'Replace an existing file whose hash differs'
            cand --keep-gzip 'Also keep the compressed transfer as PATH.gz (needs --gzip)'
            cand --all-profiles 'Download with every profile of the config (all sandbox profiles when the current one is a sandbox profile, all others otherwise); --profile a,b names several'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;bill;parse'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --check 'Check that the records add up to the summary line (count and every total); exit 6 if not'
            cand --csv 'Print the records as CSV, with the JSON keys as header row (overrides -o)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;bill;reconcile'= {
            cand --date 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --from 'First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --to 'Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --bill 'Trade bill files on disk (plain or gzip) instead of downloading'
            cand --orders 'The merchant''s export: CSV with a header, or JSON lines; - reads standard input'
            cand --map 'Columns of the export under other names, e.g. out_trade_no=order_id,amount=total_fen'
            cand --tolerance-days 'Also look in the bills of the N days before and after (orders near midnight)'
            cand --format 'The discrepancy lines of -o jsonl: JSON lines (default) or CSV with a header'
            cand --sub-mchid 'A sub-merchant''s trade bills (服务商 only)'
            cand --dir 'Keep the downloaded bills in DIR (an up-to-date bill there is not downloaded again)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --all-profiles 'Reconcile the bills of every profile of the config as one bill set (all sandbox profiles when the current one is a sandbox profile, all others otherwise); --profile a,b names several'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;bill;summary'= {
            cand --from 'First date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --to 'Last date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --by 'One row per day, per merchant (mchid) or per sub-merchant (sub_mchid)'
            cand --dir 'Folder of the bills under their default names (as `bill download --dir` wrote them)'
            cand --bill 'Trade bill files (plain or gzip) instead of the default names; the date is read from the name'
            cand --sub-mchid 'A sub-merchant''s trade bills (服务商 only): its default names, or what --fetch downloads'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --fetch 'Download and verify the bills into --dir first, as `bill download` does'
            cand --csv 'Print the rows as CSV with a header row, for a spreadsheet (overrides -o)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;bill;help'= {
            cand fetch 'Apply for a bill and show its hash and download URL'
            cand download 'Download bills, verify their SHA-1 and write them atomically'
            cand parse 'Parse a bill file into records and its summary'
            cand reconcile 'Reconcile the day''s trade bills against the merchant''s own records'
            cand summary 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;bill;help;fetch'= {
        }
        &'wxcombine;bill;help;download'= {
        }
        &'wxcombine;bill;help;parse'= {
        }
        &'wxcombine;bill;help;reconcile'= {
        }
        &'wxcombine;bill;help;summary'= {
        }
        &'wxcombine;bill;help;help'= {
        }
        &'wxcombine;notify'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand decrypt 'Verify and decrypt a captured payment notification'
            cand listen 'Receive notifications locally while developing a handler'
            cand replay 'Re-deliver a captured notification to an endpoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;notify;decrypt'= {
            cand --body 'The notification body: FILE, or - for stdin [default: stdin unless --raw]'
            cand --headers 'Raw `Name: value` header lines (any case; `curl -v` prefixes are fine)'
            cand --raw 'A whole raw HTTP request as captured: request line, headers, blank line, body'
            cand --timestamp 'Wechatpay-Timestamp (overrides the captured header)'
            cand --nonce 'Wechatpay-Nonce (overrides the captured header)'
            cand --signature 'Wechatpay-Signature (overrides the captured header)'
            cand --serial 'Wechatpay-Serial (overrides the captured header)'
            cand --max-age 'Refuse a notification older than SECS [default: no limit, with a warning past 300 s]'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --no-verify 'Decrypt without checking the signature (the age is still checked when --max-age is given)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;notify;listen'= {
            cand --listen 'Address to listen on: IP:PORT or NAME:PORT like localhost:8790 (port 0 picks a free one)'
            cand --forward-to 'POST each decrypted notification to this URL'
            cand --path 'Path that receives notifications'
            cand --max-age 'Refuse notifications older than SECS'
            cand --count 'Stop after this many distinct valid notifications (for scripts and tests)'
            cand --save-raw 'Save every delivery''s raw HTTP request in DIR as <time>-<id>.http (mode 0600), the format `notify decrypt --raw` and `notify replay` read'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-remote 'Allow a non-loopback --listen address'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;notify;replay'= {
            cand --to 'The endpoint to deliver it to (http:// or https://)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;notify;help'= {
            cand decrypt 'Verify and decrypt a captured payment notification'
            cand listen 'Receive notifications locally while developing a handler'
            cand replay 'Re-deliver a captured notification to an endpoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;notify;help;decrypt'= {
        }
        &'wxcombine;notify;help;listen'= {
        }
        &'wxcombine;notify;help;replay'= {
        }
        &'wxcombine;notify;help;help'= {
        }
        &'wxcombine;certs'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand download 'Download, decrypt and verify the platform certificates'
            cand list 'Show the profile''s verifiers: public key and platform certificates, with their dates'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;certs;download'= {
            cand --dir 'Folder for the certificates [default: the profile''s platform_cert_dir]'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;certs;list'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;certs;help'= {
            cand download 'Download, decrypt and verify the platform certificates'
            cand list 'Show the profile''s verifiers: public key and platform certificates, with their dates'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;certs;help;download'= {
        }
        &'wxcombine;certs;help;list'= {
        }
        &'wxcombine;certs;help;help'= {
        }
        &'wxcombine;profile'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a profile from a merchant''s files'
            cand list 'List the profiles in the config file'
            cand show 'Show one profile''s settings (secrets are never shown)'
            cand check 'Check a profile''s keys, certificates and verifier, offline and online'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;profile;init'= {
            cand --mchid 'Merchant id (商户号) that signs the requests'
            cand --private-key 'Merchant API private key (apiclient_key.pem, PKCS#8 or PKCS#1 PEM)'
            cand --merchant-cert 'Merchant API certificate (apiclient_cert.pem); its serial becomes serial_no [default: apiclient_cert.pem beside the private key, if there is one]'
            cand --public-key 'WeChat Pay public key (pub_key.pem): public-key mode'
            cand --public-key-id 'Its id, PUB_KEY_ID_ followed by digits'
            cand --platform-cert-dir 'Folder for platform certificates (filled by `certs download`): certificate mode; with --public-key as well, mixed mode'
            cand --apiv3-key-env 'Environment variable holding the APIv3 key (the key is never a command-line argument)'
            cand --apiv3-key-file 'File holding the APIv3 key (32 bytes; one trailing newline is ignored)'
            cand --appid 'Default AppID for prepay and sign-pay'
            cand --notify-url 'Default notify_url for prepay'
            cand --env 'The profile''s env label'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --check 'Run `profile check NAME` afterwards (one signed read-only request)'
            cand --force 'Replace an existing profile of that name'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;profile;list'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;profile;show'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;profile;check'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --offline 'Only the offline checks; send no request'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;profile;help'= {
            cand init 'Create a profile from a merchant''s files'
            cand list 'List the profiles in the config file'
            cand show 'Show one profile''s settings (secrets are never shown)'
            cand check 'Check a profile''s keys, certificates and verifier, offline and online'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;profile;help;init'= {
        }
        &'wxcombine;profile;help;list'= {
        }
        &'wxcombine;profile;help;show'= {
        }
        &'wxcombine;profile;help;check'= {
        }
        &'wxcombine;profile;help;help'= {
        }
        &'wxcombine;sandbox'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Start the emulator and serve until interrupted'
            cand pay 'Play the payer: pay every sub-order of a combine order'
            cand seed 'Create many paid combine orders on one day, for bills'
            cand fault 'Arm a fault for the next request(s), or list or clear them'
            cand rotate-cert 'Publish a new platform certificate, as WeChat Pay does before a rotation'
            cand orders 'List the sandbox''s combine orders, or show one'
            cand notifications 'List the notifications the sandbox sent, with every delivery attempt'
            cand requests 'Show the API requests the sandbox received (its request log)'
            cand clock 'Show or move the sandbox''s business clock'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;sandbox;serve'= {
            cand --listen 'Address to listen on: IP:PORT or NAME:PORT like localhost:8780 (port 0 picks a free port)'
            cand --data-dir 'Where keys and state live [default: <data dir>/wxcombine/sandbox]'
            cand --write-config 'Add profiles sandbox, sandbox-sub1, sandbox-sub2 for this server to a config file, keeping its other profiles'
            cand --key-mode 'How WeChat Pay''s side signs: public key (PUB_KEY_ID_…), platform certificate, or both'
            cand --notify-speed 'Run the notification retry schedule N times faster'
            cand --refund-delay 'How long a refund stays PROCESSING before it ends, in business time (--notify-speed shortens it too)'
            cand --out-trade-no-min 'Shortest order number accepted: 1, 2 or 6 characters (the docs disagree; 6 is strictest)'
            cand --sub-merchants 'With --service-provider: register N more 二级商户 (ids 1990000001, 1990000002, …) of the main 服务商; `sandbox seed` spreads its orders over all of them'
            cand --bill-rate 'Answer the bill-apply endpoints 429 FREQUENCY_LIMITED beyond R requests per second per merchant (default: no limit)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --strict-close-delay 'Refuse closing an order within 5 minutes of its creation'
            cand --reject-replay 'Refuse a request whose (mchid, nonce_str) was already used within 5 minutes'
            cand --repeat-close-ok 'Answer 204 to closing an already closed order (default: 400 ORDER_CLOSED)'
            cand --duplicate-notifications 'Deliver every acknowledged notification once more, as WeChat Pay sometimes does'
            cand --allow-remote 'Allow a non-loopback --listen address (the control endpoints are unauthenticated)'
            cand --service-provider 'Make the main merchant a 服务商 whose 二级商户 (sub_mchid) are sandbox-sub1 and sandbox-sub2'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;pay'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;seed'= {
            cand --date 'Day the orders were paid: YYYY-MM-DD, today or yesterday (Beijing time)'
            cand --orders 'How many combine orders'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;fault'= {
            cand --count 'How many requests it applies to'
            cand --path 'Only requests whose path starts with PREFIX'
            cand --ms 'Milliseconds of added latency (latency only)'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;rotate-cert'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;orders'= {
            cand --limit 'How many of the newest orders to list'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;notifications'= {
            cand --order 'Only the notifications of this combine order'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;requests'= {
            cand --since 'Only requests with an id above ID'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --follow 'Keep printing new requests as they arrive (stop with Ctrl-C)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;clock'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show business time and its offset from real time'
            cand set 'Set business time to an RFC 3339 instant'
            cand advance 'Move business time forward'
            cand reset 'Back to real time (offset 0)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;sandbox;clock;show'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;clock;set'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;clock;advance'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;clock;reset'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;sandbox;clock;help'= {
            cand show 'Show business time and its offset from real time'
            cand set 'Set business time to an RFC 3339 instant'
            cand advance 'Move business time forward'
            cand reset 'Back to real time (offset 0)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;sandbox;clock;help;show'= {
        }
        &'wxcombine;sandbox;clock;help;set'= {
        }
        &'wxcombine;sandbox;clock;help;advance'= {
        }
        &'wxcombine;sandbox;clock;help;reset'= {
        }
        &'wxcombine;sandbox;clock;help;help'= {
        }
        &'wxcombine;sandbox;help'= {
            cand serve 'Start the emulator and serve until interrupted'
            cand pay 'Play the payer: pay every sub-order of a combine order'
            cand seed 'Create many paid combine orders on one day, for bills'
            cand fault 'Arm a fault for the next request(s), or list or clear them'
            cand rotate-cert 'Publish a new platform certificate, as WeChat Pay does before a rotation'
            cand orders 'List the sandbox''s combine orders, or show one'
            cand notifications 'List the notifications the sandbox sent, with every delivery attempt'
            cand requests 'Show the API requests the sandbox received (its request log)'
            cand clock 'Show or move the sandbox''s business clock'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;sandbox;help;serve'= {
        }
        &'wxcombine;sandbox;help;pay'= {
        }
        &'wxcombine;sandbox;help;seed'= {
        }
        &'wxcombine;sandbox;help;fault'= {
        }
        &'wxcombine;sandbox;help;rotate-cert'= {
        }
        &'wxcombine;sandbox;help;orders'= {
        }
        &'wxcombine;sandbox;help;notifications'= {
        }
        &'wxcombine;sandbox;help;requests'= {
        }
        &'wxcombine;sandbox;help;clock'= {
            cand show 'Show business time and its offset from real time'
            cand set 'Set business time to an RFC 3339 instant'
            cand advance 'Move business time forward'
            cand reset 'Back to real time (offset 0)'
        }
        &'wxcombine;sandbox;help;clock;show'= {
        }
        &'wxcombine;sandbox;help;clock;set'= {
        }
        &'wxcombine;sandbox;help;clock;advance'= {
        }
        &'wxcombine;sandbox;help;clock;reset'= {
        }
        &'wxcombine;sandbox;help;help'= {
        }
        &'wxcombine;completions'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes'
            cand --retries 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --allow-custom-host 'Allow --base-url to name a host other than WeChat Pay''s on a production profile'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wxcombine;help'= {
            cand demo 'Walk through a combine payment end to end against a local sandbox'
            cand prepay 'Create a combine order (合单下单)'
            cand query 'Query combine orders (合单查询)'
            cand close 'Close a combine order (合单关单)'
            cand refund 'Refund sub-orders of combine orders, and follow the refunds (退款)'
            cand sign-pay 'Generate the parameters for wx.requestPayment'
            cand bill 'Work with bills (交易账单, 资金账单)'
            cand notify 'Verify and decrypt payment notifications'
            cand certs 'Platform certificates'
            cand profile 'Create and inspect profiles'
            cand sandbox 'Run and drive a local WeChat Pay APIv3 emulator'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;help;demo'= {
        }
        &'wxcombine;help;prepay'= {
        }
        &'wxcombine;help;query'= {
        }
        &'wxcombine;help;close'= {
        }
        &'wxcombine;help;refund'= {
            cand create 'Refund a paid sub-order of a combine order (申请退款)'
            cand query 'Query refunds by out_refund_no (查询单笔退款)'
            cand list 'List the refunds of a combine order, with what is still refundable'
            cand watch 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)'
        }
        &'wxcombine;help;refund;create'= {
        }
        &'wxcombine;help;refund;query'= {
        }
        &'wxcombine;help;refund;list'= {
        }
        &'wxcombine;help;refund;watch'= {
        }
        &'wxcombine;help;sign-pay'= {
        }
        &'wxcombine;help;bill'= {
            cand fetch 'Apply for a bill and show its hash and download URL'
            cand download 'Download bills, verify their SHA-1 and write them atomically'
            cand parse 'Parse a bill file into records and its summary'
            cand reconcile 'Reconcile the day''s trade bills against the merchant''s own records'
            cand summary 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net'
        }
        &'wxcombine;help;bill;fetch'= {
        }
        &'wxcombine;help;bill;download'= {
        }
        &'wxcombine;help;bill;parse'= {
        }
        &'wxcombine;help;bill;reconcile'= {
        }
        &'wxcombine;help;bill;summary'= {
        }
        &'wxcombine;help;notify'= {
            cand decrypt 'Verify and decrypt a captured payment notification'
            cand listen 'Receive notifications locally while developing a handler'
            cand replay 'Re-deliver a captured notification to an endpoint'
        }
        &'wxcombine;help;notify;decrypt'= {
        }
        &'wxcombine;help;notify;listen'= {
        }
        &'wxcombine;help;notify;replay'= {
        }
        &'wxcombine;help;certs'= {
            cand download 'Download, decrypt and verify the platform certificates'
            cand list 'Show the profile''s verifiers: public key and platform certificates, with their dates'
        }
        &'wxcombine;help;certs;download'= {
        }
        &'wxcombine;help;certs;list'= {
        }
        &'wxcombine;help;profile'= {
            cand init 'Create a profile from a merchant''s files'
            cand list 'List the profiles in the config file'
            cand show 'Show one profile''s settings (secrets are never shown)'
            cand check 'Check a profile''s keys, certificates and verifier, offline and online'
        }
        &'wxcombine;help;profile;init'= {
        }
        &'wxcombine;help;profile;list'= {
        }
        &'wxcombine;help;profile;show'= {
        }
        &'wxcombine;help;profile;check'= {
        }
        &'wxcombine;help;sandbox'= {
            cand serve 'Start the emulator and serve until interrupted'
            cand pay 'Play the payer: pay every sub-order of a combine order'
            cand seed 'Create many paid combine orders on one day, for bills'
            cand fault 'Arm a fault for the next request(s), or list or clear them'
            cand rotate-cert 'Publish a new platform certificate, as WeChat Pay does before a rotation'
            cand orders 'List the sandbox''s combine orders, or show one'
            cand notifications 'List the notifications the sandbox sent, with every delivery attempt'
            cand requests 'Show the API requests the sandbox received (its request log)'
            cand clock 'Show or move the sandbox''s business clock'
        }
        &'wxcombine;help;sandbox;serve'= {
        }
        &'wxcombine;help;sandbox;pay'= {
        }
        &'wxcombine;help;sandbox;seed'= {
        }
        &'wxcombine;help;sandbox;fault'= {
        }
        &'wxcombine;help;sandbox;rotate-cert'= {
        }
        &'wxcombine;help;sandbox;orders'= {
        }
        &'wxcombine;help;sandbox;notifications'= {
        }
        &'wxcombine;help;sandbox;requests'= {
        }
        &'wxcombine;help;sandbox;clock'= {
            cand show 'Show business time and its offset from real time'
            cand set 'Set business time to an RFC 3339 instant'
            cand advance 'Move business time forward'
            cand reset 'Back to real time (offset 0)'
        }
        &'wxcombine;help;sandbox;clock;show'= {
        }
        &'wxcombine;help;sandbox;clock;set'= {
        }
        &'wxcombine;help;sandbox;clock;advance'= {
        }
        &'wxcombine;help;sandbox;clock;reset'= {
        }
        &'wxcombine;help;completions'= {
        }
        &'wxcombine;help;help'= {
        }
    ]
    $completions[$command]
}
