#!/usr/bin/env bash
# Measures what a flood of wrong logins does to another, logged-in client's queries: wrk sends GET /zstack/v1/hosts
# on a few connections, alone and then while 64 more connections send wrong logins, against the packaged jar and a
# PostgreSQL container, and writes one table to bench/results/login-flood-<UTC YYYYMMDD-HHMM>.md.
#
#   source ../shared/ci/testcontainers-env.sh && bench/login-flood.sh [options]
#
# Scenarios, each after the failure counters are emptied:
#   baseline        the query alone
#   one-address     the flood logs in as admin from one address: the failure limits answer it with 429
#   many-addresses  every flood request has its own X-Forwarded-For and account name, so no failure limit applies
#                   and every one reaches the password hasher: its concurrency limit answers the excess with 429
# During each flood, one right login of admin from an address of its own is timed with curl.
# Options:
#   --duration D      length of each scenario (default 20s)
#   --flood N         flood connections (default 64)
#   --query N         query connections (default 2)
#   --skip-build      use the jar as it is
#   --app-dir DIR     where quarkus-run.jar is (default target/quarkus-app)
#   --keep            leave PostgreSQL and the app running at the end (their ports are logged)
# Environment: TC_PG_IMAGE (default postgres:17), JAVA_OPTS (default as in bench/run.sh), APP_ENV (extra
#   VAR=value settings for the app, e.g. "ZSTACK_LOGIN_HASH_CONCURRENCY=2"), BENCH_NICE (as root: renice the app and
#   PostgreSQL to this niceness, e.g. -5, on a machine shared with other work, so that the figures show the service
#   rather than the neighbours; wrk keeps the default).
set -euo pipefail
# shellcheck source=bench/app-jvm.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-jvm.sh"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work/login-flood"
RESULTS="$BENCH_DIR/results"
CONTAINER=zstack-bench-login-pg
ADMIN_PASSWORD=bench-admin
DURATION=20s
FLOOD=64
QUERY=2
SKIP_BUILD=false
KEEP=false
APP_DIR="$REPO/target/quarkus-app"
PSQL=psql
PG_HOST=127.0.0.1
# the shared helpers and exit trap (which stops the app and removes $CONTAINER); log and die are this script's own
# shellcheck source=stages/00-common.sh
source "$BENCH_DIR/stages/00-common.sh"

die() { echo "login-flood: error: $*" >&2; exit 1; }
log() { echo "login-flood: $(date -u +%H:%M:%S) $*" >&2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="${2:?}"; shift 2 ;;
    --flood) FLOOD="${2:?}"; shift 2 ;;
    --query) QUERY="${2:?}"; shift 2 ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    --app-dir) APP_DIR="${2:?}"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
DURATION_S="${DURATION%s}"
[[ "$DURATION_S" =~ ^[0-9]+$ ]] && [ "$DURATION_S" -ge 2 ] || die "--duration takes whole seconds, at least 2s"
PG_IMAGE="${TC_PG_IMAGE:-postgres:17}"

command -v docker >/dev/null && docker version >/dev/null 2>&1 \
  || die "docker does not answer: run 'source ../shared/ci/testcontainers-env.sh' first"
docker image inspect "$PG_IMAGE" >/dev/null 2>&1 || die "the image $PG_IMAGE is not here"
if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; } || true
fi
for tool in wrk curl java psql ss sha512sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: wrk, curl, postgresql-client, iproute2)"
done

JAR="$APP_DIR/quarkus-run.jar"
if ! $SKIP_BUILD && { [ ! -f "$JAR" ] || [ -n "$(find "$REPO/src" "$REPO/pom.xml" -newer "$JAR" -print -quit)" ]; }; then
  log "building the jar"
  (cd "$REPO" && ./mvnw -B -q package -DskipTests) || die "the build failed"
fi
[ -f "$JAR" ] || die "no jar at $JAR"
rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# ---- PostgreSQL and the app ------------------------------------------------------------------------------
docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
log "starting PostgreSQL ($PG_IMAGE)"
docker run -d --name "$CONTAINER" -e POSTGRES_USER=zstack -e POSTGRES_PASSWORD=zstack -e POSTGRES_DB=zstack \
  -p 127.0.0.1::5432 "$PG_IMAGE" -c max_connections=200 >/dev/null || die "docker run failed"
