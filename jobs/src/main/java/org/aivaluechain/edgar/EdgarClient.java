package org.aivaluechain.edgar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;

/**
 * Fetches EDGAR files into a {@link Landing} folder under the SEC's fair-access rules
 * (https://www.sec.gov/os/accessing-edgar-data): a User-Agent naming the requester, at most
 * {@link Settings#requestsPerSecond} requests per second in total over all threads (retries included),
 * gzip-compressed transfers, and conditional requests (If-None-Match / If-Modified-Since from the landed file's
 * sidecar) so an unchanged file costs a 304 and no download.
 *
 * <p>Retried, with exponential backoff ({@link Settings#retryDelay} doubling up to {@link Settings#maxRetryDelay}),
 * at most {@link Settings#maxRetries} times: 429 and 5xx (waiting at least the server's Retry-After, seconds or an
 * HTTP date), network errors (a reset connection, a body shorter than its Content-Length, a refused connection),
 * no byte for {@link Settings#timeout} (waiting for the response or inside the body), and a 200 whose content
 * fails {@link ContentCheck} (an HTML error page). Not retried: other 4xx (403 is what EDGAR answers a missing
 * User-Agent or a requester over the rate) and a Retry-After longer than {@link Settings#maxRetryAfter}.
 * 404/410 mean the file does not exist. Nothing partial or invalid ever lands.
 */
public final class EdgarClient implements AutoCloseable {

    /**
     * @param userAgent         "Name contact@example.com", sent with every request as the SEC asks
     * @param timeout           longest wait for the response headers or for the next body bytes
     * @param maxRetries        retries after the first attempt
     * @param retryDelay        first backoff delay, doubled per retry
     * @param maxRetryDelay     cap of the backoff delay
     * @param maxRetryAfter     longest Retry-After honoured; longer fails the file instead of stalling the update
     * @param requestsPerSecond cap over all requests of this client (the SEC allows 10)
     */
    public record Settings(String userAgent, Duration timeout, int maxRetries, Duration retryDelay,
                           Duration maxRetryDelay, Duration maxRetryAfter, double requestsPerSecond) {

        /** The SEC's limit: 10 requests per second. */
        public static final double SEC_REQUESTS_PER_SECOND = 10;

        public static Settings defaults(String userAgent) {
            return new Settings(userAgent, Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofSeconds(60),
                    Duration.ofMinutes(2), SEC_REQUESTS_PER_SECOND);
        }
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final Settings settings;
    private final Landing landing;
    private final TransferProgress progress;
    private final java.util.concurrent.ExecutorService httpThreads;
    private final HttpClient http;
    private final FailsafeExecutor<Attempt> policies;
    private final Clock clock = Clock.systemUTC();

    public EdgarClient(Settings settings, Landing landing, TransferProgress progress) {
        this.settings = settings;
        this.landing = landing;
        this.progress = progress;
        // the client's own threads, daemons and shut down by close() (Java 17's HttpClient cannot be closed)
        this.httpThreads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "edgar-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).executor(httpThreads)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        RetryPolicy<Attempt> retry = RetryPolicy.<Attempt>builder()
                .handle(IOException.class)
                .handleResultIf(Attempt::retryable)
                .abortIf(a -> a != null && a.retryAfter() != null
                        && a.retryAfter().compareTo(settings.maxRetryAfter()) > 0)
                .withBackoff(settings.retryDelay(), settings.maxRetryDelay())
                // the server's Retry-After replaces the backoff delay when it sent one (a negative delay: backoff)
                .withDelayFn(context -> context.getLastResult() == null || context.getLastResult().retryAfter() == null
                        ? Duration.ofNanos(-1) : context.getLastResult().retryAfter())
                .withMaxRetries(settings.maxRetries())
                .build();
        long nanosPerRequest = Math.round(1e9 / settings.requestsPerSecond());
        // smooth: permits evenly spaced, so no burst of 10 at one instant; waits, never rejects
        RateLimiter<Attempt> rate = RateLimiter.<Attempt>smoothBuilder(Duration.ofNanos(nanosPerRequest))
                .withMaxWaitTime(Duration.ofHours(1)).build();
        // outermost first: each retry passes the rate limiter again
        this.policies = Failsafe.with(retry, rate);
    }

    /** Fetches one file into the landing folder; never throws for an HTTP or network problem. */
    public FetchResult fetch(EdgarFile file) {
        Optional<LandedFile> previous = landing.landed(file);
        Counter counter = new Counter();
        progress.started(file);
        FetchResult result;
        try {
            Attempt last = policies.get(context -> attempt(file, previous, counter));
            result = outcome(file, last, counter);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            result = new FetchResult(file, FetchResult.Outcome.FAILED, describe(cause) + " after " + counter.attempts
                    + " attempts", counter.bytes.get(), counter.attempts);
        }
        progress.finished(result);
        return result;
    }

    private FetchResult outcome(EdgarFile file, Attempt last, Counter counter) {
        FetchResult.Outcome outcome = last.outcome();
        String detail = "";
        if (outcome == null) {
            outcome = FetchResult.Outcome.FAILED;
            detail = last.problem() + (last.retryable() ? " after " + counter.attempts + " attempts" : "");
        }
        return new FetchResult(file, outcome, detail, counter.bytes.get(), counter.attempts);
    }

    /** One request; the landing folder changes only when it returns FETCHED or NOT_MODIFIED. */
    private Attempt attempt(EdgarFile file, Optional<LandedFile> previous, Counter counter) throws IOException {
        counter.attempts++;
        HttpRequest.Builder request = HttpRequest.newBuilder(file.url()).timeout(settings.timeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept-Encoding", "gzip");
        previous.ifPresent(p -> {
            if (p.etag() != null) {
                request.header("If-None-Match", p.etag());
            }
            if (p.lastModified() != null) {
                request.header("If-Modified-Since", p.lastModified());
            }
        });
        Path download = landing.temporary(file, ".download");
        try {
            HttpResponse<Path> response = send(request.build(), download, counter);
            int status = response.statusCode();
            if (status == 304 && previous.isPresent()) {
                landing.writeSidecar(file, previous.get().checked(clock.instant()));
                return Attempt.done(FetchResult.Outcome.NOT_MODIFIED);
            }
            if (status == 404 || status == 410) {
                return Attempt.done(FetchResult.Outcome.NOT_FOUND);
            }
            if (status == 429 || status >= 500) {
                Duration wait = retryAfter(response.headers());
                return Attempt.retry("HTTP " + status + (wait == null ? "" : " (Retry-After " + wait.toSeconds() + " s)"),
                        wait);
            }
            if (status != 200) {
                return Attempt.fail("HTTP " + status + (status == 403
                        ? " (EDGAR refuses requests without a User-Agent naming you, and requesters over 10 per second)"
                        : ""));
            }
            return land(file, previous, response, download);
        } finally {
            Files.deleteIfExists(download);
        }
    }

    private Attempt land(EdgarFile file, Optional<LandedFile> previous, HttpResponse<Path> response, Path download)
            throws IOException {
        Path content = download;
        boolean gzip = response.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip"))
                .orElse(false);
        if (gzip) {
            content = landing.temporary(file, ".content");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(download));
                 OutputStream out = Files.newOutputStream(content)) {
                in.transferTo(out);
            } catch (IOException e) {
                Files.deleteIfExists(content);
                return Attempt.retry("gzip body unreadable (" + e.getMessage() + ")", null);
            }
        }
        try {
            Optional<String> problem = ContentCheck.problem(file.source(), content);
            if (problem.isPresent()) {
                return Attempt.retry("HTTP 200 but " + problem.get(), null);
            }
            Instant now = clock.instant();
            String sha = Landing.sha256(content);
            if (previous.isPresent() && previous.get().sha256().equals(sha)) {
                // a server without validators sent the same bytes again: nothing changed
                landing.writeSidecar(file, previous.get().checked(now));
                return Attempt.done(FetchResult.Outcome.NOT_MODIFIED);
            }
            HttpHeaders h = response.headers();
            landing.land(file, content, new LandedFile(file.url().toString(), now, now,
                    h.firstValue("ETag").orElse(null), h.firstValue("Last-Modified").orElse(null), sha,
                    Files.size(content)));
            return Attempt.done(FetchResult.Outcome.FETCHED);
        } finally {
            Files.deleteIfExists(content);
        }
    }

