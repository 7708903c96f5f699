# downhill's words on the screen, in English. Every message here is in zh/screen.ftl too (a test checks).
# Numbers and formulas come in as arguments, already formatted.

## The status lines
status-step = step { $step } · epoch { $epoch }
status-loss = loss { $loss }
status-diverged = DIVERGED
status-converged = ✓ converged
status-stalled = stalled ({ $why })
status-judging = … judging (within the tolerance)
status-playing = ▶ playing { $speed }/s
status-paused = ‖ paused ({ $speed }/s)
status-frozen-mark = (frozen)
race-running = running
race-converged = converged at { $step }
race-stalled = stalled at { $step }
race-diverged = DIVERGED at { $step }
rate-computing = limit being computed
rate-unknown = limit unknown
rate-none = no limit
rate-past = past the limit
rate-near = near the limit
rate-safe = safe
rate-for-gd = { $verdict } for plain gd
rate-lambda-computing = λmax: computing…
rate-hidden = the limit is hidden until you answer
rule-batch = batch { $size } of { $rows }
update-first = { $key } takes one update: { $rule }
update-rule-other = { $optimizer }'s step from ∇L
update-frozen = { $name } is frozen at { $value }

## The banner over a blowup
banner-diverged-full = DIVERGED at step { $step } — η = { $lr }, loss { $loss }
banner-diverged-loss = DIVERGED at step { $step } — loss { $loss }
banner-diverged = DIVERGED at step { $step }
banner-rewind-full = press { $key }: rewind to before the climb, halve η
banner-rewind = { $key }: rewind, halve η

## Predict mode
predict-title = predict · score { $right }/{ $asked }
predict-leaves = g leaves
predict-waiting = Space asks about the next update; answer, and it is taken. g leaves predict mode.
predict-your-answer = your answer: { $typed }▏ (Enter)
predict-press = press { $choices }
predict-skip = Esc skips the question, taking no update
predict-right = ✓ right: you said { $said }
predict-wrong = ✗ wrong: you said { $said }
predict-truth = the answer: { $truth }
predict-next = ({ $question }) Space: the next question
predict-hints = type the answer · { $submit } answers · { $delete } deletes · { $skip } skips
predict-on = predict mode: { $key } asks about the next update, and takes it once you answer
predict-no-play = predict mode takes one update per answer: { $key } leaves it
predict-no-question = no question here: { $why }

## The questions
ask-value = Where will { $name } be after this update?
ask-loss = Will the loss go up or down in this update?
ask-diverge = Will training at this η blow up?
ask-arrow = Which way does the arrow −∇L point on the landscape?
ask-eta-crit = What is η_crit = 2/λmax here?
choice-down = down
choice-up = up
choice-no = no
choice-yes = yes
choice-ne = ↗ right and up
choice-nw = ↖ left and up
choice-sw = ↙ left and down
choice-se = ↘ right and down
within = { $value } (right within ±{ $tolerance })
reveal-value = { $name } = { $after } after the update (from { $before }, a step of { $step })
reveal-loss = L goes from { $before } to { $after }
reveal-blows-up = it blows up at step { $step } (L = { $loss })
reveal-converges = it converges at step { $step } (L = { $loss })
reveal-stalls = it stalls at step { $step } (L = { $loss })
reveal-still = it has not blown up by step { $step } (L = { $loss })
reveal-arrow = −∇L has { $a } along { $x } and { $b } along { $y }
reveal-eta-exact = η_crit = 2/λmax = { $eta } (λmax = { $lambda })
reveal-eta-local = here 2/λmax = { $eta } (λmax = { $lambda })
axis-horizontal = the horizontal direction
axis-vertical = the vertical direction
answer-not-number = `{ $text }` is not a number: type one, e.g. 0.25 or 2/15
answer-choose = answer with a number: { $choices }
no-next-update = the run has blown up: there is no next update
no-arrow = the landscape shows no arrow here
no-eta-crit = λmax is not positive here: there is no η_crit

## The hint line
hint-step = Space step
hint-play = p play
hint-lr = + - η
hint-command = : command
hint-export = x export
hint-help = ? help
hint-quit = q quit
hint-race = c end the race
hint-rewind = u rewind & halve η
hint-reset = r reset
hint-back = Backspace step back

## The lesson caption
caption-title = lesson: { $name }
caption-untranslated = lesson: { $name } (in English: no translation yet)
caption-hides = i hides
caption-other-setup = Written for the lesson's own set-up, not this one (R reloads it):

