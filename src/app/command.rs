//! The `:` command line: exact values typed in, checked, and applied.

use super::keys::key_for;
use super::{Action, App, Contents, Effect, Error, Target};
use crate::engine::{
    self, HYPERPARAMETERS, Loss, MODEL_CHOICES, MODEL_CHOICES_SEVERAL, OPTIMIZERS, OptimizerKind,
    Scale, Schedule,
};
use crate::scenario::PlaneChoice;
use crate::t;

/// What is being typed after `:`, and the last error.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommandLine {
    /// The text after the colon.
    pub text: String,
    /// Why the last command was refused, shown on the line.
    pub error: Option<String>,
}

/// Every command with its argument and what it does, for completion and help.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "lr",
        "ETA",
        "set the base learning rate (a number, or a fraction such as 2/15)",
    ),
    ("set", "NAME=V ...", "restart from these parameter values"),
    ("steps", "N", "take N updates"),
    ("optimizer", "NAME", "switch optimizer"),
    ("model", "NAME", "switch model"),
    ("loss", "NAME", "switch loss"),
    ("momentum", "MU", "μ of momentum and nesterov, in [0, 1)"),
    ("alpha", "A", "α of rmsprop, in [0, 1)"),
    ("beta1", "B1", "β1 of adam, in [0, 1)"),
    ("beta2", "B2", "β2 of adam, in [0, 1)"),
    ("eps", "EPS", "ε of adagrad, rmsprop, adam and adamw, > 0"),
    (
        "weight-decay",
        "λ",
        "λ of adamw's decoupled weight decay, ≥ 0",
    ),
    (
        "schedule",
        "FORM",
        "constant, step:EVERY:FACTOR, cosine:STEPS or warmup:STEPS",
    ),
    ("batch", "N|full", "mini-batch size, or every row"),
    ("freeze", "NAME ...", "hold these parameters still"),
    ("unfreeze", "NAME ...", "let these parameters move again"),
    ("tolerance", "T", "converged when |∇L| ≤ T; 0 never"),
    (
        "seed",
        "N",
        "reseed the mini-batch shuffles, from the current point",
    ),
    (
        "plane",
        "PLANE",
        "the landscape's plane: params:NAME,NAME, random[:SEED] (new directions) or pca",
    ),
    (
        "scale",
        "HOW",
        "feature scaling: raw, center or standardize, trained again from the start",
    ),
    ("load", "FILE.csv", "fit new data (target column y)"),
    (
        "save",
        "FILE.toml",
        "write the scenario that reproduces this run",
    ),
    (
        "export",
        "FILE.csv",
        "write the trajectory (the run columns)",
    ),
];

/// Most updates one `:steps` may queue.
pub const MAX_QUEUED: usize = 1_000_000;

/// What a command did: something to tell the person, or a file to read or write first.
#[derive(Debug)]
pub(super) enum Done {
    /// Done; this says what happened.
    Told(String),
    /// The event loop must perform this; its answer finishes the command.
    Effect(Effect),
}

/// Runs the command in `text`; an error is shown on the line, which stays open.
pub(super) fn execute(app: &mut App, text: &str) -> Result<Done, Error> {
    let words = words(text)?;
    let Some((name, args)) = words.split_first() else {
        return Err(Error::from(t!(
            "cmd-empty",
            complete = key_for(&Action::CommandComplete),
            cancel = key_for(&Action::CommandCancel)
        )));
    };
    let name = name.as_str();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let one = |what: &str| -> Result<&str, Error> {
        match args.as_slice() {
            [arg] => Ok(*arg),
            _ => Err(Error::from(t!(
                "cmd-takes-one",
                name = name,
                what = crate::i18n::tr(what)
            ))),
        }
    };
    match name {
        "lr" => lr(app, one("cmd-what-number")?),
        "set" => set(app, &args),
        "steps" => steps(app, one("cmd-what-count")?),
        "optimizer" => optimizer(app, one("cmd-what-name")?),
        "model" => model(app, one("cmd-what-name")?),
        "loss" => loss(app, one("cmd-what-name")?),
        "seed" => seed(app, one("cmd-what-number")?),
        "plane" => plane(app, &args),
        "scale" => scale(app, one("cmd-what-name")?),
        "l2" | "l1" => penalty(app, name, one("cmd-what-number")?),
        "momentum" | "alpha" | "beta1" | "beta2" | "eps" | "weight-decay" => {
            hyperparameter(app, name, one("cmd-what-number")?)
        }
        "schedule" => schedule(app, one("cmd-what-form")?),
        "batch" => batch(app, one("cmd-what-size")?),
        "freeze" => freeze(app, &args, true),
        "unfreeze" => freeze(app, &args, false),
        "tolerance" => tolerance(app, one("cmd-what-number")?),
        "load" => Ok(load(app, one("cmd-what-file")?, text)),
        "save" => Ok(save(app, one("cmd-what-file")?, text)),
        "export" => Ok(export(app, one("cmd-what-file")?, text)),
        other => Err(Error::from(t!(
            "cmd-unknown",
            name = other,
            key = key_for(&Action::CommandComplete)
        ))),
    }
}

