# Helpers that drive load (wrk, pgbench, JobLoad) and keep their results. Leaves: functions only, and RESULT, the
# BENCH_RESULT line of every run keyed "API/phase" (read with res API PHASE KEY).

declare -A RESULT
res() { field "${RESULT[$1/$2]:-}" "$3"; }

# run_wrk LABEL SCRIPT URL DURATION_S CONNECTIONS [RATE] [CAPTURE_PREFIX] -> the BENCH_RESULT line (or nothing)
run_wrk() {
  local label="$1" script="$2" url="$3" secs="$4" conns="$5" rate="${6:-}" capture="${7:-}" out="$RUN/wrk-$1.log"
  BENCH_ROWS="$ROWS" BENCH_SESSION="$SESSION" BENCH_RATE="$rate" BENCH_CAPTURE="$capture" \
  BENCH_THREADS="$THREADS" BENCH_CONNECTIONS="$conns" \
    wrk -t "$THREADS" -c "$conns" -d "${secs}s" --timeout 10s -s "$script" "$url" >"$out" 2>&1 || true
  grep -m1 '^BENCH_RESULT' "$out" || { log "WARNING: wrk $label printed no result (see $out)"; tail -5 "$out" >&2; }
}
# wrk_phase API PHASE DURATION_S CONNECTIONS [RATE]: wrk on the app with bench/wrk/API.lua; keeps the result as
# RESULT[API/PHASE], with the app's CPU (and JIT) ms per request added
wrk_phase() {
  local api="$1" phase="$2" cpu0 jit0 line n
  cpu0=$(app_cpu_ms); jit0=$(app_jit_ms)
  line=$(run_wrk "$api-$phase" "$BENCH_DIR/wrk/$api.lua" "http://127.0.0.1:$APP_PORT" "$3" "$4" "${5:-}")
  n=$(field "$line" requests)
  RESULT[$api/$phase]="$line app_cpu_ms_per_op=$(per_op "$cpu0" "$(app_cpu_ms)" "$n") app_jit_ms_per_op=$(per_op "$jit0" "$(app_jit_ms)" "$n")"
  log "$api: $phase: $(res "$api" "$phase" rps) req/s, p50 $(res "$api" "$phase" p50_ms) ms, p99 $(res "$api" "$phase" p99_ms) ms, errors $(res "$api" "$phase" errors)"
}
# wrk_warmup API DURATION_S CONNECTIONS [CAPTURE_PREFIX]: a wrk run whose figures are thrown away
wrk_warmup() {
  [ "$2" -gt 0 ] || return 0
  run_wrk "$1-warmup-$3" "$BENCH_DIR/wrk/$1.lua" "http://127.0.0.1:$APP_PORT" "$2" "$3" "" "${4:-}" >/dev/null
}

# run_pgbench API [SCRIPT LABEL] -> "tps failed" (or nothing); SCRIPT defaults to bench/pgbench/API.sql
run_pgbench() {
  local api="$1" script="${2:-$BENCH_DIR/pgbench/$1.sql}" out="$RUN/pgbench-${3:-$1}.log" tps failed
  # shellcheck disable=SC2086
  PGPASSWORD=zstack "$PGBENCH" -h "$PG_HOST" -p "$PG_PORT" -U zstack -n -c "$CONNECTIONS" -j "$THREADS" \
    -T "$DURATION_S" -D rows="$ROWS" ${PGBENCH_EXTRA_ARGS:-} -f "$script" zstack >"$out" 2>&1 \
    || { log "WARNING: pgbench $api failed (see $out)"; tail -5 "$out" >&2; return 0; }
  tps=$(awk '/^tps = / {print $3; exit}' "$out")
  failed=$(awk -F': ' '/number of failed transactions/ {split($2, a, " "); print a[1]; exit}' "$out")
  echo "${tps:-} ${failed:-0}"
}

# is_agent_api API: true for an API that calls the agent (its ceiling and its job SQL differ)
is_agent_api() { [[ "$AGENT_APIS" == *" $1 "* ]]; }

# job_pgbench_script API -> a pgbench script of the API's SQL inside its API job's SQL, as the service runs it for a
# submission with X-Job-UUID: an API that only writes to the database inserts its job ended in its own
# transaction; one that calls an agent records the job Running first and ends it afterwards
job_pgbench_script() {
  local api="$1" out="$RUN/pgbench-job-$1.sql" p="$BENCH_DIR/pgbench"
  if is_agent_api "$api"; then
    cat "$p/job-running.sql" "$p/$api.sql" "$p/job-finish.sql" >"$out"
  else
    { echo 'BEGIN;'; cat "$p/$api.sql" "$p/job-ended.sql"; echo 'COMMIT;'; } >"$out"
  fi
  echo "$out"
}

# run_jobload API -> its BENCH_RESULT lines (measured, fixed, sync), the SDK way: submit with X-Job-UUID, then poll
run_jobload() {
  local api="$1" out="$RUN/jobload-$1.log"
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -cp "$BENCH_CP" JobLoad \
    --base "http://127.0.0.1:$APP_PORT" --session "$SESSION" --api "$api" --rows "$ROWS" \
    --connections "$CONNECTIONS" --threads "$THREADS" --warmup "$WARMUP_S" --duration "$DURATION_S" --control \
    --app-pid "$APP_PID" --clk-tck "$CLK_TCK" \
    --capture "$RUN/sdk-errors-$api" >"$out" 2>&1 || { log "WARNING: JobLoad $api failed (see $out)"; tail -5 "$out" >&2; }
  grep '^BENCH_RESULT' "$out" || true
}

app_errors_since() { # line number -> ERROR lines logged by the app after it
  tail -n +"$(($1 + 1))" "$WORK/app.log" | grep -c ' ERROR ' || true
}
app_error_kinds_since() { # line number -> the commonest ERROR messages after it, "count message" per line
  tail -n +"$(($1 + 1))" "$WORK/app.log" | grep ' ERROR ' \
    | sed -E 's/^[0-9:.,-]+ +ERROR +\[[^]]*\] +\([^)]*\) +//; s/[0-9a-f]{32}/<uuid>/g' | cut -c1-220 \
    | sort | uniq -c | sort -rn | head -4 || true
}
