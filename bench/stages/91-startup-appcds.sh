# Start-up, JDK 17 with an AppCDS archive of the fast-jar: a training run with -XX:ArchiveClassesAtExit (the smoke
# calls, then SIGTERM: the JVM writes bench/work/app-cds.jsa as it exits), one start with -Xshare:on (which fails if
# the archive cannot be mapped) to check that the application's classes come from it, then --startups timed starts.
# Leaves: STARTUP_TIMES[appcds], STARTUP_MEDIAN[appcds], SHARED_CLASSES[appcds].

if [ "$STARTUPS" -gt 0 ]; then
  APPCDS_ARCHIVE="$WORK/app-cds.jsa"
  if train_and_stop appcds "$APPCDS_ARCHIVE" 0 java "$APP_DIR" -XX:ArchiveClassesAtExit="$APPCDS_ARCHIVE" \
    && verify_shared appcds cds java "$APP_DIR" -Xshare:on -XX:SharedArchiveFile="$APPCDS_ARCHIVE"; then
    startup_series appcds java "$APP_DIR" -XX:SharedArchiveFile="$APPCDS_ARCHIVE"
  fi
fi
