#!/usr/bin/env bash
# Benchmarks five update APIs of the service end to end (wrk against the packaged jar, PostgreSQL in a container,
# a stub agent), compares each with pgbench running the same SQL, measures the async ones also the SDK's way (an
# API job: submit with X-Job-UUID, then poll; bench/JobLoad.java), and writes one table to bench/results/.
#
#   source ../shared/ci/testcontainers-env.sh && bench/run.sh [options]
#
# See bench/README.md for what each figure means. Options:
#   --rows N            rows of each kind to seed (default 1000)
#   --duration D        measured run of wrk and pgbench, e.g. 20s, 2m (default 20s)
#   --warmup D          wrk warm-up before each measured run, results discarded (default 10s; 0 skips it)
#   --connections N     wrk connections and pgbench clients (default 32)
#   --threads N         wrk threads and pgbench jobs (default 2)
#   --startups N        extra starts of the jar for the start-up median (default 5; 0 skips them)
#   --only API          run one API (UpdateTpm, UpdateIAM2VirtualID, UpdateGuestToolsState, ChangeVmPassword,
#                       UpdateImageStoreBackupStorage)
#   --skip-build        use the jar as it is
#   --app-dir DIR       where quarkus-run.jar is (default target/quarkus-app)
#   --no-pgbench        skip the pgbench runs
#   --no-sdk            skip the SDK-way (API job) runs of the async APIs
#   --keep              leave PostgreSQL, the stub and (with --startups 0) the app running at the end
# Environment: TC_PG_IMAGE (default postgres:17), PGBENCH_EXTRA_ARGS (added to every pgbench; default "-M prepared",
#   the protocol the service uses),
#   JAVA_OPTS (the app's JVM options; default "-Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m",
#   a heap sized for the service rather than for the machine: the JVM would otherwise reserve a quarter of RAM),
#   MALLOC_ARENA_MAX (glibc malloc arenas for the app; default 2).
set -euo pipefail
JAVA_OPTS="${JAVA_OPTS--Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
PGBENCH_EXTRA_ARGS="${PGBENCH_EXTRA_ARGS--M prepared}"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work"
RESULTS="$BENCH_DIR/results"
ALL_APIS=(UpdateTpm UpdateIAM2VirtualID UpdateGuestToolsState ChangeVmPassword UpdateImageStoreBackupStorage)
# the APIs that ZStack runs as API jobs (UpdateGuestToolsState is synchronous there, with or without X-Job-UUID)
ASYNC_APIS=" UpdateTpm UpdateIAM2VirtualID ChangeVmPassword UpdateImageStoreBackupStorage "
CONTAINER=zstack-bench-pg
ADMIN_PASSWORD=bench-admin

ROWS=1000
DURATION=20s
WARMUP=10s
CONNECTIONS=32
THREADS=2
STARTUPS=5
ONLY=""
SKIP_BUILD=false
APP_DIR=""
RUN_PGBENCH=true
RUN_SDK=true
KEEP=false

die() { echo "bench: error: $*" >&2; exit 1; }
log() { echo "bench: $(date -u +%H:%M:%S) $*" >&2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="${2:?--rows needs a value}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs a value}"; shift 2 ;;
    --warmup) WARMUP="${2:?--warmup needs a value}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?--connections needs a value}"; shift 2 ;;
    --threads) THREADS="${2:?--threads needs a value}"; shift 2 ;;
    --startups) STARTUPS="${2:?--startups needs a value}"; shift 2 ;;
    --only) ONLY="${2:?--only needs an API name}"; shift 2 ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    --app-dir) APP_DIR="${2:?--app-dir needs a directory}"; shift 2 ;;
    --no-pgbench) RUN_PGBENCH=false; shift ;;
    --no-sdk) RUN_SDK=false; shift ;;
    --keep) KEEP=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

# "20s", "2m", "1h" or a plain number of seconds -> seconds
seconds_of() {
  local d="$1"
  case "$d" in
    *ms) die "durations are whole seconds or more: $d" ;;
    *s) d="${d%s}"; [[ "$d" =~ ^[0-9]+$ ]] || die "bad duration: $1"; echo "$d" ;;
    *m) d="${d%m}"; [[ "$d" =~ ^[0-9]+$ ]] || die "bad duration: $1"; echo $((d * 60)) ;;
    *h) d="${d%h}"; [[ "$d" =~ ^[0-9]+$ ]] || die "bad duration: $1"; echo $((d * 3600)) ;;
    *) [[ "$d" =~ ^[0-9]+$ ]] || die "bad duration: $1"; echo "$d" ;;
  esac
}
DURATION_S=$(seconds_of "$DURATION")
WARMUP_S=$(seconds_of "$WARMUP")
[ "$DURATION_S" -ge 1 ] || die "--duration must be at least 1s"
for v in ROWS CONNECTIONS THREADS STARTUPS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "--${v,,} must be a whole number: ${!v}"
done
[ "$ROWS" -ge 1 ] || die "--rows must be at least 1"
[ "$THREADS" -ge 1 ] && [ "$CONNECTIONS" -ge "$THREADS" ] || die "need 1 <= --threads <= --connections"
if [ -n "$ONLY" ]; then
  found=false
  for a in "${ALL_APIS[@]}"; do [ "$a" = "$ONLY" ] && found=true; done
  $found || die "--only: unknown API '$ONLY'; one of: ${ALL_APIS[*]}"
  APIS=("$ONLY")
else
  APIS=("${ALL_APIS[@]}")
fi
DEFAULT_APP_DIR="$REPO/target/quarkus-app"
if [ -z "$APP_DIR" ]; then
  # Not resolved through cd: on a fresh clone target/ does not exist yet, the build below makes it.
  APP_DIR="$DEFAULT_APP_DIR"
else
  APP_PARENT="$(cd "$REPO" && cd "$(dirname "$APP_DIR")" 2>/dev/null && pwd)" \
    || die "--app-dir: no such directory: $APP_DIR"
  APP_DIR="$APP_PARENT/$(basename "$APP_DIR")"
