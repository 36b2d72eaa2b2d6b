#!/usr/bin/env bash
# Dashboard soak: a dashboard process serving a live training run while 50 pages (curl on
# 127.0.0.1) connect and disconnect, each staying 1-20 s. Two rounds of pages: a warm-up of
# WARMUP minutes (default 2), then the soak of MINUTES (default 10). After each round the pages
# leave and the script waits 150 s (Jetty retires idle request threads after 60 s) before it
# samples, so the soak's end is compared with the warm-up's end under the same conditions.
# Each sample: RSS, threads, heap in use after a full GC, pages connected; every 30 s as well.
# The dashboard runs with a fixed heap limit (-Xmx256m) so that RSS reflects retained memory
# rather than G1's heap sizing. Usage: bench/dashboard-soak.sh [MINUTES] [PORT] [WARMUP]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
PORT=${2:-18932}
WARMUP=${3:-2}
DIR=$(mktemp -d)
cleanup() { kill "$TRAIN" "$DASH" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
./gan4j train vanilla --threads 1 --steps 100000000 --log-every 1 --sample-every 500 --out "$DIR/run" > "$DIR/train.log" 2>&1 &
TRAIN=$!
until [ -f "$DIR/run/metrics.jsonl" ]; do sleep 1; done
GAN4J_JAVA_OPTS=-Xmx256m ./gan4j dashboard "$DIR/run" --port "$PORT" > "$DIR/dash.log" 2>&1 &
DASH=$! # the launcher execs java
until grep -q "serving" "$DIR/dash.log" 2>/dev/null; do sleep 0.5; done
sample() {
  echo "$(date -u +%H:%M:%S) $1 step $(tail -1 "$DIR/run/metrics.jsonl" | grep -o '"step":[0-9]*' | cut -d: -f2)" \
    "pages $(ss -tn state established "( sport = :$PORT )" | tail -n +2 | wc -l)" \
    "RSS $(awk '/VmRSS/ {print $2}' /proc/"$DASH"/status) kB threads $(awk '/Threads/ {print $2}' /proc/"$DASH"/status)" \
    "heap-after-GC $(jcmd "$DASH" GC.run >/dev/null; jcmd "$DASH" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | cut -d' ' -f2)"
}
pages() { # pages MINUTES LABEL: 50 pages connect and reconnect for MINUTES, sampled every 30 s
  local end=$(( $(date +%s) + $1 * 60 ))
  for i in $(seq 1 50); do
    ( while [ "$(date +%s)" -lt "$end" ]; do
        curl -sN -H 'Accept: text/event-stream' --max-time $(( RANDOM % 20 + 1 )) "http://127.0.0.1:$PORT/events" > /dev/null || true
      done ) &
  done
  while [ "$(date +%s)" -lt "$end" ]; do sleep 30; sample "$2"; done
  wait $(jobs -p | grep -v -e "^$TRAIN\$" -e "^$DASH\$") 2>/dev/null || true # the last curls end (at most 20 s)
  sleep 150
  sample "$2-end"
}
sample start
pages "$WARMUP" warmup
pages "$MINUTES" soak
grep -c . "$DIR/run/metrics.jsonl" | sed 's/^/metrics lines: /'
