//! `--lang`, read before clap reads the arguments, so that clap's help is in the
//! language asked for, and taken out of them, so that it may stand anywhere.

use std::ffi::OsString;

use crate::i18n::Lang;

/// The language asked for (the last `--lang en|zh` or `--lang=en|zh` before a lone `--`,
/// else the locale's; `env` reads a variable), and the arguments without those options.
/// Taken out, `--lang` may stand anywhere, even before a subcommand, where clap would
/// refuse it. A value that is neither `en` nor `zh` is refused here, as the value it is:
/// left in, clap would blame its place instead. (A value of another option that reads
/// `--lang` is taken as the option too.)
pub fn take_lang(
    args: &[OsString],
    env: impl Fn(&str) -> Option<String>,
) -> Result<(Lang, Vec<OsString>), String> {
    let mut asked = None;
    let mut rest = Vec::with_capacity(args.len());
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let text = word.to_string_lossy();
        if text == "--" {
            rest.push(word.clone());
            rest.extend(words.by_ref().cloned());
            break;
        }
        let (value, pair) = match text.strip_prefix("--lang=") {
            Some(value) => (Some(OsString::from(value)), None),
            None if text == "--lang" => (words.clone().next().cloned(), Some(word)),
            None => (None, None),
        };
        let Some(value) = value else {
            rest.push(word.clone());
            continue;
        };
        asked = Some(match value.to_str() {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => return Err(value.to_string_lossy().into_owned()),
        });
        if pair.is_some() {
            words.next();
        }
    }
    Ok((asked.unwrap_or_else(|| Lang::from_env(env)), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_before_clap_reads_the_rest() {
        let args = |words: &[&str]| -> Vec<OsString> {
            std::iter::once("downhill")
                .chain(words.iter().copied())
                .map(OsString::from)
                .collect()
        };
        let none = |_: &str| None;
        let chinese = |name: &str| (name == "LANG").then(|| "zh_CN.UTF-8".to_owned());
        let lang = |words: &[&str], env: &dyn Fn(&str) -> Option<String>| {
            take_lang(&args(words), env).unwrap().0
        };
        assert_eq!(lang(&["run", "--lang", "zh"], &none), Lang::Zh);
        assert_eq!(lang(&["--lang=zh", "--help"], &none), Lang::Zh);
        assert_eq!(lang(&["--help"], &chinese), Lang::Zh);
        assert_eq!(lang(&["--lang", "en"], &chinese), Lang::En);
        assert_eq!(lang(&["--", "--lang", "zh"], &none), Lang::En);
        assert_eq!(lang(&["--lang"], &none), Lang::En);
        // What is left for clap: everything but a `--lang` it read.
        let rest = |words: &[&str]| take_lang(&args(words), none).unwrap().1;
        assert_eq!(rest(&["--lang", "zh", "run"]), args(&["run"]));
        assert_eq!(
            rest(&["run", "--lang=en", "--steps", "3"]),
            args(&["run", "--steps", "3"])
        );
        // A value it does not know is refused as that value, wherever it stands.
        let refused = |words: &[&str]| take_lang(&args(words), none).err();
        assert_eq!(refused(&["--lang", "fr", "run"]), Some("fr".to_owned()));
        assert_eq!(refused(&["run", "--lang=ZH"]), Some("ZH".to_owned()));
        assert_eq!(rest(&["--", "--lang", "zh"]), args(&["--", "--lang", "zh"]));
    }
}
