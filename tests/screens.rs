//! Whole screens, snapshotted: the default lesson, a sigmoid fit and a blowup, at 80×24
//! and 160×48. Review changes with `cargo insta review` (or by reading the .snap diff).

use downhill::app::{Action, App, update};
use downhill::scenario::Scenario;
use downhill::sweep::sweep_row;
use downhill::testing::{app_for, deliver_screen_slice, lesson, text};
use downhill::ui::{self, ColorMode, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The lesson after `steps` updates, with the landscape the worker would deliver.
fn screen(preset: &str, steps: usize, width: u16, height: u16) -> String {
    screen_after(preset, steps, &[], width, height)
}

/// As [`screen`], then the `actions` as a person's keys would give them.
fn screen_after(preset: &str, steps: usize, actions: &[Action], width: u16, height: u16) -> String {
    screen_then(
        preset,
        steps,
        |app| {
            for action in actions {
                update(app, action.clone());
            }
        },
        width,
        height,
    )
}

/// As [`screen`], then whatever `then` does to the app.
fn screen_then(
    preset: &str,
    steps: usize,
    then: impl FnOnce(&mut App),
    width: u16,
    height: u16,
) -> String {
    let theme = Theme {
        mode: ColorMode::Ansi16,
        light: false,
    };
    let mut app = lesson(preset);
    for _ in 0..steps {
        update(&mut app, Action::Step);
    }
    let area = Rect::new(0, 0, width, height);
    then(&mut app);
    // What the worker would deliver for the view on screen now.
    deliver_screen_slice(&mut app, area, &theme);
    let mut buf = Buffer::empty(area);
    ui::draw(&app, &theme, area, &mut buf);
    text(&buf)
}

/// The screen of the app `scenario` opens, after `steps` updates, with its landscape.
fn scenario_screen(scenario: Scenario, steps: usize, width: u16, height: u16) -> String {
    let theme = Theme {
        mode: ColorMode::Ansi16,
        light: false,
    };
    let mut app = app_for(scenario);
    for _ in 0..steps {
        update(&mut app, Action::Step);
    }
    let area = Rect::new(0, 0, width, height);
    deliver_screen_slice(&mut app, area, &theme);
    let mut buf = Buffer::empty(area);
    ui::draw(&app, &theme, area, &mut buf);
    text(&buf)
}

/// Two blobs fitted by a plane through 0/1 targets: the 2-D fit panel's heat, boundary
/// ŷ = 0.5 and classes.
fn gauss_plane(width: u16, height: u16) -> String {
    let scenario = Scenario {
        dataset: Some("gauss".into()),
        noise: Some(0.2),
        model: Some("linear".into()),
        lr: Some(0.02),
        ..Default::default()
    };
    scenario_screen(scenario, 60, width, height)
}

#[test]
fn gauss_plane_80x24() {
    insta::assert_snapshot!(gauss_plane(80, 24));
}

#[test]
fn gauss_plane_200x60() {
    insta::assert_snapshot!(gauss_plane(200, 60));
}

#[test]
fn intro_80x24() {
    insta::assert_snapshot!(screen("intro", 3, 80, 24));
}

#[test]
fn intro_160x48() {
    insta::assert_snapshot!(screen("intro", 3, 160, 48));
}

#[test]
fn sigmoid_80x24() {
    insta::assert_snapshot!(screen("sigmoid", 50, 80, 24));
}

#[test]
fn sigmoid_160x48() {
    insta::assert_snapshot!(screen("sigmoid", 50, 160, 48));
}

#[test]
fn blowup_80x24() {
    insta::assert_snapshot!(screen("blowup", 1, 80, 24));
}

#[test]
fn blowup_160x48() {
    insta::assert_snapshot!(screen("blowup", 1, 160, 48));
}

#[test]
fn too_small_a_terminal_gets_a_message() {
    let theme = Theme {
        mode: ColorMode::Monochrome,
        light: false,
    };
    let app = app_for(Scenario::default());
    let area = Rect::new(0, 0, 40, 10);
    let mut buf = Buffer::empty(area);
    ui::draw(&app, &theme, area, &mut buf);
    let words = text(&buf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("needs a terminal of at least 60×16 (this one is 40×10)"),
        "{words}"
    );
}

#[test]
fn explain_phases_for_blowup_100x40() {
    for phase in 1..=4 {
        let presses = vec![Action::Explain; phase];
        insta::assert_snapshot!(
            format!("explain_blowup_phase_{phase}"),
            screen_after("blowup", 0, &presses, 100, 40)
        );
    }
}

/// The sweep's runs, computed here in order, as the worker would send them.
fn sweep_results(app: &App) -> Vec<Action> {
    let job = app.sweep().expect("a sweep is open").job.clone();
    job.lrs
        .iter()
        .enumerate()
        .map(|(index, &lr)| Action::SweepResult {
            id: job.id,
            index,
            row: sweep_row(&job.objective, &job.config, &job.start, job.max_steps, lr),
        })
        .collect()
}

#[test]
fn sweep_ravine_100x40() {
    let text = screen_then(
        "ravine",
        0,
        |app| {
            update(app, Action::ToggleSweep);
            for action in sweep_results(app) {
                update(app, action);
            }
            // Two grid points down from the one nearest η = 0.0095, which diverges.
            update(app, Action::SweepCursor(-1));
            update(app, Action::SweepCursor(-1));
        },
        100,
        40,
    );
    insta::assert_snapshot!(text);
}

#[test]
fn the_command_line_sits_on_the_bottom_row() {
    let typed: Vec<Action> = std::iter::once(Action::OpenCommandLine)
        .chain("lr 0.5".chars().map(Action::CommandInput))
        .collect();
    let text = screen_after("intro", 0, &typed, 80, 24);
    assert_eq!(
        text.lines().last().unwrap().trim_end(),
        ":lr 0.5▏  Enter runs · Tab completes · Esc cancels"
    );
}

#[test]
fn race_intro_100x40() {
    let text = screen_then(
        "intro",
        0,
        |app| {
            app.open_race(&downhill::engine::parse_race("gd,momentum,adam").unwrap())
                .unwrap();
            for _ in 0..15 {
                update(app, Action::Step);
            }
        },
        100,
        40,
    );
    insta::assert_snapshot!(text);
}

#[test]
fn every_key_and_symbol_of_the_help_is_reachable_at_80x24() {
    // The help scrolls: read it page by page (PgDn is a page on a terminal; here rows).
    let pages: Vec<String> = (0..12)
        .map(|k| {
            screen_after(
                "intro",
                0,
                &[Action::ToggleHelp, Action::ScrollText(k * 18)],
                80,
                24,
            )
        })
        .collect();
    let all = pages.concat();
    for downhill::app::Binding { keys, does, .. } in downhill::app::BINDINGS {
        let does = downhill::i18n::tr(does);
        for word in does.split_whitespace() {
            assert!(
                all.contains(word),
                "`{keys}`: `{word}` of `{does}` is never shown"
            );
        }
    }
    for word in [
        "overshoot",
        "contour",
        "legend",
        "mini-batch",
        "hinge",
        "diverged",
        "2/λmax",
    ] {
        assert!(all.contains(word), "`{word}` is never shown");
    }
    assert!(pages[0].contains("help — ? closes"), "{}", pages[0]);
    assert!(pages[0].contains("more ↓ PgDn"), "{}", pages[0]);
}

#[test]
fn help_80x24() {
    insta::assert_snapshot!(screen_after("intro", 0, &[Action::ToggleHelp], 80, 24));
}

#[test]
fn help_200x60() {
    let screen = screen_after("intro", 0, &[Action::ToggleHelp], 200, 60);
    assert!(
        !screen.contains("more ↓"),
        "all of it fits at 200×60:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}

/// `preset` after typing `command` and taking `steps` updates.
fn screen_commanded(preset: &str, command: &str, steps: usize, width: u16, height: u16) -> String {
    screen_then(
        preset,
        0,
        |app| {
            downhill::testing::command(app, command);
            for _ in 0..steps {
                update(app, Action::Step);
            }
        },
        width,
        height,
    )
}

/// `line`: b frozen, so the landscape is the parabola L(w) = 7.5·(1 − w)², with η near
/// 2/15 the point bouncing across its valley.
fn line_bouncing(width: u16, height: u16) -> String {
    screen_commanded("line", "lr 0.125", 5, width, height)
}

#[test]
fn line_curve_80x24() {
    insta::assert_snapshot!(line_bouncing(80, 24));
}

#[test]
fn line_curve_160x48() {
    insta::assert_snapshot!(line_bouncing(160, 48));
}

#[test]
fn ravine_zig_zag_80x24() {
    insta::assert_snapshot!(screen("ravine", 12, 80, 24));
}

#[test]
fn ravine_zig_zag_160x48() {
    insta::assert_snapshot!(screen("ravine", 12, 160, 48));
}

/// The classroom blowup: `intro` with η = 0.4, past η_crit ≈ 0.35, eight updates in.
fn intro_blowing_up(width: u16, height: u16) -> String {
    screen_commanded("intro", "lr 0.4", 8, width, height)
}

#[test]
fn intro_mid_blowup_80x24() {
    insta::assert_snapshot!(intro_blowing_up(80, 24));
}

#[test]
fn intro_mid_blowup_160x48() {
    insta::assert_snapshot!(intro_blowing_up(160, 48));
}

#[test]
fn wiggle_units_80x24() {
    insta::assert_snapshot!(screen("wiggle", 40, 80, 24));
}

#[test]
fn wiggle_units_160x48() {
    insta::assert_snapshot!(screen("wiggle", 40, 160, 48));
}

#[test]
fn intro_surface_80x24() {
    insta::assert_snapshot!(screen_after("intro", 5, &[Action::ToggleSurface], 80, 24));
}

#[test]
fn intro_surface_160x48() {
    insta::assert_snapshot!(screen_after("intro", 5, &[Action::ToggleSurface], 160, 48));
}

#[test]
fn intro_caption_scrolled_to_its_end_80x24() {
    // Without a terminal ScrollText counts rows; the view stops at the caption's end.
    let screen = screen_after("intro", 0, &[Action::ScrollText(99)], 80, 24);
    assert!(screen.contains("halve η."), "{screen}");
    assert!(screen.contains("↑ PgUp"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn blowup_why_after_the_step_80x24() {
    // After the step that blew up, e explains that step; PgDn reaches "why it blows up".
    let page = |rows: isize| {
        let mut actions = vec![Action::Explain; 4];
        actions.push(Action::ScrollText(rows));
        screen_after("blowup", 1, &actions, 80, 24)
    };
    let screen = (0..40)
        .map(page)
        .find(|s| s.contains("why it blows up"))
        .expect("the why is reachable by scrolling");
    assert!(
        screen.contains("explain 4/4: update") && screen.contains("↑ PgUp"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn relu_dead_unit_status_80x24() {
    let screen = screen_commanded("relu", "set w=0.2 b=-1", 1, 80, 24);
    assert!(
        screen.contains("stalled (dead units)") && !screen.contains('✓'),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

/// At 80 columns the landscape's title gives way word by word so that long axis names
/// (an mlp's `W1[1,2]`) are shown whole beside the |∇| label.
#[test]
fn long_axis_names_are_never_cut_in_the_landscape_title() {
    for width in [60, 80, 120] {
        let screen = screen_after("circle", 3, &[], width, 24);
        let title = screen.lines().nth(1).unwrap_or_default();
        assert!(title.contains("W1[1,1] × W1[1,2]"), "{width}: {title}");
        assert!(title.contains("|∇| = "), "{width}: {title}");
        // Nothing cut short before the label either (a lone "u" of "updating…").
        let before = title.split(" |∇|").next().unwrap_or_default();
        assert!(!before.ends_with(" u"), "{width}: {title}");
    }
}

/// `scaling` as its caption walks it: raw features blown up by the first update, then
/// standardised (`S` twice) and trained to convergence, the η line saying what changed.
fn scaling_before_after(width: u16, height: u16) -> (String, String) {
    let before = screen("scaling", 1, width, height);
    let after = screen_then(
        "scaling",
        0,
        |app| {
            update(app, Action::NextScale);
            update(app, Action::NextScale);
            for _ in 0..9 {
                update(app, Action::Step);
            }
        },
        width,
        height,
    );
    (before, after)
}

#[test]
fn scaling_before_after_80x24() {
    let (before, after) = scaling_before_after(80, 24);
    assert!(after.contains("κ 1.92e6 → 1.39"), "{after}");
    insta::assert_snapshot!("scaling_raw_80x24", before);
    insta::assert_snapshot!("scaling_standardised_80x24", after);
}

#[test]
fn scaling_before_after_160x48() {
    let (before, after) = scaling_before_after(160, 48);
    assert!(after.contains("on standardised x"), "{after}");
    insta::assert_snapshot!("scaling_raw_160x48", before);
    insta::assert_snapshot!("scaling_standardised_160x48", after);
}

/// `overfit` played to step 1500: the training and test losses as two lines, the lowest
/// test loss marked on both the history and the path.
fn overfit_two_lines(width: u16, height: u16) -> String {
    screen("overfit", 1500, width, height)
}

#[test]
fn overfit_two_lines_80x24() {
    let text = overfit_two_lines(80, 24);
    assert!(text.contains("loss 0.00658 · test 1.16 "), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn overfit_two_lines_160x48() {
    let text = overfit_two_lines(160, 48);
    assert!(
        text.contains("◆ lowest test 0.0599571 at step 612"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

/// `local-minima` with a race of gd, momentum and adam from (0, 0), 300 updates in, the
/// view fitted (`f`): Himmelblau's four minima marked, the racers in two of them.
fn himmelblau_race(width: u16, height: u16) -> String {
    screen_then(
        "local-minima",
        0,
        |app| {
            update(app, Action::ToggleRace);
            for _ in 0..300 {
                update(app, Action::Step);
            }
            update(app, Action::FitView);
        },
        width,
        height,
    )
}

#[test]
fn himmelblau_race_80x24() {
    let text = himmelblau_race(80, 24);
    assert!(text.contains("race gd vs momentum vs adam"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn himmelblau_race_160x48() {
    let text = himmelblau_race(160, 48);
    // Two minima under the racers at rest there, two marked, one in the caption's words.
    assert_eq!(text.matches('✕').count(), 3, "{text}");
    insta::assert_snapshot!(text);
}

/// Predict mode on `blowup`: the question before the first update, then its reveal.
fn predict_blowup(width: u16, height: u16) -> (String, String) {
    let asking = [Action::TogglePredict, Action::Step];
    let answered = [
        Action::TogglePredict,
        Action::Step,
        Action::AnswerInput('2'),
    ];
    (
        screen_after("blowup", 0, &asking, width, height),
        screen_after("blowup", 0, &answered, width, height),
    )
}

#[test]
fn predict_blowup_80x24() {
    let (asking, revealed) = predict_blowup(80, 24);
    assert!(
        asking.contains("the limit is hidden until you answer"),
        "{asking}"
    );
    assert!(
        !asking.contains("η_crit = 2/λmax"),
        "the limit would answer it: {asking}"
    );
    insta::assert_snapshot!("predict_blowup_asking_80x24", asking);
    assert!(
        revealed.contains("score 1/1") && revealed.contains("✓ right"),
        "{revealed}"
    );
    insta::assert_snapshot!("predict_blowup_revealed_80x24", revealed);
}

#[test]
fn predict_blowup_160x48() {
    let (asking, revealed) = predict_blowup(160, 48);
    insta::assert_snapshot!("predict_blowup_asking_160x48", asking);
    insta::assert_snapshot!("predict_blowup_revealed_160x48", revealed);
}

/// Each row of `buf` read as a terminal shows it: a wide character takes its cell and
/// the next, whose own symbol is hidden. Panics where a wide character is cut at the
/// screen's edge.
fn shown_rows(buf: &Buffer) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    (area.y..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut x = area.x;
            while x < area.right() {
                let symbol = buf[(x, y)].symbol();
                let width = symbol.width().max(1) as u16;
                assert!(
                    x + width <= area.right(),
                    "a glyph cut at the edge of row {y}"
                );
                row.push_str(symbol);
                x += width;
            }
            row
        })
        .collect()
}

#[test]
fn chinese_predict_screen_at_80x24_keeps_its_borders_and_glyphs_whole() {
    use downhill::i18n::{Lang, with_lang};
    use unicode_width::UnicodeWidthStr;
    let (w, h) = (80, 24);
    let theme = Theme {
        mode: ColorMode::Ansi16,
        light: false,
    };
    for actions in [
        vec![Action::TogglePredict, Action::Step],
        vec![
            Action::TogglePredict,
            Action::Step,
            Action::AnswerInput('2'),
        ],
    ] {
        let buf = with_lang(Lang::Zh, || {
            let mut app = lesson("blowup");
            for action in &actions {
                update(&mut app, action.clone());
            }
            let area = Rect::new(0, 0, w, h);
            deliver_screen_slice(&mut app, area, &theme);
            let mut buf = Buffer::empty(area);
            ui::draw(&app, &theme, area, &mut buf);
            buf
        });
        let rows = shown_rows(&buf);
        let text = rows.join("\n");
        for row in &rows {
            assert_eq!(
                row.width(),
                usize::from(w),
                "every row fills the screen: {row}"
            );
        }
        assert!(
            text.contains("第 0 步 · 第 0 回合") || text.contains("第 1 步 · 第 1 回合"),
            "{text}"
        );
        assert!(text.contains("预测 · 得分"), "{text}");
        // The side column's panels keep their right border on every row they span.
        let p = ui::layout::panels(Rect::new(0, 0, w, h)).unwrap();
        let right = p.fit.right() - 1;
        for y in p.fit.y..p.history.bottom() {
            let c = buf[(right, y)].symbol();
            assert!(
                ["│", "┐", "┘"].contains(&c),
                "row {y} ends in {c:?}:\n{text}"
            );
        }
        insta::assert_snapshot!(text);
    }
}

/// Row `y` of `buf` over columns `xs`, a wide character once (its second cell skipped).
fn inner_row(buf: &Buffer, y: u16, xs: std::ops::Range<u16>) -> String {
    let mut row = String::new();
    let mut covered = false;
    for x in xs {
        let symbol = buf[(x, y)].symbol();
        if !std::mem::take(&mut covered) {
            row.push_str(symbol);
            covered = unicode_width::UnicodeWidthStr::width(symbol) == 2;
        }
    }
    row
}

#[test]
fn the_chinese_help_shows_every_key_whole_at_80x24() {
    use downhill::i18n::{Lang, tr, with_lang};
    let (pages, descriptions) = with_lang(Lang::Zh, || {
        let pages: Vec<String> = (0..16)
            .map(|k| {
                let actions = [Action::ToggleHelp, Action::ScrollText(k * 18)];
                let mut app = lesson("intro");
                for action in &actions {
                    update(&mut app, action.clone());
                }
                let area = Rect::new(0, 0, 80, 24);
                let mut buf = Buffer::empty(area);
                ui::draw(
                    &app,
                    &Theme {
                        mode: ColorMode::Ansi16,
                        light: false,
                    },
                    area,
                    &mut buf,
                );
                // Every row is whole; then what lies inside the help's border, and its title.
                shown_rows(&buf);
                for y in 1..23 {
                    // A wide character left of the border would cover it.
                    let before = unicode_width::UnicodeWidthStr::width(buf[(1, y)].symbol());
                    assert!(before < 2, "row {y}: the help's left border is covered");
                }
                (1..23)
                    .map(|y| inner_row(&buf, y, 3..77))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        let descriptions: Vec<String> =
            downhill::app::BINDINGS.iter().map(|b| tr(b.does)).collect();
        (pages, descriptions)
    });
    // Wrapped text may break a description across rows: compare without the breaks.
    let all: String = pages
        .join("")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    for does in descriptions {
        let whole: String = does.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(all.contains(&whole), "`{does}` is never shown whole");
    }
    assert!(pages[0].contains("帮助 — ? 关闭"), "{}", pages[0]);
}

#[test]
fn the_chinese_lesson_menu_fits_80x24_with_its_borders_whole() {
    use downhill::i18n::{Lang, with_lang};
    use unicode_width::UnicodeWidthStr;
    let buf = with_lang(Lang::Zh, || {
        let mut app = lesson("intro");
        update(&mut app, Action::ToggleLessons);
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        let theme = Theme {
            mode: ColorMode::Ansi16,
            light: false,
        };
        ui::draw(&app, &theme, area, &mut buf);
        buf
    });
    let rows = shown_rows(&buf);
    let text = rows.join("\n");
    assert!(text.contains("课程 — ↑ ↓ 选择"), "{text}");
    assert!(text.contains("用普通梯度下降以安全的学习率"), "{text}");
    // Every row of the menu ends on its right border, in the same column.
    let menu: Vec<&String> = rows
        .iter()
        .filter(|r| r.contains("intro ") || r.contains("blowup "))
        .collect();
    let ends: Vec<usize> = menu
        .iter()
        .map(|r| r.trim_end().rfind('│').map(|i| r[..i].width()).unwrap_or(0))
        .collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn chinese_screens_keep_every_row_whole_at_every_size() {
    use downhill::i18n::{Lang, with_lang};
    use unicode_width::UnicodeWidthStr;
    let theme = Theme {
        mode: ColorMode::Ansi16,
        light: false,
    };
    for name in ["intro", "overfit", "local-minima", "ravine"] {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let buf = with_lang(Lang::Zh, || {
                let mut app = lesson(name);
                for _ in 0..3 {
                    update(&mut app, Action::Step);
                }
                let area = Rect::new(0, 0, w, h);
                deliver_screen_slice(&mut app, area, &theme);
                let mut buf = Buffer::empty(area);
                ui::draw(&app, &theme, area, &mut buf);
                buf
            });
            let rows = shown_rows(&buf);
            for row in &rows {
                assert_eq!(row.width(), usize::from(w), "{name} {w}x{h}: {row}");
            }
            // The side column's right border stands in the last column on every row.
            let p = ui::layout::panels(Rect::new(0, 0, w, h)).unwrap();
            for y in p.fit.y..p.history.bottom() {
                let c = buf[(w - 1, y)].symbol();
                assert!(
                    ["│", "┐", "┘"].contains(&c),
                    "{name} {w}x{h} row {y}: {c:?}\n{}",
                    rows.join("\n")
                );
            }
        }
    }
}

/// Every lesson's screen in Chinese at `w`×`h`, after three updates and then `then`, as
/// text: for each, the lesson's name and the words left in English.
fn english_left_on_chinese_screens(
    w: u16,
    h: u16,
    landscape: bool,
    then: impl Fn(&mut App),
) -> Vec<String> {
    use downhill::i18n::{Lang, with_lang};
    use downhill::testing::english_words;
    let theme = Theme {
        mode: ColorMode::Ansi16,
        light: false,
    };
    let mut found = Vec::new();
    for l in downhill::scenario::LESSONS {
        let screen = with_lang(Lang::Zh, || {
            let mut app = lesson(l.name);
            for _ in 0..3 {
                update(&mut app, Action::Step);
            }
            then(&mut app);
            let area = Rect::new(0, 0, w, h);
            if landscape {
                deliver_screen_slice(&mut app, area, &theme);
            }
            let mut buf = Buffer::empty(area);
            ui::draw(&app, &theme, area, &mut buf);
            text(&buf)
        });
        let left = english_words(&screen);
        if !left.is_empty() {
            found.push(format!("{} {w}x{h}: {left:?}\n{screen}", l.name));
        }
    }
    found
}

#[test]
fn chinese_screens_of_every_lesson_leave_no_english() {
    for (w, h) in [(80, 24), (200, 60)] {
        let found = english_left_on_chinese_screens(w, h, true, |_| {});
        assert!(found.is_empty(), "{}", found.join("\n\n"));
    }
}

#[test]
fn chinese_screens_in_every_mode_leave_no_english() {
    type Mode = (&'static str, fn(&mut App));
    let modes: [Mode; 15] = [
        ("scaling", |app| {
            update(app, Action::NextScale);
        }),
        ("reload", |app| {
            update(app, Action::Reload);
        }),
        ("a command being typed", |app| {
            update(app, Action::OpenCommandLine);
            update(app, Action::CommandInput('l'));
        }),
        ("a command refused", |app| {
            downhill::testing::command(app, "lr x")
        }),
        ("an unknown command", |app| {
            downhill::testing::command(app, "fly")
        }),
        ("a command done", |app| {
            downhill::testing::command(app, "freeze b")
        }),
        ("class and unit", |app| {
            update(app, Action::ToggleAddClass);
            update(app, Action::NextUnit);
        }),
        ("explain", |app| {
            for _ in 0..4 {
                update(app, Action::Explain);
            }
        }),
        ("predict", |app| {
            update(app, Action::TogglePredict);
            update(app, Action::Step);
        }),
        ("help", |app| {
            update(app, Action::ToggleHelp);
        }),
        ("lessons", |app| {
            // The caption, cut by the menu over it, would show pieces of words.
            update(app, Action::ToggleCaption);
            update(app, Action::ToggleLessons);
        }),
        ("race", |app| {
            let raced = app.open_race(&downhill::engine::parse_race("gd,adam").unwrap());
            // Every lesson races, on data or on a surface.
            assert!(raced.is_ok(), "{}: {raced:?}", app.setup().name);
            update(app, Action::Step);
        }),
        ("sharpness", |app| {
            update(app, Action::ToggleSharpness);
        }),
        ("test view", |app| {
            update(app, Action::ToggleTestView);
        }),
        ("surface", |app| {
            update(app, Action::ToggleSurface);
        }),
    ];
    // Each lesson's sweep trains forty-odd runs: three lessons show every word of it
    // (runs that converge, diverge and run out).
    let sweep: Mode = ("sweep", |app| {
        update(app, Action::ToggleSweep);
        let lesson = app.setup().name.clone();
        if ["intro", "blowup", "xor"].contains(&lesson.as_str()) {
            for action in sweep_results(app) {
                update(app, action);
            }
            assert!(app.sweep().unwrap().finished(), "{lesson}");
        }
    });
    for (mode, then) in modes.into_iter().chain([sweep]) {
        // The landscape's legend is read above; here its "computing" note stands in, so
        // that 24 lessons in 9 modes stay quick.
        let found = english_left_on_chinese_screens(120, 40, false, then);
        assert!(found.is_empty(), "{mode}: {}", found.join("\n\n"));
    }
}

#[test]
fn the_landscapes_chinese_legend_and_notes_are_whole() {
    use downhill::i18n::{Lang, with_lang};
    let theme = Theme {
        mode: ColorMode::Ansi16,
        light: false,
    };
    for (name, words) in [("intro", "箭头长度 ∝ log|∇|"), ("pca-plane", "路径为投影")]
    {
        let buf = with_lang(Lang::Zh, || {
            let mut app = lesson(name);
            update(&mut app, Action::Step);
            let area = Rect::new(0, 0, 200, 60);
            deliver_screen_slice(&mut app, area, &theme);
            let mut buf = Buffer::empty(area);
            ui::draw(&app, &theme, area, &mut buf);
            buf
        });
        let text = shown_rows(&buf).join("\n");
        assert!(text.contains(words), "{name}: no {words}\n{text}");
    }
}
