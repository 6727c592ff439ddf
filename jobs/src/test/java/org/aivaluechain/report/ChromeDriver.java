package org.aivaluechain.report;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A headless Chromium driven through chromedriver's W3C WebDriver HTTP API with java.net.http: the handful of
 * calls the report test needs (open a page, run a script, read the console log, screenshot an element) do not
 * justify a Selenium dependency and its transitive jars.
 */
final class ChromeDriver implements AutoCloseable {

    /** Flags for a closed network: no first-run, update, sync or background traffic, and no GPU or sandbox. */
    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1200,900");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String session;

    private ChromeDriver(Process driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts chromedriver on a free local port and opens a browser session with a fresh profile. */
    static ChromeDriver start(Path chromedriver, Path chromium, Path profile, Path driverLog) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(driverLog.toFile()).start();
        ChromeDriver cd = new ChromeDriver(process, port);
        try {
            cd.awaitReady();
            List<String> args = new ArrayList<>(CHROMIUM_FLAGS);
            args.add("--user-data-dir=" + profile);
            Map<String, Object> capabilities = Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "browserName", "chrome",
                    "goog:chromeOptions", Map.of("binary", chromium.toString(), "args", args),
                    "goog:loggingPrefs", Map.of("browser", "ALL"))));
            cd.session = cd.call("POST", "/session", capabilities).get("sessionId").asText();
            return cd;
        } catch (Exception e) {
            cd.close();
            throw e;
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notListeningYet) {
                if (System.nanoTime() > deadline || !driver.isAlive()) {
                    throw new IllegalStateException("chromedriver did not start on " + base, notListeningYet);
                }
            }
            Thread.sleep(100);
        }
    }

    void open(String url) throws Exception {
        call("POST", session("/url"), Map.of("url", url));
    }

    /** Runs a synchronous script and returns its value as JSON. */
    JsonNode execute(String script) throws Exception {
        return call("POST", session("/execute/sync"), Map.of("script", script, "args", List.of()));
    }

    /** The browser console's entries so far (level, message), via chromedriver's log endpoint. */
    JsonNode consoleLog() throws Exception {
        return call("POST", session("/se/log"), Map.of("type", "browser"));
    }

    /** A PNG screenshot of the first element matching a CSS selector. */
    byte[] screenshot(String cssSelector) throws Exception {
        JsonNode element = call("POST", session("/element"), Map.of("using", "css selector", "value", cssSelector));
        String id = element.fields().next().getValue().asText(); // the W3C element reference key
        return Base64.getDecoder().decode(call("GET", session("/element/" + id + "/screenshot"), null).asText());
    }

    private String session(String path) {
        return "/session/" + session + path;
    }

    /** One WebDriver call; returns the response's "value", or fails with the driver's error message. */
    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed (" + response.statusCode()
                    + "): " + value.path("error").asText() + ": " + value.path("message").asText());
        }
        return value;
    }

    @Override
    public void close() throws Exception {
        try {
            if (session != null) {
                call("DELETE", session(""), null);
            }
        } finally {
            driver.destroy();
            driver.waitFor();
        }
    }
}
