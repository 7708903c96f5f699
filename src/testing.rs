//! Apps for tests, built through the real scenario path as the binary builds them.

use crate::app::App;
use crate::scenario::{Scenario, resolve};

/// The app on `scenario`, at its start.
pub fn app_for(scenario: Scenario) -> App {
    App::new(resolve(&scenario, None).unwrap()).unwrap()
}

/// The app on the built-in lesson `name`, at its start.
pub fn lesson(name: &str) -> App {
    app_for(Scenario {
        preset: Some(name.into()),
        ..Default::default()
    })
}
