# 引擎拒绝的原因，简体中文：不认识的名称、不匹配的形状、超出范围的值。
# 每条消息在 en/errors.ftl 中也有。名称、选项和值按输入的样子写出。

err-rows-mismatch = 特征有 { $rows } 行，目标却有 { $targets } 个
err-names-mismatch = 特征有 { $columns } 列，特征名却有 { $names } 个
err-no-rows = 没有数据行
err-no-features = 除了目标列 `{ $target }` 之外没有特征列
err-too-large = 数据的{ $what }为 { $got }；downhill 最多接受 { $most }
err-not-finite = 每个值都必须是有限数
err-constant-feature = 特征 `{ $feature }` 在 { $rows } 行上只有一个值：标准差为 0，无法标准化（试试 --scale center）
err-test-columns = 测试数据的特征列是 { $test }，训练数据的却是 { $train }
err-test-fraction = 测试比例 { $fraction } 使 { $rows } 行中 { $test } 行用于测试、{ $train } 行用于训练；两者都至少需要 1 行
err-on-surface = `{ $surface }` 是一个曲面，即 f(x, y) 本身：它没有可{ $what }
err-unknown = 未知的{ $what } `{ $name }`（可用：{ $known }）
err-units = 模型 `{ $name }`：K 必须是 1 到 { $most } 的整数
err-layers = 模型 `{ $name }`：{ $reason }
err-one-feature = 模型 `{ $name }` 只接受一个特征列，但数据有 { $features } 个
err-features = 模型 `{ $model }` 接受 { $expected } 个特征列，但数据有 { $got } 个
err-bce-model = 损失函数 `bce` 需要模型 `logistic` 或 `mlp`，而不是 `{ $model }`
err-bce-targets = 损失函数 `bce` 需要目标为 0 或 1，但第 { $row } 行的 { $target } = { $value }
err-unknown-schedule = 未知的学习率调度 `{ $text }`（可用形式：{ $forms }）
err-schedule-count = `{ $text }`：`{ $part }` 必须是 ≥ 1 的整数次更新
err-schedule-factor = `{ $text }`：FACTOR 必须是有限的正数
err-listed-twice = `{ $kind }` 列出了两次
err-too-few-racers = 比赛至少需要 { $fewest } 个优化器，例如 gd,momentum,adam（得到 { $got } 个）
err-too-many-racers = 比赛最多接受 { $most } 个优化器（得到 { $got } 个）
err-shape = 模型 `{ $model }` 有 { $params } 个参数，却得到 { $start } 个初始值和 { $frozen } 个冻结标记

## 值为什么超出范围（接在选项名后面）
reason-positive = 必须是有限的正数，得到的是 { $value }
reason-nonnegative = 必须是 ≥ 0 的有限数，得到的是 { $value }
reason-unit-interval = 必须在 [0, 1) 内，得到的是 { $value }
reason-hidden-layers = 最多 { $most } 个隐藏层
reason-layer-width = 层宽 `{ $part }` 不是 ≥ 1 的整数
reason-too-many-params = { $count } 个参数；downhill 最多接受 { $most } 个（即 `linear` 在最宽数据上的参数个数）
reason-params-overflow = 参数太多；downhill 最多接受 { $most } 个（即 `linear` 在最宽数据上的参数个数）
reason-condition = K 必须是 1 到 { $most } 的数
reason-angle = ANGLE 必须是角度数

## 引擎对各种东西的称呼
noun-feature-columns = 特征列数
noun-rows = 行数
noun-feature-values = 特征值个数（行数 × 特征数）
noun-activation = 激活函数
noun-loss = 损失函数
noun-model = 模型
noun-optimizer = 优化器
noun-hyperparameter = 超参数
noun-scale = 缩放方式
noun-surface = 曲面
noun-model-to-change = 更换的模型
noun-weights-to-penalise = 惩罚的权重
noun-loss-to-change = 更换的损失函数
noun-data-to-change = 更改的数据
noun-features-to-scale = 缩放的特征

## 与其他选项不相容的选项（接在选项名后面）
opt-theme = 必须是 dark 或 light，得到的是 `{ $value }`
opt-synthetic-only = 只适用于合成数据集 --dataset
opt-target-data-only = 只适用于 --data 或 [points]；合成数据集 --dataset 的目标是 `y`
opt-n = 必须在 1 到 { $most } 之间
opt-not-on-surface = 不适用于 --surface，曲面直接在函数本身上训练 x 和 y
opt-test-both = --test-fraction 和 --test 只能给一个
opt-test-fraction = 必须是从 0（不留）到小于 1 的数，得到的是 { $value }
opt-positive = 必须是正数，得到的是 { $value }
opt-at-least-one = 至少为 1
opt-at-most = 最多为 { $most }，得到的是 { $value }
opt-param-twice = `{ $name }` 给了两次
opt-param-finite = `{ $name }` 必须是有限数，得到的是 { $value }
opt-plane-seed = 种子是 ≥ 0 的整数，得到的是 `{ $value }`
opt-plane-params = `params:` 接受两个不同的参数名，得到的是 `{ $value }`
opt-plane-forms = 必须是 { $forms } 或 { $last }，得到的是 `{ $value }`

