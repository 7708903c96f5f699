//! Predict mode (key `g`, `--predict`): before each update a question about it; the
//! update is taken only once it is answered, and then the truth is shown beside the
//! answer, with a running score. A lesson's own questions come at their steps; between
//! them the questions are drawn from the state ([`crate::quiz::drawn`]).

use super::{Action, App, key_for};
use crate::landscape::Plane;
use crate::quiz::{self, Answer, Arrow, Ask, Question, Reveal, Score, Verdict};
use crate::t;

/// Row × parameter evaluations the divergence question may cost a drawn question, about
/// a tenth of a second here; a lesson's own question is asked whatever it costs.
const DIVERGE_BUDGET: usize = 200_000_000;

/// Where predict mode stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// No question is open: the step key asks the next.
    Waiting,
    /// A question waits for its answer; its truth is already worked out.
    Asking {
        /// The question.
        question: Question,
        /// Its truth, hidden until the answer.
        reveal: Reveal,
        /// What has been typed so far.
        typed: String,
        /// Why the last answer given could not be read, if it could not.
        error: Option<String>,
        /// θ when it was asked: the truth is about the update from there.
        at: Vec<f64>,
    },
    /// The update was taken: the answer beside the truth.
    Revealed {
        /// The question.
        question: Question,
        /// Its truth.
        reveal: Reveal,
        /// The answer's judgement.
        verdict: Verdict,
    },
}

/// Predict mode's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Predict {
    /// Right answers of all given since predict mode opened or the run was reset.
    pub score: Score,
    /// The question open or last answered.
    pub stage: Stage,
    /// The lesson's questions already asked in this run, by their index.
    asked: Vec<usize>,
    /// η when the last question was asked: a new η brings the divergence question.
    last_lr: Option<f64>,
}

impl Predict {
    fn new() -> Predict {
        Predict {
            score: Score::default(),
            stage: Stage::Waiting,
            asked: Vec::new(),
            last_lr: None,
        }
    }
}

impl App {
    /// Predict mode's state, while it is on.
    pub fn predict(&self) -> Option<&Predict> {
        self.predict.as_ref()
    }

    /// True while a question waits for its answer: the screen then hides what would
    /// give it away (where the next update lands, the η limit).
    pub fn asking(&self) -> bool {
        matches!(
            self.predict.as_ref().map(|p| &p.stage),
            Some(Stage::Asking { .. })
        )
    }

    /// True while the open question asks which way −∇L points: the arrow is hidden.
    pub fn hides_arrow(&self) -> bool {
        matches!(
            self.predict.as_ref().map(|p| &p.stage),
            Some(Stage::Asking { question, .. }) if question.ask == Ask::Arrow
        )
    }

    /// `g`: predict mode on (play stops) or off.
    pub(super) fn toggle_predict(&mut self) {
        if self.predict.take().is_none() {
            self.playing = false;
            self.predict = Some(Predict::new());
            self.tell(t!("predict-on", key = key_for(&Action::Step)));
        }
    }

    /// `r` in predict mode: the score starts again with the run.
    pub(super) fn restart_predict(&mut self) {
        if self.predict.is_some() {
            self.predict = Some(Predict::new());
        }
    }

    /// The step key in predict mode: opens the question about the next update.
    pub(super) fn ask_next(&mut self) {
        let Some(p) = self.predict.as_ref() else {
            return;
        };
        if self.diverged() {
            let rewind = key_for(&Action::RecoverFromDivergence);
            return self.tell(t!("predict-diverged", key = rewind));
        }
        let step = self.current().step;
        let lr = self.trainer.config().lr;
        // A lesson's questions speak of its own set-up, as its caption does.
        let lesson = (self.setup.questions.iter().enumerate())
            .filter(|_| self.as_written())
            .find(|(k, q)| q.step == step && !p.asked.contains(k))
            .map(|(k, q)| (Some(k), q.clone()));
        let arrow = self.arrow();
        let (index, question) = lesson.unwrap_or_else(|| {
            let changed = p.last_lr.is_some_and(|l| l != lr);
            (None, self.drawn_question(step, changed, arrow.as_ref()))
        });
        match quiz::truth(
            &question,
            &self.trainer,
            arrow.as_ref(),
            self.setup.max_steps,
        ) {
            Ok(reveal) => {
                let at = self.current().params.to_vec();
                let p = self.predict.as_mut().expect("predict mode is on");
                p.asked.extend(index);
                p.last_lr = Some(lr);
                p.stage = Stage::Asking {
                    question,
                    reveal,
                    typed: String::new(),
                    error: None,
                    at,
                };
                self.text_scroll = 0;
            }
            Err(why) => self.tell(t!("predict-no-question", why = why)),
        }
    }

