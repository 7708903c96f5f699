# downhill 屏幕上的简体中文文字。每条消息在 en/screen.ftl 中也有（有测试检查）。
# 数字和公式作为参数传入，已经排好格式。
# 术语与讲义一致：损失函数、梯度、学习率、梯度下降、反向传播、误差项、小批量、回合、
# 局部极小值、平坦区、容忍阈值。

## 状态行
status-step = 第 { $step } 步 · 第 { $epoch } 回合
status-loss = 损失 { $loss }
status-diverged = 已发散
status-converged = ✓ 已收敛
status-stalled = 停滞（{ $why }）
status-judging = … 判定中（在容忍阈值内）
status-playing = ▶ 播放中 { $speed }/秒
status-paused = ‖ 暂停（{ $speed }/秒）
status-frozen-mark = （冻结）
race-running = 进行中
race-converged = 第 { $step } 步收敛
race-stalled = 第 { $step } 步停滞
race-diverged = 第 { $step } 步发散
rate-computing = 正在计算上限
rate-unknown = 上限未知
rate-none = 无上限
rate-past = 超过上限
rate-near = 接近上限
rate-safe = 安全
rate-for-gd = 对普通梯度下降而言{ $verdict }
rate-lambda-computing = λmax：计算中…
rate-hidden = 作答前隐藏上限
rule-batch = 小批量 { $size }/{ $rows }
update-first = 按 { $key } 更新一次：{ $rule }
update-rule-other = { $optimizer } 按 ∇L 走一步
update-frozen = { $name } 冻结在 { $value }

## 发散横幅
banner-diverged-full = 第 { $step } 步发散 — η = { $lr }，损失 { $loss }
banner-diverged-loss = 第 { $step } 步发散 — 损失 { $loss }
banner-diverged = 第 { $step } 步发散
banner-rewind-full = 按 { $key }：退回到损失上升之前，学习率减半
banner-rewind = { $key }：退回，η 减半

## 预测模式
predict-title = 预测 · 得分 { $right }/{ $asked }
predict-leaves = g 退出
predict-waiting = 按 Space 提问下一次更新；作答后才执行。按 g 退出预测模式。
predict-your-answer = 你的答案：{ $typed }▏（Enter）
predict-press = 按 { $choices }
predict-skip = Esc 跳过此题，不更新
predict-right = ✓ 正确（你答 { $said }）
predict-wrong = ✗ 错误（你答 { $said }）
predict-truth = 答案：{ $truth }
predict-next = （{ $question }）Space：下一题
predict-hints = 输入答案 · { $submit } 提交 · { $delete } 删除 · { $skip } 跳过
predict-on = 预测模式：按 { $key } 先就下一次更新提问，作答后才执行
predict-no-play = 预测模式每答一题更新一次：按 { $key } 退出
predict-no-question = 此处无题：{ $why }

## 题目
ask-value = 这次更新后 { $name } 会是多少？
ask-loss = 这次更新后损失会上升还是下降？
ask-diverge = 以这个学习率 η 训练会发散吗？
ask-arrow = 地形图上箭头 −∇L 指向哪边？
ask-eta-crit = 这里的临界学习率 η_crit = 2/λmax 是多少？
choice-down = 下降
choice-up = 上升
choice-no = 不会
choice-yes = 会
choice-ne = ↗ 右上
choice-nw = ↖ 左上
choice-sw = ↙ 左下
choice-se = ↘ 右下
within = { $value }（相差不超过 ±{ $tolerance } 即算对）
reveal-value = 更新后 { $name } = { $after }（原为 { $before }，变化量 { $step }）
reveal-loss = 损失从 { $before } 变为 { $after }
reveal-blows-up = 第 { $step } 步发散（L = { $loss }）
reveal-converges = 第 { $step } 步收敛（L = { $loss }）
reveal-stalls = 第 { $step } 步停滞（L = { $loss }）
reveal-still = 到第 { $step } 步仍未发散（L = { $loss }）
reveal-arrow = −∇L 沿 { $x } 为 { $a }，沿 { $y } 为 { $b }
reveal-eta-exact = η_crit = 2/λmax = { $eta }（λmax = { $lambda }）
reveal-eta-local = 此处 2/λmax = { $eta }（λmax = { $lambda }）
axis-horizontal = 水平方向
axis-vertical = 竖直方向
answer-not-number = `{ $text }` 不是数字：请输入数字，如 0.25 或 2/15
answer-choose = 请按编号作答：{ $choices }
no-next-update = 训练已发散：没有下一次更新
no-arrow = 此处地形图上没有箭头
no-eta-crit = 此处 λmax 不为正：没有 η_crit

