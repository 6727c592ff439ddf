package org.aivaluechain.edgar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * A local EDGAR on 127.0.0.1 for tests: serves files at EDGAR's paths with ETag and Last-Modified (answering a
 * matching If-None-Match with 304), gzip-encodes JSON when asked, answers 404 for anything else, and injects
 * faults per path on successive requests. A raw socket server (one request per connection), so that a fault can
 * be exactly what a network does: a reset in the middle of a body, a body shorter than its Content-Length.
 * Every request is recorded with its arrival time and headers.
 */
final class LocalEdgar implements AutoCloseable {

    enum Fault {
        /** 429 with Retry-After: {@link #retryAfterSeconds} */
        RATE_LIMITED,
        /** 503 */
        UNAVAILABLE,
        /** 200, Content-Length of the whole body, half of it sent, then a TCP reset */
        RESET_MID_BODY,
        /** 200, Content-Length of the whole body, half of it sent, then an orderly close */
        TRUNCATED,
        /** nothing for {@link #slowMillis}, then the normal answer */
        SLOW,
        /** 200 with an HTML error page, as a proxy or a throttle may send */
        HTML_200
    }

    /** @param nanos when the connection was accepted (System.nanoTime) */
    record Request(long nanos, String path, Map<String, String> headers) {
    }

    static final String LAST_MODIFIED = "Tue, 25 Nov 2026 10:00:00 GMT";

    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Fault> alwaysFaults = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    volatile int retryAfterSeconds = 1;
    volatile long slowMillis = 5_000;

    LocalEdgar() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "local-edgar");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void serve(String path, byte[] body) {
        files.put(path, body);
    }

    /** The next requests to {@code path} get these faults, one each, then the file. */
    void fault(String path, Fault... next) {
        faults.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(next));
    }

    void faultAlways(String path, Fault fault) {
        alwaysFaults.put(path, fault);
    }

    void healthy(String path) {
        alwaysFaults.remove(path);
        faults.remove(path);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                long arrived = System.nanoTime();
                Thread t = new Thread(() -> handle(socket, arrived), "local-edgar-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket socket, long arrived) {
        try (socket) {
            InputStream in = socket.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String path = head.get(0).split(" ")[1];
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line : head.subList(1, head.size())) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            synchronized (this) {
                requests.add(new Request(arrived, path, headers));
            }
            respond(socket, path, headers);
        } catch (IOException | InterruptedException e) {
            // the client gave up on this connection (a timeout under test): nothing to answer any more
        }
    }

    private void respond(Socket socket, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        Fault fault = alwaysFaults.get(path);
        Deque<Fault> queue = faults.get(path);
        if (fault == null && queue != null) {
            fault = queue.pollFirst();
        }
        if (fault == Fault.SLOW) {
            Thread.sleep(slowMillis);
            fault = null;
        }
        if (fault == Fault.RATE_LIMITED) {
            write(out, "429 Too Many Requests", "Retry-After: " + retryAfterSeconds, new byte[0], -1);
            return;
        }
        if (fault == Fault.UNAVAILABLE) {
            write(out, "503 Service Unavailable", null, "busy".getBytes(StandardCharsets.US_ASCII), -1);
            return;
        }
        if (fault == Fault.HTML_200) {
            write(out, "200 OK", "Content-Type: text/html", ("<html><body><h1>Your Request Originates from an "
                    + "Undeclared Automated Tool</h1></body></html>").getBytes(StandardCharsets.US_ASCII), -1);
            return;
        }
        byte[] file = files.get(path);
        if (file == null) {
            write(out, "404 Not Found", null, "<html>Not Found</html>".getBytes(StandardCharsets.US_ASCII), -1);
            return;
        }
        String etag = "\"" + sha256(file).substring(0, 16) + "\"";
        if (etag.equals(headers.get("If-None-Match"))) {
            write(out, "304 Not Modified", "ETag: " + etag, new byte[0], -1);
            return;
        }
        boolean gzip = path.endsWith(".json") && headers.getOrDefault("Accept-Encoding", "").contains("gzip");
        byte[] body = gzip ? gzip(file) : file;
        String extra = "ETag: " + etag + "\r\nLast-Modified: " + LAST_MODIFIED + (gzip ? "\r\nContent-Encoding: gzip" : "");
        if (fault == Fault.RESET_MID_BODY || fault == Fault.TRUNCATED) {
            write(out, "200 OK", extra, java.util.Arrays.copyOf(body, body.length / 2), body.length);
            if (fault == Fault.RESET_MID_BODY) {
                socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
            }
            return;
        }
        write(out, "200 OK", extra, body, -1);
    }

    private static void write(OutputStream out, String status, String extraHeaders, byte[] body, long contentLength)
            throws IOException {
        String head = "HTTP/1.1 " + status + "\r\nContent-Length: " + (contentLength >= 0 ? contentLength : body.length)
                + "\r\nConnection: close\r\n" + (extraHeaders == null ? "" : extraHeaders + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).replace("\r", "");
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(data);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String cikPath(String prefix, int cik) {
        return String.format(Locale.ROOT, "%sCIK%010d.json", prefix, cik);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