## The help: what each key does
help-step = one update
help-back = step back one update, exactly
help-play = play / pause
help-speed = play faster / slower
help-lr-double = η × 2 / η ÷ 2
help-lr-fine = η × 1.25 / η ÷ 1.25
help-rewind = after a blowup: rewind to before the climb, halve η until it no longer climbs
help-reset = reset to the start
help-switch = next optimizer / model / loss
help-race = optimizer race: gd, momentum, adam from here; c ends it
help-lessons-next = next lesson, previous lesson
help-scroll = scroll the help, the lesson's caption or the explanation
help-lesson-menu = lesson menu: ↑ ↓ choose, Enter opens, Esc closes
help-reload = reload the lesson as it was opened
help-axes = next pair of axis parameters (new random directions; PCA of the path now)
help-plane = landscape plane: two parameters / random directions / PCA of the path
help-test-view = landscape of the test loss / the training loss (with a test set)
help-condition = on --surface quadratic:K: condition number κ 1 → 10 → 100 → 1000, from the start
help-scaling = feature scaling: raw / centred / standardised, trained again from the start
help-pan = pan the landscape
help-zoom = zoom in / out
help-fit-view = fit the view to the trail and minimiser, and follow
help-3d = 3-D view of the landscape (arrows turn it) / flat
help-lock = lock the view where it is / follow the descent
help-click = on the landscape: restart there; on the fit: add a point
help-right-click = on the fit: remove the nearest point
help-class = the class a click adds on two-feature data: 1 / 0
help-explain = explain one update: forward, loss, backward, update
help-next-unit = explain mode on a network: work out the next unit (layer by layer)
help-sweep = learning-rate sweep: ← → pick an η, Enter sets it
help-caption = show / hide the lesson's caption
help-sharpness = history panel: loss, or sharpness λmax against 2/η
help-command = command line: set a value exactly (lr, set, steps, momentum, batch, schedule, freeze, save, load, …); Tab lists every command
help-export = export the trajectory to a new CSV file
help-predict = predict mode: Space asks about the next update first (type the answer, Enter), then takes it and shows the truth; r starts the score again
help-screen = write the screen as it is to a new SVG file, colours and all (for slides)
help-help = this help
help-esc = close the help, the lesson menu, explain mode or the sweep (never quits)
help-quit = quit
help-keys = keys
help-on-screen = on screen
help-title = help — { $key } closes · PgUp PgDn scroll

## The help: what each symbol means
sym-marker = the current parameters (a race gives each racer its own shape)
sym-start = where the run started
sym-path = the path taken, one line between successive updates; the last few brighter
sym-arrow = −∇L, the way downhill; its length grows with log |∇L| (1e-3 to 1e4)
sym-ghost = where the next update will land; red when it goes past the lowest point along −∇L (an overshoot)
sym-minimum = the exact minimum of the slice drawn (quadratic losses)
sym-global-minimum = the exact minimum over every parameter, where it is not the slice's
sym-contours = contour lines: the loss is the same all along one
sym-legend = the legend: each colour (or shade) and the lowest loss it stands for
sym-data = a data row, in the fit panel
sym-test = a held-out test row in the fit panel; in the loss history, the test loss now
sym-lowest-test = where the test loss was lowest (early stopping), on the path and in the loss history
sym-batch = a row of the next mini-batch, or one the explanation spells out
sym-classes = in the fit over two features: class 1, class 0, a point on the wrong side, a held-out test row, the boundary at 0.5
sym-hinge = where a unit of sigmoids:K or relus:K turns: its centre or hinge, −b/w
sym-spike = in the loss history: a loss too large to draw, where the run blew up
sym-lr-change = in the loss history: where η was changed, and to what
sym-sweep-current = in the sweep: the current η
sym-sweep-diverged = in the sweep: an η whose run diverged
sym-sweep-limit = in the sweep: the limit 2/λmax

## The landscape panel's title
view-locked = locked ({ $key } follows)
title-overshoots-full = next step overshoots
title-overshoots = overshoots
title-curve = loss curve: L({ $param })
title-surface = loss surface
title-surface-short = surface
title-surface-turn = loss surface: { $plane } · arrows turn
title-test = test loss landscape
title-test-short = test loss
title-test-shortest = test
title-landscape = loss landscape
title-landscape-short = landscape
computing-landscape = computing landscape…

