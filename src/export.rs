//! Writing what is on screen to files: the trajectory as CSV, the scenario as TOML.
//!
//! Files are written whole or not at all (a temporary file, then a link or rename into
//! place), and an existing file is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::App;
use crate::cli::{csv, exact};
use crate::engine::OptimizerKind;
use crate::scenario::{Points, Scenario};

/// Writes `contents` to `path` atomically, refusing to replace an existing file.
/// Returns the path written, made absolute so that the person can find it.
pub fn write_new(path: &Path, contents: &str) -> Result<PathBuf, String> {
    let shown = path.display();
    if path.exists() {
        return Err(format!("{shown} already exists; choose another name"));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("{shown} is not a file name"))?;
    let temp = folder.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| f.write_all(contents.as_bytes()).and_then(|()| f.sync_all()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("cannot write {shown}: {e}"));
    }
    // A hard link fails if the name was taken meanwhile, so nothing is ever replaced.
    let placed = std::fs::hard_link(&temp, path).or_else(|_| {
        if path.exists() {
            Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "already exists",
            ))
        } else {
            std::fs::rename(&temp, path)
        }
    });
    let _ = std::fs::remove_file(&temp);
    placed.map_err(|e| format!("cannot write {shown}: {e}"))?;
    Ok(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `stem.ext` in the current folder, or `stem-2.ext`, `stem-3.ext`… if taken.
pub fn unused_name(stem: &str, ext: &str) -> PathBuf {
    let first = PathBuf::from(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|k| PathBuf::from(format!("{stem}-{k}.{ext}")))
        .find(|p| !p.exists())
        .expect("some suffix is free")
}

/// The trajectory on screen, in `downhill run --format csv` columns.
pub fn trajectory_csv(app: &App) -> String {
    csv(&app.param_names(), app.trainer.history())
}

/// The scenario that reproduces the current run from its start, and a warning when it
/// cannot reproduce it exactly (η was changed part-way).
pub fn scenario_toml(app: &App) -> Result<(String, Option<String>), String> {
    let config = app.trainer.config();
    let objective = app.trainer.objective();
    let history = app.trainer.history();
    let names = app.param_names();
    let start = &history[0];
    let init: Vec<String> = names
        .iter()
        .zip(start.params.iter())
        .map(|(n, v)| format!("{n}={}", exact(*v)))
        .collect();
    let frozen: Vec<&str> = names
        .iter()
        .zip(&config.frozen)
        .filter(|(_, f)| **f)
        .map(|(n, _)| n.as_str())
        .collect();
    let original = &app.setup.scenario;
    let mut warnings = Vec::new();
    // The base η that every update on screen followed, if there is one.
    let lr = match base_rate(app) {
        Some(lr) => lr,
        None => {
            warnings.push("η changed during this run: the file uses the current η");
            config.lr
        }
    };
    // Updates taken past a converged state replay only if `run` does not stop there.
    let past_converged = history[..history.len() - 1]
        .iter()
        .any(|s| s.status == crate::engine::Status::Converged);
    let tolerance = if past_converged {
        warnings.push("the run went on past convergence: the file sets tolerance = 0 to replay it");
        0.0
    } else {
        config.tolerance
    };
    // Synthetic data is made from the seed; once `:seed` changed it, the rows go inline.
    let data_seed = original.seed.unwrap_or(0);
    let inline = original.dataset.is_some() && data_seed != config.seed;
    let points = if inline {
        let data = objective.data();
        let k = data.n_features();
        let mut columns = data.features.clone();
        columns.push(data.target.clone());
        let rows = data
            .x_slice()
            .chunks_exact(k)
            .zip(data.y_slice())
            .map(|(x, &y)| x.iter().copied().chain(std::iter::once(y)).collect())
            .collect();
        Some(Points { columns, rows })
    } else {
        original.points.clone()
    };
    // A relative path would be read against the saved file's folder.
    let data = original
        .data
        .as_ref()
        .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
    let o = config.optimizer;
    let uses = |kinds: &[OptimizerKind]| kinds.contains(&o.kind);
    let scenario = Scenario {
        description: original.description.clone(),
        caption: original.caption.clone(),
        preset: None,
        data,
        target: original
            .target
            .clone()
            .or_else(|| inline.then(|| objective.data().target.clone())),
        dataset: original.dataset.clone().filter(|_| !inline),
        n: original.n.filter(|_| !inline),
        noise: original.noise.filter(|_| !inline),
        seed: Some(config.seed),
        model: Some(objective.model().to_string()),
        loss: Some(objective.loss().to_string()),
        optimizer: Some(o.kind.to_string()),
        lr: Some(lr),
        schedule: Some(config.schedule.to_string()),
        // Only the rule's own hyperparameters, so the file reads as what it uses.
        momentum: uses(&[OptimizerKind::Momentum, OptimizerKind::Nesterov]).then_some(o.momentum),
        alpha: uses(&[OptimizerKind::Rmsprop]).then_some(o.alpha),
        beta1: uses(&[OptimizerKind::Adam]).then_some(o.beta1),
        beta2: uses(&[OptimizerKind::Adam]).then_some(o.beta2),
        eps: uses(&[
            OptimizerKind::Adagrad,
            OptimizerKind::Rmsprop,
            OptimizerKind::Adam,
        ])
        .then_some(o.eps),
        batch_size: config.batch_size,
        init: Some(init.join(",")),
        freeze: Some(frozen.join(",")),
        tolerance: Some(tolerance),
        diverge_factor: Some(config.diverge_factor),
        // `run` then prints exactly the rows on screen.
        steps: Some(if app.current().step > 0 {
            app.current().step
        } else {
            app.setup.max_steps
        }),
        points,
    };
    let text = toml::to_string(&scenario).map_err(|e| format!("cannot write the scenario: {e}"))?;
    let warning = (!warnings.is_empty()).then(|| warnings.join("; "));
    Ok((
        format!(
            "# Saved by downhill at step {}.\n{text}",
            app.current().step
        ),
        warning,
    ))
}

/// The base η from which the schedule gives every update's η on screen, if one does:
/// the current base η, or failing that the one the first update implies.
fn base_rate(app: &App) -> Option<f64> {
    let config = app.trainer.config();
    let history = app.trainer.history();
    let follows = |base: f64| {
        history[1..]
            .iter()
            .enumerate()
            .all(|(k, s)| s.lr == config.schedule.lr(base, k + 1))
    };
    if follows(config.lr) {
        return Some(config.lr);
    }
    let first = history.get(1)?;
    let factor = config.schedule.lr(1.0, 1);
    let base = first.lr / factor;
    (factor > 0.0 && follows(base)).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::engine::Trainer;
    use crate::scenario::{ScenarioFile, resolve};

    use crate::testing::lesson as app;

    #[test]
    fn a_saved_scenario_reproduces_the_run_bit_for_bit() {
        for (lesson, switch) in [
            ("intro", false),
            ("wiggle", false),
            ("sigmoid", true),
            ("line", false),
        ] {
            let mut a = app(lesson);
            update(&mut a, Action::Step);
            if switch {
                update(&mut a, Action::NextOptimizer);
                update(&mut a, Action::RestartAt(0.3, -0.7));
            }
            for _ in 0..25 {
                update(&mut a, Action::Step);
            }
            let (text, warning) = scenario_toml(&a).unwrap();
            // `line` converges within these steps; the file then replays past it.
            assert!(
                warning.is_none_or(|w| w.contains("past convergence")),
                "{lesson}"
            );
            let file = ScenarioFile::parse(&text, "saved.toml").unwrap();
            let setup = resolve(&Scenario::default(), Some(&file)).unwrap();
            let mut again = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
            for _ in 0..a.current().step {
                again.step();
            }
            assert_eq!(
                csv(&a.param_names(), again.history()),
                trajectory_csv(&a),
                "{lesson}"
            );
            assert!(
                text.contains(&format!("steps = {}", a.current().step)),
                "{lesson}"
            );
        }
    }

    #[test]
    fn a_changed_rate_is_reported() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::ScaleLearningRate(2.0));
        // Every update so far used 0.1, so that is what the file holds.
        let (text, warning) = scenario_toml(&a).unwrap();
        assert_eq!(warning, None);
        assert!(text.contains("lr = 0.1"), "{text}");
        update(&mut a, Action::Step);
        let (_, warning) = scenario_toml(&a).unwrap();
        assert!(warning.unwrap().contains("η changed"));
    }

    /// Saves `a`, runs the file headless for as many steps as `a` took, and compares.
    fn replays(a: &App) -> bool {
        let (text, _) = scenario_toml(a).unwrap();
        let file = ScenarioFile::parse(&text, "saved.toml").unwrap();
        let setup = resolve(&Scenario::default(), Some(&file)).unwrap();
        let mut again = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
        again.run(setup.max_steps);
        // The trajectory, as exported; the stop status of a state past convergence differs
        // by design (the file replays with tolerance 0).
        csv(&a.param_names(), again.history()) == trajectory_csv(a)
    }

    #[test]
    fn a_new_seed_keeps_the_data_on_screen() {
        let cli = Scenario {
            dataset: Some("line".into()),
            lr: Some(0.05),
            batch_size: Some(7),
            ..Default::default()
        };
        let mut a = App::new(resolve(&cli, None).unwrap()).unwrap();
        a.trainer.set_lr(0.05);
        let mut seeded = a.trainer.config().clone();
        seeded.seed = 7;
        let (objective, start) = (a.trainer.objective().clone(), a.current().params.clone());
        a.trainer = Trainer::new(objective, seeded, start).unwrap();
        for _ in 0..5 {
            update(&mut a, Action::Step);
        }
        let (text, _) = scenario_toml(&a).unwrap();
        assert!(
            text.contains("[points]") && !text.contains("dataset ="),
            "{text}"
        );
        assert!(replays(&a));
    }

    #[test]
    fn steps_past_convergence_replay_and_only_the_rules_hyperparameters_are_written() {
        let mut a = app("line");
        for _ in 0..30 {
            update(&mut a, Action::Step);
        }
        assert!(
            a.trainer
                .history()
                .iter()
                .any(|s| s.status == crate::engine::Status::Converged)
        );
        let (text, warning) = scenario_toml(&a).unwrap();
        assert!(warning.unwrap().contains("past convergence"));
        assert!(
            !text.contains("\neps =") && !text.contains("\nbeta1 ="),
            "{text}"
        );
        assert!(replays(&a));
    }

    #[test]
    fn files_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let written = write_new(&path, "a,b\n").unwrap();
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "a,b\n");
        let err = write_new(&path, "other").unwrap_err();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        assert!(write_new(&dir.path().join("no/such/folder/x.csv"), "x").is_err());
    }

    #[test]
    fn the_exported_trajectory_has_the_run_columns() {
        let mut a = app("blowup");
        update(&mut a, Action::Step);
        let text = trajectory_csv(&a);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("step,epoch,loss,w1,w2,b,grad_w1,grad_w2,grad_b,grad_norm,lr")
        );
        assert_eq!(lines.count(), 2);
    }
}