## 提示行
hint-step = Space 单步
hint-play = p 播放
hint-lr = + - 学习率
hint-command = : 命令
hint-export = x 导出
hint-help = ? 帮助
hint-quit = q 退出
hint-race = c 结束比赛
hint-rewind = u 退回并减半 η
hint-reset = r 重置
hint-back = Backspace 后退一步

## 课程说明
caption-title = 课程：{ $name }
caption-untranslated = 课程：{ $name }（暂无译文，显示英文）
caption-hides = i 隐藏
caption-other-setup = 本说明针对课程原来的设置，而非当前设置（按 R 重新载入）：

## 帮助：每个键的作用
help-step = 更新一次
help-back = 精确地后退一次更新
help-play = 播放 / 暂停
help-speed = 播放加快 / 减慢
help-lr-double = 学习率 η × 2 / η ÷ 2
help-lr-fine = 学习率 η × 1.25 / η ÷ 1.25
help-rewind = 发散后：退回到损失上升之前，把 η 减半直到不再上升
help-reset = 重置到起点
help-switch = 下一个优化器 / 模型 / 损失函数
help-race = 优化器比赛：gd、momentum、adam 从此处出发；再按 c 结束
help-lessons-next = 下一课，上一课
help-scroll = 滚动帮助、课程说明或讲解
help-lesson-menu = 课程菜单：↑ ↓ 选择，Enter 打开，Esc 关闭
help-reload = 按打开时的样子重新载入课程
help-axes = 换一对坐标轴参数（新的随机方向；按当前路径重算 PCA）
help-plane = 地形图的平面：两个参数 / 随机方向 / 路径的 PCA
help-test-view = 测试损失的地形 / 训练损失的地形（有测试集时）
help-condition = 在 --surface quadratic:K 上：条件数 κ 1 → 10 → 100 → 1000，从起点重新开始
help-scaling = 特征缩放：原始 / 中心化 / 标准化，从起点重新训练
help-pan = 平移地形图
help-zoom = 放大 / 缩小
help-fit-view = 让视图框住路径和极小值，并跟随
help-3d = 地形图的三维视图（方向键旋转）/ 平面
help-lock = 把视图锁定在当前位置 / 跟随下降
help-click = 在地形图上：从该处重新开始；在拟合图上：添加一个点
help-right-click = 在拟合图上：删除最近的点
help-class = 两个特征的数据上，点击添加的类别：1 / 0
help-explain = 讲解一次更新：前向、损失、反向传播、更新
help-next-unit = 网络的讲解模式：计算下一个单元（逐层）
help-sweep = 学习率扫描：← → 选一个 η，Enter 设定
help-caption = 显示 / 隐藏课程说明
help-sharpness = 历史面板：损失，或锐度 λmax 与 2/η 对比
help-command = 命令行：精确设定一个值（:lr、:set、:steps、:momentum、:batch、:schedule、:freeze、:save、:load……）；Tab 列出全部命令
help-export = 把轨迹导出到新的 CSV 文件
help-predict = 预测模式：按 Space 先就下一次更新提问（输入答案，按 Enter），再执行并显示真实结果；r 重新计分
help-screen = 把当前屏幕原样（含颜色）写入新的 SVG 文件（用于幻灯片）
help-help = 本帮助
help-esc = 关闭帮助、课程菜单、讲解模式或学习率扫描（不会退出）
help-quit = 退出
help-keys = 按键
help-on-screen = 屏幕上的符号
help-title = 帮助 — { $key } 关闭 · PgUp PgDn 滚动

