# Starts PostgreSQL in the container zstack-bench-pg and picks how to reach it: the container's bridge address
# (port 5432) when it answers from the host, else the port published on 127.0.0.1 through docker-proxy, which costs
# CPU of its own under load. Leaves: PG_HOST, PG_PORT, PG_ROUTE (which of the two, for the results).

docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
log "starting PostgreSQL ($PG_IMAGE)"
docker run -d --name "$CONTAINER" -e POSTGRES_USER=zstack -e POSTGRES_PASSWORD=zstack -e POSTGRES_DB=zstack \
  -p 127.0.0.1::5432 "$PG_IMAGE" -c max_connections=200 -c shared_buffers=256MB -c synchronous_commit=on >/dev/null \
  || die "docker run failed"
PUBLISHED_PORT=""
for _ in $(seq 1 50); do
  PUBLISHED_PORT=$(docker port "$CONTAINER" 5432/tcp 2>/dev/null | head -1 | sed 's/.*://') && [ -n "$PUBLISHED_PORT" ] && break
  sleep 0.2
done
[ -n "$PUBLISHED_PORT" ] || die "could not learn the container's port"
PG_HOST=127.0.0.1
PG_PORT="$PUBLISHED_PORT"
ready=false
for _ in $(seq 1 240); do
  # the entrypoint runs a socket-only server while it initialises: wait for TCP and a real query
  if psql_db -c 'SELECT 1' >/dev/null 2>&1; then ready=true; break; fi
  [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" = true ] || break
  sleep 0.5
done
$ready || { docker logs "$CONTAINER" 2>&1 | tail -20 >&2; die "PostgreSQL did not become ready"; }

BRIDGE_IP=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$CONTAINER" 2>/dev/null || true)
if [ -n "$BRIDGE_IP" ] && PG_HOST="$BRIDGE_IP" PG_PORT=5432 psql_db -c 'SELECT 1' >/dev/null 2>&1; then
  PG_HOST="$BRIDGE_IP"
  PG_PORT=5432
  PG_ROUTE="bridge $BRIDGE_IP:5432"
else
  PG_ROUTE="published 127.0.0.1:$PUBLISHED_PORT (docker-proxy; the bridge address ${BRIDGE_IP:-unknown} did not answer)"
fi
log "PostgreSQL ready; the app and pgbench reach it at $PG_ROUTE"
