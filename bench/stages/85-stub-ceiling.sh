# Runs wrk straight at the stub agent's /vm/changepasswd, each call with its callback to the stub's own /sink: the
# agent stub ceiling, which bounds the agent-backed APIs. Leaves: RESULT[stub/measured].

log "agent stub ceiling: ${DURATION_S}s straight at the stub, callbacks included"
export BENCH_CALLBACK_URL="http://127.0.0.1:$STUB_PORT/sink"
if [ "$WARMUP_S" -gt 0 ]; then
  run_wrk stub-warmup "$BENCH_DIR/wrk/agent_stub.lua" "http://127.0.0.1:$STUB_PORT" "$WARMUP_S" "$CONNECTIONS" >/dev/null
fi
RESULT[stub/measured]=$(run_wrk stub "$BENCH_DIR/wrk/agent_stub.lua" "http://127.0.0.1:$STUB_PORT" "$DURATION_S" "$CONNECTIONS")
unset BENCH_CALLBACK_URL
log "agent stub: $(res stub measured rps) req/s"
