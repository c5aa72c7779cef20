
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sign-pay', 'sign-pay', [CompletionResultType]::ParameterValue, 'Generate the parameters for wx.requestPayment')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Inspect profiles')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run and drive a local WeChat Pay APIv3 emulator')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Produce the APP variant (appid, partnerid, prepayid, package=Sign=WXPay, noncestr, timestamp, sign)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Also print the exact string that was signed (to stderr)')
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
        'wxcombine;profile' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No banner, no progress, no notices')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile''s settings (secrets are never shown)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a profile''s keys, certificates and verifier')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;profile;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile''s settings (secrets are never shown)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a profile''s keys, certificates and verifier')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;sandbox;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (port 0 picks a free port)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where keys and state live [default: <data dir>/wxcombine/sandbox]')
            [CompletionResult]::new('--write-config', '--write-config', [CompletionResultType]::ParameterName, 'Write a config with profiles sandbox, sandbox-sub1 and sandbox-sub2 pointing at this server')
            [CompletionResult]::new('--key-mode', '--key-mode', [CompletionResultType]::ParameterName, 'How WeChat Pay''s side signs: public key (PUB_KEY_ID_…), platform certificate, or both')
            [CompletionResult]::new('--notify-speed', '--notify-speed', [CompletionResultType]::ParameterName, 'Run the notification retry schedule N times faster')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
            [CompletionResult]::new('--strict-close-delay', '--strict-close-delay', [CompletionResultType]::ParameterName, 'Refuse closing an order within 5 minutes of its creation')
            [CompletionResult]::new('--reject-replay', '--reject-replay', [CompletionResultType]::ParameterName, 'Refuse a request whose (mchid, nonce_str) was already used within 5 minutes')
            [CompletionResult]::new('--repeat-close-ok', '--repeat-close-ok', [CompletionResultType]::ParameterName, 'Answer 204 to closing an already closed order (default: 400 ORDER_CLOSED)')
            [CompletionResult]::new('--duplicate-notifications', '--duplicate-notifications', [CompletionResultType]::ParameterName, 'Deliver every acknowledged notification once more, as WeChat Pay sometimes does')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a non-loopback --listen address (the control endpoints are unauthenticated)')
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Day the orders were paid (Beijing time)')
            [CompletionResult]::new('--orders', '--orders', [CompletionResultType]::ParameterName, 'How many combine orders')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
        'wxcombine;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Start the emulator and serve until interrupted')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Play the payer: pay every sub-order of a combine order')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Create many paid combine orders on one day, for bills')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Arm a fault for the next request(s), or list or clear them')
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
        'wxcombine;sandbox;help;help' {
            break
        }
        'wxcombine;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Override the profile''s base URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR is honoured under auto)')
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
            [CompletionResult]::new('sign-pay', 'sign-pay', [CompletionResultType]::ParameterValue, 'Generate the parameters for wx.requestPayment')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Inspect profiles')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run and drive a local WeChat Pay APIv3 emulator')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wxcombine;help;sign-pay' {
            break
        }
        'wxcombine;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile''s settings (secrets are never shown)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a profile''s keys, certificates and verifier')
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