PG_PORT=""
for _ in $(seq 1 50); do
  PG_PORT=$(docker port "$CONTAINER" 5432/tcp 2>/dev/null | head -1 | sed 's/.*://') && [ -n "$PG_PORT" ] && break
  sleep 0.2
done
ready=false
for _ in $(seq 1 240); do
  psql_db -c 'SELECT 1' >/dev/null 2>&1 && { ready=true; break; }
  sleep 0.5
done
$ready || die "PostgreSQL did not become ready"

APP_PORT=$(free_port)
URL="http://127.0.0.1:$APP_PORT"
log "starting the app on port $APP_PORT"
# shellcheck disable=SC2086
env QUARKUS_HTTP_PORT="$APP_PORT" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/zstack" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/zstack" \
  QUARKUS_DATASOURCE_USERNAME=zstack QUARKUS_DATASOURCE_PASSWORD=zstack \
  ZSTACK_ADMIN_PASSWORD="$ADMIN_PASSWORD" ZSTACK_SECRET_KEY="$(head -c 32 /dev/urandom | base64)" \
  QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
  ${APP_ENV:-} java ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
ready=false
for _ in $(seq 1 3000); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL/q/health/ready" || true)" = 200 ] && { ready=true; break; }
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.05
done
$ready || { tail -30 "$WORK/app.log" >&2; die "the app did not become ready"; }

if [ -n "${BENCH_NICE:-}" ]; then
  # every thread of the JVM (renice -p moves one thread), and every PostgreSQL process; threads started later inherit it
  # shellcheck disable=SC2046
  renice -n "$BENCH_NICE" -p $(ls "/proc/$APP_PID/task") $(docker top "$CONTAINER" -eo pid 2>/dev/null | tail -n +2) >/dev/null \
    || die "renice to $BENCH_NICE failed"
  log "the app and PostgreSQL run at niceness $BENCH_NICE"
fi
psql_db -c "INSERT INTO host (uuid, name, description, management_ip, agent_port, ssh_port, username,
    password_encrypted, state, status, create_date, last_op_date)
  SELECT 'f' || lpad(to_hex(n), 31, '0'), 'bench-host-' || n, 'login-flood benchmark', '10.250.' || (n / 250) || '.' || (n % 250 + 1),
    7070, 22, 'root', 'v1:bench', 'Enabled', 'Connected', now(), now() FROM generate_series(1, 100) n" >/dev/null

PASSWORD_SHA=$(printf '%s' "$ADMIN_PASSWORD" | sha512sum | cut -d' ' -f1)
login_body="{\"logInByAccount\": {\"accountName\": \"admin\", \"password\": \"$PASSWORD_SHA\"}}"
SESSION=$(curl -s -X PUT -H 'Content-Type: application/json' -H 'X-Forwarded-For: 192.0.2.1' -d "$login_body" \
  "$URL/zstack/v1/accounts/login" | grep -o '"uuid" *: *"[0-9a-f]\{32\}"' | head -1 | grep -o '[0-9a-f]\{32\}' || true)
[ -n "$SESSION" ] || die "the first login failed"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: OAuth $SESSION" "$URL/zstack/v1/hosts?limit=20")
[ "$code" = 200 ] || die "GET /zstack/v1/hosts answered $code"
log "logged in; warming up the query for 5 s"
BENCH_SESSION="$SESSION" wrk -t 1 -c "$QUERY" -d 5s -s "$BENCH_DIR/wrk/QueryHosts.lua" "$URL" >/dev/null 2>&1 || true

