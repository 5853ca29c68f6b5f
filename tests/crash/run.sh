#!/usr/bin/env bash
# Crash test: concurrent writers against the built API, kill -9 at a random moment, restart, and check that every
# acknowledged write survived whole. Repeats ROUNDS times on one database; exits non-zero on any failure.
#
#   tests/crash/run.sh                 # 20 rounds, 8 writers
#   ROUNDS=50 WRITERS=16 tests/crash/run.sh
#
# Settings (environment): ROUNDS (20), WRITERS (8 threads), MIN_MS / MAX_MS (the kill comes 1000-4000 ms after the
# writers start), PORT (a free one), KEEP=1 keeps the work folder (database, acknowledgements, server logs).
set -euo pipefail

ROUNDS="${ROUNDS:-20}"
WRITERS="${WRITERS:-8}"
MIN_MS="${MIN_MS:-1000}"
MAX_MS="${MAX_MS:-4000}"
PORT="${PORT:-}"

CRASH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$CRASH/../.." && pwd)"
WORK=""
SERVER_PID=""

log() { printf '\n== %s\n' "$*" >&2; }
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -9 "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [[ -n "$WORK" && "${KEEP:-0}" != "1" ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in curl python3; do command -v "$tool" >/dev/null || { echo "run.sh: needs $tool" >&2; exit 1; }; done

# --- build -------------------------------------------------------------------------------------------------------
log "building Release"
dotnet build "$REPO/src/Headless.Api/Headless.Api.csproj" -c Release --nologo -v quiet >&2
BIN="$REPO/src/Headless.Api/bin/Release/net10.0"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/headless-crash.XXXXXX")"
DB="$WORK/headless.db"
ACKS="$WORK/acknowledged.jsonl"
: >"$ACKS"
[[ -n "$PORT" ]] || PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
ADMIN_KEY="crash-$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
export BASE ADMIN_KEY DB ACKS WRITERS

start_server() {
  (
    cd "$BIN"
    export ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Production \
      ConnectionStrings__Headless="Data Source=$DB" Headless__DemoContent=false Headless__AdminKey="$ADMIN_KEY" \
      Logging__LogLevel__Default=Warning
    exec dotnet Headless.Api.dll >>"$WORK/server.log" 2>&1
  ) &
  SERVER_PID=$!
  for i in $(seq 120); do
    curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null && return 0
    if ! kill -0 "$SERVER_PID" 2>/dev/null || [[ $i -eq 120 ]]; then
      echo "run.sh: the API did not become ready; its log:" >&2; tail -n 40 "$WORK/server.log" >&2; return 1
    fi
    sleep 0.25
  done
}