/// Splits a command line into words as a shell does, so that a file name can hold
/// spaces: blanks separate words, `'…'` keeps its text as it is, `"…"` too except that
/// `\"` and `\\` stand for `"` and `\`, and elsewhere a backslash keeps the next
/// character. A quote left open is an error, not a guess.
fn words(text: &str) -> Result<Vec<String>, Error> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' | '"' => {
                let quoted = word.get_or_insert_with(String::new);
                if !read_quoted(&mut chars, c, quoted) {
                    return Err(Error::from(t!("cmd-unterminated", quote = c)));
                }
            }
            '\\' => {
                let escaped = chars.next().unwrap_or('\\');
                word.get_or_insert_with(String::new).push(escaped);
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// Appends the text up to the closing `quote` to `word`; false if it never closes.
fn read_quoted(chars: &mut std::str::Chars, quote: char, word: &mut String) -> bool {
    while let Some(c) = chars.next() {
        match c {
            c if c == quote => return true,
            '\\' if quote == '"' => match chars.next() {
                Some(next @ ('"' | '\\')) => word.push(next),
                Some(next) => {
                    word.push('\\');
                    word.push(next);
                }
                None => return false,
            },
            c => word.push(c),
        }
    }
    false
}

/// `:lr ETA`.
fn lr(app: &mut App, arg: &str) -> Result<Done, Error> {
    let lr = crate::fmt::parse_fraction(arg).ok_or_else(|| Error::from(t!("cmd-lr-form")))?;
    if !(lr.is_finite() && lr > 0.0) {
        return Err(Error::from(t!("cmd-lr-positive", lr = lr)));
    }
    app.set_lr(lr);
    Ok(Done::Told(format!("η = {lr}")))
}

/// `:set NAME=V ...`: restarts from these parameter values.
fn set(app: &mut App, args: &[&str]) -> Result<Done, Error> {
    if args.is_empty() {
        return Err(Error::from(t!("cmd-set-form")));
    }
    let names = app.param_names();
    let mut start = app.last_finite().params.clone();
    for pair in args {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| Error::from(t!("cmd-set-pair", pair = pair)))?;
        let i = names
            .iter()
            .position(|n| n == key)
            .ok_or_else(|| Error::from(t!("cmd-no-param", name = key, names = names.join(", "))))?;
        let v: f64 = value
            .parse()
            .map_err(|_| Error::from(t!("cmd-not-number", name = key, value = value)))?;
        if !v.is_finite() {
            return Err(Error::from(t!("cmd-not-finite", name = key)));
        }
        start[i] = v;
    }
    app.restart_from(start);
    Ok(Done::Told(t!("told-restarted", at = args.join(" "))))
}

/// `:steps N`.
fn steps(app: &mut App, arg: &str) -> Result<Done, Error> {
    let n: usize = arg.parse().map_err(|_| Error::from(t!("cmd-steps-form")))?;
    if n == 0 || n > MAX_QUEUED {
        return Err(Error::from(t!("cmd-steps-range", most = MAX_QUEUED)));
    }
    if app.predict().is_some() {
        // Predict mode takes an update only on an answer, one at a time.
        let key = key_for(&Action::TogglePredict);
        return Err(Error::from(t!("predict-no-play", key = key)));
    }
    app.queue_steps(n);
    Ok(Done::Told(t!("told-taking", count = n)))
}

/// `:optimizer NAME`.
fn optimizer(app: &mut App, arg: &str) -> Result<Done, Error> {
    let kind = OptimizerKind::parse(arg)?;
    app.set_optimizer(kind)?;
    Ok(Done::Told(t!("told-optimizer", name = kind)))
}