fi
PG_IMAGE="${TC_PG_IMAGE:-postgres:17}"

# ---- 1. prerequisites ------------------------------------------------------------------------------------
need_root_install() { # package, what
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $1 ($2 is missing)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null; } \
      || die "could not install $1"
  else
    die "$2 is missing: install the Debian package $1"
  fi
}
find_pg_tool() { # name -> path
  local p
  if p=$(command -v "$1" 2>/dev/null) && "$p" --version >/dev/null 2>&1; then echo "$p"; return 0; fi
  for p in /usr/lib/postgresql/*/bin/"$1"; do [ -x "$p" ] && { echo "$p"; return 0; }; done
  return 1
}
command -v docker >/dev/null || die "docker is missing: run 'source ../shared/ci/testcontainers-env.sh' first"
docker version >/dev/null 2>&1 || die "docker does not answer: run 'source ../shared/ci/testcontainers-env.sh' first (it starts dockerd)"
docker image inspect "$PG_IMAGE" >/dev/null 2>&1 \
  || die "the image $PG_IMAGE is not here (no registry is reachable): 'source ../shared/ci/testcontainers-env.sh' builds it"
command -v wrk >/dev/null || need_root_install wrk wrk
command -v curl >/dev/null || need_root_install curl curl
PSQL=$(find_pg_tool psql) || { need_root_install postgresql-client psql; PSQL=$(find_pg_tool psql) || die "psql not found"; }
PGBENCH=$(find_pg_tool pgbench) || { need_root_install postgresql-client pgbench; PGBENCH=$(find_pg_tool pgbench) || die "pgbench not found"; }
command -v java >/dev/null || die "java is missing (JDK 17 or newer)"
command -v javac >/dev/null || die "javac is missing (a JDK 17 or newer, not only a JRE)"
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[ "${JAVA_MAJOR:-0}" -ge 17 ] 2>/dev/null || die "java 17 or newer is needed (found ${JAVA_MAJOR:-unknown})"
command -v sha512sum >/dev/null || die "sha512sum is missing (coreutils)"
command -v ss >/dev/null || need_root_install iproute2 ss

mkdir -p "$WORK" "$RESULTS"
rm -rf "$WORK/run" && mkdir -p "$WORK/run" "$WORK/sql"
RUN="$WORK/run"

# ---- 2. the jar ------------------------------------------------------------------------------------------
JAR="$APP_DIR/quarkus-run.jar"
if ! $SKIP_BUILD; then
  if [ "$APP_DIR" != "$DEFAULT_APP_DIR" ]; then
    [ -f "$JAR" ] || die "no $JAR (the script builds only the default target/quarkus-app)"
  elif [ ! -f "$JAR" ] || [ -n "$(find "$REPO/src" "$REPO/pom.xml" -newer "$JAR" -print -quit)" ]; then
    log "building the jar (mvnw -B -q package -DskipTests)"
    (cd "$REPO" && ./mvnw -B -q package -DskipTests) || die "the build failed"
  else
    log "the jar is newer than src/: not rebuilding"
  fi
fi
[ -f "$JAR" ] || die "no jar at $JAR (build it, or give --app-dir)"
LOAD_AVG_START=$(cut -d' ' -f1-3 /proc/loadavg)

# the SDK-way load generator runs on the app's own Vert.x and Netty jars
JOBLOAD_CP=""
if $RUN_SDK; then
  JOBLOAD_CP="$WORK/classes"
  for j in "$APP_DIR"/lib/main/io.vertx.vertx-core-*.jar "$APP_DIR"/lib/main/io.netty.netty-*.jar \
           "$APP_DIR"/lib/main/com.fasterxml.jackson.core.jackson-core-*.jar; do
    [ -f "$j" ] || die "no Vert.x/Netty jars under $APP_DIR/lib/main for bench/JobLoad.java (or pass --no-sdk)"
    JOBLOAD_CP+=":$j"
  done
  mkdir -p "$WORK/classes"
  javac -nowarn -Xlint:-deprecation -d "$WORK/classes" -cp "$JOBLOAD_CP" "$BENCH_DIR/JobLoad.java" \
    || die "could not compile bench/JobLoad.java"
fi

# ---- helpers ---------------------------------------------------------------------------------------------
APP_PID=""
STUB_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if $KEEP && [ $rc -eq 0 ]; then
    log "--keep: left running: app pid ${APP_PID:-none} on port ${APP_PORT:-?}, stub pid ${STUB_PID:-none}, container $CONTAINER"
    exit 0
  fi
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$STUB_PID" ] && kill -0 "$STUB_PID" 2>/dev/null; then
    kill -TERM "$STUB_PID" 2>/dev/null || true
    wait "$STUB_PID" 2>/dev/null || true
  fi
  docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ]; then echo "$p"; return 0; fi
  done
  die "found no free port"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
fmt() { # number, decimals -> formatted, or n/a
  if [[ "${1:-}" =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then LC_ALL=C printf "%.${2}f" "$1"; else echo "n/a"; fi
}
# key=value from a BENCH_RESULT line
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

psql_db() { PGPASSWORD=zstack "$PSQL" -X -q -h 127.0.0.1 -p "$PG_PORT" -U zstack -d zstack -v ON_ERROR_STOP=1 "$@"; }

# ---- 3. PostgreSQL ---------------------------------------------------------------------------------------
docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
log "starting PostgreSQL ($PG_IMAGE)"
docker run -d --name "$CONTAINER" -e POSTGRES_USER=zstack -e POSTGRES_PASSWORD=zstack -e POSTGRES_DB=zstack \
  -p 127.0.0.1::5432 "$PG_IMAGE" -c max_connections=200 -c shared_buffers=256MB -c synchronous_commit=on >/dev/null \
  || die "docker run failed"
PG_PORT=""
for _ in $(seq 1 50); do
  PG_PORT=$(docker port "$CONTAINER" 5432/tcp 2>/dev/null | head -1 | sed 's/.*://') && [ -n "$PG_PORT" ] && break
  sleep 0.2
done
[ -n "$PG_PORT" ] || die "could not learn the container's port"
ready=false
for _ in $(seq 1 240); do
  # the entrypoint runs a socket-only server while it initialises: wait for TCP and a real query
  if psql_db -c 'SELECT 1' >/dev/null 2>&1; then ready=true; break; fi
  [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" = true ] || break
  sleep 0.5
done
$ready || { docker logs "$CONTAINER" 2>&1 | tail -20 >&2; die "PostgreSQL did not become ready"; }
log "PostgreSQL ready on 127.0.0.1:$PG_PORT"

# ---- 4. stub agent ---------------------------------------------------------------------------------------
STUB_PORT=$(free_port)
log "starting the stub agent on port $STUB_PORT"
java -XX:+UseSerialGC -Xss512k "$BENCH_DIR/StubAgent.java" "$STUB_PORT" 6 >"$WORK/stub.log" 2>&1 &
STUB_PID=$!
stub_ok=false
for _ in $(seq 1 300); do
  if curl -sf -o /dev/null "http://127.0.0.1:$STUB_PORT/ping"; then stub_ok=true; break; fi
  kill -0 "$STUB_PID" 2>/dev/null || break
  sleep 0.1
done
$stub_ok || { tail -20 "$WORK/stub.log" >&2; die "the stub agent did not answer /ping"; }

# ---- 5. the app ------------------------------------------------------------------------------------------
APP_PORT=$(free_port)
SECRET_KEY=$(head -c 32 /dev/urandom | base64)
# starts the jar in the background (sets APP_PID), logs to $1
start_app() {
  # shellcheck disable=SC2086
  QUARKUS_HTTP_PORT="$APP_PORT" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/zstack" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/zstack" \
  QUARKUS_DATASOURCE_USERNAME=zstack QUARKUS_DATASOURCE_PASSWORD=zstack \
  ZSTACK_ADMIN_PASSWORD="$ADMIN_PASSWORD" ZSTACK_SECRET_KEY="$SECRET_KEY" \
  ZSTACK_AGENT_CALLBACK_BASE_URL="http://127.0.0.1:$APP_PORT" \
    java ${JAVA_OPTS:-} -jar "$JAR" >"$1" 2>&1 &
  APP_PID=$!
}
# waits for the first 200 of /q/health/ready; prints the milliseconds since $1
wait_ready() {
  local t0="$1" logf="$2" code
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$APP_PORT/q/health/ready" || true)
    if [ "$code" = 200 ]; then echo $(($(now_ms) - t0)); return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$logf" >&2; die "the app exited during start-up (log: $logf)"; }
    sleep 0.02
  done
  tail -30 "$logf" >&2
  die "the app was not ready within 60 s (log: $logf)"
}
stop_app() {
  [ -n "$APP_PID" ] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

log "starting the app on port $APP_PORT (first start runs the Flyway migrations)"
T0=$(now_ms)
start_app "$WORK/app.log"
FIRST_START_MS=$(wait_ready "$T0" "$WORK/app.log")
log "ready in $FIRST_START_MS ms"

# ---- 6. seed ---------------------------------------------------------------------------------------------
log "seeding $ROWS rows of each kind"
T0=$(now_ms)
psql_db -v rows="$ROWS" -v agent_port="$STUB_PORT" -f "$BENCH_DIR/seed.sql" >"$WORK/seed.log" 2>&1 \
  || { cat "$WORK/seed.log" >&2; die "seeding failed"; }
psql_db -c 'VACUUM (ANALYZE)' >>"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; die "VACUUM ANALYZE failed"; }
SEED_MS=$(($(now_ms) - T0))
log "seeded in $SEED_MS ms"

PASSWORD_SHA=$(printf '%s' "$ADMIN_PASSWORD" | sha512sum | cut -d' ' -f1)
LOGIN=$(curl -s -X PUT -H 'Content-Type: application/json' \
  -d "{\"logInByAccount\": {\"accountName\": \"admin\", \"password\": \"$PASSWORD_SHA\"}}" \
  "http://127.0.0.1:$APP_PORT/zstack/v1/accounts/login") || die "login: no answer"
SESSION=$(echo "$LOGIN" | grep -o '"uuid" *: *"[0-9a-f]\{32\}"' | head -1 | grep -o '[0-9a-f]\{32\}' || true)
[ -n "$SESSION" ] || die "login failed: $LOGIN"
log "logged in"

# ---- smoke test and SQL trace: one call of each API with every statement logged ---------------------------
api_call() { # API n -> method path body (one line each)
  local n="$1"
  case "$2" in
    UpdateTpm) printf 'PUT\n/zstack/v1/tpms\n{"updateTpm": {"tpmUuid": "3%031x", "keyProviderUuid": "4%031x"}}\n' "$n" 2 ;;
    UpdateIAM2VirtualID) printf 'PUT\n/zstack/v1/iam2/virtual-ids/5%031x/actions\n{"updateIAM2VirtualID": {"description": "d-smoke"}}\n' "$n" ;;
    UpdateGuestToolsState) printf 'PUT\n/zstack/v1/vm-instances/1%031x/guesttools-state\n{}\n' "$n" ;;
    ChangeVmPassword) printf 'PUT\n/zstack/v1/vm-instances/1%031x/actions\n{"changeVmPassword": {"password": "Passw0rd!", "account": "root"}}\n' "$n" ;;
    UpdateImageStoreBackupStorage) printf 'PUT\n/zstack/v1/backup-storage/image-store/6%031x/actions\n{"updateImageStoreBackupStorage": {"description": "d-smoke"}}\n' "$n" ;;
  esac
}
declare -A SMOKE
log "smoke test with SQL trace (bench/work/sql/<API>.log)"
psql_db -c "ALTER SYSTEM SET log_statement = 'all'" -c 'SELECT pg_reload_conf()' >/dev/null
sleep 0.3
for api in "${APIS[@]}"; do
  mapfile -t call < <(api_call "$ROWS" "$api")
  psql_db -c "SELECT 'bench-trace-begin $api'" >/dev/null
  code=$(curl -s -o "$RUN/smoke-$api.json" -w '%{http_code}' -X "${call[0]}" -H 'Content-Type: application/json' \
    -H "Authorization: OAuth $SESSION" -d "${call[2]}" "http://127.0.0.1:$APP_PORT${call[1]}" || echo 000)
  sleep 0.2
  psql_db -c "SELECT 'bench-trace-end $api'" >/dev/null
  SMOKE[$api]=$code
  if [[ "$code" != 2* ]]; then
    log "WARNING: $api answered HTTP $code: $(head -c 600 "$RUN/smoke-$api.json")"
  fi
done
psql_db -c 'ALTER SYSTEM RESET log_statement' -c 'SELECT pg_reload_conf()' >/dev/null
docker logs "$CONTAINER" >"$RUN/pg.log" 2>&1 || true
for api in "${APIS[@]}"; do
  awk -v b="bench-trace-begin $api'" -v e="bench-trace-end $api'" '
    index($0, e) {on = 0}
    on && !/pg_reload_conf|bench-trace-/ {print}
    index($0, b) {on = 1}' "$RUN/pg.log" | sed -E 's/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] //' >"$WORK/sql/$api.log"
done

# ---- 7-10. load ------------------------------------------------------------------------------------------
# run_wrk LABEL SCRIPT URL DURATION_S [RATE] [CAPTURE_PREFIX] -> the BENCH_RESULT line (or nothing)
run_wrk() {
  local label="$1" script="$2" url="$3" secs="$4" rate="${5:-}" capture="${6:-}" out="$RUN/wrk-$1.log"
  BENCH_ROWS="$ROWS" BENCH_SESSION="$SESSION" BENCH_RATE="$rate" BENCH_CAPTURE="$capture" \
  BENCH_THREADS="$THREADS" BENCH_CONNECTIONS="$CONNECTIONS" \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${secs}s" --timeout 10s -s "$script" "$url" >"$out" 2>&1 || true
  grep -m1 '^BENCH_RESULT' "$out" || { log "WARNING: wrk $label printed no result (see $out)"; tail -5 "$out" >&2; }
}
# run_pgbench API -> "tps failed" (or nothing)
run_pgbench() {
  local api="$1" out="$RUN/pgbench-$1.log"
  # shellcheck disable=SC2086
  PGPASSWORD=zstack "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U zstack -n -c "$CONNECTIONS" -j "$THREADS" \
    -T "$DURATION_S" -D rows="$ROWS" ${PGBENCH_EXTRA_ARGS:-} -f "$BENCH_DIR/pgbench/$api.sql" zstack >"$out" 2>&1 \
    || { log "WARNING: pgbench $api failed (see $out)"; tail -5 "$out" >&2; return 0; }
  local tps failed
  tps=$(awk '/^tps = / {print $3; exit}' "$out")
  failed=$(awk -F': ' '/number of failed transactions/ {split($2, a, " "); print a[1]; exit}' "$out")
  echo "${tps:-} ${failed:-0}"
}
# run_jobload API -> its BENCH_RESULT lines (measured, fixed, sync), the SDK way: submit with X-Job-UUID, then poll
run_jobload() {
  local api="$1" out="$RUN/jobload-$1.log"
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -cp "$JOBLOAD_CP" JobLoad \
    --base "http://127.0.0.1:$APP_PORT" --session "$SESSION" --api "$api" --rows "$ROWS" \
    --connections "$CONNECTIONS" --threads "$THREADS" --warmup "$WARMUP_S" --duration "$DURATION_S" --control \
    --app-pid "$APP_PID" --clk-tck "$CLK_TCK" \
    --capture "$RUN/sdk-errors-$api" >"$out" 2>&1 || { log "WARNING: JobLoad $api failed (see $out)"; tail -5 "$out" >&2; }
  grep '^BENCH_RESULT' "$out" || true
}
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
app_cpu_ms() { # the app's user + system CPU time so far, in ms
  awk -v t="$CLK_TCK" '{sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / t}' "/proc/$APP_PID/stat" 2>/dev/null || echo ""
}
app_jit_ms() { # the part of it used by the live JIT compiler threads (C1, C2)
  local t sum=0 ms
  for t in /proc/"$APP_PID"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      "C1 Compiler"*|"C2 Compiler"*)
        ms=$(awk -v k="$CLK_TCK" '{sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / k}' "$t/stat" 2>/dev/null || echo 0)
        sum=$((sum + ${ms:-0})) ;;
    esac
  done
  echo "$sum"
}
# per_op CPU_MS_BEFORE CPU_MS_AFTER COUNT -> ms per operation, or nothing
per_op() { awk -v a="${1:-}" -v b="${2:-}" -v n="${3:-}" 'BEGIN { if (a != "" && b != "" && n + 0 > 0) printf "%.3f", (b - a) / n }'; }
app_errors_since() { # line number -> ERROR lines logged by the app after it
  tail -n +"$(($1 + 1))" "$WORK/app.log" | grep -c ' ERROR ' || true
}
app_error_kinds_since() { # line number -> the commonest ERROR messages after it, "count message" per line
  tail -n +"$(($1 + 1))" "$WORK/app.log" | grep ' ERROR ' \
    | sed -E 's/^[0-9:.,-]+ +ERROR +\[[^]]*\] +\([^)]*\) +//; s/[0-9a-f]{32}/<uuid>/g' | cut -c1-220 \
    | sort | uniq -c | sort -rn | head -4 || true
}

declare -A R_RPS R_P50 R_P99 R_P999 R_ERR R_DETAIL F_TARGET F_RPS F_P50 F_P99 F_P999 F_ERR PG_TPS PG_FAILED APP_ERR
declare -A J_OPS J_P50 J_P99 J_P999 J_ERR J_DETAIL J_POLLS J_SUBMIT_P50 JF_TARGET JF_OPS JF_P50 JF_P99 JF_P999 JF_ERR \
  JS_RPS JS_P99 JS_ERR LOAD_AVG R_CPU J_CPU JS_CPU R_JIT J_JIT JS_JIT
for api in "${APIS[@]}"; do
  LOAD_AVG[$api]=$(cut -d' ' -f1 /proc/loadavg)
  script="$BENCH_DIR/wrk/$api.lua"
  url="http://127.0.0.1:$APP_PORT"
  mark=$(wc -l <"$WORK/app.log")
  rm -f "$RUN/errors-$api".* "$RUN/sdk-errors-$api"
  if [ "$WARMUP_S" -gt 0 ]; then
    log "$api: warm-up ${WARMUP_S}s (non-2xx answers sampled)"
    run_wrk "$api-warmup" "$script" "$url" "$WARMUP_S" "" "$RUN/errors-$api" >/dev/null
  fi
  log "$api: measured ${DURATION_S}s, $CONNECTIONS connections, $THREADS threads"
  cpu0=$(app_cpu_ms); jit0=$(app_jit_ms)
  line=$(run_wrk "$api" "$script" "$url" "$DURATION_S")
  R_CPU[$api]=$(per_op "$cpu0" "$(app_cpu_ms)" "$(field "$line" requests)")
  R_JIT[$api]=$(per_op "$jit0" "$(app_jit_ms)" "$(field "$line" requests)")
  R_RPS[$api]=$(field "$line" rps); R_P50[$api]=$(field "$line" p50_ms); R_P99[$api]=$(field "$line" p99_ms)
  R_P999[$api]=$(field "$line" p999_ms); R_ERR[$api]=$(field "$line" errors)
  R_DETAIL[$api]="connect=$(field "$line" connect) read=$(field "$line" read) write=$(field "$line" write) timeout=$(field "$line" timeout) status=$(field "$line" status)"
  log "$api: ${R_RPS[$api]:-n/a} req/s, p50 ${R_P50[$api]:-n/a} ms, p99 ${R_P99[$api]:-n/a} ms, errors ${R_ERR[$api]:-n/a}"

  rps="${R_RPS[$api]:-0}"
  target=$(awk -v r="$rps" 'BEGIN {t = int(r / 2); if (t < 1) t = 1; print t}')
  F_TARGET[$api]=$target
  log "$api: fixed rate $target req/s for ${DURATION_S}s"
  line=$(run_wrk "$api-fixed" "$script" "$url" "$DURATION_S" "$target")
  F_RPS[$api]=$(field "$line" rps); F_P50[$api]=$(field "$line" p50_ms); F_P99[$api]=$(field "$line" p99_ms)
  F_P999[$api]=$(field "$line" p999_ms); F_ERR[$api]=$(field "$line" errors)
  log "$api: fixed rate achieved ${F_RPS[$api]:-n/a} req/s, p50 ${F_P50[$api]:-n/a} ms, p99 ${F_P99[$api]:-n/a} ms, p99.9 ${F_P999[$api]:-n/a} ms"

  if $RUN_SDK && [[ "$ASYNC_APIS" == *" $api "* ]]; then
    log "$api: the SDK way (X-Job-UUID, then poll): warm-up ${WARMUP_S}s, measured ${DURATION_S}s, fixed rate at half of it ${DURATION_S}s, same client without the job ${DURATION_S}s"
    lines=$(run_jobload "$api")
    line=$(grep -m1 'phase=measured' <<<"$lines" || true)
    J_OPS[$api]=$(field "$line" rps); J_P50[$api]=$(field "$line" p50_ms); J_P99[$api]=$(field "$line" p99_ms)
    J_P999[$api]=$(field "$line" p999_ms); J_ERR[$api]=$(field "$line" errors)
    J_POLLS[$api]=$(field "$line" polls_per_op); J_SUBMIT_P50[$api]=$(field "$line" submit_p50_ms)
    J_CPU[$api]=$(field "$line" app_cpu_ms_per_op); J_JIT[$api]=$(field "$line" app_jit_ms_per_op)
    J_DETAIL[$api]="connect=$(field "$line" connect) read=$(field "$line" read) timeout=$(field "$line" timeout) status=$(field "$line" status)"
    line=$(grep -m1 'phase=fixed' <<<"$lines" || true)
    JF_TARGET[$api]=$(field "$line" target); JF_OPS[$api]=$(field "$line" rps); JF_P50[$api]=$(field "$line" p50_ms)
    JF_P99[$api]=$(field "$line" p99_ms); JF_P999[$api]=$(field "$line" p999_ms); JF_ERR[$api]=$(field "$line" errors)
    line=$(grep -m1 'phase=sync' <<<"$lines" || true)
    JS_RPS[$api]=$(field "$line" rps); JS_P99[$api]=$(field "$line" p99_ms); JS_ERR[$api]=$(field "$line" errors)
    JS_CPU[$api]=$(field "$line" app_cpu_ms_per_op); JS_JIT[$api]=$(field "$line" app_jit_ms_per_op)
    log "$api: SDK way ${J_OPS[$api]:-n/a} ops/s (p50 ${J_P50[$api]:-n/a} ms, p99 ${J_P99[$api]:-n/a} ms, ${J_POLLS[$api]:-n/a} polls/op); at ${JF_TARGET[$api]:-n/a} ops/s p99 ${JF_P99[$api]:-n/a} ms; same client without the job ${JS_RPS[$api]:-n/a} req/s"
  fi
  APP_ERR[$api]=$(app_errors_since "$mark")
  app_error_kinds_since "$mark" >"$RUN/app-errors-$api.txt"

  if $RUN_PGBENCH; then
    log "$api: pgbench ${DURATION_S}s"
    read -r PG_TPS[$api] PG_FAILED[$api] < <(run_pgbench "$api"; echo) || true
    log "$api: pgbench ${PG_TPS[$api]:-n/a} tps"
  fi
done

RSS_MB=$(ps -o rss= -p "$APP_PID" 2>/dev/null | awk '{printf "%.0f", $1 / 1024}')
log "app RSS after the load: ${RSS_MB:-n/a} MB"
JOB_ROWS=$(psql_db -Atc "SELECT count(*) || ' (' || count(*) FILTER (WHERE state = 'Running') || ' Running)' FROM api_job" 2>/dev/null || echo n/a)

log "agent stub ceiling: ${DURATION_S}s straight at the stub"
[ "$WARMUP_S" -gt 0 ] && run_wrk stub-warmup "$BENCH_DIR/wrk/agent_stub.lua" "http://127.0.0.1:$STUB_PORT" "$WARMUP_S" >/dev/null
line=$(run_wrk stub "$BENCH_DIR/wrk/agent_stub.lua" "http://127.0.0.1:$STUB_PORT" "$DURATION_S")
S_RPS=$(field "$line" rps); S_P50=$(field "$line" p50_ms); S_P99=$(field "$line" p99_ms); S_ERR=$(field "$line" errors)
log "agent stub: ${S_RPS:-n/a} req/s"

# ---- 11. start-up ----------------------------------------------------------------------------------------
[ "$STARTUPS" -eq 0 ] || stop_app
STARTUP_TIMES=()
for i in $(seq 1 "$STARTUPS"); do
  T0=$(now_ms)
  start_app "$RUN/app-startup-$i.log"
  ms=$(wait_ready "$T0" "$RUN/app-startup-$i.log")
  STARTUP_TIMES+=("$ms")
  log "start-up $i/$STARTUPS: $ms ms"
  stop_app
done
STARTUP_MEDIAN=""
if [ "${#STARTUP_TIMES[@]}" -gt 0 ]; then
  STARTUP_MEDIAN=$(printf '%s\n' "${STARTUP_TIMES[@]}" | sort -n | awk '{a[NR] = $1} END {
    if (NR % 2) print a[(NR + 1) / 2]; else printf "%.0f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
fi

# ---- 12. the table ---------------------------------------------------------------------------------------
STAMP=$(date -u +%Y%m%d-%H%M)
DATE_UTC=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$REPO" status --porcelain 2>/dev/null)" ]; then DIRTY=dirty; else DIRTY=clean; fi
NPROC=$(nproc)
JAR_COMMIT=""
if [ "$APP_DIR" != "$DEFAULT_APP_DIR" ]; then
  JAR_COMMIT=$(git -C "$(dirname "$APP_DIR")" rev-parse --short HEAD 2>/dev/null || true)
fi
JAVA_VERSION=$(java -version 2>&1 | head -1 | tr -d '"')
PG_VERSION=$(psql_db -Atc 'SHOW server_version' 2>/dev/null || echo unknown)
BASE="$RESULTS/$STAMP-rows$ROWS"
CSV="$BASE.csv"
MD="$BASE.md"

LOAD_AVG_END=$(cut -d' ' -f1-3 /proc/loadavg)
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
num_or_na() { [ -n "${1:-}" ] && echo "$1" || echo "n/a"; }
is_sdk() { [ -n "${J_OPS[$1]:-}${JF_OPS[$1]:-}" ]; }
sdk_csv() { # API -> the SDK-way columns of its CSV row (empty for an API not measured that way)
  local a="$1"
  if ! is_sdk "$a"; then printf ',,,,,,,,,,,,,,,,,,%s,,,%s,,' "$(fmt "${R_CPU[$a]:-}" 3)" "$(fmt "${R_JIT[$a]:-}" 3)"; return; fi
  echo "$(fmt "${J_OPS[$a]:-}" 1),$(fmt "${J_P50[$a]:-}" 2),$(fmt "${J_P99[$a]:-}" 2),$(fmt "${J_P999[$a]:-}" 2),$(num_or_na "${J_ERR[$a]:-}"),$(ratio "${J_OPS[$a]:-}" "${R_RPS[$a]:-}"),$(fmt "${J_POLLS[$a]:-}" 2),$(fmt "${J_SUBMIT_P50[$a]:-}" 2),$(num_or_na "${JF_TARGET[$a]:-}"),$(fmt "${JF_OPS[$a]:-}" 1),$(fmt "${JF_P50[$a]:-}" 2),$(fmt "${JF_P99[$a]:-}" 2),$(fmt "${JF_P999[$a]:-}" 2),$(num_or_na "${JF_ERR[$a]:-}"),$(ratio "${JF_P99[$a]:-}" "${F_P99[$a]:-}"),$(fmt "${JS_RPS[$a]:-}" 1),$(fmt "${JS_P99[$a]:-}" 2),$(ratio "${J_OPS[$a]:-}" "${JS_RPS[$a]:-}"),$(fmt "${R_CPU[$a]:-}" 3),$(fmt "${J_CPU[$a]:-}" 3),$(fmt "${JS_CPU[$a]:-}" 3),$(fmt "${R_JIT[$a]:-}" 3),$(fmt "${J_JIT[$a]:-}" 3),$(fmt "${JS_JIT[$a]:-}" 3)"
}
# verdict VALUE OP LIMIT -> "yes", "no" or "n/a"
verdict() { awk -v v="${1:-}" -v op="$2" -v l="$3" 'BEGIN { if (v == "n/a" || v == "") { print "n/a"; exit }
  ok = (op == ">=") ? (v + 0 >= l) : (v + 0 <= l); print ok ? "yes" : "no" }'; }

{
  echo "# zstack-cp benchmark"
  echo "# commit=$COMMIT tree=$DIRTY${JAR_COMMIT:+ jar_commit=$JAR_COMMIT} app_dir=$APP_DIR"
  echo "# date=$DATE_UTC nproc=$NPROC rows=$ROWS duration=${DURATION_S}s warmup=${WARMUP_S}s connections=$CONNECTIONS threads=$THREADS"
  echo "# java=\"$JAVA_VERSION\" postgres=$PG_VERSION image=$PG_IMAGE"
  echo "# loadavg_start=\"$LOAD_AVG_START\" loadavg_end=\"$LOAD_AVG_END\" api_job_rows_after=\"$JOB_ROWS\""
  echo "# first_start_ms=$FIRST_START_MS startup_median_ms=$(num_or_na "$STARTUP_MEDIAN") startups=${STARTUP_TIMES[*]:-none} rss_mb=$(num_or_na "$RSS_MB") seed_ms=$SEED_MS"
  echo "api,req_per_s,p50_ms,p99_ms,p999_ms,errors,pgbench_tps,pgbench_failed,ratio,fixed_target_req_per_s,fixed_req_per_s,fixed_p50_ms,fixed_p99_ms,fixed_p999_ms,fixed_errors,smoke_http,app_error_lines,loadavg_1m,sdk_ops_per_s,sdk_p50_ms,sdk_p99_ms,sdk_p999_ms,sdk_errors,sdk_ratio_to_sync,sdk_polls_per_op,sdk_submit_p50_ms,sdk_fixed_target_ops_per_s,sdk_fixed_ops_per_s,sdk_fixed_p50_ms,sdk_fixed_p99_ms,sdk_fixed_p999_ms,sdk_fixed_errors,sdk_fixed_p99_ratio_to_sync,sdk_client_sync_req_per_s,sdk_client_sync_p99_ms,sdk_ratio_to_client_sync,app_cpu_ms_per_req,sdk_app_cpu_ms_per_op,sdk_client_sync_app_cpu_ms_per_req,app_jit_ms_per_req,sdk_app_jit_ms_per_op,sdk_client_sync_app_jit_ms_per_req"
  for api in "${APIS[@]}"; do
    echo "$api,$(fmt "${R_RPS[$api]:-}" 1),$(fmt "${R_P50[$api]:-}" 2),$(fmt "${R_P99[$api]:-}" 2),$(fmt "${R_P999[$api]:-}" 2),$(num_or_na "${R_ERR[$api]:-}"),$(fmt "${PG_TPS[$api]:-}" 1),$(num_or_na "${PG_FAILED[$api]:-}"),$(ratio "${R_RPS[$api]:-}" "${PG_TPS[$api]:-}"),${F_TARGET[$api]},$(fmt "${F_RPS[$api]:-}" 1),$(fmt "${F_P50[$api]:-}" 2),$(fmt "${F_P99[$api]:-}" 2),$(fmt "${F_P999[$api]:-}" 2),$(num_or_na "${F_ERR[$api]:-}"),${SMOKE[$api]},${APP_ERR[$api]},${LOAD_AVG[$api]},$(sdk_csv "$api")"
  done
  echo "agent stub ceiling,$(fmt "$S_RPS" 1),$(fmt "$S_P50" 2),$(fmt "$S_P99" 2),,$(num_or_na "$S_ERR"),,,,,,,,,,,,,$(sdk_csv none)"
} >"$CSV"

{
  echo "# Benchmark: rows $ROWS, ${DURATION_S}s, $CONNECTIONS connections"
  echo
  echo "- commit \`$COMMIT\` ($DIRTY tree)${JAR_COMMIT:+, jar built from \`$JAR_COMMIT\`}; jar: \`$JAR\`"
  echo "- date $DATE_UTC; nproc $NPROC; $JAVA_VERSION; PostgreSQL $PG_VERSION ($PG_IMAGE)"
  echo "- rows $ROWS of each kind; wrk: ${WARMUP_S}s warm-up then ${DURATION_S}s, $CONNECTIONS connections, $THREADS threads, timeout 10s; pgbench: -c $CONNECTIONS -j $THREADS -T $DURATION_S${PGBENCH_EXTRA_ARGS:+ $PGBENCH_EXTRA_ARGS}"
  echo "- wrk, pgbench, JobLoad, PostgreSQL, the app and the stub agent all share these $NPROC cores over loopback"
  echo "- load average (1, 5, 15 min) at the start: $LOAD_AVG_START; at the end: $LOAD_AVG_END (other work on the machine counts in it)"
  echo
  echo "| API | req/s | p50 ms | p99 ms | errors | pgbench tps | ratio (req/s ÷ tps) | fixed-rate req/s (target) | fixed-rate p50/p99/p99.9 ms | fixed-rate errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for api in "${APIS[@]}"; do
    echo "| $api | $(fmt "${R_RPS[$api]:-}" 1) | $(fmt "${R_P50[$api]:-}" 2) | $(fmt "${R_P99[$api]:-}" 2) | $(num_or_na "${R_ERR[$api]:-}") | $(fmt "${PG_TPS[$api]:-}" 1) | $(ratio "${R_RPS[$api]:-}" "${PG_TPS[$api]:-}") | $(fmt "${F_RPS[$api]:-}" 1) (${F_TARGET[$api]}) | $(fmt "${F_P50[$api]:-}" 2) / $(fmt "${F_P99[$api]:-}" 2) / $(fmt "${F_P999[$api]:-}" 2) | $(num_or_na "${F_ERR[$api]:-}") |"
  done
  echo "| agent stub ceiling | $(fmt "$S_RPS" 1) | $(fmt "$S_P50" 2) | $(fmt "$S_P99" 2) | $(num_or_na "$S_ERR") | | | | | |"
  echo
  sdk_any=false
  if $RUN_SDK; then for api in "${APIS[@]}"; do [[ "$ASYNC_APIS" == *" $api "* ]] && sdk_any=true; done; fi
  if $sdk_any; then
    echo "### The SDK way: submit with X-Job-UUID, then poll (bench/JobLoad.java)"
    echo
    echo "One operation = the submit (202) and its polls until 200 or 503, timed from the submit. Target: ops/s at least 0.6 of the synchronous req/s above, and p99 at half load at most twice the synchronous fixed-rate p99. Same connections; ${WARMUP_S}s warm-up."
    echo
    echo "| API | load (1 min) | sync req/s | SDK ops/s | ratio (≥ 0.6?) | SDK p50/p99 ms | polls/op | submit p50 ms | errors | SDK fixed-rate ops/s (target) | sync fixed-rate p99 ms | SDK fixed-rate p50/p99/p99.9 ms | p99 ratio (≤ 2?) | fixed-rate errors | same client, no job: req/s, p99 ms | SDK ÷ same client | app CPU ms/op (of it JIT): sync (wrk), SDK, same client no job |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for api in "${APIS[@]}"; do
      if ! is_sdk "$api"; then
        if [[ "$ASYNC_APIS" == *" $api "* ]]; then what="n/a: JobLoad gave no result (see bench/work/run/jobload-$api.log)"
        else what="synchronous in ZStack: no SDK way"; fi
        echo "| $api | ${LOAD_AVG[$api]} | $(fmt "${R_RPS[$api]:-}" 1) | $what | | | | | | | | | | | | | $(fmt "${R_CPU[$api]:-}" 3) ($(fmt "${R_JIT[$api]:-}" 3)) |"
        continue
      fi
      r=$(ratio "${J_OPS[$api]:-}" "${R_RPS[$api]:-}"); q=$(ratio "${JF_P99[$api]:-}" "${F_P99[$api]:-}")
      echo "| $api | ${LOAD_AVG[$api]} | $(fmt "${R_RPS[$api]:-}" 1) | $(fmt "${J_OPS[$api]:-}" 1) | $r ($(verdict "$r" ">=" 0.6)) | $(fmt "${J_P50[$api]:-}" 2) / $(fmt "${J_P99[$api]:-}" 2) | $(fmt "${J_POLLS[$api]:-}" 2) | $(fmt "${J_SUBMIT_P50[$api]:-}" 2) | $(num_or_na "${J_ERR[$api]:-}") | $(fmt "${JF_OPS[$api]:-}" 1) ($(num_or_na "${JF_TARGET[$api]:-}")) | $(fmt "${F_P99[$api]:-}" 2) | $(fmt "${JF_P50[$api]:-}" 2) / $(fmt "${JF_P99[$api]:-}" 2) / $(fmt "${JF_P999[$api]:-}" 2) | $q ($(verdict "$q" "<=" 2)) | $(num_or_na "${JF_ERR[$api]:-}") | $(fmt "${JS_RPS[$api]:-}" 1), $(fmt "${JS_P99[$api]:-}" 2) | $(ratio "${J_OPS[$api]:-}" "${JS_RPS[$api]:-}") | $(fmt "${R_CPU[$api]:-}" 3) ($(fmt "${R_JIT[$api]:-}" 3)), $(fmt "${J_CPU[$api]:-}" 3) ($(fmt "${J_JIT[$api]:-}" 3)), $(fmt "${JS_CPU[$api]:-}" 3) ($(fmt "${JS_JIT[$api]:-}" 3)) |"
    done
    echo
    echo "- api_job rows after the load: $JOB_ROWS"
    echo
  fi
  echo "- start-up median: $(num_or_na "$STARTUP_MEDIAN") ms (launch to first 200 of /q/health/ready, $STARTUPS starts against the seeded DB: ${STARTUP_TIMES[*]:-none}); first start with the migrations: $FIRST_START_MS ms"
  echo "- RSS after the load: $(num_or_na "$RSS_MB") MB"
  echo "- seeding $ROWS rows of each kind plus VACUUM ANALYZE: $SEED_MS ms"
  problems=""
  for api in "${APIS[@]}"; do
    detail=""
    [[ "${SMOKE[$api]}" == 2* ]] || detail+="  - smoke call answered HTTP ${SMOKE[$api]}: \`$(head -c 400 "$RUN/smoke-$api.json" | tr '\n|`' '  _')\`"$'\n'
    [ "${R_ERR[$api]:-0}" = 0 ] || detail+="  - measured run: ${R_DETAIL[$api]}"$'\n'
    [ "${F_ERR[$api]:-0}" = 0 ] || detail+="  - fixed-rate run: ${F_ERR[$api]} errors"$'\n'
    [ "${J_ERR[$api]:-0}" = 0 ] || detail+="  - SDK way, measured: ${J_DETAIL[$api]}"$'\n'
    [ "${JF_ERR[$api]:-0}" = 0 ] || detail+="  - SDK way, fixed rate: ${JF_ERR[$api]} errors"$'\n'
    [ "${JS_ERR[$api]:-0}" = 0 ] || detail+="  - SDK way's client without the job: ${JS_ERR[$api]} errors"$'\n'
    if [ -s "$RUN/sdk-errors-$api" ]; then
      detail+="  - unexpected answers sampled by JobLoad:"$'\n'
      while IFS= read -r s; do detail+="    - \`$s\`"$'\n'; done < <(head -3 "$RUN/sdk-errors-$api" | cut -c1-400 | tr '|`' '_ ')
    fi
    [ "${PG_FAILED[$api]:-0}" = 0 ] || detail+="  - pgbench: ${PG_FAILED[$api]} failed transactions"$'\n'
    if [ "${APP_ERR[$api]:-0}" != 0 ]; then
      detail+="  - the app logged ${APP_ERR[$api]} ERROR lines during this API's load runs (bench/work/app.log); the commonest:"$'\n'
      while IFS= read -r s; do
        [ -n "$s" ] && detail+="    - \`$(echo "$s" | sed -E 's/^ *//' | tr '|`' '_ ')\`"$'\n'
      done <"$RUN/app-errors-$api.txt"
    fi
    samples=$(cat "$RUN/errors-$api".* 2>/dev/null | head -3 | cut -c1-400 | tr '|`' '_ ' || true)
    if [ -n "$samples" ]; then
      detail+="  - non-2xx answers sampled in the warm-up:"$'\n'
      while IFS= read -r s; do detail+="    - \`$s\`"$'\n'; done <<<"$samples"
    fi
    [ -z "$detail" ] || problems+="- $api"$'\n'"$detail"
  done
  if [ -n "$problems" ]; then
    echo
    echo "## Errors"
    echo
    printf '%s' "$problems"
  fi
} >"$MD"
cp "$MD" "$RESULTS/latest-rows$ROWS.md"

echo
cat "$MD"
echo
log "written: ${CSV#"$REPO"/}, ${MD#"$REPO"/}, bench/results/latest-rows$ROWS.md"
