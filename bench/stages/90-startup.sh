# Start-up, JDK 17 as the load ran (the fast-jar, $JAVA_OPTS): stops the app, then starts it --startups times
# against the seeded database, each timed from launch to the first 200 of /q/health/ready. Also defines the helpers
# of the other start-up stages. Leaves: STARTUP_TIMES[plain], STARTUP_MEDIAN[plain], SHARED_CLASSES (filled later).

declare -A STARTUP_TIMES STARTUP_MEDIAN SHARED_CLASSES TRAINING
# startup_series KIND JAVA APP_DIR [JVM options...]: $STARTUPS timed starts, each stopped before the next;
# sets STARTUP_TIMES[KIND] (the times, in order) and STARTUP_MEDIAN[KIND]
startup_series() {
  local kind="$1" i logf times=()
  shift
  for i in $(seq 1 "$STARTUPS"); do
    logf="$RUN/app-startup-$kind-$i.log"
    if ! app_time_start "$logf" "$@"; then
      app_stop || true
      stage_fail "start-up $kind $i/$STARTUPS: the app did not get ready (log: ${logf#"$REPO"/})"
      return 0
    fi
    times+=("$START_MS")
    log "start-up $kind $i/$STARTUPS: $START_MS ms"
    app_stop || true
  done
  STARTUP_TIMES[$kind]="${times[*]}"
  STARTUP_MEDIAN[$kind]=$(median "${times[@]}")
  log "start-up $kind: median ${STARTUP_MEDIAN[$kind]} ms of ${times[*]}"
}
# verify_shared KIND XLOG JAVA APP_DIR [JVM options...]: one start (not timed) logging class loading (and XLOG, e.g.
# cds or aot) to bench/work/run/classload-KIND.log; counts the application's classes (org.zstack, io.quarkus,
# io.vertx, io.netty) that came from the archive or cache. Sets SHARED_CLASSES[KIND]; returns 1 (and fails the
# stage) if the JVM did not start or no such class came from it: the JDK's own archive holds none of them.
verify_shared() {
  local kind="$1" xlog="$2" logf="$RUN/app-verify-$1.log" cl="$RUN/classload-$1.log" n total
  shift 2
  if ! app_time_start "$logf" "$@" "-Xlog:$xlog=info,class+load=info:file=$cl"; then
    app_stop || true
    stage_fail "$kind: the JVM did not start with its archive or cache required (log: ${logf#"$REPO"/})"
    return 1
  fi
  app_stop || true
  n=$(grep -cE '\] (org\.zstack|io\.quarkus|io\.vertx|io\.netty)[^ ]* source: shared objects file' "$cl" || true)
  total=$(grep -cE '\] (org\.zstack|io\.quarkus|io\.vertx|io\.netty)[^ ]* source: ' "$cl" || true)
  SHARED_CLASSES[$kind]="$n of $total"
  log "$kind: $n of the $total application classes loaded came from the archive or cache"
  if [ "${n:-0}" -eq 0 ]; then
    stage_fail "$kind: the archive or cache is not used: no application class came from it (${cl#"$REPO"/})"
    return 1
  fi
}
# train KIND WRK_S: drives a training run: one smoke call of every API, then WRK_S seconds of wrk on each (0: none)
train() {
  local api
  for api in "${ALL_APIS[@]}"; do
    smoke_call "$api" "$RUN/train-$1-$api.json" >/dev/null
    if [ "$2" -gt 0 ]; then
      run_wrk "train-$1-$api" "$BENCH_DIR/wrk/$api.lua" "http://127.0.0.1:$APP_PORT" "$2" "$CONNECTIONS" >/dev/null
    fi
  done
}
# train_and_stop KIND ARCHIVE WRK_S JAVA APP_DIR [JVM options...]: a training run that writes ARCHIVE when its JVM
# exits (SIGTERM, then up to $EXIT_TIMEOUT_S s); returns 1 (and fails the stage) if ARCHIVE was not written.
# Sets TRAINING[KIND] (how it went).
train_and_stop() {
  local kind="$1" archive="$2" secs="$3" logf="$RUN/app-train-$1.log" t0
  shift 3
  rm -f "$archive"
  log "$kind: training run (${secs}s of wrk per API after the smoke calls), writing $archive at exit"
  if app_time_start "$logf" "$@"; then
    train "$kind" "$secs"
  else
    stage_fail "$kind: the training run did not get ready (log: ${logf#"$REPO"/})"
  fi
  TRAINING[$kind]="ready in ${START_MS:-n/a} ms"
  t0=$(now_ms)
  app_stop "$EXIT_TIMEOUT_S" || stage_fail "$kind: the training JVM did not exit within $EXIT_TIMEOUT_S s of SIGTERM"
  TRAINING[$kind]+=", exited $(($(now_ms) - t0)) ms after SIGTERM"
  [ -s "$archive" ] || { stage_fail "$kind: the training run wrote no $archive (log: ${logf#"$REPO"/})"; return 1; }
  TRAINING[$kind]+=", $(du -m "$archive" | cut -f1) MB written"
  log "$kind: training run ${TRAINING[$kind]}"
}

if [ "$STARTUPS" -gt 0 ]; then
  app_stop || true
  log "start-up: $STARTUPS starts of each kind against the seeded database"
  startup_series plain java "$APP_DIR"
fi
