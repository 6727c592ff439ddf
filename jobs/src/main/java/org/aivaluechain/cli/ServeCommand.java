package org.aivaluechain.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.aivaluechain.warehouse.ReadOnlyPlans;
import org.aivaluechain.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the tables of a warehouse (bronze.*, silver.*, gold.*) over Spark Connect on "
                + "localhost, so notebooks and PySpark query them without a Spark of their own.",
                "For example, in Python:",
                "  spark = SparkSession.builder.remote(\"sc://localhost:15002\").getOrCreate()",
                "  spark.sql(\"SHOW TABLES IN gold\").show()",
                "Prints the address on stdout, then serves until Ctrl-C or SIGTERM, which stop it cleanly "
                        + "(exit code 0). Listens on 127.0.0.1 only: the service has no authentication.",
                "Serves the tables as the latest complete run left them, and moves on to a newer run when one "
                        + "completes (checked as requests arrive, between requests, so no query mixes two runs).",
                "Read-only unless --allow-writes: a client's statement or DataFrame write that would change a "
                        + "table, or read files outside the warehouse, fails with a 'read-only: ...' error."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "15002",
            description = "TCP port to listen on (default: ${DEFAULT-VALUE}, Spark Connect's usual port).")
    int port;

    @Option(names = "--allow-writes",
            description = "Let clients write, drop or change tables and read files outside the warehouse. Without "
                    + "it their statements and DataFrame writes are refused (checked on the analysed plan); "
                    + "queries, SHOW, DESCRIBE and EXPLAIN run.")
    boolean allowWrites;

    @Spec
    CommandSpec spec;

    private static final int MAX_PORT = 65_535;

    @Override
    public Integer call() {
        if (port < 0 || port > MAX_PORT) {
            // a usage error in one line, before Spark starts
            spec.commandLine().getErr().println("valuechain: --port must be 0 (any free port) to " + MAX_PORT
                    + ", not " + port);
            return ExitCodes.USAGE;
        }
        CommonOptions.OpenWarehouse opened = common.openExistingWarehouse(!allowWrites);
        SparkSession spark = opened.spark();
        Warehouse warehouse = opened.warehouse();
        List<String> tables = opened.tables();
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handling the signals ourselves (instead of letting the JVM shut down) stops the server in order and
        // exits 0; the previous handlers come back afterwards.
        SignalHandler stop = signal -> stopRequested.countDown();
        SignalHandler previousInt = handle("INT", stop);
        SignalHandler previousTerm = handle("TERM", stop);
        try {
            if (!allowWrites) {
                ReadOnlyPlans.guardNewSessions(spark, warehouse.root());
                // readers are pinned to the latest complete run: follow the runs that complete while serving
                FollowNewRuns.follow(warehouse);
            }
            int listening;
            try {
                listening = ConnectServer.start(spark, port);
            } catch (ConnectServer.PortInUseException e) {
                spec.commandLine().getErr().println("valuechain: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            String address = "sc://localhost:" + listening;
            System.out.println("Serving " + tables.size() + " tables of " + warehouse.root() + " over Spark Connect "
                    + "at " + address + ": connect with SparkSession.builder.remote(\"" + address
                    + "\").getOrCreate(); " + (allowWrites ? "writes allowed" : "read-only") + "; Ctrl-C stops.");
            System.out.flush();
            boolean interrupted = false;
            try {
                stopRequested.await();
            } catch (InterruptedException e) {
                // an interrupt is a stop request too (tests and embedding code use it)
                interrupted = true;
            }
            System.err.println("valuechain: stopping the Spark Connect server");
            ConnectServer.stop();
            if (interrupted) {
                Thread.currentThread().interrupt(); // restored only now: stopping waits for running requests
            }
            return ExitCodes.OK;
        } finally {
            ReadOnlyPlans.stopGuardingNewSessions();
            FollowNewRuns.stop();
            restore("INT", previousInt);
            restore("TERM", previousTerm);
        }
    }

    /**
     * Installs the handler and returns the previous one, or null when the JVM may not handle the signal: a
     * process started with it ignored (SIGINT of a background job in a script, nohup) keeps ignoring it, and
     * the other signal still stops the server.
     */
    private static SignalHandler handle(String signal, SignalHandler handler) {
        try {
            return Signal.handle(new Signal(signal), handler);
        } catch (IllegalArgumentException ignoredByTheProcess) {
            return null;
        }
    }

    private static void restore(String signal, SignalHandler previous) {
        if (previous != null) {
            Signal.handle(new Signal(signal), previous);
        }
    }
}
