//! Helpers shared by the tests that run the real binary.

use assert_cmd::Command;

/// `command` in English, whatever the locale of the machine running the tests.
pub fn english(mut command: Command) -> Command {
    command.env("LC_ALL", "C");
    command
}