    /// The question drawn at `step`, one that this model and plane can ask.
    fn drawn_question(&self, step: usize, eta_changed: bool, arrow: Option<&Arrow>) -> Question {
        let names = self.param_names();
        let frozen = &self.trainer.config().frozen;
        let free: Vec<usize> = (0..names.len()).filter(|&k| !frozen[k]).collect();
        let x = match self.viewport.plane {
            Plane::Params(i, _) if !frozen[i] => i,
            _ => free.first().copied().unwrap_or(0),
        };
        let mut question = quiz::drawn(step, x, &names, eta_changed);
        // One free parameter draws a curve: its arrow points only left or right; and a
        // zero gradient points nowhere.
        let flat = arrow.is_none_or(|a| a.down.0 == 0.0 || a.down.1 == 0.0);
        if question.ask == Ask::Arrow && (free.len() < 2 || flat) {
            question = Question::new(Ask::Loss, step, &names);
        }
        // Looking thousands of updates ahead of a large model would stall the screen.
        let objective = self.trainer.objective();
        let ahead = self.setup.max_steps.saturating_sub(step).min(quiz::HORIZON);
        let cost = objective.data().len() * objective.n_params() * ahead;
        if question.ask == Ask::Diverge && cost > DIVERGE_BUDGET {
            question = Question::new(Ask::Loss, step, &names);
        }
        question
    }

    /// −∇L on the landscape's axes at the current point.
    fn arrow(&self) -> Option<Arrow> {
        let grad = self.current().grad.as_slice()?.to_vec();
        let (a, b) = self.viewport.plane.components(&grad)?;
        let names = match self.viewport.plane {
            Plane::Params(i, j) => {
                let n = self.param_names();
                (n[i].clone(), n[j].clone())
            }
            Plane::Along(_) => (t!("axis-horizontal"), t!("axis-vertical")),
        };
        Some(Arrow {
            down: (-a, -b),
            names,
        })
    }

    /// A character typed as the answer; a choice's number answers at once.
    pub(super) fn answer_input(&mut self, c: char) {
        let Some(Stage::Asking {
            question, typed, ..
        }) = self.predict.as_mut().map(|p| &mut p.stage)
        else {
            return;
        };
        typed.push(c);
        let choice = !question.wants_number()
            && typed.len() == 1
            && c.to_digit(10)
                .is_some_and(|d| (1..=question.choices().len() as u32).contains(&d));
        if choice {
            self.answer_submit();
        }
    }

    /// Backspace on the answer.
    pub(super) fn answer_backspace(&mut self) {
        if let Some(Stage::Asking { typed, .. }) = self.predict.as_mut().map(|p| &mut p.stage) {
            typed.pop();
        }
    }

    /// Esc: the question is closed unanswered, and no update is taken.
    pub(super) fn answer_cancel(&mut self) {
        if let Some(p) = self.predict.as_mut() {
            p.stage = Stage::Waiting;
        }
    }

