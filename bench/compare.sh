#!/usr/bin/env bash
# Side-by-side speed of gan4j and the PyTorch reference (bench/pytorch/bench.sh) on the
# reference models of its MODELS.md (acgan, mlp, dcgan64): runs them alternately, ours then theirs,
# for ROUNDS rounds (default 3), with the same thread count, the same timing protocol (MODELS.md's;
# dcgan64, seconds per iteration: --warmup 3 --chunks 3 --chunk 5) and the same OMP_WAIT_POLICY for
# both, then prints each side's median ms/iter over the rounds and the ratio ours/peer, with the
# machine and both sides' builds. bench/memory.sh measures their memory.
# Env: ROUNDS (default 3), THREADS (default 2), PEER (the peer's bench.sh), MODELS (default "acgan mlp dcgan64"),
# OMP_WAIT_POLICY (passed through unchanged to both sides; unset = the runtimes' default),
# PRECISION (fp32, the default, or bf16: ours with --precision bf16, the peer under torch.autocast's bfloat16).
# Run it on a quiet machine: other work on the same cores makes both sides slower, unevenly.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
MODELS=${MODELS:-acgan mlp dcgan64}
PEER=${PEER:-$HERE/bench/pytorch/bench.sh}
[ -x "$PEER" ] || { echo "compare.sh: peer benchmark $PEER not found (set PEER=)" >&2; exit 1; }
[ "$ROUNDS" -ge 1 ] 2>/dev/null || { echo "compare.sh: ROUNDS must be a positive integer, not '$ROUNDS'" >&2; exit 1; }
# MODELS.md's timing protocol per model (the default one: 20 warm-up iterations, 5 chunks of 40).
protocol() { [ "$1" = dcgan64 ] && echo "--warmup 3 --chunks 3 --chunk 5" || true; }
PRECISION=${PRECISION:-fp32}
case $PRECISION in
  fp32) OURS_PRECISION=(); PEER_PRECISION=() ;;
  bf16) OURS_PRECISION=(--precision bf16); PEER_PRECISION=(--bf16) ;;
  *) echo "compare.sh: PRECISION must be fp32 or bf16, not '$PRECISION'" >&2; exit 1 ;;
esac
# Build once up front so that no round times a build.
"$HERE/gan4j" --version >/dev/null
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT

echo "# gan4j vs PyTorch reference: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores," \
     "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), flags:" \
     "$(grep -o -w 'avx2\|avx512f\|avx512_bf16\|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "# ours: $("$HERE/gan4j" --version | head -1) (its libtorch: engine= on each model's first line)"
echo "# peer: $(THREADS=$THREADS "$PEER" --build 2>/dev/null || echo "(its build: unknown)")"
echo "# threads=$THREADS OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-<unset>} rounds=$ROUNDS models=$MODELS precision=$PRECISION"
echo "# loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for model in $MODELS; do
    # shellcheck disable=SC2046 # the protocol is words
    "$HERE/gan4j" bench "$model" --threads "$THREADS" $(protocol "$model") ${OURS_PRECISION[@]+"${OURS_PRECISION[@]}"} \
      >"$LOG/ours.$model.$round" 2>&1 \
      || { cat "$LOG/ours.$model.$round" >&2; exit 1; }
    # shellcheck disable=SC2046
    THREADS=$THREADS "$PEER" "$model" $(protocol "$model") ${PEER_PRECISION[@]+"${PEER_PRECISION[@]}"} \
      >"$LOG/peer.$model.$round" 2>"$LOG/peer.$model.$round.err" \
      || { cat "$LOG/peer.$model.$round.err" >&2; exit 1; }
    if [ "$round" = 1 ]; then
      echo "# $model: ours $(grep -o 'params(G/D)=[0-9/]*' "$LOG/ours.$model.$round")" \
           "$(grep -o 'engine=.*' "$LOG/ours.$model.$round"), peer $(grep -o 'params(G/D)=[0-9/]*' "$LOG/peer.$model.$round.err")"
    fi
    ours=$(grep -o "^$model ms_per_iter=[0-9.]*" "$LOG/ours.$model.$round" | cut -d= -f2)
    peer=$(grep -o "^$model ms_per_iter=[0-9.]*" "$LOG/peer.$model.$round" | cut -d= -f2)
    ocpu=$(grep -o 'cpu_ms_per_iter(median)=[0-9.]*' "$LOG/ours.$model.$round" | cut -d= -f2)
    pcpu=$(grep -o 'cpu_ms_per_iter(median)=[0-9.]*' "$LOG/peer.$model.$round.err" | cut -d= -f2)
    echo "$model $ours $peer $ocpu $pcpu" >>"$LOG/all"
    printf 'round %d %-7s ours %8.2f ms/iter (cpu %7.2f)   peer %8.2f ms/iter (cpu %7.2f)   loadavg %s\n' \
      "$round" "$model" "$ours" "$ocpu" "$peer" "$pcpu" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "# medians over $ROUNDS rounds (ms/iter; wall clock, as the peer's protocol; cpu = process CPU time per iteration)"
printf '%-7s %10s %10s %8s %10s %10s %8s\n' model ours peer ratio ours_cpu peer_cpu ratio_cpu
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for model in $MODELS; do
  col() { awk -v m="$model" -v c="$1" '$1 == m {print $c}' "$LOG/all" | median; }
  o=$(col 2); p=$(col 3); oc=$(col 4); pc=$(col 5)
  awk -v m="$model" -v o="$o" -v p="$p" -v oc="$oc" -v pc="$pc" \
    'BEGIN {printf "%-7s %10.2f %10.2f %8.2f %10.2f %10.2f %8.2f\n", m, o, p, o / p, oc, pc, oc / pc}'
done
echo "# loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)"
