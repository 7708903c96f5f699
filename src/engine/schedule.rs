//! Learning-rate schedules: the η of each update, from the base η.

use std::fmt;

use super::error::Error;

/// How η changes over the updates. `t` counts updates from 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Schedule {
    /// η_t = η.
    Constant,
    /// η_t = η·factor^⌊(t − 1)/every⌋: multiplied by `factor` every `every` updates.
    Step {
        /// Updates between two changes.
        every: usize,
        /// What η is multiplied by at each change.
        factor: f64,
    },
    /// η_t = η·½(1 + cos(π·min(t − 1, steps)/steps)): from η down to 0 over `steps`
    /// updates (torch's CosineAnnealingLR with η_min = 0), then 0.
    Cosine {
        /// Updates to reach 0.
        steps: usize,
    },
    /// η_t = η·min(1, t/steps): a linear ramp up to η over `steps` updates.
    Warmup {
        /// Updates to reach η.
        steps: usize,
    },
}

/// The forms accepted by [`Schedule::parse`].
pub const SCHEDULE_FORMS: &str = "constant, step:EVERY:FACTOR, cosine:STEPS, warmup:STEPS";

impl Schedule {
    /// Parses `constant`, `step:EVERY:FACTOR`, `cosine:STEPS` or `warmup:STEPS`.
    pub fn parse(text: &str) -> Result<Schedule, Error> {
        let text = text.trim();
        let parts: Vec<&str> = text.split(':').collect();
        let count = |s: &str| -> Result<usize, Error> {
            s.parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| Error::ScheduleCount {
                    text: text.to_owned(),
                    part: s.to_owned(),
                })
        };
        match parts.as_slice() {
            ["constant"] => Ok(Schedule::Constant),
            ["step", every, factor] => {
                let factor: f64 = factor
                    .parse()
                    .ok()
                    .filter(|f: &f64| f.is_finite() && *f > 0.0)
                    .ok_or_else(|| Error::ScheduleFactor {
                        text: text.to_owned(),
                    })?;
                Ok(Schedule::Step {
                    every: count(every)?,
                    factor,
                })
            }
            ["cosine", steps] => Ok(Schedule::Cosine {
                steps: count(steps)?,
            }),
            ["warmup", steps] => Ok(Schedule::Warmup {
                steps: count(steps)?,
            }),
            _ => Err(Error::UnknownSchedule {
                text: text.to_owned(),
                forms: SCHEDULE_FORMS,
            }),
        }
    }

    /// η for update `t` (1-based) when the base learning rate is `lr`.
    pub fn lr(&self, lr: f64, t: usize) -> f64 {
        let t = t.max(1);
        match *self {
            Schedule::Constant => lr,
            Schedule::Step { every, factor } => {
                lr * factor.powi(((t - 1) / every).min(i32::MAX as usize) as i32)
            }
            Schedule::Cosine { steps } => {
                let done = (t - 1).min(steps) as f64 / steps as f64;
                lr * 0.5 * (1.0 + (std::f64::consts::PI * done).cos())
            }
            Schedule::Warmup { steps } => lr * (t.min(steps) as f64 / steps as f64),
        }
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Schedule::Constant => f.write_str("constant"),
            Schedule::Step { every, factor } => write!(f, "step:{every}:{factor}"),
            Schedule::Cosine { steps } => write!(f, "cosine:{steps}"),
            Schedule::Warmup { steps } => write!(f, "warmup:{steps}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_and_round_trips() {
        for text in ["constant", "step:10:0.5", "cosine:100", "warmup:5"] {
            assert_eq!(Schedule::parse(text).unwrap().to_string(), text);
        }
        assert!(
            Schedule::parse("step:0:0.5")
                .unwrap_err()
                .to_string()
                .contains("≥ 1")
        );
        assert!(
            Schedule::parse("step:3:-1")
                .unwrap_err()
                .to_string()
                .contains("FACTOR")
        );
        assert!(
            Schedule::parse("cosine")
                .unwrap_err()
                .to_string()
                .contains("unknown schedule")
        );
        assert!(
            Schedule::parse("linear:3")
                .unwrap_err()
                .to_string()
                .contains("forms:")
        );
    }

    #[test]
    fn rates_follow_the_definitions() {
        let step = Schedule::Step {
            every: 2,
            factor: 0.5,
        };
        let rates: Vec<f64> = (1..=5).map(|t| step.lr(0.8, t)).collect();
        assert_eq!(rates, [0.8, 0.8, 0.4, 0.4, 0.2]);
        let warm = Schedule::Warmup { steps: 4 };
        assert_eq!(
            (1..=6).map(|t| warm.lr(1.0, t)).collect::<Vec<_>>(),
            [0.25, 0.5, 0.75, 1.0, 1.0, 1.0]
        );
        let cos = Schedule::Cosine { steps: 4 };
        assert_eq!(cos.lr(2.0, 1), 2.0);
        approx::assert_relative_eq!(cos.lr(2.0, 3), 1.0, max_relative = 1e-15);
        assert!(cos.lr(2.0, 5).abs() < 1e-15);
        assert_eq!(cos.lr(2.0, 50), cos.lr(2.0, 5));
        assert_eq!(Schedule::Constant.lr(0.3, 99), 0.3);
    }
}
