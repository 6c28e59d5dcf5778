//! `api4p-lint check`: inputs in, one report per input out, in input order.
//!
//! `run` reads the arguments and the configuration once, then drives a pipeline
//! ([`pipeline`]): the main thread walks the inputs (and reads NDJSON lines, [`ndjson`]), hands
//! out tasks (a few files, [`files`], or a batch of lines) to rayon's workers, and writes the
//! results in input order as they come back.

use std::cell::Cell;
use std::io::{self, IsTerminal};
use std::sync::Arc;

use api4p_lint::config::{Config, Level};
use api4p_lint::render::human::RenderOptions;
use api4p_lint::render::{plural, Emitter, FileReport, Format, Summary, WarningLimit};
use api4p_lint::rule::{Rule, Silencing};
use api4p_lint::rules::RULES;
use api4p_lint::{Applicability, Linter};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::inputs::{expand, shown, Excludes, FileId, Input, Places, Settings, Shared};
use super::output::{replace_file, Sink};
use super::{exit, CheckArgs, ColorChoice};

mod baseline;
mod failure;
mod files;
mod fix;
mod guard;
mod lines_out;
mod ndjson;
mod pipeline;

use baseline::Baseline;
use files::{check_input, check_json, Job, FILES_PER_TASK};
use fix::{fix_stdin, DiffEmitter, Fixing};
use ndjson::{opened_on_main_thread, stream_ndjson, Opened};
use pipeline::{Piece, Pipeline, Writer};

