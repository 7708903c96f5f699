# 讲解模式的简体中文文字。每条消息在 en/explain.ftl 中也有。
# 公式与 README 一致，作为参数传入，或按原样写在文字中（∂L/∂θ、η·|∇L| 等），各语言相同。

## 四个阶段的标题
ex-title-forward = 前向：第 { $step } 步的预测值
ex-title-loss = 损失：第 { $step } 步的预测值离 y 有多远
ex-title-backward = 反向传播：用链式法则求梯度 ∇L
ex-title-update = 更新：从第 { $step } 步到第 { $next } 步
ex-title-surface-forward = 前向：第 { $step } 步，f 在该点的值
ex-title-surface-loss = 损失：L = f，第 { $step } 步
ex-title-surface-backward = 反向传播：梯度 ∇L = ∇f，手工求导
ex-nothing = 无法讲解：模型 `{ $model }` 有 { $n } 个参数，但得到 { $len } 个{ $what }
ex-what-params = 参数值
ex-what-grad = 梯度分量
ex-what-frozen = 冻结标记
ex-what-optimizer = 优化器状态分量

## 各阶段共用
ex-row = 第 { $row } 行：{ $text }
ex-more-rows = … 另有 { $count } 行
ex-batch-note = （这里按全部 { $n } 行讲解，即全批量更新；训练用的是 { $batch } 行的小批量，所以它自己的下一次更新只用那些行的梯度）
ex-frozen-unused = （冻结：不使用）

## 前向
ex-at = 当前 { $values }
ex-more-features = … （共 { $n } 个特征）
ex-neuron-model = { $model }：ŷ = c·{ $act }，其中 z = w·x + b{ $sigma }
ex-logistic-model = logistic：p = σ(z)，其中 z = { $symbols }，σ(z) = 1/(1 + e^−z)：y = 1 的概率
ex-surface-model = { $surface }：L = f(x, y)，没有数据
ex-mlp-model = { $model }：z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾，其中 a⁽⁰⁾ = x，{ $hidden } 个隐藏层的 a⁽ˡ⁾ = { $act }，{ $output }
ex-mlp-probability = p = σ(z⁽ᴸ⁾)：y = 1 的概率
ex-sum-model = { $model }：ŷ = b0 + Σ c_k·{ $act }，其中 z_k = w_k·x + b_k，共 { $units } 个单元
ex-mlp-row = { $xs } → 前向经过 { $layers } 层 → { $out } = { $value }
ex-surface-row = { $surface }：没有数据行，L = f(x, y)
ex-layer-by-layer = 第 1 行逐层计算，从 a⁽⁰⁾ = x = { $x } 开始：
ex-more-units = … （共 { $n } 个单元）

## 损失
ex-bce-intro = bce：L = { $formula }：−ln(p 赋予真实类别的概率) 的平均
ex-loss-intro = { $loss }：L = { $formula }，残差 r = y − ŷ
ex-mean-over = （对全部 { $n } 行取平均）
ex-penalty-total = L = { $formula }{ $terms } = { $data } + { $penalty } = { $total }{ $over }，惩罚项只作用于 { $count } 个权重（不含偏置）
ex-bce-softplus = （每一项由 z 按 softplus(z) − y·z 计算，所以 ln 不会遇到 0）
ex-loss-overflow = L 不是有限数：数值已经溢出

## 反向传播
ex-delta-bce = 每行的误差项，对 logit 求导：δ = dl/dz = p − y（取平均之前）
ex-delta = 每行的误差项：δ = dl/dŷ = { $formula }（取平均之前）
ex-chain = 然后用链式法则，逐个参数：∂L/∂θ = mean(δ·∂{ $by }/∂θ)
ex-where = 其中 { $formula }
ex-where-relu = 其中 z > 0 时 relu'(z) = 1，否则为 0
ex-more-terms = … 另有 { $n } 项
ex-free = （只算未冻结的参数）
ex-frozen-list = 冻结：{ $names }（梯度照算，但从不使用）
ex-all-frozen = 所有参数都已冻结：任何更新都不会移动 θ
ex-stationary = ∇L = 0：θ 是驻点，普通梯度下降不会移动它
ex-arrow = 地形图上的箭头沿 −∇L 方向，即梯度下降前进的方向
ex-grad-overflow = ∇L 不是有限数：数值已经溢出
ex-backprop = 第 1 行反向传播：{ $delta }
ex-unit = 第 { $l } 层第 { $i } 个单元：{ $terms }
ex-more-weights = … （共 { $n } 个权重）

