package org.aivaluechain.edgar;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Download progress: files done of total, bytes, transfer rate and an ETA from the files still to go. On a
 * terminal one status line is redrawn in place (at most 5 times a second); elsewhere (a pipe, a log, cron) a
 * plain line every 10 seconds, so logs stay readable. Called from the download threads.
 */
public final class TransferProgress {

    private final PrintStream out;
    private final boolean terminal;
    private final long redrawNanos;
    private final long started = System.nanoTime();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private long lastDrawn;
    private boolean drawn;

    /** @param terminal whether {@code out} is a terminal (System.console() != null) */
    public TransferProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.redrawNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    /** More files are planned (FSDS fallbacks add some on the way). */
    public void expect(int files) {
        total.addAndGet(files);
    }

    void started(EdgarFile file) {
        draw(false);
    }

    void bytes(long n) {
        bytes.addAndGet(n);
        draw(false);
    }

    void finished(FetchResult result) {
        done.incrementAndGet();
        draw(false);
    }

    /** Draws the final state and ends the status line. */
    public void close() {
        draw(true);
        if (terminal && drawn) {
            out.println();
        }
    }

    /** The status line, e.g. {@code 12/66 files  3.4 MB  1.2 MB/s  ETA 0:45}. */
    String line() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        int finished = done.get();
        int all = total.get();
        String eta = finished == 0 || finished >= all ? "--:--"
                : clock(seconds / finished * (all - finished));
        return String.format(Locale.ROOT, "downloading: %d/%d files  %s  %s/s  ETA %s", finished, all,
                size(bytes.get()), size((long) (bytes.get() / seconds)), eta);
    }

    private synchronized void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDrawn < redrawNanos) {
            return;
        }
        if (!force && !terminal && lastDrawn == 0) {
            lastDrawn = now; // a log gets its first line after 10 s, not for every short update
            return;
        }
        lastDrawn = now;
        drawn = true;
        if (terminal) {
            out.print("\r" + line() + "\033[K");
        } else {
            out.println(line());
        }
        out.flush();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
