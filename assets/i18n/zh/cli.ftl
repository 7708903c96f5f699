# 命令行帮助，简体中文：每个子命令的简介、每个选项的说明、选项每个取值的含义。
# 每条消息在 en/cli.ftl 中也有。选项名、取值和例子按输入的样子写出。

## 各子命令做什么
cli-about = 观看梯度下降沿损失地形一步步走下去，每次更新都精确计算
cli-about-tui = 打开交互视图（与不给子命令相同）
cli-about-run = 训练并为每个状态打印一行（第 0 行是起点）
cli-about-sweep = 从同一起点，以在对数尺度上均匀分布的学习率分别训练
cli-about-presets = 列出内置课程，或把其中一个打印为场景文件
cli-about-plot = 把训练过程画成用于幻灯片的图：SVG、PNG，或下降过程的 GIF 动画
cli-about-screenshot = 在训练若干次更新之后，把交互视图的屏幕写成 SVG，直接由程序自己的屏幕缓冲区绘出，颜色齐全（在视图中按 X 也可以）
cli-about-completions = 打印某个 shell 的补全脚本，由这些选项本身生成
cli-about-manpage = 打印手册页 downhill(1)（roff 格式），由这些选项本身生成
cli-about-help = 打印本帮助，或给定子命令的帮助

## 各选项做什么
cli-opt-scenario = 从场景 TOML 文件读取选项（键名与选项名相同）
cli-opt-preset = 从一个内置课程开始（见 `downhill presets`）
cli-opt-data = 从带表头行的 CSV 文件读取数据行
cli-opt-target = --data 或 [points] 中目标列的名称（默认 `y`）
cli-opt-surface = 不用数据，而在一个教科书函数上训练 x 和 y：rosenbrock、himmelblau、saddle、monkey-saddle、rastrigin、plateau、quadratic:K[:ANGLE] 或 beale
cli-opt-dataset = 生成一个合成数据集：line、uncentered、plane、sigmoid、relu、hard-sigmoid、classes、wiggle
cli-opt-n = 合成数据集 --dataset 的行数
cli-opt-noise = 加到合成数据集 --dataset 上的高斯噪声的标准差
cli-opt-seed = 合成数据、小批量洗牌和 `--init random` 的随机种子（默认 0）
cli-opt-model = linear、sigmoid、relu、logistic、sigmoids:K、relus:K 或 mlp:H1[,H2,…]（默认 linear）
cli-opt-activation = mlp 隐藏层的激活函数：sigmoid、tanh 或 relu（默认 tanh）
cli-opt-loss = 损失函数：mse、half-mse、mae 或 bce（默认 mse）
cli-opt-optimizer = 优化器：gd、momentum、nesterov、adagrad、rmsprop、adam 或 adamw（默认 gd）
cli-opt-lr = 学习率 η（默认 0.01）
cli-opt-schedule = 学习率调度：constant、step:EVERY:FACTOR、cosine:STEPS 或 warmup:STEPS（默认 constant）
cli-opt-momentum = momentum 和 nesterov 的 μ（默认 0.9）
cli-opt-alpha = rmsprop 的 α（默认 0.99）
cli-opt-beta1 = adam 的 β1（默认 0.9）
cli-opt-beta2 = adam 的 β2（默认 0.999）
cli-opt-eps = adagrad 的 ε（默认 1e-10），rmsprop、adam 和 adamw 的 ε（默认 1e-8）
cli-opt-weight_decay = λ，adamw 的解耦权重衰减（默认 0.01）
cli-opt-l2 = L2 惩罚项 (λ₂/2)·Σw² 的 λ₂，只作用于权重、不含偏置（默认 0）
cli-opt-l1 = L1 惩罚项 λ₁·Σ|w| 的 λ₁，只作用于权重、不含偏置（默认 0）
cli-opt-test_fraction = 留出这一比例的数据行（0 ≤ F < 1，按 --seed 抽取；0 表示不留）作为测试集，不参与参数更新；其损失为 `test_loss` 列
cli-opt-test = 测试数据行的 CSV 文件，列与训练数据相同；其损失为 `test_loss` 列
cli-opt-scale = 进入模型之前的特征缩放：raw、center (x − mean) 或 standardize ((x − mean)/std)，对每个特征在所有行上计算（默认 raw）
cli-opt-batch_size = 小批量的行数（每次更新用），每个回合重新洗牌（默认：全部行）
cli-opt-init = 初始值，例如 `w=0.5,b=0`，或 `random`；没写出的参数用模型的默认值
cli-opt-freeze = 保持初始值不变的参数，例如 `b`
cli-opt-tolerance = 梯度范数不超过此容忍阈值时判定为收敛；0 表示不判定（默认 1e-6）
cli-opt-diverge_factor = 损失超过这个值 × max(起始损失, 1) 时判定为发散（默认 1e6）
cli-opt-steps = 最多更新的次数（默认 100）
cli-opt-plane = 交互视图中地形图的平面：params:NAME,NAME、random[:SEED] 或 pca（默认：前两个参数）
cli-opt-explain = 以讲解模式打开：逐阶段走完一次更新（按键 e）
cli-opt-predict = 以预测模式打开：每次更新前先提问，之后揭晓答案（按键 g）
cli-opt-race = 以比赛模式打开：这些优化器从同一起点比赛（按键 c），例如 gd,momentum,adam
cli-opt-color = 颜色：按终端的设置（NO_COLOR、COLORTERM、TERM），或按给定的值
cli-screenshot-color = 颜色，与视图中所用的相同
cli-opt-theme = 终端的背景：dark（默认），或 light（投影仪、浅色终端）；优先于场景文件的 `theme`
cli-screenshot-theme = 背景：dark（默认）或 light
cli-opt-lang = 显示文字的语言：en 或 zh（简体中文）；默认取自 LC_ALL、LC_MESSAGES 或 LANG（zh_* 为中文），否则为英文
cli-opt-help = 打印帮助（--help 显示更多）
cli-opt-help-long = 打印帮助（-h 显示摘要）
cli-opt-version = 打印版本
cli-opt-format = 输出格式
cli-opt-answers = 改为给学生对场景中题目的回答评分：一个表头为 `question,answer` 的 CSV 文件
cli-opt-lr_min = 最小学习率
cli-opt-lr_max = 最大学习率
cli-opt-points = 学习率的个数，包括两端
cli-opt-show = 打印这个课程的场景 TOML（可用于 --scenario）
cli-plot-out = 要写入的文件，从不覆盖已有文件：.svg、.png 或 .gif
cli-screenshot-out = 要写入的 .svg 文件，从不覆盖已有文件
cli-opt-panel = 画哪些面板
cli-plot-size = 以像素计的宽和高，例如 1600x900
cli-screenshot-size = 以字符格计的屏幕大小
cli-opt-every = GIF 的帧：每 K 次更新一帧（默认取填满五秒所需的帧数）
cli-opt-fps = GIF 每秒的帧数
cli-opt-shell = 要补全的 shell
cli-opt-out_dir = 改为把 downhill.1 和每个子命令一页（downhill-run.1 等）写入这个文件夹，替换其中已有的手册页

