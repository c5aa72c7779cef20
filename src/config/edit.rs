//! Editing a config file in place: add or replace profiles, keep every other profile, comment and
//! the order of the rest (cli.md "profile init"; issue 11). The one writer of config files, used by
//! `sandbox serve --write-config` and, later, `profile init`. Loading ([`super::ConfigFile`]) still
//! never writes.
//!
//! The file is rewritten whole through a temporary file beside it (mode 0600, fsync, rename, fsync
//! of the folder), so a crash leaves the old file or the new one, never half of each.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table};

use super::error::ConfigError;
use crate::input::{self, Accept, CONFIG_CAP};

/// A config file opened for editing. Nothing is written until [`ConfigEdit::write`].
#[derive(Debug)]
pub struct ConfigEdit {
    path: PathBuf,
    doc: DocumentMut,
}

impl ConfigEdit {
    /// Open `path` for editing; a missing (or empty) file starts empty. A file that is not TOML is
    /// refused, so a mistyped path is never replaced by a fresh config.
    pub fn open(path: &Path) -> Result<Self, ConfigError> {
        let text = match input::read_file(path, CONFIG_CAP, Accept::FileOrPipe) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| ConfigError::Invalid {
                path: path.to_path_buf(),
                problem: "the file is not UTF-8; it was left unchanged".into(),
            })?,
            Err(e) if e.is_not_found() => String::new(),
            Err(err) => {
                return Err(ConfigError::Input {
                    what: "config file",
                    path: path.to_path_buf(),
                    err,
                });
            }
        };
        Self::parse(&text, path)
    }

    /// Edit `text`, which will be written to `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let doc: DocumentMut =
            text.parse()
                .map_err(|e: toml_edit::TomlError| ConfigError::Toml {
                    path: path.to_path_buf(),
                    message: format!("{}; the file was left unchanged", e.message().trim_end()),
                })?;
        let edit = ConfigEdit {
            path: path.to_path_buf(),
            doc,
        };
        edit.profiles()?;
        Ok(edit)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The `[profiles]` table, if the file has one; an error if `profiles` is something else.
    fn profiles(&self) -> Result<Option<&Table>, ConfigError> {
        match self.doc.get("profiles") {
            None => Ok(None),
            Some(Item::Table(t)) => Ok(Some(t)),
            Some(_) => Err(self.not_sections()),
        }
    }

    fn not_sections(&self) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.clone(),
            problem: "`profiles` must be a table of [profiles.NAME] sections to be edited; the file was left unchanged".into(),
        }
    }

    fn profiles_mut(&mut self) -> Result<&mut Table, ConfigError> {
        if self.doc.get("profiles").is_none() {
            let mut t = Table::new();
            // `[profiles]` itself is not written, only its `[profiles.NAME]` sections.
            t.set_implicit(true);
            self.doc.insert("profiles", Item::Table(t));
        }
        let err = self.not_sections();
        match self.doc.get_mut("profiles") {
            Some(Item::Table(t)) => Ok(t),
            _ => Err(err),
        }
    }

    /// The profile names, in file order.
    pub fn profile_names(&self) -> Vec<String> {
        match self.profiles() {
            Ok(Some(t)) => t.iter().map(|(k, _)| k.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    /// `[profiles.NAME]` as a section (with its comments), to copy into another file.
    pub fn profile(&self, name: &str) -> Option<Table> {
        self.profiles().ok()??.get(name)?.as_table().cloned()
    }

    pub fn has_profile(&self, name: &str) -> bool {
        self.profile_names().iter().any(|n| n == name)
    }

    /// Add `[profiles.NAME]`, or replace it where it stands (its comments go with it: they are
    /// part of the section). `table` may carry its own leading comment as its decor.
    pub fn set_profile(&mut self, name: &str, mut table: Table) -> Result<(), ConfigError> {
        let profiles = self.profiles_mut()?;
        match profiles.get(name) {
            Some(Item::Table(old)) => table.set_position(old.position()),
            Some(_) => {
                return Err(ConfigError::Invalid {
                    path: self.path.clone(),
                    problem: format!(
                        "profiles.{name} must be a [profiles.{name}] section to be replaced; the file was left unchanged"
                    ),
                });
            }
            // After the last section (see toml_edit's ordering: an unpositioned table follows
            // the one before it).
            None => table.set_position(None),
        }
        table.set_implicit(false);
        // One blank line before each section, its own comment lines kept.
        let prefix = table
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .trim_start_matches(['\n', '\r'])
            .to_string();
        table.decor_mut().set_prefix(format!("\n{prefix}"));
        profiles.insert(name, Item::Table(table));
        Ok(())
    }

    /// Remove `[profiles.NAME]`; whether it was there.
    pub fn remove_profile(&mut self, name: &str) -> Result<bool, ConfigError> {
        if self.profiles()?.is_none() {
            return Ok(false);
        }
        Ok(self.profiles_mut()?.remove(name).is_some())
    }

    /// `default_profile`, when it is a string.
    pub fn default_profile(&self) -> Option<String> {
        self.doc
            .get("default_profile")
            .and_then(Item::as_str)
            .map(str::to_string)
    }

    /// Set `default_profile = NAME` only when the file has none: a user's choice is kept.
    /// Whether it was set.
    pub fn set_default_profile_if_unset(&mut self, name: &str) -> bool {
        if self.doc.contains_key("default_profile") {
            return false;
        }
        // Keys of the root table are written before every section, whatever their order here.
        self.doc.insert("default_profile", toml_edit::value(name));
        true
    }

    /// The edited text.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// Write the edited file: temp file beside it, mode 0600, fsync, rename, fsync the folder.
    pub fn write(&self) -> Result<(), ConfigError> {
        write_private(&self.path, self.text().as_bytes()).map_err(|err| ConfigError::Write {
            path: self.path.clone(),
            err,
        })
    }
}

/// Replace `path` with `bytes` atomically, mode 0600 (the file names key files and may hold an
/// inline APIv3 key). A symlink is followed, so a config kept in a dotfiles repository stays a
/// link to the updated file.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    // `--write-config ~/.config/wxcombine/config.toml` on a fresh machine: make the folder.
    fs::create_dir_all(&dir)?;
    // tempfile creates the file with O_EXCL and mode 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    set_private(tmp.as_file())?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    // Make the rename durable. Best effort: some filesystems refuse fsync on a folder.
    let _ = File::open(&dir).and_then(|d| d.sync_all());
    Ok(())
}

#[cfg(unix)]
fn set_private(f: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_f: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHOP: &str = r#"# My production merchant. Do not touch.
default_profile = "shop"

[profiles.shop]
env = "production" # the real one
mchid = "1900000109"
private_key_file = "shop/apiclient_key.pem"

# the old sandbox
[profiles.sandbox]
mchid = "1"

[profiles.other]
mchid = "2"
"#;

    fn table(text: &str) -> Table {
        let doc: DocumentMut = text.parse().unwrap();
        doc["profiles"]["new"].as_table().unwrap().clone()
    }

    #[test]
    fn replaces_in_place_and_keeps_the_rest_verbatim() {
        let mut e = ConfigEdit::parse(SHOP, Path::new("c.toml")).unwrap();
        e.set_profile("sandbox", table("# ours\n[profiles.new]\nmchid = \"3\"\n"))
            .unwrap();
        e.set_profile("added", table("[profiles.new]\nmchid = \"4\"\n"))
            .unwrap();
        assert!(!e.set_default_profile_if_unset("sandbox"));
        assert_eq!(
            e.text(),
            r#"# My production merchant. Do not touch.
default_profile = "shop"

[profiles.shop]
env = "production" # the real one
mchid = "1900000109"
private_key_file = "shop/apiclient_key.pem"

# ours
[profiles.sandbox]
mchid = "3"

[profiles.other]
mchid = "2"

[profiles.added]
mchid = "4"
"#
        );
    }

    #[test]
    fn an_empty_file_gets_a_default_profile() {
        let mut e = ConfigEdit::parse("", Path::new("c.toml")).unwrap();
        e.set_profile("sandbox", table("[profiles.new]\nmchid = \"3\"\n"))
            .unwrap();
        assert!(e.set_default_profile_if_unset("sandbox"));
        assert_eq!(
            e.text(),
            "default_profile = \"sandbox\"\n\n[profiles.sandbox]\nmchid = \"3\"\n"
        );
    }

    #[test]
    fn writes_0600_into_a_folder_it_makes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/wxcombine/config.toml");
        let mut e = ConfigEdit::open(&path).unwrap();
        e.set_profile("sandbox", table("[profiles.new]\nmchid = \"3\"\n"))
            .unwrap();
        e.write().unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert!(fs::read_to_string(&path).unwrap().contains("mchid = \"3\""));
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_that_is_not_toml_is_left_alone() {
        let e = ConfigEdit::parse("this is [not toml", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("left unchanged"), "{e}");
        let e = ConfigEdit::parse("profiles = 3\n", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("left unchanged"), "{e}");
    }
}
