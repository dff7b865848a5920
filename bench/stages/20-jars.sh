# Builds the fast-jar (and, for the AOT start-ups, the aot-jar packaging of the same source) unless they are newer
# than src/, and compiles bench/StubAgent.java and bench/JobLoad.java.
# Leaves: JAR, AOT_APP_DIR (empty: no AOT start-ups), BENCH_CP, LOAD_AVG_START.

# build_if_stale WHAT APP_DIR [mvn options...]: mvnw package with those options if APP_DIR's jar is older than src/
build_if_stale() {
  local what="$1" jar="$2/quarkus-run.jar"
  shift 2
  if [ -f "$jar" ] && [ -z "$(find "$REPO/src" "$REPO/pom.xml" -newer "$jar" -print -quit)" ]; then
    log "the $what is newer than src/: not rebuilding"
    return 0
  fi
  log "building the $what (${BUILD_JAVA_HOME:+JAVA_HOME=$BUILD_JAVA_HOME }mvnw -B -q package -DskipTests $*)"
  (cd "$REPO" && ${BUILD_JAVA_HOME:+env JAVA_HOME="$BUILD_JAVA_HOME"} ./mvnw -B -q package -DskipTests "$@") \
    || die "the build of the $what failed"
  [ -f "$jar" ] || die "the build of the $what left no $jar"
}

JAR="$APP_DIR/quarkus-run.jar"
if ! $SKIP_BUILD; then
  if [ "$APP_DIR" != "$DEFAULT_APP_DIR" ]; then
    [ -f "$JAR" ] || die "no $JAR (the script builds only the default target/quarkus-app)"
  else
    build_if_stale jar "$APP_DIR"
  fi
fi
[ -f "$JAR" ] || die "no jar at $JAR (build it, or give --app-dir)"

# The aot-jar: quarkus.package.output-directory is resolved from target/ and holds quarkus-run.jar itself. Only with
# the AOT build enabled at phase "build" does the jar stop by itself after static init under
# -Dquarkus.appcds.generate=true (92-startup-aot.sh); Quarkus then also trains a cache at build time, with the
# build's own JVM, hence Maven on JDK 25. The build rewrites target/quarkus-artifact.properties (which the *IT
# tests read): it is put back afterwards.
if [ -z "$JAVA25" ]; then
  AOT_APP_DIR=""
elif [ -n "$AOT_APP_DIR" ]; then
  [ -f "$AOT_APP_DIR/quarkus-run.jar" ] || die "--aot-app-dir: no quarkus-run.jar in $AOT_APP_DIR"
elif [ "$APP_DIR" = "$DEFAULT_APP_DIR" ]; then
  AOT_APP_DIR="$REPO/target/quarkus-app-aot"
  if ! $SKIP_BUILD; then
    props="$REPO/target/quarkus-artifact.properties"
    if [ -f "$props" ]; then cp "$props" "$WORK/quarkus-artifact.properties"; fi
    BUILD_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA25")")")" build_if_stale aot-jar "$AOT_APP_DIR" \
      -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory="$(basename "$AOT_APP_DIR")" \
      -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.phase=build -Dquarkus.package.jar.aot.type=aot
    if [ -f "$WORK/quarkus-artifact.properties" ]; then mv "$WORK/quarkus-artifact.properties" "$props"; fi
  fi
else
  # another build (--app-dir): its aot-jar, if it was built beside it
  AOT_APP_DIR="$(dirname "$APP_DIR")/quarkus-app-aot"
fi
if [ -n "$AOT_APP_DIR" ] && [ ! -f "$AOT_APP_DIR/quarkus-run.jar" ]; then
  log "WARNING: no aot-jar at $AOT_APP_DIR (build it without --skip-build, or give --aot-app-dir): AOT start-ups n/a"
  AOT_APP_DIR=""
fi
LOAD_AVG_START=$(cut -d' ' -f1-3 /proc/loadavg)

# the stub agent and the SDK-way load generator run on the app's own Vert.x and Netty jars
BENCH_CP="$WORK/classes"
for j in "$APP_DIR"/lib/main/io.vertx.vertx-core-*.jar "$APP_DIR"/lib/main/io.netty.netty-*.jar \
         "$APP_DIR"/lib/main/com.fasterxml.jackson.core.jackson-core-*.jar; do
  [ -f "$j" ] || die "no Vert.x/Netty jars under $APP_DIR/lib/main for bench/StubAgent.java and bench/JobLoad.java"
  BENCH_CP+=":$j"
done
mkdir -p "$WORK/classes"
javac -nowarn -Xlint:-deprecation -d "$WORK/classes" -cp "$BENCH_CP" "$BENCH_DIR/StubAgent.java" \
  "$BENCH_DIR/JobLoad.java" || die "could not compile bench/StubAgent.java and bench/JobLoad.java"
