#!/usr/bin/env bash
# Fault benchmark: steady UpdateIAM2VirtualID load on the packaged jar while PostgreSQL is stopped and started again.
# Prints the answers by error code during the outage, the time from PostgreSQL accepting connections again to the
# first success and to a steady success rate, the readiness transitions, and a check of the rows afterwards.
#
#   source ../shared/ci/testcontainers-env.sh && bench/fault.sh [options]
#
# Options:
#   --clients N     concurrent clients, each updating its own row (default 16)
#   --before D      load before the outage, in seconds (default 10)
#   --outage D      how long PostgreSQL stays stopped, in seconds (default 10)
#   --after D       load after PostgreSQL is started again, in seconds (default 30)
#   --skip-build    use the jar as it is
#   --app-dir DIR   where quarkus-run.jar is (default target/quarkus-app)
# The outage starts when PostgreSQL gets SIGINT (fast shutdown), --before seconds after the first success.
# Environment: TC_PG_IMAGE (default postgres:17), JAVA_OPTS (as bench/run.sh), ZSTACK_DB_TIMEOUT (the app's
#   zstack.db.timeout, default the app's own: 10s).
set -euo pipefail
# shellcheck source=bench/app-jvm.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-jvm.sh"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work/fault"
RESULTS="$BENCH_DIR/results"
CONTAINER=zstack-bench-fault-pg
ADMIN_PASSWORD=bench-admin
CLIENTS=16
BEFORE=10
OUTAGE=10
AFTER=30
SKIP_BUILD=false
APP_DIR="$REPO/target/quarkus-app"

die() { echo "fault: error: $*" >&2; exit 1; }
log() { echo "fault: $(date -u +%H:%M:%S) $*" >&2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="${2:?}"; shift 2 ;;
    --before) BEFORE="${2:?}"; shift 2 ;;
    --outage) OUTAGE="${2:?}"; shift 2 ;;
    --after) AFTER="${2:?}"; shift 2 ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    --app-dir) APP_DIR="${2:?}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
for v in CLIENTS BEFORE OUTAGE AFTER; do [[ "${!v}" =~ ^[0-9]+$ ]] || die "--${v,,} must be a whole number"; done
PG_IMAGE="${TC_PG_IMAGE:-postgres:17}"

command -v docker >/dev/null && docker version >/dev/null 2>&1 \
  || die "docker does not answer: run 'source ../shared/ci/testcontainers-env.sh' first"
docker image inspect "$PG_IMAGE" >/dev/null 2>&1 || die "no image $PG_IMAGE: testcontainers-env.sh builds it"
command -v curl >/dev/null || die "curl is missing"
command -v python3 >/dev/null || die "python3 is missing"
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | head -1) || true
[ -n "$PSQL" ] || die "psql is missing: apt-get install postgresql-client"
JAR="$APP_DIR/quarkus-run.jar"
if ! $SKIP_BUILD && { [ ! -f "$JAR" ] || [ -n "$(find "$REPO/src" "$REPO/pom.xml" -newer "$JAR" -print -quit)" ]; }; then
  log "building the jar"
  (cd "$REPO" && ./mvnw -B -q package -DskipTests) || die "the build failed"
fi
[ -f "$JAR" ] || die "no jar at $JAR"
rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"

APP_PID=""
READY_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$READY_PID" ] && kill "$READY_PID" 2>/dev/null || true
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$APP_PID" 2>/dev/null || true
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
    [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ] && { echo "$p"; return 0; }
  done
  die "no free port"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
psql_db() { PGPASSWORD=zstack "$PSQL" -X -q -h 127.0.0.1 -p "$PG_PORT" -U zstack -d zstack -v ON_ERROR_STOP=1 "$@"; }
pg_accepts() { psql_db -tAc 'SELECT 1' >/dev/null 2>&1; }

# A fixed host port, so that the port stays the same when the container is started again.
PG_PORT=$(free_port)
docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
docker run -d --name "$CONTAINER" -e POSTGRES_USER=zstack -e POSTGRES_PASSWORD=zstack -e POSTGRES_DB=zstack \
  -p "127.0.0.1:$PG_PORT:5432" "$PG_IMAGE" -c max_connections=200 >/dev/null || die "docker run failed"
for _ in $(seq 1 240); do pg_accepts && break; sleep 0.5; done
pg_accepts || die "PostgreSQL did not become ready"

