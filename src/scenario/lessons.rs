//! The built-in lessons: scenario files under `assets/lessons/`, embedded in the binary.

/// A built-in lesson: its name and its scenario TOML.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// What `--preset` calls it.
    pub name: &'static str,
    /// Its scenario file, as shipped.
    pub toml: &'static str,
}

impl Lesson {
    /// Its one-line description, as `downhill presets` and the lesson menu show it.
    /// Read once per run: the menu draws every frame while it is open.
    /// In Chinese where the lesson has it and Chinese is in use.
    pub fn description(&self) -> String {
        type About = (&'static str, String, Option<String>);
        static DESCRIPTIONS: std::sync::LazyLock<Vec<About>> = std::sync::LazyLock::new(|| {
            LESSONS
                .iter()
                .map(|l| {
                    let s = super::ScenarioFile::parse(l.toml, l.name)
                        .ok()
                        .map(|f| f.scenario)
                        .unwrap_or_default();
                    (l.name, s.description.unwrap_or_default(), s.description_zh)
                })
                .collect()
        });
        let chinese = crate::i18n::lang() == crate::i18n::Lang::Zh;
        DESCRIPTIONS
            .iter()
            .find(|(name, ..)| *name == self.name)
            .map(|(_, en, zh)| zh.clone().filter(|_| chinese).unwrap_or_else(|| en.clone()))
            .unwrap_or_default()
    }
}

macro_rules! lessons {
    ($($name:literal),* $(,)?) => {
        &[$(Lesson { name: $name, toml: include_str!(concat!("../../assets/lessons/", $name, ".toml")) }),*]
    };
}

/// Every built-in lesson, in the order `downhill presets` lists them.
pub const LESSONS: &[Lesson] = lessons![
    "intro",
    "line",
    "doubling",
    "blowup",
    "scaling",
    "ravine",
    "ravine-blowup",
    "plane",
    "sigmoid",
    "relu",
    "hard-sigmoid",
    "logistic",
    "wiggle",
    "overfit",
    "two-features",
    "xor",
    "circle",
    "spiral",
    "pca-plane",
    "random-plane",
    "local-minima",
    "saddle",
    "plateau",
    "condition",
];

/// The lesson opened when no data source is given.
pub const DEFAULT_LESSON: &str = "intro";

/// A lesson name that is not one of [`LESSONS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown preset `{name}` (known: {known})")]
pub struct UnknownLesson {
    /// The name given.
    pub name: String,
    /// The lessons there are.
    pub known: String,
}

/// The built-in lesson called `name`.
pub fn lesson(name: &str) -> Result<Lesson, UnknownLesson> {
    LESSONS
        .iter()
        .copied()
        .find(|l| l.name == name)
        .ok_or_else(|| {
            let names: Vec<_> = LESSONS.iter().map(|l| l.name).collect();
            UnknownLesson {
                name: name.to_owned(),
                known: names.join(", "),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn every_lesson_speaks_both_languages() {
        for l in LESSONS {
            let s = super::super::ScenarioFile::parse(l.toml, l.name)
                .unwrap()
                .scenario;
            let zh = (s.description_zh.as_deref(), s.caption_zh.as_deref());
            let (Some(description), Some(caption)) = zh else {
                panic!("{} lacks description-zh or caption-zh", l.name)
            };
            // Written in Chinese, not copied English.
            let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(chinese(description) && chinese(caption), "{}", l.name);
            for q in s.questions.iter().flatten() {
                assert!(
                    q.text.is_none() || q.text_zh.is_some(),
                    "{}: a question lacks text-zh",
                    l.name
                );
            }
            assert_eq!(with_lang(Lang::Zh, || l.description()), description);
            assert_ne!(with_lang(Lang::En, || l.description()), description);
        }
    }
}
