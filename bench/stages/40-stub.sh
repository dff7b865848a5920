# Starts the stub agent (bench/StubAgent.java, on Vert.x; it stands in for the KVM and image-store agents) on a
# free port.
# Leaves: STUB_PORT, STUB_PID.

STUB_PORT=$(free_port)
log "starting the stub agent on port $STUB_PORT"
java -XX:+UseSerialGC -Xmx128m -cp "$BENCH_CP" StubAgent "$STUB_PORT" 2 >"$WORK/stub.log" 2>&1 &
STUB_PID=$!
stub_ok=false
for _ in $(seq 1 300); do
  if curl -sf -o /dev/null "http://127.0.0.1:$STUB_PORT/ping"; then stub_ok=true; break; fi
  kill -0 "$STUB_PID" 2>/dev/null || break
  sleep 0.1
done
$stub_ok || { tail -20 "$WORK/stub.log" >&2; die "the stub agent did not answer /ping"; }
