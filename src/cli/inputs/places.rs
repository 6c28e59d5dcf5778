//! Where paths are relative to. A path on the command line is relative to the working
//! directory; a path in `api4p-lint.toml` (`[kinds]`, `[[overrides]] files`, `exclude`) is
//! relative to the file's folder, as `.gitignore` and ruff's settings are. [`Places`] turns the
//! one into the other; [`Excludes`] matches the exclude globs, each against its own folder.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use api4p_lint::config::{Config, DEFAULT_EXCLUDE};
// Shared with the configuration's own globs: one meaning of `.` and `..` for both.
use api4p_lint::config_file::normalize;
use globset::{Glob, GlobSet, GlobSetBuilder};

/// The working directory and the configuration's folder.
#[derive(Debug, Clone)]
pub struct Places {
    cwd: PathBuf,
    /// The configuration's folder (the working directory without a configuration file), as
    /// joined to the working directory, then as the file system resolves it when that differs.
    config: Vec<PathBuf>,
}

impl Places {
    /// `cwd` is absolute (the process's working directory); `config_file` as given (relative
    /// to `cwd`, or absolute).
    pub fn new(cwd: PathBuf, config_file: Option<&Path>) -> Places {
        let folder = match config_file.and_then(Path::parent) {
            Some(parent) => normalize(&cwd.join(parent)),
            None => cwd.clone(),
        };
        let mut config = vec![folder];
        if let Ok(real) = std::fs::canonicalize(&config[0]) {
            if real != config[0] {
                config.push(real);
            }
        }
        Places { cwd, config }
    }

    /// The folders the configuration's paths are relative to (one folder, spelt one or two
    /// ways).
    pub fn config_folders(&self) -> &[PathBuf] {
        &self.config
    }

    /// The working directory.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// `path` (as typed: relative to the working directory, or absolute) as an absolute path
    /// in the terms of the configuration's folder and the working directory: lexically, unless
    /// only the path the file system resolves (symbolic links followed: `$PWD` through a link,
    /// macOS's `/tmp`) lies under one of them. One `canonicalize` at most, only then.
    pub fn locate(&self, path: &Path) -> PathBuf {
        let lexical = normalize(&self.cwd.join(path));
        if self.is_anchored(&lexical) {
            return lexical;
        }
        let resolved = std::fs::canonicalize(path).ok().or_else(|| {
            // A file that does not exist (yet): its folder resolved.
            let name = lexical.file_name()?;
            Some(std::fs::canonicalize(lexical.parent()?).ok()?.join(name))
        });
        match resolved {
            Some(resolved) if self.is_anchored(&resolved) => resolved,
            _ => lexical,
        }
    }

    fn is_anchored(&self, path: &Path) -> bool {
        path.starts_with(&self.cwd) || self.config.iter().any(|c| path.starts_with(c))
    }

    /// What the configuration's globs match for the file at `located` (from
    /// [`Places::locate`]): its path relative to the configuration's folder, `/`-separated;
    /// its absolute path when it lies outside that folder.
    pub fn config_path(&self, located: &Path) -> String {
        let relative = self
            .config
            .iter()
            .find_map(|folder| located.strip_prefix(folder).ok());
        let path = relative.unwrap_or(located).to_string_lossy();
        if std::path::MAIN_SEPARATOR == '/' {
            path.into_owned()
        } else {
            path.replace(std::path::MAIN_SEPARATOR, "/")
        }
    }

    /// Whether a path named on the command line, at `located`, is hidden (`--force-exclude`):
    /// its own name, or a folder between it and its project's root, starts with a dot, as a
    /// walk of that root would have skipped it. The root is the configuration's folder when
    /// the path lies below it, else the working directory when it lies below that; but a
    /// repository (a folder holding `.git`) below the root and above the path is the root
    /// instead: the folders a project lives in (a CI's `~/.jenkins/workspace`, a
    /// `/home/runner/.cache/...` checkout) are not part of it and hide nothing. Outside both,
    /// only the path's own name counts (a user's `~/.projects` must not hide everything).
    pub fn is_hidden(&self, located: &Path) -> bool {
        let root = self
            .config
            .iter()
            .chain(std::iter::once(&self.cwd))
            .find(|folder| located.starts_with(folder));
        let Some(root) = root else {
            return located.file_name().is_some_and(is_hidden_name);
        };
        if located == root.as_path() {
            // The project itself (`check --force-exclude .` in `~/.projects/repo`).
            return false;
        }
        if located.file_name().is_some_and(is_hidden_name) {
            return true;
        }
        // The deepest hidden folder between the root and the path, if any: it hides the path
        // unless a repository starts at it or below it (one `stat` per folder, only then).
        let Some(hidden) = located
            .ancestors()
            .skip(1)
            .take_while(|folder| *folder != root.as_path())
            .find(|folder| folder.file_name().is_some_and(is_hidden_name))
        else {
            return false;
        };
        !located
            .ancestors()
            .skip(1)
            .take_while(|folder| folder.starts_with(hidden))
            .any(|folder| folder.join(".git").symlink_metadata().is_ok())
    }
}

