# Explain mode's words, in English. Every message here is in zh/explain.ftl too.
# The formulas are the README's and come in as arguments, or stand in the text as they are
# written there (∂L/∂θ, η·|∇L|, …): they read the same in every language.

## The titles of the four phases
ex-title-forward = forward: the predictions at step { $step }
ex-title-loss = loss: how far the predictions are from y at step { $step }
ex-title-backward = backward: the gradient ∇L by the chain rule
ex-title-update = update: from step { $step } to step { $next }
ex-title-surface-forward = forward: f at the point, step { $step }
ex-title-surface-loss = loss: L = f, step { $step }
ex-title-surface-backward = backward: the gradient ∇L = ∇f, differentiated by hand
ex-nothing = nothing to explain: model `{ $model }` has { $n } parameters, but got { $len } { $what }
ex-what-params = parameter values
ex-what-grad = gradient entries
ex-what-frozen = freeze flags
ex-what-optimizer = optimizer entries

## What every phase shares
ex-row = row { $row }: { $text }
ex-more-rows = … and { $count } more { $count ->
    [one] row
   *[other] rows
}
ex-batch-note = (explained on all { $n } rows, a full-batch update; training uses mini-batches of { $batch } rows, so its own next update uses only those rows' gradient)
ex-frozen-unused = {" "}(frozen: not used)

## The forward phase
ex-at = at { $values }
ex-more-features = … ({ $n } features)
ex-neuron-model = { $model }: ŷ = c·{ $act } with z = w·x + b{ $sigma }
ex-logistic-model = logistic: p = σ(z) with z = { $symbols }, σ(z) = 1/(1 + e^−z): the probability that y = 1
ex-surface-model = { $surface }: L = f(x, y), no data
ex-mlp-model = { $model }: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ with a⁽⁰⁾ = x, a⁽ˡ⁾ = { $act } for the { $hidden } hidden layer(s), { $output }
ex-mlp-probability = p = σ(z⁽ᴸ⁾): the probability that y = 1
ex-sum-model = { $model }: ŷ = b0 + Σ c_k·{ $act } with z_k = w_k·x + b_k, over { $units } { $units ->
    [one] unit
   *[other] units
}
ex-mlp-row = { $xs } → forward through { $layers } layer(s) → { $out } = { $value }
ex-surface-row = { $surface }: no rows, L = f(x, y)
ex-layer-by-layer = row 1, layer by layer, from a⁽⁰⁾ = x = { $x }:
ex-more-units = … ({ $n } units)

## The loss phase
ex-bce-intro = bce: L = { $formula }: the mean of −ln(the probability p gives the true class)
ex-loss-intro = { $loss }: L = { $formula } with the residual r = y − ŷ
ex-mean-over = {" "}(the mean over all { $n } rows)
ex-penalty-total = L = { $formula }{ $terms } = { $data } + { $penalty } = { $total }{ $over }, the penalty over the { $count } { $count ->
    [one] weight
   *[other] weights
} (not the biases)
ex-bce-softplus = (each term is computed from z as softplus(z) − y·z, so ln never sees 0)
ex-loss-overflow = L is not finite: the numbers have overflowed

## The backward phase
ex-delta-bce = the error term of each row, on the logit: δ = dl/dz = p − y (before the mean)
ex-delta = the error term of each row: δ = dl/dŷ = { $formula } (before the mean)
ex-chain = then the chain rule, one parameter at a time: ∂L/∂θ = mean(δ·∂{ $by }/∂θ)
ex-where = where { $formula }
ex-where-relu = where relu'(z) = 1 if z > 0, else 0
ex-more-terms = … { $n } more
ex-free = {" "}(over the free parameters)
ex-frozen-list = frozen: { $names } (their gradient is computed but never used)
ex-all-frozen = every parameter is frozen: no update will move θ
ex-stationary = ∇L = 0: θ is a stationary point, so plain gd will not move it
ex-arrow = the arrow on the landscape points along −∇L, the way gd steps
ex-grad-overflow = ∇L is not finite: the numbers have overflowed
ex-backprop = row 1, backpropagated: { $delta }
ex-unit = unit { $i } of layer { $l }: { $terms }
ex-more-weights = … ({ $n } weights)

## The update phase
ex-stopped = training has stopped: this state diverged. This is the update it would take:
ex-scheduled = η = { $lr } ({ $schedule } from the base η = { $base }, update { $update })
ex-stays = { $name } stays { $value } (frozen)
ex-new-loss = new loss L = { $loss }, { $change }
ex-up-from = up from { $loss }
ex-down-from = down from { $loss }
ex-unchanged = unchanged
ex-not-finite-was = not finite (it was { $loss })
ex-past-bound = that is past the divergence bound { $factor } × max(L0, 1) = { $bound }: training stops as diverged
ex-not-finite-stops = that is not finite: training stops as diverged
ex-rule-momentum = momentum: v ← μ·v + g, θ ← θ − Δ with Δ = η·v; μ = { $mu }
ex-rule-nesterov = nesterov: v ← μ·v + g, θ ← θ − Δ with Δ = η·(g + μ·v); μ = { $mu }
ex-rule-adagrad = adagrad: G ← G + g², θ ← θ − Δ with Δ = η·g/(√G + ε); ε = { $eps }
ex-rule-rmsprop = rmsprop: s ← α·s + (1−α)·g², θ ← θ − Δ with Δ = η·g/(√s + ε); α = { $alpha }, ε = { $eps }
ex-rule-adam = adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − Δ with Δ = η·m̂/(√v̂ + ε), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t); β1 = { $beta1 }, β2 = { $beta2 }, ε = { $eps }, t = { $t }
ex-rule-adamw = adamw: θ ← θ·(1 − η·λ), then adam's step: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − η·m̂/(√v̂ + ε); λ = { $lambda }, β1 = { $beta1 }, β2 = { $beta2 }, ε = { $eps }, t = { $t }

