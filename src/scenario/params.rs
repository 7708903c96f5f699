//! `--init` and `--freeze`: parameter values and flags given by name.

/// Starting values: the model's `defaults`, overridden by `spec` (`w=0.5,b=0` or `random`).
///
/// `random` takes `random()`, the model's seeded random start
/// ([`crate::engine::Model::random_params`]).
pub fn parse_init(
    spec: &str,
    names: &[String],
    defaults: &[f64],
    random: impl FnOnce() -> Vec<f64>,
) -> Result<Vec<f64>, String> {
    if spec.trim() == "random" {
        return Ok(random());
    }
    let mut values = defaults.to_vec();
    let mut seen = vec![false; names.len()];
    for item in split_list(spec) {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| crate::t!("cmd-set-pair", pair = item))?;
        let i = index_of(name.trim(), names)?;
        if std::mem::replace(&mut seen[i], true) {
            return Err(crate::t!("opt-param-twice", name = names[i]));
        }
        let v: f64 = value
            .trim()
            .parse()
            .map_err(|_| crate::t!("cmd-not-number", name = names[i], value = value.trim()))?;
        if !v.is_finite() {
            return Err(crate::t!("opt-param-finite", name = names[i], value = v));
        }
        values[i] = v;
    }
    Ok(values)
}

/// Freeze flags for a comma-separated list of parameter names.
pub fn parse_freeze(spec: &str, names: &[String]) -> Result<Vec<bool>, String> {
    let mut frozen = vec![false; names.len()];
    for name in split_list(spec) {
        frozen[index_of(name, names)?] = true;
    }
    Ok(frozen)
}

/// The trimmed, non-empty items of a comma-separated list, where a comma inside
/// brackets does not split, so `W1[1,2]=0.5,b1[1]=0` is two items.
pub fn split_list(spec: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in spec.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&spec[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&spec[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The index of the parameter `name`, or a message listing the model's parameters.
pub fn index_of(name: &str, names: &[String]) -> Result<usize, String> {
    names
        .iter()
        .position(|n| n == name)
        .ok_or_else(|| crate::t!("cmd-no-param", name = name, names = names.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Model;

    /// `random` as the scenario gives it for a one-feature `linear`.
    fn uniform(seed: u64) -> impl FnOnce() -> Vec<f64> {
        move || Model::Linear { features: 1 }.random_params(seed)
    }

    fn names() -> Vec<String> {
        vec!["w".into(), "b".into()]
    }

    #[test]
    fn named_values_override_defaults() {
        assert_eq!(
            parse_init("b=-1.5", &names(), &[0.0, 0.0], uniform(0)),
            Ok(vec![0.0, -1.5])
        );
        assert_eq!(
            parse_init(" w = 2 , b=3", &names(), &[0.0, 0.0], uniform(0)),
            Ok(vec![2.0, 3.0])
        );
        assert_eq!(
            parse_init("", &names(), &[1.0, 2.0], uniform(0)),
            Ok(vec![1.0, 2.0])
        );
    }

    #[test]
    fn bad_init_is_explained() {
        let err = parse_init("q=1", &names(), &[0.0, 0.0], uniform(0)).unwrap_err();
        assert_eq!(err, "the model has no parameter `q` (it has w, b)");
        assert!(
            parse_init("w", &names(), &[0.0; 2], uniform(0))
                .unwrap_err()
                .contains("NAME=VALUE")
        );
        assert!(
            parse_init("w=x", &names(), &[0.0; 2], uniform(0))
                .unwrap_err()
                .contains("must be a number")
        );
        assert!(
            parse_init("w=inf", &names(), &[0.0; 2], uniform(0))
                .unwrap_err()
                .contains("finite")
        );
        assert!(
            parse_init("w=1,w=2", &names(), &[0.0; 2], uniform(0))
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn random_start_is_seeded_and_in_range() {
        let a = parse_init("random", &names(), &[0.0; 2], uniform(7)).unwrap();
        assert_eq!(
            a,
            parse_init("random", &names(), &[0.0; 2], uniform(7)).unwrap()
        );
        assert_ne!(
            a,
            parse_init("random", &names(), &[0.0; 2], uniform(8)).unwrap()
        );
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

    #[test]
    fn bracketed_names_keep_their_commas() {
        assert_eq!(
            split_list(" W1[1,2]=0.5, b1[1]=0 ,,W2[1,3]"),
            ["W1[1,2]=0.5", "b1[1]=0", "W2[1,3]"]
        );
        let mlp = Model::parse("mlp:3", 2).unwrap();
        let names = mlp.param_names();
        let defaults = vec![0.0; names.len()];
        let start = parse_init("W1[1,2]=0.5,b2[1]=-1", &names, &defaults, Vec::new).unwrap();
        assert_eq!((start[1], start[names.len() - 1]), (0.5, -1.0));
        let frozen = parse_freeze("W1[3,2], b1[1]", &names).unwrap();
        let at = |n: &str| names.iter().position(|m| m == n).unwrap();
        assert!(frozen[at("W1[3,2]")] && frozen[at("b1[1]")]);
        assert_eq!(frozen.iter().filter(|f| **f).count(), 2);
    }
}
