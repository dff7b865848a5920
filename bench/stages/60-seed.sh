# Seeds --rows rows of each kind with bench/seed.sql, runs VACUUM ANALYZE, and logs in through the API.
# Leaves: SEED_MS, SESSION (the admin's session uuid).

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
