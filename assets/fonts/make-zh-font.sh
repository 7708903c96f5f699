#!/bin/sh
# Makes downhill-zh-sans.ttf and downhill-zh-sans-bold.ttf here: DejaVu Sans (the files
# of the `dejavu` crate, which the English figures use) with the Chinese characters of
# assets/i18n/zh/figure.ftl added from WenQuanYi Micro Hei (Apache-2.0), so that PNG and
# GIF figures in Chinese need no installed fonts. Run it again after changing the words
# of zh/figure.ftl; a test fails while a character there is missing from the font.
#
# Needs fonttools (`pip install fonttools`), the WenQuanYi Micro Hei font (Debian and
# Ubuntu: `apt install fonts-wqy-microhei`) and the `dejavu` crate in cargo's registry
# (any `cargo build` of downhill fetches it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wqy=${WQY:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
dejavu=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/dejavu-2.37.0/assets/dejavu-fonts-ttf-2.37/ttf | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every character from U+2E80 up (CJK and full-width punctuation) in the messages,
# comments left out.
grep -v '^#' "$root/assets/i18n/zh/figure.ftl" | python3 -c '
import sys
print("".join(sorted({c for c in sys.stdin.read() if ord(c) >= 0x2E80})))
' > "$work/chars.txt"

pyftsubset "$wqy" --font-number=0 --text-file="$work/chars.txt" --no-hinting \
    --layout-features='' --drop-tables+=vhea,vmtx --output-file="$work/cjk.ttf"
for style in "" "-Bold"; do
    # Hinting off in both, as pyftmerge needs; ab_glyph draws unhinted outlines anyway.
    pyftsubset "$dejavu/DejaVuSans$style.ttf" --unicodes='*' --no-hinting \
        --layout-features='*' --output-file="$work/dejavu.ttf"
    out="$here/downhill-zh-sans$(echo "$style" | tr 'A-Z' 'a-z').ttf"
    pyftmerge --output-file="$out" "$work/dejavu.ttf" "$work/cjk.ttf"
    echo "wrote $out ($(wc -c < "$out") bytes)"
done
