# The app's JVM options and malloc arenas for every bench script (bench/README.md, "JVM options", says why), unless
# the caller set JAVA_OPTS or MALLOC_ARENA_MAX. Sourced by run.sh, fault.sh and login-flood.sh.
JAVA_OPTS="${JAVA_OPTS--Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=5000}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