/// `:model NAME`.
fn model(app: &mut App, arg: &str) -> Result<Done, Error> {
    let model = app.set_model(arg)?;
    Ok(Done::Told(t!("told-model", name = model)))
}

/// `:loss NAME`.
fn loss(app: &mut App, arg: &str) -> Result<Done, Error> {
    let loss = Loss::parse(arg)?;
    app.set_loss(loss)?;
    Ok(Done::Told(t!("told-loss", name = loss)))
}

/// `:seed N`.
fn seed(app: &mut App, arg: &str) -> Result<Done, Error> {
    let seed: u64 = arg.parse().map_err(|_| Error::from(t!("cmd-seed-form")))?;
    app.reseed(seed);
    Ok(Done::Told(t!("told-seed", seed = seed)))
}

/// `:plane params:NAME,NAME|random[:SEED]|pca`: the plane the landscape shows.
fn plane(app: &mut App, args: &[&str]) -> Result<Done, Error> {
    let names = app.param_names();
    let choice = PlaneChoice::parse(&args.join(" "), &names).map_err(Error::from)?;
    app.set_plane(choice).map_err(Error::from)?;
    let plane = app.plane_choice().spec(&names);
    Ok(Done::Told(t!("told-plane", plane = plane)))
}

/// `:scale HOW`: the features through another scaling, trained again from the start.
fn scale(app: &mut App, arg: &str) -> Result<Done, Error> {
    let scale = Scale::parse(arg)?;
    Ok(Done::Told(app.set_scale(scale)?))
}

/// `:l2 λ` and `:l1 λ`: the penalties on the weights, from the current point.
fn penalty(app: &mut App, name: &str, arg: &str) -> Result<Done, Error> {
    let value = number(name, arg)?;
    let mut penalty = app.trainer().objective().penalty();
    if name == "l2" {
        penalty.l2 = value;
    } else {
        penalty.l1 = value;
    }
    app.set_penalty(penalty).map_err(|e| match e {
        engine::Error::Hyperparameter { name, reason } => Error::from(format!("{name} {reason}")),
        other => Error::Engine(other),
    })?;
    let weights = t!(
        "count-weights",
        count = app.trainer().objective().weights().len()
    );
    Ok(Done::Told(t!(
        "told-penalty",
        name = name,
        value = value,
        weights = weights
    )))
}

/// `:momentum MU` and the other hyperparameters of [`HYPERPARAMETERS`].
fn hyperparameter(app: &mut App, name: &str, arg: &str) -> Result<Done, Error> {
    let value = number(name, arg)?;
    app.set_hyperparameter(name, value).map_err(|e| match e {
        // The engine's reason leaves out the name, which the CLI adds as an option.
        Error::Engine(engine::Error::Hyperparameter { name, reason }) => {
            Error::from(format!("{name} {reason}"))
        }
        other => other,
    })?;
    let uses = HYPERPARAMETERS
        .iter()
        .find(|n| **n == name)
        .map_or(String::new(), |n| crate::i18n::tr(&format!("uses-{n}")));
    Ok(Done::Told(t!(
        "told-hyperparameter",
        name = name,
        value = value,
        uses = uses
    )))
}

/// `:schedule FORM`.
fn schedule(app: &mut App, arg: &str) -> Result<Done, Error> {
    let schedule = Schedule::parse(arg)?;
    app.set_schedule(schedule)?;
    Ok(Done::Told(t!("told-schedule", schedule = schedule)))
}

/// `:batch N` or `:batch full`.
fn batch(app: &mut App, arg: &str) -> Result<Done, Error> {
    let size = match arg {
        "full" => None,
        n => Some(
            n.parse::<usize>()
                .map_err(|_| Error::from(t!("cmd-batch-form")))?,
        ),
    };
    app.set_batch(size)?;
    Ok(Done::Told(match size {
        None => t!("told-full-batch"),
        Some(n) => t!("told-mini-batch", size = n),
    }))
}

/// `:freeze NAME…` and `:unfreeze NAME…`.
fn freeze(app: &mut App, names: &[&str], frozen: bool) -> Result<Done, Error> {
    if names.is_empty() {
        let command = if frozen { "freeze" } else { "unfreeze" };
        return Err(Error::from(t!("cmd-freeze-form", command = command)));
    }
    app.set_frozen(names, frozen)?;
    let names = names.join(", ");
    Ok(Done::Told(if frozen {
        t!("told-frozen", names = names)
    } else {
        t!("told-free", names = names)
    }))
}

