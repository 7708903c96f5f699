//! The command line, the top layer: parse options, then hand over to a report (`run`,
//! `sweep`, `presets`) or to the interactive view. Only `main.rs` imports it.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::figure::{self, Panel};
use crate::i18n::Lang;
use crate::report::{self, Format};
use crate::scenario::{Scenario, Setup, load_scenario_file, resolve};
use crate::sweep::log_spaced;
use crate::ui::{ColorMode, Theme};

/// Watch gradient descent walk down a loss landscape, one exact update at a time.
#[derive(Debug, Parser)]
#[command(
    name = "downhill",
    version,
    about,
    args_conflicts_with_subcommands = true,
    allow_negative_numbers = true
)]
pub struct Cli {
    /// What to do; without one, the interactive view opens on the default lesson (or the one given).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario options for the default action.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Open in explain mode: one update walked through phase by phase (key e).
    #[arg(long)]
    pub explain: bool,
    /// Open in predict mode: a question before each update, the truth after (key g).
    #[arg(long)]
    pub predict: bool,
    /// Open racing these optimizers from the same start (key c), e.g. gd,momentum,adam.
    #[arg(long, value_name = "LIST")]
    pub race: Option<String>,
    /// Colours: from the terminal (NO_COLOR, COLORTERM, TERM), or as given.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The terminal's background: dark (the default), or light (a projector, a light
    /// terminal); over a scenario file's `theme`.
    #[arg(long, value_enum)]
    pub theme: Option<Background>,
    /// The language of the words shown: en or zh (简体中文); by default from LC_ALL,
    /// LC_MESSAGES or LANG (zh_* is Chinese), else English.
    // Read, and taken out of the arguments, before clap parses them (`help::take_lang`),
    // so that it may stand anywhere; declared here for the help and for bad values.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
}

/// The terminal's background, which lines and text must stand out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Background {
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
}

/// How many colours the interactive view uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// What the terminal announces: none under NO_COLOR, 24-bit with COLORTERM=truecolor,
    /// 256 with a TERM that says 256color, else 16.
    Auto,
    /// 24-bit colour.
    Truecolor,
    /// The xterm 256-colour palette.
    #[value(name = "256")]
    Ansi256,
    /// The 16 ANSI colours.
    #[value(name = "16")]
    Ansi16,
    /// No colour: shading by glyphs, emphasis by bold and reverse.
    Never,
}

impl ColorChoice {
    /// The colour mode asked for; `None` to take the terminal's.
    fn mode(self) -> Option<ColorMode> {
        match self {
            ColorChoice::Auto => None,
            ColorChoice::Truecolor => Some(ColorMode::Rgb),
            ColorChoice::Ansi256 => Some(ColorMode::Ansi256),
            ColorChoice::Ansi16 => Some(ColorMode::Ansi16),
            ColorChoice::Never => Some(ColorMode::Monochrome),
        }
    }
}

