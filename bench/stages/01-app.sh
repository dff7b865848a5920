# Helpers to start, wait for, stop and time the app with any JVM and flags, and to call each API once. Every start
# of the app in the run goes through app_start. Leaves: functions only; APP_PID is set by app_start.

# app_start LOG JAVA APP_DIR [JVM options...]: starts APP_DIR/quarkus-run.jar in the background (sets APP_PID).
# The database is $PG_HOST:$PG_PORT, or APP_DB (host:port) when set, e.g. a closed port to show none is needed.
app_start() {
  local logf="$1" java_bin="$2" dir="$3" db="${APP_DB:-$PG_HOST:$PG_PORT}"
  shift 3
  # shellcheck disable=SC2086
  QUARKUS_HTTP_PORT="$APP_PORT" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$db/zstack" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$db/zstack" \
  QUARKUS_DATASOURCE_USERNAME=zstack QUARKUS_DATASOURCE_PASSWORD=zstack \
  ZSTACK_ADMIN_PASSWORD="$ADMIN_PASSWORD" ZSTACK_SECRET_KEY="$SECRET_KEY" \
  ZSTACK_AGENT_CALLBACK_BASE_URL="http://127.0.0.1:$APP_PORT" \
    "$java_bin" ${JAVA_OPTS:-} "$@" -jar "$dir/quarkus-run.jar" >"$logf" 2>&1 &
  APP_PID=$!
}
# app_wait_ready T0 LOG: waits for the first 200 of /q/health/ready; prints the milliseconds since T0
app_wait_ready() {
  local t0="$1" logf="$2" code
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$APP_PORT/q/health/ready" || true)
    if [ "$code" = 200 ]; then echo $(($(now_ms) - t0)); return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$logf" >&2; log "the app exited during start-up (log: $logf)"; return 1; }
    sleep 0.02
  done
  tail -30 "$logf" >&2
  log "the app was not ready within 60 s (log: $logf)"
  return 1
}
# app_wait_exit BOUND_S: waits up to BOUND_S seconds for the app to exit by itself; 0 if it did (APP_EXIT_CODE: its status)
app_wait_exit() {
  local deadline=$(($(now_ms) + $1 * 1000))
  while kill -0 "$APP_PID" 2>/dev/null; do
    [ "$(now_ms)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
  APP_EXIT_CODE=0
  wait "$APP_PID" 2>/dev/null || APP_EXIT_CODE=$?
  APP_PID=""
}
# app_stop [BOUND_S]: SIGTERM, then waits up to BOUND_S (default 30) for the JVM to exit, then SIGKILL.
# Returns 1 if it had to be killed (a training run killed this way has written no archive or cache).
app_stop() {
  [ -n "$APP_PID" ] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  app_wait_exit "${1:-30}" && return 0
  log "WARNING: the app (pid $APP_PID) did not exit within ${1:-30} s of SIGTERM: killed"
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  return 1
}
# app_time_start LOG JAVA APP_DIR [JVM options...]: starts the app and waits for it to be ready; sets START_MS to the
# milliseconds from launch to ready (returns 1 if it never got ready), and leaves it running
app_time_start() {
  local t0 logf="$1"
  t0=$(now_ms)
  app_start "$@"
  START_MS=$(app_wait_ready "$t0" "$logf")
}

# api_call N API -> method, path and body (one line each) of one call of API on row N
api_call() {
  local n="$1"
  case "$2" in
    UpdateTpm) printf 'PUT\n/zstack/v1/tpms\n{"updateTpm": {"tpmUuid": "3%031x", "keyProviderUuid": "4%031x"}}\n' "$n" 2 ;;
    UpdateIAM2VirtualID) printf 'PUT\n/zstack/v1/iam2/virtual-ids/5%031x/actions\n{"updateIAM2VirtualID": {"description": "d-smoke"}}\n' "$n" ;;
    UpdateGuestToolsState) printf 'PUT\n/zstack/v1/vm-instances/1%031x/guesttools-state\n{}\n' "$n" ;;
    ChangeVmPassword) printf 'PUT\n/zstack/v1/vm-instances/1%031x/actions\n{"changeVmPassword": {"password": "Passw0rd!", "account": "root"}}\n' "$n" ;;
    UpdateImageStoreBackupStorage) printf 'PUT\n/zstack/v1/backup-storage/image-store/6%031x/actions\n{"updateImageStoreBackupStorage": {"description": "d-smoke"}}\n' "$n" ;;
  esac
}
# smoke_call API BODY_FILE -> the HTTP status of one call of API on the last row, as the logged-in admin
smoke_call() {
  local call
  mapfile -t call < <(api_call "$ROWS" "$1")
  curl -s -o "$2" -w '%{http_code}' -X "${call[0]}" -H 'Content-Type: application/json' \
    -H "Authorization: OAuth $SESSION" -d "${call[2]}" "http://127.0.0.1:$APP_PORT${call[1]}" || echo 000
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
