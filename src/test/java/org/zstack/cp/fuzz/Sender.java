package org.zstack.cp.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@link FuzzCase} with the JDK client, or over a plain socket when the target is not even a valid URI
 * (broken percent-encoding), which the JDK client refuses to send.
 */
final class Sender {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;
    final java.util.concurrent.atomic.LongAdder retries = new java.util.concurrent.atomic.LongAdder();

    Sender(int port) {
        this.port = port;
    }

    Answer send(FuzzCase c) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create("http://localhost:" + port + c.target());
        } catch (IllegalArgumentException notAUri) {
            return sendRaw(c);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(c.method, c.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body));
        if (c.contentType != null && c.body != null) {
            request.header("Content-Type", c.contentType);
        }
        if (c.authorization != null) {
            request.header("Authorization", c.authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException timeout) {
            throw timeout;
        } catch (IOException staleConnection) {
            // The pooled connection may have been closed by the server after an earlier answer (a 414, say):
            // the same request once more on a connection of its own tells that apart from a request that kills one.
            retries.increment();
            return sendRaw(c);
        }
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, list) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", list)));
        return new Answer(response.statusCode(), headers, response.body());
    }

    private Answer sendRaw(FuzzCase c) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            StringBuilder head = new StringBuilder(c.method + " " + c.target() + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n");
            if (c.authorization != null) {
                head.append("Authorization: ").append(c.authorization).append("\r\n");
            }
            if (c.body != null) {
                if (c.contentType != null) {
                    head.append("Content-Type: ").append(c.contentType).append("\r\n");
                }
                head.append("Content-Length: ").append(c.body.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (c.body != null) {
                out.write(c.body);
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP status line: " + status);
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Answer(code, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
