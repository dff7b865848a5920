# Starts the fast-jar with the default java and $JAVA_OPTS; this first start also runs the Flyway migrations.
# Leaves: APP_PORT, SECRET_KEY, APP_PID (running), FIRST_START_MS; its log is bench/work/app.log.

APP_PORT=$(free_port)
SECRET_KEY=$(head -c 32 /dev/urandom | base64)
log "starting the app on port $APP_PORT (first start runs the Flyway migrations)"
app_time_start "$WORK/app.log" java "$APP_DIR" || die "the app did not start (log: bench/work/app.log)"
FIRST_START_MS=$START_MS
log "ready in $FIRST_START_MS ms"
