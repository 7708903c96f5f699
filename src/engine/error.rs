//! Why the engine refuses something: a name it does not know, a shape that does not fit,
//! a value out of range. Each message names what is wrong and what would be right.
//!
//! It imports nothing of the engine (models and optimizers are carried by name), so every
//! engine file can use it. Its text is in the language in use (`assets/i18n/*/errors.ftl`).

/// Everything the engine can refuse.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Data: feature rows and targets differ in number.
    RowsMismatch {
        /// Feature rows.
        rows: usize,
        /// Targets.
        targets: usize,
    },
    /// Data: feature columns and their names differ in number.
    NamesMismatch {
        /// Feature columns.
        columns: usize,
        /// Feature names.
        names: usize,
    },
    /// Data with no rows.
    NoRows,
    /// Data with only the target column.
    NoFeatures {
        /// The target column's name.
        target: String,
    },
    /// Data beyond one of the documented size limits.
    TooLarge {
        /// What was counted, as a message id (`noun-rows`).
        what: &'static str,
        /// How many there are.
        got: usize,
        /// The limit.
        most: usize,
    },
    /// Data with a NaN or an infinity.
    NotFinite,
    /// `standardize` over a feature whose values are all equal: its std is 0.
    ConstantFeature {
        /// The feature's name.
        feature: String,
        /// The rows it was measured over.
        rows: usize,
    },
    /// Test rows whose feature columns are not the training rows'.
    TestColumns {
        /// The training rows' feature names.
        train: String,
        /// The test rows' feature names.
        test: String,
    },
    /// A test fraction that leaves no row for training or none for testing.
    TestFraction {
        /// The fraction asked for.
        fraction: f64,
        /// All rows.
        rows: usize,
        /// Rows it would test on.
        test: usize,
        /// Rows it would train on.
        train: usize,
    },
    /// A change of data, model, loss, penalty or scaling asked of a surface.
    OnSurface {
        /// The surface's name.
        surface: String,
        /// What it lacks, as a message id: `noun-model-to-change`, ….
        what: &'static str,
    },
    /// A model, loss or optimizer name that is not one of ours.
    Unknown {
        /// `noun-model`, `noun-loss`, `noun-optimizer`, …: a message id.
        what: &'static str,
        /// The name given.
        name: String,
        /// The names that would do.
        known: String,
    },
    /// `sigmoids:K` or `relus:K` with K out of range.
    Units {
        /// The model as given.
        name: String,
        /// The most units a model may have.
        most: usize,
    },
    /// An `mlp` with a bad layer list or too many parameters.
    Layers {
        /// The model as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A one-feature model on data with several features.
    OneFeature {
        /// The model as given.
        name: String,
        /// Feature columns in the data.
        features: usize,
    },
    /// A model built for another number of features than the data has.
    Features {
        /// The model's name.
        model: String,
        /// Features it takes.
        expected: usize,
        /// Features the data has.
        got: usize,
    },
    /// `bce` with a model other than `logistic`.
    BceModel {
        /// The model's name.
        model: String,
    },
    /// `bce` with a target other than 0 or 1.
    BceTargets {
        /// The row, from 1.
        row: usize,
        /// The target column's name.
        target: String,
        /// Its value there.
        value: f64,
    },
    /// A schedule that is none of the forms.
    UnknownSchedule {
        /// The schedule as given.
        text: String,
        /// The forms a schedule may take.
        forms: &'static str,
    },
    /// A schedule's count of updates that is not a whole number ≥ 1.
    ScheduleCount {
        /// The schedule as given.
        text: String,
        /// The part that is wrong.
        part: String,
    },
    /// A step schedule's factor that is not a positive finite number.
    ScheduleFactor {
        /// The schedule as given.
        text: String,
    },
    /// A hyperparameter out of its range; the message is the reason alone, since the
    /// caller names the option the way its reader set it (`--beta2`, `beta2 =`).
    Hyperparameter {
        /// Its option name (`momentum`, `eps`, …).
        name: &'static str,
        /// What its value must be, and what it was.
        reason: String,
    },
    /// An optimizer listed twice in a race.
    ListedTwice {
        /// The optimizer's name.
        kind: &'static str,
    },
    /// A race of too few optimizers.
    TooFewRacers {
        /// How many were listed.
        got: usize,
        /// The fewest a race takes.
        fewest: usize,
    },
    /// A race of more optimizers than the screen has markers for.
    TooManyRacers {
        /// How many were listed.
        got: usize,
        /// The most a race takes.
        most: usize,
    },
    /// A start or freeze list whose length is not the model's parameter count.
    Shape {
        /// The model's name.
        model: String,
        /// Its parameter count.
        params: usize,
        /// Start values given.
        start: usize,
        /// Freeze flags given.
        frozen: usize,
    },
}

