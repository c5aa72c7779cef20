
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'wxcombine' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'wxcombine'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'wxcombine' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through a combine payment end to end against a local sandbox')
            [CompletionResult]::new('prepay', 'prepay', [CompletionResultType]::ParameterValue, 'Create a combine order (合单下单)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query combine orders (合单查询)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a combine order (合单关单)')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund sub-orders of combine orders, and follow the refunds (退款)')
            [CompletionResult]::new('sign-pay', 'sign-pay', [CompletionResultType]::ParameterValue, 'Generate the parameters for wx.requestPayment')
            [CompletionResult]::new('bill', 'bill', [CompletionResultType]::ParameterValue, 'Work with bills (交易账单, 资金账单)')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Verify and decrypt payment notifications')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Platform certificates')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Create and inspect profiles')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run and drive a local WeChat Pay APIv3 emulator')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;demo' {
            [CompletionResult]::new('--key-mode', '--key-mode', [CompletionResultType]::ParameterName, 'How the sandbox signs: WeChat Pay public key, platform certificate, or both (mixed: the migration, narrated key by key)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the sandbox''s temp dir (keys, state, config, bill) and print where it is')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;prepay' {
            [CompletionResult]::new('--scene', '--scene', [CompletionResultType]::ParameterName, 'Payment scene: endpoint /v3/combine-transactions/{scene}')
            [CompletionResult]::new('--combine-out-trade-no', '--combine-out-trade-no', [CompletionResultType]::ParameterName, 'Combine order number [default: generated, e.g. C20260101120000123456]')
            [CompletionResult]::new('--openid', '--openid', [CompletionResultType]::ParameterName, 'Payer openid under the combine appid (required for jsapi)')
            [CompletionResult]::new('--sub-order', '--sub-order', [CompletionResultType]::ParameterName, 'A sub-order: key=value pairs joined by commas, or a JSON object (repeat for each)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'A whole request body as JSON (FILE, or - for stdin); flags and the profile fill what it lacks')
            [CompletionResult]::new('--notify-url', '--notify-url', [CompletionResultType]::ParameterName, 'Notify URL [default: the profile''s notify_url]')
            [CompletionResult]::new('--expire-in', '--expire-in', [CompletionResultType]::ParameterName, 'Payment deadline from now, e.g. 30m, 2h, 1d')
            [CompletionResult]::new('--time-expire', '--time-expire', [CompletionResultType]::ParameterName, 'Payment deadline as RFC 3339 with +08:00, e.g. 2026-01-01T12:00:00+08:00')
            [CompletionResult]::new('--payer-ip', '--payer-ip', [CompletionResultType]::ParameterName, 'Payer client IP (scene_info.payer_client_ip; required for h5)')
            [CompletionResult]::new('--device-id', '--device-id', [CompletionResultType]::ParameterName, 'Device id (scene_info.device_id)')
            [CompletionResult]::new('--h5-type', '--h5-type', [CompletionResultType]::ParameterName, 'H5 client type (scene_info.h5_info.type; required for h5)')
            [CompletionResult]::new('--appid', '--appid', [CompletionResultType]::ParameterName, 'Combine appid [default: the profile''s appid]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--sign', '--sign', [CompletionResultType]::ParameterName, 'Also output the wx.requestPayment parameters (jsapi) or the APP parameters (app)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the method, URL, body and exact string to sign; send nothing')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;query' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Queries in flight at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;close' {
            [CompletionResult]::new('--sub-order', '--sub-order', [CompletionResultType]::ParameterName, 'A sub-order to list: mchid=…,out_trade_no=…[,sub_mchid=…] (repeat for each; all of them)')
            [CompletionResult]::new('--appid', '--appid', [CompletionResultType]::ParameterName, 'Combine appid [default: from the query, else the profile''s appid]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the close request and the exact string to sign; send no close request')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;refund' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Refund a paid sub-order of a combine order (申请退款)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query refunds by out_refund_no (查询单笔退款)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the refunds of a combine order, with what is still refundable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;refund;create' {
            [CompletionResult]::new('--sub-order', '--sub-order', [CompletionResultType]::ParameterName, 'The sub-order to refund (its out_trade_no)')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount to refund in fen [default: all that is still refundable]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason shown to the payer (at most 80 bytes)')
            [CompletionResult]::new('--out-refund-no', '--out-refund-no', [CompletionResultType]::ParameterName, 'Refund number to use instead of R<out_trade_no>-<n> (1-64 of 0-9 A-Z a-z _ - | * @)')
            [CompletionResult]::new('--notify-url', '--notify-url', [CompletionResultType]::ParameterName, 'Where WeChat Pay sends the REFUND.* notification [default: the platform''s setting]')
            [CompletionResult]::new('--funds-account', '--funds-account', [CompletionResultType]::ParameterName, 'Take the money from the available balance (old fund-flow merchants)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Poll until SUCCESS, CLOSED or ABNORMAL, at most DURATION [default: 2h]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Refund every paid sub-order in full (one refund each)')
            [CompletionResult]::new('--again', '--again', [CompletionResultType]::ParameterName, 'Refund even though a refund of the same amount was made in the last 24 hours')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request and the exact string to sign; send no refund')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;refund;query' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped')
            [CompletionResult]::new('--sub-mchid', '--sub-mchid', [CompletionResultType]::ParameterName, 'The sub-merchant of the refunds (服务商 profiles)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Queries in flight at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;refund;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;refund;watch' {
            [CompletionResult]::new('--sub-mchid', '--sub-mchid', [CompletionResultType]::ParameterName, 'The sub-merchant of the refunds (服务商 profiles)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Give up after DURATION, e.g. 30m (the global --timeout is the limit of each request)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;refund;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Refund a paid sub-order of a combine order (申请退款)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query refunds by out_refund_no (查询单笔退款)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the refunds of a combine order, with what is still refundable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;refund;help;create' {
            break
        }
        'wxcombine;refund;help;query' {
            break
        }
        'wxcombine;refund;help;list' {
            break
        }
        'wxcombine;refund;help;watch' {
            break
        }
        'wxcombine;refund;help;help' {
            break
        }
        'wxcombine;sign-pay' {
            [CompletionResult]::new('--prepay-id', '--prepay-id', [CompletionResultType]::ParameterName, 'The prepay_id from prepay, bare or as prepay_id=…')
            [CompletionResult]::new('--appid', '--appid', [CompletionResultType]::ParameterName, 'AppID [default: the profile''s appid]')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Unix time in seconds [default: now]')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'Random string, up to 32 letters and digits [default: 32 random alphanumerics]')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Check PAYSIGN against the inputs with the merchant key''s public half (exit 0 or 6)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Produce the APP variant (appid, partnerid, prepayid, package=Sign=WXPay, noncestr, timestamp, sign)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Also print the exact string that was signed (to stderr)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;bill' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Apply for a bill and show its hash and download URL')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download bills, verify their SHA-1 and write them atomically')
            [CompletionResult]::new('parse', 'parse', [CompletionResultType]::ParameterValue, 'Parse a bill file into records and its summary')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Reconcile the day''s trade bills against the merchant''s own records')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;bill;fetch' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Trade bill (交易账单) or fund-flow bill (资金账单)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Trade bill type')
            [CompletionResult]::new('--account-type', '--account-type', [CompletionResultType]::ParameterName, 'Fund-flow account')
            [CompletionResult]::new('--sub-mchid', '--sub-mchid', [CompletionResultType]::ParameterName, 'A sub-merchant''s trade bill (服务商 only)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--gzip', '--gzip', [CompletionResultType]::ParameterName, 'Transfer the bill gzip-compressed (tar_type=GZIP); the SHA-1 is still over the decompressed bytes')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;bill;download' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'A download_url applied for elsewhere (needs --hash and --out)')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'The hash_value that came with --url')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Trade bill (交易账单) or fund-flow bill (资金账单)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Trade bill type')
            [CompletionResult]::new('--account-type', '--account-type', [CompletionResultType]::ParameterName, 'Fund-flow account')
            [CompletionResult]::new('--sub-mchid', '--sub-mchid', [CompletionResultType]::ParameterName, 'A sub-merchant''s trade bill (服务商 only)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to PATH (one date only), or - for stdout')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Folder for the default file names <kind>bill_<date>_<type>.csv')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'While the bill is being generated (STATEMENT_CREATING), keep retrying for this long, e.g. 2h')
            [CompletionResult]::new('--sub-mchid-from', '--sub-mchid-from', [CompletionResultType]::ParameterName, '服务商: download the trade bill of every sub_mchid in FILE (one a line, # comments; - reads standard input), one result row each')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --sub-mchid-from: how many bills are in flight at once')
            [CompletionResult]::new('--bill-rate', '--bill-rate', [CompletionResultType]::ParameterName, 'With --sub-mchid-from: bill applications per second, at most (a steady pace under WeChat Pay''s limit; 429 FREQUENCY_LIMITED is retried after a back-off)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Permissions of the bill files written, in octal, e.g. 640 [default: 600]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--gzip', '--gzip', [CompletionResultType]::ParameterName, 'Transfer the bill gzip-compressed (tar_type=GZIP); the SHA-1 is still over the decompressed bytes')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file whose hash differs')
            [CompletionResult]::new('--keep-gzip', '--keep-gzip', [CompletionResultType]::ParameterName, 'Also keep the compressed transfer as PATH.gz (needs --gzip)')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Download with every profile of the config (all sandbox profiles when the current one is a sandbox profile, all others otherwise); --profile a,b names several')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;bill;parse' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Check that the records add up to the summary line (count and every total); exit 6 if not')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Print the records as CSV, with the JSON keys as header row (overrides -o)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;bill;reconcile' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Bill date: YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--bill', '--bill', [CompletionResultType]::ParameterName, 'Trade bill files on disk (plain or gzip) instead of downloading')
            [CompletionResult]::new('--orders', '--orders', [CompletionResultType]::ParameterName, 'The merchant''s export: CSV with a header, or JSON lines; - reads standard input')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'Columns of the export under other names, e.g. out_trade_no=order_id,amount=total_fen')
            [CompletionResult]::new('--tolerance-days', '--tolerance-days', [CompletionResultType]::ParameterName, 'Also look in the bills of the N days before and after (orders near midnight)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The discrepancy lines of -o jsonl: JSON lines (default) or CSV with a header')
            [CompletionResult]::new('--sub-mchid', '--sub-mchid', [CompletionResultType]::ParameterName, 'A sub-merchant''s trade bills (服务商 only)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Keep the downloaded bills in DIR (an up-to-date bill there is not downloaded again)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Reconcile the bills of every profile of the config as one bill set (all sandbox profiles when the current one is a sandbox profile, all others otherwise); --profile a,b names several')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;bill;summary' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'One row per day, per merchant (mchid) or per sub-merchant (sub_mchid)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Folder of the bills under their default names (as `bill download --dir` wrote them)')
            [CompletionResult]::new('--bill', '--bill', [CompletionResultType]::ParameterName, 'Trade bill files (plain or gzip) instead of the default names; the date is read from the name')
            [CompletionResult]::new('--sub-mchid', '--sub-mchid', [CompletionResultType]::ParameterName, 'A sub-merchant''s trade bills (服务商 only): its default names, or what --fetch downloads')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--fetch', '--fetch', [CompletionResultType]::ParameterName, 'Download and verify the bills into --dir first, as `bill download` does')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Print the rows as CSV with a header row, for a spreadsheet (overrides -o)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;bill;help' {
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Apply for a bill and show its hash and download URL')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download bills, verify their SHA-1 and write them atomically')
            [CompletionResult]::new('parse', 'parse', [CompletionResultType]::ParameterValue, 'Parse a bill file into records and its summary')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Reconcile the day''s trade bills against the merchant''s own records')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;bill;help;fetch' {
            break
        }
        'wxcombine;bill;help;download' {
            break
        }
        'wxcombine;bill;help;parse' {
            break
        }
        'wxcombine;bill;help;reconcile' {
            break
        }
        'wxcombine;bill;help;summary' {
            break
        }
        'wxcombine;bill;help;help' {
            break
        }
        'wxcombine;notify' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Verify and decrypt a captured payment notification')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive notifications locally while developing a handler')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-deliver a captured notification to an endpoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;notify;decrypt' {
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The notification body: FILE, or - for stdin [default: stdin unless --raw]')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Raw `Name: value` header lines (any case; `curl -v` prefixes are fine)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'A whole raw HTTP request as captured: request line, headers, blank line, body')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Wechatpay-Timestamp (overrides the captured header)')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'Wechatpay-Nonce (overrides the captured header)')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'Wechatpay-Signature (overrides the captured header)')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Wechatpay-Serial (overrides the captured header)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Refuse a notification older than SECS [default: no limit, with a warning past 300 s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Decrypt without checking the signature (the age is still checked when --max-age is given)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;notify;listen' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: IP:PORT or NAME:PORT like localhost:8790 (port 0 picks a free one)')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'POST each decrypted notification to this URL')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Path that receives notifications')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Refuse notifications older than SECS')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many distinct valid notifications (for scripts and tests)')
            [CompletionResult]::new('--save-raw', '--save-raw', [CompletionResultType]::ParameterName, 'Save every delivery''s raw HTTP request in DIR as <time>-<id>.http (mode 0600), the format `notify decrypt --raw` and `notify replay` read')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a non-loopback --listen address')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;notify;replay' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The endpoint to deliver it to (http:// or https://)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;notify;help' {
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Verify and decrypt a captured payment notification')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive notifications locally while developing a handler')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-deliver a captured notification to an endpoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;notify;help;decrypt' {
            break
        }
        'wxcombine;notify;help;listen' {
            break
        }
        'wxcombine;notify;help;replay' {
            break
        }
        'wxcombine;notify;help;help' {
            break
        }
        'wxcombine;certs' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download, decrypt and verify the platform certificates')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the profile''s verifiers: public key and platform certificates, with their dates')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;certs;download' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Folder for the certificates [default: the profile''s platform_cert_dir]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;certs;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;certs;help' {
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download, decrypt and verify the platform certificates')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the profile''s verifiers: public key and platform certificates, with their dates')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;certs;help;download' {
            break
        }
        'wxcombine;certs;help;list' {
            break
        }
        'wxcombine;certs;help;help' {
            break
        }
        'wxcombine;profile' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a profile from a merchant''s files')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile''s settings (secrets are never shown)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a profile''s keys, certificates and verifier, offline and online')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;profile;init' {
            [CompletionResult]::new('--mchid', '--mchid', [CompletionResultType]::ParameterName, 'Merchant id (商户号) that signs the requests')
            [CompletionResult]::new('--private-key', '--private-key', [CompletionResultType]::ParameterName, 'Merchant API private key (apiclient_key.pem, PKCS#8 or PKCS#1 PEM)')
            [CompletionResult]::new('--merchant-cert', '--merchant-cert', [CompletionResultType]::ParameterName, 'Merchant API certificate (apiclient_cert.pem); its serial becomes serial_no [default: apiclient_cert.pem beside the private key, if there is one]')
            [CompletionResult]::new('--public-key', '--public-key', [CompletionResultType]::ParameterName, 'WeChat Pay public key (pub_key.pem): public-key mode')
            [CompletionResult]::new('--public-key-id', '--public-key-id', [CompletionResultType]::ParameterName, 'Its id, PUB_KEY_ID_ followed by digits')
            [CompletionResult]::new('--platform-cert-dir', '--platform-cert-dir', [CompletionResultType]::ParameterName, 'Folder for platform certificates (filled by `certs download`): certificate mode; with --public-key as well, mixed mode')
            [CompletionResult]::new('--apiv3-key-env', '--apiv3-key-env', [CompletionResultType]::ParameterName, 'Environment variable holding the APIv3 key (the key is never a command-line argument)')
            [CompletionResult]::new('--apiv3-key-file', '--apiv3-key-file', [CompletionResultType]::ParameterName, 'File holding the APIv3 key (32 bytes; one trailing newline is ignored)')
            [CompletionResult]::new('--appid', '--appid', [CompletionResultType]::ParameterName, 'Default AppID for prepay and sign-pay')
            [CompletionResult]::new('--notify-url', '--notify-url', [CompletionResultType]::ParameterName, 'Default notify_url for prepay')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The profile''s env label')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Run `profile check NAME` afterwards (one signed read-only request)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing profile of that name')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;profile;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;profile;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;profile;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Only the offline checks; send no request')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;profile;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a profile from a merchant''s files')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile''s settings (secrets are never shown)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a profile''s keys, certificates and verifier, offline and online')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;profile;help;init' {
            break
        }
        'wxcombine;profile;help;list' {
            break
        }
        'wxcombine;profile;help;show' {
            break
        }
        'wxcombine;profile;help;check' {
            break
        }
        'wxcombine;profile;help;help' {
            break
        }
        'wxcombine;sandbox' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Start the emulator and serve until interrupted')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Play the payer: pay every sub-order of a combine order')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Create many paid combine orders on one day, for bills')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Arm a fault for the next request(s), or list or clear them')
            [CompletionResult]::new('rotate-cert', 'rotate-cert', [CompletionResultType]::ParameterValue, 'Publish a new platform certificate, as WeChat Pay does before a rotation')
            [CompletionResult]::new('orders', 'orders', [CompletionResultType]::ParameterValue, 'List the sandbox''s combine orders, or show one')
            [CompletionResult]::new('notifications', 'notifications', [CompletionResultType]::ParameterValue, 'List the notifications the sandbox sent, with every delivery attempt')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Show the API requests the sandbox received (its request log)')
            [CompletionResult]::new('clock', 'clock', [CompletionResultType]::ParameterValue, 'Show or move the sandbox''s business clock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;sandbox;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: IP:PORT or NAME:PORT like localhost:8780 (port 0 picks a free port)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where keys and state live [default: <data dir>/wxcombine/sandbox]')
            [CompletionResult]::new('--write-config', '--write-config', [CompletionResultType]::ParameterName, 'Add profiles sandbox, sandbox-sub1, sandbox-sub2 for this server to a config file, keeping its other profiles')
            [CompletionResult]::new('--key-mode', '--key-mode', [CompletionResultType]::ParameterName, 'How WeChat Pay''s side signs: public key (PUB_KEY_ID_…), platform certificate, or both')
            [CompletionResult]::new('--notify-speed', '--notify-speed', [CompletionResultType]::ParameterName, 'Run the notification retry schedule N times faster')
            [CompletionResult]::new('--refund-delay', '--refund-delay', [CompletionResultType]::ParameterName, 'How long a refund stays PROCESSING before it ends, in business time (--notify-speed shortens it too)')
            [CompletionResult]::new('--out-trade-no-min', '--out-trade-no-min', [CompletionResultType]::ParameterName, 'Shortest order number accepted: 1, 2 or 6 characters (the docs disagree; 6 is strictest)')
            [CompletionResult]::new('--sub-merchants', '--sub-merchants', [CompletionResultType]::ParameterName, 'With --service-provider: register N more 二级商户 (ids 1990000001, 1990000002, …) of the main 服务商; `sandbox seed` spreads its orders over all of them')
            [CompletionResult]::new('--bill-rate', '--bill-rate', [CompletionResultType]::ParameterName, 'Answer the bill-apply endpoints 429 FREQUENCY_LIMITED beyond R requests per second per merchant (default: no limit)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--strict-close-delay', '--strict-close-delay', [CompletionResultType]::ParameterName, 'Refuse closing an order within 5 minutes of its creation')
            [CompletionResult]::new('--reject-replay', '--reject-replay', [CompletionResultType]::ParameterName, 'Refuse a request whose (mchid, nonce_str) was already used within 5 minutes')
            [CompletionResult]::new('--repeat-close-ok', '--repeat-close-ok', [CompletionResultType]::ParameterName, 'Answer 204 to closing an already closed order (default: 400 ORDER_CLOSED)')
            [CompletionResult]::new('--duplicate-notifications', '--duplicate-notifications', [CompletionResultType]::ParameterName, 'Deliver every acknowledged notification once more, as WeChat Pay sometimes does')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a non-loopback --listen address (the control endpoints are unauthenticated)')
            [CompletionResult]::new('--service-provider', '--service-provider', [CompletionResultType]::ParameterName, 'Make the main merchant a 服务商 whose 二级商户 (sub_mchid) are sandbox-sub1 and sandbox-sub2')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;pay' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;seed' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Day the orders were paid: YYYY-MM-DD, today or yesterday (Beijing time)')
            [CompletionResult]::new('--orders', '--orders', [CompletionResultType]::ParameterName, 'How many combine orders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;fault' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many requests it applies to')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Only requests whose path starts with PREFIX')
            [CompletionResult]::new('--ms', '--ms', [CompletionResultType]::ParameterName, 'Milliseconds of added latency (latency only)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;rotate-cert' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;orders' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many of the newest orders to list')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;notifications' {
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Only the notifications of this combine order')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;requests' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only requests with an id above ID')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new requests as they arrive (stop with Ctrl-C)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;clock' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show business time and its offset from real time')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set business time to an RFC 3339 instant')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Move business time forward')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Back to real time (offset 0)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;sandbox;clock;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;clock;set' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;clock;advance' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;clock;reset' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;sandbox;clock;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show business time and its offset from real time')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set business time to an RFC 3339 instant')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Move business time forward')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Back to real time (offset 0)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;sandbox;clock;help;show' {
            break
        }
        'wxcombine;sandbox;clock;help;set' {
            break
        }
        'wxcombine;sandbox;clock;help;advance' {
            break
        }
        'wxcombine;sandbox;clock;help;reset' {
            break
        }
        'wxcombine;sandbox;clock;help;help' {
            break
        }
        'wxcombine;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Start the emulator and serve until interrupted')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Play the payer: pay every sub-order of a combine order')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Create many paid combine orders on one day, for bills')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Arm a fault for the next request(s), or list or clear them')
            [CompletionResult]::new('rotate-cert', 'rotate-cert', [CompletionResultType]::ParameterValue, 'Publish a new platform certificate, as WeChat Pay does before a rotation')
            [CompletionResult]::new('orders', 'orders', [CompletionResultType]::ParameterValue, 'List the sandbox''s combine orders, or show one')
            [CompletionResult]::new('notifications', 'notifications', [CompletionResultType]::ParameterValue, 'List the notifications the sandbox sent, with every delivery attempt')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Show the API requests the sandbox received (its request log)')
            [CompletionResult]::new('clock', 'clock', [CompletionResultType]::ParameterValue, 'Show or move the sandbox''s business clock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;sandbox;help;serve' {
            break
        }
        'wxcombine;sandbox;help;pay' {
            break
        }
        'wxcombine;sandbox;help;seed' {
            break
        }
        'wxcombine;sandbox;help;fault' {
            break
        }
        'wxcombine;sandbox;help;rotate-cert' {
            break
        }
        'wxcombine;sandbox;help;orders' {
            break
        }
        'wxcombine;sandbox;help;notifications' {
            break
        }
        'wxcombine;sandbox;help;requests' {
            break
        }
        'wxcombine;sandbox;help;clock' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show business time and its offset from real time')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set business time to an RFC 3339 instant')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Move business time forward')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Back to real time (offset 0)')
            break
        }
        'wxcombine;sandbox;help;clock;show' {
            break
        }
        'wxcombine;sandbox;help;clock;set' {
            break
        }
        'wxcombine;sandbox;help;clock;advance' {
            break
        }
        'wxcombine;sandbox;help;clock;reset' {
            break
        }
        'wxcombine;sandbox;help;help' {
            break
        }
        'wxcombine;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--allow-custom-host', '--allow-custom-host', [CompletionResultType]::ParameterName, 'Allow --base-url to name a host other than WeChat Pay''s on a production profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wxcombine;help' {
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through a combine payment end to end against a local sandbox')
            [CompletionResult]::new('prepay', 'prepay', [CompletionResultType]::ParameterValue, 'Create a combine order (合单下单)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query combine orders (合单查询)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a combine order (合单关单)')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund sub-orders of combine orders, and follow the refunds (退款)')
            [CompletionResult]::new('sign-pay', 'sign-pay', [CompletionResultType]::ParameterValue, 'Generate the parameters for wx.requestPayment')
            [CompletionResult]::new('bill', 'bill', [CompletionResultType]::ParameterValue, 'Work with bills (交易账单, 资金账单)')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Verify and decrypt payment notifications')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Platform certificates')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Create and inspect profiles')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run and drive a local WeChat Pay APIv3 emulator')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;help;demo' {
            break
        }
        'wxcombine;help;prepay' {
            break
        }
        'wxcombine;help;query' {
            break
        }
        'wxcombine;help;close' {
            break
        }
        'wxcombine;help;refund' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Refund a paid sub-order of a combine order (申请退款)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query refunds by out_refund_no (查询单笔退款)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the refunds of a combine order, with what is still refundable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)')
            break
        }
        'wxcombine;help;refund;create' {
            break
        }
        'wxcombine;help;refund;query' {
            break
        }
        'wxcombine;help;refund;list' {
            break
        }
        'wxcombine;help;refund;watch' {
            break
        }
        'wxcombine;help;sign-pay' {
            break
        }
        'wxcombine;help;bill' {
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Apply for a bill and show its hash and download URL')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download bills, verify their SHA-1 and write them atomically')
            [CompletionResult]::new('parse', 'parse', [CompletionResultType]::ParameterValue, 'Parse a bill file into records and its summary')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Reconcile the day''s trade bills against the merchant''s own records')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net')
            break
        }
        'wxcombine;help;bill;fetch' {
            break
        }
        'wxcombine;help;bill;download' {
            break
        }
        'wxcombine;help;bill;parse' {
            break
        }
        'wxcombine;help;bill;reconcile' {
            break
        }
        'wxcombine;help;bill;summary' {
            break
        }
        'wxcombine;help;notify' {
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Verify and decrypt a captured payment notification')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive notifications locally while developing a handler')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-deliver a captured notification to an endpoint')
            break
        }
        'wxcombine;help;notify;decrypt' {
            break
        }
        'wxcombine;help;notify;listen' {
            break
        }
        'wxcombine;help;notify;replay' {
            break
        }
        'wxcombine;help;certs' {
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download, decrypt and verify the platform certificates')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the profile''s verifiers: public key and platform certificates, with their dates')
            break
        }
        'wxcombine;help;certs;download' {
            break
        }
        'wxcombine;help;certs;list' {
            break
        }
        'wxcombine;help;profile' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a profile from a merchant''s files')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile''s settings (secrets are never shown)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a profile''s keys, certificates and verifier, offline and online')
            break
        }
        'wxcombine;help;profile;init' {
            break
        }
        'wxcombine;help;profile;list' {
            break
        }
        'wxcombine;help;profile;show' {
            break
        }
        'wxcombine;help;profile;check' {
            break
        }
        'wxcombine;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Start the emulator and serve until interrupted')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Play the payer: pay every sub-order of a combine order')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Create many paid combine orders on one day, for bills')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Arm a fault for the next request(s), or list or clear them')
            [CompletionResult]::new('rotate-cert', 'rotate-cert', [CompletionResultType]::ParameterValue, 'Publish a new platform certificate, as WeChat Pay does before a rotation')
            [CompletionResult]::new('orders', 'orders', [CompletionResultType]::ParameterValue, 'List the sandbox''s combine orders, or show one')
            [CompletionResult]::new('notifications', 'notifications', [CompletionResultType]::ParameterValue, 'List the notifications the sandbox sent, with every delivery attempt')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Show the API requests the sandbox received (its request log)')
            [CompletionResult]::new('clock', 'clock', [CompletionResultType]::ParameterValue, 'Show or move the sandbox''s business clock')
            break
        }
        'wxcombine;help;sandbox;serve' {
            break
        }
        'wxcombine;help;sandbox;pay' {
            break
        }
        'wxcombine;help;sandbox;seed' {
            break
        }
        'wxcombine;help;sandbox;fault' {
            break
        }
        'wxcombine;help;sandbox;rotate-cert' {
            break
        }
        'wxcombine;help;sandbox;orders' {
            break
        }
        'wxcombine;help;sandbox;notifications' {
            break
        }
        'wxcombine;help;sandbox;requests' {
            break
        }
        'wxcombine;help;sandbox;clock' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show business time and its offset from real time')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set business time to an RFC 3339 instant')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Move business time forward')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Back to real time (offset 0)')
            break
        }
        'wxcombine;help;sandbox;clock;show' {
            break
        }
        'wxcombine;help;sandbox;clock;set' {
            break
        }
        'wxcombine;help;sandbox;clock;advance' {
            break
        }
        'wxcombine;help;sandbox;clock;reset' {
            break
        }
        'wxcombine;help;completions' {
            break
        }
        'wxcombine;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
