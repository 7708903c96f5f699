//! Feature scaling: the transform a model's inputs go through before it sees them.
//!
//! Per feature j, over the N rows the scaling was taken from (README, "Feature scaling"):
//! mean_j = (1/N)·Σᵢ x_ij and std_j = √((1/N)·Σᵢ (x_ij − mean_j)²), and
//!
//! - `raw`: z_ij = x_ij;
//! - `center`: z_ij = x_ij − mean_j;
//! - `standardize`: z_ij = (x_ij − mean_j) / std_j.
//!
//! The numbers are fixed when the scaling is chosen: rows added later go through the same
//! transform, so the model's function does not move under them.

use std::fmt;

use ndarray::Array2;

use super::error::Error;

/// Which transform the features go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// The features as given.
    #[default]
    Raw,
    /// Each feature minus its mean.
    Center,
    /// Each feature minus its mean, divided by its standard deviation.
    Standardize,
}

impl Scale {
    /// Every scaling, in the order the interactive view cycles them.
    pub const ALL: [Scale; 3] = [Scale::Raw, Scale::Center, Scale::Standardize];

    /// The name used on the command line and in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Scale::Raw => "raw",
            Scale::Center => "center",
            Scale::Standardize => "standardize",
        }
    }

    /// Parses a scaling name.
    pub fn parse(name: &str) -> Result<Scale, Error> {
        let name = name.trim();
        Scale::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| Error::Unknown {
                what: "noun-scale",
                name: name.to_owned(),
                known: Scale::ALL.map(Scale::name).join(", "),
            })
    }

    /// The scaling after this one, as key `S` cycles them.
    pub fn next(self) -> Scale {
        let at = Scale::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Scale::ALL[(at + 1) % Scale::ALL.len()]
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The transform z_j = (x_j − shift_j) / divide_j of each feature j.
#[derive(Debug, Clone, PartialEq)]
pub struct Scaling {
    /// Which transform this is.
    pub scale: Scale,
    /// What is subtracted from each feature: its mean, or 0 for `raw`.
    pub shift: Vec<f64>,
    /// What each feature is then divided by: its standard deviation, or 1.
    pub divide: Vec<f64>,
}

impl Scaling {
    /// The transform `scale` names, with the means and standard deviations of the rows of
    /// `x` (N × k); refused when standardising a feature whose values are all equal.
    pub fn of(scale: Scale, x: &Array2<f64>, names: &[String]) -> Result<Scaling, Error> {
        let (rows, k) = (x.nrows() as f64, x.ncols());
        // Two passes, so a feature near 1e8 with a spread of 1 keeps its digits.
        let mean: Vec<f64> = x.columns().into_iter().map(|c| c.sum() / rows).collect();
        let std: Vec<f64> = x
            .columns()
            .into_iter()
            .zip(&mean)
            .map(|(c, m)| (c.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / rows).sqrt())
            .collect();
        let (shift, divide) = match scale {
            Scale::Raw => (vec![0.0; k], vec![1.0; k]),
            Scale::Center => (mean, vec![1.0; k]),
            Scale::Standardize => {
                if let Some(j) = std.iter().position(|&s| s == 0.0) {
                    return Err(Error::ConstantFeature {
                        feature: names[j].clone(),
                        rows: x.nrows(),
                    });
                }
                (mean, std)
            }
        };
        Ok(Scaling {
            scale,
            shift,
            divide,
        })
    }

    /// z_j: feature `j`'s value `x` as the model sees it.
    pub fn to_model(&self, j: usize, x: f64) -> f64 {
        (x - self.shift[j]) / self.divide[j]
    }

    /// x_j: the value the model sees as `z` in feature `j`'s own units.
    pub fn to_original(&self, j: usize, z: f64) -> f64 {
        z * self.divide[j] + self.shift[j]
    }

    /// `x` (N × k, original units) as the model sees it.
    pub fn apply(&self, x: &Array2<f64>) -> Array2<f64> {
        let mut z = x.to_owned();
        for (j, mut column) in z.columns_mut().into_iter().enumerate() {
            column.mapv_inplace(|v| self.to_model(j, v));
        }
        z
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn names(k: usize) -> Vec<String> {
        (1..=k).map(|j| format!("x{j}")).collect()
    }

    #[test]
    fn standardised_features_have_mean_0_and_standard_deviation_1() {
        let x = array![[28.1, 58.0], [31.0, 61.5], [25.2, 55.0], [30.4, 70.1]];
        let s = Scaling::of(Scale::Standardize, &x, &names(2)).unwrap();
        let z = s.apply(&x);
        for column in z.columns() {
            let mean = column.sum() / 4.0;
            let var = column.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 4.0;
            assert!(mean.abs() < 1e-14, "{mean}");
            assert!((var - 1.0).abs() < 1e-14, "{var}");
        }
        // Worked by hand: x1's mean is 114.7/4 = 28.675.
        assert!((s.shift[0] - 28.675).abs() < 1e-12);
        let var1 = [28.1f64, 31.0, 25.2, 30.4]
            .iter()
            .map(|v| (v - 28.675).powi(2))
            .sum::<f64>()
            / 4.0;
        assert!((s.divide[0] - var1.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn centring_subtracts_the_mean_and_raw_changes_nothing() {
        let x = array![[1.0], [2.0], [6.0]];
        let c = Scaling::of(Scale::Center, &x, &names(1)).unwrap();
        assert_eq!(c.apply(&x), array![[-2.0], [-1.0], [3.0]]);
        let r = Scaling::of(Scale::Raw, &x, &names(1)).unwrap();
        assert_eq!(r.apply(&x), x);
    }

    #[test]
    fn a_constant_feature_cannot_be_standardised_but_can_be_centred() {
        let x = array![[28.1, 1.0], [28.1, 2.0]];
        let e = Scaling::of(Scale::Standardize, &x, &names(2)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "feature `x1` has one value over 2 rows: its standard deviation is 0, \
             so it cannot be standardised (try --scale center)"
        );
        assert!(Scaling::of(Scale::Center, &x, &names(2)).is_ok());
    }

    #[test]
    fn original_units_come_back() {
        let x = array![[8.0], [9.5], [12.0]];
        let s = Scaling::of(Scale::Standardize, &x, &names(1)).unwrap();
        for v in [8.0, 9.5, 12.0, -3.0] {
            assert!((s.to_original(0, s.to_model(0, v)) - v).abs() < 1e-12);
        }
    }

    #[test]
    fn the_least_squares_fit_is_the_same_function_whatever_the_scaling() {
        use crate::engine::{Loss, Model, Objective};
        // Scaling reparameterises a linear model: the minimiser on standardised features,
        // mapped back (w_j = w'_j/std_j, b = b' − Σ w'_j·mean_j/std_j), is the raw one.
        let x = array![
            [25.4, 61.0],
            [27.9, 53.5],
            [30.6, 58.2],
            [26.8, 64.1],
            [29.3, 55.0]
        ];
        let y = ndarray::Array1::from(vec![159.6, 148.1, 168.3, 162.6, 158.5]);
        let raw = crate::engine::Dataset::new(x, y, names(2), "y").unwrap();
        let fit = |data: crate::engine::Dataset| {
            let obj = Objective::new(data, Model::Linear { features: 2 }, Loss::Mse).unwrap();
            obj.quadratic_minimizer(&[0.0; 3], &[false; 3]).unwrap()
        };
        let standardised = raw.scaled(Scale::Standardize).unwrap();
        let s = standardised.scaling().unwrap().clone();
        let (direct, scaled) = (fit(raw), fit(standardised));
        let w: Vec<f64> = (0..2).map(|j| scaled[j] / s.divide[j]).collect();
        let b = scaled[2] - (0..2).map(|j| w[j] * s.shift[j]).sum::<f64>();
        for (got, want) in w.iter().chain([&b]).zip(&direct) {
            approx::assert_relative_eq!(*got, *want, max_relative = 1e-9);
        }
    }

    #[test]
    fn names_round_trip_and_cycle() {
        for s in Scale::ALL {
            assert_eq!(Scale::parse(s.name()).unwrap(), s);
        }
        assert_eq!(Scale::Raw.next(), Scale::Center);
        assert_eq!(Scale::Standardize.next(), Scale::Raw);
        assert!(Scale::parse("minmax").is_err());
    }
}
