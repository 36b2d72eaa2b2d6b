#!/usr/bin/env bash
# Time to quality: the CPU seconds a fresh `./gan4j train MODEL` process (JVM start, grids and
# checkpoint included) takes to reach cond_acc >= TARGET by gan4j's default classifier.
#  1. search: train MODEL for MAX steps with --eval-every EVERY (1,000 samples each) and take the
#     first evaluated step S whose cond_acc reaches TARGET;
#  2. timed: a new run of exactly S steps, same seed (seeded runs are bit-deterministic, so it ends
#     on the model the search scored), under /usr/bin/time: user + system CPU seconds;
#  3. check: `./gan4j eval` of the timed run with the in-training evaluation's seed and size prints
#     its cond_acc, which must be the search's.
# Usage: bench/time-to-quality.sh [MODEL (acgan)] [extra train options...]
# Env: TARGET (0.93), MAX (1500), EVERY (25), SEED (1), THREADS (1), OUT (a temporary directory),
#      TIMED_STEPS (skip the search and time a run of exactly that many steps: a crossing found before by a
#      search of the same seed, options and rounding; the check (3.) then prints the cond_acc it reaches).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
MODEL=${1:-acgan}
shift || true
TARGET=${TARGET:-0.93}
MAX=${MAX:-1500}
EVERY=${EVERY:-25}
SEED=${SEED:-1}
THREADS=${THREADS:-1}
OUT=${OUT:-$(mktemp -d)}
[ -x /usr/bin/time ] || { echo "time-to-quality.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
mkdir -p "$OUT"
"$HERE/gan4j" --version >/dev/null
echo "# time to cond_acc >= $TARGET: $MODEL $* seed $SEED threads $THREADS; $(date -u '+%Y-%m-%d %H:%M UTC');" \
     "loadavg $(cut -d' ' -f1-3 /proc/loadavg); runs in $OUT"

if [ -n "${TIMED_STEPS:-}" ]; then
  [[ $TIMED_STEPS =~ ^[1-9][0-9]*$ ]] || { echo "time-to-quality.sh: TIMED_STEPS must be a positive integer, not '$TIMED_STEPS'" >&2; exit 1; }
  STEPS=$TIMED_STEPS ACC=-
  echo "# search skipped: TIMED_STEPS=$STEPS"
else
  "$HERE/gan4j" train "$MODEL" "$@" --steps "$MAX" --eval-every "$EVERY" --seed "$SEED" --threads "$THREADS" \
    --out "$OUT/search" >"$OUT/search.log" 2>&1 || { tail -5 "$OUT/search.log" >&2; exit 1; }
  # step and cond_acc of every evaluation, in order
  grep '"eval"' "$OUT/search/metrics.jsonl" | sed -E 's/^\{"step":([0-9]+),.*"cond_acc":([0-9.]+),.*/\1 \2/' >"$OUT/curve"
  echo "# search: step:cond_acc $(awk '{s = s (NR > 1 ? " " : "") $1 ":" $2} END {print s}' "$OUT/curve")"
  read -r STEPS ACC < <(awk -v t="$TARGET" '$2 >= t {print $1, $2; exit}' "$OUT/curve") || true
  [ -n "${STEPS:-}" ] || { echo "time-to-quality.sh: cond_acc did not reach $TARGET in $MAX steps" >&2; exit 1; }
fi

/usr/bin/time -f '%U %S %e %M' -o "$OUT/time" "$HERE/gan4j" train "$MODEL" "$@" --steps "$STEPS" --seed "$SEED" \
  --threads "$THREADS" --out "$OUT/timed" >"$OUT/timed.log" 2>&1 || { tail -5 "$OUT/timed.log" >&2; exit 1; }
read -r USER SYS WALL RSS <"$OUT/time"
CHECK=$("$HERE/gan4j" eval --checkpoint "$OUT/timed" --n 1000 --seed "$SEED" --threads "$THREADS" --json \
  | grep -o '"cond_acc": *[0-9.]*' | head -1 | grep -o '[0-9.]*$')
awk -v s="$STEPS" -v a="$ACC" -v c="$CHECK" -v u="$USER" -v y="$SYS" -v w="$WALL" -v r="$RSS" 'BEGIN {
  printf "steps_to_target=%d cond_acc=%s (timed run re-evaluated: %s) cpu_s=%.1f (user %.1f + sys %.1f) wall_s=%.1f cpu_s_per_step=%.3f peak_rss_mb=%.0f\n",
    s, a, c, u + y, u, y, w, (u + y) / s, r / 1024 }'