    /// Enter: the answer is judged, the update taken, and the truth shown; if the point
    /// moved since the question was asked, or the update cannot be taken, nothing counts.
    pub(super) fn answer_submit(&mut self) {
        let here = self.current().params.to_vec();
        let Some(Stage::Asking {
            question,
            reveal,
            typed,
            error,
            at,
        }) = self.predict.as_mut().map(|p| &mut p.stage)
        else {
            return;
        };
        let answer: Answer = match quiz::parse_answer(question, typed) {
            Ok(answer) => answer,
            Err(why) => {
                *error = Some(why);
                typed.clear();
                return;
            }
        };
        let moved = *at != here;
        let (question, reveal) = (question.clone(), reveal.clone());
        let before = self.current().step;
        if !moved {
            self.step(1);
        }
        let taken = self.current().step != before;
        let p = self.predict.as_mut().expect("predict mode is on");
        if moved || !taken {
            p.stage = Stage::Waiting;
            return self.tell(t!("predict-not-taken"));
        }
        let verdict = quiz::verdict(&question, &reveal, answer);
        p.score = p.score.with(verdict.right);
        p.stage = Stage::Revealed {
            question,
            reveal,
            verdict,
        };
        self.text_scroll = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update;
    use crate::testing::lesson;

    fn type_in(app: &mut App, text: &str) {
        for c in text.chars() {
            update(app, Action::AnswerInput(c));
        }
    }

    fn stage(app: &App) -> &Stage {
        &app.predict().expect("predict mode is on").stage
    }

    #[test]
    fn the_lessons_question_then_drawn_ones_each_before_its_update() {
        let mut app = lesson("doubling");
        update(&mut app, Action::TogglePredict);
        update(&mut app, Action::Step);
        assert!(
            app.asking() && app.current().step == 0,
            "asked, not stepped"
        );
        assert!(
            app.landing().is_none(),
            "where it lands is hidden while asking"
        );
        type_in(&mut app, "0.0933");
        update(&mut app, Action::AnswerSubmit);
        assert_eq!(app.current().step, 1, "the answer takes the update");
        let Stage::Revealed {
            verdict, question, ..
        } = stage(&app)
        else {
            panic!("revealed")
        };
        assert!(verdict.right && question.text.starts_with("Work it out"));
        // Then a drawn question: where w will be after the second update.
        update(&mut app, Action::Step);
        let Stage::Asking {
            question, reveal, ..
        } = stage(&app)
        else {
            panic!("asking")
        };
        assert_eq!(question.ask, Ask::Value(0));
        assert_eq!(
            reveal.truth,
            quiz::Truth::Number(app.trainer().clone().step().unwrap().params[0])
        );
        type_in(&mut app, "5");
        update(&mut app, Action::AnswerSubmit);
        let p = app.predict().unwrap();
        assert_eq!(
            (p.score.right, p.score.asked, app.current().step),
            (1, 2, 2)
        );
    }

    #[test]
    fn a_choice_answers_at_its_number_and_a_bad_answer_is_asked_again() {
        let mut app = lesson("blowup");
        update(&mut app, Action::TogglePredict);
        update(&mut app, Action::Step);
        type_in(&mut app, "x");
        update(&mut app, Action::AnswerSubmit);
        let Stage::Asking { error, .. } = stage(&app) else {
            panic!("still asking")
        };
        assert!(error.as_deref().unwrap().contains("1 down, 2 up"));
        assert_eq!(app.current().step, 0);
        update(&mut app, Action::AnswerInput('2'));
        let Stage::Revealed { verdict, .. } = stage(&app) else {
            panic!("revealed")
        };
        assert!(verdict.right && verdict.truth == "up");
        assert_eq!(app.current().step, 1);
    }

    #[test]
    fn esc_skips_r_restarts_the_score_and_play_waits_for_answers() {
        let mut app = lesson("line");
        update(&mut app, Action::TogglePredict);
        update(&mut app, Action::TogglePlay);
        assert!(!app.playing());
        update(&mut app, Action::Step);
        update(&mut app, Action::AnswerCancel);
        assert_eq!((app.current().step, app.asking()), (0, false));
        // The lesson's question was skipped: the next is a drawn one, whether η = 0.05
        // blows up (it does not: η_crit = 2/15), answered at the press of its number.
        update(&mut app, Action::Step);
        let Stage::Asking { question, .. } = stage(&app) else {
            panic!("asking")
        };
        assert_eq!(question.ask, Ask::Diverge);
        update(&mut app, Action::AnswerInput('1'));
        let p = app.predict().unwrap();
        assert_eq!(
            (p.score.right, p.score.asked, app.current().step),
            (1, 1, 1)
        );
        update(&mut app, Action::Reset);
        let p = app.predict().unwrap();
        assert_eq!((p.score.asked, app.current().step), (0, 0));
        update(&mut app, Action::TogglePredict);
        assert!(app.predict().is_none());
    }
}

#[cfg(test)]
mod review_tests {
    use super::*;
    use crate::app::update;
    use crate::testing::{command, lesson};

