//! `--init` and `--freeze`: parameter values and flags given by name.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Starting values: the model's `defaults`, overridden by `spec` (`w=0.5,b=0` or `random`).
///
/// `random` draws each parameter uniformly from [−1, 1) with the seeded RNG.
pub fn parse_init(
    spec: &str,
    names: &[String],
    defaults: &[f64],
    seed: u64,
) -> Result<Vec<f64>, String> {
    let mut values = defaults.to_vec();
    if spec.trim() == "random" {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        values
            .iter_mut()
            .for_each(|v| *v = rng.random_range(-1.0..1.0));
        return Ok(values);
    }
    let mut seen = vec![false; names.len()];
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| format!("expected NAME=VALUE, got `{item}`"))?;
        let i = index_of(name.trim(), names)?;
        if std::mem::replace(&mut seen[i], true) {
            return Err(format!("`{}` is given twice", names[i]));
        }
        let v: f64 = value
            .trim()
            .parse()
            .map_err(|_| format!("`{}` must be a number, got `{}`", names[i], value.trim()))?;
        if !v.is_finite() {
            return Err(format!("`{}` must be a finite number, got {v}", names[i]));
        }
        values[i] = v;
    }
    Ok(values)
}

/// Freeze flags for a comma-separated list of parameter names.
pub fn parse_freeze(spec: &str, names: &[String]) -> Result<Vec<bool>, String> {
    let mut frozen = vec![false; names.len()];
    for name in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        frozen[index_of(name, names)?] = true;
    }
    Ok(frozen)
}

fn index_of(name: &str, names: &[String]) -> Result<usize, String> {
    names.iter().position(|n| n == name).ok_or_else(|| {
        format!(
            "the model has no parameter `{name}` (it has {})",
            names.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        vec!["w".into(), "b".into()]
    }

    #[test]
    fn named_values_override_defaults() {
        assert_eq!(
            parse_init("b=-1.5", &names(), &[0.0, 0.0], 0),
            Ok(vec![0.0, -1.5])
        );
        assert_eq!(
            parse_init(" w = 2 , b=3", &names(), &[0.0, 0.0], 0),
            Ok(vec![2.0, 3.0])
        );
        assert_eq!(parse_init("", &names(), &[1.0, 2.0], 0), Ok(vec![1.0, 2.0]));
    }

    #[test]
    fn bad_init_is_explained() {
        let err = parse_init("q=1", &names(), &[0.0, 0.0], 0).unwrap_err();
        assert_eq!(err, "the model has no parameter `q` (it has w, b)");
        assert!(
            parse_init("w", &names(), &[0.0; 2], 0)
                .unwrap_err()
                .contains("NAME=VALUE")
        );
        assert!(
            parse_init("w=x", &names(), &[0.0; 2], 0)
                .unwrap_err()
                .contains("must be a number")
        );
        assert!(
            parse_init("w=inf", &names(), &[0.0; 2], 0)
                .unwrap_err()
                .contains("finite")
        );
        assert!(
            parse_init("w=1,w=2", &names(), &[0.0; 2], 0)
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn random_start_is_seeded_and_in_range() {
        let a = parse_init("random", &names(), &[0.0; 2], 7).unwrap();
        assert_eq!(a, parse_init("random", &names(), &[0.0; 2], 7).unwrap());
        assert_ne!(a, parse_init("random", &names(), &[0.0; 2], 8).unwrap());
        assert!(a.iter().all(|v| (-1.0..1.0).contains(v)));
    }

    #[test]
    fn freeze_flags_by_name() {
        assert_eq!(parse_freeze("b", &names()), Ok(vec![false, true]));
        assert!(
            parse_freeze("w,z", &names())
                .unwrap_err()
                .contains("no parameter `z`")
        );
    }
}
