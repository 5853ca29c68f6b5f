#!/usr/bin/env bash
# The load benchmark: seeds 100,000 synthetic articles, starts the API in Release on 127.0.0.1 and measures the read
# scenarios (articles, tags, quotes, search, suggest) with wrk. Prints a markdown table (also written to
# tests/load/results/latest.md) with PASS/MISS against the targets. Exits 0 whatever the numbers; non-zero only
# when the setup fails. See tests/load/README.md.
#
#   bash tests/load/run.sh                 # seed into a temporary folder, deleted afterwards
#   bash tests/load/run.sh --reuse DIR     # seed DIR/headless.db once, reuse it on later runs
set -euo pipefail

ARTICLES="${ARTICLES:-100000}"
SEED="${SEED:-20260101}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP="${WARMUP:-3}"
DURATION="${DURATION:-10}"
CACHE="${CACHE:-bypass}"                         # bypass: reads send the admin key (no output cache); anonymous: they do not
ARTICLE_INCLUDE="${ARTICLE_INCLUDE-tags,quotes,links}"
LIST_INCLUDE="${LIST_INCLUDE-tags}"
SLUGS="${SLUGS:-1000}"
DEEP_PAGES="${DEEP_PAGES:-500}"
TAG="${TAG:-}"
PORT="${PORT:-}"
SEARCH_CONNECTIONS="${SEARCH_CONNECTIONS:-8}"       # the search targets are stated at 8 connections

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOAD="$REPO/tests/load"
REUSE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reuse) REUSE="${2:?--reuse needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see tests/load/README.md)" >&2; exit 64 ;;
  esac
done

log() { printf '\n== %s\n' "$*" >&2; }

NAME=load
source "$LOAD/server.sh"
cleanup() { stop_server; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -------------------------------------------------------------------------------------------------------
missing=()
for tool in wrk sqlite3 curl python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]}"
  packages=("${missing[@]}"); packages=("${packages[@]/python3/python3-minimal}")
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get install -y "${packages[@]}" >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y "${packages[@]}" >/dev/null; }
fi

# --- build, seed and start the API ------------------------------------------------------------------------------
build_and_seed
ARTICLE_COUNT=$(sqlite3 "$DB" "SELECT COUNT(*) FROM articles WHERE status = 'published'")

start_server

KEY_ARG=""; [[ "$CACHE" == "bypass" ]] && KEY_ARG="$ADMIN_KEY"
query() { local sep="$1" name="$2" value="$3"; [[ -n "$value" ]] && printf '%s%s=%s' "$sep" "$name" "$value"; return 0; }

# --- the requests of each scenario -------------------------------------------------------------------------------
P="$WORK/paths"; mkdir -p "$P"
echo "/health/live" >"$P/live"
step=$(( ARTICLE_COUNT / SLUGS > 0 ? ARTICLE_COUNT / SLUGS : 1 ))
sqlite3 "$DB" "SELECT slug FROM articles WHERE status = 'published' AND id % $step = 7 % $step ORDER BY id LIMIT $SLUGS" \
  | sed "s|^|/v1/articles/slug/|; s|\$|$(query '?' include "$ARTICLE_INCLUDE")|" >"$P/slug"
sqlite3 "$DB" "SELECT id FROM articles WHERE status = 'published' AND id % $step = 7 % $step ORDER BY id LIMIT $SLUGS" \
  | sed 's|^\(.*\)$|/v1/articles/\1/related?limit=10|' >"$P/related"
LIST="/v1/articles$(query '?' include "$LIST_INCLUDE")"
echo "$LIST" >"$P/list"

if [[ -z "$TAG" ]]; then
  # Mid-popularity: the tag whose article count is nearest 1% of the articles.
  TAG=$(sqlite3 "$DB" "SELECT t.slug FROM tags t JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY ABS(COUNT(*) - $ARTICLE_COUNT / 100), t.id LIMIT 1")