/// Inputs from which a progress bar is worth showing.
const PROGRESS_FROM: usize = 500;
pub fn run(args: CheckArgs) -> u8 {
    let stdout_tty = io::stdout().is_terminal() && args.output.is_none();
    let format = args.format.unwrap_or(if stdout_tty {
        Format::Human
    } else {
        Format::Short
    });
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let render = RenderOptions {
        color,
        width: if stdout_tty { terminal_width() } else { 80 },
        ..RenderOptions::default()
    };
    let config_path = args.config.clone().or_else(|| {
        let cwd = std::env::current_dir().unwrap_or_default();
        Config::find(&cwd)
    });
    let mut config = match config_path.as_deref().map(Config::load).transpose() {
        Ok(config) => config.unwrap_or_default(),
        Err(err) => {
            let human = (format == Format::Human).then_some(&render);
            let stop = failure::Stop::config(&err, config_path.as_deref(), human);
            return failure::report(&args, format, &stop);
        }
    };
    if let Err(why) = apply_selection(&mut config, &args.select, &args.ignore) {
        return failure::report(&args, format, &failure::Stop::usage(why, &config));
    }
    // Writing a baseline records and shows every finding: the configuration's baseline (which
    // may not exist yet) is read only by the runs that check against it.
    let baseline_path = args.baseline.clone().or(config
        .baseline()
        .filter(|_| args.write_baseline.is_none() && !args.diff)
        .map(Into::into));
    let baseline = match Baseline::new(baseline_path.as_deref(), args.write_baseline.as_deref()) {
        Ok(baseline) => baseline,
        Err(why) => {
            let stop =
                failure::Stop::usage(why, &config).reading_baseline(baseline_path.as_deref());
            return failure::report(&args, format, &stop);
        }
    };
    let redact = args.redact || config.redact();
    if args.diff && redact {
        // A diff is the payloads' text, which redaction hides: masked, it would not apply.
        say!(
            "error: --diff prints the payloads' text, which redaction (--redact or `redact = \
             true`) hides; use --fix, or --diff without redaction"
        );
        return exit::TROUBLE;
    }
    let mut linter = Linter::with_config(config).with_redaction(redact);
    if baseline.needs_digests() {
        // Each finding is known to a baseline on its own: past a report's thousand findings
        // of a rule, one fixed would bring one counted before into the report, as new.
        linter = linter.with_findings_per_rule(api4p_lint::fix::FIXING_KEEPS);
    }
    let fixing = (args.fix || args.diff).then_some(Fixing {
        applicability: if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        },
        diff: args.diff,
        redact,
    });
    let emitter: Box<dyn Emitter> = if args.diff {
        Box::new(DiffEmitter)
    } else {
        format.emitter()
    };
    let job = Job {
        linter: &linter,
        kind: args.kind,
        human: (format == Format::Human && !args.diff).then_some(render),
        fixing,
        digests: baseline.needs_digests(),
        keep_as_read: args.fix && !emitter.streams(),
    };
    let places = Places::new(
        std::env::current_dir().unwrap_or_default(),
        linter.config().path(),
    );
    let excludes = match Excludes::new(
        linter.config(),
        &places,
        &args.exclude,
        &args.extend_exclude,
    ) {
        Ok(excludes) => excludes,
        Err(why) => {
            let stop = failure::Stop::usage(format!("invalid glob in {why}"), linter.config());
            return failure::report(&args, format, &stop);
        }
    };
    let reads = guard::Reads {
        baseline: baseline_path.clone(),
        ..guard::Reads::of(linter.config())
    };
    let refused = args
        .output
        .as_deref()
        .and_then(|output| guard::refusal(output, &args.paths, &reads))
        .or_else(|| {
            let written = args.write_baseline.as_deref()?;
            guard::baseline_refusal(written, args.output.as_deref(), &args.paths, &reads)
        });
    if let Some(refused) = refused {
        say!("error: {refused}");
        return exit::TROUBLE;
    }
    // An existing `--output` file is never checked: named on the command line, it was refused
    // above; met in a folder or by a glob (the report of the run before), it is skipped.
    let output = args
        .output
        .as_deref()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| FileId::of(&m));
    // The configuration's reference files and the baselines are data, not payloads: skipped
    // in walks, and with `--force-exclude` when named.
    let reference = linter
        .config()
        .reference_files()
        .iter()
        .chain(&baseline_path)
        .chain(&args.write_baseline)
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| FileId::of(&m))
        .collect();
    let settings = Settings {
        shared: Arc::new(Shared {
            places,
            excludes,
            output,
            reference,
        }),
        force_exclude: args.force_exclude,
        skipped: Cell::default(),
    };
    let mut inputs = expand(&args.paths, args.stdin_filename.as_deref(), &settings);
    // The inputs are listed before checking only for a progress bar (its total).
    let listed: Option<Vec<Input>> = io::stderr()
        .is_terminal()
        .then(|| inputs.by_ref().collect());
    let total = if io::stderr().is_terminal() {
        listed.as_ref().map_or(0, Vec::len)
    } else {
        0
    };
    let mut inputs: Box<dyn Iterator<Item = Input>> = match listed {
        Some(listed) => Box::new(listed.into_iter()),
        None => Box::new(inputs),
    };
    inputs = Box::new(stdin_once(inputs, fixing.is_some()));
    if fixing.is_some() {
        inputs = Box::new(once_each(inputs));
    }

    let mut sink = match &args.output {
        Some(path) => match Sink::file(path) {
            Ok(sink) => sink,
            Err(e) => {
                say!("error: cannot write {}: {e}", shown(path));
                return exit::TROUBLE;
            }
        },
        // `check --fix -` gives the fixed payload back on stdout: the report goes to stderr.
        None if args.fix && args.paths.iter().any(|p| p.as_os_str() == "-") => Sink::stderr(),
        None => Sink::stdout(),
    };
    let progress = progress_bar(total);
    let mut writer = Writer {
        streams: emitter.streams(),
        emitter,
        summary: Summary {
            // The strictest limit wins: `--deny-warnings` is `--max-warnings 0`.
            warning_limit: if args.deny_warnings {
                Some(WarningLimit::Deny)
            } else {
                args.max_warnings.map(WarningLimit::Max)
            },
            fixing: args.fix,
            unsafe_fixes: args.unsafe_fixes,
            fixes_fail: args.exit_non_zero_on_fix,
            baseline: baseline.reads(),
            ..Summary::default()
        },
        current: None,
        progress: &progress,
        first_failure: None,
        fixing,
        lines_out: None,
        gathered: Vec::new(),
        baseline,
    };
    let written = (|| -> io::Result<()> {
        writer.emitter.begin(&mut sink)?;
        rayon::in_place_scope(|scope| -> io::Result<()> {
            let mut pipeline = Pipeline::new(scope, &mut writer, &mut sink);
            let mut pending: Option<Input> = None;
            while let Some(input) = pending.take().or_else(|| inputs.next()) {
                match ndjson::open(&input, linter.config().max_payload_bytes()) {
                    Some(Opened::Lines(reader, stamp)) => {
                        stream_ndjson(&mut pipeline, &input, reader, stamp, &job)?;
                        continue;
                    }
                    Some(Opened::Payload(read)) => {
                        let (job, name) = (&job, input.name().to_owned());
                        let config_path = input.config_path().map(str::to_owned);
                        pipeline.spawn(move || {
                            Piece::Files(vec![match read {
                                Ok(bytes) => match job.fixing {
                                    Some(fixing) => fix_stdin(
                                        &name,
                                        config_path.as_deref(),
                                        &bytes,
                                        fixing,
                                        job,
                                    ),
                                    None => check_json(&name, config_path.as_deref(), &bytes, job),
                                },
                                Err(why) => FileReport::failed(name, why),
                            }])
                        })?;
                        continue;
                    }
                    None => {}
                }
                let mut task = Vec::with_capacity(FILES_PER_TASK);
                task.push(input);
                while task.len() < FILES_PER_TASK {
                    match inputs.next() {
                        Some(input) if !opened_on_main_thread(&input) => task.push(input),
                        other => {
                            pending = other;
                            break;
                        }
                    }
                }
                let job = &job;
                pipeline.spawn(move || {
                    Piece::Files(task.iter().map(|input| check_input(input, job)).collect())
                })?;
            }
            pipeline.finish()
        })?;
        // The inputs are all expanded: what was skipped is known.
        writer.summary.skipped = settings.skipped.get();
        writer.emitter.end(&mut sink, &writer.summary)
    })();
    let summary = writer.summary;
    let first_failure = writer.first_failure.take();
    let recorded = writer.baseline.written();
    let recorded_findings = writer.baseline.written_findings();
    let missing = writer.baseline.missing_files();
    let not_recorded = writer.baseline.not_recorded();
    if !summary.skipped.is_empty() && !matches!(format, Format::Human | Format::Json) {
        // The other formats have no summary: what was left out is not left unsaid.
        say!("note: skipped: {} (not checked)", summary.skipped);
    }
    progress.finish_and_clear();
    if !missing.is_empty() {
        // Their entries can match nothing any more, and no run checks them to say so.
        let mut named: Vec<String> = missing
            .iter()
            .take(3)
            .map(|f| shown(std::path::Path::new(f)))
            .collect();
        if missing.len() > 3 {
            named.push(format!("and {} more", missing.len() - 3));
        }
        let (exist, their) = if missing.len() == 1 {
            ("exists", "its")
        } else {
            ("exist", "their")
        };
        say!(
            "note: the baseline names {} that no longer {exist} ({}): write the baseline again \
             to drop {their} entries",
            plural(missing.len(), "file"),
            named.join(", ")
        );
    }
    // A closed stdout is no error here: the rest of the report was dropped and the run
    // went on (see `output::Stdout`), so the status below is that of the whole run.
    if let Err(e) = written.and_then(|()| sink.finish()) {
        say!("error: cannot write the output: {e}");
        return exit::TROUBLE;
    }

    let code = if summary.unreadable > 0 || summary.not_rewritten > 0 {
        if let Some(path) = &args.write_baseline {
            let why = if summary.unreadable > 0 {
                "an input could not be checked"
            } else {
                "a file could not be rewritten"
            };
            say!("error: the baseline {} was not written: {why}", shown(path));
        }
        exit::TROUBLE
    } else if args.diff {
        // `--diff` fails when there is something to fix, as `ruff --diff` does; and when a
        // payload could not be checked, so what it needs is unknown (said on stderr).
        if summary.not_checked > 0 {
            exit::TROUBLE
        } else if summary.fixed > 0 {
            exit::FINDINGS
        } else {
            exit::OK
        }
    } else if let (Some(path), Some(bytes)) = (&args.write_baseline, recorded) {
        // A baseline records the findings: once it is written, they fail nothing. Not written
        // when an input could not be checked (above): it would miss that file's findings.
        if let Err(e) = replace_file(path, &bytes) {
            say!("error: cannot write the baseline {}: {e}", shown(path));
            return exit::TROUBLE;
        }
        say!(
            "note: wrote the baseline {}: {} recorded",
            shown(path),
            plural(recorded_findings, "finding")
        );
        // The findings of payloads that could not be checked are never baselined: the runs
        // that read the baseline fail on them, so this one does too, saying why.
        if not_recorded.0 > 0 {
            let files = not_recorded.2;
            let mut named: Vec<String> = files.iter().take(3).cloned().collect();
            if files.len() > 3 {
                named.push(format!("and {} more", files.len() - 3));
            }
            let (level, fails) = if not_recorded.1 > 0 {
                ("error", "and fails every run until it is mended")
            } else {
                ("note", "and is shown by every run (not as an error here)")
            };
            say!(
                "{level}: {} not recorded ({}): a payload that could not be checked (not JSON, \
                 not UTF-8, too large, of no known kind), or in a file whose name is not UTF-8, \
                 is never baselined, {fails}",
                plural(not_recorded.0, "finding"),
                named.join(", ")
            );
        }
        if not_recorded.1 > 0 || summary.fails_on_fixes() {
            exit::FINDINGS
        } else {
            exit::OK
        }
    } else if summary.errors > 0 || summary.fails_on_warnings() || summary.fails_on_fixes() {
        exit::FINDINGS
    } else {
        exit::OK
    };
    // `--diff` said on stderr what it would fix: its exit 1 is no failure to explain.
    let explain = code == exit::TROUBLE || (code == exit::FINDINGS && !args.diff);
    if let (Some(output), true) = (&args.output, explain) {
        // The report is in a file that a CI log does not show: the log says why the run
        // failed and where to look.
        say!(
            "error: failed: {}; the report is in {}",
            failure_counts(&summary, first_failure),
            shown(output)
        );
    }
    code
}

