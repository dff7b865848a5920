import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady load for bench/fault.sh: each client updates its own IAM2 virtual ID (row n = client n + 1) in a loop,
 * writing the description "fault-&lt;client&gt;-&lt;seq&gt;", and logs one line per answer:
 * {@code <epoch ms> <client> <seq> <status> <error code or -> <latency ms>}. The first success also creates
 * {@code OUT_FILE.started}.
 *
 * <pre>
 *   java bench/FaultLoad.java BASE_URL SESSION CLIENTS SECONDS OUT_FILE
 * </pre>
 */
public final class FaultLoad {
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String session = args[1];
        int clients = Integer.parseInt(args[2]);
        long until = System.currentTimeMillis() + Long.parseLong(args[3]) * 1000;
        Path out = Path.of(args[4]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Path started = Path.of(args[4] + ".started");
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            String uuid = String.format("5%031x", client + 1);
            Thread thread = new Thread(() -> {
                for (long seq = 1; System.currentTimeMillis() < until; seq++) {
                    long start = System.currentTimeMillis();
                    int status;
                    String code = "-";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                        URI.create(base + "/zstack/v1/iam2/virtual-ids/" + uuid + "/actions"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "OAuth " + session)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"updateIAM2VirtualID\": {\"description\": \"fault-"
                                        + client + "-" + seq + "\"}}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                        Matcher m = CODE.matcher(r.body());
                        if (status >= 400 && m.find()) {
                            code = m.group(1);
                        }
                    } catch (Exception e) {
                        status = 0;
                        code = "client:" + e.getClass().getSimpleName();
                    }
                    long end = System.currentTimeMillis();
                    if (status == 200 && first.compareAndSet(false, true)) {
                        try {
                            Files.writeString(started, end + "\n"); // fault.sh times the outage from here
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    lines.add(end + " " + client + " " + seq + " " + status + " " + code + " " + (end - start));
                    if (status == 0) {
                        try {
                            Thread.sleep(100); // the app is down or refusing: do not spin
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            lines.forEach(w::println);
        }
    }
}
