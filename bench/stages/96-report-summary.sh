# Writes bench/results/<stamp>-rows<N>-summary.csv: one header line and one row with the start-up medians (ms),
# the RSS after the load and the JVMs. Leaves: SUMMARY_CSV.

SUMMARY_CSV="$BASE-summary.csv"
{
  echo "startup_ms_median,startup_aot_ms_median,rss_mb,startup_appcds_ms_median,startup_aot_static_ms_median,first_start_ms,java,java25"
  join_csv "$(num_or_na "${STARTUP_MEDIAN[plain]:-}")" "$(num_or_na "${STARTUP_MEDIAN[aot]:-}")" "$(num_or_na "$RSS_MB")" \
    "$(num_or_na "${STARTUP_MEDIAN[appcds]:-}")" "$(num_or_na "${STARTUP_MEDIAN[aot-static]:-}")" "$FIRST_START_MS" \
    "$JAVA_VERSION" "$JAVA25_VERSION"
} >"$SUMMARY_CSV"