/// `1 input could not be checked (payloads: No such file or directory (os error 2)); 0
/// errors, 0 warnings`: why a run failed, in one line.
fn failure_counts(summary: &Summary, first_failure: Option<(String, String)>) -> String {
    let mut line = String::new();
    if summary.unreadable > 0 {
        line.push_str(&plural(summary.unreadable, "input"));
        line.push_str(" could not be checked");
        if let Some((path, why)) = first_failure {
            let more = match summary.unreadable - 1 {
                0 => String::new(),
                n => format!(", and {n} more"),
            };
            line.push_str(&format!(" ({path}: {why}{more})"));
        }
        line.push_str("; ");
    }
    if summary.not_rewritten > 0 {
        line.push_str(&plural(summary.not_rewritten, "file"));
        line.push_str(" not rewritten; ");
    }
    line.push_str(&plural(summary.errors, "error"));
    line.push_str(", ");
    match summary.warnings_failure() {
        Some(why) => line.push_str(&why),
        None => line.push_str(&plural(summary.warnings, "warning")),
    }
    if summary.fails_on_fixes() {
        line.push_str(&format!(
            "; {} fixed, with --exit-non-zero-on-fix",
            plural(summary.fixed, "finding")
        ));
    }
    line
}

/// The inputs with standard input once: named twice, a second read would find it empty
/// (said as a file named twice is, when `fixing`).
fn stdin_once(inputs: impl Iterator<Item = Input>, fixing: bool) -> impl Iterator<Item = Input> {
    let mut stdin = false;
    inputs.filter(move |input| {
        let again = matches!(input, Input::Stdin { .. }) && std::mem::replace(&mut stdin, true);
        match (again, fixing) {
            (true, true) => say!(
                "note: {0}: not fixed again: it is the same file as {0}",
                input.name()
            ),
            (true, false) => say!("note: {}: named again, read once", input.name()),
            _ => {}
        }
        !again
    })
}

