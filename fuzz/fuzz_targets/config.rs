//! The config/profile loader (cli.md §1): TOML text → validated profiles, without reading files.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wxcombine::config::ConfigFile;

fuzz_target!(|data: &[u8]| {
    // `ConfigFile::load` refuses non-UTF-8 before parsing.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ConfigFile::parse(text, Path::new("/fuzz/wxcombine/config.toml")) {
        Ok(file) => {
            // Every profile was validated; selecting one must not fail for a known name.
            for name in file.profiles.keys() {
                let p = file
                    .select(Some(name), None)
                    .expect("a parsed profile is selectable");
                let _ = format!("{p:?}");
            }
            let _ = file.select(None, None);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