/// A name starting with a dot, as the folder walk (`ignore`) tells hidden files.
pub fn is_hidden_name(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Exclude globs with the folder they are relative to.
#[derive(Debug)]
struct Anchored {
    /// The folder, spelt one or more ways (see [`Places`]).
    folders: Vec<PathBuf>,
    /// Globs without a `/`: matched against the name of a file or folder, at any depth.
    names: GlobSet,
    /// Globs with one, made absolute (joined to each spelling of the folder, `..` resolved,
    /// as ruff does): matched against the absolute path.
    paths: GlobSet,
}

impl Anchored {
    fn new(folders: Vec<PathBuf>, globs: &[String]) -> Result<Anchored, String> {
        let (mut names, mut paths) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        for glob in globs {
            let invalid = |e: globset::Error| format!("`{glob}`: {}", e.kind());
            // `build/` names a folder, as in `.gitignore`; the paths matched have no final `/`.
            let text = glob.trim_end_matches('/');
            if !text.contains('/') {
                names.add(Glob::new(text).map_err(invalid)?);
                continue;
            }
            // Checked as written, so that the error shows what the user wrote.
            Glob::new(text).map_err(invalid)?;
            for folder in &folders {
                let folder = globset::escape(&folder.to_string_lossy());
                let absolute = normalize(&Path::new(&folder).join(text));
                paths.add(Glob::new(&absolute.to_string_lossy()).map_err(invalid)?);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| e.to_string());
        Ok(Anchored {
            folders,
            names: build(names)?,
            paths: build(paths)?,
        })
    }

    fn matches(&self, located: &Path) -> bool {
        located.file_name().is_some_and(|n| self.names.is_match(n))
            || (!self.paths.is_empty() && self.paths.is_match(located))
    }

    /// Whether a folder above `located` is excluded: by path anywhere, by name only below
    /// the folder the globs are relative to.
    fn matches_above(&self, located: &Path) -> bool {
        located.ancestors().skip(1).any(|above| {
            (!self.paths.is_empty() && self.paths.is_match(above))
                || (self
                    .folders
                    .iter()
                    .any(|f| above.starts_with(f) && above != f)
                    && above.file_name().is_some_and(|n| self.names.is_match(n)))
        })
    }
}

/// The exclude globs in force: `--exclude` (relative to the working directory), else the
/// configuration's `exclude` (relative to its folder), else [`DEFAULT_EXCLUDE`]; plus the
/// configuration's `extend-exclude` and `--extend-exclude`.
#[derive(Debug)]
pub struct Excludes {
    sets: Vec<Anchored>,
    /// Some glob holds a `/`: matching needs the path, not only the name.
    needs_path: bool,
}

impl Excludes {
    /// The globs in force; an invalid glob on the command line is an error (the
    /// configuration's are checked when it is read).
    pub fn new(
        config: &Config,
        places: &Places,
        exclude: &[String],
        extend_exclude: &[String],
    ) -> Result<Excludes, String> {
        let cwd = || vec![places.cwd().to_path_buf()];
        let config_folders = || places.config_folders().to_vec();
        let defaults: Vec<String>;
        let mut sets = vec![if !exclude.is_empty() {
            Anchored::new(cwd(), exclude).map_err(|e| format!("--exclude {e}"))?
        } else if let Some(globs) = config.exclude() {
            Anchored::new(config_folders(), globs)?
        } else {
            defaults = DEFAULT_EXCLUDE.iter().map(|&g| g.to_owned()).collect();
            Anchored::new(config_folders(), &defaults)?
        }];
        if !config.extend_exclude().is_empty() {
            sets.push(Anchored::new(config_folders(), config.extend_exclude())?);
        }
        if !extend_exclude.is_empty() {
            sets.push(
                Anchored::new(cwd(), extend_exclude)
                    .map_err(|e| format!("--extend-exclude {e}"))?,
            );
        }
        let needs_path = sets.iter().any(|s| !s.paths.is_empty());
        Ok(Excludes { sets, needs_path })
    }

    /// Whether only the name is needed to tell: then [`Excludes::matches_name`] is the answer.
    pub fn needs_path(&self) -> bool {
        self.needs_path
    }

    /// Whether a name alone is excluded (enough when no glob holds a `/`).
    pub fn matches_name(&self, name: &OsStr) -> bool {
        self.sets.iter().any(|s| s.names.is_match(name))
    }

    /// Whether a file or folder met in a walk, at `located` (from [`Places::locate`]), is
    /// excluded.
    pub fn matches(&self, located: &Path) -> bool {
        self.sets.iter().any(|s| s.matches(located))
    }

    /// Whether a path named on the command line is excluded (`--force-exclude`): the path or
    /// a folder above it, up to the folder its glob is relative to (a name glob such as
    /// `build` must not exclude everything under a user's `~/build`).
    pub fn excludes_named(&self, located: &Path) -> bool {
        self.sets
            .iter()
            .any(|set| set.matches(located) || set.matches_above(located))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_is_lexical() {
        for (path, expected) in [
            ("/a/./b/../c", "/a/c"),
            ("/../a", "/a"),
            ("a/../../b", "../b"),
            ("./a/b/..", "a"),
            ("../../a", "../../a"),
        ] {
            assert_eq!(normalize(Path::new(path)), Path::new(expected), "{path}");
        }
    }

    #[test]
    fn config_paths_are_relative_to_the_configuration_folder() {
        let places = Places::new(
            PathBuf::from("/nonexistent-root/proj/out"),
            Some(Path::new("../api4p-lint.toml")),
        );
        let at = |p: &str| places.config_path(&places.locate(Path::new(p)));
        assert_eq!(at("create/a.json"), "out/create/a.json");
        assert_eq!(at("./create/../create/a.json"), "out/create/a.json");
        assert_eq!(at("../legacy/a.json"), "legacy/a.json");
        assert_eq!(
            at("/nonexistent-root/proj/out/create/a.json"),
            "out/create/a.json"
        );
        assert_eq!(
            at("../../elsewhere/a.json"),
            "/nonexistent-root/elsewhere/a.json"
        );
    }

    #[test]
    fn a_name_glob_excludes_a_named_path_by_its_folders_only_below_the_anchor() {
        let places = Places::new(PathBuf::from("/home/u/build/repo"), None);
        let excludes =
            Excludes::new(&Config::default(), &places, &["build".to_owned()], &[]).unwrap();
        let named = |p: &str| excludes.excludes_named(&places.locate(Path::new(p)));
        assert!(!named("payloads/a.json"));
        assert!(named("build"));
        assert!(named("build/a.json"));
        assert!(named("out/build/x/a.json"));
        // The user's own ~/build is above the folder the glob is relative to.
        assert!(!named("/home/u/build/other/a.json"));
        assert!(!named("../other/a.json"));
        // A path glob is anchored: `..` resolved against the working directory.
        let excludes = Excludes::new(
            &Config::default(),
            &places,
            &["../shared/*.json".to_owned()],
            &[],
        )
        .unwrap();
        let named = |p: &str| excludes.excludes_named(&places.locate(Path::new(p)));
        assert!(named("/home/u/build/shared/a.json"));
        assert!(named("../shared/a.json"));
        assert!(!named("shared/a.json"));
    }

    #[test]
    fn hidden_counts_only_below_the_anchor() {
        let places = Places::new(PathBuf::from("/home/u/.projects/repo"), None);
        let hidden = |p: &str| places.is_hidden(&places.locate(Path::new(p)));
        assert!(!hidden("payloads/a.json"));
        assert!(hidden(".vscode/settings.json"));
        assert!(hidden(".eslintrc.json"));
        assert!(hidden("payloads/.drafts/x/a.json"));
        assert!(!hidden("."));
        assert!(!hidden("/home/u/.projects/repo"));
        assert!(!hidden("/srv/.data/a.json"));
        assert!(hidden("/srv/data/.a.json"));
    }

    #[test]
    fn a_repository_is_the_root_of_what_hides() {
        let dir = tempfile::tempdir().unwrap();
        let x = dir.path().join("x");
        for folder in [
            ".hid/repo/.git",
            ".hid/repo/payloads",
            ".hid/repo/.drafts",
            ".hid/plain/payloads",
        ] {
            std::fs::create_dir_all(x.join(folder)).unwrap();
        }
        for cwd in [x.clone(), PathBuf::from("/")] {
            let places = Places::new(cwd.clone(), None);
            let hidden = |p: &str| {
                let path = if cwd == x {
                    PathBuf::from(p)
                } else {
                    x.join(p)
                };
                places.is_hidden(&places.locate(&path))
            };
            assert!(!hidden(".hid/repo/payloads/c.json"), "{cwd:?}");
            assert!(hidden(".hid/repo/.drafts/c.json"), "{cwd:?}");
            assert!(hidden(".hid/repo/payloads/.c.json"), "{cwd:?}");
            assert!(hidden(".hid/plain/payloads/c.json"), "{cwd:?}");
        }
    }
}
