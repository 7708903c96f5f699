//! Feature scaling (key `S`, `:scale`): the same rows through another transform, and
//! what it did to the curvature.

use std::sync::Arc;

use super::App;
use crate::engine::{self, Conditioning, Scale, conditioning, curvature_cost};

/// The most multiply-adds the before-and-after curvature may cost on the UI thread
/// (twice [`curvature_cost`]); above it the comparison is left out.
const CONDITIONING_BUDGET: f64 = 2e7;

impl App {
    /// `S`: the next scaling of the features, trained again from the start.
    pub(super) fn next_scale(&mut self) {
        let next = self.trainer.objective().data().scale().next();
        match self.set_scale(next) {
            Ok(message) => self.tell(message),
            Err(e) => self.tell(e),
        }
    }

    /// `:scale`: the features through `scale`, its means and standard deviations taken
    /// from the rows now; training starts again from the start values, which mean
    /// another function under another scaling. Says what the scaling did.
    pub(super) fn set_scale(&mut self, scale: Scale) -> Result<String, engine::Error> {
        if let Some(e) = self.surface_refusal("noun-features-to-scale") {
            return Err(e);
        }
        let objective = self.trainer.objective();
        let data = objective.data().scaled(scale)?;
        let next = self.objective_like(data, objective.model(), objective.loss())?;
        let start = self.trainer.start().params.clone();
        let config = self.trainer.config().clone();
        self.restart(Arc::new(next), config, start)?;
        let done = crate::report::scaled_words(scale);
        Ok(match self.conditioning {
            Some(c) => crate::t!(
                "notice-scaled-effect",
                done = done,
                effect = crate::report::conditioning_text(&c)
            ),
            None => crate::t!("notice-scaled", done = done),
        })
    }

    /// The curvature before and after the scaling, at the start; `None` for raw
    /// features or where computing it would hold up the screen.
    pub(super) fn scaling_effect(&self) -> Option<Conditioning> {
        let objective = self.trainer.objective();
        objective.data().scaling()?;
        if 2.0 * curvature_cost(objective) > CONDITIONING_BUDGET {
            return None;
        }
        let start = self.trainer.start().params.as_slice().expect("contiguous");
        conditioning(objective, start, &self.trainer.config().frozen)
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, update};
    use crate::engine::{Conditioning, Scale};
    use crate::report::saved_scenario;
    use crate::testing::{command, lesson};

    #[test]
    fn every_scaling_has_its_words_in_both_languages() {
        use crate::i18n::{Lang, with_lang};
        let english = ["raw", "centred", "standardised"];
        for (scale, done) in [Scale::Raw, Scale::Center, Scale::Standardize]
            .into_iter()
            .zip(english)
        {
            let en = with_lang(Lang::En, || crate::report::scaled_words(scale));
            assert_eq!(en, done);
            let zh = with_lang(Lang::Zh, || crate::report::scaled_words(scale));
            assert!(!zh.is_ascii(), "{zh}");
        }
    }

    #[test]
    fn s_cycles_the_scalings_and_each_starts_again_from_the_start() {
        let mut a = lesson("ravine");
        update(&mut a, Action::Step);
        update(&mut a, Action::NextScale);
        let data = a.trainer().objective().data();
        assert_eq!(data.scale(), Scale::Center);
        assert_eq!(a.current().step, 0);
        assert_eq!(a.current().params, a.setup().start);
        assert!(
            a.notice()
                .unwrap()
                .starts_with("features centred: η_crit 0.00976 → 0.677")
        );
        update(&mut a, Action::NextScale);
        assert_eq!(a.trainer().objective().data().scale(), Scale::Standardize);
        update(&mut a, Action::NextScale);
        assert_eq!(a.trainer().objective().data().scale(), Scale::Raw);
        assert!(
            a.conditioning().is_none(),
            "nothing to compare on raw features"
        );
        assert_eq!(
            a.trainer().objective().data(),
            a.setup().objective.data(),
            "raw again is the data as it came, bit for bit"
        );
    }

    #[test]
    fn a_constant_feature_refuses_standardising_and_stays() {
        let mut a = lesson("blowup");
        command(&mut a, "scale standardize");
        let line = a.command_line().expect("the line stays open on an error");
        assert!(
            line.error
                .as_ref()
                .unwrap()
                .contains("standard deviation is 0")
        );
        assert_eq!(a.trainer().objective().data().scale(), Scale::Raw);
        // Centring one row needs no division: every feature becomes 0.
        let mut b = lesson("blowup");
        command(&mut b, "scale center");
        assert_eq!(b.trainer().objective().data().x_slice(), &[0.0, 0.0]);
        let c = b.conditioning().unwrap();
        assert_eq!(Conditioning::kappa(c.after), f64::INFINITY);
    }

    #[test]
    fn clicks_land_in_the_features_own_units_and_keep_the_scaling() {
        let mut a = lesson("ravine");
        command(&mut a, "scale standardize");
        let scaling = a.trainer().objective().data().scaling().unwrap().clone();
        // The fit panel places points as the model sees them; z = 1 is one std above the mean.
        update(&mut a, Action::AddPoint(1.0, 12.5));
        let data = a.trainer().objective().data();
        assert_eq!(data.len(), 21);
        assert_eq!(
            data.scaling(),
            Some(&scaling),
            "the numbers stay as they were taken"
        );
        let x = data.original_x()[[20, 0]];
        assert!(
            (x - (scaling.shift[0] + scaling.divide[0])).abs() < 1e-12,
            "{x}"
        );
        assert!((data.x[[20, 0]] - 1.0).abs() < 1e-12);
        // The other rows keep their own values exactly, and a saved scenario says so.
        assert_eq!(data.original_x()[[1, 0]], 8.21);
        let saved = saved_scenario(a.setup(), a.trainer());
        assert!(
            saved
                .warning
                .unwrap()
                .contains("scales all its rows afresh")
        );
        let saved = saved.scenario;
        assert_eq!(saved.scale.as_deref(), Some("standardize"));
        assert_eq!(saved.points.unwrap().rows[1], vec![8.21, 8.1]);
    }
}