    /**
     * Sends the request and streams a 200's body into {@code download}; other statuses' bodies are discarded.
     * Gives up (HttpTimeoutException) when no byte arrived for the timeout, while waiting for the headers or
     * inside the body, so a slow server cannot stall an update and a large file may still take long.
     */
    private HttpResponse<Path> send(HttpRequest request, Path download, Counter counter) throws IOException {
        AtomicLong received = new AtomicLong();
        CompletableFuture<HttpResponse<Path>> future = http.sendAsync(request, info -> info.statusCode() == 200
                ? new CountingSubscriber<>(HttpResponse.BodySubscribers.ofFile(download), n -> {
                    received.addAndGet(n);
                    counter.bytes.addAndGet(n);
                    progress.bytes(n);
                })
                : HttpResponse.BodySubscribers.replacing(download));
        long seen = -1;
        long quietSince = System.nanoTime();
        while (true) {
            try {
                return future.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (received.get() != seen) {
                    seen = received.get();
                    quietSince = now;
                } else if (now - quietSince > settings.timeout().toNanos()) {
                    future.cancel(true);
                    throw new HttpTimeoutException("no data for " + settings.timeout().toMillis() + " ms");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** Seconds or an HTTP date (RFC 9110 10.2.3); null when absent or unreadable. */
    Duration retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    @Override
    public void close() {
        httpThreads.shutdownNow();
    }

    /** Requests and bytes of one file over all its attempts (bytes are counted on the HTTP client's threads). */
    private static final class Counter {
        int attempts;
        final AtomicLong bytes = new AtomicLong();
    }

    /**
     * What one attempt ended with: a final outcome, or a problem that is retried (retryable) or not.
     *
     * @param retryAfter the server's Retry-After, or null
     */
    private record Attempt(FetchResult.Outcome outcome, String problem, boolean retryable, Duration retryAfter) {
        static Attempt done(FetchResult.Outcome outcome) {
            return new Attempt(outcome, null, false, null);
        }

        static Attempt retry(String problem, Duration retryAfter) {
            return new Attempt(null, problem, true, retryAfter);
        }

        static Attempt fail(String problem) {
            return new Attempt(null, problem, false, null);
        }
    }

    /** Passes a body through to a file subscriber, reporting each chunk's size as it arrives. */
    private record CountingSubscriber<T>(HttpResponse.BodySubscriber<T> delegate,
                                         java.util.function.LongConsumer onBytes)
            implements HttpResponse.BodySubscriber<T> {
        @Override
        public CompletionStage<T> getBody() {
            return delegate.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            long n = 0;
            for (ByteBuffer b : items) {
                n += b.remaining();
            }
            onBytes.accept(n);
            delegate.onNext(items);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }
    }
}