/// The inputs of `--fix` or `--diff`, each file once: a file named again (`a.json ./a.json`,
/// a folder and a file in it, a symbolic link named and the file it leads to, a bind mount)
/// is fixed once, under its first name, and said on stderr. Fixed
/// twice, its two fixes would race (one refused as "another file was put in its place"),
/// count twice, and its diff would not apply. A link met by a walk is never fixed: when the
/// file it leads to is fixed in this run, it is left out too, whatever the order of their
/// names (else it would be read before or after the fix, and fail or pass by its name).
/// Hard links are two files to `--fix` (each name is replaced, which parts them), and to
/// `patch`: each has its own fix and diff. The inputs are listed first.
fn once_each(inputs: impl Iterator<Item = Input>) -> impl Iterator<Item = Input> {
    use std::collections::hash_map::Entry;
    use std::collections::HashMap;
    let inputs: Vec<Input> = inputs.collect();
    let real = |input: &Input| {
        input
            .disk_path()
            .and_then(|path| std::fs::canonicalize(path).ok())
    };
    // A bind mount shows one file under two real paths: its device and inode tell, when it
    // has one name (more are hard links, two files to fix).
    let id = |input: &Input| {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(input.disk_path()?).ok()?;
        (meta.nlink() == 1).then(|| FileId::of(&meta))
    };
    let mut named: HashMap<std::path::PathBuf, String> = HashMap::new();
    let mut ids: HashMap<FileId, String> = HashMap::new();
    let mut keep = vec![true; inputs.len()];
    let mut first_of = |input: &Input| -> Option<String> {
        let mut first = None;
        if let Some(real) = real(input) {
            match named.entry(real) {
                Entry::Occupied(e) => first = Some(e.get().clone()),
                Entry::Vacant(e) => {
                    e.insert(input.name().to_owned());
                }
            }
        }
        if let Some(id) = id(input) {
            match ids.entry(id) {
                Entry::Occupied(e) => first = first.or_else(|| Some(e.get().clone())),
                Entry::Vacant(e) => {
                    e.insert(input.name().to_owned());
                }
            }
        }
        first
    };
    for (i, input) in inputs.iter().enumerate() {
        if input.walked_link() {
            continue;
        }
        if let Some(first) = first_of(input) {
            say!(
                "note: {}: not fixed again: it is the same file as {first}",
                input.name()
            );
            keep[i] = false;
        }
    }
    for (i, input) in inputs.iter().enumerate() {
        if !input.walked_link() {
            continue;
        }
        if let Some(target) = real(input).and_then(|real| named.get(&real)) {
            say!(
                "note: {}: not fixed: it is a symbolic link to {target}, fixed under that name",
                input.name()
            );
            keep[i] = false;
        }
    }
    inputs
        .into_iter()
        .zip(keep)
        .filter_map(|(input, keep)| keep.then_some(input))
}

