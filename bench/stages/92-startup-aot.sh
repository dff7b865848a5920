# Start-up, JDK 25 with the aot-jar and a Leyden AOT cache (JEP 514), two ways, if Temurin 25 and the aot-jar are
# here: "aot", trained under load (-XX:AOTCacheOutput, the smoke calls and a few seconds of wrk on each API,
# SIGTERM; the JVM assembles the cache as it exits), and "aot-static", trained as a Dockerfile can, without a
# database (-Dquarkus.appcds.generate=true: Quarkus stops by itself after its static init). Each is checked once
# with -XX:AOTMode=on (which fails if the cache cannot be used), then timed --startups times.
# Leaves: STARTUP_TIMES, STARTUP_MEDIAN, SHARED_CLASSES and TRAINING for aot and aot-static.

AOT_TRAIN_S=3
AOT_STATIC_EXIT=n/a
if [ "$STARTUPS" -gt 0 ] && [ -n "$AOT_APP_DIR" ]; then
  AOT_CACHE="$AOT_APP_DIR/app.aot"
  if train_and_stop aot "$AOT_CACHE" "$AOT_TRAIN_S" "$JAVA25" "$AOT_APP_DIR" -XX:AOTCacheOutput="$AOT_CACHE" \
    && verify_shared aot aot "$JAVA25" "$AOT_APP_DIR" -XX:AOTMode=on -XX:AOTCache="$AOT_CACHE"; then
    startup_series aot "$JAVA25" "$AOT_APP_DIR" -XX:AOTCache="$AOT_CACHE"
  fi

  AOT_STATIC_CACHE="$AOT_APP_DIR/app-static.aot"
  rm -f "$AOT_STATIC_CACHE"
  logf="$RUN/app-train-aot-static.log"
  log "aot-static: training run without a database (the datasource points at a closed port), writing $AOT_STATIC_CACHE"
  APP_DB=127.0.0.1:1 app_start "$logf" "$JAVA25" "$AOT_APP_DIR" -XX:AOTCacheOutput="$AOT_STATIC_CACHE" \
    -Dquarkus.appcds.generate=true
  t0=$(now_ms)
  if app_wait_exit "$EXIT_TIMEOUT_S"; then
    AOT_STATIC_EXIT="exited by itself with status $APP_EXIT_CODE after $(($(now_ms) - t0)) ms"
    log "aot-static: the training JVM $AOT_STATIC_EXIT"
    # status 1 is a failed start (it went on to runtime init and found no database): an aot-jar built without
    # quarkus.package.jar.aot.enabled=true ignores quarkus.appcds.generate
    [ "$APP_EXIT_CODE" = 0 ] || stage_fail "aot-static: the training JVM did not stop after static init (status $APP_EXIT_CODE; log: ${logf#"$REPO"/})"
  else
    stage_fail "aot-static: the training JVM did not exit by itself within $EXIT_TIMEOUT_S s (log: ${logf#"$REPO"/})"
    AOT_STATIC_EXIT="did not exit by itself"
    app_stop || true
  fi
  TRAINING[aot-static]="without a database: $AOT_STATIC_EXIT"
  if [ -s "$AOT_STATIC_CACHE" ]; then
    TRAINING[aot-static]+=", $(du -m "$AOT_STATIC_CACHE" | cut -f1) MB written"
    if verify_shared aot-static aot "$JAVA25" "$AOT_APP_DIR" -XX:AOTMode=on -XX:AOTCache="$AOT_STATIC_CACHE"; then
      startup_series aot-static "$JAVA25" "$AOT_APP_DIR" -XX:AOTCache="$AOT_STATIC_CACHE"
    fi
  else
    stage_fail "aot-static: the training run wrote no $AOT_STATIC_CACHE (log: ${logf#"$REPO"/})"
  fi
fi
