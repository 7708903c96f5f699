# The engine's refusals, in English: a name it does not know, a shape that does not fit,
# a value out of range. Every message here is in zh/errors.ftl too. Names, options and
# values are written as they are typed.

err-rows-mismatch = { $rows } feature rows but { $targets } targets
err-names-mismatch = { $columns } feature columns but { $names } feature names
err-no-rows = no data rows
err-no-features = no feature column besides the target `{ $target }`
err-too-large = the data has { $got } { $what }; downhill takes at most { $most }
err-not-finite = every value must be a finite number
err-constant-feature = feature `{ $feature }` has one value over { $rows ->
    [one] { $rows } row
   *[other] { $rows } rows
}: its standard deviation is 0, so it cannot be standardised (try --scale center)
err-test-columns = the test rows have feature columns { $test }, but the training rows have { $train }
err-test-fraction = a test fraction of { $fraction } of { $rows ->
    [one] { $rows } row
   *[other] { $rows } rows
} leaves { $test } for testing and { $train } for training; each needs at least 1
err-on-surface = `{ $surface }` is a surface, f(x, y) itself: it has no { $what }
err-unknown = unknown { $what } `{ $name }` (known: { $known })
err-units = model `{ $name }`: K must be a whole number from 1 to { $most }
err-layers = model `{ $name }`: { $reason }
err-one-feature = model `{ $name }` takes one feature column, but the data has { $features }
err-features = model `{ $model }` takes { $expected } feature column(s), but the data has { $got }
err-bce-model = loss `bce` needs model `logistic` or `mlp`, not `{ $model }`
err-bce-targets = loss `bce` needs targets 0 or 1, but data row { $row } has { $target } = { $value }
err-unknown-schedule = unknown schedule `{ $text }` (forms: { $forms })
err-schedule-count = `{ $text }`: `{ $part }` must be a whole number of updates ≥ 1
err-schedule-factor = `{ $text }`: FACTOR must be a positive finite number
err-listed-twice = `{ $kind }` is listed twice
err-too-few-racers = a race needs at least { $fewest } optimizers, e.g. gd,momentum,adam (got { $got })
err-too-many-racers = a race takes at most { $most } optimizers (got { $got })
err-shape = model `{ $model }` has { $params } parameters, got { $start } start values and { $frozen } freeze flags

## Why a value is out of range (after the option's name)
reason-positive = must be a positive finite number, got { $value }
reason-nonnegative = must be a finite number ≥ 0, got { $value }
reason-unit-interval = must be in [0, 1), got { $value }
reason-hidden-layers = at most { $most } hidden layers
reason-layer-width = layer width `{ $part }` is not a whole number ≥ 1
reason-too-many-params = { $count } parameters; downhill takes at most { $most } (as `linear` on its widest data)
reason-params-overflow = too many parameters; downhill takes at most { $most } (as `linear` on its widest data)
reason-condition = K must be a number from 1 to { $most }
reason-angle = ANGLE must be a number of degrees

## What the engine calls things
noun-feature-columns = feature columns
noun-rows = rows
noun-feature-values = feature values (rows × features)
noun-activation = activation
noun-loss = loss
noun-model = model
noun-optimizer = optimizer
noun-hyperparameter = hyperparameter
noun-scale = scale
noun-surface = surface
noun-model-to-change = model to change
noun-weights-to-penalise = weights to penalise
noun-loss-to-change = loss to change
noun-data-to-change = data to change
noun-features-to-scale = features to scale

## An option that does not fit the rest (after the option's name)
opt-theme = must be dark or light, got `{ $value }`
opt-synthetic-only = applies only to a synthetic --dataset
opt-target-data-only = applies only to --data or [points]; a synthetic --dataset's target is `y`
opt-n = must be from 1 to { $most }
opt-not-on-surface = does not apply to a --surface, which trains x and y on the function itself
opt-test-both = give --test-fraction or --test, not both
opt-test-fraction = must be a number from 0 (none) to below 1, got { $value }
opt-positive = must be a positive number, got { $value }
opt-at-least-one = must be at least 1
opt-at-most = must be at most { $most }, got { $value }
opt-param-twice = `{ $name }` is given twice
opt-param-finite = `{ $name }` must be a finite number, got { $value }
opt-plane-seed = a seed is a whole number ≥ 0, got `{ $value }`
opt-plane-params = `params:` takes two different parameter names, got `{ $value }`
opt-plane-forms = must be { $forms } or { $last }, got `{ $value }`