APP_PORT=$(free_port)
log "starting the app on port $APP_PORT"
# shellcheck disable=SC2086
QUARKUS_HTTP_PORT="$APP_PORT" \
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/zstack" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/zstack" \
QUARKUS_DATASOURCE_USERNAME=zstack QUARKUS_DATASOURCE_PASSWORD=zstack \
ZSTACK_ADMIN_PASSWORD="$ADMIN_PASSWORD" ZSTACK_SECRET_KEY="$(head -c 32 /dev/urandom | base64)" \
${ZSTACK_DB_TIMEOUT:+ZSTACK_DB_TIMEOUT="$ZSTACK_DB_TIMEOUT"} \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$APP_PORT/q/health/ready")" = 200 ] && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log" >&2; die "the app exited"; }
  sleep 0.1
done

log "seeding $CLIENTS virtual IDs"
psql_db -v rows="$CLIENTS" -v agent_port=1 -f "$BENCH_DIR/seed.sql" >"$WORK/seed.log" 2>&1 \
  || { cat "$WORK/seed.log" >&2; die "seeding failed"; }
PASSWORD_SHA=$(printf '%s' "$ADMIN_PASSWORD" | sha512sum | cut -d' ' -f1)
SESSION=$(curl -s -X PUT -H 'Content-Type: application/json' \
  -d "{\"logInByAccount\": {\"accountName\": \"admin\", \"password\": \"$PASSWORD_SHA\"}}" \
  "http://127.0.0.1:$APP_PORT/zstack/v1/accounts/login" | grep -o '"uuid" *: *"[0-9a-f]\{32\}"' | head -1 \
  | grep -o '[0-9a-f]\{32\}' || true)
[ -n "$SESSION" ] || die "login failed"

# readiness, every 200 ms: "<epoch ms> <status>"
( while true; do
    echo "$(now_ms) $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$APP_PORT/q/health/ready")"
    sleep 0.2
  done ) >"$WORK/ready.log" 2>/dev/null &
READY_PID=$!

TOTAL=$((BEFORE + OUTAGE + AFTER))
log "load: $CLIENTS clients for ${TOTAL}s; PostgreSQL stops after ${BEFORE}s for ${OUTAGE}s"
javac -d "$WORK/classes" "$BENCH_DIR/FaultLoad.java" || die "could not compile FaultLoad.java"
java -XX:+UseSerialGC -cp "$WORK/classes" FaultLoad "http://127.0.0.1:$APP_PORT" "$SESSION" "$CLIENTS" "$TOTAL" \
  "$WORK/answers.log" &
LOAD_PID=$!
for _ in $(seq 1 600); do [ -f "$WORK/answers.log.started" ] && break; sleep 0.1; done
[ -f "$WORK/answers.log.started" ] || die "the load never got a success"
sleep "$BEFORE"
T_STOP=$(now_ms)
# SIGINT is PostgreSQL's fast shutdown: it ends the sessions at once (docker stop's SIGTERM would wait for them).
log "stopping PostgreSQL (fast shutdown)"
docker kill -s INT "$CONTAINER" >/dev/null
for _ in $(seq 1 600); do [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER")" = false ] && break; sleep 0.05; done
T_STOPPED=$(now_ms)
sleep "$OUTAGE"
log "starting PostgreSQL"
T_START=$(now_ms)
docker start "$CONTAINER" >/dev/null
for _ in $(seq 1 1200); do pg_accepts && break; sleep 0.05; done
T_ACCEPT=$(now_ms)
log "PostgreSQL accepts connections again ($((T_ACCEPT - T_START)) ms after docker start)"
wait "$LOAD_PID" || die "the load generator failed"
kill "$READY_PID" 2>/dev/null || true
READY_PID=""
psql_db -tA -F ' ' -c "SELECT uuid, description FROM iam2_virtual_id WHERE description LIKE 'fault-%'" >"$WORK/rows.log"
ERRORS_LOGGED=$(grep -c ' ERROR ' "$WORK/app.log" || true)

OUT="$RESULTS/$(date -u +%Y%m%d-%H%M)-fault.md"
python3 - "$WORK" "$T_STOP" "$T_STOPPED" "$T_START" "$T_ACCEPT" "$CLIENTS" "$BEFORE" "$OUTAGE" "$ERRORS_LOGGED" \
  >"$OUT" <<'PY'
import collections, sys
work, t_stop, t_stopped, t_start, t_accept = sys.argv[1], *map(int, sys.argv[2:6])
clients, before, outage, app_errors = int(sys.argv[6]), sys.argv[7], sys.argv[8], sys.argv[9]
answers = []
for line in open(f"{work}/answers.log"):
    end, client, seq, status, code, took = line.split()
    answers.append((int(end), int(client), int(seq), int(status), code, int(took)))
