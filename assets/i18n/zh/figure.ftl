# `downhill plot` 图中的文字，简体中文。每条消息在 en/figure.ftl 中也有；
# 这里的汉字就是图所用字体包含的字（assets/fonts/make-zh-font.sh 据此生成字体）。

fig-caption-heat = 损失地形（颜色：log₁₀ L；箭头：−∇L）
fig-caption-curve = 沿唯一未冻结参数的损失（箭头：−∇L）
fig-loss-signed = 损失（带符号的对数刻度）
fig-loss-log = 损失（对数刻度）
fig-step = 步
fig-training-rows = 训练数据
fig-test-rows = 测试数据
fig-lowest-test = 测试损失最低：第 { $step } 步
fig-diverged-at = 第 { $step } 步发散
fig-fit-curve = 拟合：当前的 ŷ（实线），起点的 ŷ（虚线）
fig-fit-plane = 拟合：预测值对实际值（虚线：两者相等）
fig-predicted = 预测值
fig-actual = 实际 { $target }
fig-title-step = { $heading }，第 { $step } 步
fig-title-end = { $heading }，{ $step } 次更新，{ $outcome ->
    [converged] 已收敛
    [stalled] 停滞
    [diverged] 发散
   *[other] 仍在移动
}
fig-random-1 = 随机方向 1（种子 { $seed }）
fig-random-2 = 随机方向 2
fig-pc1 = PC1（与 PC2 共占路径方差的 { $share }%）
