//! Writing what is on screen to files: the trajectory as CSV, the scenario as TOML.
//!
//! Files are written whole or not at all (a temporary file, then a link or rename into
//! place), and an existing file is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::App;
use crate::cli::{csv, exact};
use crate::scenario::Scenario;

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
    let names = app.param_names();
    let start = &app.trainer.history()[0];
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
    // A relative path would be read against the saved file's folder.
    let data = original
        .data
        .as_ref()
        .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
    let o = config.optimizer;
    let scenario = Scenario {
        description: original.description.clone(),
        caption: original.caption.clone(),
        preset: None,
        data,
        target: original.target.clone(),
        dataset: original.dataset.clone(),
        n: original.n,
        noise: original.noise,
        seed: Some(config.seed),
        model: Some(objective.model().to_string()),
        loss: Some(objective.loss().to_string()),
        optimizer: Some(o.kind.to_string()),
        lr: Some(config.lr),
        schedule: Some(config.schedule.to_string()),
        momentum: Some(o.momentum),
        alpha: Some(o.alpha),
        beta1: Some(o.beta1),
        beta2: Some(o.beta2),
        eps: Some(o.eps),
        batch_size: config.batch_size,
        init: Some(init.join(",")),
        freeze: Some(frozen.join(",")),
        tolerance: Some(config.tolerance),
        diverge_factor: Some(config.diverge_factor),
        steps: Some(app.setup.max_steps.max(app.current().step)),
        points: original.points.clone(),
    };
    let text = toml::to_string(&scenario).map_err(|e| format!("cannot write the scenario: {e}"))?;
    let history = app.trainer.history();
    let same_rate = history[1..]
        .iter()
        .enumerate()
        .all(|(k, s)| s.lr == config.next_lr(k));
    let warning =
        (!same_rate).then(|| "η changed during this run: the file uses the current η".to_owned());
    Ok((
        format!(
            "# Saved by downhill at step {}.\n{text}",
            app.current().step
        ),
        warning,
    ))
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
            assert_eq!(warning, None);
            let file = ScenarioFile::parse(&text, "saved.toml").unwrap();
            let setup = resolve(&Scenario::default(), Some(&file)).unwrap();
            let mut again = Trainer::new(setup.objective, setup.config, setup.start).unwrap();
            for _ in 0..a.current().step {
                again.step();
            }
            assert_eq!(again.history(), a.trainer.history(), "{lesson}");
        }
    }

    #[test]
    fn a_changed_rate_is_reported() {
        let mut a = app("intro");
        update(&mut a, Action::Step);
        update(&mut a, Action::ScaleLearningRate(2.0));
        update(&mut a, Action::Step);
        let (_, warning) = scenario_toml(&a).unwrap();
        assert!(warning.unwrap().contains("η changed"));
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