## 帮助：每个符号的含义
sym-marker = 当前参数（比赛时每个选手有自己的形状）
sym-start = 训练开始的位置
sym-path = 走过的路径，相邻两次更新之间连一条线；最近几步更亮
sym-arrow = −∇L，下坡的方向；长度随 log |∇L| 增长（1e-3 到 1e4）
sym-ghost = 下一次更新将落在的位置；越过沿 −∇L 的最低点（冲过头）时为红色
sym-minimum = 所画切面的精确极小值（损失为二次函数时）
sym-global-minimum = 全部参数上的精确极小值（不在切面上时）
sym-contours = 等高线：同一条线上损失处处相等
sym-legend = 图例：每种颜色（或阴影）及其代表的最低损失
sym-data = 拟合图中的一行数据
sym-test = 拟合图中留出的测试行；损失历史中为当前测试损失
sym-lowest-test = 测试损失最低处（提前停止），标在路径和损失历史上
sym-batch = 下一个小批量中的一行，或讲解中逐项写出的一行
sym-classes = 两个特征的拟合图中：类别 1、类别 0、分错一侧的点、留出的测试行、0.5 处的边界
sym-hinge = sigmoids:K 或 relus:K 的一个单元的转折处：中心或折点 −b/w
sym-spike = 损失历史中：大到画不下的损失，即发散处
sym-lr-change = 损失历史中：η 改变的位置及新值
sym-sweep-current = 学习率扫描中：当前的 η
sym-sweep-diverged = 学习率扫描中：训练发散的 η
sym-sweep-limit = 学习率扫描中：上限 2/λmax

## 地形图面板的标题
view-locked = 已锁定（按 { $key } 跟随）
title-overshoots-full = 下一步会冲过头
title-overshoots = 冲过头
title-curve = 损失曲线：L({ $param })
title-surface = 损失曲面
title-surface-short = 曲面
title-surface-turn = 损失曲面：{ $plane } · 方向键旋转
title-test = 测试损失地形
title-test-short = 测试损失
title-test-shortest = 测试
title-landscape = 损失地形
title-landscape-short = 地形
computing-landscape = 正在计算地形…

## 损失历史面板
history-loss = 损失
history-test = 测试 { $value }
history-log = （对数刻度）
history-signed-log = （带符号对数刻度）
history-converged = 已收敛
history-stalled-why = 停滞：{ $why }
history-stalled = 停滞
lowest-full = 测试损失最低 { $value }，在第 { $step } 步
lowest-step = 测试损失最低在第 { $step } 步
lowest-short = 第 { $step } 步最低

## 标题栏
title-race = 比赛 { $names }
title-changed = （已改动）
title-rows = { $count } 行
title-test-rows = { $count } 行测试
stall-dead-units = 死单元
stall-flat = 平坦区
stall-saddle = 鞍点