## 更新
ex-stopped = 训练已停止：这个状态已经发散。下面是它本来会做的更新：
ex-scheduled = η = { $lr }（{ $schedule }，基础 η = { $base }，第 { $update } 次更新）
ex-stays = { $name } 保持 { $value }（冻结）
ex-new-loss = 新的损失 L = { $loss }，{ $change }
ex-up-from = 比之前的 { $loss } 上升
ex-down-from = 比之前的 { $loss } 下降
ex-unchanged = 没有变化
ex-not-finite-was = 不是有限数（之前是 { $loss }）
ex-past-bound = 超过了发散界限 { $factor } × max(L0, 1) = { $bound }：训练因发散而停止
ex-not-finite-stops = 不是有限数：训练因发散而停止
ex-rule-momentum = momentum：v ← μ·v + g，θ ← θ − Δ，其中 Δ = η·v；μ = { $mu }
ex-rule-nesterov = nesterov：v ← μ·v + g，θ ← θ − Δ，其中 Δ = η·(g + μ·v)；μ = { $mu }
ex-rule-adagrad = adagrad：G ← G + g²，θ ← θ − Δ，其中 Δ = η·g/(√G + ε)；ε = { $eps }
ex-rule-rmsprop = rmsprop：s ← α·s + (1−α)·g²，θ ← θ − Δ，其中 Δ = η·g/(√s + ε)；α = { $alpha }，ε = { $eps }
ex-rule-adam = adam：m ← β1·m + (1−β1)·g，v ← β2·v + (1−β2)·g²，θ ← θ − Δ，其中 Δ = η·m̂/(√v̂ + ε)，m̂ = m/(1−β1^t)，v̂ = v/(1−β2^t)；β1 = { $beta1 }，β2 = { $beta2 }，ε = { $eps }，t = { $t }
ex-rule-adamw = adamw：θ ← θ·(1 − η·λ)，然后按 adam 走一步：m ← β1·m + (1−β1)·g，v ← β2·v + (1−β2)·g²，θ ← θ − η·m̂/(√v̂ + ε)；λ = { $lambda }，β1 = { $beta1 }，β2 = { $beta2 }，ε = { $eps }，t = { $t }

## 损失为什么上升
ex-why-heading = 为什么会发散：
ex-overflowed = |∇L| = { $norm }：数值已经溢出，没有可比较的步长了
ex-zero-grad-gd = 这里 ∇L = 0，梯度下降不会移动：损失的变化只是舍入误差
ex-zero-grad-memory = 这里 ∇L = 0：{ $optimizer } 这一步来自它对之前梯度的记忆
ex-no-curve = κ ≤ 0（或不是有限数）：L 在这里沿 −∇L 不向上弯，曲率给不出 η 的上限；损失上升来自这一步更远处的变化
ex-kappa-exact = 精确值，因为 L 是 θ 的二次函数：κ = ĝᵀHĝ，ĝ = ∇L/|∇L|
ex-kappa-numeric = 由两侧的 ∇L 求得：κ = (∇L(θ + εĝ) − ∇L(θ − εĝ))·ĝ/(2ε)，ĝ = ∇L/|∇L|，ε = { $eps }
ex-curvature = L 沿 −∇L 的曲率 κ = { $kappa }（{ $how }）
ex-local = （只要曲率保持在 κ 附近）
ex-gd-step = 这一步走了 η·|∇L| = { $step }，但沿 −∇L 的最低点只有 |∇L|/κ = { $best } 远（η* = 1/κ = { $star }）
ex-above-twice = η 是 η* 的 { $times } 倍；任何大于 2η* = { $twice } 的 η 都会落在比起点更高的地方{ $local }
ex-below-twice = η = { $lr } 小于 2η* = { $twice }，按这个标准这一步没有冲过头：曲率在这一步中发生了变化
ex-other-step = { $optimizer } 这一步走了 |Δθ| = { $step }，但沿 −∇L 的最低点只有 |∇L|/κ = { $best } 远：这一步是它的 { $times } 倍
ex-for-plain-gd = （对普通梯度下降，η* = 1/κ = { $star }，任何大于 2η* = { $twice } 的 η 都会落在比起点更高的地方{ $local }）

## 曲面
ex-surface-no-data = { $surface } 没有数据：f 直接在该点求值。
ex-surface-value = 在 { $point }：f = { $f }
ex-surface-loss = 没有数据行，也没有残差：损失就是 f 本身。
ex-surface-grad = ∂L/∂θ = ∂f/∂θ，在 { $point }：
ex-hessian = H = { $h }，处处相同
