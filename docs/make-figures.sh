#!/usr/bin/env bash
# Makes every figure under docs/ again, with downhill itself: run it after a change that
# moves a number or the look of a figure, and commit what it writes. The README shows
# these files beside the commands below; tests/figures.rs checks that the paths drawn
# are still the ones `downhill run` prints.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
downhill=target/release/downhill
rm -f docs/*.svg docs/*.png docs/*.gif

# The interactive view, from its own screen buffer.
$downhill screenshot --preset ravine --steps 60 --size 120x40 --out docs/screen-ravine.svg
# The same view in Chinese, after blowup's one update.
$downhill screenshot --lang zh --preset blowup --steps 1 --size 120x40 --out docs/screen-blowup-zh.svg
# Too large a learning rate: one update throws the loss from 1.5e4 to 1e12.
$downhill plot --preset blowup --out docs/blowup.svg
# The ravine: just under η_crit the point zig-zags across the valley and crawls along it …
$downhill plot --preset ravine --out docs/ravine.svg
# … and on standardised features a far larger η walks straight down.
$downhill plot --preset ravine --scale standardize --lr 0.5 --out docs/ravine-standardised.svg
# Just over η_crit each zig-zag grows until the run blows up: a five-second loop.
$downhill plot --preset ravine-blowup --size 900x420 --out docs/ravine-blowup.gif
# Overfitting: the test loss is lowest at step 612, then climbs.
$downhill plot --preset overfit --out docs/overfit.svg
# The blowup again, in Chinese, as a PNG for slides (its font carries the characters).
$downhill plot --lang zh --preset blowup --size 1200x640 --out docs/blowup-zh.png
# Where you start decides which of Himmelblau's four minima you reach (a PNG).
$downhill plot --preset local-minima --panel landscape --size 800x640 --out docs/local-minima.png