/// `--select` runs only the matching rules; `--ignore` turns the matching ones off. A
/// selector is a code, a code prefix (`A4P1`) or a name. Neither touches the rules whose
/// findings mean a payload was not checked (see [`Silencing`]): a gate never passes a
/// payload it could not read.
fn apply_selection(
    config: &mut Config,
    select: &[String],
    ignore: &[String],
) -> Result<(), String> {
    let matches = |rule: &Rule, selector: &str| {
        rule.name == selector
            || rule
                .code
                .to_ascii_uppercase()
                .starts_with(&selector.to_ascii_uppercase())
    };
    for selector in select.iter().chain(ignore) {
        if selector.trim().is_empty() {
            return Err(
                "an empty rule selector in --select or --ignore would match every rule; \
                 name a code, a code prefix such as `A4P1`, or a rule name"
                    .to_owned(),
            );
        }
        if !RULES.iter().any(|r| matches(r, selector)) {
            let known = RULES.iter().flat_map(|r| [r.code, r.name]);
            return Err(match api4p_lint::suggest::nearest(selector, known) {
                Some(near) => format!("no rule matches `{selector}`; did you mean `{near}`?"),
                None => format!("no rule matches `{selector}`; `api4p-lint rules` lists them"),
            });
        }
    }
    if let Some(rule) = RULES.iter().find(|r| {
        r.silencing != Silencing::Anywhere
            && ignore
                .iter()
                .any(|s| r.name == s || r.code.eq_ignore_ascii_case(s))
    }) {
        return Err(format!(
            "{} {} cannot be ignored: a payload that was not checked never passes{}",
            rule.code,
            rule.name,
            if rule.silencing == Silencing::ConfigurationOnly {
                " (set its level for the files it concerns in api4p-lint.toml)"
            } else {
                ""
            }
        ));
    }
    for rule in RULES {
        if rule.silencing != Silencing::Anywhere {
            continue;
        }
        let selected = select.is_empty() || select.iter().any(|s| matches(rule, s));
        if !selected || ignore.iter().any(|s| matches(rule, s)) {
            // Only rules that may be turned off anywhere get here: accepted.
            let _ = config.set_level(rule, Level::Off);
        }
    }
    Ok(())
}

fn progress_bar(total: usize) -> ProgressBar {
    if total < PROGRESS_FROM || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