answers.sort()
def label(a):
    return "200" if a[3] == 200 else f"{a[3]} {a[4]}"
def table(rows, title):
    c = collections.Counter(label(a) for a in rows)
    print(f"| {title} | answers |\n|---|---|")
    for k, v in sorted(c.items(), key=lambda kv: -kv[1]):
        print(f"| {k} | {v} |")
    print()
t0 = next((a[0] for a in answers if a[3] == 200), t_stop)
base = [a for a in answers if t0 + 2000 <= a[0] < t_stop]
base_rate = len([a for a in base if a[3] == 200]) / max(1e-9, (t_stop - t0 - 2000) / 1000)
print(f"# Fault benchmark: PostgreSQL stopped for {outage} s under UpdateIAM2VirtualID load\n")
print(f"{clients} clients, each on its own row; {before} s of load before the stop. Times are from the load "
      "generator's clock (when an answer arrived).\n")
print("| figure | value |\n|---|---|")
print(f"| success rate before the outage | {base_rate:.0f} req/s |")
print(f"| fast shutdown (SIGINT) to the container's exit | {t_stopped - t_stop} ms |")
print(f"| `docker start` to PostgreSQL accepting connections | {t_accept - t_start} ms |")
first = next((a for a in answers if a[0] >= t_accept and a[3] == 200), None)
print(f"| accepting → first success | {first[0] - t_accept if first else 'never'} ms |")
# steady: from the first 1-s window after which every window has no error and at least half the base rate
end = answers[-1][0] if answers else t_accept
windows = []
w = t_accept
while w + 1000 <= end:
    inside = [a for a in answers if w <= a[0] < w + 1000]
    windows.append((w, sum(1 for a in inside if a[3] == 200), sum(1 for a in inside if a[3] != 200)))
    w += 250
steady = None
for i, (ws, ok, bad) in enumerate(windows):
    if all(b == 0 and o >= base_rate / 2 for _, o, b in windows[i:]):
        steady = ws
        break
print(f"| accepting → steady success rate (no errors, ≥ half the rate before) | "
      f"{steady - t_accept if steady is not None else 'not reached'} ms |")
after = [a for a in answers if a[0] >= t_accept + 5000]
rate_after = len([a for a in after if a[3] == 200]) / max(1e-9, (end - t_accept - 5000) / 1000)
print(f"| success rate from 5 s after accepting to the end | {rate_after:.0f} req/s |")
during = [a for a in answers if t_stop <= a[0] < t_accept]
print(f"| longest answer during the outage | {max((a[5] for a in during), default=0)} ms |")
print(f"| answers with status 500 (whole run) | {sum(1 for a in answers if a[3] == 500)} |")
print(f"| ERROR lines in the app log | {app_errors} |")
ready = [tuple(map(int, l.split())) for l in open(f"{work}/ready.log") if len(l.split()) == 2 and l.split()[1].isdigit()]
down = next((t for t, s in ready if t >= t_stop and s != 200), None)
up = next((t for t, s in ready if t >= t_accept and s == 200), None)
print(f"| stop → readiness DOWN | {down - t_stop if down else 'never'} ms |")
print(f"| accepting → readiness UP | {up - t_accept if up else 'never'} ms |")
print()
table(during, "during the outage (stop → accepting)")
table([a for a in answers if t_accept <= a[0]], "after accepting")
# rows: the description must be the last acknowledged write, or a later one whose answer was an error
last_ok, by_seq = {}, {}
for a in answers:
    by_seq[(a[1], a[2])] = a
    if a[3] == 200:
        last_ok[a[1]] = max(last_ok.get(a[1], 0), a[2])
rows = {}
for line in open(f"{work}/rows.log"):
    uuid, desc = line.split()
    _, client, seq = desc.split("-")
    rows[int(client)] = int(seq)
same = later = lost = 0
for client in range(clients):
    db, ok = rows.get(client, 0), last_ok.get(client, 0)
    if db == ok:
        same += 1
    elif db > ok:
        later += 1
    else:
        lost += 1
print("| rows checked afterwards | count |\n|---|---|")
print(f"| holding the last acknowledged (200) write | {same} |")
print(f"| holding a later write answered with an error (outcome unknown to the client, e.g. SYS.1001) | {later} |")
print(f"| holding an older value than an acknowledged write (lost update) | {lost} |")
PY
cat "$OUT"
cp "$OUT" "$RESULTS/latest-fault.md"
log "wrote $OUT"
