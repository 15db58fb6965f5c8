#!/bin/sh
# tokenizer.sh: MB/s of our tokenizer and of js-tiktoken on the same text, in
# the same run, and their ratio; fails unless both give identical token ids.
# Last line: BENCH tokenizer mbps=<> js_mbps=<> ratio=<>
#
# Environment: TOKENIZER_BENCH_KB (text size, default 1024: the mixed fixture
# repeated), TOKENIZER_BENCH_RUNS (ours, default 7), TOKENIZER_BENCH_JS_RUNS
# (js-tiktoken's, default 3: its merge is quadratic in a piece's length, so a
# run on the mixed text takes seconds), TOKENIZER_BENCH_ENCODING (o200k_base).
set -eu
cd "$(dirname "$0")/.."

KB=${TOKENIZER_BENCH_KB:-1024}
RUNS=${TOKENIZER_BENCH_RUNS:-7}
JS_RUNS=${TOKENIZER_BENCH_JS_RUNS:-3}
ENC=${TOKENIZER_BENCH_ENCODING:-o200k_base}
OUT=build/bench/tokenizer
mkdir -p "$OUT"

if [ ! -d scripts/node_modules/js-tiktoken ]; then
	(cd scripts && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

# Only what the measurement needs: the tokenizer, its status names and log.
CC=${CC:-cc}
# shellcheck disable=SC2046
$CC -std=c11 -D_GNU_SOURCE -O2 -g -Isrc $(pkg-config --cflags libpcre2-8 json-c) \
    -o "$OUT/tokenizer_bench" bench/tokenizer_bench.c src/core/tokenizer.c \
    src/core/tokenizer_encode.c src/lib/status.c src/lib/log.c \
    $(pkg-config --libs libpcre2-8 json-c)

# The mixed fixture (code, prose, CJK, emoji, whitespace runs) repeated.
text=$OUT/text.txt
: >"$text"
while [ "$(wc -c <"$text")" -lt $((KB * 1024)) ]; do
	cat tests/fixtures/tokenizer/mixed.txt >>"$text"
done

ours=$("$OUT/tokenizer_bench" data "$ENC" "$text" "$RUNS" "$OUT/ours.ids")
js=$(node bench/tokenizer_js.mjs "$ENC" "$text" "$JS_RUNS" "$OUT/js.ids")
echo "ours: $ours" >&2
echo "js-tiktoken: $js" >&2
if ! cmp -s "$OUT/ours.ids" "$OUT/js.ids"; then
	echo "tokenizer: token ids differ from js-tiktoken ($OUT/*.ids)" >&2
	exit 1
fi
mbps=${ours#mbps=}
mbps=${mbps%% *}
js_mbps=${js#js_mbps=}
js_mbps=${js_mbps%% *}
ratio=$(awk -v a="$mbps" -v b="$js_mbps" 'BEGIN { printf "%.2f", a / b }')
echo "BENCH tokenizer mbps=$mbps js_mbps=$js_mbps ratio=$ratio"