## Files read and written
file-exists = { $path } already exists; choose another name
file-not-a-name = { $path } is not a file name
file-cannot-write = cannot write { $path }: { $why }
file-cannot-write-scenario = cannot write the scenario: { $why }
saved-no-test-rows = the test rows are not written: the file trains on the training rows alone
saved-eta-changed = η changed during this run: the file uses the current η
saved-rescaled = points were added or removed after the scaling was taken: the file scales all its rows afresh, so its run differs
saved-past-convergence = the run went on past convergence: the file sets tolerance = 0 to replay it

## A range of learning rates to sweep
sweep-reversed = --lr-min ({ $min }) must not exceed --lr-max ({ $max })
sweep-points = must be from 1 to { $most }, got { $value }
sweep-one-point = --points 1 tries one learning rate: give --lr-min equal to --lr-max
file-cannot-read = cannot read { $path }: { $why }
file-not-regular = { $kind }, not a regular file
file-kind-fifo = a FIFO (named pipe)
file-kind-device = a device
file-kind-socket = a socket
file-kind-folder = a folder
file-kind-other = not a file
file-bytes = { $count } bytes
file-too-large = larger than { $size }, the most { $what } may hold
file-csv = a CSV file
file-scenario = a scenario file

## CSV data
csv-empty = { $file }: file is empty; expected a header row naming the columns
csv-fields = { $file }:{ $line }: expected { $expected } fields (as in the header), found { $found }
csv-no-rows = { $file }: the header is there but there are no data rows
csv-empty-cell = { $at }: empty cell in column `{ $column }`
csv-not-number = { $at }: cell in column `{ $column }` is not a number: { $cell }
csv-not-finite = { $at }: cell in column `{ $column }` is not a finite number: { $cell }
csv-header-utf8 = { $file }:{ $line }:{ $column }: header name of column { $column } is not valid UTF-8
csv-blank-name = column { $column } has a blank name
csv-duplicate = duplicate column name `{ $name }` (also column { $first })
csv-no-target-no-columns = no target column `{ $target }`; there are no columns
csv-no-target = no target column `{ $target }`; the columns are { $listed }
csv-only-target = the target `{ $target }` is the only column; need at least one feature column besides it

## Other refusals
file-not-utf8 = cannot read { $path }: not UTF-8 text (byte { $byte })
file-no-screen = no screen was drawn to write
tui-not-a-terminal = standard output is not a terminal, so the interactive view cannot start; `downhill run` prints the same training as a table
screenshot-too-small = --size { $size }: too small for the view's panels
dataset-overflow = too large for dataset `{ $dataset }`: its targets overflow to infinity
dataset-unknown = unknown dataset { $name }; known datasets: { $known }
dataset-n-zero = dataset `{ $name }`: n must be at least 1, got 0
dataset-n-most = dataset `{ $name }`: n must be at most { $most }, got { $value }
dataset-noise = dataset `{ $name }`: noise must be a finite number >= 0, got { $value }
quiz-no-param = question param `{ $name }` is not a parameter ({ $names })
quiz-value-param = a `value` question names its `param`
quiz-takes-no-param = a `{ $kind }` question takes no `param`
quiz-unknown = unknown question `{ $kind }` (known: value, loss, diverge, arrow, eta-crit)
quiz-tolerance = a tolerance is a positive number, for `value` and `eta-crit` only
plot-format = --out { $path }: a figure is written as .svg, .png or .gif
plot-size = --size { $size }: expected WIDTHxHEIGHT in pixels, each { $least }…{ $most }
plot-fit-on-surface = --panel fit: a surface has no data to fit (use landscape, loss or all)
plot-frames = --every { $every }: { $frames } frames, more than { $most }; ask for a larger --every
opt-no-data = no data: give --data FILE.csv, --dataset NAME or --preset NAME
