#!/usr/bin/env bash
# Soak test of `itm serve`: the mixed scenario of benchmarks/load/run.sh (80 % search + 20 % similar, 32 connections)
# for an hour, the server's resident memory sampled every second. Then it reports errors, and the memory slope after
# the warm-up (least squares over the samples, in MB per 10 minutes), and draws memory over time:
#   benchmarks/work/load/soak/memory.svg, benchmarks/work/load/soak/soak.json
# Targets (issue 20): 0 errors; slope below 1 MB per 10 minutes after warm-up.
#
#   benchmarks/load/soak.sh                          # SOAK=3600s WARMUP=600 (seconds of samples left out), IMAGES=100000
#   SOAK=120s WARMUP=30 IMAGES=20000 benchmarks/load/soak.sh      # a quick look
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SOAK="${SOAK:-3600s}"
WARMUP="${WARMUP:-600}"
work="$root/benchmarks/work/load"
out="$work/soak"
mkdir -p "$out"
SCENARIOS=mixed DURATION="$SOAK" "$root/benchmarks/load/run.sh"
cp "$work/memory-mixed.txt" "$work/results-mixed.json" "$out/"
/usr/bin/python3 - "$out" "$WARMUP" <<'PY'
import json, sys
out, warmup = sys.argv[1], int(sys.argv[2])
rss = [float(line) for line in open(f"{out}/memory-mixed.txt") if line.strip()]
result = json.load(open(f"{out}/results-mixed.json"))
errors = result["non_200"] + sum(result["socket_errors"].values())
after = list(enumerate(rss))[warmup:]
if len(after) < 2:
    sys.exit(f"only {len(rss)} memory samples: the run is shorter than the warm-up of {warmup} s")
n = len(after)
mean_t = sum(t for t, _ in after) / n
mean_m = sum(m for _, m in after) / n
slope = sum((t - mean_t) * (m - mean_m) for t, m in after) / sum((t - mean_t) ** 2 for t, _ in after)   # MB per second
per_10_min = slope * 600
summary = {"seconds": len(rss), "warmup_seconds": warmup, "requests": result["requests"], "errors": errors,
           "requests_per_second": result["requests_per_second"], "latency_ms": result["latency_ms"],
           "rss_mb": {"first": rss[0], "after_warmup": after[0][1], "last": rss[-1], "max": max(rss)},
           "rss_slope_mb_per_10_min": round(per_10_min, 3)}
json.dump(summary, open(f"{out}/soak.json", "w"), indent=2)

# Memory over time as an SVG line (no plotting library needed).
width, height, pad = 800, 300, 40
lo, hi = min(rss), max(rss)
span = max(hi - lo, 1.0)
points = " ".join(f"{pad + t * (width - 2 * pad) / max(1, len(rss) - 1):.1f},{height - pad - (m - lo) * (height - 2 * pad) / span:.1f}"
                  for t, m in enumerate(rss))
warm_x = pad + warmup * (width - 2 * pad) / max(1, len(rss) - 1)
svg = f'''<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#888"/>
<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#888"/>
<line x1="{warm_x:.1f}" y1="{pad}" x2="{warm_x:.1f}" y2="{height - pad}" stroke="#bbb" stroke-dasharray="4 4"/>
<polyline fill="none" stroke="#1f6feb" stroke-width="1.5" points="{points}"/>
<text x="{pad}" y="{pad - 12}">itm serve resident memory, MB ({lo:.0f}–{hi:.0f}); {len(rss)} s of mixed load, 32 connections; slope after warm-up {per_10_min:+.2f} MB / 10 min</text>
<text x="{pad}" y="{height - pad + 16}">0 s</text>
<text x="{width - pad - 40}" y="{height - pad + 16}">{len(rss)} s</text>
<text x="{warm_x + 4:.1f}" y="{pad + 12}">warm-up ends</text>
</svg>'''
open(f"{out}/memory.svg", "w").write(svg)
print(f"soak: {len(rss)} s, {result['requests']} requests, {errors} errors, RSS {rss[0]:.0f} → {rss[-1]:.0f} MB (max {max(rss):.0f}), "
      f"slope after {warmup} s: {per_10_min:+.2f} MB / 10 min  [targets: 0 errors, < 1 MB / 10 min]")
PY
