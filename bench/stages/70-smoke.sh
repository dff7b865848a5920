# Sends one call of each API with PostgreSQL's log_statement=all, as a smoke test and to trace the SQL each issues.
# Leaves: SMOKE (API -> HTTP status; the body in bench/work/run/smoke-API.json), bench/work/sql/API.log.

declare -A SMOKE
log "smoke test with SQL trace (bench/work/sql/<API>.log)"
psql_db -c "ALTER SYSTEM SET log_statement = 'all'" -c 'SELECT pg_reload_conf()' >/dev/null
sleep 0.3
for api in "${APIS[@]}"; do
  psql_db -c "SELECT 'bench-trace-begin $api'" >/dev/null
  SMOKE[$api]=$(smoke_call "$api" "$RUN/smoke-$api.json")
  sleep 0.2
  psql_db -c "SELECT 'bench-trace-end $api'" >/dev/null
  if [[ "${SMOKE[$api]}" != 2* ]]; then
    log "WARNING: $api answered HTTP ${SMOKE[$api]}: $(head -c 600 "$RUN/smoke-$api.json")"
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
