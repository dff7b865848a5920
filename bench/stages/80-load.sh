# For each API: wrk warm-up (sampling non-2xx answers), the measured run at --connections, a run at
# --connections-high, a run at a fixed half of the measured rate, the SDK way (JobLoad), then pgbench with the same
# SQL, and for an async API with its job's SQL too.
# Leaves: RESULT[API/warm-up|measured|high|fixed|sdk|sdk-fixed|sdk-sync|pgbench|pgbench-job|meta], RSS_MB, JOB_ROWS.

for api in "${APIS[@]}"; do
  mark=$(wc -l <"$WORK/app.log")
  loadavg=$(cut -d' ' -f1 /proc/loadavg)
  rm -f "$RUN/errors-$api".* "$RUN/sdk-errors-$api"
  log "$api: warm-up ${WARMUP_S}s (non-2xx answers sampled), then measured ${DURATION_S}s, $CONNECTIONS connections, $THREADS threads"
  wrk_warmup "$api" "$WARMUP_S" "$CONNECTIONS" "$RUN/errors-$api"
  wrk_phase "$api" measured "$DURATION_S" "$CONNECTIONS"

  if [ "$CONNECTIONS_HIGH" -gt 0 ]; then
    high_warmup=$((WARMUP_S < 3 ? WARMUP_S : 3))
    log "$api: $CONNECTIONS_HIGH connections: warm-up ${high_warmup}s, then ${DURATION_S}s"
    wrk_warmup "$api" "$high_warmup" "$CONNECTIONS_HIGH"
    wrk_phase "$api" high "$DURATION_S" "$CONNECTIONS_HIGH"
  fi

  target=$(awk -v r="$(res "$api" measured rps)" 'BEGIN {t = int(r / 2); if (t < 1) t = 1; print t}')
  log "$api: fixed rate $target req/s for ${DURATION_S}s"
  wrk_phase "$api" fixed "$DURATION_S" "$CONNECTIONS" "$target"
  RESULT[$api/fixed]+=" target=$target"

  if $RUN_SDK && [[ "$ASYNC_APIS" == *" $api "* ]]; then
    log "$api: the SDK way (X-Job-UUID, then poll): warm-up ${WARMUP_S}s, measured ${DURATION_S}s, fixed rate at half of it ${DURATION_S}s, same client without the job ${DURATION_S}s"
    lines=$(run_jobload "$api")
    RESULT[$api/sdk]=$(grep -m1 'phase=measured' <<<"$lines" || true)
    RESULT[$api/sdk-fixed]=$(grep -m1 'phase=fixed' <<<"$lines" || true)
    RESULT[$api/sdk-sync]=$(grep -m1 'phase=sync' <<<"$lines" || true)
    log "$api: SDK way $(res "$api" sdk rps) ops/s (p50 $(res "$api" sdk p50_ms) ms, p99 $(res "$api" sdk p99_ms) ms, $(res "$api" sdk polls_per_op) polls/op); at $(res "$api" sdk-fixed target) ops/s p99 $(res "$api" sdk-fixed p99_ms) ms; same client without the job $(res "$api" sdk-sync rps) req/s"
  fi
  RESULT[$api/meta]="loadavg_1m=$loadavg app_error_lines=$(app_errors_since "$mark")"
  app_error_kinds_since "$mark" >"$RUN/app-errors-$api.txt"

  if $RUN_PGBENCH; then
    log "$api: pgbench ${DURATION_S}s"
    read -r tps failed < <(run_pgbench "$api"; echo) || true
    RESULT[$api/pgbench]="tps=${tps:-} failed=${failed:-}"
    log "$api: pgbench ${tps:-n/a} tps"
    if $RUN_SDK && [[ "$ASYNC_APIS" == *" $api "* ]]; then
      log "$api: pgbench ${DURATION_S}s with the API job's SQL"
      read -r tps failed < <(run_pgbench "$api" "$(job_pgbench_script "$api")" "job-$api"; echo) || true
      RESULT[$api/pgbench-job]="tps=${tps:-} failed=${failed:-}"
      log "$api: pgbench with the job's SQL ${tps:-n/a} tps"
    fi
  fi
done

RSS_MB=$({ ps -o rss= -p "$APP_PID" 2>/dev/null || true; } | awk '{printf "%.0f", $1 / 1024}')
log "app RSS after the load: ${RSS_MB:-n/a} MB"
JOB_ROWS=$(psql_db -Atc "SELECT count(*) || ' (' || count(*) FILTER (WHERE state = 'Running') || ' Running)' FROM api_job" 2>/dev/null || echo n/a)
