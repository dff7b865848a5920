# Writes bench/results/<stamp>-rows<N>.md: the run's conditions, the table of the CSV's required columns and of the
# other wrk figures, the SDK way's table, and the start-up figures. Leaves: MD (98-report-errors.sh appends to it).

MD="$BASE.md"
# verdict VALUE OP LIMIT -> "yes", "no" or "n/a"
verdict() { awk -v v="${1:-}" -v op="$2" -v l="$3" 'BEGIN { if (v == "n/a" || v == "") { print "n/a"; exit }
  ok = (op == ">=") ? (v + 0 >= l) : (v + 0 <= l); print ok ? "yes" : "no" }'; }
startup_line() { # KIND what -> one bullet
  local k="$1" notes
  notes="${TRAINING[$k]:+; training run: ${TRAINING[$k]}}${SHARED_CLASSES[$k]:+; application classes from the archive or cache at a checked start: ${SHARED_CLASSES[$k]}}"
  if [ -n "${STARTUP_MEDIAN[$k]:-}" ]; then
    echo "- $2: median ${STARTUP_MEDIAN[$k]} ms (${STARTUP_TIMES[$k]// /, } ms)$notes"
  else
    echo "- $2: n/a$notes"
  fi
}
{
  echo "# Benchmark: rows $ROWS, ${DURATION_S}s, $CONNECTIONS connections (and $CONNECTIONS_HIGH)"
  echo
  echo "- commit \`$COMMIT\` ($DIRTY tree)${JAR_COMMIT:+, jar built from \`$JAR_COMMIT\`}; jar: \`$JAR\`"
  echo "- date $DATE_UTC; nproc $NPROC; $JAVA_VERSION, app JVM options \`$JAVA_OPTS\`; PostgreSQL $PG_VERSION ($PG_IMAGE), reached at $PG_ROUTE"
  echo "- rows $ROWS of each kind; wrk: ${WARMUP_S}s warm-up then ${DURATION_S}s, $CONNECTIONS connections, $THREADS threads, timeout 10s; then ${DURATION_S}s at $CONNECTIONS_HIGH connections (0: skipped); pgbench: -c $CONNECTIONS -j $THREADS -T $DURATION_S${PGBENCH_EXTRA_ARGS:+ $PGBENCH_EXTRA_ARGS}"
  echo "- wrk, pgbench, JobLoad, PostgreSQL, the app and the stub agent all share these $NPROC cores"
  echo "- load average (1, 5, 15 min) at the start: $LOAD_AVG_START; at the end: $LOAD_AVG_END (other work on the machine counts in it)"
  echo "- ceiling: pgbench tps for a database-only API; 1 / (1/tps + 1/stub req/s) for ChangeVmPassword and UpdateGuestToolsState, which call the agent; ratio = req/s ÷ ceiling. Errors: measured + fixed-rate + $CONNECTIONS_HIGH-connection runs"
  echo
  echo "| API | req/s | pgbench tps | stub req/s | ceiling | ratio (req/s ÷ ceiling) | p99 ms at half rate | errors | req/s at $CONNECTIONS_HIGH | ÷ req/s | p50/p99 ms at $CONNECTIONS_HIGH | errors at $CONNECTIONS_HIGH | p50 ms | p99 ms | measured errors | req/s ÷ tps | fixed-rate req/s (target) | fixed-rate p50/p99/p99.9 ms | fixed-rate errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for api in "${APIS[@]}"; do
    m=measured; f=fixed; h=high
    echo "| $api | $(fmt "$(res "$api" "$m" rps)" 1) | $(fmt "$(res "$api" pgbench tps)" 1) | $(stub_cell "$api" –) | $(ceiling_of "$api") | $(ratio "$(res "$api" "$m" rps)" "$(ceiling_of "$api")") | $(fmt "$(res "$api" "$f" p99_ms)" 2) | $(errors_of "$api") | $(fmt "$(res "$api" "$h" rps)" 1) | $(ratio "$(res "$api" "$h" rps)" "$(res "$api" "$m" rps)") | $(fmt "$(res "$api" "$h" p50_ms)" 2) / $(fmt "$(res "$api" "$h" p99_ms)" 2) | $(num_or_na "$(res "$api" "$h" errors)") | $(fmt "$(res "$api" "$m" p50_ms)" 2) | $(fmt "$(res "$api" "$m" p99_ms)" 2) | $(num_or_na "$(res "$api" "$m" errors)") | $(ratio "$(res "$api" "$m" rps)" "$(res "$api" pgbench tps)") | $(fmt "$(res "$api" "$f" rps)" 1) ($(num_or_na "$(res "$api" "$f" target)")) | $(fmt "$(res "$api" "$f" p50_ms)" 2) / $(fmt "$(res "$api" "$f" p99_ms)" 2) / $(fmt "$(res "$api" "$f" p999_ms)" 2) | $(num_or_na "$(res "$api" "$f" errors)") |"
  done
  echo "| agent stub ceiling | $(fmt "$S_RPS" 1) | | | | | | $(num_or_na "$(res stub measured errors)") | | | | | $(fmt "$(res stub measured p50_ms)" 2) | $(fmt "$(res stub measured p99_ms)" 2) | | | | | |"
  echo
  sdk_any=false
  if $RUN_SDK; then for api in "${APIS[@]}"; do [[ "$ASYNC_APIS" == *" $api "* ]] && sdk_any=true; done; fi
  if $sdk_any; then
    echo "### The SDK way: submit with X-Job-UUID, then poll (bench/JobLoad.java)"
    echo
    echo "One operation = the submit (202) and its polls until 200 or 503, timed from the submit. Target: ops/s at least 0.6 of the synchronous req/s above, and p99 at half load at most twice the synchronous fixed-rate p99. Same connections; ${WARMUP_S}s warm-up."
    echo
    echo "| API | load (1 min) | sync req/s | SDK ops/s | ratio (≥ 0.6?) | SDK p50/p99 ms | polls/op | submit p50 ms | errors | SDK fixed-rate ops/s (target) | sync fixed-rate p99 ms | SDK fixed-rate p50/p99/p99.9 ms | p99 ratio (≤ 2?) | fixed-rate errors | same client, no job: req/s, p99 ms | SDK ÷ same client | pgbench tps with the job's SQL (÷ pgbench tps) | SDK ÷ job tps | app CPU ms/op (of it JIT): sync (wrk), SDK, same client no job |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for api in "${APIS[@]}"; do
      cpu="$(fmt "$(res "$api" measured app_cpu_ms_per_op)" 3) ($(fmt "$(res "$api" measured app_jit_ms_per_op)" 3))"
      if ! is_sdk "$api"; then
        if [[ "$ASYNC_APIS" == *" $api "* ]]; then what="n/a: JobLoad gave no result (see bench/work/run/jobload-$api.log)"
        else what="synchronous in ZStack: no SDK way"; fi
        echo "| $api | $(res "$api" meta loadavg_1m) | $(fmt "$(res "$api" measured rps)" 1) | $what | | | | | | | | | | | | | | | $cpu |"
        continue
      fi
      IFS=, read -r -a s <<<"$(sdk_csv "$api")"
      echo "| $api | $(res "$api" meta loadavg_1m) | $(fmt "$(res "$api" measured rps)" 1) | ${s[0]} | ${s[5]} ($(verdict "${s[5]}" ">=" 0.6)) | ${s[1]} / ${s[2]} | ${s[6]} | ${s[7]} | ${s[4]} | ${s[9]} (${s[8]}) | $(fmt "$(res "$api" fixed p99_ms)" 2) | ${s[10]} / ${s[11]} / ${s[12]} | ${s[14]} ($(verdict "${s[14]}" "<=" 2)) | ${s[13]} | ${s[15]}, ${s[16]} | ${s[17]} | ${s[18]} (${s[19]}) | ${s[20]} | $cpu, ${s[22]} (${s[25]}), ${s[23]} (${s[26]}) |"
    done
    echo
    echo "- api_job rows after the load: $JOB_ROWS"
    echo
  fi
  echo "### Start-up (launch to the first 200 of /q/health/ready, $STARTUPS starts of each kind against the seeded database)"
  echo
  if [ "$STARTUPS" -eq 0 ]; then
    echo "- skipped (--startups 0)"
  else
    java25_what="$JAVA25_VERSION"
    [ -n "$JAVA25" ] || java25_what="no JDK 25 at --java25: skipped"
    [ -z "$JAVA25" ] || [ -n "$AOT_APP_DIR" ] || java25_what="no aot-jar: skipped"
    startup_line plain "JDK 17, fast-jar ($JAVA_VERSION)"
    startup_line appcds "JDK 17, fast-jar, AppCDS archive trained with the smoke calls"
    startup_line aot "JDK 25, aot-jar, AOT cache trained with the smoke calls and ${AOT_TRAIN_S}s of wrk per API ($java25_what)"
    startup_line aot-static "JDK 25, aot-jar, AOT cache trained without a database (-Dquarkus.appcds.generate=true)"
  fi
  echo "- first start, with the migrations: $FIRST_START_MS ms"
  echo "- RSS after the load: $(num_or_na "$RSS_MB") MB"
  echo "- seeding $ROWS rows of each kind plus VACUUM ANALYZE: $SEED_MS ms"
} >"$MD"
