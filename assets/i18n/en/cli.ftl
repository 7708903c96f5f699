# The command line's help, in English: each subcommand's summary, each option's help and
# what each of its values means. Every message here is in zh/cli.ftl too. A test checks that
# this English is what the options' own documentation says, so the two never drift apart.

## What each subcommand does
cli-about = Watch gradient descent walk down a loss landscape, one exact update at a time
cli-about-tui = Open the interactive view (the same as giving no subcommand)
cli-about-run = Train and print one row per state (row 0 is the start)
cli-about-sweep = Train from the same start at learning rates spaced evenly in log scale
cli-about-presets = List the built-in lessons, or print one as a scenario file
cli-about-plot = Draw the run as a figure for slides: SVG, PNG, or an animated GIF of the descent
cli-about-screenshot = Write the interactive view's screen after the run's updates as SVG, drawn from the program's own screen buffer, colours and all (key X does it in the view)
cli-about-completions = Print a completion script for a shell, made from these very options
cli-about-manpage = Print the manual page downhill(1) (roff), made from these very options
cli-about-help = Print this message or the help of the given subcommand(s)

## What each option does
cli-opt-scenario = Read options from a scenario TOML file (keys spelled like the options)
cli-opt-preset = Start from a built-in lesson (see `downhill presets`)
cli-opt-data = Read rows from a CSV file with a header row
cli-opt-target = Name of the target column in --data or [points] (default `y`)
cli-opt-surface = Train x and y on a textbook function instead of data: rosenbrock, himmelblau, saddle, monkey-saddle, rastrigin, plateau, quadratic:K[:ANGLE] or beale
cli-opt-dataset = Generate a synthetic dataset: line, uncentered, plane, sigmoid, relu, hard-sigmoid, classes, wiggle
cli-opt-n = Rows of the synthetic --dataset
cli-opt-noise = Standard deviation of the Gaussian noise added to the synthetic --dataset
cli-opt-seed = Seed for synthetic data, mini-batch shuffles and `--init random` (default 0)
cli-opt-model = linear, sigmoid, relu, logistic, sigmoids:K, relus:K or mlp:H1[,H2,…] (default linear)
cli-opt-activation = Activation of an mlp's hidden layers: sigmoid, tanh or relu (default tanh)
cli-opt-loss = mse, half-mse, mae or bce (default mse)
cli-opt-optimizer = gd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default gd)
cli-opt-lr = Learning rate η (default 0.01)
cli-opt-schedule = constant, step:EVERY:FACTOR, cosine:STEPS or warmup:STEPS (default constant)
cli-opt-momentum = μ for momentum and nesterov (default 0.9)
cli-opt-alpha = α for rmsprop (default 0.99)
cli-opt-beta1 = β1 for adam (default 0.9)
cli-opt-beta2 = β2 for adam (default 0.999)
cli-opt-eps = ε for adagrad (default 1e-10), rmsprop, adam and adamw (default 1e-8)
cli-opt-weight_decay = λ, the decoupled weight decay of adamw (default 0.01)
cli-opt-l2 = λ₂ of the L2 penalty (λ₂/2)·Σw² on the weights, not the biases (default 0)
cli-opt-l1 = λ₁ of the L1 penalty λ₁·Σ|w| on the weights, not the biases (default 0)
cli-opt-test_fraction = Hold out this share of the rows (0 ≤ F < 1, drawn by --seed; 0 holds none out) as a test set that never moves the parameters; its loss is the `test_loss` column
cli-opt-test = A CSV file of test rows, with the same columns as the data; its loss is the `test_loss` column
cli-opt-scale = Feature scaling before the model: raw, center (x − mean) or standardize ((x − mean)/std), per feature over the rows (default raw)
cli-opt-batch_size = Rows per update, reshuffled each epoch (default: all rows)
cli-opt-init = Starting values, e.g. `w=0.5,b=0`, or `random`; unnamed parameters use the model's defaults
cli-opt-freeze = Parameters that keep their starting value, e.g. `b`
cli-opt-tolerance = Converged when the gradient norm is at most this; 0 disables (default 1e-6)
cli-opt-diverge_factor = Diverged when the loss exceeds this × max(starting loss, 1) (default 1e6)
cli-opt-steps = Most updates to take (default 100)
cli-opt-plane = The landscape's plane in the interactive view: params:NAME,NAME, random[:SEED] or pca (default: the first two parameters)
cli-opt-explain = Open in explain mode: one update walked through phase by phase (key e)
cli-opt-predict = Open in predict mode: a question before each update, the truth after (key g)
cli-opt-race = Open racing these optimizers from the same start (key c), e.g. gd,momentum,adam
cli-opt-color = Colours: from the terminal (NO_COLOR, COLORTERM, TERM), or as given
cli-screenshot-color = Colours, as the view would use them
cli-opt-theme = The terminal's background: dark (the default), or light (a projector, a light terminal); over a scenario file's `theme`
cli-screenshot-theme = The background: dark (the default) or light
cli-opt-lang = The language of the words shown: en or zh (简体中文); by default from LC_ALL, LC_MESSAGES or LANG (zh_* is Chinese), else English
cli-opt-help = Print help (see more with '--help')
cli-opt-help-long = Print help (see a summary with '-h')
cli-opt-version = Print version
cli-opt-format = Output format
cli-opt-answers = Grade a student's answers to the scenario's questions instead: a CSV file with the header `question,answer`
cli-opt-lr_min = Smallest learning rate
cli-opt-lr_max = Largest learning rate
cli-opt-points = How many learning rates, both ends included
cli-opt-show = Print this lesson's scenario TOML (accepted by --scenario)
cli-plot-out = The file to write, never replacing one: .svg, .png or .gif
cli-screenshot-out = The .svg file to write, never replacing one
cli-opt-panel = Which panels
cli-plot-size = Width and height in pixels, e.g. 1600x900
cli-screenshot-size = The screen's size in character cells
cli-opt-every = A GIF's frames: one per K updates (by default as many as fill five seconds)
cli-opt-fps = A GIF's frames per second
cli-opt-shell = The shell to complete in
cli-opt-out_dir = Write downhill.1 and a page per subcommand (downhill-run.1, …) into this folder instead, replacing pages already there