# Writers: each thread creates an article (with tags), adds a quote to it, then changes its headline and tags together
# with If-Match, over and over. Every 2xx answer is appended to the acknowledgements file (fsynced) before the next
# request. A connection error ends the thread: the server is gone.
WRITER_PY=$(cat <<'PY'
import json, os, random, sys, threading, urllib.error, urllib.request
base, key, acks, writers, round_ = os.environ["BASE"], os.environ["ADMIN_KEY"], os.environ["ACKS"], int(os.environ["WRITERS"]), int(sys.argv[1])
lock = threading.Lock()
out = open(acks, "a")
unexpected = []

def call(method, path, body=None, etag=None, content_type="application/json"):
    headers = {"X-Api-Key": key, "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode(); headers["Content-Type"] = content_type
    if etag:
        headers["If-Match"] = etag
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null"), r.headers.get("ETag")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace"), None

def ack(record):
    with lock:
        out.write(json.dumps(record) + "\n"); out.flush(); os.fsync(out.fileno())

def writer(t):
    rng = random.Random()
    try:
        for i in range(10**9):
            n = rng.randrange(5)
            slug = "crash-r%d-t%d-%d-%06x" % (round_, t, i, rng.randrange(1 << 24))
            status, article, etag = call("POST", "/v1/articles", {"headline": "Crash %s n%d" % (slug, n), "slug": slug, "status": "published",
                "body": "First paragraph of %s.\n\nSecond paragraph." % slug, "tags": ["crash-all", "crash-n%d" % n]})
            if status != 201:
                unexpected.append((status, article)); continue
            ack({"kind": "article", "id": article["id"], "version": article["version"], "etag": etag, "headline": article["headline"], "n": n})
            status, quote, _ = call("POST", "/v1/articles/%d/quotes" % article["id"], {"text": "Said in %s" % slug, "speaker": "Writer %d" % t})
            if status != 201:
                unexpected.append((status, quote)); continue
            ack({"kind": "quote", "id": quote["id"], "articleId": article["id"], "text": quote["text"]})
            for _ in range(3):
                n = rng.randrange(5)
                status, changed, new_etag = call("PATCH", "/v1/articles/%d" % article["id"],
                    {"headline": "Crash %s n%d" % (slug, n), "tags": ["crash-all", "crash-n%d" % n]}, etag, "application/merge-patch+json")
                if status != 200:
                    unexpected.append((status, changed)); break
                etag = new_etag
                ack({"kind": "article", "id": changed["id"], "version": changed["version"], "etag": etag, "headline": changed["headline"], "n": n})
    except (urllib.error.URLError, ConnectionError, OSError):
        return  # the server was killed

threads = [threading.Thread(target=writer, args=(t,)) for t in range(writers)]
for th in threads: th.start()
for th in threads: th.join()
for status, body in unexpected:
    if status >= 500 or status not in (201, 200):
        print("unexpected answer %s: %s" % (status, str(body)[:300]), file=sys.stderr)
sys.exit(1 if any(s >= 500 for s, _ in unexpected) else 0)
PY
)

