import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for bench/run.sh that calls an update API the way ZStack's SDK does: submit with {@code X-Job-UUID} (a fresh
 * uuid per call) and {@code X-JSON-Schema: true}, which answers 202 with the poll's location, then GET that location
 * until it answers 200 or 503 (202 {} means still running; the server holds each poll up to its poll-wait). One
 * operation is the submit and all its polls, timed from writing the submit to reading the last poll's answer.
 *
 * <p>Closed loop like wrk: {@code --connections} workers spread over {@code --threads} event loops, each starting its
 * next operation when the last one ended. In one process it runs these phases and prints one BENCH_RESULT line for
 * each but the warm-up:
 * <ol>
 *   <li>{@code warmup}: closed loop, discarded;</li>
 *   <li>{@code measured}: closed loop;</li>
 *   <li>{@code fixed}: paced to half the measured operations/s, as bench/wrk/common.lua paces wrk: a shared schedule
 *   of start slots, each idle worker takes the next one; an operation is timed from its submit, not from its slot
 *   (coordinated omission is not corrected, as with the wrk figures);</li>
 *   <li>{@code sync} (with {@code --control}): the same requests without the job headers, closed loop, so that the
 *   cost of this client can be told from the cost of the job protocol.</li>
 * </ol>
 *
 * <pre>
 *   java -cp VERTX_CLASSPATH JobLoad --base http://127.0.0.1:PORT --session S --api UpdateTpm [--rows 1000]
 *        [--connections 32] [--threads 2] [--warmup 10] [--duration 20] [--control] [--capture FILE]
 *        [--app-pid PID [--clk-tck 100]]
 * </pre>
 * The BENCH_RESULT fields are those of bench/wrk/result.lua (requests = operations), plus phase, target (the
 * fixed phase's aim), polls (poll requests sent), polls_per_op, running_polls (polls answered 202) and their
 * mean running_poll_ms, submit_p50/p99_ms (the submit's round trip alone) and, with --app-pid, app_cpu_ms_per_op
 * (the app's user + system CPU time over the phase divided by its operations) and app_jit_ms_per_op (the part of
 * it used by the JIT compiler threads that are alive at the phase's end). errors = connect + read + write + timeout +
 * status, where status counts operations that ended with an answer above 399 (503 from the poll included).
 */
public final class JobLoad {
    private static final Pattern LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"([^\"]+)\"");
    private static final long TIMEOUT_MS = 10_000;

    /** One API's request for row n. */
    record Call(HttpMethod method, String path, String body) {
    }

    static Call call(String api, int n, SplittableRandom random) {
        return switch (api) {
            case "UpdateTpm" -> new Call(HttpMethod.PUT, "/zstack/v1/tpms", String.format(
                    "{\"updateTpm\": {\"tpmUuid\": \"%s\", \"keyProviderUuid\": \"%s\"}}",
                    uuid('3', n), uuid('4', 1 + random.nextInt(4))));
            case "UpdateIAM2VirtualID" -> new Call(HttpMethod.PUT, "/zstack/v1/iam2/virtual-ids/" + uuid('5', n)
                    + "/actions", "{\"updateIAM2VirtualID\": {\"description\": \"d-" + random.nextInt(1_000_000_000)
                    + "\"}}");
            case "UpdateGuestToolsState" -> new Call(HttpMethod.PUT, "/zstack/v1/vm-instances/" + uuid('1', n)
                    + "/guesttools-state", "{}");
            case "ChangeVmPassword" -> new Call(HttpMethod.PUT, "/zstack/v1/vm-instances/" + uuid('1', n)
                    + "/actions", "{\"changeVmPassword\": {\"password\": \"Passw0rd!\", \"account\": \"root\"}}");
            case "UpdateImageStoreBackupStorage" -> new Call(HttpMethod.PUT, "/zstack/v1/backup-storage/image-store/"
                    + uuid('6', n) + "/actions", "{\"updateImageStoreBackupStorage\": {\"description\": \"d-"
                    + random.nextInt(1_000_000_000) + "\"}}");
            default -> throw new IllegalArgumentException("unknown API: " + api);
        };
    }

    /** The numbering of bench/seed.sql: one hex digit for the kind, then n in 31 hex digits. */
    static String uuid(char kind, int n) {
        return kind + String.format("%031x", n);
    }

    /** What one phase counts; its methods run on the workers' event loops, hence synchronized. */
    static final class Phase {
        final String name;
        final boolean job;
        final long startNanos;
        final long endNanos;
        final long periodNanos;           // 0: closed loop
        final AtomicLong nextSlot;
        final int target;
        private long[] latencies = new long[1 << 16];
        private int count;
        private long[] submits = new long[1 << 16];
        private int submitCount;
        long polls, runningPolls, runningPollNanos, connect, read, timeout, status;
        private final CpuClock cpu;
        private final long cpuStart;
        private final long jitStart;
        private long cpuEnd = -1;
        private long jitEnd = -1;

        Phase(String name, boolean job, long seconds, int target, CpuClock cpu) {
            this.cpu = cpu;
            this.cpuStart = cpu.millis();
            this.jitStart = cpu.jitMillis();
            this.name = name;
            this.job = job;
            this.startNanos = System.nanoTime();
            this.endNanos = startNanos + TimeUnit.SECONDS.toNanos(seconds);
            this.target = target;
            this.periodNanos = target > 0 ? 1_000_000_000L / target : 0;
            this.nextSlot = new AtomicLong(startNanos);
        }

        /** Reads the app's CPU time at the phase's end (the first worker to see the end calls it). */
        synchronized void ended() {
            if (cpuEnd < 0) {
                cpuEnd = cpu.millis();
                jitEnd = cpu.jitMillis();
            }
        }

        synchronized void done(long nanos, Trace trace, boolean failed) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                submits = Arrays.copyOf(submits, count * 2);
            }
            latencies[count] = nanos;
            submits[count++] = trace.submitNanos;
            polls += trace.polls;
            runningPolls += trace.runningPolls;
            runningPollNanos += trace.runningPollNanos;
            if (failed) {
                status++;
            }
        }

        synchronized void failed(Throwable e) {
            String kind = e.getClass().getSimpleName();
            if (e instanceof ConnectException) {
                connect++;
            } else if (kind.contains("Timeout")) {
                timeout++;
            } else {
                read++;
            }
        }

        /** Nanoseconds to wait before the next operation may start, and takes its slot; 0 when closed loop. */
        long pace() {
            if (periodNanos == 0) {
                return 0;
            }
            long now = System.nanoTime();
            while (true) {
                long next = nextSlot.get();
                long slot = Math.max(next, now);
                if (nextSlot.compareAndSet(next, slot + periodNanos)) {
                    return slot - now;
                }
            }
        }

        synchronized String result() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            long[] submitted = Arrays.copyOf(submits, count);
            Arrays.sort(submitted);
            double secs = (endNanos - startNanos) / 1e9;
            long errors = connect + read + timeout + status;
            return String.format(Locale.ROOT, "BENCH_RESULT phase=%s requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f "
                            + "p99_ms=%.3f p999_ms=%.3f max_ms=%.3f errors=%d connect=%d read=%d write=0 timeout=%d "
                            + "status=%d polls=%d polls_per_op=%.2f running_polls=%d running_poll_ms=%.1f "
                            + "submit_p50_ms=%.3f submit_p99_ms=%.3f app_cpu_ms_per_op=%s app_jit_ms_per_op=%s target=%d",
                    name, count, secs, count / secs, ms(sorted, 50), ms(sorted, 99), ms(sorted, 99.9),
                    count == 0 ? 0 : sorted[count - 1] / 1e6, errors, connect, read, timeout, status, polls,
                    count == 0 ? 0 : (double) polls / count, runningPolls,
                    runningPolls == 0 ? 0 : runningPollNanos / 1e6 / runningPolls, ms(submitted, 50), ms(submitted, 99),
                    cpuStart < 0 || cpuEnd < 0 || count == 0 ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", (double) (cpuEnd - cpuStart) / count),
                    jitStart < 0 || jitEnd < 0 || count == 0 ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", (double) (jitEnd - jitStart) / count), target);
        }

        private static double ms(long[] sorted, double percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /** The CPU time (user + system) the app's process has used, from /proc/PID/stat; -1 without a pid. */
    record CpuClock(long pid, long ticksPerSecond) {
        long millis() {
            return pid <= 0 ? -1 : millisOf(Path.of("/proc/" + pid + "/stat"));
        }

        /** The part of it that the live JIT compiler threads (C1, C2) have used. */
        long jitMillis() {
            if (pid <= 0) {
                return -1;
            }
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                long sum = 0;
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String comm = Files.readString(task.resolve("comm"));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        long ms = millisOf(task.resolve("stat"));
                        sum += Math.max(ms, 0);
                    }
                }
                return sum;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private long millisOf(Path statFile) {
            try {
                String stat = Files.readString(statFile);
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / ticksPerSecond; // utime, stime
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** What one operation took besides its total: the submit's round trip, and its polls. */
    static final class Trace {
        long submitNanos;
        int polls;
        int runningPolls;
        long runningPollNanos;
    }

    /** Samples the first few unexpected answers, for the Errors section of the results. */
    static final class Capture {
        private final List<String> lines = new ArrayList<>();

        synchronized void add(String phase, int status, String body) {
            if (lines.size() < 5) {
                lines.add(phase + " HTTP " + status + " " + body.replace('\n', ' '));
            }
        }

        synchronized void write(String file) throws IOException {
            if (file != null && !lines.isEmpty()) {
                Files.write(Path.of(file), lines);
            }
        }
    }

    /** One event loop's workers. */
    static final class Loop extends AbstractVerticle {
        private final Options options;
        private final int workers;
        private final Capture capture;
        private HttpClient http;
        private volatile Phase phase;
        private CountDownLatch idle;
        private final SplittableRandom random;

        Loop(Options options, int workers, Capture capture, long seed) {
            this.options = options;
            this.workers = workers;
            this.capture = capture;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void start() {
            URI base = URI.create(options.base);
            http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                    .setDefaultPort(base.getPort()).setKeepAlive(true).setConnectTimeout((int) TIMEOUT_MS),
                    new PoolOptions().setHttp1MaxSize(workers).setMaxWaitQueueSize(-1));
        }

        /** Runs the phase on this loop's workers; the latch counts down as each worker stops after its end. */
        void run(Phase p, CountDownLatch stopped) {
            context.runOnContext(v -> {
                phase = p;
                idle = stopped;
                for (int w = 0; w < workers; w++) {
                    next(p);
                }
            });
        }

        private void next(Phase p) {
            if (System.nanoTime() >= p.endNanos) {
                p.ended();
                idle.countDown();
                return;
            }
            long wait = p.pace();
            if (wait >= 1_000_000) {
                vertx.setTimer(wait / 1_000_000, id -> operation(p));
            } else {
                operation(p);
            }
        }

        private void operation(Phase p) {
            int n = 1 + random.nextInt(options.rows);
            Call c = call(options.api, n, random);
            RequestOptions submit = new RequestOptions().setMethod(c.method()).setURI(c.path())
                    .setTimeout(TIMEOUT_MS).putHeader("Content-Type", "application/json")
                    .putHeader("Authorization", "OAuth " + options.session);
            if (p.job) {
                submit.putHeader("X-Job-UUID", jobUuid()).putHeader("X-JSON-Schema", "true");
            }
            long start = System.nanoTime();
            Trace trace = new Trace();
            send(submit, c.body()).compose(answer -> {
                trace.submitNanos = System.nanoTime() - start;
                return follow(trace, answer);
            }).onComplete(ar -> {
                long end = System.nanoTime();
                if (ar.succeeded()) {
                    Answer last = ar.result();
                    boolean failed = last.status() > 399;
                    if (failed || last.status() < 200 || last.status() > 299) {
                        capture.add(p.name, last.status(), last.body());
                    }
                    if (end < p.endNanos && start >= p.startNanos) {
                        p.done(end - start, trace, failed);
                    }
                    next(p);
                } else {
                    p.failed(ar.cause());
                    capture.add(p.name, 0, ar.cause().toString());
                    vertx.setTimer(10, id -> next(p)); // refused or reset: do not spin
                }
            });
        }

        /** 202 with a location: poll it until it answers something else. */
        private Future<Answer> follow(Trace trace, Answer answer) {
            if (answer.status() != 202) {
                return Future.succeededFuture(answer);
            }
            String location = answer.location();
            if (location == null) {
                return Future.succeededFuture(new Answer(599, "202 without a location: " + answer.body()));
            }
            trace.polls++;
            RequestOptions poll = new RequestOptions().setMethod(HttpMethod.GET).setURI(location)
                    .setTimeout(TIMEOUT_MS).putHeader("Authorization", "OAuth " + options.session);
            long sent = System.nanoTime();
            return send(poll, null).compose(again -> {
                if (again.status() == 202) {
                    trace.runningPolls++;
                    trace.runningPollNanos += System.nanoTime() - sent;
                }
                return follow(trace, again);
            });
        }

        private Future<Answer> send(RequestOptions request, String body) {
            return http.request(request)
                    .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString())));
        }

        private String jobUuid() {
            return String.format("%016x%016x", random.nextLong(), random.nextLong());
        }
    }

    record Answer(int status, String body) {
        /** The path of the poll location in a 202 body, or null. */
        String location() {
            Matcher m = LOCATION.matcher(body);
            if (!m.find()) {
                return null;
            }
            URI uri = URI.create(m.group(1));
            return uri.getRawPath();
        }
    }

    record Options(String base, String session, String api, int rows, int connections, int threads, long warmup,
                   long duration, boolean control, String capture, CpuClock cpu) {
        static Options parse(String[] args) {
            String base = null, session = null, api = null, capture = null;
            long appPid = 0, ticks = 100;
            int rows = 1000, connections = 32, threads = 2;
            long warmup = 10, duration = 20;
            boolean control = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--base" -> base = args[++i];
                    case "--session" -> session = args[++i];
                    case "--api" -> api = args[++i];
                    case "--rows" -> rows = Integer.parseInt(args[++i]);
                    case "--connections" -> connections = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Long.parseLong(args[++i]);
                    case "--duration" -> duration = Long.parseLong(args[++i]);
                    case "--control" -> control = true;
                    case "--capture" -> capture = args[++i];
                    case "--app-pid" -> appPid = Long.parseLong(args[++i]);
                    case "--clk-tck" -> ticks = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (base == null || session == null || api == null) {
                throw new IllegalArgumentException("--base, --session and --api are required");
            }
            if (threads < 1 || connections < threads) {
                throw new IllegalArgumentException("need 1 <= --threads <= --connections");
            }
            return new Options(base, session, api, rows, connections, threads, warmup, duration, control, capture,
                    new CpuClock(appPid, ticks));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        call(options.api, 1, new SplittableRandom(1)); // an unknown API fails here, before any load
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.threads)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        Capture capture = new Capture();
        List<Loop> loops = new ArrayList<>();
        long seed = System.nanoTime();
        for (int t = 0; t < options.threads; t++) {
            int workers = options.connections / options.threads + (t < options.connections % options.threads ? 1 : 0);
            Loop loop = new Loop(options, workers, capture, seed + 7919L * t);
            vertx.deployVerticle(loop, new DeploymentOptions()).toCompletionStage().toCompletableFuture().get();
            loops.add(loop);
        }
        int exit = 0;
        try {
            if (options.warmup > 0) {
                run(loops, options, new Phase("warmup", true, options.warmup, 0, options.cpu));
            }
            Phase measured = run(loops, options, new Phase("measured", true, options.duration, 0, options.cpu));
            System.out.println(measured.result());
            int target = (int) Math.max(1, Math.floor(measured.count / ((measured.endNanos - measured.startNanos)
                    / 1e9) / 2));
            System.out.println(run(loops, options, new Phase("fixed", true, options.duration, target, options.cpu)).result());
            if (options.control) {
                System.out.println(run(loops, options, new Phase("sync", false, options.duration, 0, options.cpu)).result());
            }
        } catch (IllegalStateException e) {
            System.err.println("JobLoad: " + e.getMessage());
            exit = 1;
        } finally {
            capture.write(options.capture);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(exit);
    }

    private static Phase run(List<Loop> loops, Options options, Phase phase) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(options.connections);
        loops.forEach(loop -> loop.run(phase, stopped));
        long waitMs = TimeUnit.NANOSECONDS.toMillis(phase.endNanos - System.nanoTime()) + 3 * TIMEOUT_MS;
        if (!stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("phase " + phase.name + ": operations still running "
                    + (3 * TIMEOUT_MS / 1000) + " s after its end");
        }
        return phase;
    }
}
