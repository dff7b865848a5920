# Writes bench/results/<stamp>-rows<N>.csv: metadata comment lines, then one row per API (the issue's required
# columns first, then every other figure), then the agent stub ceiling row. Also defines the derived figures that
# 96-report-md.sh shows. Leaves: STAMP, BASE, CSV, DATE_UTC, COMMIT, DIRTY, JAR_COMMIT, NPROC, PG_VERSION,
# LOAD_AVG_END, S_RPS.

STAMP=$(date -u +%Y%m%d-%H%M)
DATE_UTC=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$REPO" status --porcelain 2>/dev/null)" ]; then DIRTY=dirty; else DIRTY=clean; fi
JAR_COMMIT=""
if [ "$APP_DIR" != "$DEFAULT_APP_DIR" ]; then
  JAR_COMMIT=$(git -C "$(dirname "$APP_DIR")" rev-parse --short HEAD 2>/dev/null || true)
fi
NPROC=$(nproc)
PG_VERSION=$(psql_db -Atc 'SHOW server_version' 2>/dev/null | tr -d ',' || echo unknown)
LOAD_AVG_END=$(cut -d' ' -f1-3 /proc/loadavg)
BASE="$RESULTS/$STAMP-rows$ROWS"
CSV="$BASE.csv"
S_RPS=$(res stub measured rps)

is_sdk() { [ -n "${RESULT[$1/sdk]:-}${RESULT[$1/sdk-fixed]:-}" ]; }
stub_of() { if is_agent_api "$1"; then echo "$S_RPS"; fi; }
# stub_cell API OTHERWISE -> the stub's req/s for an agent-backed API, else OTHERWISE
stub_cell() { if is_agent_api "$1"; then fmt "$S_RPS" 1; else echo "${2:-}"; fi; }
# the most the service could do: pgbench's tps for a database-only API; for an agent-backed one, the database and
# the stub agent in series, 1 / (1/tps + 1/stub req/s)
ceiling_of() {
  local tps stub
  tps=$(res "$1" pgbench tps); stub=$(stub_of "$1")
  if is_agent_api "$1"; then
    awk -v t="$tps" -v s="$stub" 'BEGIN { if (t + 0 > 0 && s + 0 > 0) printf "%.1f", 1 / (1 / t + 1 / s); else print "n/a" }'
  else
    fmt "$tps" 1
  fi
}
# errors of the measured, fixed-rate and high-connection runs together
errors_of() {
  local m f h
  m=$(res "$1" measured errors); f=$(res "$1" fixed errors); h=$(res "$1" high errors)
  [ -n "$m" ] || { echo n/a; return; }
  echo $((m + ${f:-0} + ${h:-0}))
}
join_csv() { local IFS=,; echo "$*"; }
# the SDK way's columns, and the app CPU per operation (empty SDK fields for an API not measured that way)
sdk_csv() {
  local a="$1" c=()
  if is_sdk "$a"; then
    c+=("$(fmt "$(res "$a" sdk rps)" 1)" "$(fmt "$(res "$a" sdk p50_ms)" 2)" "$(fmt "$(res "$a" sdk p99_ms)" 2)"
        "$(fmt "$(res "$a" sdk p999_ms)" 2)" "$(num_or_na "$(res "$a" sdk errors)")"
        "$(ratio "$(res "$a" sdk rps)" "$(res "$a" measured rps)")" "$(fmt "$(res "$a" sdk polls_per_op)" 2)"
        "$(fmt "$(res "$a" sdk submit_p50_ms)" 2)" "$(num_or_na "$(res "$a" sdk-fixed target)")"
        "$(fmt "$(res "$a" sdk-fixed rps)" 1)" "$(fmt "$(res "$a" sdk-fixed p50_ms)" 2)"
        "$(fmt "$(res "$a" sdk-fixed p99_ms)" 2)" "$(fmt "$(res "$a" sdk-fixed p999_ms)" 2)"
        "$(num_or_na "$(res "$a" sdk-fixed errors)")" "$(ratio "$(res "$a" sdk-fixed p99_ms)" "$(res "$a" fixed p99_ms)")"
        "$(fmt "$(res "$a" sdk-sync rps)" 1)" "$(fmt "$(res "$a" sdk-sync p99_ms)" 2)"
        "$(ratio "$(res "$a" sdk rps)" "$(res "$a" sdk-sync rps)")" "$(fmt "$(res "$a" pgbench-job tps)" 1)"
        "$(ratio "$(res "$a" pgbench-job tps)" "$(res "$a" pgbench tps)")"
        "$(ratio "$(res "$a" sdk rps)" "$(res "$a" pgbench-job tps)")")
  else
    c+=("" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "" "")
  fi
  c+=("$(fmt "$(res "$a" measured app_cpu_ms_per_op)" 3)" "$(is_sdk "$a" && fmt "$(res "$a" sdk app_cpu_ms_per_op)" 3)"
      "$(is_sdk "$a" && fmt "$(res "$a" sdk-sync app_cpu_ms_per_op)" 3)" "$(fmt "$(res "$a" measured app_jit_ms_per_op)" 3)"
      "$(is_sdk "$a" && fmt "$(res "$a" sdk app_jit_ms_per_op)" 3)" "$(is_sdk "$a" && fmt "$(res "$a" sdk-sync app_jit_ms_per_op)" 3)")
  join_csv "${c[@]}"
}
api_csv() {
  local a="$1" m=measured f=fixed h=high
  join_csv "$a" "$(fmt "$(res "$a" "$m" rps)" 1)" "$(fmt "$(res "$a" pgbench tps)" 1)" "$(stub_cell "$a")" \
    "$(ceiling_of "$a")" "$(ratio "$(res "$a" "$m" rps)" "$(ceiling_of "$a")")" "$(fmt "$(res "$a" "$f" p99_ms)" 2)" \
    "$(errors_of "$a")" "$(fmt "$(res "$a" "$h" rps)" 1)" \
    "$(ratio "$(res "$a" "$h" rps)" "$(res "$a" "$m" rps)")" "$(fmt "$(res "$a" "$h" p50_ms)" 2)" "$(fmt "$(res "$a" "$h" p99_ms)" 2)" \
    "$(fmt "$(res "$a" "$h" p999_ms)" 2)" "$(num_or_na "$(res "$a" "$h" errors)")" "$(fmt "$(res "$a" "$h" app_cpu_ms_per_op)" 3)" \
    "$(fmt "$(res "$a" "$m" rps)" 1)" "$(fmt "$(res "$a" "$m" p50_ms)" 2)" "$(fmt "$(res "$a" "$m" p99_ms)" 2)" \
    "$(fmt "$(res "$a" "$m" p999_ms)" 2)" "$(num_or_na "$(res "$a" "$m" errors)")" "$(fmt "$(res "$a" pgbench tps)" 1)" \
    "$(num_or_na "$(res "$a" pgbench failed)")" "$(ratio "$(res "$a" "$m" rps)" "$(res "$a" pgbench tps)")" \
    "$(num_or_na "$(res "$a" "$f" target)")" "$(fmt "$(res "$a" "$f" rps)" 1)" "$(fmt "$(res "$a" "$f" p50_ms)" 2)" \
    "$(fmt "$(res "$a" "$f" p99_ms)" 2)" "$(fmt "$(res "$a" "$f" p999_ms)" 2)" "$(num_or_na "$(res "$a" "$f" errors)")" \
    "${SMOKE[$a]}" "$(res "$a" meta app_error_lines)" "$(res "$a" meta loadavg_1m)" "$(sdk_csv "$a")"
}
times_of() { local t="${STARTUP_TIMES[$1]:-}"; echo "${t:-none}" | tr ' ' '/'; }

