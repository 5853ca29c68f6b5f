# Shared by run.sh and soak.sh (sourced, not run): build the API in Release, seed a database of synthetic content,
# start the API on 127.0.0.1 and stop it on exit. The caller sets REPO, REUSE, ARTICLES, SEED, PORT and defines log();
# NAME names the script in messages and the temporary folder. Sets BIN, WORK, DB, BASE, ADMIN_KEY and SERVER_PID.

SERVER_PID=""
WORK=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$WORK" && -z "$REUSE" && "${KEEP:-0}" != "1" ]]; then rm -rf "$WORK"; fi
}

build_and_seed() {
  log "building Release"
  dotnet build "$REPO/src/Headless.Api/Headless.Api.csproj" -c Release --nologo -v quiet >&2
  BIN="$REPO/src/Headless.Api/bin/Release/net10.0"

  if [[ -n "$REUSE" ]]; then
    mkdir -p "$REUSE"; WORK="$(cd "$REUSE" && pwd)"
  else
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/headless-$NAME.XXXXXX")"
  fi
  DB="$WORK/headless.db"

  log "seeding $ARTICLES articles into $DB"
  local seeded=0
  dotnet "$BIN/Headless.Api.dll" seed-synthetic --articles "$ARTICLES" --seed "$SEED" --database "$DB" >&2 || seeded=$?
  case $seeded in
    0) ;;
    2) echo "(the database already has articles: reusing it)" >&2 ;;
    *) echo "$NAME: seeding failed ($seeded)" >&2; exit 1 ;;
  esac
}

start_server() {
  [[ -n "$PORT" ]] || PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  BASE="http://127.0.0.1:$PORT"
  ADMIN_KEY="$NAME-$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
  log "starting the API on $BASE"
  (
    cd "$BIN"
    # The load comes from one address: rate limits far above what it can send keep the limiter's cost in the
    # measurement without throttling it.
    export ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Production \
      ConnectionStrings__Headless="Data Source=$DB" Headless__DemoContent=false Headless__AdminKey="$ADMIN_KEY" \
      Logging__LogLevel__Default=Warning \
      Headless__RateLimits__Anonymous__PermitLimit=1000000000 Headless__RateLimits__Reader__PermitLimit=1000000000 \
      Headless__RateLimits__Partner__PermitLimit=1000000000 Headless__RateLimits__Editor__PermitLimit=1000000000 \
      Headless__RateLimits__Admin__PermitLimit=1000000000
    exec dotnet Headless.Api.dll >"$WORK/server.log" 2>&1
  ) &
  SERVER_PID=$!
  local i
  for i in $(seq 120); do
    curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null && return 0
    if ! kill -0 "$SERVER_PID" 2>/dev/null || [[ $i -eq 120 ]]; then
      echo "$NAME: the API did not become ready; its log:" >&2; tail -n 40 "$WORK/server.log" >&2; exit 1
    fi
    sleep 0.5
  done
}
