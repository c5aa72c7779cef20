//! Locating and parsing the config file (cli.md §1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::error::ConfigError;
use super::profile::{Profile, parse_profile};
use crate::input::Accept;

/// Where the config path came from, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Default,
}

impl Source {
    pub fn describe(self, what: &str) -> String {
        match self {
            Source::Flag => format!("from --{what}"),
            Source::Env => format!(
                "from ${}",
                if what == "config" {
                    super::ENV_CONFIG
                } else {
                    super::ENV_PROFILE
                }
            ),
            Source::Default => "the default location".to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Located {
    pub path: PathBuf,
    pub source: Source,
}

/// First match wins: `--config FILE`, `$WXCOMBINE_CONFIG`, `<config_dir>/wxcombine/config.toml`.
/// `env_config` is the variable's value, passed in so this stays testable.
pub fn locate(flag: Option<&Path>, env_config: Option<&str>) -> Result<Located, ConfigError> {
    if let Some(p) = flag {
        return Ok(Located {
            path: p.to_path_buf(),
            source: Source::Flag,
        });
    }
    if let Some(p) = env_config.filter(|s| !s.is_empty()) {
        return Ok(Located {
            path: PathBuf::from(p),
            source: Source::Env,
        });
    }
    let dir = dirs::config_dir().ok_or(ConfigError::NoConfigDir)?;
    Ok(Located {
        path: dir.join("wxcombine").join("config.toml"),
        source: Source::Default,
    })
}

/// A parsed, fully validated config file.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub default_profile: Option<String>,
    pub profiles: BTreeMap<String, Profile>,
}

impl ConfigFile {
    /// Read and validate the file at `located`. Every profile is checked, so a typo anywhere is
    /// reported at once rather than on the day that profile is used.
    pub fn load(located: &Located) -> Result<Self, ConfigError> {
        // Absolute, so messages and `profile show` name the exact files.
        let path = &std::path::absolute(&located.path).unwrap_or_else(|_| located.path.clone());
        // Capped (issue 11): `--config /dev/zero` must not read forever. A pipe is fine
        // (`--config <(…)`), so any readable file is accepted.
        let text = match crate::input::read_file(path, crate::input::CONFIG_CAP, Accept::Any) {
            Ok(bytes) => bytes,
            Err(e) if e.is_not_found() => {
                return Err(ConfigError::NotFound {
                    path: path.clone(),
                    source_desc: located.source.describe("config"),
                });
            }
            Err(err) => {
                return Err(ConfigError::Input {
                    what: "config file",
                    path: path.clone(),
                    err,
                });
            }
        };
        let text = String::from_utf8(text).map_err(|_| ConfigError::Invalid {
            path: path.clone(),
            problem: "the file is not UTF-8".into(),
        })?;
        Self::parse(&text, path)
    }

    /// Parse config text; `path` is used for messages and to resolve relative paths.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::Toml {
                path: path.to_path_buf(),
                message: e.to_string().trim_end().to_string(),
            })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut default_profile = None;
        let mut profiles = BTreeMap::new();
        for (key, value) in &table {
            match key.as_str() {
                "default_profile" => match value {
                    toml::Value::String(s) => default_profile = Some(s.clone()),
                    other => {
                        return Err(ConfigError::Invalid {
                            path: path.to_path_buf(),
                            problem: format!(
                                "default_profile must be a string, not {}",
                                other.type_str()
                            ),
                        });
                    }
                },
                "profiles" => {
                    let toml::Value::Table(ps) = value else {
                        return Err(ConfigError::Invalid {
                            path: path.to_path_buf(),
                            problem: "`profiles` must be a table of [profiles.NAME] sections"
                                .into(),
                        });
                    };
                    for (name, body) in ps {
                        let toml::Value::Table(body) = body else {
                            return Err(ConfigError::Invalid {
                                path: path.to_path_buf(),
                                problem: format!(
                                    "profiles.{name} must be a table ([profiles.{name}])"
                                ),
                            });
                        };
                        profiles.insert(name.clone(), parse_profile(name, body, path, &base)?);
                    }
                }
                other => {
                    return Err(ConfigError::UnknownTopKey {
                        path: path.to_path_buf(),
                        key: other.to_string(),
                    });
                }
            }
        }
        if let Some(d) = &default_profile
            && !profiles.contains_key(d)
        {
            return Err(ConfigError::UnknownProfile {
                path: path.to_path_buf(),
                profile: d.clone(),
                source_desc: "named by default_profile".into(),
                known: known(&profiles),
            });
        }
        Ok(ConfigFile {
            path: path.to_path_buf(),
            default_profile,
            profiles,
        })
    }

    /// Pick the profile: `--profile`, then `$WXCOMBINE_PROFILE`, then `default_profile`, then the
    /// only profile if there is exactly one.
    pub fn select(&self, flag: Option<&str>, env: Option<&str>) -> Result<&Profile, ConfigError> {
        let (name, source) = if let Some(n) = flag {
            (n.to_string(), "from --profile")
        } else if let Some(n) = env.filter(|s| !s.is_empty()) {
            (n.to_string(), "from $WXCOMBINE_PROFILE")
        } else if let Some(n) = &self.default_profile {
            (n.clone(), "named by default_profile")
        } else if self.profiles.len() == 1 {
            let only = self.profiles.keys().next().expect("one profile");
            (only.clone(), "the only profile")
        } else {
            return Err(ConfigError::NoProfileSelected {
                path: self.path.clone(),
                known: known(&self.profiles),
            });
        };
        self.profiles
            .get(&name)
            .ok_or_else(|| ConfigError::UnknownProfile {
                path: self.path.clone(),
                profile: name,
                source_desc: source.into(),
                known: known(&self.profiles),
            })
    }
}

fn known(profiles: &BTreeMap<String, Profile>) -> String {
    if profiles.is_empty() {
        "none".into()
    } else {
        profiles.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// Resolve a configured path: `~` expands to the home folder, relative paths are relative to the
/// config file's folder (cli.md §1).
pub(super) fn resolve_path(raw: &str, base: &Path) -> PathBuf {
    let expanded = if raw == "~" {
        dirs::home_dir().unwrap_or_else(|| PathBuf::from("~"))
    } else if let Some(rest) = raw.strip_prefix("~/") {
        match dirs::home_dir() {
            Some(h) => h.join(rest),
            None => PathBuf::from(raw),
        }
    } else {
        PathBuf::from(raw)
    };
    if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    }
}
