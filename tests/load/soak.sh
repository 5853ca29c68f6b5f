#!/usr/bin/env bash
# The soak test: builds Release, seeds (or reuses) a database, starts the API on 127.0.0.1 and runs DURATION seconds
# (default 300) of mixed load: reads of lists, articles, tags, quotes and search, some article writes, and a few
# requests that must be refused (404, 400). Samples the server's RSS every SAMPLE seconds. Fails (exit 1) when the
# RSS grows more than MAX_GROWTH_PERCENT after the warm-up, or when any answer is a 5xx or an unexpected status.
# Not run in CI. See tests/load/README.md.
#
#   bash tests/load/soak.sh                        # 5 minutes; seeds into a temporary folder, deleted afterwards
#   DURATION=90 WARMUP=30 bash tests/load/soak.sh  # a short run
#   bash tests/load/soak.sh --reuse DIR            # seed DIR/headless.db once, reuse it on later runs
set -euo pipefail

DURATION="${DURATION:-300}"
WARMUP="${WARMUP:-60}"
SAMPLE="${SAMPLE:-5}"
CONNECTIONS="${CONNECTIONS:-8}"
WRITE_PERCENT="${WRITE_PERCENT:-5}"
MAX_GROWTH_PERCENT="${MAX_GROWTH_PERCENT:-10}"
ARTICLES="${ARTICLES:-20000}"
SEED="${SEED:-20260101}"
PORT="${PORT:-}"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REUSE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reuse) REUSE="${2:?--reuse needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "soak.sh: unknown argument '$1' (see tests/load/README.md)" >&2; exit 64 ;;
  esac
done
(( DURATION > WARMUP + 2 * SAMPLE )) || { echo "soak.sh: DURATION must exceed WARMUP by at least two samples" >&2; exit 64; }

log() { printf '\n== %s\n' "$*" >&2; }

NAME=soak
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"
SAMPLER_PID=""
cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in curl python3; do command -v "$tool" >/dev/null || { echo "soak.sh: needs $tool" >&2; exit 1; }; done

# --- build, seed and start the API ------------------------------------------------------------------------------
build_and_seed
start_server

# --- sample RSS --------------------------------------------------------------------------------------------------
RSS="$WORK/rss.tsv"
: >"$RSS"
(
  start=$(date +%s)
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    printf '%s\t%s\n' "$(( $(date +%s) - start ))" "$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")" >>"$RSS"
    sleep "$SAMPLE"
  done
) &
SAMPLER_PID=$!

# --- load --------------------------------------------------------------------------------------------------------
log "mixed load for ${DURATION}s on $CONNECTIONS connections (warm-up ${WARMUP}s, RSS every ${SAMPLE}s)"
set +e
BASE="$BASE" PORT="$PORT" KEY="$ADMIN_KEY" DB="$DB" DURATION="$DURATION" CONNECTIONS="$CONNECTIONS" \
  WRITE_PERCENT="$WRITE_PERCENT" python3 - <<'PY'
import collections, http.client, json, os, random, sqlite3, threading, time, urllib.parse
port, key, duration = int(os.environ["PORT"]), os.environ["KEY"], float(os.environ["DURATION"])
connections, write_percent = int(os.environ["CONNECTIONS"]), float(os.environ["WRITE_PERCENT"])
db = sqlite3.connect(os.environ["DB"])
slugs = [r[0] for r in db.execute("SELECT slug FROM articles WHERE status = 'published' ORDER BY id DESC LIMIT 2000")]
ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE status = 'published' ORDER BY id DESC LIMIT 2000")]
tags = [r[0] for r in db.execute("SELECT slug FROM tags ORDER BY id LIMIT 100")]
words = ["water", "market", "election", "court", "health", "energy", "river", "school", "budget", "storm"]
db.close()

def reads(rng):
    choice = rng.random()
    if choice < 0.30: return "GET", "/v1/articles/slug/%s?include=tags,quotes,links" % rng.choice(slugs), None, (200,)
    if choice < 0.45: return "GET", "/v1/articles?limit=20&include=tags", None, (200,)
    if choice < 0.55: return "GET", "/v1/articles?tag=%s" % rng.choice(tags), None, (200,)
    if choice < 0.62: return "GET", "/v1/articles/%d/related?limit=10" % rng.choice(ids), None, (200,)
    if choice < 0.70: return "GET", "/v1/tags?sort=-articleCount&limit=20", None, (200,)
    if choice < 0.76: return "GET", "/v1/quotes?limit=20", None, (200,)
    if choice < 0.90: return "GET", "/v1/search?q=%s" % urllib.parse.quote(rng.choice(words)), None, (200,)
    if choice < 0.96: return "GET", "/v1/search/suggest?q=%s" % rng.choice(words)[:3], None, (200,)
    if choice < 0.98: return "GET", "/v1/articles/slug/soak-missing-%d" % rng.randrange(10**9), None, (404,)
    return "GET", "/metrics", None, (200,)

