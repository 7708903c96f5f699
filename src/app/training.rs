//! Stepping: one update, play, `:steps`, step back, reset, η, and the way out of a blowup.

use crate::t;
use ndarray::Array1;

use super::curvature::INLINE_CURVATURE_COST;
use super::keys::key_for;
use super::{Action, App, JudgeAnswer, JudgeRequest, SPEEDS, StabilityAnswer, StabilityRequest};
use crate::engine::{
    OptimizerKind, Stability, Status, Trainer, curvature_along, curvature_cost, next_params,
    next_unjudged, norm, stability_from,
};
use crate::fmt::human;

/// Where the next update lands, and whether it goes past the lowest point along −∇L.
#[derive(Debug, Clone, PartialEq)]
pub struct Landing {
    /// θ after the next full-batch update.
    pub params: Array1<f64>,
    /// True when the step goes further along −∇L than the lowest point on that line
    /// (the overshoot); `None` where the curvature was not worked out (during fast play
    /// on large data) or the gradient is zero.
    pub overshoots: Option<bool>,
}

/// Smallest η the keys go down to.
const MIN_LR: f64 = 1e-300;

/// Most halvings one `u` makes: 2⁻⁶⁰ ≈ 1e-18 of η is surely calm, or the rule is not η.
const MAX_HALVINGS: usize = 60;

/// Most points the sharpness trace keeps before it thins its older half.
const SHARPNESS_POINTS: usize = 8192;

impl App {
    /// True once the run has blown up (while racing: once every racer has).
    pub fn diverged(&self) -> bool {
        self.racers()
            .all(|t| t.current().status == Status::Diverged)
    }

    /// Space: one update, and play stops.
    pub(super) fn step_once(&mut self) {
        self.playing = false;
        if self.predict().is_some() {
            return self.ask_next();
        }
        self.step(1);
    }

    /// Takes up to `updates` updates of every racer that is running; each stops at a
    /// blowup or on converging, and play stops once none is running. When none is
    /// running, the ones that have not diverged take the update anyway (Space still steps).
    pub(super) fn step(&mut self, updates: usize) {
        if self.judging() {
            return self.tell(t!("notice-judging"));
        }
        let running: Vec<bool> = self
            .racers()
            .map(|t| t.current().status == Status::Running)
            .collect();
        let mut moving: Vec<bool> = if running.contains(&true) {
            running
        } else {
            self.racers()
                .map(|t| t.current().status != Status::Diverged)
                .collect()
        };
        if !moving.contains(&true) {
            self.tell(t!(
                "notice-diverged-step",
                rewind = key_for(&Action::RecoverFromDivergence),
                reset = key_for(&Action::Reset)
            ));
        }
        for _ in 0..updates {
            let mut any = false;
            for (t, moves) in self.racers_mut().zip(moving.iter_mut()) {
                if !*moves {
                    continue;
                }
                let still = t.step().is_some_and(|s| s.status == Status::Running);
                // A point whose judgement is being computed waits for it.
                let still = still && !t.unjudged();
                *moves = still;
                any |= still;
            }
            if !any {
                break;
            }
        }
        if !self.any_running() {
            self.playing = false;
        }
        self.point_changed();
    }

    /// Back one tick of the shared clock: a racer that stopped earlier waits there.
    pub(super) fn step_back(&mut self) {
        self.playing = false;
        let now = self.racers().map(|t| t.current().step).max().unwrap_or(0);
        if now == 0 {
            return self.tell(t!("notice-at-start"));
        }
        for t in self.racers_mut() {
            let at = t.current().step.min(now - 1);
            t.truncate(at);
        }
        self.point_changed();
    }

