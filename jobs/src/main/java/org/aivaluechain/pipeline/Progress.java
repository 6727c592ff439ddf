package org.aivaluechain.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints each stage as it finishes, with its duration, and keeps the timings for the run summary. */
public final class Progress {

    private final PrintStream out;
    private final long started = System.nanoTime();
    private long stageStarted = started;
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void stage(String name) {
        long now = System.nanoTime();
        double seconds = (now - stageStarted) / 1e9;
        stageSeconds.put(name, seconds);
        stageStarted = now;
        out.printf("[%6.1fs] %-44s %5.1fs%n", (now - started) / 1e9, name, seconds);
        out.flush();
    }

    public void note(String message) {
        out.println(message);
        out.flush();
    }

    public Map<String, Double> stageSeconds() {
        return stageSeconds;
    }

    public double totalSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
