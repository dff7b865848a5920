# Helpers shared by every stage: logging, numbers and durations, ports, psql, the exit trap that removes what the
# run started. Leaves: functions only, and APP_PID/STUB_PID (empty) and STAGE_FAILURES (empty) for the trap.

die() { echo "bench: error: $*" >&2; exit 1; }
log() { echo "bench: $(date -u +%H:%M:%S) $*" >&2; }
# a stage that must not pass silently (an archive that is not used, a training run that did not exit): the run goes
# on, writes its report with n/a for what failed, and then exits 1 listing these
stage_fail() { log "ERROR: $*"; STAGE_FAILURES+=("$*"); }
STAGE_FAILURES=()

# "20s", "2m", "1h" or a plain number of seconds -> seconds
seconds_of() {
  local d="$1" n
  case "$d" in
    *ms) die "durations are whole seconds or more: $d" ;;
    *s) n="${d%s}"; [[ "$n" =~ ^[0-9]+$ ]] || die "bad duration: $d"; echo "$n" ;;
    *m) n="${d%m}"; [[ "$n" =~ ^[0-9]+$ ]] || die "bad duration: $d"; echo $((n * 60)) ;;
    *h) n="${d%h}"; [[ "$n" =~ ^[0-9]+$ ]] || die "bad duration: $d"; echo $((n * 3600)) ;;
    *) [[ "$d" =~ ^[0-9]+$ ]] || die "bad duration: $d"; echo "$d" ;;
  esac
}
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
num_or_na() { [ -n "${1:-}" ] && echo "$1" || echo "n/a"; }
# a ÷ b with 2 decimals, or n/a
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
# the median of whole numbers given as arguments, or nothing
median() {
  [ $# -gt 0 ] || return 0
  printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {
    if (NR % 2) print a[(NR + 1) / 2]; else printf "%.0f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# key=value from a BENCH_RESULT line
field() { echo "${1:-}" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

psql_db() {
  PGPASSWORD=zstack PGCONNECT_TIMEOUT=5 "$PSQL" -X -q -h "$PG_HOST" -p "$PG_PORT" -U zstack -d zstack \
    -v ON_ERROR_STOP=1 "$@"
}

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