    /// `p`: starts or stops play, unless no racer can move.
    pub(super) fn toggle_play(&mut self) {
        if self.predict().is_some() {
            self.tell(crate::t!(
                "predict-no-play",
                key = key_for(&Action::TogglePredict)
            ));
        } else if self.diverged() {
            self.tell(t!(
                "notice-diverged-play",
                rewind = key_for(&Action::RecoverFromDivergence),
                reset = key_for(&Action::Reset)
            ));
        } else if !self.playing && !self.any_running() {
            let space = key_for(&Action::Step);
            self.tell(match self.current().status {
                _ if self.racing() => t!("notice-no-racer", key = space),
                Status::Stalled(stall) => t!("notice-stalled", why = stall, key = space),
                _ => t!("notice-converged", key = space),
            });
        } else {
            self.playing = !self.playing;
            // The sharpness waited while playing.
            self.point_changed();
        }
    }

    /// The clock's tick: up to `updates` updates of a `:steps` run, or of play.
    pub(super) fn advance(&mut self, updates: usize) {
        if self.queued > 0 {
            let take = updates.min(self.queued);
            self.queued -= take;
            self.step(take);
            let stopped = !self.any_running();
            if stopped || self.queued == 0 {
                // "taking N updates" would outlive the run it describes.
                let step = self.current().step;
                self.tell(if stopped {
                    t!("notice-done-stopped", step = step)
                } else {
                    t!("notice-done", step = step)
                });
                self.queued = 0;
            }
        } else if self.playing {
            self.step(updates);
        }
    }

    /// `:steps N`: N updates, taken by the clock as fast as the frame budget allows.
    pub(super) fn queue_steps(&mut self, n: usize) {
        self.queued = n;
    }

    /// `.` and `,`: play faster or slower.
    pub(super) fn change_speed(&mut self, faster: bool) {
        self.speed = if faster {
            (self.speed + 1).min(SPEEDS.len() - 1)
        } else {
            self.speed.saturating_sub(1)
        };
    }

    /// `+ - ] [`: η times `factor`, within what f64 can hold.
    pub(super) fn scale_lr(&mut self, factor: f64) {
        let lr = self.trainer.config().lr * factor;
        if lr.is_finite() && lr > MIN_LR && lr < 1e300 {
            self.set_lr(lr);
        } else {
            self.tell(t!("notice-eta-limit"));
        }
    }

    /// Sets the base η of every racer; the next step lands elsewhere. A run that had
    /// converged plays on, so a class sees at once whether the new η still rests there.
    pub(super) fn set_lr(&mut self, lr: f64) {
        let rested = !self.any_running() && !self.diverged();
        for t in self.racers_mut() {
            t.set_lr(lr);
        }
        if rested && self.any_running() {
            self.playing = true;
        }
        self.refresh_landing(true);
        self.follow();
    }

    /// `r`: back to the start, keeping the current settings.
    pub(super) fn reset(&mut self) {
        self.playing = false;
        self.restart_predict();
        for t in self.racers_mut() {
            t.truncate(0);
        }
        self.point_changed();
        self.reframe();
    }

    /// `u`: back to the last state before the loss started to climb, with η halved.
    ///
    /// When the loss never fell (the blowup came with a falling loss but non-finite
    /// parameters, say), it goes back one update, so `u` always moves.
    ///
    /// While racing, every racer that diverged rewinds so, and η halves for all of them.
    pub(super) fn recover(&mut self) {
        let blown = |t: &Trainer| t.current().status == Status::Diverged;
        if !self.racers().any(blown) {
            return self.tell(t!(
                "notice-nothing-to-rewind",
                rewind = key_for(&Action::RecoverFromDivergence),
                back = key_for(&Action::StepBack)
            ));
        }
        if self
            .racers()
            .filter(|t| blown(t))
            .all(|t| t.current().step == 0)
        {
            return self.tell(t!("notice-start-diverged"));
        }
        let lr = self.trainer.config().lr / 2.0;
        if lr.is_nan() || lr <= MIN_LR {
            return self.tell(t!("notice-eta-limit"));
        }
        let mut rewound = Vec::new();
        for (k, t) in self.racers_mut().enumerate() {
            let last = t.current().step;
            if blown(t) && last > 0 {
                let at = t.climb_start().min(last - 1);
                t.truncate(at);
                rewound.push(k);
            }
        }
        let (lr, halvings) = self.calm_lr(lr, &rewound);
        self.set_lr(lr);
        self.playing = false;
        self.point_changed();
        self.reframe();
        self.tell(t!("notice-rewound", times = halvings, lr = human(lr)));
    }

