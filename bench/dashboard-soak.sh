#!/usr/bin/env bash
# Dashboard soak: a dashboard process serving a live training run for MINUTES (default 10) while
# 50 pages (curl on 127.0.0.1) connect and disconnect, each staying 1-20 s; the dashboard's RSS,
# thread count and heap in use after a full GC logged every 30 s. Usage: bench/dashboard-soak.sh [MINUTES] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
PORT=${2:-18932}
DIR=$(mktemp -d)
cleanup() { kill "$TRAIN" "$DASH" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
./gan4j train vanilla --threads 1 --steps 100000000 --log-every 1 --sample-every 500 --out "$DIR/run" > "$DIR/train.log" 2>&1 &
TRAIN=$!
until [ -f "$DIR/run/metrics.jsonl" ]; do sleep 1; done
./gan4j dashboard "$DIR/run" --port "$PORT" > "$DIR/dash.log" 2>&1 &
DASH=$! # the launcher execs java
until grep -q "serving" "$DIR/dash.log" 2>/dev/null; do sleep 0.5; done
sample() {
  echo "$(date -u +%H:%M:%S) step $(tail -1 "$DIR/run/metrics.jsonl" | grep -o '"step":[0-9]*' | cut -d: -f2)" \
    "dashboard RSS $(awk '/VmRSS/ {print $2}' /proc/"$DASH"/status) kB threads $(awk '/Threads/ {print $2}' /proc/"$DASH"/status)" \
    "heap after GC $(jcmd "$DASH" GC.run >/dev/null; jcmd "$DASH" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | cut -d' ' -f2)" \
    "pages $(ss -tn state established "( sport = :$PORT )" | tail -n +2 | wc -l)"
}
END=$(( $(date +%s) + MINUTES * 60 ))
sample
for i in $(seq 1 50); do
  ( while [ "$(date +%s)" -lt "$END" ]; do
      curl -sN -H 'Accept: text/event-stream' --max-time $(( RANDOM % 20 + 1 )) "http://127.0.0.1:$PORT/events" > /dev/null || true
    done ) &
done
while [ "$(date +%s)" -lt "$END" ]; do sleep 30; sample; done
sleep 25 # the last pages' curls end (at most 20 s each)
echo "after the pages left:"; sample
sleep 65 # idle request threads end after Jetty's 60 s
echo "65 s later:"; sample
grep -c . "$DIR/run/metrics.jsonl" | sed 's/^/metrics lines: /'
