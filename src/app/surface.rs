//! Training on a textbook surface (`--surface`): what does not apply there.

use super::App;
use crate::engine;

impl App {
    /// Why `what` cannot change, when the run trains on a surface rather than data.
    pub(super) fn surface_refusal(&self, what: &'static str) -> Option<engine::Error> {
        let surface = self.trainer.objective().as_surface()?;
        Some(engine::Error::OnSurface {
            surface: surface.to_string(),
            what,
        })
    }
}
