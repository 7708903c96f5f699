//! The words the program shows, in English or Simplified Chinese, from Fluent message
//! catalogues (`assets/i18n/en/*.ftl`, `zh/*.ftl`, a file per part of the program: the
//! screen, explain mode, the command line): [`tr`] and the [`t!`](crate::t) macro look a
//! message up in the language in use. Numbers and formulas are not translated: callers
//! format them (with [`crate::fmt`]) and hand them over as arguments.
//!
//! The language is chosen once, at start-up ([`set_lang`], from `--lang` or the locale
//! variables); a test may use another on its own thread ([`with_lang`]).

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language's catalogue files, each as (name, text): the same names in every language.
macro_rules! catalogue {
    ($lang:literal: $($file:literal),+) => {
        &[$(($file, include_str!(concat!("../../assets/i18n/", $lang, "/", $file)))),+]
    };
}

/// The English catalogue, the one every message must be in.
pub const EN: &[(&str, &str)] = catalogue!("en": "screen.ftl", "explain.ftl", "commands.ftl", "errors.ftl", "cli.ftl", "report.ftl", "figure.ftl");
/// The Simplified Chinese catalogue.
pub const ZH: &[(&str, &str)] = catalogue!("zh": "screen.ftl", "explain.ftl", "commands.ftl", "errors.ftl", "cli.ftl", "report.ftl", "figure.ftl");

/// A language the program speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// 简体中文.
    Zh,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// Its code: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a locale variable's value names: `zh_CN.UTF-8`, `zh_TW`, `zh` are
    /// Chinese; anything else, English.
    pub fn of_locale(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set and not empty, as the C library reads them; English without.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .map_or(Lang::En, |v| Lang::of_locale(&v))
    }

    fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::Zh => 1,
        }
    }
}

/// The language in use for the whole program.
static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A language this thread uses instead, while [`with_lang`] runs.
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language of the whole program.
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang.index(), Ordering::Relaxed);
}

/// The language in use on this thread.
pub fn lang() -> Lang {
    OVERRIDE
        .get()
        .unwrap_or(match CURRENT.load(Ordering::Relaxed) {
            1 => Lang::Zh,
            _ => Lang::En,
        })
}

/// Runs `f` with this thread speaking `lang` (tests of each language side by side).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.replace(Some(lang));
    let out = f();
    OVERRIDE.set(before);
    out
}

type Bundle = FluentBundle<FluentResource>;

/// The bundle of `lang`, made once.
fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[usize::from(lang.index())].get_or_init(|| {
        let (id, files) = match lang {
            Lang::En => ("en", EN),
            Lang::Zh => ("zh-CN", ZH),
        };
        let mut bundle = Bundle::new_concurrent(vec![id.parse().expect("a language id")]);
        // Isolation marks would reach the terminal as stray characters.
        bundle.set_use_isolating(false);
        // NUMBER(), for ordinals: "every 2nd row".
        bundle.add_builtins().expect("NUMBER is added once");
        for (file, text) in files {
            let resource = FluentResource::try_new((*text).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{id}/{file} does not parse: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{id}/{file} repeats a message: {errors:?}"));
        }
        bundle
    })
}

/// Message `id` in `lang` with `args`, if that catalogue has it.
fn lookup(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    // A placeholder the caller did not fill would reach the screen as `{$x}`: every test
    // that shows a message checks its arguments too.
    debug_assert!(errors.is_empty(), "{id}: {errors:?}");
    Some(text.into_owned())
}

/// Message `id` in the language in use, with `args` (name, value) filled in; in English
/// where the catalogue lacks it (the completeness test keeps that from happening), and
/// the id itself where English does.
pub fn tr_with(id: &str, args: &[(&str, String)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        // A count is a number, so that plural forms choose by it ("1 row", "2 rows");
        // only a number that reads back exactly as given, so that text a person typed
        // (`007`) is shown as typed. Every other value is shown as the caller made it.
        match value.parse::<u32>() {
            Ok(n) if n.to_string() == *value => fluent.set(*name, n),
            _ => fluent.set(*name, value.clone()),
        }
    }
    let args = (!args.is_empty()).then_some(&fluent);
    lookup(lang(), id, args)
        .or_else(|| lookup(Lang::En, id, args))
        .unwrap_or_else(|| id.to_owned())
}

/// Message `id` in the language in use, or in English where that catalogue lacks it;
/// `None` when no catalogue has it.
pub fn find(id: &str) -> Option<String> {
    lookup(lang(), id, None).or_else(|| lookup(Lang::En, id, None))
}