## The loss history panel
history-loss = loss
history-test = test { $value }
history-log = (log scale)
history-signed-log = (signed log scale)
history-converged = converged
history-stalled-why = stalled: { $why }
history-stalled = stalled
lowest-full = lowest test { $value } at step { $step }
lowest-step = lowest test at step { $step }
lowest-short = lowest at { $step }

## The title bar
title-race = race { $names }
title-changed = (changed)
title-rows = { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
title-test-rows = { $count } test
stall-dead-units = dead units
stall-flat = flat
stall-saddle = saddle

## Notices on the bottom line
notice-judging = judging where the point rests (its Hessian is being computed)…
notice-diverged-step = diverged: press { $rewind } to rewind and halve η, or { $reset } to reset
notice-diverged-play = diverged: press { $rewind } to rewind, or { $reset } to reset
notice-at-start = already at the start
notice-no-racer = no racer can move: each came to rest or diverged; { $key } still steps
notice-stalled = stalled ({ $why }); { $key } still steps
notice-converged = converged (|∇| within the tolerance); { $key } still steps
notice-done = done: at step { $step }
notice-done-stopped = done: at step { $step }, where the run stopped
notice-eta-limit = η cannot go further
notice-nothing-to-rewind = { $rewind } rewinds after a blowup; use { $back } to step back
notice-start-diverged = the start itself diverged: nothing to rewind; change the start or the data
notice-rewound = { $times ->
    [1] rewound; η halved once to { $lr }: the next update no longer climbs
   *[other] rewound; η halved { $times } times to { $lr }: the next update no longer climbs
}
no-finite-next = the update throws the parameters past any finite value
predict-diverged = the run has blown up: { $key } rewinds it, and then Space asks again
predict-not-taken = the update was not taken, so the answer does not count: Space asks again
notice-nothing-to-close = nothing to close: { $key } quits
notice-explained-blowup = that was the update that blew up: press { $key } to rewind and halve η
notice-no-caption = this scenario has no caption
notice-race-over = race over: kept { $kept }'s run
notice-racing = racing { $names } from here; { $key } ends the race
notice-loading = loading { $path }… ({ $key } stops it)
notice-load-stopped = stopped loading { $path }: nothing changed
notice-wrote = wrote { $path }
notice-wrote-note = wrote { $path } ({ $note })
notice-k-only-quadratic = K changes the condition number of --surface quadratic:K
notice-condition = κ = { $kappa }: { $limit }; from the start
notice-cannot-sweep = cannot sweep: { $why }
notice-sweep-stopped = the sweep stopped: { $why }
notice-curve-is-all = one free parameter: the curve is the whole landscape
note-screen-svg = the screen as SVG

lessons-title = lessons — ↑ ↓ choose · Enter opens · Esc closes
fit-title = fit
fit-predicted-vs-actual = fit: predicted vs actual
slice-at = at
slice-more = +{ $count } more

## Replies of the command line
told-restarted = restarted from { $at }
told-taking = { $count ->
    [1] taking 1 update
   *[other] taking { $count } updates
}
count-weights = { $count ->
    [one] { $count } weight
   *[other] { $count } weights
}
told-seed = seed { $seed }: mini-batches reshuffled from the current point
told-penalty = { $name } = { $value } on the { $weights } (not the biases), from the current point
told-hyperparameter = { $name } = { $value } ({ $uses }), from the current point
told-schedule = schedule { $schedule }, from the current point
told-full-batch = full batch: every update uses every row
told-mini-batch = mini-batches of { $size } rows, from the current point
told-tolerance = tolerance { $value }, from the current point

## Explain mode's title
explain-title = explain { $n }/4: { $phase }
explain-next-close = { $next } next · { $close } close
explain-next = { $next } next
phase-forward = forward
phase-loss = loss
phase-backward = backward
phase-update = update
predict-choice = { $n } { $choice }

## Planes, scrolling and limits
plane-random-waiting = random directions until the path has 3 points
plane-random-waiting-short = random plane (PCA after 3 steps)
plane-random = random plane
plane-random-seed = random directions (seed { $seed })
plane-random-seed-short = random plane, seed { $seed }
plane-pca-steps = PCA plane of steps { $from }–{ $to }, { $percent } of variance
plane-pca-variance = PCA plane, { $percent } of variance
plane-pca = PCA plane, { $percent }
plane-plane = plane
scroll-more = more ↓ { $key }
limit-exact-unknown = η_crit unknown (λmax is not finite)
limit-local-unknown = local limit unknown (sharpness not finite)
limit-none-here = no limit here: the loss curves down every way (λmax = { $lambda })
limit-no-curvature = no curvature (λmax = 0)
limit-no-curvature-here = no curvature here (sharpness 0)
limit-local = local 2/λmax = { $eta } (sharpness { $sharpness })
history-step = step

## Feature scaling
notice-scaled = features { $done }; trained again from the start
notice-scaled-effect = features { $done }: { $effect }; trained again from the start
scale-raw = raw
scale-center = centred
scale-standardize = standardised
fit-on-scaled = on { $done } x
sharpness-at-start = sharpness at the start { $before } → { $after }

## The surface panel and the sharpness view
surface-no-minimum = no minimum: it falls away for ever
surface-minimum = minimum f = 0 at { $at }
surface-minima = { $count } minima, each f = 0: { $at }
surface-nearest = nearest:
surface-away = , { $distance } away
surface-title = { $surface }: no data, L = f(x, y)
sharpness-none-yet = no λmax yet: take a step
sharpness-local = local λmax
sharpness-back = s: loss

## Legends and notes on the plots
legend-arrow = arrow ∝ log|∇|
legend-projected = path projected
legend-subsampled = (from { $used } of { $total } rows)
legend-wrong = wrong
legend-y-from = y from
legend-to = to
curve-tangent-long = tangent: slope ∂L/∂{ $name } = { $slope }
curve-next-long = next step
curve-tangent = tangent ∂L/∂{ $name } = { $slope }
curve-next = next
fit-every-row = (every { NUMBER($n, type: "ordinal") ->
    [one] { $n }st
    [two] { $n }nd
    [few] { $n }rd
   *[other] { $n }th
} row)
race-vs = vs

## Keys the help names in words
key-arrows = arrows
key-click = click
key-right-click = right click

## The η sweep panel
sweep-title-long = η sweep · { $left } { $right } pick · { $pick } set η · { $close } close
sweep-title-short = η sweep · { $left } { $right } { $pick }
sweep-hint = { $left } { $right } pick · { $pick } set η · { $close }/{ $esc } close
sweep-runs = { $done }/{ $total } runs
sweep-head = { $count } η from step { $step } · ≤ { $most } updates each
sweep-diverged = diverged
sweep-best = best { $loss } at η { $lr }
sweep-cursor = η = { $lr } · final loss { $loss }
sweep-outcome = { $outcome } after { $steps } updates
sweep-running = running…
sweep-axis = η (log)
outcome = { $outcome ->
    [converged] converged
    [stalled] stalled
    [diverged] diverged
   *[other] max_steps
}
notice-picked-rate = η = { $lr }: in the sweep, final loss { $loss } ({ $outcome })

## Notices of switches and edits
notice-racing-optimizer = racing: each racer keeps its optimizer; press { $key } to end the race first
notice-reloaded = reloaded { $name } as it was opened
notice-loaded = loaded { $count ->
    [one] { $count } row
   *[other] { $count } rows
} from { $path }
notice-loaded-all-train = loaded { $count ->
    [one] { $count } row
   *[other] { $count } rows
} from { $path } (no test set: all of them train)
notice-added-point = added the point ({ $x }, { $y })
notice-removed-point = removed the point ({ $x }, { $y })
notice-added-class-point = added a point of class { $class } at ({ $x1 }, { $x2 })
notice-removed-class-point = removed the point ({ $x1 }, { $x2 }) of target { $y }
notice-last-point = the last point stays: a fit needs data
notice-adds-class = a click on the fit adds class { $class } ({ $glyph })
notice-points-one-feature = points can be added and removed here on one-feature data
notice-points-two-features = points can be added and removed here on two-feature data
notice-no-test-set = no test set: --test-fraction F or --test FILE.csv holds rows out
notice-shows-test-loss = the landscape shows the test loss: the rows training never sees
notice-shows-training-loss = the landscape shows the training loss
notice-no-units = { $key } chooses which unit of an mlp explain mode works out; this model has no layers
notice-unit = explain mode works out unit { $index } of layer { $layer }
notice-unit-closed = explain mode works out unit { $index } of layer { $layer } ({ $key } opens it)
notice-random-needs-two = random directions need two free parameters to span a plane

## A terminal too small for the view
too-small = downhill needs a terminal of at least { $least } (this one is { $size })
