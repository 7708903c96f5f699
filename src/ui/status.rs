//! The status lines: where training stands, and the last update with its numbers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::pack::pack;
use super::theme::{RACER_GLYPHS, Theme};
use crate::app::{Action, App, key_for};
use crate::engine::{Config, OptimizerKind, Schedule, Stall, Status};
use crate::fmt::human;
use crate::report::{conditioning_text, stability_text};
use crate::t;
use unicode_width::UnicodeWidthStr;

/// Within this share of the stability limit, η is shown as near it.
const NEAR_LIMIT: f64 = 0.8;

/// Step, loss, |∇|, state; parameters; optimizer and η against its limit; the update.
pub struct StatusPanel<'a> {
    /// What to show.
    pub app: &'a App,
    /// How to colour it.
    pub theme: &'a Theme,
}

impl Widget for StatusPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (width, height) = (usize::from(area.width), usize::from(area.height));
        let mut legend = self.legend(width);
        let progress = pack(self.progress(), width);
        let mut params = pack(self.params(), width);
        let rate = pack(self.rate(), width);
        let mut updates: Vec<Line> = self
            .update_lines()
            .into_iter()
            .flat_map(|l| pack(l, width))
            .collect();
        // Lines wrap between items rather than cut one. Where rows run short, the state
        // and η against its limit stay (in a race too); the racers' legend, then the
        // parameters (marked …) and then the update lines give way.
        let must = progress.len() + rate.len() + 1;
        legend.truncate(height.saturating_sub(must));
        let room = height.saturating_sub(legend.len() + progress.len() + rate.len());
        if params.len() > room.max(1) {
            params.truncate(room.max(1));
            if let Some(last) = params.last_mut() {
                last.spans.push(Span::styled(" …", self.theme.dim()));
            }
        }
        updates.truncate(room.saturating_sub(params.len()));
        let lines: Vec<Line> = [legend, progress, params, rate, updates].concat();
        Paragraph::new(lines).render(area, buf);
    }
}

