# `downhill run` 在数字之外打印的文字，以及给答案评分，简体中文。
# 每条消息在 en/report.ftl 中也有。

## `downhill run` 表格下的一行
run-summary = { $name }：{ $steps } 步后{ $outcome }，最终损失 { $loss }（起点 { $start }），η = { $lr }，{ $limit }{ $scaled }
run-at-start = 起点处 { $limit }
run-scaled = ；{ $scale } x：{ $conditioning }

## 给答案评分（`downhill run --answers FILE.csv`）
grade-header = { $path }：表头必须是 `question,answer`
grade-no-such-question = { $path }:{ $line }：题号 `{ $question }` 不在 1…{ $count } 之中
grade-twice = { $path }:{ $line }：第 { $question } 题回答了两次
grade-not-as-written = { $name } 的题目是按它自己的设置写的；覆盖它的选项（模型、损失函数、优化器、η、数据等）会改变答案
grade-question = 第 { $number } 题（第 { $update } 次更新之前）：{ $text }
grade-score = 得分 { $right }/{ $total }
grade-not-asked = 未提问：训练在第 { $step } 步停止
grade-unchecked = 这里无法核对答案：{ $why }
grade-no-answer = 未作答 → 错误；{ $detail }
grade-answered = 回答 { $said } → { $mark }；答案是 { $truth }；{ $detail }
grade-unreadable = 回答 `{ $said }` 无法识别（{ $why }）→ 错误；{ $detail }
grade-right = 正确
grade-wrong = 错误