# ---- scenarios -------------------------------------------------------------------------------------------
declare -A Q F S RIGHT
run_scenario() { # name spoof(0|1|-) -> fills Q[name] F[name] S[name] RIGHT[name]
  local name="$1" spoof="$2" flood_pid=""
  psql_db -c 'DELETE FROM login_failure' >/dev/null 2>&1 || true # absent before V5 (an older jar)
  if [ "$spoof" != - ]; then
    BENCH_SPOOF="$spoof" wrk -t 1 -c "$FLOOD" -d "${DURATION_S}s" --timeout 10s -s "$BENCH_DIR/wrk/login_flood.lua" \
      "$URL" >"$WORK/flood-$name.log" 2>&1 &
    flood_pid=$!
    sleep 1
  fi
  BENCH_SESSION="$SESSION" wrk -t 1 -c "$QUERY" -d "$((DURATION_S - 2))s" --timeout 10s --latency \
    -s "$BENCH_DIR/wrk/QueryHosts.lua" "$URL" >"$WORK/query-$name.log" 2>&1 &
  local query_pid=$!
  if [ -n "$flood_pid" ]; then
    sleep "$((DURATION_S / 2))"
    RIGHT[$name]=$(curl -s -o "$WORK/right-$name.json" -w '%{http_code} in %{time_total} s' -X PUT \
      -H 'Content-Type: application/json' -H 'X-Forwarded-For: 192.0.2.77' -d "$login_body" \
      "$URL/zstack/v1/accounts/login" || echo "no answer")
  fi
  wait "$query_pid" || true
  [ -z "$flood_pid" ] || wait "$flood_pid" || true
  Q[$name]=$(grep -m1 '^BENCH_RESULT' "$WORK/query-$name.log" || true)
  if [ -n "$flood_pid" ]; then
    F[$name]=$(grep -m1 '^BENCH_RESULT' "$WORK/flood-$name.log" || true)
    S[$name]=$(grep -m1 '^BENCH_STATUS' "$WORK/flood-$name.log" || true)
  fi
  log "$name: query p50 $(field "${Q[$name]}" p50_ms) ms, p99 $(field "${Q[$name]}" p99_ms) ms, max $(field "${Q[$name]}" max_ms) ms; flood ${S[$name]:-none}; right login ${RIGHT[$name]:-n/a}"
}
log "baseline: the query alone for ${DURATION_S}s"
run_scenario baseline -
log "one-address: $FLOOD connections of wrong logins as admin from one address"
run_scenario one-address 0
log "many-addresses: $FLOOD connections of wrong logins, each from its own address"
run_scenario many-addresses 1
APP_ERRORS=$(grep -c ' ERROR ' "$WORK/app.log" || true)

# ---- the table -------------------------------------------------------------------------------------------
STAMP=$(date -u +%Y%m%d-%H%M)
MD="$RESULTS/login-flood-$STAMP.md"
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$REPO" status --porcelain 2>/dev/null)" ] && TREE=clean || TREE=dirty
{
  echo "# Login flood: $FLOOD connections of wrong logins, $QUERY connections of GET /zstack/v1/hosts?limit=20"
  echo
  echo "- commit \`$COMMIT\` ($TREE tree); $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); ${DURATION_S}s per scenario"
  echo "- app: \`$JAR\`, JAVA_OPTS \`$JAVA_OPTS\`${APP_ENV:+, $APP_ENV}; X-Forwarded-For trusted${BENCH_NICE:+; app and PostgreSQL at niceness $BENCH_NICE}"
  echo "- load average before the run: $LOAD_BEFORE"
  echo "- wrk, PostgreSQL, the app and curl share these cores over loopback; figures are relative"
  echo
  echo "| scenario | query req/s | query p50 ms | query p99 ms | query max ms | query errors | flood req/s | flood answers | right login from another address |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
  for s in baseline one-address many-addresses; do
    s_line="${S[$s]:-}"
    echo "| $s | $(field "${Q[$s]}" rps) | $(field "${Q[$s]}" p50_ms) | $(field "${Q[$s]}" p99_ms) | $(field "${Q[$s]}" max_ms) | $(field "${Q[$s]}" errors) | $(field "${F[$s]:-}" rps) | ${s_line#BENCH_STATUS } | ${RIGHT[$s]:-} |"
  done
  echo
  echo "- ERROR lines in the app log: $APP_ERRORS"
} >"$MD"
echo
cat "$MD"
log "written: ${MD#"$REPO"/}"