/// Message `id` in the language in use.
pub fn tr(id: &str) -> String {
    tr_with(id, &[])
}

/// A message in the language in use: `t!("status-step")`, or with arguments,
/// `t!("status-step", step = 3)` (each argument's `Display`).
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::tr($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_with($id, &[$((stringify!($name), ($value).to_string())),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The message ids of a catalogue.
    fn ids(text: &str) -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(text).expect("the catalogue parses");
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_message_is_in_both_languages_in_the_same_file() {
        let names = |files: &'static [(&'static str, &'static str)]| {
            files.iter().map(|(n, _)| *n).collect::<Vec<&str>>()
        };
        assert_eq!(names(EN), names(ZH), "the same files in both languages");
        let mut all = BTreeSet::new();
        for ((file, en), (_, zh)) in EN.iter().zip(ZH) {
            let (en, zh) = (ids(en), ids(zh));
            let only_en: Vec<_> = en.difference(&zh).collect();
            let only_zh: Vec<_> = zh.difference(&en).collect();
            assert!(only_en.is_empty(), "{file}: in English only: {only_en:?}");
            assert!(only_zh.is_empty(), "{file}: in Chinese only: {only_zh:?}");
            for id in en {
                assert!(all.insert(id.clone()), "`{id}` is in two files");
            }
        }
        assert!(all.len() > 20, "the catalogues hold the program's words");
    }

    #[test]
    fn the_locale_chooses_chinese_for_zh_and_english_otherwise() {
        let env = |pairs: &'static [(&str, &str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_env(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_MESSAGES", "zh_TW"), ("LANG", "C")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "zh")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
    }

    #[test]
    fn messages_fill_their_arguments_in_the_language_of_the_thread() {
        let en = with_lang(Lang::En, || crate::t!("status-step", step = 3, epoch = 1));
        let zh = with_lang(Lang::Zh, || crate::t!("status-step", step = 3, epoch = 1));
        assert_eq!(en, "step 3 · epoch 1");
        assert_eq!(zh, "第 3 步 · 第 1 回合");
        assert_eq!(tr("no-such-message"), "no-such-message");
        let rows = |n: usize| with_lang(Lang::En, || crate::t!("title-rows", count = n));
        assert_eq!(
            (rows(1), rows(12)),
            ("1 row".to_owned(), "12 rows".to_owned())
        );
        // Text a person typed is shown as typed, leading zeros and all.
        let unknown = with_lang(Lang::En, || {
            crate::t!("cmd-unknown", name = "007", key = "Tab")
        });
        assert_eq!(unknown, "unknown command `007`; Tab lists them");
    }
}

#[cfg(test)]
mod ids_in_code {
    use super::*;

    /// Every `.rs` file under `dir`.
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every source file under `src/` with its text.
    fn source_texts() -> Vec<(std::path::PathBuf, String)> {
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        files
            .into_iter()
            .map(|file| {
                let text = std::fs::read_to_string(&file).unwrap();
                (file, text)
            })
            .collect()
    }

    #[test]
    fn every_message_the_code_names_is_in_the_catalogue() {
        let mut named = 0;
        for (file, text) in source_texts() {
            for opener in ["t!(\"", "tr(\"", "tr_with(\""] {
                for (at, _) in text.match_indices(opener) {
                    // `tr(` itself, not the end of another name (`attr(`).
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + opener.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    // Ids are kebab-case words; anything else is a string the test uses.
                    if id.is_empty()
                        || !id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        continue;
                    }
                    if id == "no-such-message" {
                        continue;
                    }
                    named += 1;
                    assert!(
                        bundle(Lang::En).has_message(id),
                        "{}: `{id}` is in no catalogue",
                        file.display()
                    );
                }
            }
        }
        assert!(named > 100, "the code names its messages ({named} found)");
    }

    #[test]
    fn every_id_the_code_hands_on_as_a_string_is_in_the_catalogue() {
        // Ids passed as plain strings to be said later: nouns, file kinds, warnings.
        let mut named = 0;
        for (file, text) in source_texts() {
            for prefix in ["\"noun-", "\"file-", "\"saved-", "\"cmd-what-"] {
                for (at, _) in text.match_indices(prefix) {
                    let rest = &text[at + 1..];
                    let id = &rest[..rest.find('"').unwrap()];
                    let kebab = id.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                    if kebab && !id.ends_with('-') {
                        named += 1;
                        assert!(
                            bundle(Lang::En).has_message(id),
                            "{}: `{id}`",
                            file.display()
                        );
                    }
                }
            }
        }
        assert!(named > 20, "the code hands on ids ({named} found)");
    }
}
