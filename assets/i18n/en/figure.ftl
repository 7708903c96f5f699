# The words inside `downhill plot`'s figures, in English. Every message here is in
# zh/figure.ftl too; the Chinese characters there are the ones the figures' font carries
# (assets/fonts/make-zh-font.sh makes it from them).

fig-caption-heat = loss landscape (colour: log₁₀ L; arrow: −∇L)
fig-caption-curve = loss along the one free parameter (arrow: −∇L)
fig-loss-signed = loss (signed log scale)
fig-loss-log = loss (log scale)
fig-step = step
fig-training-rows = training rows
fig-test-rows = test rows
fig-lowest-test = lowest test loss, step { $step }
fig-diverged-at = diverged at step { $step }
fig-fit-curve = fit: ŷ now (solid), at the start (dashed)
fig-fit-plane = fit: predicted against actual (dashed: equal)
fig-predicted = predicted
fig-actual = actual { $target }
fig-title-step = { $heading }, step { $step }
fig-title-end = { $heading }, { $step } { $step ->
    [one] update
   *[other] updates
}, { $outcome ->
    [converged] converged
    [stalled] stalled
    [diverged] diverged
   *[other] still moving
}
fig-random-1 = random direction 1 (seed { $seed })
fig-random-2 = random direction 2
fig-pc1 = PC1 ({ $share }% of the path's variance with PC2)
