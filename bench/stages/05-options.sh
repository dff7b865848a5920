# Checks the options parsed by run.sh and resolves them. Leaves: DURATION_S, WARMUP_S, APIS, APP_DIR (absolute),
# DEFAULT_APP_DIR, AOT_APP_DIR (absolute or empty: resolved in 20-jars.sh), PG_IMAGE.

DURATION_S=$(seconds_of "$DURATION")
WARMUP_S=$(seconds_of "$WARMUP")
[ "$DURATION_S" -ge 1 ] || die "--duration must be at least 1s"
for v in ROWS CONNECTIONS CONNECTIONS_HIGH THREADS STARTUPS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "--${v,,} must be a whole number: ${!v}"
done
[ "$ROWS" -ge 1 ] || die "--rows must be at least 1"
[ "$THREADS" -ge 1 ] && [ "$CONNECTIONS" -ge "$THREADS" ] || die "need 1 <= --threads <= --connections"
[ "$CONNECTIONS_HIGH" -eq 0 ] || [ "$CONNECTIONS_HIGH" -ge "$THREADS" ] || die "need --threads <= --connections-high (or 0)"
[[ "$EXIT_TIMEOUT_S" =~ ^[0-9]+$ ]] || die "BENCH_EXIT_TIMEOUT_S must be a whole number of seconds"
if [ -n "$ONLY" ]; then
  found=false
  for a in "${ALL_APIS[@]}"; do [ "$a" = "$ONLY" ] && found=true; done
  $found || die "--only: unknown API '$ONLY'; one of: ${ALL_APIS[*]}"
  APIS=("$ONLY")
else
  APIS=("${ALL_APIS[@]}")
fi

# an absolute path for a directory whose parent exists (the directory itself may not be built yet)
absolute_dir() {
  local parent
  parent="$(cd "$REPO" && cd "$(dirname "$1")" 2>/dev/null && pwd)" || return 1
  echo "$parent/$(basename "$1")"
}
DEFAULT_APP_DIR="$REPO/target/quarkus-app"
# Not resolved through cd: on a fresh clone target/ does not exist yet, 20-jars.sh makes it.
if [ -z "$APP_DIR" ]; then APP_DIR="$DEFAULT_APP_DIR"; else
  APP_DIR="$(absolute_dir "$APP_DIR")" || die "--app-dir: no such directory: $APP_DIR"
fi
if [ -n "$AOT_APP_DIR" ]; then
  AOT_APP_DIR="$(absolute_dir "$AOT_APP_DIR")" || die "--aot-app-dir: no such directory: $AOT_APP_DIR"
fi
PG_IMAGE="${TC_PG_IMAGE:-postgres:17}"