fi
TAG_COUNT=$(sqlite3 "$DB" "SELECT COUNT(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug = '${TAG//\'/}'")
echo "/v1/articles?tag=$TAG" >"$P/tag"
echo "/v1/tags?sort=-articleCount&limit=20" >"$P/tags"
echo "/v1/quotes?limit=20" >"$P/quotes"

# Search: common words (each matching 30-70% of articles), rare words (at most 1%), two-word phrases from article
# bodies, and type-ahead prefixes of headline words. Words come from the database and are counted the way the API
# searches (words of 4+ letters as prefixes), so they exist whatever the seed; a fixed random seed picks the same ones.
DB="$DB" P="$P" N="$ARTICLE_COUNT" python3 - <<'PY'
import os, random, re, sqlite3, urllib.parse
db, out, n = sqlite3.connect(os.environ["DB"]), os.environ["P"], int(os.environ["N"])
rng = random.Random(7)
rows = db.execute("SELECT headline, body_text, byline FROM articles WHERE status = 'published' ORDER BY id LIMIT 2000").fetchall()
words = sorted({w for row in rows for w in re.findall(r"[a-z]{4,}", " ".join(x or "" for x in row).lower())})
def matches(word):
    return db.execute("SELECT COUNT(*) FROM article_search WHERE article_search MATCH ?", ('"%s"*' % word,)).fetchone()[0]
counts = {w: matches(w) for w in words}
common = sorted((w for w, c in counts.items() if 0.3 * n <= c <= 0.7 * n), key=lambda w: -counts[w])[:5]
rare = sorted(w for w, c in counts.items() if 0 < c <= 0.01 * n)[:50]
phrases = []
for _, body, _ in rng.sample(rows, 50):
    body_words = re.findall(r"[A-Za-z]{3,}", body)
    if len(body_words) > 12:
        i = rng.randrange(len(body_words) - 1)
        phrases.append('"%s %s"' % (body_words[i].lower(), body_words[i + 1].lower()))
prefixes = sorted({w[:3] for h, _, _ in rows for w in re.findall(r"[a-z]{4,}", h.lower())})
prefixes = rng.sample(prefixes, min(50, len(prefixes)))
def write(name, queries, path="/v1/search?q="):
    with open(os.path.join(out, name), "w") as f:
        f.writelines(path + urllib.parse.quote(q) + "\n" for q in queries)
write("search_common", common)
write("search_rare", rare)
write("search_phrase", phrases)
write("suggest", prefixes, "/v1/search/suggest?q=")
PY