/// `:tolerance T`.
fn tolerance(app: &mut App, arg: &str) -> Result<Done, Error> {
    let t = number("tolerance", arg)?;
    app.set_tolerance(t)?;
    Ok(Done::Told(t!("told-tolerance", value = t)))
}

/// `arg` as a number, or an error naming the command.
fn number(name: &str, arg: &str) -> Result<f64, Error> {
    arg.parse()
        .map_err(|_| Error::from(t!("cmd-number", name = name, arg = arg)))
}

/// `:load FILE.csv`: the loop reads it, then [`App::loaded`] fits it.
fn load(app: &mut App, path: &str, text: &str) -> Done {
    Done::Effect(Effect::Load {
        id: app.start_load(path),
        path: path.to_owned(),
        command: text.to_owned(),
    })
}

/// `:save FILE.toml`: the scenario that replays the run.
fn save(app: &App, path: &str, text: &str) -> Done {
    let saved = app.saved_scenario();
    Done::Effect(Effect::Write {
        to: Target::Named(path.into()),
        note: saved.warning.clone(),
        contents: Contents::Scenario(Box::new(saved)),
        command: Some(text.to_owned()),
    })
}

/// `:export FILE.csv`: the trajectory.
fn export(app: &App, path: &str, text: &str) -> Done {
    Done::Effect(Effect::Write {
        to: Target::Named(path.into()),
        contents: Contents::Trajectory(app.replay()),
        note: Some(t!("title-rows", count = app.trainer.current().step + 1)),
        command: Some(text.to_owned()),
    })
}

/// Completes the word being typed: a command name, or the name a command takes.
/// With several matches, the text is left and the matches are listed.
pub(super) fn complete(app: &App, text: &str) -> (String, Option<String>) {
    let ends_in_space = text.ends_with(' ');
    let words: Vec<&str> = text.split_whitespace().collect();
    let (done, partial) = match (words.as_slice(), ends_in_space) {
        ([], _) => (Vec::new(), ""),
        (all, true) => (all.to_vec(), ""),
        ([rest @ .., last], false) => (rest.to_vec(), *last),
    };
    let candidates: Vec<String> = match done.as_slice() {
        [] => COMMANDS.iter().map(|c| c.0.to_owned()).collect(),
        ["optimizer"] => OPTIMIZERS.iter().map(|o| o.name().to_owned()).collect(),
        ["model"] => MODEL_CHOICES
            .iter()
            .chain(
                MODEL_CHOICES_SEVERAL
                    .iter()
                    .filter(|m| !MODEL_CHOICES.contains(m)),
            )
            .map(|m| m.to_string())
            .collect(),
        ["loss"] => Loss::ALL.map(|l| l.name().to_owned()).to_vec(),
        ["scale"] => Scale::ALL.map(|s| s.name().to_owned()).to_vec(),
        ["set", ..] => app
            .param_names()
            .into_iter()
            .map(|n| format!("{n}="))
            .collect(),
        ["freeze" | "unfreeze", ..] => app.param_names(),
        ["schedule"] => ["constant", "step:", "cosine:", "warmup:"]
            .map(String::from)
            .to_vec(),
        ["batch"] => vec!["full".to_owned()],
        ["plane"] => ["params:", "random", "pca"].map(String::from).to_vec(),
        _ => Vec::new(),
    };
    let matches: Vec<&String> = candidates
        .iter()
        .filter(|c| c.starts_with(partial))
        .collect();
    let prefix = done.join(" ");
    let join = |word: &str| {
        if prefix.is_empty() {
            word.to_owned()
        } else {
            format!("{prefix} {word}")
        }
    };
    match matches.as_slice() {
        [] => (text.to_owned(), Some(t!("cmd-no-completion"))),
        [only] => {
            let space = if only.ends_with(['=', ':']) { "" } else { " " };
            (format!("{}{space}", join(only)), None)
        }
        many => {
            let common = common_prefix(many);
            let listed = many
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            (
                if common.len() > partial.len() {
                    join(&common)
                } else {
                    text.to_owned()
                },
                Some(listed),
            )
        }
    }
}

