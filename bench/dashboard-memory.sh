#!/usr/bin/env bash
# Dashboard memory with a long history: a 25 MB metrics.jsonl (lines as the trainer writes them,
# every 50th an evaluation), the dashboard's RSS and heap after it has read the file, then after
# 20 pages have each received the whole history. Usage: bench/dashboard-memory.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-18931}
DIR=$(mktemp -d)
trap 'kill "$DASH" 2>/dev/null || true; rm -rf "$DIR"' EXIT
mkdir -p "$DIR/run"
echo '{"model":"dcgan","totalSteps":1000000}' > "$DIR/run/config.json"
awk 'BEGIN { for (s = 1; s <= 160000; s++) {
  printf "{\"step\":%d,\"epoch\":%d,\"d_loss\":%.17g,\"d_real\":%.17g,\"d_fake\":%.17g,\"g_loss\":%.17g,\"time_s\":%.3f}\n",
    s, int(s / 1875) + 1, 0.5 + 1 / s, 0.3 + 0.1 * sin(s), 0.25 + 0.1 * cos(s), 1.5 - 1 / s, s * 0.021
  if (s % 50 == 0) printf "{\"step\":%d,\"eval\":{\"fd\":%.6f,\"precision\":0.5,\"recall\":0.4}}\n", s, 100 / s } }' \
  > "$DIR/run/metrics.jsonl"
echo "metrics.jsonl: $(stat -c %s "$DIR/run/metrics.jsonl") bytes, $(wc -l < "$DIR/run/metrics.jsonl") lines"
./gan4j dashboard "$DIR/run" --port "$PORT" > "$DIR/dash.log" 2>&1 &
DASH=$!
until grep -q "serving" "$DIR/dash.log" 2>/dev/null; do sleep 0.5; done
JAVA=$DASH # the launcher execs java
report() {
  echo "$1: RSS $(awk '/VmRSS/ {print $2, $3}' /proc/"$JAVA"/status), threads $(awk '/Threads/ {print $2}' /proc/"$JAVA"/status)," \
    "heap after a full GC: $(jcmd "$JAVA" GC.run >/dev/null; jcmd "$JAVA" GC.heap_info | grep -o 'used [0-9]*K' | head -1)"
}
sleep 2
report "after reading the file"
for i in $(seq 1 20); do
  curl -sN -H 'Accept: text/event-stream' --max-time 120 "http://127.0.0.1:$PORT/events" > "$DIR/page$i.txt" &
done
# Each page has it all once its stream holds the last line's step.
for i in $(seq 1 20); do until grep -q '"step":160000,"epoch"' "$DIR/page$i.txt" 2>/dev/null; do sleep 0.5; done; done
echo "20 pages each received $(stat -c %s "$DIR/page1.txt") bytes of events"
report "with 20 pages connected"