## 底行的提示
notice-judging = 正在判定点停在何处（计算 Hessian 矩阵）…
notice-diverged-step = 已发散：按 { $rewind } 退回并把 η 减半，或按 { $reset } 重置
notice-diverged-play = 已发散：按 { $rewind } 退回，或按 { $reset } 重置
notice-at-start = 已在起点
notice-no-racer = 没有选手还能移动：都已停下或发散；{ $key } 仍可单步
notice-stalled = 停滞（{ $why }）；{ $key } 仍可单步
notice-converged = 已收敛（|∇| 在容忍阈值内）；{ $key } 仍可单步
notice-done = 完成：在第 { $step } 步
notice-done-stopped = 完成：在第 { $step } 步，训练在此停止
notice-eta-limit = η 已到极限，不能再调了
notice-nothing-to-rewind = { $rewind } 用于发散后退回；单步后退请用 { $back }
notice-start-diverged = 起点本身就发散：无处可退；请换起点或数据
notice-rewound = 已退回；η 减半 { $times } 次，变为 { $lr }：下一次更新不再上升
no-finite-next = 这次更新使参数溢出为非有限值
predict-diverged = 训练已发散：按 { $key } 退回，再按 Space 重新提问
predict-not-taken = 没有执行更新，本题不计分：按 Space 重新提问
notice-nothing-to-close = 没有可关闭的：按 { $key } 退出
notice-explained-blowup = 刚才那次更新导致发散：按 { $key } 退回并把 η 减半
notice-no-caption = 这个场景没有说明
notice-race-over = 比赛结束：保留 { $kept } 的训练
notice-racing = { $names } 从此处开始比赛；按 { $key } 结束比赛
notice-loading = 正在载入 { $path }…（按 { $key } 停止）
notice-load-stopped = 已停止载入 { $path }：没有改动
notice-wrote = 已写入 { $path }
notice-wrote-note = 已写入 { $path }（{ $note }）
notice-k-only-quadratic = 按 K 只对 --surface quadratic:K 有效：改变其条件数
notice-condition = κ = { $kappa }：{ $limit }；从起点开始
notice-cannot-sweep = 无法扫描：{ $why }
notice-sweep-stopped = 扫描已停止：{ $why }
notice-curve-is-all = 只有一个未冻结参数：这条曲线就是整个地形
note-screen-svg = 屏幕的 SVG

lessons-title = 课程 — ↑ ↓ 选择 · Enter 打开 · Esc 关闭
fit-title = 拟合
fit-predicted-vs-actual = 拟合：预测值对实际值
slice-at = 在
slice-more = 另 { $count } 个

## 命令行的回应
told-restarted = 从 { $at } 重新开始
told-taking = 执行 { $count } 次更新
count-weights = { $count } 个权重
told-seed = 种子 { $seed }：从当前点起重新洗牌小批量
told-penalty = { $name } = { $value }，作用于 { $weights }（不含偏置），从当前点起
told-hyperparameter = { $name } = { $value }（{ $uses }），从当前点起
told-schedule = 学习率调度 { $schedule }，从当前点起
told-full-batch = 全批量：每次更新使用全部数据行
told-mini-batch = 每个小批量 { $size } 行，从当前点起
told-tolerance = 容忍阈值 { $value }，从当前点起

## 讲解模式的标题
explain-title = 讲解 { $n }/4：{ $phase }
explain-next-close = { $next } 下一步 · { $close } 关闭
explain-next = { $next } 下一步
phase-forward = 前向
phase-loss = 损失
phase-backward = 反向传播
phase-update = 更新
predict-choice = { $n }：{ $choice }

## 平面、滚动与上限
plane-random-waiting = 随机方向（路径满 3 个点后改用 PCA）
plane-random-waiting-short = 随机平面（3 步后改用 PCA）
plane-random = 随机平面
plane-random-seed = 随机方向（种子 { $seed }）
plane-random-seed-short = 随机平面，种子 { $seed }
plane-pca-steps = 第 { $from }–{ $to } 步的 PCA 平面，占方差 { $percent }
plane-pca-variance = PCA 平面，占方差 { $percent }
plane-pca = PCA 平面，{ $percent }
plane-plane = 平面
scroll-more = 更多 ↓ { $key }
limit-exact-unknown = η_crit 未知（λmax 不是有限值）
limit-local-unknown = 局部上限未知（锐度不是有限值）
limit-none-here = 此处无上限：损失向各方向都向下弯（λmax = { $lambda }）
limit-no-curvature = 没有曲率（λmax = 0）
limit-no-curvature-here = 此处没有曲率（锐度 0）
limit-local = 局部 2/λmax = { $eta }（锐度 { $sharpness }）
history-step = 步

## 特征缩放
notice-scaled = 特征改为{ $done }；从起点重新训练
notice-scaled-effect = 特征改为{ $done }：{ $effect }；从起点重新训练
scale-raw = 原始
scale-center = 中心化
scale-standardize = 标准化
fit-on-scaled = 在{ $done }的 x 上
sharpness-at-start = 起点处的锐度 { $before } → { $after }