impl StatusPanel<'_> {
    /// While racing: each racer's glyph, optimizer, loss and state in its colour, e.g.
    /// `● gd 0.203 running  ◆ momentum 0.15 converged at 40  ▼ adam 1e12 DIVERGED at 5`,
    /// packed into as few lines of `width` as they fit in.
    fn legend(&self, width: usize) -> Vec<Line<'static>> {
        let (app, t) = (self.app, self.theme);
        if !app.racing() {
            return Vec::new();
        }
        let entries: Vec<Vec<Span<'static>>> = app
            .racers()
            .enumerate()
            .map(|(k, racer)| {
                let s = racer.current();
                let glyph = RACER_GLYPHS[k % RACER_GLYPHS.len()];
                let (state, style) = match s.status {
                    Status::Running => (t!("race-running"), Style::new()),
                    Status::Converged => (t!("race-converged", step = s.step), t.safe()),
                    Status::Stalled(_) => (t!("race-stalled", step = s.step), t.near()),
                    Status::Diverged => (t!("race-diverged", step = s.step), t.danger()),
                };
                vec![
                    Span::styled(
                        format!("{glyph} {}", racer.config().optimizer.kind),
                        t.racer_text(k),
                    ),
                    Span::raw(format!(" {} ", human(s.loss))),
                    Span::styled(state, style),
                ]
            })
            .collect();
        let mut lines = Vec::new();
        let mut line: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for entry in entries {
            let len: usize = entry.iter().map(|s| s.content.width()).sum();
            if used > 0 && used + 2 + len > width {
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            line.push(Span::raw(if used == 0 { " " } else { "  " }));
            used += if used == 0 { 1 } else { 2 } + len;
            line.extend(entry);
        }
        if !line.is_empty() {
            lines.push(Line::from(line));
        }
        lines
    }

    fn progress(&self) -> Line<'static> {
        let (app, t) = (self.app, self.theme);
        let s = app.current();
        let state = match s.status {
            Status::Diverged => Span::styled(format!(" {} ", t!("status-diverged")), t.danger()),
            Status::Converged => Span::styled(t!("status-converged"), t.safe()),
            Status::Stalled(stall) => {
                Span::styled(t!("status-stalled", why = stall_words(stall)), t.near())
            }
            Status::Running if app.trainer().unjudged() => {
                Span::styled(t!("status-judging"), t.near())
            }
            Status::Running if app.playing() => Span::raw(t!(
                "status-playing",
                speed = human(app.updates_per_second())
            )),
            Status::Running => {
                Span::raw(t!("status-paused", speed = human(app.updates_per_second())))
            }
        };
        let mut spans = vec![Span::raw(format!(
            " {} · {} · |∇| {} · ",
            t!("status-step", step = s.step, epoch = s.epoch),
            t!("status-loss", loss = human(s.loss)),
            human(s.grad_norm)
        ))];
        spans.push(state);
        Line::from(spans)
    }

    fn params(&self) -> Line<'static> {
        let s = self.app.current();
        let frozen = &self.app.trainer().config().frozen;
        let text: Vec<String> = self
            .app
            .param_names()
            .iter()
            .zip(s.params.iter())
            .zip(frozen)
            .map(|((name, v), &f)| {
                let frozen = if f {
                    format!(" {}", t!("status-frozen-mark"))
                } else {
                    String::new()
                };
                format!("{name} = {}{frozen}", human(*v))
            })
            .collect();
        Line::raw(format!(" {}", text.join("  ")))
    }

    /// η coloured against 2/λmax: safe, near the limit, or past it.
    fn rate(&self) -> Line<'static> {
        let (app, t) = (self.app, self.theme);
        let config = app.trainer().config();
        // The η the next update will use, which a schedule moves away from the base η.
        let lr = config.next_lr(app.current().step);
        let rows = app.trainer().objective().data().len();
        if app.asking() {
            // The limit, and η measured against it, would answer the question.
            return Line::from(vec![
                Span::raw(format!(
                    " {} · η = {} · ",
                    rule_text(config, rows),
                    human(lr)
                )),
                Span::styled(t!("rate-hidden"), t.dim()),
            ]);
        }
        let limit = app.stability().eta_limit();
        let ratio = lr / limit;
        let pending = app.stability_request().is_some();
        let (style, verdict): (Style, String) = if pending {
            (t.dim(), t!("rate-computing"))
        } else if ratio.is_nan() {
            (t.dim(), t!("rate-unknown"))
        } else if limit.is_infinite() {
            (t.dim(), t!("rate-none"))
        } else if ratio > 1.0 {
            (t.danger(), t!("rate-past"))
        } else if ratio > NEAR_LIMIT {
            (t.near(), t!("rate-near"))
        } else {
            (t.safe(), t!("rate-safe"))
        };
        // The limit is plain GD's; other rules have their own, so say whose it is.
        let verdict = if config.optimizer.kind == OptimizerKind::Gd || ratio.is_nan() || pending {
            verdict
        } else {
            t!("rate-for-gd", verdict = verdict)
        };
        let limit_text = match pending {
            true => t!("rate-lambda-computing"),
            false => stability_text(&app.stability()),
        };
        let schedule = match config.schedule {
            Schedule::Constant => String::new(),
            other => format!(" · {other} from η = {}", human(config.lr)),
        };
        let mut spans = vec![
            Span::raw(format!(" {} · ", rule_text(config, rows))),
            Span::styled(format!("η = {} ({verdict})", human(lr)), style),
            Span::raw(format!("{schedule} · {limit_text}")),
        ];
        if let Some(c) = app.conditioning() {
            let scale = app.trainer().objective().data().scale();
            spans.push(Span::raw(format!(
                " · {}: {}",
                crate::report::scaled_words(scale),
                conditioning_text(c)
            )));
        }
        Line::from(spans)
    }

    /// `w ← w − η·∂L/∂w = 0.5 − 1 × (−6853.59) = 6854.09`, one line per axis parameter.
    fn update_lines(&self) -> Vec<Line<'static>> {
        let app = self.app;
        let names = app.param_names();
        let after = app.trainer().current();
        let Some(before) = app.trainer().previous() else {
            let rule = match app.trainer().config().optimizer.kind {
                OptimizerKind::Gd => "θ ← θ − η·∇L".to_owned(),
                other => t!("update-rule-other", optimizer = other),
            };
            return vec![Line::raw(format!(
                " {}",
                t!("update-first", key = key_for(&Action::Step), rule = rule)
            ))];
        };
        // The axis parameters; on a plane of directions, the two that moved most.
        let axes = match app.viewport().plane.axes() {
            Some((i, j)) if i == j => vec![i],
            Some((i, j)) => vec![i, j],
            None => {
                let moved = |k: usize| (after.params[k] - before.params[k]).abs();
                let mut order: Vec<usize> = (0..names.len()).collect();
                order.sort_by(|&a, &b| moved(b).total_cmp(&moved(a)));
                order.truncate(2);
                order.sort_unstable();
                order
            }
        };
        let full_batch_gd = app.trainer().config().optimizer.kind == OptimizerKind::Gd
            && app
                .trainer()
                .config()
                .batch_size
                .is_none_or(|b| b >= app.trainer().objective().data().len());
        axes.into_iter()
            .map(|p| {
                let name = &names[p];
                let (old, new) = (before.params[p], after.params[p]);
                let text = if app.trainer().config().frozen[p] {
                    format!(" {}", t!("update-frozen", name = name, value = human(old)))
                } else if full_batch_gd {
                    format!(
                        " {name} ← {name} − η·∂L/∂{name} = {} − {} × ({}) = {}",
                        human(old),
                        human(after.lr),
                        human(before.grad[p]),
                        human(new)
                    )
                } else {
                    format!(
                        " {name} ← {name} − Δ ({}) = {} − ({}) = {}",
                        app.trainer().config().optimizer.kind,
                        human(old),
                        human(old - new),
                        human(new)
                    )
                };
                Line::raw(text)
            })
            .collect()
    }
}