## Why the loss climbed
ex-why-heading = why it blows up:
ex-overflowed = |∇L| = { $norm }: the numbers have already overflowed, so there is no step length left to compare
ex-zero-grad-gd = ∇L = 0 here, so gd does not move: the loss changed only by rounding
ex-zero-grad-memory = ∇L = 0 here: the { $optimizer } step comes from its memory of earlier gradients
ex-no-curve = κ ≤ 0 (or not finite): L does not curve up along −∇L here, so the curvature gives no limit on η; the climb comes from further along the step
ex-kappa-exact = exact, since L is quadratic in θ: κ = ĝᵀHĝ with ĝ = ∇L/|∇L|
ex-kappa-numeric = from ∇L on either side: κ = (∇L(θ + εĝ) − ∇L(θ − εĝ))·ĝ/(2ε), ĝ = ∇L/|∇L|, ε = { $eps }
ex-curvature = the curvature of L along −∇L is κ = { $kappa } ({ $how })
ex-local = {" "}(as long as the curvature stays near κ)
ex-gd-step = the step moves η·|∇L| = { $step }, but the lowest point along −∇L is only |∇L|/κ = { $best } away (η* = 1/κ = { $star })
ex-above-twice = η is { $times }× η*; any η above 2η* = { $twice } lands higher than it started{ $local }
ex-below-twice = η = { $lr } is below 2η* = { $twice }, so the step does not overshoot by this measure: the curvature changes over the step
ex-other-step = the { $optimizer } step moves |Δθ| = { $step }, but the lowest point along −∇L is only |∇L|/κ = { $best } away: the step is { $times }× that
ex-for-plain-gd = (for plain gd, η* = 1/κ = { $star }, and any η above 2η* = { $twice } lands higher than it started{ $local })

## On a surface
ex-surface-no-data = { $surface } has no data: f is evaluated at the point itself.
ex-surface-value = at { $point }: f = { $f }
ex-surface-loss = no rows and no residuals: the loss is f itself.
ex-surface-grad = ∂L/∂θ = ∂f/∂θ, at { $point }:
ex-hessian = H = { $h }, the same everywhere
