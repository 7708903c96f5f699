//! The rows a model is fitted to.

use std::sync::Arc;

use ndarray::{Array1, Array2};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::error::Error;
use super::scaling::{Scale, Scaling};

/// The most feature columns: a `linear` model on them has 10,001 parameters, and
/// nothing the engine keeps grows faster than linearly in that count.
pub const MAX_FEATURES: usize = 10_000;

/// The ChaCha stream of the train/test split's shuffle (the mini-batches use stream 0).
const SPLIT_STREAM: u64 = 1;

/// The most rows.
pub const MAX_ROWS: usize = 100_000_000;

/// The most feature values, rows × features (800 MB as f64).
pub const MAX_VALUES: usize = 100_000_000;

/// Refuses data of `rows` rows and `features` feature columns beyond the limits above:
/// loaders call this before they allocate, [`Dataset::new`] again after.
pub fn check_size(rows: usize, features: usize) -> Result<(), Error> {
    let refuse =
        |what: &'static str, got: usize, most: usize| Err(Error::TooLarge { what, got, most });
    if features > MAX_FEATURES {
        refuse("noun-feature-columns", features, MAX_FEATURES)
    } else if rows > MAX_ROWS {
        refuse("noun-rows", rows, MAX_ROWS)
    } else if rows.saturating_mul(features) > MAX_VALUES {
        refuse(
            "noun-feature-values",
            rows.saturating_mul(features),
            MAX_VALUES,
        )
    } else {
        Ok(())
    }
}

/// Feature rows `x` (N × k, row-major) and targets `y` (N), all finite.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// One row per sample, one column per feature, as the model sees them (after the
    /// feature scaling, if any).
    pub x: Array2<f64>,
    /// One target per sample.
    pub y: Array1<f64>,
    /// Feature column names, in column order.
    pub features: Vec<String>,
    /// Target column name.
    pub target: String,
    /// (min, max) of each feature column, kept because drawing needs them every frame.
    x_bounds: Vec<(f64, f64)>,
    /// (min, max) of the targets.
    y_bounds: (f64, f64),
    /// The scaling `x` went through and the rows before it; `None` for raw features.
    scaled: Option<Arc<Scaled>>,
}

/// Scaled features' transform and original values.
#[derive(Debug, Clone, PartialEq)]
struct Scaled {
    scaling: Scaling,
    original: Array2<f64>,
}

/// (min, max) of finite values; (0, 0) for none.
fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo <= hi { (lo, hi) } else { (0.0, 0.0) }
}

impl Dataset {
    /// Builds a dataset, checking that shapes agree and every value is finite.
    pub fn new(
        x: Array2<f64>,
        y: Array1<f64>,
        features: Vec<String>,
        target: impl Into<String>,
    ) -> Result<Self, Error> {
        let target = target.into();
        if x.nrows() != y.len() {
            return Err(Error::RowsMismatch {
                rows: x.nrows(),
                targets: y.len(),
            });
        }
        if x.ncols() != features.len() {
            return Err(Error::NamesMismatch {
                columns: x.ncols(),
                names: features.len(),
            });
        }
        if y.is_empty() {
            return Err(Error::NoRows);
        }
        check_size(x.nrows(), x.ncols())?;
        if x.ncols() == 0 {
            return Err(Error::NoFeatures { target });
        }
        if x.iter().chain(y.iter()).any(|v| !v.is_finite()) {
            return Err(Error::NotFinite);
        }
        // The hot loops read rows as contiguous slices.
        let x = x.as_standard_layout().into_owned();
        let x_bounds = x
            .columns()
            .into_iter()
            .map(|c| bounds(c.iter().copied()))
            .collect();
        let y_bounds = bounds(y.iter().copied());
        Ok(Self {
            x,
            y,
            features,
            target,
            x_bounds,
            y_bounds,
            scaled: None,
        })
    }

    /// These rows with their features through `scale`, its means and standard deviations
    /// taken from them (in original units, whatever scaling they have now).
    pub fn scaled(&self, scale: Scale) -> Result<Dataset, Error> {
        let original = self.original_x();
        let scaling = Scaling::of(scale, original, &self.features)?;
        self.through(original.clone(), self.y.clone(), scaling)
    }

    /// Rows `x` (in the features' own units) and targets `y` under this data's names,
    /// through this data's scaling: how rows added or removed keep the transform the
    /// others went through, so the model's function does not move under them.
    pub fn with_rows(&self, x: Array2<f64>, y: Array1<f64>) -> Result<Dataset, Error> {
        match self.scaling() {
            Some(scaling) => self.through(x, y, scaling.clone()),
            None => Dataset::new(x, y, self.features.clone(), self.target.clone()),
        }
    }

    /// `x` (original units) and `y` under this data's names, through `scaling`.
    fn through(&self, x: Array2<f64>, y: Array1<f64>, scaling: Scaling) -> Result<Dataset, Error> {
        let x = x.as_standard_layout().into_owned();
        let names = (self.features.clone(), self.target.clone());
        if scaling.scale == Scale::Raw {
            return Dataset::new(x, y, names.0, names.1);
        }
        let mut data = Dataset::new(scaling.apply(&x), y, names.0, names.1)?;
        data.scaled = Some(Arc::new(Scaled {
            scaling,
            original: x,
        }));
        Ok(data)
    }

