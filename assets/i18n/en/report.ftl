# What `downhill run` prints besides the numbers, and its grading of answers, in English.
# Every message here is in zh/report.ftl too.

## The line under `downhill run`'s table
run-summary = { $name }: { $outcome } after { $steps } { $steps ->
    [one] step
   *[other] steps
}, final loss { $loss } (start { $start }), η = { $lr }, { $limit }{ $scaled }
run-at-start = at the start { $limit }
run-scaled = ; { $scale } x: { $conditioning }

## Grading answers (`downhill run --answers FILE.csv`)
grade-header = { $path }: the header must be `question,answer`
grade-no-such-question = { $path }:{ $line }: question `{ $question }` is not one of 1…{ $count }
grade-twice = { $path }:{ $line }: question { $question } is answered twice
grade-not-as-written = the questions of { $name } were written for its own set-up; an option over it (model, loss, optimizer, η, data, …) changes their answers
grade-question = question { $number } (before update { $update }): { $text }
grade-score = score { $right }/{ $total }
grade-not-asked = not asked: the run stopped at step { $step }
grade-unchecked = no answer can be checked here: { $why }
grade-no-answer = no answer → wrong; { $detail }
grade-answered = answered { $said } → { $mark }; the answer is { $truth }; { $detail }
grade-unreadable = answered `{ $said }`, which cannot be read ({ $why }) → wrong; { $detail }
grade-right = right
grade-wrong = wrong
