# `:` 命令行的拒绝和回复，简体中文。每条消息在 en/commands.ftl 中也有。
# 命令、选项和名称在各语言中都照原样输入。

cmd-empty = 请输入命令，例如 lr 0.01（{ $complete } 补全，{ $cancel } 取消）
cmd-takes-one = { $name } 需要恰好一个参数（{ $what }）
cmd-what-number = 数
cmd-what-count = 次数
cmd-what-name = 名称
cmd-what-form = 形式
cmd-what-size = 大小
cmd-what-file = 文件名
cmd-unknown = 未知命令 `{ $name }`；按 { $key } 列出所有命令
cmd-unterminated = 引号 { $quote } 没有闭合：请闭合它，例如 save { $quote }my file.toml{ $quote }
cmd-lr-form = lr 接受一个数或分数，例如 lr 0.01 或 lr 2/15
cmd-lr-positive = 学习率必须是有限的正数，得到的是 { $lr }
cmd-set-form = set 接受若干 名称=值，例如 set w=0.5 b=-1
cmd-set-pair = 应为 名称=值，得到的是 `{ $pair }`
cmd-no-param = 模型没有参数 `{ $name }`（它的参数是 { $names }）
cmd-not-number = `{ $name }` 必须是数，得到的是 `{ $value }`
cmd-not-finite = `{ $name }` 必须是有限数
cmd-steps-form = steps 接受一个整数，例如 steps 100
cmd-steps-range = steps 接受 1 到 { $most }
cmd-seed-form = seed 接受一个整数
cmd-batch-form = batch 接受一个整数，或 full 表示全部行
cmd-batch-zero = 小批量大小至少为 1
cmd-tolerance = 容忍阈值必须是 ≥ 0 的有限数，得到的是 { $value }
cmd-one-free = 至少要有一个参数不冻结
cmd-freeze-form = { $command } 接受参数名，例如 { $command } b
cmd-number = { $name } 接受一个数，得到的是 `{ $arg }`
cmd-no-completion = 无可补全
told-optimizer = 优化器 { $name }
told-model = 模型 { $name }
told-loss = 损失函数 { $name }
told-plane = 平面 { $plane }
told-frozen = { $names } 已冻结
told-free = { $names } 已解冻

## 设置超参数时回复中说明它是什么
uses-momentum = momentum 和 nesterov 的 μ
uses-alpha = rmsprop 的 α
uses-beta1 = adam 和 adamw 的 β1
uses-beta2 = adam 和 adamw 的 β2
uses-eps = adagrad、rmsprop、adam 和 adamw 的 ε
uses-weight-decay = adamw 的 λ

## 正在输入时下方的提示
command-hints = { $run } 执行 · { $complete } 补全 · { $cancel } 取消