def writes(rng, n):
    if rng.random() < 0.1:  # a body the validators refuse
        return "POST", "/v1/articles", {"headline": "", "slug": "Not A Slug"}, (400,)
    slug = "soak-%d-%d" % (n, rng.randrange(10**12))
    body = "\n\n".join("Paragraph %d about %s." % (i, rng.choice(words)) for i in range(rng.randint(2, 8)))
    return "POST", "/v1/articles", {"headline": "Soak " + slug, "slug": slug, "body": body,
                                    "status": rng.choice(["draft", "published"]), "tags": rng.sample(tags, 2)}, (201,)

lock = threading.Lock()
statuses, unexpected, latencies = collections.Counter(), collections.Counter(), []
deadline = time.monotonic() + duration

def worker(n):
    rng = random.Random(n)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    local_status, local_unexpected, local_lat = collections.Counter(), collections.Counter(), []
    while time.monotonic() < deadline:
        method, path, body, expected = writes(rng, n) if rng.random() * 100 < write_percent else reads(rng)
        headers = {"X-Api-Key": key} if method != "GET" or rng.random() < 0.5 else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode(); headers["Content-Type"] = "application/json"
        started = time.monotonic()
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse(); response.read(); status = response.status
        except Exception as error:  # a dropped connection counts as a failure
            status = "error:" + type(error).__name__
            conn.close(); conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local_lat.append(time.monotonic() - started)
        local_status[status] += 1
        if status not in expected and not (isinstance(status, int) and 300 <= status < 400):
            local_unexpected["%s %s -> %s" % (method, path.split("?")[0].rsplit("/", 1)[0] + "/…", status)] += 1
    with lock:
        statuses.update(local_status); unexpected.update(local_unexpected); latencies.extend(local_lat)

threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
for t in threads: t.start()
for t in threads: t.join()
latencies.sort()
total = sum(statuses.values())
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0
print("requests: %d (%.0f/s), p50 %.1f ms, p99 %.1f ms" % (total, total / duration, pct(0.5), pct(0.99)))
print("statuses: " + ", ".join("%s: %d" % (s, c) for s, c in sorted(statuses.items(), key=str)))
if unexpected:
    print("UNEXPECTED answers:")
    for what, count in unexpected.most_common(20): print("  %6d  %s" % (count, what))
raise SystemExit(1 if unexpected else 0)
PY
load_status=$?
set -e
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""

# --- verdict -----------------------------------------------------------------------------------------------------
RSS="$RSS" WARMUP="$WARMUP" SAMPLE="$SAMPLE" MAX="$MAX_GROWTH_PERCENT" python3 - <<'PY'
import os
rows = [tuple(int(x) for x in line.split("\t")) for line in open(os.environ["RSS"]) if line.strip().count("\t") == 1 and line.split("\t")[1].strip()]
warmup, sample, limit = int(os.environ["WARMUP"]), int(os.environ["SAMPLE"]), float(os.environ["MAX"])
after = [kb for t, kb in rows if t >= warmup]
if len(after) < 3:
    raise SystemExit("soak.sh: too few RSS samples after the warm-up (%d)" % len(after))
# Baseline: the mean of the first samples after the warm-up; end: the mean of the last three.
baseline = sum(after[:3]) / 3
end = sum(after[-3:]) / 3
growth = (end / baseline - 1) * 100
mb = lambda kb: kb / 1024
print("RSS: start %.0f MB, after warm-up %.0f MB, end %.0f MB, max %.0f MB, growth after warm-up %+.1f%% (limit %.0f%%), %d samples"
      % (mb(rows[0][1]), mb(baseline), mb(end), mb(max(kb for _, kb in rows)), growth, limit, len(rows)))
open(os.environ["RSS"] + ".verdict", "w").write("fail" if growth > limit else "pass")
PY
verdict=$(cat "$RSS.verdict")
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  echo "soak.sh: FAIL: the server exited; its log:" >&2; tail -n 40 "$WORK/server.log" >&2; exit 1
fi
if grep -q '"LogLevel":"\(Error\|Critical\)"\|^fail:\|^crit:' "$WORK/server.log"; then
  echo "(the server logged errors; see $WORK/server.log with KEEP=1)" >&2
fi
if [[ $load_status -ne 0 || "$verdict" != "pass" ]]; then
  echo "soak.sh: FAIL (unexpected answers: $([[ $load_status -ne 0 ]] && echo yes || echo no), RSS growth: $verdict)"
  exit 1
fi
echo "soak.sh: PASS"