impl std::error::Error for Error {}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl Error {
    /// What is wrong with the data, for the refusals of data; `None` for the others.
    fn data_text(&self) -> Option<String> {
        use crate::t;
        Some(match self {
            Error::RowsMismatch { rows, targets } => {
                t!("err-rows-mismatch", rows = rows, targets = targets)
            }
            Error::NamesMismatch { columns, names } => {
                t!("err-names-mismatch", columns = columns, names = names)
            }
            Error::NoRows => t!("err-no-rows"),
            Error::NoFeatures { target } => t!("err-no-features", target = target),
            Error::TooLarge { what, got, most } => {
                t!(
                    "err-too-large",
                    what = crate::i18n::tr(what),
                    got = got,
                    most = most
                )
            }
            Error::NotFinite => t!("err-not-finite"),
            Error::ConstantFeature { feature, rows } => {
                t!("err-constant-feature", feature = feature, rows = rows)
            }
            Error::TestColumns { train, test } => {
                t!("err-test-columns", train = train, test = test)
            }
            Error::TestFraction {
                fraction,
                rows,
                test,
                train,
            } => t!(
                "err-test-fraction",
                fraction = fraction,
                rows = rows,
                test = test,
                train = train
            ),
            Error::BceTargets { row, target, value } => {
                t!("err-bce-targets", row = row, target = target, value = value)
            }
            _ => return None,
        })
    }

    /// What is wrong, in the language in use: the data's refusals by [`Error::data_text`],
    /// the others here.
    fn text(&self) -> String {
        use crate::t;
        match self {
            Error::OnSurface { surface, what } => {
                t!(
                    "err-on-surface",
                    surface = surface,
                    what = crate::i18n::tr(what)
                )
            }
            Error::Unknown { what, name, known } => {
                t!(
                    "err-unknown",
                    what = crate::i18n::tr(what),
                    name = name,
                    known = known
                )
            }
            Error::Units { name, most } => t!("err-units", name = name, most = most),
            Error::Layers { name, reason } => t!("err-layers", name = name, reason = reason),
            Error::OneFeature { name, features } => {
                t!("err-one-feature", name = name, features = features)
            }
            Error::Features {
                model,
                expected,
                got,
            } => t!(
                "err-features",
                model = model,
                expected = expected,
                got = got
            ),
            Error::BceModel { model } => t!("err-bce-model", model = model),
            Error::UnknownSchedule { text, forms } => {
                t!("err-unknown-schedule", text = text, forms = forms)
            }
            Error::ScheduleCount { text, part } => {
                t!("err-schedule-count", text = text, part = part)
            }
            Error::ScheduleFactor { text } => t!("err-schedule-factor", text = text),
            // The reason alone: the caller names the option the way its reader set it.
            Error::Hyperparameter { reason, .. } => reason.clone(),
            Error::ListedTwice { kind } => t!("err-listed-twice", kind = kind),
            Error::TooFewRacers { got, fewest } => {
                t!("err-too-few-racers", got = got, fewest = fewest)
            }
            Error::TooManyRacers { got, most } => {
                t!("err-too-many-racers", got = got, most = most)
            }
            Error::Shape {
                model,
                params,
                start,
                frozen,
            } => t!(
                "err-shape",
                model = model,
                params = params,
                start = start,
                frozen = frozen
            ),
            Error::RowsMismatch { .. }
            | Error::NamesMismatch { .. }
            | Error::NoRows
            | Error::NoFeatures { .. }
            | Error::TooLarge { .. }
            | Error::NotFinite
            | Error::ConstantFeature { .. }
            | Error::TestColumns { .. }
            | Error::TestFraction { .. }
            | Error::BceTargets { .. } => self.data_text().unwrap_or_default(),
        }
    }
}
