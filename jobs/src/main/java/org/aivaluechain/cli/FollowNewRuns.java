package org.aivaluechain.cli;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.aivaluechain.warehouse.Warehouse;
import org.sparkproject.connect.grpc.ForwardingServerCallListener;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;

/**
 * Lets a long-running {@code serve} follow new runs: as a client request arrives, when no other request is in flight
 * and bronze.runs has a new commit (one listing of its log, at most once a second), the tables are registered again
 * at the versions of the latest complete run. New requests wait while that happens, and it never happens while a
 * request runs, so no query is analysed over some tables of one run and some of the next.
 *
 * <p>A gRPC interceptor of Spark Connect, which creates it from {@code spark.connect.grpc.interceptor.classes} with
 * its public no-argument constructor: the warehouse to follow is therefore handed over in a static field.
 */
public final class FollowNewRuns implements ServerInterceptor {

    private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static volatile Follower follower;

    /** From now on, requests re-pin the warehouse's tables when a run completes. */
    static void follow(Warehouse warehouse) {
        follower = new Follower(warehouse);
    }

    static void stop() {
        follower = null;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Follower f = follower;
        if (f == null) {
            return next.startCall(call, headers);
        }
        f.enter();
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(call, headers);
        } catch (RuntimeException e) {
            f.exit();
            throw e;
        }
        AtomicBoolean ended = new AtomicBoolean();
        // gRPC ends every call with exactly one of these two
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    end();
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    end();
                }
            }

            private void end() {
                if (ended.compareAndSet(false, true)) {
                    f.exit();
                }
            }
        };
    }

    /** Counts the requests in flight and re-pins between them. */
    static final class Follower {
        private final Warehouse warehouse;
        private long seenRunsVersion;
        private Map<String, Long> served;
        private long checkedAt = System.nanoTime();
        private int inFlight;

        /** Pins the tables to the latest complete run, as of now. */
        Follower(Warehouse warehouse) {
            this.warehouse = warehouse;
            seenRunsVersion = warehouse.runsVersion();
            served = warehouse.publishedVersions();
            warehouse.registerAtVersions(served);
        }

        synchronized void enter() {
            long now = System.nanoTime();
            if (inFlight == 0 && now - checkedAt >= CHECK_INTERVAL_NANOS) {
                checkedAt = now;
                repinIfNewRun();
            }
            inFlight++;
        }

        synchronized void exit() {
            inFlight--;
        }

        private void repinIfNewRun() {
            long version;
            Map<String, Long> published;
            try {
                version = warehouse.runsVersion();
                if (version == seenRunsVersion) {
                    return;
                }
                published = warehouse.publishedVersions();
            } catch (RuntimeException e) {
                // nothing was changed: serving the previous run goes on, and the next request looks again
                System.err.println("valuechain: cannot look for a new run, still serving the previous one: "
                        + StatementRunner.oneLine(e));
                return;
            }
            try {
                warehouse.registerAtVersions(published);
            } catch (RuntimeException e) {
                // some tables may already be at the new run: back to the previous one, all of it (should that
                // fail too, the request fails rather than read a mix)
                System.err.println("valuechain: cannot serve the run that completed, still serving the previous "
                        + "one: " + StatementRunner.oneLine(e));
                warehouse.registerAtVersions(served);
                return;
            }
            if (!published.equals(served)) {
                System.err.println("valuechain: a new run completed; serving its tables from now on");
            }
            served = published;
            seenRunsVersion = version;
        }
    }
}