fn common_prefix(words: &[&String]) -> String {
    let first = words[0];
    let mut end = first.len();
    for w in &words[1..] {
        end = end.min(
            first
                .chars()
                .zip(w.chars())
                .take_while(|(a, b)| a == b)
                .map(|(c, _)| c.len_utf8())
                .sum(),
        );
    }
    first[..end].to_owned()
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_hyperparameter_says_which_rules_use_it_in_both_languages() {
        use crate::i18n::{Lang, find, with_lang};
        for name in HYPERPARAMETERS {
            for lang in Lang::ALL {
                let uses = with_lang(lang, || find(&format!("uses-{name}")));
                assert!(uses.is_some(), "{name} in {lang:?}");
            }
        }
    }
    use super::*;
    use crate::app::update;
    use crate::engine::Status;
    use crate::scenario::{Scenario, resolve};
    use crate::testing::command as run;

    use crate::testing::lesson as app;

    #[test]
    fn exact_values_take_effect() {
        let mut a = app("intro");
        run(&mut a, "lr 0.0123");
        assert_eq!(a.trainer().config().lr, 0.0123);
        assert_eq!(a.command_line(), None);
        run(&mut a, "set w=0.5 b=-1");
        assert_eq!(a.current().params.to_vec(), [0.5, -1.0]);
        run(&mut a, "optimizer adam");
        assert_eq!(a.trainer().config().optimizer.kind, OptimizerKind::Adam);
        assert_eq!(a.current().params.to_vec(), [0.5, -1.0]);
        run(&mut a, "model relus:2");
        assert_eq!(a.trainer().objective().model().to_string(), "relus:2");
        run(&mut a, "loss mae");
        assert_eq!(a.trainer().objective().loss(), Loss::Mae);
        run(&mut a, "seed 7");
        assert_eq!(a.trainer().config().seed, 7);
    }

    #[test]
    fn steps_are_queued_and_taken_by_the_loop() {
        let mut a = app("intro");
        run(&mut a, "steps 25");
        assert_eq!(a.queued(), 25);
        update(&mut a, Action::Advance(10));
        assert_eq!((a.current().step, a.queued()), (10, 15));
        assert_eq!(a.notice(), Some("taking 25 updates"));
        update(&mut a, Action::Advance(100));
        assert_eq!((a.current().step, a.queued()), (25, 0));
        assert_eq!(a.notice(), Some("done: at step 25"));
        run(&mut a, "steps 1000");
        update(&mut a, Action::Advance(3));
        update(&mut a, Action::TogglePlay);
        assert_eq!(a.queued(), 0, "any key of the person's stops a :steps run");
        let mut b = app("blowup");
        run(&mut b, "steps 50");
        update(&mut b, Action::Advance(50));
        assert_eq!(b.current().status, Status::Diverged);
        assert_eq!(b.queued(), 0, "a blowup ends the queue");
        assert_eq!(b.notice(), Some("done: at step 1, where the run stopped"));
    }

    #[test]
    fn errors_stay_on_the_line_and_change_nothing() {
        let mut a = app("intro");
        for (text, expect) in [
            ("lr -1", "positive finite"),
            ("lr fast", "takes a number"),
            ("set q=1", "no parameter `q`"),
            ("set w", "NAME=VALUE"),
            ("steps 0", "steps takes 1"),
            ("optimizer sgd", "unknown optimizer"),
            ("model cubic", "unknown model"),
            ("loss bce", "needs model `logistic`"),
            ("load /no/such/file.csv", "cannot read"),
            ("fly", "unknown command `fly`"),
            ("", "type a command"),
        ] {
            let before = a.current().clone();
            run(&mut a, text);
            let line = a.command_line().cloned().expect("the line stays open");
            assert!(
                line.error.as_deref().unwrap().contains(expect),
                "{text}: {line:?}"
            );
            assert_eq!(line.text, text);
            assert_eq!(a.current(), &before);
            update(&mut a, Action::CommandCancel);
        }
    }

    #[test]
    fn save_export_and_load_round_trip_through_files() {
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("saved.toml");
        let exported = dir.path().join("run.csv");
        let mut a = app("sigmoid");
        for _ in 0..12 {
            update(&mut a, Action::Step);
        }
        run(&mut a, &format!("save {}", saved.display()));
        assert!(
            a.notice().unwrap().starts_with("wrote "),
            "{:?}",
            a.notice()
        );
        run(&mut a, &format!("export {}", exported.display()));
        let csv_text = std::fs::read_to_string(&exported).unwrap();
        assert_eq!(csv_text.lines().count(), 14);
        run(&mut a, &format!("save {}", saved.display()));
        assert!(
            a.command_line()
                .unwrap()
                .error
                .as_deref()
                .unwrap()
                .contains("already exists")
        );
        // The saved scenario, run headless, gives the same rows as the exported trajectory.
        let file = crate::scenario::load_scenario_file(&saved).unwrap();
        let setup = resolve(
            &Scenario {
                steps: Some(12),
                ..Default::default()
            },
            Some(&file),
        )
        .unwrap();
        let mut t = crate::engine::Trainer::new(
            setup.objective.clone(),
            setup.config.clone(),
            setup.start.clone(),
        )
        .unwrap();
        t.run(12);
        let again = crate::report::csv(&setup.objective.model().param_names(), t.kept());
        assert_eq!(again, csv_text);
    }

    #[test]
    fn quotes_keep_spaces_in_a_word() {
        let w = |t: &str| words(t).unwrap();
        assert_eq!(w(r#"save "my file.toml""#), ["save", "my file.toml"]);
        assert_eq!(w("load 'a b.csv'"), ["load", "a b.csv"]);
        assert_eq!(w(r"save my\ file.toml"), ["save", "my file.toml"]);
        assert_eq!(w(r#"save "a \"q\" \\ \x""#), ["save", r#"a "q" \ \x"#]);
        assert_eq!(w("save 'it''s'"), ["save", "its"]);
        assert_eq!(w("  lr   0.1 "), ["lr", "0.1"]);
        assert_eq!(w("save ''"), ["save", ""]);
        assert!(w("").is_empty());
        for open in [r#"save "my file"#, "load 'a b", r#"save "x\"#] {
            let err = words(open).unwrap_err().to_string();
            assert!(err.starts_with("unterminated quote"), "{open}: {err}");
        }
    }

    #[test]
    fn quoted_file_names_are_saved_and_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("my file.toml");
        let data = dir.path().join("a b.csv");
        std::fs::write(&data, "x,y\n1,2\n2,4\n").unwrap();
        let mut a = app("intro");
        run(&mut a, &format!("save \"{}\"", saved.display()));
        assert!(saved.is_file(), "{:?}", a.notice());
        run(&mut a, &format!("load '{}'", data.display()));
        assert_eq!(a.trainer().objective().data().len(), 2, "{:?}", a.notice());
        let before = a.current().clone();
        run(&mut a, "save \"half open.toml");
        let line = a.command_line().cloned().expect("the line stays open");
        assert!(line.error.unwrap().starts_with("unterminated quote \""));
        assert_eq!(a.current(), &before);
        assert_eq!(
            complete(&a, "save \"my fi").1.as_deref(),
            Some("no completion")
        );
    }

    #[cfg(unix)]
    #[test]
    fn load_refuses_what_is_not_a_regular_file_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let mut paths = vec![std::path::PathBuf::from("/dev/zero"), dir.path().into()];
        if made.is_ok_and(|s| s.success()) {
            paths.push(fifo);
        }
        let mut a = app("intro");
        for path in paths {
            // A FIFO with no writer would block the open; /dev/zero would never end.
            run(&mut a, &format!("load '{}'", path.display()));
            let error = a.command_line().and_then(|c| c.error.clone());
            assert!(
                error
                    .as_deref()
                    .is_some_and(|e| e.ends_with("not a regular file")),
                "{path:?}: {error:?}"
            );
            update(&mut a, Action::CommandCancel);
        }
    }

    #[test]
    fn load_fits_new_data_with_the_current_model() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.csv");
        std::fs::write(&path, "x,y\n1,2\n2,4\n3,6.5\n").unwrap();
        let mut a = app("intro");
        run(&mut a, &format!("load {}", path.display()));
        assert_eq!(a.trainer().objective().data().len(), 3);
        assert!(a.notice().unwrap().contains("loaded 3 rows"));
        assert_eq!(a.setup().scenario.data.as_deref(), Some(path.as_path()));
    }

    #[test]
    fn tab_completes_commands_and_names() {
        let a = app("intro");
        assert_eq!(complete(&a, "op").0, "optimizer ");
        assert_eq!(complete(&a, "optimizer a").0, "optimizer ada");
        let (text, listed) = complete(&a, "optimizer ada");
        assert_eq!(text, "optimizer ada");
        assert_eq!(listed.as_deref(), Some("adagrad adam adamw"));
        // `adam` is whole, but `adamw` starts with it: both are listed.
        let (text, listed) = complete(&a, "optimizer adam");
        assert_eq!(text, "optimizer adam");
        assert_eq!(listed.as_deref(), Some("adam adamw"));
        assert_eq!(complete(&a, "optimizer adamw").0, "optimizer adamw ");
        assert_eq!(complete(&a, "set w=1 b").0, "set w=1 b=");
        let (_, listed) = complete(&a, "s");
        assert_eq!(
            listed.as_deref(),
            Some("set steps schedule seed scale save")
        );
        assert_eq!(complete(&a, "zz").1.as_deref(), Some("no completion"));
        assert_eq!(complete(&a, "mom").0, "momentum ");
        assert_eq!(complete(&a, "schedule cos").0, "schedule cosine:");
        assert_eq!(complete(&a, "freeze ").1.as_deref(), Some("w b"));
        assert_eq!(complete(&a, "unfreeze w b").0, "unfreeze w b ");
        assert_eq!(complete(&a, "batch f").0, "batch full ");
    }

    #[test]
    fn every_setting_changes_live_with_the_cli_checks() {
        let mut a = app("intro");
        for _ in 0..3 {
            update(&mut a, Action::Step);
        }
        let here = a.current().params.clone();
        run(&mut a, "optimizer momentum");
        run(&mut a, "momentum 0.5");
        let config = a.trainer().config().clone();
        assert_eq!(config.optimizer.momentum, 0.5);
        assert_eq!(a.current().params, here, "from the current point");
        assert!(
            a.notice()
                .unwrap()
                .starts_with("momentum = 0.5 (μ of momentum")
        );
        run(&mut a, "beta1 0.8");
        run(&mut a, "beta2 0.99");
        run(&mut a, "alpha 0.9");
        run(&mut a, "eps 1e-6");
        let o = a.trainer().config().optimizer;
        assert_eq!((o.beta1, o.beta2, o.alpha, o.eps), (0.8, 0.99, 0.9, 1e-6));
        run(&mut a, "schedule step:10:0.5");
        assert_eq!(
            a.trainer().config().schedule,
            Schedule::Step {
                every: 10,
                factor: 0.5
            }
        );
        run(&mut a, "batch 4");
        assert_eq!(a.trainer().config().batch_size, Some(4));
        run(&mut a, "batch full");
        assert_eq!(a.trainer().config().batch_size, None);
        run(&mut a, "tolerance 0");
        assert_eq!(a.trainer().config().tolerance, 0.0);
        run(&mut a, "freeze b");
        assert_eq!(a.trainer().config().frozen, [false, true]);
        assert_eq!(a.curve_axis(), Some(0), "one free parameter: its curve");
        run(&mut a, "unfreeze b");
        assert_eq!(a.trainer().config().frozen, [false, false]);
        // Refused with the command line's checks, which stay on the line.
        for (bad, says) in [
            ("momentum 1", "momentum must be in [0, 1), got 1"),
            ("eps 0", "eps must be a positive finite number, got 0"),
            ("schedule cosine:0", "cosine:0"),
            ("batch 0", "the batch size must be at least 1"),
            ("batch some", "batch takes a whole number"),
            ("tolerance -1", "the tolerance must be a finite number ≥ 0"),
            ("freeze w b", "at least one parameter must stay free"),
            ("freeze q", "the model has no parameter `q`"),
            ("freeze", "freeze takes parameter names"),
        ] {
            run(&mut a, bad);
            let error = a.command_line().and_then(|c| c.error.clone());
            assert!(
                error.as_deref().is_some_and(|e| e.contains(says)),
                "{bad}: {error:?}"
            );
            update(&mut a, Action::CommandCancel);
        }
        assert_eq!(a.trainer().config().optimizer.momentum, 0.5);
    }

    #[test]
    fn model_names_complete_to_networks_too() {
        let a = crate::testing::lesson("two-features");
        let (text, _) = complete(&a, "model ml");
        assert_eq!(text, "model mlp:");
    }
}
