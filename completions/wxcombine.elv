
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
            cand bill 'Work with bills (交易账单, 资金账单)'
            cand profile 'Inspect profiles'
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
        &'wxcombine;bill'= {
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
            cand parse 'Parse a bill file into records and its summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;bill;parse'= {
            cand --config 'Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]'
            cand --profile 'Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --base-url 'Override the profile''s base URL'
            cand --timeout 'Per-request timeout in seconds'
            cand --retries 'Retries for 5xx, 429 and connection errors (0 = exactly one attempt)'
            cand --color 'Colour on stderr (NO_COLOR is honoured under auto)'
            cand --check 'Check that the records add up to the summary line (count and every total); exit 6 if not'
            cand --csv 'Print the records as CSV, with the JSON keys as header row (overrides -o)'
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
            cand parse 'Parse a bill file into records and its summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;bill;help;parse'= {
        }
        &'wxcombine;bill;help;help'= {
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
            cand bill 'Work with bills (交易账单, 资金账单)'
            cand profile 'Inspect profiles'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wxcombine;help;sign-pay'= {
        }
        &'wxcombine;help;bill'= {
            cand parse 'Parse a bill file into records and its summary'
        }
        &'wxcombine;help;bill;parse'= {
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
        &'wxcombine;help;completions'= {
        }
        &'wxcombine;help;help'= {
        }
    ]
    $completions[$command]
}