/// Where a run's options come from: a scenario file, and options over it.
#[derive(Debug, Clone, Args)]
pub struct ScenarioArgs {
    /// Read options from a scenario TOML file (keys spelled like the options).
    #[arg(long, value_name = "FILE.toml")]
    pub scenario: Option<PathBuf>,
    /// Options that override the scenario file and preset.
    #[command(flatten)]
    pub options: Scenario,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive view (the same as giving no subcommand).
    #[command(allow_negative_numbers = true)]
    Tui {
        /// What to train.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Open in explain mode: one update walked through phase by phase (key e).
        #[arg(long)]
        explain: bool,
        /// Open in predict mode: a question before each update, the truth after (key g).
        #[arg(long)]
        predict: bool,
        /// Open racing these optimizers from the same start (key c), e.g. gd,momentum,adam.
        #[arg(long, value_name = "LIST")]
        race: Option<String>,
        /// Colours: from the terminal (NO_COLOR, COLORTERM, TERM), or as given.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// The terminal's background: dark (the default), or light (a projector, a light
        /// terminal); over a scenario file's `theme`.
        #[arg(long, value_enum)]
        theme: Option<Background>,
    },
    /// Train and print one row per state (row 0 is the start).
    #[command(allow_negative_numbers = true)]
    Run {
        /// What to train.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Grade a student's answers to the scenario's questions instead: a CSV file
        /// with the header `question,answer`.
        #[arg(long, value_name = "FILE.csv")]
        answers: Option<PathBuf>,
    },
    /// Train from the same start at learning rates spaced evenly in log scale.
    #[command(allow_negative_numbers = true)]
    Sweep {
        /// What to train, at each learning rate.
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Smallest learning rate.
        #[arg(long, value_name = "A")]
        lr_min: f64,
        /// Largest learning rate.
        #[arg(long, value_name = "B")]
        lr_max: f64,
        /// How many learning rates, both ends included.
        #[arg(long, value_name = "K")]
        points: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List the built-in lessons, or print one as a scenario file.
    Presets {
        /// Print this lesson's scenario TOML (accepted by --scenario).
        #[arg(long, value_name = "NAME")]
        show: Option<String>,
    },
    /// Draw the run as a figure for slides: SVG, PNG, or an animated GIF of the descent.
    #[command(allow_negative_numbers = true)]
    Plot {
        /// What to train (--steps N sets how far).
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// The file to write, never replacing one: .svg, .png or .gif.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Which panels.
        #[arg(long, value_enum, default_value_t = Panel::All)]
        panel: Panel,
        /// Width and height in pixels, e.g. 1600x900.
        #[arg(long, value_name = "WxH")]
        size: Option<String>,
        /// A GIF's frames: one per K updates (by default as many as fill five seconds).
        #[arg(long, value_name = "K")]
        every: Option<usize>,
        /// A GIF's frames per second.
        #[arg(long, value_name = "F", default_value_t = 10)]
        fps: u32,
    },
    /// Write the interactive view's screen after the run's updates as SVG, drawn from
    /// the program's own screen buffer, colours and all (key X does it in the view).
    #[command(allow_negative_numbers = true)]
    Screenshot {
        /// What to train (--steps N: the screen after N updates).
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// The .svg file to write, never replacing one.
        #[arg(long, value_name = "FILE.svg")]
        out: PathBuf,
        /// The screen's size in character cells.
        #[arg(long, value_name = "COLSxROWS", default_value = "120x40")]
        size: String,
        /// Colours, as the view would use them.
        #[arg(long, value_enum, default_value_t = ColorChoice::Truecolor)]
        color: ColorChoice,
        /// The background: dark (the default) or light.
        #[arg(long, value_enum)]
        theme: Option<Background>,
    },
    /// Print a completion script for a shell, made from these very options.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page downhill(1) (roff), made from these very options.
    Manpage {
        /// Write downhill.1 and a page per subcommand (downhill-run.1, …) into this
        /// folder instead, replacing pages already there.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

impl ScenarioArgs {
    /// Loads the scenario file (if any) and layers the options over it.
    pub fn setup(&self) -> anyhow::Result<Setup> {
        let file = self
            .scenario
            .as_deref()
            .map(load_scenario_file)
            .transpose()?;
        resolve(&self.options, file.as_ref())
    }
}

mod help;
mod lang;

/// Runs the command line; bad input is one line on stderr and exit status 2.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language first, so that `--help` is in it too.
    let (lang, args) = match lang::take_lang(&args, |name| std::env::var(name).ok()) {
        Ok(taken) => taken,
        Err(value) => {
            crate::i18n::set_lang(Lang::from_env(|name| std::env::var(name).ok()));
            let value = crate::fmt::one_line(&value);
            eprintln!("{}", crate::t!("cli-bad-lang", value = value));
            return ExitCode::from(2);
        }
    };
    crate::i18n::set_lang(lang);
    let parsed = help::localised(Cli::command())
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version go to stdout as clap lays them out.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let headline = crate::fmt::one_line(&clap_headline(&e.render().to_string()));
            eprintln!("{}", crate::t!("cli-see-help", headline = headline));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        None => interactive(
            &cli.scenario,
            (cli.explain, cli.predict),
            cli.race.as_deref(),
            (cli.color, cli.theme),
        ),
        Some(Command::Tui {
            scenario,
            explain,
            predict,
            race,
            color,
            theme,
        }) => interactive(
            &scenario,
            (explain, predict),
            race.as_deref(),
            (color, theme),
        ),
        Some(command) => return print(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// clap's error on one line: its first paragraph, with the lines under the headline
/// joined on, since clap lists the missing arguments or the possible values there.
fn clap_headline(rendered: &str) -> String {
    let mut lines = rendered.lines().skip_while(|l| l.trim().is_empty());
    let Some(first) = lines.next() else {
        return "error: bad arguments".to_owned();
    };
    let details: Vec<&str> = lines
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    if details.is_empty() {
        first.to_owned()
    } else {
        format!("{} {}", first.trim_end(), details.join(", "))
    }
}

/// The interactive view; bad options are reported before the terminal is touched.
fn interactive(
    scenario: &ScenarioArgs,
    (explain, predict): (bool, bool),
    race: Option<&str>,
    (color, background): (ColorChoice, Option<Background>),
) -> anyhow::Result<()> {
    let race = race
        .map(crate::engine::parse_race)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--race: {e}"))?;
    let setup = scenario.setup()?;
    let theme = theme_of(color, background, setup.scenario.theme.as_deref());
    crate::tui::run(setup, (explain, predict), race, theme)
}

/// The view's colours: `--color` (else the terminal's), on `--theme`'s background (else
/// the scenario's `theme`, else dark).
fn theme_of(color: ColorChoice, background: Option<Background>, scenario: Option<&str>) -> Theme {
    let mut theme = color
        .mode()
        .map_or_else(Theme::from_env, |mode| Theme { mode, light: false });
    theme.light = match background {
        Some(background) => background == Background::Light,
        None => scenario == Some("light"),
    };
    theme
}

/// One line on stderr, exit status 2.
fn fail(e: &anyhow::Error) -> ExitCode {
    // Names typed or chosen by someone else (a path, a preset) may hold escapes that
    // would drive the terminal; each layer escapes its own, and this catches the rest.
    let message = crate::fmt::one_line(&format!("{e:#}").replace('\n', " "));
    eprintln!("{}", crate::t!("cli-error", message = message));
    ExitCode::from(2)
}

/// Runs a command that prints, writing to stdout as it goes; bad input is exit 2.
fn print(command: Command) -> ExitCode {
    // A large buffer: `run` writes millions of short rows, one write call per 64 KB.
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match output(command, &mut out) {
        Ok(written) => written.and_then(|()| out.flush()),
        Err(e) => return fail(&e),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes what the command prints to `out`: the outer error is bad input, found before
/// anything is written; the inner one is a write that failed.
///
/// `run` writes each row as it is computed, so that its memory stays flat however many
/// steps; the other reports are short and are computed whole first.
fn output(command: Command, out: &mut impl Write) -> anyhow::Result<std::io::Result<()>> {
    let text = match command {
        Command::Tui { .. } => Err(anyhow::anyhow!(crate::t!("cli-tui-prints-nothing"))),
        Command::Run {
            scenario,
            format,
            answers: Some(answers),
        } => grade(&scenario, format, &answers),
        Command::Run {
            scenario,
            format,
            answers: None,
        } => return report::run(&scenario.setup()?, format, out),
        Command::Sweep {
            scenario,
            lr_min,
            lr_max,
            points,
            format,
        } => {
            let lrs = log_spaced(lr_min, lr_max, points)?;
            report::sweep(&scenario.setup()?, &lrs, format)
        }
        Command::Presets { show } => report::presets(show.as_deref()),
        Command::Plot {
            scenario,
            out,
            panel,
            size,
            every,
            fps,
        } => plot(&scenario, &out, panel, size.as_deref(), (every, fps)),
        Command::Screenshot {
            scenario,
            out,
            size,
            color,
            theme,
        } => screenshot(&scenario, &out, &size, (color, theme)),
        Command::Completions { shell } => Ok(completions(shell)),
        Command::Manpage { out_dir } => manpage(out_dir.as_deref()),
    }?;
    Ok(out.write_all(text.as_bytes()))
}

/// Grades the answers in `answers` to the scenario's questions.
fn grade(
    scenario: &ScenarioArgs,
    format: Format,
    answers: &std::path::Path,
) -> anyhow::Result<String> {
    if format != Format::Table {
        anyhow::bail!(crate::t!("cli-answers-format"));
    }
    let setup = scenario.setup()?;
    if setup.questions.is_empty() && setup.scenario.questions.is_none() {
        anyhow::bail!(crate::t!("cli-no-questions", name = setup.name));
    }
    if setup.questions.is_empty() {
        anyhow::bail!(crate::t!("cli-questions-changed", name = setup.name));
    }
    let given = report::read_answers(answers, setup.questions.len())?;
    report::grade(&setup, &given)
}

/// Draws the figure `downhill plot` asks for into the new file `out`, and says so.
fn plot(
    scenario: &ScenarioArgs,
    out: &std::path::Path,
    panel: Panel,
    size: Option<&str>,
    (every, fps): (Option<usize>, u32),
) -> anyhow::Result<String> {
    let format = figure::Format::of(out).map_err(anyhow::Error::msg)?;
    let size = size
        .map(figure::parse_size)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    if format != figure::Format::Gif && (every.is_some() || fps != 10) {
        anyhow::bail!(crate::t!("cli-every-for-gif"));
    }
    if every == Some(0) || !(1..=50).contains(&fps) {
        anyhow::bail!(crate::t!("cli-every-range"));
    }
    let options = figure::Options {
        panel,
        size,
        every,
        fps,
    };
    let setup = scenario.setup()?;
    let bytes = figure::figure(&setup, format, &options)?;
    let path = report::write_new_with(out, |w| w.write_all(&bytes))?;
    Ok(format!(
        "{}\n",
        crate::t!("notice-wrote", path = crate::fmt::path(&path))
    ))
}

/// Writes the screen `downhill screenshot` asks for into the new file `out`, and says so.
fn screenshot(
    scenario: &ScenarioArgs,
    out: &std::path::Path,
    size: &str,
    (color, background): (ColorChoice, Option<Background>),
) -> anyhow::Result<String> {
    if figure::Format::of(out) != Ok(figure::Format::Svg) {
        anyhow::bail!(crate::t!(
            "cli-screenshot-svg",
            path = crate::fmt::path(out)
        ));
    }
    let cells = |s: &str| {
        s.trim()
            .parse::<u16>()
            .ok()
            .filter(|v| (10..=500).contains(v))
    };
    let (cols, rows) = size
        .split_once(['x', 'X', '×'])
        .and_then(|(c, r)| Some((cells(c)?, cells(r)?)))
        .ok_or_else(|| anyhow::anyhow!(crate::t!("cli-screenshot-bad-size", size = size)))?;
    let setup = scenario.setup()?;
    let theme = theme_of(color, background, setup.scenario.theme.as_deref());
    let steps = setup.max_steps;
    let buf = crate::tui::screenshot::screen(setup, steps, (cols, rows), &theme)?;
    let svg = crate::ui::svg::screen(&buf, &theme);
    let path = report::write_new(out, &svg)?;
    Ok(format!(
        "{}\n",
        crate::t!("notice-wrote", path = crate::fmt::path(&path))
    ))
}

/// The completion script for `shell`, generated from the clap definitions above.
fn completions(shell: clap_complete::Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut help::localised(Cli::command()),
        "downhill",
        &mut script,
    );
    String::from_utf8_lossy(&script).into_owned()
}

/// The man page `downhill(1)` in roff, generated from the clap definitions above; or,
/// given a folder, every page written there and a line saying where.
fn manpage(out_dir: Option<&std::path::Path>) -> anyhow::Result<String> {
    let Some(dir) = out_dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(help::localised(Cli::command())).render(&mut page)?;
        return Ok(String::from_utf8_lossy(&page).into_owned());
    };
    clap_mangen::generate_to(help::localised(Cli::command()), dir).map_err(|e| {
        let dir = crate::fmt::path(dir);
        anyhow::anyhow!(crate::t!("cli-manpages-failed", dir = dir, why = e))
    })?;
    let dir = crate::fmt::path(dir);
    Ok(format!("{}\n", crate::t!("cli-wrote-manpages", dir = dir)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one line printed for these arguments, which clap must refuse.
    fn refusal(args: &[&str]) -> String {
        let e = Cli::try_parse_from(std::iter::once("downhill").chain(args.iter().copied()))
            .expect_err("clap refuses these arguments");
        clap_headline(&e.render().to_string())
    }

    #[test]
    fn clap_errors_keep_the_names_listed_under_their_headline() {
        assert_eq!(
            refusal(&["sweep"]),
            "error: the following required arguments were not provided: \
             --lr-min <A>, --lr-max <B>, --points <K>"
        );
        assert_eq!(
            refusal(&["sweep", "--lr-min", "1", "--points", "3"]),
            "error: the following required arguments were not provided: --lr-max <B>"
        );
        assert_eq!(
            refusal(&["run", "--bogus"]),
            "error: unexpected argument '--bogus' found"
        );
        assert!(!refusal(&["run", "--format", "xml"]).contains('\n'));
    }

    #[test]
    fn the_command_line_background_wins_over_the_scenario_file() {
        let t = theme_of(ColorChoice::Ansi256, None, Some("light"));
        assert_eq!((t.mode, t.light), (ColorMode::Ansi256, true));
        let t = theme_of(ColorChoice::Never, Some(Background::Dark), Some("light"));
        assert_eq!((t.mode, t.light), (ColorMode::Monochrome, false));
        assert!(!theme_of(ColorChoice::Ansi16, None, None).light);
    }
}
