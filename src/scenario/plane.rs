//! `--plane` and `:plane`: which plane the landscape opens on.

use std::fmt;

use super::params::{index_of, split_list};

/// The forms `--plane` takes, for messages and help.
pub const PLANE_FORMS: [&str; 3] = ["params:NAME,NAME", "random[:SEED]", "pca"];

/// A plane as a person names it, its parameters resolved to indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaneChoice {
    /// Two parameters, horizontal then vertical.
    Params(usize, usize),
    /// Two filter-normalised random directions, with this seed or the next unused one.
    Random(Option<u64>),
    /// The two leading principal directions of the path so far.
    Pca,
}

impl PlaneChoice {
    /// Reads `params:NAME,NAME`, `random`, `random:SEED` or `pca` for a model whose
    /// parameters are `names`.
    pub fn parse(text: &str, names: &[String]) -> Result<PlaneChoice, String> {
        let text = text.trim();
        let (head, tail) = text.split_once(':').unwrap_or((text, ""));
        let tail = tail.trim();
        match (head.trim(), tail.is_empty()) {
            ("pca", true) => Ok(PlaneChoice::Pca),
            ("random", true) => Ok(PlaneChoice::Random(None)),
            ("random", false) => tail
                .parse()
                .map(|seed| PlaneChoice::Random(Some(seed)))
                .map_err(|_| crate::t!("opt-plane-seed", value = tail)),
            ("params", false) => match split_list(tail)[..] {
                [x, y] if x != y => Ok(PlaneChoice::Params(
                    index_of(x, names)?,
                    index_of(y, names)?,
                )),
                _ => Err(crate::t!("opt-plane-params", value = tail)),
            },
            _ => Err(crate::t!(
                "opt-plane-forms",
                forms = PLANE_FORMS[..2].join(", "),
                last = PLANE_FORMS[2],
                value = text
            )),
        }
    }

    /// How `--plane` writes this choice for a model whose parameters are `names`.
    pub fn spec(&self, names: &[String]) -> String {
        match *self {
            PlaneChoice::Params(i, j) => format!("params:{},{}", names[i], names[j]),
            PlaneChoice::Random(Some(seed)) => format!("random:{seed}"),
            PlaneChoice::Random(None) => "random".to_owned(),
            PlaneChoice::Pca => "pca".to_owned(),
        }
    }
}

impl fmt::Display for PlaneChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlaneChoice::Params(i, j) => write!(f, "parameters {i} and {j}"),
            PlaneChoice::Random(_) => f.write_str("random directions"),
            PlaneChoice::Pca => f.write_str("the PCA plane"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Model;

    #[test]
    fn every_form_reads_and_writes_back() {
        let names = Model::parse("mlp:3", 2).unwrap().param_names();
        for spec in ["params:W1[1,2],b2[1]", "random", "random:7", "pca"] {
            let choice = PlaneChoice::parse(spec, &names).unwrap();
            assert_eq!(choice.spec(&names), spec);
        }
        assert_eq!(
            PlaneChoice::parse(" params: W1[1,1], W1[1,2] ", &names),
            Ok(PlaneChoice::Params(0, 1))
        );
        for (bad, says) in [
            ("params:w,b", "no parameter `w`"),
            ("params:b2[1]", "two different parameter names"),
            ("params:b2[1],b2[1]", "two different"),
            ("random:-1", "whole number ≥ 0"),
            ("pca:3", "must be params:NAME,NAME, random[:SEED] or pca"),
            ("flat", "got `flat`"),
        ] {
            let err = PlaneChoice::parse(bad, &names).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