## 选项各取值的含义
cli-value-color-auto = 按终端声明的：NO_COLOR 下无颜色，COLORTERM=truecolor 时 24 位色，TERM 含 256color 时 256 色，否则 16 色
cli-value-color-truecolor = 24 位色
cli-value-color-256 = xterm 256 色调色板
cli-value-color-16 = 16 种 ANSI 颜色
cli-value-color-never = 无颜色：用字形表示深浅，用粗体和反色表示强调
cli-value-theme-dark = 深色背景上的浅色文字
cli-value-theme-light = 浅色背景上的深色文字
cli-value-lang-en = 英文
cli-value-lang-zh = 简体中文
cli-value-format-table = 对齐的列和一行总结，供人阅读
cli-value-format-csv = 逗号分隔，完整精度
cli-value-format-json = 一个 JSON 文档，完整精度
cli-value-panel-landscape = 带路径的损失地形
cli-value-panel-loss = 损失随步数的变化
cli-value-panel-fit = 数据与模型的拟合
cli-value-panel-all = 全部三个（动画或曲面时为地形和损失）

## clap 自己的标题
cli-heading-usage = 用法：
cli-heading-options = 选项
cli-heading-arguments = 参数
cli-heading-commands = 命令
cli-default = [默认：{ $value }]
cli-values = [可选值：{ $values }]
cli-values-heading = 可选值：

## 错误输入：标准错误上的一行
cli-error = 错误：{ $message }
cli-see-help = { $headline }（见 `downhill --help`）
cli-tui-prints-nothing = 交互视图不打印任何可捕获的内容
cli-answers-format = --answers 打印给人看的报告：请去掉 --format
cli-no-questions = { $name } 没有可评分的题目（场景文件在 [[questions]] 下列出题目）
cli-questions-changed = { $name } 的题目是按它自己的 η、起点和小批量写的：--lr、--schedule、--init 和 --batch-size 会改变答案
cli-every-for-gif = --every 和 --fps 用于动画：请写成 .gif
cli-every-range = --every 至少为 1，--fps 在 1 到 50 之间
cli-screenshot-svg = --out { $path }：截图只能写成 .svg
cli-screenshot-bad-size = --size { $size }：应为 COLSxROWS，每边 10…500
cli-manpages-failed = 无法把手册页写入 { $dir }：{ $why }
cli-wrote-manpages = 已把 downhill.1 和每个子命令一页写入 { $dir }
cli-bad-lang = 错误：'--lang <LANG>' 的值 '{ $value }' 无效 [可选值：en, zh]（见 `downhill --help`）
