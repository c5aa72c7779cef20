//! The committed man pages read as man pages (issue 15, item 3): a FILES and an ENVIRONMENT
//! section on each, examples kept as typed rather than filled into prose, and the footer naming
//! `wxcombine 0.1.0` on sub-command pages too. (`generated` checks they match the CLI.)

use std::path::Path;

fn pages() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_page_has_files_environment_and_the_tool_in_its_footer() {
    let pages = pages();
    assert!(pages.len() > 20);
    let version = env!("CARGO_PKG_VERSION");
    for (name, text) in &pages {
        let th = text.lines().find(|l| l.starts_with(".TH ")).unwrap();
        assert!(
            th.contains(&format!("\"wxcombine {version}\"")),
            "{name}: {th}"
        );
        for section in [".SH FILES", ".SH ENVIRONMENT", ".SH \"EXIT STATUS\""] {
            assert!(text.lines().any(|l| l == section), "{name}: no {section}");
        }
        assert!(
            text.contains("WXCOMBINE_CONFIG") && text.contains("config.toml"),
            "{name}"
        );
    }
}

#[test]
fn examples_are_not_filled_into_prose() {
    let (_, text) = pages()
        .into_iter()
        .find(|(n, _)| n == "wxcombine-bill-download.1")
        .unwrap();
    let start = text
        .find(".SH EXAMPLES\n.nf\n")
        .expect("an EXAMPLES section in no-fill mode");
    let block = &text[start..];
    let block = &block[..block.find("\n.fi\n").expect("no-fill mode ends")];
    // One example per line, `-o json` on the line of its command.
    let lines: Vec<&str> = block.lines().skip(2).collect();
    assert!(lines.len() >= 3, "{block}");
    assert!(
        lines
            .iter()
            .all(|l| l.trim_start().starts_with("wxcombine ")),
        "{block}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\\-\\-kind fundflow") && l.ends_with("\\-o json")),
        "{block}"
    );
}