## 读写文件
file-exists = { $path } 已经存在；请换一个名字
file-not-a-name = { $path } 不是文件名
file-cannot-write = 无法写入 { $path }：{ $why }
file-cannot-write-scenario = 无法写出场景：{ $why }
saved-no-test-rows = 测试数据行没有写出：这个文件只用训练数据行训练
saved-eta-changed = 这次训练中 η 改变过：文件使用当前的 η
saved-rescaled = 算出缩放参数后又添加或删除了点：文件会对所有行重新缩放，所以重放结果会不同
saved-past-convergence = 训练在收敛之后还继续了：文件设置 tolerance = 0 以便重现

## 要扫描的学习率范围
sweep-reversed = --lr-min（{ $min }）不能大于 --lr-max（{ $max }）
sweep-points = 必须在 1 到 { $most } 之间，得到的是 { $value }
sweep-one-point = --points 1 只试一个学习率：请让 --lr-min 等于 --lr-max
file-cannot-read = 无法读取 { $path }：{ $why }
file-not-regular = 这是{ $kind }，不是普通文件
file-kind-fifo = 一个 FIFO（命名管道）
file-kind-device = 一个设备
file-kind-socket = 一个套接字
file-kind-folder = 一个文件夹
file-kind-other = 一个特殊对象
file-bytes = { $count } 字节
file-too-large = 大于 { $size }（{ $what }的大小上限）
file-csv = CSV 文件
file-scenario = 场景文件

## CSV 数据
csv-empty = { $file }：文件是空的；应有一行表头列出各列名称
csv-fields = { $file }:{ $line }：应有 { $expected } 个字段（与表头相同），实际有 { $found } 个
csv-no-rows = { $file }：有表头，但没有数据行
csv-empty-cell = { $at }：`{ $column }` 列有空单元格
csv-not-number = { $at }：`{ $column }` 列的单元格不是数：{ $cell }
csv-not-finite = { $at }：`{ $column }` 列的单元格不是有限数：{ $cell }
csv-header-utf8 = { $file }:{ $line }:{ $column }：第 { $column } 列的表头名称不是有效的 UTF-8
csv-blank-name = 第 { $column } 列的名称是空白
csv-duplicate = 列名 `{ $name }` 重复（第 { $first } 列也是）
csv-no-target-no-columns = 没有目标列 `{ $target }`；没有任何列
csv-no-target = 没有目标列 `{ $target }`；现有的列是 { $listed }
csv-only-target = 目标 `{ $target }` 是唯一的一列；除它之外至少需要一个特征列

## 其他拒绝
file-not-utf8 = 无法读取 { $path }：不是 UTF-8 文本（前 { $byte } 个字节之后）
file-no-screen = 还没有画出屏幕，无法写出
tui-not-a-terminal = 标准输出不是终端，交互视图无法启动；`downhill run` 会以表格打印同样的训练
screenshot-too-small = --size { $size }：放不下视图的各个面板
dataset-overflow = 对数据集 `{ $dataset }` 来说太大：它的目标值溢出为无穷大
dataset-unknown = 未知的数据集 { $name }；已有的数据集：{ $known }
dataset-n-zero = 数据集 `{ $name }`：n 至少为 1，得到的是 0
dataset-n-most = 数据集 `{ $name }`：n 最多为 { $most }，得到的是 { $value }
dataset-noise = 数据集 `{ $name }`：noise 必须是 ≥ 0 的有限数，得到的是 { $value }
quiz-no-param = 题目的 param `{ $name }` 不是参数（参数是 { $names }）
quiz-value-param = `value` 题要写出它的 `param`
quiz-takes-no-param = `{ $kind }` 题不接受 `param`
quiz-unknown = 未知的题型 `{ $kind }`（可用：value、loss、diverge、arrow、eta-crit）
quiz-tolerance = 容忍阈值是正数，只用于 `value` 和 `eta-crit` 题
plot-format = --out { $path }：图只能写成 .svg、.png 或 .gif
plot-size = --size { $size }：应为以像素计的 WIDTHxHEIGHT，每边 { $least }…{ $most }
plot-fit-on-surface = --panel fit：曲面没有可拟合的数据（请用 landscape、loss 或 all）
plot-frames = --every { $every }：{ $frames } 帧，超过了 { $most }；请给更大的 --every
opt-no-data = 没有数据：请给出 --data FILE.csv、--dataset NAME 或 --preset NAME