log "walking $DEEP_PAGES pages of 100 to a deep cursor"
DEEP_NOTE=""
if DEEP=$(BASE="$BASE" KEY="$KEY_ARG" PAGES="$DEEP_PAGES" python3 - <<'PY'
import json, os, sys, urllib.parse, urllib.request
base, key, pages = os.environ["BASE"], os.environ["KEY"], int(os.environ["PAGES"])
url, token, kind = "/v1/articles?limit=100", None, "cursor"
for _ in range(pages):
    request = urllib.request.Request(base + url, headers={"X-Api-Key": key} if key else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        nxt = json.load(response)["page"]["next"]
    if nxt is None:
        sys.exit("the list ended before the deep page")
    token = nxt
    # A cursor is an opaque string; an integer is the older page-number paging (then this is an OFFSET page).
    kind = "page" if isinstance(nxt, int) else "cursor"
    url = "/v1/articles?limit=100&%s=%s" % (kind, urllib.parse.quote(str(token), safe=""))
print("%s=%s" % (kind, urllib.parse.quote(str(token), safe="")))
PY
); then
  [[ "$DEEP" == page=* ]] && DEEP_NOTE=" (page number: no cursor yet)"
  echo "/v1/articles?$DEEP$(query '&' include "$LIST_INCLUDE")" >"$P/deep"
else
  DEEP_NOTE=" (no deep page: walking failed)"
  echo "/v1/articles?cursor=walking-failed" >"$P/deep"
fi

# --- measure -----------------------------------------------------------------------------------------------------
declare -A RPS P50 P99 NON2XX CPU
TICKS_PER_SECOND=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
settle() { # until the server is idle (below a fifth of a core), so a slow scenario's leftovers do not weigh on the next
  local before after
  for _ in $(seq 120); do
    before=$(cpu_ticks); sleep 0.5; after=$(cpu_ticks)
    (( after - before < 10 )) && return 0
  done
}
measure() {
  local name="$1" file="$2" connections="${3:-$CONNECTIONS}" out
  settle
  log "$name: $(head -n 1 "$file" | cut -c1-110)$( [[ $(wc -l <"$file") -gt 1 ]] && echo " (and $(( $(wc -l <"$file") - 1 )) more)")"
  wrk -t"$THREADS" -c"$connections" -d"${WARMUP}s" --timeout 10s -s "$LOAD/wrk.lua" "$BASE" -- "$file" "$KEY_ARG" >/dev/null 2>&1 || true
  local ticks_before; ticks_before=$(cpu_ticks)
  if out=$(wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --timeout 10s -s "$LOAD/wrk.lua" "$BASE" -- "$file" "$KEY_ARG" 2>&1) \
     && line=$(grep '^RESULT ' <<<"$out"); then
    eval "$(sed 's/^RESULT //; s/\([a-z0-9_]*\)=/local r_\1=/g' <<<"$line")"
    RPS[$name]=$(awk -v n="$r_requests" -v d="$r_duration_us" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
    P50[$name]=$(awk -v v="$r_p50_us" 'BEGIN { printf "%.2f", v / 1000 }')
    P99[$name]=$(awk -v v="$r_p99_us" 'BEGIN { printf "%.2f", v / 1000 }')
    NON2XX[$name]=$(( r_non2xx + r_socket_errors ))
    CPU[$name]=$(awk -v t="$(( $(cpu_ticks) - ticks_before ))" -v hz="$TICKS_PER_SECOND" -v n="$r_requests" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "-" }')
    (( r_requests > 0 )) || NON2XX[$name]="no response in ${DURATION} s"
    echo "   ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, non-2xx ${NON2XX[$name]}, server CPU ${CPU[$name]} ms/request" >&2
  else
    echo "   wrk failed: $(tail -n 3 <<<"$out")" >&2
    RPS[$name]=0; P50[$name]=0; P99[$name]=0; CPU[$name]="-"; NON2XX[$name]="wrk failed"
  fi
}

measure live "$P/live"
measure slug "$P/slug"
measure list "$P/list"
measure deep "$P/deep"
measure tag "$P/tag"
measure related "$P/related"
measure tags "$P/tags"
measure quotes "$P/quotes"
measure search_common "$P/search_common" "$SEARCH_CONNECTIONS"
measure search_rare "$P/search_rare" "$SEARCH_CONNECTIONS"
measure search_phrase "$P/search_phrase" "$SEARCH_CONNECTIONS"
measure suggest "$P/suggest" "$SEARCH_CONNECTIONS"
RSS_MB=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status")

# --- report ------------------------------------------------------------------------------------------------------
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[live]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "0" }'; }
verdict() { # scenario, then the checks' results ("ok" or a failure text)
  local name="$1"; shift
  if [[ "${NON2XX[$name]}" != "0" ]]; then echo "ERROR"; return; fi
  local missed=(); for check in "$@"; do [[ "$check" == ok ]] || missed+=("$check"); done
  if [[ ${#missed[@]} -eq 0 ]]; then echo "PASS"; else echo "MISS ($(printf '%s, ' "${missed[@]}" | sed 's/, $//'))"; fi
}
check() { if "$@"; then echo ok; else echo "$FAILURE"; fi; }
ratio_at_least() { FAILURE="ratio < $2"; check ge "$(ratio "$1")" "$2"; }
p99_below() { FAILURE="p99 ≥ $2 ms"; check lt "${P99[$1]}" "$2"; }
p50_within() { FAILURE="p50 > ${3}× $2"; check awk -v a="${P50[$1]}" -v b="${P50[$2]}" -v f="$3" 'BEGIN { exit !(a <= b * f) }'; }

row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "${RPS[$2]}" "${P50[$2]}" "${P99[$2]}" "$(ratio "$2")" "${NON2XX[$2]}" "$3" "$4" "${CPU[$2]}"; }
{
  echo "### Load benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo
  echo "$ARTICLE_COUNT published articles; wrk $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up + ${DURATION} s per scenario;" \
       "$(nproc) cores; reads $( [[ "$CACHE" == bypass ]] && echo "with an API key (no output cache)" || echo "anonymous (output cache allowed)")."
  echo "Tag filter: \`$TAG\` ($TAG_COUNT articles). Deep list: $DEEP_PAGES pages of 100 in$DEEP_NOTE."
  echo "Search: common words $(sed 's|.*q=||' "$P/search_common" | paste -sd, -); $(wc -l <"$P/search_rare") rare words, $(wc -l <"$P/search_phrase") phrases and $(wc -l <"$P/suggest") type-ahead prefixes, rotated."
  echo
  echo "| scenario | requests/s | p50 ms | p99 ms | ratio to ceiling | non-2xx | target | result | server CPU ms/request |"
  echo "|---|---:|---:|---:|---:|---:|---|---|---:|"
  row "health/live (ceiling)" live "" "$( [[ "${NON2XX[live]}" == 0 ]] && echo "-" || echo ERROR)"
  row "article by slug, include=${ARTICLE_INCLUDE:-none}" slug "≥ 0.70× ceiling" "$(verdict slug "$(ratio_at_least slug 0.7)")"
  row "list page 1, include=${LIST_INCLUDE:-none}" list "≥ 0.50× ceiling" "$(verdict list "$(ratio_at_least list 0.5)")"
  row "list at a deep cursor" deep "≥ 0.50×, p99 < 25 ms, p50 ≤ 1.5× page 1" \
    "$(verdict deep "$(ratio_at_least deep 0.5)" "$(p99_below deep 25)" "$(p50_within deep list 1.5)")"
  row "tag filter" tag "≥ 0.50×, p99 < 25 ms" "$(verdict tag "$(ratio_at_least tag 0.5)" "$(p99_below tag 25)")"
  row "related, limit=10" related "-" "$( [[ "${NON2XX[related]}" == 0 ]] && echo "-" || echo ERROR)"
  row "tags by article count" tags "-" "$( [[ "${NON2XX[tags]}" == 0 ]] && echo "-" || echo ERROR)"
  row "quotes, newest first" quotes "-" "$( [[ "${NON2XX[quotes]}" == 0 ]] && echo "-" || echo ERROR)"
  row "search, common word ($SEARCH_CONNECTIONS conn.)" search_common "p99 < 50 ms" "$(verdict search_common "$(p99_below search_common 50)")"
  row "search, rare word ($SEARCH_CONNECTIONS conn.)" search_rare "p99 < 50 ms" "$(verdict search_rare "$(p99_below search_rare 50)")"
  row "search, phrase ($SEARCH_CONNECTIONS conn.)" search_phrase "p99 < 50 ms" "$(verdict search_phrase "$(p99_below search_phrase 50)")"
  row "suggest ($SEARCH_CONNECTIONS conn.)" suggest "p99 < 10 ms" "$(verdict suggest "$(p99_below suggest 10)")"
  echo
  echo "Server peak RSS (VmHWM): $RSS_MB MB (target < 300 MB): $(lt "$RSS_MB" 300 && echo PASS || echo MISS)"
} | tee "$WORK/table.md"
mkdir -p "$LOAD/results"
cp "$WORK/table.md" "$LOAD/results/latest.md"
echo >&2
echo "written to tests/load/results/latest.md$( [[ -n "$REUSE" ]] && echo "; database kept in $WORK")" >&2