    /// Halves `lr` (already halved once) until no `rewound` racer's next full-batch
    /// update climbs, and, for a quadratic loss under plain GD, until η is within
    /// η_crit: the η and how many halvings that took, at most [`MAX_HALVINGS`].
    fn calm_lr(&self, mut lr: f64, rewound: &[usize]) -> (f64, usize) {
        let racers: Vec<&Trainer> = self.racers().collect();
        let limit = match self.stability {
            Stability::Exact { eta_crit, .. } => eta_crit,
            Stability::Local { .. } => f64::INFINITY,
        };
        let climbs = |t: &Trainer, lr: f64| {
            let mut config = t.config().clone();
            config.lr = lr;
            let now = t.current();
            // Only the next loss matters here, so no Hessian is spent judging it.
            let next = next_unjudged(t.objective(), &config, now, None, now.epoch);
            let past = config.optimizer.kind == OptimizerKind::Gd && lr > limit;
            // At a minimum the loss changes only by rounding (about 1e-16 of it): a rise
            // within 1e-12 of it is not a climb.
            past || next.loss > now.loss + 1e-12 * now.loss.abs() || next.loss.is_nan()
        };
        let mut halvings = 1;
        while halvings < MAX_HALVINGS
            && lr / 2.0 > MIN_LR
            && rewound.iter().any(|&k| climbs(racers[k], lr))
        {
            lr /= 2.0;
            halvings += 1;
        }
        (lr, halvings)
    }

    /// Recomputes what depends on the current point: the view, while it follows, and the
    /// local sharpness.
    ///
    /// A quadratic loss's Hessian is constant, so its λmax is computed once per objective.
    /// The local sharpness costs 2·n full-data gradients, so during play it waits until
    /// play stops rather than eat the frame budget.
    pub(super) fn point_changed(&mut self) {
        let objective = self.trainer.objective();
        let constant =
            matches!(self.stability, Stability::Exact { .. }) && objective.is_quadratic();
        // 2·n full-data gradients: cheap enough for every frame of play on small models and
        // data (rows × n² up to 2e6, about a millisecond), otherwise left until play stops.
        let n = objective.n_params();
        let cheap = objective.data().len() * n * n <= 2_000_000;
        let waits = (self.playing || self.queued > 0) && !cheap;
        self.refresh_landing(!waits);
        self.refresh_slice_minimizer();
        self.refresh_pca();
        self.follow();
        if !constant && waits {
            return;
        }
        if !constant {
            self.refresh_stability();
        }
        self.record_sharpness();
    }

    /// Adds λmax at the current step to the sharpness trace, dropping any points from
    /// steps undone since.
    pub(super) fn record_sharpness(&mut self) {
        let step = self.current().step;
        self.sharpness_trace.retain(|&(s, _)| s < step);
        self.sharpness_trace
            .push((step, self.stability.lambda_max()));
        // A long run keeps every point of its newer half and every other one of the
        // older, so the trace stays bounded as the history's checkpoints do.
        if self.sharpness_trace.len() > SHARPNESS_POINTS {
            let old = self.sharpness_trace.len() / 2;
            let mut k = 0;
            self.sharpness_trace.retain(|_| {
                k += 1;
                k > old || k % 2 == 1
            });
        }
    }