{
  echo "# zstack-cp benchmark"
  echo "# commit=$COMMIT tree=$DIRTY${JAR_COMMIT:+ jar_commit=$JAR_COMMIT} app_dir=$APP_DIR aot_app_dir=${AOT_APP_DIR:-none}"
  echo "# date=$DATE_UTC nproc=$NPROC rows=$ROWS duration=${DURATION_S}s warmup=${WARMUP_S}s connections=$CONNECTIONS connections_high=$CONNECTIONS_HIGH threads=$THREADS"
  echo "# java=\"$JAVA_VERSION\" java_opts=\"$JAVA_OPTS\" java25=\"$JAVA25_VERSION\" postgres=$PG_VERSION image=$PG_IMAGE pg_route=\"$PG_ROUTE\""
  echo "# loadavg_start=\"$LOAD_AVG_START\" loadavg_end=\"$LOAD_AVG_END\" api_job_rows_after=\"$JOB_ROWS\""
  echo "# first_start_ms=$FIRST_START_MS rss_mb=$(num_or_na "$RSS_MB") seed_ms=$SEED_MS startups_plain=$(times_of plain) startups_appcds=$(times_of appcds) startups_aot=$(times_of aot) startups_aot_static=$(times_of aot-static)"
  echo "api,req_s,tps,stub_req_s,ceiling,ratio,p99_half_ms,errors,req_s_256,share_256,p50_256_ms,p99_256_ms,p999_256_ms,errors_256,app_cpu_ms_per_req_256,req_per_s,p50_ms,p99_ms,p999_ms,measured_errors,pgbench_tps,pgbench_failed,ratio_to_tps,fixed_target_req_per_s,fixed_req_per_s,fixed_p50_ms,fixed_p99_ms,fixed_p999_ms,fixed_errors,smoke_http,app_error_lines,loadavg_1m,sdk_ops_per_s,sdk_p50_ms,sdk_p99_ms,sdk_p999_ms,sdk_errors,sdk_ratio_to_sync,sdk_polls_per_op,sdk_submit_p50_ms,sdk_fixed_target_ops_per_s,sdk_fixed_ops_per_s,sdk_fixed_p50_ms,sdk_fixed_p99_ms,sdk_fixed_p999_ms,sdk_fixed_errors,sdk_fixed_p99_ratio_to_sync,sdk_client_sync_req_per_s,sdk_client_sync_p99_ms,sdk_ratio_to_client_sync,pgbench_job_tps,pgbench_job_ratio_to_tps,sdk_ratio_to_job_tps,app_cpu_ms_per_req,sdk_app_cpu_ms_per_op,sdk_client_sync_app_cpu_ms_per_req,app_jit_ms_per_req,sdk_app_jit_ms_per_op,sdk_client_sync_app_jit_ms_per_req"
  for api in "${APIS[@]}"; do api_csv "$api"; done
  # the stub row: its req/s and errors, and its p50/p99 in the measured run's columns
  echo "agent stub ceiling,$(fmt "$S_RPS" 1),,,,,,$(num_or_na "$(res stub measured errors)"),,,,,,,,$(fmt "$S_RPS" 1),$(fmt "$(res stub measured p50_ms)" 2),$(fmt "$(res stub measured p99_ms)" 2),,$(num_or_na "$(res stub measured errors)"),,,,,,,,,,,,,$(sdk_csv none)"
} >"$CSV"