## What each value of an option means
cli-value-color-auto = What the terminal announces: none under NO_COLOR, 24-bit with COLORTERM=truecolor, 256 with a TERM that says 256color, else 16
cli-value-color-truecolor = 24-bit colour
cli-value-color-256 = The xterm 256-colour palette
cli-value-color-16 = The 16 ANSI colours
cli-value-color-never = No colour: shading by glyphs, emphasis by bold and reverse
cli-value-theme-dark = Light text on a dark background
cli-value-theme-light = Dark text on a light background
cli-value-lang-en = English
cli-value-lang-zh = 简体中文
cli-value-format-table = Aligned columns and a summary line, for people
cli-value-format-csv = Comma-separated, full precision
cli-value-format-json = One JSON document, full precision
cli-value-panel-landscape = The landscape with the path
cli-value-panel-loss = The loss against the step
cli-value-panel-fit = The data and the model's fit
cli-value-panel-all = All three (landscape and loss for an animation, or on a surface)

## clap's own headings
cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-default = [default: { $value }]
cli-values = [possible values: { $values }]
cli-values-heading = Possible values:

## Bad input: one line on stderr
cli-error = error: { $message }
cli-see-help = { $headline } (see `downhill --help`)
cli-tui-prints-nothing = the interactive view prints nothing to capture
cli-answers-format = --answers prints a report for people: leave out --format
cli-no-questions = { $name } has no questions to grade (a scenario file lists them under [[questions]])
cli-questions-changed = the questions of { $name } were written for its own η, start and batches: --lr, --schedule, --init and --batch-size change their answers
cli-every-for-gif = --every and --fps are for an animation: write a .gif
cli-every-range = --every must be at least 1 and --fps from 1 to 50
cli-screenshot-svg = --out { $path }: a screenshot is written as .svg
cli-screenshot-bad-size = --size { $size }: expected COLSxROWS, each 10…500
cli-manpages-failed = cannot write man pages to { $dir }: { $why }
cli-wrote-manpages = wrote downhill.1 and a page per subcommand to { $dir }
cli-bad-lang = error: invalid value '{ $value }' for '--lang <LANG>' [possible values: en, zh] (see `downhill --help`)
