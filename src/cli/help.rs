//! The command line's help in the language in use: each subcommand's summary, each
//! option's help and each value's meaning from `assets/i18n/*/cli.ftl`, and in Chinese
//! clap's own headings too. The options' documentation comments are the English; a test
//! holds `en/cli.ftl` to them, so in English the help is clap's own.
//!
//! clap's error messages ("unexpected argument …") stay in English: clap has no
//! catalogue for them.

use clap::builder::PossibleValue;
use clap::{Arg, Command};

use crate::i18n::{Lang, find, lang, tr};

/// `cmd` with its summaries, options and headings in the language in use: as it is in
/// English, whose words are its documentation's.
pub fn localised(mut cmd: Command) -> Command {
    if lang() == Lang::En {
        return cmd;
    }
    // Built first, so that clap's own `--help`, `--version` and `help` are there to change.
    cmd.build();
    tree_in_words(cmd, "main", "cli-about")
}

/// [`in_words`] for `cmd` and every subcommand under it (`help` has one per subcommand).
fn tree_in_words(cmd: Command, sub: &str, about: &str) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let mut cmd = in_words(cmd, sub, about);
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| {
            tree_in_words(s, &name, &format!("cli-about-{name}"))
        });
    }
    cmd
}

/// One command's summary, headings and options in the language in use; `sub` names it
/// in the catalogue (`main` for the top).
fn in_words(cmd: Command, sub: &str, about: &str) -> Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        tr("cli-heading-usage")
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(tr("cli-heading-commands"));
    if let Some(text) = find(about) {
        cmd = cmd.about(text);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |arg| arg_in_words(arg, sub));
    }
    cmd
}

/// The message of option `id` of subcommand `sub`: its own, else the one every
/// subcommand shares.
fn option_text(sub: &str, id: &str) -> Option<String> {
    find(&format!("cli-{sub}-{id}")).or_else(|| find(&format!("cli-opt-{id}")))
}

/// One option's help, its values' meanings and its heading in the language in use.
fn arg_in_words(arg: Arg, sub: &str) -> Arg {
    let id = arg.get_id().to_string();
    let heading = if arg.is_positional() {
        tr("cli-heading-arguments")
    } else {
        tr("cli-heading-options")
    };
    let mut arg = arg.help_heading(heading);
    let Some(mut help) = option_text(sub, &id) else {
        return arg;
    };
    // clap writes "[default: …]" in English; it is written here instead.
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let shown = arg.get_action().takes_values() && !arg.is_hide_default_value_set();
    if !defaults.is_empty() && shown {
        help = format!(
            "{help} {}",
            crate::t!("cli-default", value = defaults.join(", "))
        );
        arg = arg.hide_default_value(true);
    }
    arg = arg.help(help.clone());
    if id == "help" {
        return arg.long_help(tr("cli-opt-help-long"));
    }
    let values: Vec<PossibleValue> = arg.get_possible_values();
    let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
    let listed = crate::t!("cli-values", values = names.join(", "));
    if values.iter().all(|v| v.get_help().is_none()) && arg.get_action().takes_values() {
        if !values.is_empty() {
            arg = arg
                .hide_possible_values(true)
                .help(format!("{help} {listed}"));
        }
    } else if !values.is_empty() {
        // clap lists the values' meanings from the parser, which cannot be reworded:
        // they are listed here instead, as clap would lay them out.
        let widest = names.iter().map(|n| n.len()).max().unwrap_or(0);
        let meanings: Vec<String> = values
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| {
                let name = v.get_name();
                let meaning = find(&format!("cli-value-{id}-{name}"))
                    .or_else(|| v.get_help().map(ToString::to_string))
                    .unwrap_or_default();
                let pad = " ".repeat(widest.saturating_sub(name.len()));
                format!("- {name}:{pad} {meaning}")
            })
            .collect();
        arg = arg
            .hide_possible_values(true)
            .help(format!("{help} {listed}"))
            .long_help(format!(
                "{help}\n\n{}\n{}",
                tr("cli-values-heading"),
                meanings.join("\n")
            ));
    }
    arg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use clap::CommandFactory;

    /// Every command of the tree, built, with the name the catalogue gives it.
    fn commands(cmd: &Command) -> Vec<(String, Command)> {
        let mut all = vec![("main".to_owned(), cmd.clone())];
        all.extend(
            cmd.get_subcommands()
                .map(|s| (s.get_name().to_owned(), s.clone())),
        );
        all
    }

    #[test]
    fn the_english_catalogue_says_what_the_options_documentation_says() {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        with_lang(Lang::En, || {
            for (sub, c) in commands(&cmd) {
                let about = if sub == "main" {
                    "cli-about".to_owned()
                } else {
                    format!("cli-about-{sub}")
                };
                let doc = c.get_about().map(ToString::to_string);
                assert_eq!(find(&about), doc, "{about}");
                for arg in c.get_arguments() {
                    let id = arg.get_id().as_str();
                    let doc = arg.get_help().map(ToString::to_string);
                    assert_eq!(option_text(&sub, id), doc, "{sub} --{id}");
                    for v in arg.get_possible_values() {
                        let key = format!("cli-value-{id}-{}", v.get_name());
                        let doc = v.get_help().map(ToString::to_string);
                        assert_eq!(find(&key).filter(|_| doc.is_some()), doc, "{key}");
                    }
                }
            }
        });
    }

    #[test]
    fn chinese_help_leaves_no_english_but_names_and_values() {
        let cmd = with_lang(Lang::Zh, || localised(crate::cli::Cli::command()));
        for (sub, mut c) in commands(&cmd) {
            // What a person types stays as it is: options, values and subcommands.
            let typed: Vec<String> = c
                .get_arguments()
                .flat_map(|a| {
                    let values = a.get_possible_values();
                    let names = values.iter().map(|v| v.get_name().to_owned());
                    let long = a.get_long().map(str::to_owned);
                    let shown = a.get_value_names().unwrap_or_default();
                    let shown = shown.iter().map(ToString::to_string);
                    names.chain(long).chain(shown).collect::<Vec<_>>()
                })
                .chain(cmd.get_subcommands().map(|s| s.get_name().to_owned()))
                .chain(["downhill".to_owned(), sub.clone()])
                .collect();
            for long in [true, false] {
                let text = if long {
                    c.render_long_help().to_string()
                } else {
                    c.render_help().to_string()
                };
                let left: Vec<String> = crate::testing::english_words(&text)
                    .into_iter()
                    .filter(|w| !typed.iter().any(|t| t.split(['-', '_']).any(|p| p == w)))
                    .collect();
                assert!(left.is_empty(), "{sub}: {left:?} in\n{text}");
                assert!(text.contains("用法："), "{text}");
            }
        }
    }
}
