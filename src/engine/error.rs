//! Why the engine refuses something: a name it does not know, a shape that does not fit,
//! a value out of range. Each message names what is wrong and what would be right.
//!
//! It imports nothing of the engine (models and optimizers are carried by name), so every
//! engine file can use it.

/// Everything the engine can refuse.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// Data: feature rows and targets differ in number.
    #[error("{rows} feature rows but {targets} targets")]
    RowsMismatch {
        /// Feature rows.
        rows: usize,
        /// Targets.
        targets: usize,
    },
    /// Data: feature columns and their names differ in number.
    #[error("{columns} feature columns but {names} feature names")]
    NamesMismatch {
        /// Feature columns.
        columns: usize,
        /// Feature names.
        names: usize,
    },
    /// Data with no rows.
    #[error("no data rows")]
    NoRows,
    /// Data with only the target column.
    #[error("no feature column besides the target `{target}`")]
    NoFeatures {
        /// The target column's name.
        target: String,
    },
    /// Data beyond one of the documented size limits.
    #[error("the data has {got} {what}; downhill takes at most {most}")]
    TooLarge {
        /// What was counted.
        what: &'static str,
        /// How many there are.
        got: usize,
        /// The limit.
        most: usize,
    },
    /// Data with a NaN or an infinity.
    #[error("every value must be a finite number")]
    NotFinite,
    /// `standardize` over a feature whose values are all equal: its std is 0.
    #[error(
        "feature `{feature}` has one value over {}: its standard deviation is 0, so it cannot be standardised (try --scale center)",
        crate::fmt::count(*rows, "row")
    )]
    ConstantFeature {
        /// The feature's name.
        feature: String,
        /// The rows it was measured over.
        rows: usize,
    },
    /// Test rows whose feature columns are not the training rows'.
    #[error("the test rows have feature columns {test}, but the training rows have {train}")]
    TestColumns {
        /// The training rows' feature names.
        train: String,
        /// The test rows' feature names.
        test: String,
    },
    /// A test fraction that leaves no row for training or none for testing.
    #[error(
        "a test fraction of {fraction} of {} leaves {test} for testing and {train} for training; each needs at least 1",
        crate::fmt::count(*rows, "row")
    )]
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
    #[error("`{surface}` is a surface, f(x, y) itself: it has no {what}")]
    OnSurface {
        /// The surface's name.
        surface: String,
        /// What it lacks: `model to change`, `weights to penalise`, …
        what: &'static str,
    },
    /// A model, loss or optimizer name that is not one of ours.
    #[error("unknown {what} `{name}` (known: {known})")]
    Unknown {
        /// `model`, `loss` or `optimizer`.
        what: &'static str,
        /// The name given.
        name: String,
        /// The names that would do.
        known: String,
    },
    /// `sigmoids:K` or `relus:K` with K out of range.
    #[error("model `{name}`: K must be a whole number from 1 to {most}")]
    Units {
        /// The model as given.
        name: String,
        /// The most units a model may have.
        most: usize,
    },
    /// An `mlp` with a bad layer list or too many parameters.
    #[error("model `{name}`: {reason}")]
    Layers {
        /// The model as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A one-feature model on data with several features.
    #[error("model `{name}` takes one feature column, but the data has {features}")]
    OneFeature {
        /// The model as given.
        name: String,
        /// Feature columns in the data.
        features: usize,
    },
    /// A model built for another number of features than the data has.
    #[error("model `{model}` takes {expected} feature column(s), but the data has {got}")]
    Features {
        /// The model's name.
        model: String,
        /// Features it takes.
        expected: usize,
        /// Features the data has.
        got: usize,
    },
    /// `bce` with a model other than `logistic`.
    #[error("loss `bce` needs model `logistic` or `mlp`, not `{model}`")]
    BceModel {
        /// The model's name.
        model: String,
    },
    /// `bce` with a target other than 0 or 1.
    #[error("loss `bce` needs targets 0 or 1, but data row {row} has {target} = {value}")]
    BceTargets {
        /// The row, from 1.
        row: usize,
        /// The target column's name.
        target: String,
        /// Its value there.
        value: f64,
    },
    /// A schedule that is none of the forms.
    #[error("unknown schedule `{text}` (forms: {forms})")]
    UnknownSchedule {
        /// The schedule as given.
        text: String,
        /// The forms a schedule may take.
        forms: &'static str,
    },
    /// A schedule's count of updates that is not a whole number ≥ 1.
    #[error("`{text}`: `{part}` must be a whole number of updates ≥ 1")]
    ScheduleCount {
        /// The schedule as given.
        text: String,
        /// The part that is wrong.
        part: String,
    },
    /// A step schedule's factor that is not a positive finite number.
    #[error("`{text}`: FACTOR must be a positive finite number")]
    ScheduleFactor {
        /// The schedule as given.
        text: String,
    },
    /// A hyperparameter out of its range; the message is the reason alone, since the
    /// caller names the option the way its reader set it (`--beta2`, `beta2 =`).
    #[error("{reason}")]
    Hyperparameter {
        /// Its option name (`momentum`, `eps`, …).
        name: &'static str,
        /// What its value must be, and what it was.
        reason: String,
    },
    /// An optimizer listed twice in a race.
    #[error("`{kind}` is listed twice")]
    ListedTwice {
        /// The optimizer's name.
        kind: &'static str,
    },
    /// A race of too few optimizers.
    #[error("a race needs at least {fewest} optimizers, e.g. gd,momentum,adam (got {got})")]
    TooFewRacers {
        /// How many were listed.
        got: usize,
        /// The fewest a race takes.
        fewest: usize,
    },
    /// A race of more optimizers than the screen has markers for.
    #[error("a race takes at most {most} optimizers (got {got})")]
    TooManyRacers {
        /// How many were listed.
        got: usize,
        /// The most a race takes.
        most: usize,
    },
    /// A start or freeze list whose length is not the model's parameter count.
    #[error(
        "model `{model}` has {params} parameters, got {start} start values and {frozen} freeze flags"
    )]
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
