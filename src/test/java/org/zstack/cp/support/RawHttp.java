package org.zstack.cp.support;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a normal client refuses to send: huge lines, huge bodies,
 * and bytes that trickle in. A reader thread collects the answer while the writer is still sending. A whole
 * response is checked against /q/openapi ({@link OpenApiContract}) for the first request line sent.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean ended;
    private volatile String endReason;
    private volatile String requestLine;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        this.reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (received) {
                        received.write(buffer, 0, n);
                    }
                }
                endReason = "EOF";
            } catch (IOException e) {
                endReason = e.toString();
            }
            ended = true;
        }, "raw-http-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static RawHttp connect() throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setTcpNoDelay(true);
        return new RawHttp(socket);
    }

    /** Sends bytes; false once the service has closed the connection (broken pipe or reset). */
    public boolean send(byte[] bytes) {
        if (requestLine == null) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            requestLine = text.contains("\r\n") ? text.substring(0, text.indexOf("\r\n")) : null;
        }
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean send(String ascii) {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Whether the service closed the connection (EOF or reset). */
    public boolean ended() {
        return ended;
    }

    public String endReason() {
        return endReason;
    }

    public String received() {
        synchronized (received) {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the service has closed the connection; fails after {@code bound}. */
    public String awaitEnd(Duration bound) throws InterruptedException {
        reader.join(bound.toMillis());
        if (!ended) {
            throw new AssertionError("the service did not close the connection within " + bound
                    + "; received so far: " + received());
        }
        return received();
    }

    /** Waits until a whole response (head and a body of Content-Length bytes) has arrived. */
    public Response awaitResponse(Duration bound) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            Response r = Response.parse(received());
            if (r != null) {
                return checked(r);
            }
            if (ended) {
                break;
            }
            Thread.sleep(10);
        }
        Response r = Response.parse(received());
        if (r == null) {
            throw new AssertionError("no whole response within " + bound + " (" + endReason + "): " + received());
        }
        return checked(r);
    }

    /** The response checked against /q/openapi, for the request line sent first (unless it is not even a URI). */
    private Response checked(Response r) {
        String[] request = requestLine == null ? new String[0] : requestLine.split(" ");
        if (request.length == 3) {
            URI uri;
            try {
                uri = URI.create("http://localhost:" + socket.getPort() + request[1]);
            } catch (IllegalArgumentException notAUri) {
                return r;
            }
            OpenApiContract.check(request[0], uri, r.status(), r.headers(), r.body());
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One parsed response: status, head (lowercase header names) and body. */
    public record Response(int status, String head, String body) {
        static Response parse(String text) {
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return null;
            }
            String head = text.substring(0, headEnd);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] rest = text.substring(headEnd + 4).getBytes(StandardCharsets.UTF_8);
            if (rest.length < length) {
                return null;
            }
            return new Response(Integer.parseInt(head.substring(9, 12)), head,
                    new String(rest, 0, length, StandardCharsets.UTF_8));
        }

        /** The headers, by name as sent. */
        public Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim(), n -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
            return headers;
        }

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
