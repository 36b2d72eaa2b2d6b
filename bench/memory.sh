#!/usr/bin/env bash
# Memory of gan4j and the PyTorch reference on the reference models of bench/pytorch/MODELS.md:
# each side trains the model for STEPS steps after 100 warm-up steps (acgan, mlp: to step 2,000;
# dcgan64: to step 500) and reports its resident size after step 100, after the last step, the
# growth between them, and its peak resident size. One process per side and model, ours first.
# Env: THREADS (default 2), LAST (the last step, > 100, for every model), PEER (the peer's bench.sh), MODELS (default "acgan mlp dcgan64").
# dcgan64 takes seconds per step: 500 steps are tens of minutes per side.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
THREADS=${THREADS:-2}
MODELS=${MODELS:-acgan mlp dcgan64}
PEER=${PEER:-$HERE/bench/pytorch/bench.sh}
[ -x "$PEER" ] || { echo "memory.sh: peer benchmark $PEER not found (set PEER=)" >&2; exit 1; }
"$HERE/gan4j" --version >/dev/null
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT
last() { if [ -n "${LAST:-}" ]; then echo "$LAST"; elif [ "$1" = dcgan64 ]; then echo 500; else echo 2000; fi; }

echo "# gan4j vs PyTorch reference, memory: $(date -u '+%Y-%m-%d %H:%M UTC'), threads=$THREADS"
printf '%-8s %-5s %9s %12s %12s %8s %12s\n' model side last_step rss@100_mb rss@last_mb growth peak_rss_mb
for model in $MODELS; do
  args="--warmup 100 --chunks 1 --chunk $(($(last "$model") - 100))"
  # shellcheck disable=SC2086 # args are words
  "$HERE/gan4j" bench "$model" --threads "$THREADS" $args >"$LOG/ours" 2>&1 || { cat "$LOG/ours" >&2; exit 1; }
  # shellcheck disable=SC2086
  THREADS=$THREADS "$PEER" "$model" $args >/dev/null 2>"$LOG/peer" || { cat "$LOG/peer" >&2; exit 1; }
  for side in ours peer; do
    grep -o 'rss_mb([^)]*)=[0-9.]*/[0-9.]* peak_rss_mb=[0-9.]*' "$LOG/$side" | sed 's/.*)=//; s/[/]/ /; s/peak_rss_mb=//' \
      | awk -v m="$model" -v s="$side" -v n="$(last "$model")" \
        '{printf "%-8s %-5s %9d %12.1f %12.1f %7.1f%% %12.1f\n", m, s, n, $1, $2, 100 * ($2 - $1) / $1, $3}'
  done
done
