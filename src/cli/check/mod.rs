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
use api4p_lint::render::{Format, Summary};
use api4p_lint::rule::Rule;
use api4p_lint::rules::RULES;
use api4p_lint::Linter;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::inputs::{expand, Excludes, FileId, Input, Places, Settings, Shared};
use super::output::Sink;
use super::{exit, CheckArgs, ColorChoice};

mod files;
mod ndjson;
mod pipeline;

use files::{check_input, Job, FILES_PER_TASK};
use ndjson::{is_ndjson, ndjson_reader, stream_ndjson};
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
    let mut config = match load_config(&args) {
        Ok(config) => config,
        Err(err) => {
            eprint!(
                "{}",
                err.report().render(&RenderOptions {
                    color: io::stderr().is_terminal(),
                    ..RenderOptions::default()
                })
            );
            return exit::TROUBLE;
        }
    };
    if let Err(why) = apply_selection(&mut config, &args.select, &args.ignore) {
        eprintln!("error: {why}");
        return exit::TROUBLE;
    }
    let linter = Linter::with_config(config).with_redaction(args.redact);
    let job = Job {
        linter: &linter,
        kind: args.kind,
        human: (format == Format::Human).then_some(render),
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
            eprintln!("error: invalid glob in {why}");
            return exit::TROUBLE;
        }
    };
    // An existing `--output` file is never checked: named on the command line, it is refused;
    // met in a folder or by a glob (the report of the run before), it is skipped.
    let output = args
        .output
        .as_deref()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| FileId::of(&m));
    if let (Some(path), Some(output)) = (args.output.as_deref(), output) {
        if let Some(input) = named_output(output, &args.paths) {
            eprintln!(
                "error: --output {} is {input}, one of the files being checked; api4p-lint \
                 never writes to the files it checks",
                path.display()
            );
            return exit::TROUBLE;
        }
    }
    let settings = Settings {
        shared: Arc::new(Shared {
            places,
            excludes,
            output,
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

    let mut sink = match &args.output {
        Some(path) => match Sink::file(path) {
            Ok(sink) => sink,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return exit::TROUBLE;
            }
        },
        None => Sink::stdout(),
    };
    let progress = progress_bar(total);
    let emitter = format.emitter();
    let mut writer = Writer {
        streams: emitter.streams(),
        emitter,
        summary: Summary::default(),
        current: None,
        progress: &progress,
    };
    let written = (|| -> io::Result<()> {
        writer.emitter.begin(&mut sink)?;
        rayon::in_place_scope(|scope| -> io::Result<()> {
            let mut pipeline = Pipeline::new(scope, &mut writer, &mut sink);
            let mut pending: Option<Input> = None;
            while let Some(input) = pending.take().or_else(|| inputs.next()) {
                if let Some(reader) = ndjson_reader(&input) {
                    stream_ndjson(&mut pipeline, &input, reader, &job)?;
                    continue;
                }
                let mut task = Vec::with_capacity(FILES_PER_TASK);
                task.push(input);
                while task.len() < FILES_PER_TASK {
                    match inputs.next() {
                        Some(input) if !is_ndjson(&input) => task.push(input),
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
    if !summary.skipped.is_empty() && !matches!(format, Format::Human | Format::Json) {
        // The other formats have no summary: what was left out is not left unsaid.
        eprintln!("note: skipped: {} (not checked)", summary.skipped);
    }
    progress.finish_and_clear();
    let finished = written.and_then(|()| match &args.output {
        Some(path) => sink.finish(path),
        None => sink.finish(std::path::Path::new("")),
    });
    if let Err(e) = finished {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return exit::OK;
        }
        eprintln!("error: cannot write the output: {e}");
        return exit::TROUBLE;
    }

    if summary.unreadable > 0 {
        exit::TROUBLE
    } else if summary.errors > 0
        || (args.deny_warnings && summary.warnings > 0)
        || args.max_warnings.is_some_and(|max| summary.warnings > max)
    {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// The path on the command line that names the `output` file (however it is spelt), if any.
fn named_output(output: FileId, paths: &[String]) -> Option<String> {
    paths.iter().find_map(|path| {
        let metadata = std::fs::metadata(path).ok()?;
        (metadata.is_file() && FileId::of(&metadata) == output).then(|| path.clone())
    })
}

fn load_config(args: &CheckArgs) -> Result<Config, api4p_lint::config_file::ConfigError> {
    match &args.config {
        Some(path) => Config::load(path),
        None => {
            let cwd = std::env::current_dir().unwrap_or_default();
            Ok(Config::discover(&cwd)?.unwrap_or_default())
        }
    }
}

/// `--select` runs only the matching rules; `--ignore` turns the matching ones off. A
/// selector is a code, a code prefix (`A4P1`) or a name.
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
        if !RULES.iter().any(|r| matches(r, selector)) {
            let known = RULES.iter().flat_map(|r| [r.code, r.name]);
            return Err(match api4p_lint::suggest::nearest(selector, known) {
                Some(near) => format!("no rule matches `{selector}`; did you mean `{near}`?"),
                None => format!("no rule matches `{selector}`; `api4p-lint rules` lists them"),
            });
        }
    }
    for rule in RULES {
        let selected = select.is_empty() || select.iter().any(|s| matches(rule, s));
        if !selected || ignore.iter().any(|s| matches(rule, s)) {
            config.set_level(rule, Level::Off);
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