    /// These rows split into (training rows, test rows): round(`fraction`·N) of them,
    /// drawn by a shuffle seeded by `seed`, are held out for testing. Both keep the rows'
    /// order, and this data's scaling; each must get at least one row.
    pub fn split(&self, fraction: f64, seed: u64) -> Result<(Dataset, Dataset), Error> {
        let rows = self.len();
        let test = (fraction * rows as f64).round() as usize;
        if test == 0 || test >= rows {
            return Err(Error::TestFraction {
                fraction,
                rows,
                test,
                train: rows.saturating_sub(test),
            });
        }
        let mut order: Vec<usize> = (0..rows).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // A stream of its own, so the split and the mini-batch shuffles never share draws.
        rng.set_stream(SPLIT_STREAM);
        order.shuffle(&mut rng);
        let mut held = vec![false; rows];
        order[..test].iter().for_each(|&r| held[r] = true);
        let pick = |keep: bool| {
            let chosen: Vec<usize> = (0..rows).filter(|&r| held[r] == keep).collect();
            let x = self.original_x().select(ndarray::Axis(0), &chosen);
            let y = self.y.select(ndarray::Axis(0), &chosen);
            self.with_rows(x, y)
        };
        Ok((pick(false)?, pick(true)?))
    }

    /// The scaling the features went through; `None` for raw features.
    pub fn scaling(&self) -> Option<&Scaling> {
        self.scaled.as_ref().map(|s| &s.scaling)
    }

    /// Which scaling the features went through.
    pub fn scale(&self) -> Scale {
        self.scaling().map_or(Scale::Raw, |s| s.scale)
    }

    /// The feature rows in their own units, before any scaling.
    pub fn original_x(&self) -> &Array2<f64> {
        self.scaled.as_ref().map_or(&self.x, |s| &s.original)
    }

    /// Feature `j`'s model-side value `z` in the feature's own units.
    pub fn to_original(&self, j: usize, z: f64) -> f64 {
        self.scaling().map_or(z, |s| s.to_original(j, z))
    }

    /// (min, max) of feature column `j`.
    pub fn x_bounds(&self, j: usize) -> (f64, f64) {
        self.x_bounds[j]
    }

    /// (min, max) of the targets.
    pub fn y_bounds(&self) -> (f64, f64) {
        self.y_bounds
    }

    /// Number of rows N.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Always false: a dataset has at least one row.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Number of feature columns k.
    pub fn n_features(&self) -> usize {
        self.x.ncols()
    }

    /// Row-major feature values, `k` per row.
    pub fn x_slice(&self) -> &[f64] {
        self.x
            .as_slice()
            .expect("Dataset::new stores x in standard layout")
    }

    /// Targets as a slice.
    pub fn y_slice(&self) -> &[f64] {
        self.y.as_slice().expect("a 1-D owned array is contiguous")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scale;

    fn rows(n: usize) -> Dataset {
        let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let y: Vec<f64> = x.iter().map(|v| 10.0 * v).collect();
        Dataset::new(
            Array2::from_shape_vec((n, 1), x).unwrap(),
            Array1::from(y),
            vec!["x".into()],
            "y",
        )
        .unwrap()
    }

    #[test]
    fn a_split_holds_out_the_share_asked_for_the_same_way_for_the_same_seed() {
        let data = rows(20);
        let (train, test) = data.split(0.3, 7).unwrap();
        assert_eq!((train.len(), test.len()), (14, 6));
        // Every row lands in exactly one set, in the order it came.
        let mut all: Vec<f64> = train.x.iter().chain(test.x.iter()).copied().collect();
        all.sort_by(f64::total_cmp);
        assert_eq!(all, (0..20).map(f64::from).collect::<Vec<_>>());
        for set in [&train, &test] {
            assert!(set.x.as_slice().unwrap().windows(2).all(|w| w[0] < w[1]));
            assert!(set.x.iter().zip(&set.y).all(|(x, y)| *y == 10.0 * x));
        }
        assert_eq!(data.split(0.3, 7).unwrap(), (train.clone(), test.clone()));
        assert_ne!(
            data.split(0.3, 8).unwrap().1,
            test,
            "another seed, other rows"
        );
    }

    #[test]
    fn a_split_leaves_a_row_on_each_side_or_says_why_not() {
        let data = rows(3);
        let e = data.split(0.1, 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a test fraction of 0.1 of 3 rows leaves 0 for testing and 3 for training; each needs at least 1"
        );
        assert!(data.split(0.9, 0).is_err());
        assert!(data.split(0.5, 0).is_ok());
    }

    #[test]
    fn rows_added_to_scaled_data_go_through_its_numbers() {
        let data = rows(4).scaled(Scale::Standardize).unwrap();
        let (train, test) = data.split(0.5, 1).unwrap();
        // Split after scaling: both keep the numbers taken from all four rows.
        assert_eq!(train.scaling(), data.scaling());
        assert_eq!(test.scaling(), data.scaling());
        for (z, x) in test.x.iter().zip(test.original_x().iter()) {
            assert_eq!(*z, data.scaling().unwrap().to_model(0, *x));
        }
    }
}