/// How a run stalled, in a word or two of the language in use: `dead units`, `flat`,
/// `saddle`.
pub(super) fn stall_words(stall: Stall) -> String {
    match stall {
        Stall::DeadUnits => t!("stall-dead-units"),
        Stall::Flat => t!("stall-flat"),
        Stall::Saddle => t!("stall-saddle"),
    }
}

/// The update rule with the hyperparameters it uses, and the batch size when it is
/// not every row: `momentum μ 0.9 · batch 8 of 100`.
fn rule_text(config: &Config, rows: usize) -> String {
    let o = &config.optimizer;
    let mut text = match o.kind {
        OptimizerKind::Gd | OptimizerKind::Adagrad => o.kind.to_string(),
        OptimizerKind::Momentum | OptimizerKind::Nesterov => {
            format!("{} μ {}", o.kind, human(o.momentum))
        }
        OptimizerKind::Rmsprop => format!("{} α {}", o.kind, human(o.alpha)),
        OptimizerKind::Adam => format!("{} β {}/{}", o.kind, human(o.beta1), human(o.beta2)),
        OptimizerKind::Adamw => format!(
            "{} β {}/{} λ {}",
            o.kind,
            human(o.beta1),
            human(o.beta2),
            human(o.weight_decay)
        ),
    };
    if let Some(b) = config.batch_size.filter(|&b| b < rows) {
        text.push_str(&format!(" · {}", t!("rule-batch", size = b, rows = rows)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};
    use crate::scenario::Scenario;
    use crate::testing::app_for;
    use crate::ui::theme::ColorMode;

    fn lines(app: &App) -> Vec<String> {
        let area = Rect::new(0, 0, 120, 6);
        let mut buf = Buffer::empty(area);
        let theme = Theme {
            mode: ColorMode::Monochrome,
            light: false,
        };
        StatusPanel { app, theme: &theme }.render(area, &mut buf);
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn a_dead_relu_is_stalled_with_no_curvature_never_converged() {
        let mut app = crate::testing::lesson("relu");
        crate::testing::command(&mut app, "set w=0.2 b=-1");
        update(&mut app, Action::Step);
        let text = lines(&app);
        assert!(text[0].contains("|∇| 0 · stalled (dead units)"), "{text:?}");
        assert!(!text.concat().contains('✓'), "{text:?}");
        assert!(text[2].contains("η = 0.05 (no limit)"), "{text:?}");
        assert!(
            text[2].contains("no curvature here (sharpness 0)"),
            "{text:?}"
        );
        update(&mut app, Action::TogglePlay);
        assert!(!app.playing());
        assert_eq!(
            app.notice(),
            Some("stalled (dead units: w·x + b ≤ 0 on every row, no gradient); Space still steps")
        );
    }

    /// The status rows of the whole screen at `width`×24.
    fn status_rows(app: &App, width: u16) -> Vec<String> {
        let area = Rect::new(0, 0, width, 24);
        let mut buf = Buffer::empty(area);
        let theme = Theme {
            mode: ColorMode::Rgb,
            light: false,
        };
        crate::ui::draw(app, &theme, area, &mut buf);
        let p = crate::ui::layout::panels(area).unwrap();
        (p.status.y..p.status.bottom())
            .map(|y| crate::testing::row_text(&buf, y).trim_end().to_owned())
            .collect()
    }

    #[test]
    fn at_80_columns_nothing_is_cut_inside_a_word_and_a_race_keeps_its_eta_line() {
        for name in ["wiggle", "ravine", "plane", "intro"] {
            let mut app = crate::testing::lesson(name);
            crate::testing::command(&mut app, "optimizer momentum");
            update(&mut app, Action::Step);
            let rows = status_rows(&app, 80);
            let text = rows.join("\n");
            // Every parameter is shown whole, or the list ends in … where rows ran out.
            for (k, p) in app.param_names().iter().enumerate() {
                let whole = format!("{p} = {}", crate::fmt::human(app.current().params[k]));
                assert!(
                    text.contains(&whole) || text.contains(" …"),
                    "{name}: {text}"
                );
            }
            assert!(
                text.contains("(safe for plain gd)") || text.contains("limit for plain gd)"),
                "{name}: {text}"
            );
            assert!(rows.iter().all(|r| r.chars().count() <= 80));
        }
        let mut race = crate::testing::lesson("intro");
        update(&mut race, Action::ToggleRace);
        update(&mut race, Action::Step);
        let text = status_rows(&race, 80).join("\n");
        assert!(text.contains("η = 0.1 ("), "{text}");
        assert!(text.contains("step 1"), "{text}");
    }

    #[test]
    fn blowup_shows_the_documented_update() {
        let mut app = app_for(Scenario {
            preset: Some("blowup".into()),
            ..Default::default()
        });
        update(&mut app, Action::Step);
        let text = lines(&app);
        assert!(text[0].contains("DIVERGED"), "{text:?}");
        assert!(text[2].contains("η = 1 (past the limit)"), "{text:?}");
        assert_eq!(
            text[3],
            " w1 ← w1 − η·∂L/∂w1 = 0.5 − 1 × (-6853.59) = 6854.09"
        );
    }

    #[test]
    fn a_schedule_shows_the_next_rate_and_its_base() {
        let cli = Scenario {
            preset: Some("intro".into()),
            schedule: Some("warmup:4".into()),
            ..Default::default()
        };
        let mut app = app_for(cli);
        assert!(
            lines(&app)[2].contains("η = 0.025 (safe) · warmup:4 from η = 0.1"),
            "{:?}",
            lines(&app)
        );
        update(&mut app, Action::Step);
        assert!(lines(&app)[2].contains("η = 0.05 "), "{:?}", lines(&app));
        // The update line shows the η that update used.
        assert!(lines(&app)[3].contains("− 0.025 × ("), "{:?}", lines(&app));
    }

    #[test]
    fn frozen_axis_parameters_say_so() {
        let mut app = app_for(Scenario {
            preset: Some("line".into()),
            ..Default::default()
        });
        update(&mut app, Action::Step);
        assert_eq!(lines(&app)[4], " b is frozen at 0");
    }

    #[test]
    fn a_race_has_a_legend_line_per_racer_state() {
        let mut app = app_for(Scenario {
            preset: Some("intro".into()),
            ..Default::default()
        });
        assert!(
            lines(&app)[0].starts_with(" step 0"),
            "no legend without a race"
        );
        update(&mut app, Action::ToggleRace);
        update(&mut app, Action::Step);
        let text = lines(&app);
        assert!(
            text[0].starts_with(" ● gd ")
                && text[0].contains("  ◆ momentum ")
                && text[0].contains("  ▼ adam "),
            "{text:?}"
        );
        assert_eq!(text[0].matches("running").count(), 3, "{text:?}");
        assert!(text[1].starts_with(" step 1"), "{text:?}");
        // Colours tell racers apart; past a blowup the state says where it stopped.
        let mut blown = app_for(Scenario {
            preset: Some("blowup".into()),
            ..Default::default()
        });
        update(&mut blown, Action::ToggleRace);
        for _ in 0..3 {
            update(&mut blown, Action::Step);
        }
        let text = lines(&blown);
        assert!(
            text[0].contains("● gd 1.02655e12 DIVERGED at 1"),
            "{text:?}"
        );
        let area = Rect::new(0, 0, 120, 6);
        let mut buf = Buffer::empty(area);
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        StatusPanel {
            app: &app,
            theme: &theme,
        }
        .render(area, &mut buf);
        let at = |glyph: &str| {
            (0..area.width)
                .find(|&x| buf[(x, 0)].symbol() == glyph)
                .unwrap()
        };
        assert_eq!(buf[(at("◆"), 0)].fg, theme.racer_text(1).fg.unwrap());
        assert_eq!(buf[(at("▼"), 0)].fg, theme.racer_text(2).fg.unwrap());
    }

    #[test]
    fn a_six_racer_legend_wraps_on_a_narrow_panel() {
        let mut app = app_for(Scenario {
            preset: Some("intro".into()),
            ..Default::default()
        });
        app.open_race(
            &crate::engine::parse_race("gd,momentum,nesterov,adagrad,rmsprop,adam").unwrap(),
        )
        .unwrap();
        let text = lines(&app);
        let legend: String = text
            .iter()
            .take_while(|l| !l.starts_with(" step"))
            .cloned()
            .collect();
        for name in ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] {
            assert!(legend.contains(&format!(" {name} ")), "{text:?}");
        }
        assert!(text.iter().all(|l| l.chars().count() <= 120));
    }
}
