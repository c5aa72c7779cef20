
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
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sign-pay 'Generate the parameters for wx.requestPayment'
            cand profile 'Inspect profiles'
            cand sandbox 'Run and drive a local WeChat Pay APIv3 emulator'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
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
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --app 'Produce the APP variant (appid, partnerid, prepayid, package=Sign=WXPay, noncestr, timestamp, sign)'
            cand --explain 'Also print the exact string that was signed (to stderr)'
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
        &'wxcombine;profile'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand -v 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand --verbose 'Trace requests and responses on stderr, secrets redacted (-vv adds bodies)'
            cand -q 'No banner, no progress, no notices'
            cand --quiet 'No banner, no progress, no notices'
            cand --no-progress 'No progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the profiles in the config file'
            cand show 'Show one profile''s settings (secrets are never shown)'
            cand check 'Check a profile''s keys, certificates and verifier'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;profile;list'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
            cand list 'List the profiles in the config file'
            cand show 'Show one profile''s settings (secrets are never shown)'
            cand check 'Check a profile''s keys, certificates and verifier'
            cand help 'Print this message or the help of the given subcommand(s)'
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
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;sandbox;serve'= {
            cand --listen 'Address to listen on (port 0 picks a free port)'
            cand --data-dir 'Where keys and state live [default: <data dir>/wxcombine/sandbox]'
            cand --write-config 'Write a config with profiles sandbox, sandbox-sub1 and sandbox-sub2 pointing at this server'
            cand --key-mode 'How WeChat Pay''s side signs: public key (PUB_KEY_ID_…), platform certificate, or both'
            cand --notify-speed 'Run the notification retry schedule N times faster'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --strict-close-delay 'Refuse closing an order within 5 minutes of its creation'
            cand --reject-replay 'Refuse a request whose (mchid, nonce_str) was already used within 5 minutes'
            cand --repeat-close-ok 'Answer 204 to closing an already closed order (default: 400 ORDER_CLOSED)'
            cand --duplicate-notifications 'Deliver every acknowledged notification once more, as WeChat Pay sometimes does'
            cand --allow-remote 'Allow a non-loopback --listen address (the control endpoints are unauthenticated)'
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
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
            cand --date 'Day the orders were paid (Beijing time)'
            cand --orders 'How many combine orders'
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
        &'wxcombine;sandbox;help'= {
            cand serve 'Start the emulator and serve until interrupted'
            cand pay 'Play the payer: pay every sub-order of a combine order'
            cand seed 'Create many paid combine orders on one day, for bills'
            cand fault 'Arm a fault for the next request(s), or list or clear them'
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
        &'wxcombine;sandbox;help;help'= {
        }
        &'wxcombine;completions'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
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
            cand sign-pay 'Generate the parameters for wx.requestPayment'
            cand profile 'Inspect profiles'
            cand sandbox 'Run and drive a local WeChat Pay APIv3 emulator'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;help;sign-pay'= {
        }
        &'wxcombine;help;profile'= {
            cand list 'List the profiles in the config file'
            cand show 'Show one profile''s settings (secrets are never shown)'
            cand check 'Check a profile''s keys, certificates and verifier'
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
        }
        &'wxcombine;help;sandbox;serve'= {
        }
        &'wxcombine;help;sandbox;pay'= {
        }
        &'wxcombine;help;sandbox;seed'= {
        }
        &'wxcombine;help;sandbox;fault'= {
        }
        &'wxcombine;help;completions'= {
        }
        &'wxcombine;help;help'= {
        }
    ]
    $completions[$command]
}