    #[test]
    fn no_update_slips_past_a_question_by_explain_mode_or_the_command_line() {
        let mut app = lesson("intro");
        update(&mut app, Action::TogglePredict);
        // `:steps` would take updates unasked: refused, and nothing moves.
        command(&mut app, "steps 5");
        assert_eq!(app.trainer().current().step, 0);
        let refused = app.command_line().and_then(|l| l.error.clone());
        assert!(
            refused.unwrap().starts_with("predict mode"),
            "{:?}",
            app.notice()
        );
        update(&mut app, Action::CommandCancel);
        // Explain mode's fifth press goes on to the next update: it asks first.
        for _ in 0..5 {
            update(&mut app, Action::Explain);
        }
        assert_eq!(app.trainer().current().step, 0);
        assert!(app.asking(), "the update waits for an answer");
        update(&mut app, Action::AnswerInput('1'));
        update(&mut app, Action::AnswerSubmit);
        assert_eq!(app.trainer().current().step, 1);
    }

    #[test]
    fn after_a_blowup_nothing_is_asked_and_no_answer_counts() {
        let mut app = lesson("blowup");
        update(&mut app, Action::TogglePredict);
        update(&mut app, Action::Step);
        update(&mut app, Action::AnswerInput('2'));
        assert!(app.diverged());
        update(&mut app, Action::Step);
        assert!(!app.asking(), "no question about a run that blew up");
        assert!(app.notice().unwrap().contains("rewinds it"));
        assert_eq!(app.predict().unwrap().score.asked, 1);
    }

    #[test]
    fn an_answer_about_a_point_that_moved_does_not_count() {
        let mut app = lesson("intro");
        update(&mut app, Action::TogglePredict);
        update(&mut app, Action::Step);
        update(&mut app, Action::AnswerInput('1'));
        update(&mut app, Action::Step);
        assert!(app.asking());
        // The point moves under the open question (as a click once could move it).
        update(&mut app, Action::RestartAt(-2.0, -2.0));
        for c in "1.0".chars() {
            update(&mut app, Action::AnswerInput(c));
        }
        update(&mut app, Action::AnswerSubmit);
        assert_eq!(
            app.predict().unwrap().score.asked,
            1,
            "the stale answer is not scored"
        );
        assert!(app.notice().unwrap().contains("does not count"));
    }

    #[test]
    fn the_arrow_question_hides_the_arrow_and_explain_mode_does_not_hide_the_question() {
        let mut app = lesson("intro");
        update(&mut app, Action::TogglePredict);
        for _ in 0..3 {
            update(&mut app, Action::Step);
            update(&mut app, Action::AnswerInput('1'));
            update(&mut app, Action::AnswerSubmit);
        }
        update(&mut app, Action::Step);
        let Stage::Asking { question, .. } = &app.predict().unwrap().stage else {
            panic!("asking")
        };
        assert_eq!(question.ask, Ask::Arrow);
        assert!(app.hides_arrow());
        update(&mut app, Action::AnswerCancel);
        update(&mut app, Action::Explain);
        update(&mut app, Action::Step);
        let p = crate::ui::layout::panels(ratatui::layout::Rect::new(0, 0, 100, 30)).unwrap();
        let side = crate::ui::side_panels(&app, &p);
        assert!(app.asking() && side.predict.is_some() && side.explain.is_none());
    }

    #[test]
    fn a_step_to_infinity_has_no_value_to_guess_and_its_loss_goes_up() {
        let mut app = lesson("blowup");
        command(&mut app, "lr 1e307");
        let t = app.trainer();
        let names = t.objective().model().param_names();
        let value = Question::new(Ask::Value(0), 0, &names);
        assert!(quiz::truth(&value, t, None, 100).is_err());
        let loss = Question::new(Ask::Loss, 0, &names);
        assert_eq!(
            quiz::truth(&loss, t, None, 100).unwrap().truth,
            quiz::Truth::Choice(1)
        );
    }
}