    /// Works out where the next update lands; whether it overshoots too when `curvature`
    /// may be spent (two full-data gradients unless the loss is quadratic).
    pub(super) fn refresh_landing(&mut self, curvature: bool) {
        self.next_batch = self.trainer.next_batch();
        let state = self.current();
        if state.status == Status::Diverged || !state.params.iter().all(|p| p.is_finite()) {
            self.landing = None;
            return;
        }
        let config = self.trainer.config();
        let params = next_params(config, state);
        let objective = self.trainer.objective();
        let overshoots = (curvature || objective.is_quadratic())
            .then(|| {
                // −∇L over the free parameters, and how far the step goes along it.
                let g: Vec<f64> = state
                    .grad
                    .iter()
                    .zip(&config.frozen)
                    .map(|(&g, &f)| if f { 0.0 } else { g })
                    .collect();
                let g_norm = norm(&g);
                if !(g_norm > 0.0 && g_norm.is_finite()) {
                    return None;
                }
                let dir: Vec<f64> = g.iter().map(|v| v / g_norm).collect();
                let theta = state.params.as_slice().expect("contiguous");
                let (kappa, _) = curvature_along(objective, theta, &dir);
                let along: f64 = theta
                    .iter()
                    .zip(&params)
                    .zip(&dir)
                    .map(|((a, b), d)| (a - b) * d)
                    .sum();
                // Past |∇L|/κ, the lowest point on the line (none when L curves down).
                Some(kappa > 0.0 && along > g_norm / kappa)
            })
            .flatten();
        self.landing = Some(Landing { params, overshoots });
    }

    /// Computes λmax at the current point (exactly, for a quadratic loss): here when it
    /// is cheap, otherwise by asking the event loop's worker ([`App::stability_request`]),
    /// whose answer comes back as [`Action::StabilityReady`].
    pub(super) fn refresh_stability(&mut self) {
        let request = StabilityRequest {
            generation: self.generation,
            objective: self.trainer.objective().clone(),
            params: self.last_finite().params.clone(),
            frozen: self.trainer.config().frozen.clone(),
        };
        if curvature_cost(&request.objective) <= INLINE_CURVATURE_COST {
            self.stability = request.compute();
            self.stability_wanted = None;
        } else {
            self.stability_wanted = Some(request);
        }
    }

    /// True while some racer waits for the judgement of where it stands.
    pub fn judging(&self) -> bool {
        self.racers().any(Trainer::unjudged)
    }

    /// The judgement the first waiting racer needs, for the background to compute.
    pub fn judge_request(&self) -> Option<JudgeRequest> {
        let (racer, t) = self.racers().enumerate().find(|(_, t)| t.unjudged())?;
        Some(JudgeRequest {
            racer,
            objective: t.objective().clone(),
            config: t.config().clone(),
            state: t.current().clone(),
            l0: t.start().loss,
        })
    }

    /// A judgement computed in the background: taken if its racer still stands there.
    pub(super) fn judged(&mut self, answer: JudgeAnswer) {
        let Some(t) = self.racers_mut().nth(answer.racer) else {
            return;
        };
        if !t.judged(&answer.params, answer.lr, answer.status) {
            return;
        }
        // The judgement's Hessian is the one λmax is waiting for: no need to compute it twice.
        if let (Some((_, high)), Some(wanted)) = (answer.curvature, &self.stability_wanted) {
            let frozen = &self.trainer.config().frozen;
            if answer.racer == 0 && wanted.params == answer.params && wanted.frozen == *frozen {
                self.stability = stability_from(self.trainer.objective(), high);
                self.stability_wanted = None;
                self.record_sharpness();
            }
        }
        // Only the status changed: the point, and all drawn from it, stay.
        if !self.any_running() {
            self.playing = false;
            self.queued = 0;
        }
    }

    /// λmax computed in the background: taken if it is for where the run stands now.
    pub(super) fn stability_ready(&mut self, answer: StabilityAnswer) {
        let Some(wanted) = &self.stability_wanted else {
            return;
        };
        if answer.generation == wanted.generation
            && answer.params == wanted.params
            && answer.frozen == wanted.frozen
        {
            self.stability = answer.stability;
            self.stability_wanted = None;
            self.record_sharpness();
        }
    }
}