# Checks after a restart: every acknowledged write is readable at its version or later (and whole at exactly its
# version), every acknowledged quote exists, and no article is half-written (tags, tag_names, revisions and headline
# agree), straight from the database as well as over HTTP.
CHECK_PY=$(cat <<'PY'
import json, os, sqlite3, sys, urllib.error, urllib.request
base, key, acks, db = os.environ["BASE"], os.environ["ADMIN_KEY"], os.environ["ACKS"], os.environ["DB"]
failures = []
latest, quotes = {}, {}
for line in open(acks):
    r = json.loads(line)
    if r["kind"] == "article":
        if r["id"] not in latest or r["version"] > latest[r["id"]]["version"]:
            latest[r["id"]] = r
    else:
        quotes[r["id"]] = r

def get(path):
    request = urllib.request.Request(base + path, headers={"X-Api-Key": key, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read()), r.headers.get("ETag")
    except urllib.error.HTTPError as e:
        return e.code, None, None

for id_, acked in latest.items():
    status, article, etag = get("/v1/articles/%d" % id_)
    if status != 200:
        failures.append("article %d (acknowledged at version %d) answers %d" % (id_, acked["version"], status)); continue
    if article["version"] < acked["version"]:
        failures.append("article %d is at version %d, below the acknowledged %d" % (id_, article["version"], acked["version"]))
    elif article["version"] == acked["version"] and (article["headline"] != acked["headline"] or not etag.startswith(acked["etag"].rstrip('"'))):
        failures.append("article %d at version %d differs from what was acknowledged" % (id_, acked["version"]))
    n = article["headline"].rsplit(" n", 1)[1]
    tags = [t["slug"] for t in article["tags"]]
    if tags != ["crash-all", "crash-n" + n]:
        failures.append("article %d headline says n%s but its tags are %s" % (id_, n, tags))
for id_, acked in quotes.items():
    status, quote, _ = get("/v1/quotes/%d" % id_)
    if status != 200 or quote["text"] != acked["text"]:
        failures.append("quote %d (acknowledged) answers %d" % (id_, status))

con = sqlite3.connect(db)
def rows(sql):
    return con.execute(sql).fetchall()
for (count,) in rows("""SELECT COUNT(*) FROM articles a WHERE a.version <> (SELECT COUNT(*) FROM article_revisions r WHERE r.article_id = a.id)
                        OR a.version <> (SELECT MAX(number) FROM article_revisions r WHERE r.article_id = a.id)"""):
    if count: failures.append("%d articles whose revisions do not match their version" % count)
for (count,) in rows("""SELECT COUNT(*) FROM articles a JOIN article_revisions r ON r.article_id = a.id AND r.number = a.version
                        WHERE json_extract(r.snapshot, '$.headline') <> a.headline"""):
    if count: failures.append("%d articles whose latest revision has another headline" % count)
for (count,) in rows("""SELECT COUNT(*) FROM articles a WHERE a.tag_names <> COALESCE((SELECT group_concat(name, ' ') FROM (
                        SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id ORDER BY at.position)), '')"""):
    if count: failures.append("%d articles whose tag_names disagree with their tags" % count)
for (count,) in rows("SELECT COUNT(*) FROM articles WHERE slug LIKE 'crash-%' AND (SELECT COUNT(*) FROM article_tags WHERE article_id = articles.id) <> 2"):
    if count: failures.append("%d articles without their two tags" % count)
for (count,) in rows("""SELECT COUNT(*) FROM quote_speakers s WHERE s.quote_count <> (SELECT COUNT(*) FROM quotes q WHERE q.speaker = s.speaker)"""):
    if count: failures.append("%d quote speakers with a wrong count" % count)
print("%d %d" % (len(latest), len(quotes)))
for f in failures[:20]: print("FAIL " + f, file=sys.stderr)
sys.exit(1 if failures else 0)
PY
)

INTEGRITY_PY=$(cat <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(os.environ["DB"])
result = [r[0] for r in con.execute("PRAGMA integrity_check")]
fk = con.execute("PRAGMA foreign_key_check").fetchall()
try:
    con.execute("INSERT INTO article_search (article_search) VALUES ('integrity-check')")
    con.execute("INSERT INTO quote_search (quote_search) VALUES ('integrity-check')")
    fts = "ok"
except sqlite3.DatabaseError as e:
    fts = str(e)
con.rollback(); con.close()
print("integrity_check=%s foreign_keys=%s search=%s" % (",".join(result), "ok" if not fk else "%d violations" % len(fk), fts))
sys.exit(0 if result == ["ok"] and not fk and fts == "ok" else 1)
PY
)

# --- rounds ------------------------------------------------------------------------------------------------------
log "starting the API on $BASE with $DB"
start_server
for tag in crash-all crash-n0 crash-n1 crash-n2 crash-n3 crash-n4; do  # made once, so writers never race to create a tag
  curl -fsS -o /dev/null -X POST "$BASE/v1/tags" -H "X-Api-Key: $ADMIN_KEY" -H 'Content-Type: application/json' -d "{\"name\":\"$tag\",\"slug\":\"$tag\"}"
done

failed=0
for round in $(seq "$ROUNDS"); do
  delay_ms=$(( MIN_MS + RANDOM % (MAX_MS - MIN_MS + 1) ))
  python3 -c "$WRITER_PY" "$round" 2>>"$WORK/writers.log" &
  writers_pid=$!
  sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  writers_ok=1; wait "$writers_pid" || writers_ok=0

  integrity=$(python3 -c "$INTEGRITY_PY") || { failed=$((failed + 1)); echo "round $round: $integrity" >&2; }
  start_server
  if counts=$(python3 -c "$CHECK_PY" 2>>"$WORK/check.log"); then check="ok"; else check="FAILED"; failed=$((failed + 1)); tail -n 20 "$WORK/check.log" >&2; fi
  [[ $writers_ok -eq 1 ]] || { failed=$((failed + 1)); check="$check, a writer got a 5xx"; tail -n 5 "$WORK/writers.log" >&2; }
  read -r articles quotes <<<"${counts:-0 0}"
  printf 'round %2d: killed after %4d ms; %s; %d articles and %d quotes acknowledged so far: %s\n' \
    "$round" "$delay_ms" "$integrity" "$articles" "$quotes" "$check" >&2
done

acks=$(wc -l <"$ACKS")
echo
echo "crash test: $ROUNDS rounds, $WRITERS writers, $acks acknowledged writes, $failed failures$( [[ "${KEEP:-0}" == 1 ]] && echo "; kept $WORK")"
[[ $failed -eq 0 ]]