## 曲面面板与锐度视图
surface-no-minimum = 没有极小值：它一直下降
surface-minimum = 极小值 f = 0，在 { $at }
surface-minima = { $count } 个极小值，f 都为 0：{ $at }
surface-nearest = 最近的：
surface-away = ，相距 { $distance }
surface-title = { $surface }：没有数据，L = f(x, y)
sharpness-none-yet = 还没有 λmax：先走一步
sharpness-local = 局部 λmax
sharpness-back = s：损失

## 图上的图例和说明
legend-arrow = 箭头长度 ∝ log|∇|
legend-projected = 路径为投影
legend-subsampled = （取自 { $total } 行中的 { $used } 行）
legend-wrong = 分错
legend-y-from = y 从
legend-to = 到
curve-tangent-long = 切线：斜率 ∂L/∂{ $name } = { $slope }
curve-next-long = 下一步
curve-tangent = 切线 ∂L/∂{ $name } = { $slope }
curve-next = 下一步
fit-every-row = （每 { $n } 行取 1 行）
race-vs = 对

## 帮助中用文字写出的按键
key-arrows = 方向键
key-click = 单击
key-right-click = 右键单击

## η 扫描面板
sweep-title-long = η 扫描 · { $left } { $right } 选择 · { $pick } 设为 η · { $close } 关闭
sweep-title-short = η 扫描 · { $left } { $right } { $pick }
sweep-hint = { $left } { $right } 选择 · { $pick } 设为 η · { $close }/{ $esc } 关闭
sweep-runs = { $done }/{ $total } 次训练
sweep-head = { $count } 个 η，从第 { $step } 步起 · 每个 η 最多 { $most } 次更新
sweep-diverged = 发散
sweep-best = 最佳 { $loss }（η { $lr }）
sweep-cursor = η = { $lr } · 最终损失 { $loss }
sweep-outcome = { $steps } 次更新后{ $outcome }
sweep-running = 运行中…
sweep-axis = η（对数）
outcome = { $outcome ->
    [converged] 收敛
    [stalled] 停滞
    [diverged] 发散
   *[other] 达到步数上限
}
notice-picked-rate = η = { $lr }：扫描中最终损失 { $loss }（{ $outcome }）

## 切换和编辑的提示
notice-racing-optimizer = 比赛中：每个选手保留自己的优化器；先按 { $key } 结束比赛
notice-reloaded = 已按打开时的样子重新载入 { $name }
notice-loaded = 已从 { $path } 载入 { $count } 行
notice-loaded-all-train = 已从 { $path } 载入 { $count } 行（没有测试集：全部用于训练）
notice-added-point = 已添加点 ({ $x }, { $y })
notice-removed-point = 已删除点 ({ $x }, { $y })
notice-added-class-point = 已在 ({ $x1 }, { $x2 }) 添加一个类别 { $class } 的点
notice-removed-class-point = 已删除目标为 { $y } 的点 ({ $x1 }, { $x2 })
notice-last-point = 最后一个点要保留：拟合需要数据
notice-adds-class = 在拟合图上单击将添加类别 { $class }（{ $glyph }）
notice-points-one-feature = 只有单特征数据才能在这里添加和删除点
notice-points-two-features = 只有双特征数据才能在这里添加和删除点
notice-no-test-set = 没有测试集：用 --test-fraction F 或 --test FILE.csv 留出数据行
notice-shows-test-loss = 地形图显示测试损失：训练从未见过的数据行
notice-shows-training-loss = 地形图显示训练损失
notice-no-units = { $key } 选择讲解模式计算 mlp 的哪个单元；这个模型没有层
notice-unit = 讲解模式计算第 { $layer } 层第 { $index } 个单元
notice-unit-closed = 讲解模式计算第 { $layer } 层第 { $index } 个单元（按 { $key } 打开）
notice-random-needs-two = 随机方向需要两个未冻结的参数才能张成平面

## 终端太小
too-small = downhill 需要至少 { $least } 的终端（这个是 { $size }）
