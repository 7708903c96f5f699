# The `:` command line's refusals and replies, in English. Every message here is in
# zh/commands.ftl too. Commands, options and names are typed as they are in every language.

cmd-empty = type a command, e.g. lr 0.01 ({ $complete } completes, { $cancel } cancels)
cmd-takes-one = { $name } takes one { $what }
cmd-what-number = number
cmd-what-count = count
cmd-what-name = name
cmd-what-form = form
cmd-what-size = size
cmd-what-file = file name
cmd-unknown = unknown command `{ $name }`; { $key } lists them
cmd-unterminated = unterminated quote { $quote }: close it, e.g. save { $quote }my file.toml{ $quote }
cmd-lr-form = lr takes a number or a fraction, e.g. lr 0.01 or lr 2/15
cmd-lr-positive = the learning rate must be a positive finite number, got { $lr }
cmd-set-form = set takes NAME=VALUE pairs, e.g. set w=0.5 b=-1
cmd-set-pair = expected NAME=VALUE, got `{ $pair }`
cmd-no-param = the model has no parameter `{ $name }` (it has { $names })
cmd-not-number = `{ $name }` must be a number, got `{ $value }`
cmd-not-finite = `{ $name }` must be finite
cmd-steps-form = steps takes a whole number, e.g. steps 100
cmd-steps-range = steps takes 1 to { $most }
cmd-seed-form = seed takes a whole number
cmd-batch-form = batch takes a whole number, or full for every row
cmd-batch-zero = the batch size must be at least 1
cmd-tolerance = the tolerance must be a finite number ≥ 0, got { $value }
cmd-one-free = at least one parameter must stay free
cmd-freeze-form = { $command } takes parameter names, e.g. { $command } b
cmd-number = { $name } takes a number, got `{ $arg }`
cmd-no-completion = no completion
told-optimizer = optimizer { $name }
told-model = model { $name }
told-loss = loss { $name }
told-plane = plane { $plane }
told-frozen = { $names } frozen
told-free = { $names } free

## What each hyperparameter is, in the reply to setting it
uses-momentum = μ of momentum and nesterov
uses-alpha = α of rmsprop
uses-beta1 = β1 of adam and adamw
uses-beta2 = β2 of adam and adamw
uses-eps = ε of adagrad, rmsprop, adam and adamw
uses-weight-decay = λ of adamw

## The line under what is being typed
command-hints = { $run } runs · { $complete } completes · { $cancel } cancels
