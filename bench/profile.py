"""Sums a profiler trace by op: `./gan4j bench MODEL --profile F` (libtorch's profiler) or
`bench/pytorch/bench.sh MODEL --profile F` (torch.autograd.profiler), both Chrome traces.

    /usr/bin/python3 bench/profile.py [--shapes] TRACE ITERATIONS [TOP]

Prints, per training iteration: the wall time inside ops, the number of top-level op calls (ops
not nested in another op: on gan4j's side the calls that come through JNI, TorchScript or the
autograd engine), and the TOP ops (default 25) by self time, i.e. their time minus that of the
ops they call, so that the column sums to the total without counting a nested op twice. The
times are wall clock: on a machine shared with other work an op that loses its core meanwhile
counts the wait, so the table also gives each op's median self time per call times its calls,
which a few such calls do not move. --shapes keeps apart the calls of an op with different input
shapes (a row per op and shapes), e.g. to turn a convolution's time per call into GFLOP/s."""
import collections
import json
import statistics
import sys

args = [a for a in sys.argv[1:] if a != "--shapes"]
by_shapes = len(args) < len(sys.argv) - 1
path, iterations = args[0], int(args[1])
top = int(args[2]) if len(args) > 2 else 25
with open(path) as f:
    data = json.load(f)
events = data["traceEvents"] if isinstance(data, dict) else data
ops = [e for e in events if e.get("ph") == "X" and "dur" in e and e.get("cat", "cpu_op") in ("cpu_op", "Operator")]
if by_shapes:
    for e in ops:
        shapes = e.get("shape", e.get("args", {}).get("Input Dims"))
        e["name"] = f"{e['name']} {json.dumps(shapes, separators=(',', ':'))}" if shapes else e["name"]

self_us = collections.Counter()
calls = collections.Counter()
per_call = collections.defaultdict(list)  # self time of each call, by op
top_level = 0
by_thread = collections.defaultdict(list)
for e in ops:
    by_thread[e.get("tid")].append(e)
for thread in by_thread.values():
    # parents start earlier (or at once and last longer): a stack of open intervals gives each op's children
    thread.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
    stack = []  # [event, its self time so far]
    for e in thread + [None]:
        start = float(e["ts"]) if e else float("inf")
        while stack and start >= float(stack[-1][0]["ts"]) + float(stack[-1][0]["dur"]):
            done, own = stack.pop()
            per_call[done["name"]].append(own)
        if e is None:
            break
        dur = float(e["dur"])
        if stack:
            self_us[stack[-1][0]["name"]] -= dur
            stack[-1][1] -= dur
        else:
            top_level += 1
        self_us[e["name"]] += dur
        calls[e["name"]] += 1
        stack.append([e, dur])
robust = {name: statistics.median(v) * len(v) for name, v in per_call.items()}

total = sum(self_us.values())
print(f"{path}: {total / 1e3 / iterations:.1f} ms/iter in ops, {top_level / iterations:.0f} top-level op calls/iter,"
      f" {sum(calls.values()) / iterations:.0f} ops/iter")
width = 110 if by_shapes else 44
print(f"{'op':<{width}} {'self ms/iter':>12} {'share':>6} {'median x calls':>14} {'share':>6} {'calls/iter':>10}")
robust_total = sum(robust.values())
for name, us in self_us.most_common(top):
    print(f"{name[:width]:<{width}} {us / 1e3 / iterations:12.2f} {100 * us / total:5.1f}%"
          f" {robust[name] / 1e3 / iterations:14.2f} {100 * robust[name] / robust_total:5.1f}% {calls[name] / iterations:10.1f}")
print(f"{'total':<{width}} {total / 1e3 / iterations:12.2f} {100:5.1f}% {robust_total / 1e3 / iterations:14.2f} {100:5.1f}%")
