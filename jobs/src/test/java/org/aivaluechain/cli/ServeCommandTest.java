package org.aivaluechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.aivaluechain.testing.CliRun;
import org.aivaluechain.testing.CliRun.Captured;
import org.aivaluechain.testing.SampleWarehouse;
import org.aivaluechain.testing.SharedSpark;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparkproject.connect.grpc.ManagedChannel;
import org.sparkproject.connect.grpc.StatusRuntimeException;
import org.sparkproject.connect.grpc.netty.NettyChannelBuilder;

/**
 * `serve` as a user runs it, in this JVM on the shared session, with the test acting as a Spark Connect client:
 * the protocol messages and gRPC stubs that ship in the server jar (the JVM client does not resolve here).
 */
@ExtendWith(SharedSpark.class)
class ServeCommandTest {

    @Test
    void aConnectClientQueriesTheWarehouseTablesByNameAndAnInterruptStopsTheServerWithExitCode0()
            throws Exception {
        String warehouse = SampleWarehouse.path().toString();
        int port = freePort();
        AtomicReference<Captured> result = new AtomicReference<>();
        Thread server = serve(warehouse, port, result);

        ManagedChannel channel = NettyChannelBuilder.forAddress(ConnectServer.HOST, port).usePlaintext().build();
        try {
            String session = UUID.randomUUID().toString();
            // NVIDIA 10-Q for the quarter ended 2024-10-27: revenue $35,082 million; 10-K FY2026: Q4 68,127
            assertEquals(List.of(List.of("NVDA", "2024-10-27", "35082.0000"), List.of("NVDA", "2026-01-25", "68127.0000")),
                    query(channel, session, "SELECT ticker, CAST(period_end AS STRING) AS period_end, revenue "
                            + "FROM silver.quarterly_financials WHERE ticker = 'NVDA' "
                            + "AND period_end IN (DATE'2024-10-27', DATE'2026-01-25') ORDER BY period_end"));
            StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                    () -> query(channel, session, "SELECT * FROM gold.no_such_table"));
            assertTrue(missing.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), missing.getMessage());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            server.interrupt();
            server.join();
        }
        Captured c = result.get();
        assertEquals(ExitCodes.OK, c.exit(), c.err());
        assertTrue(c.out().contains("at sc://localhost:" + port + ": connect with "
                + "SparkSession.builder.remote(\"sc://localhost:" + port + "\")"), c.out());
        assertEquals(1, c.out().lines().count(), c.out());
    }

    @Test
    void aClientsWriteIsRefusedUnlessAllowedAndTheTableStaysAsItWas(@TempDir Path dir) throws Exception {
        Path warehouse = ReadOnlySqlTest.copyOfSampleTables(dir.resolve("warehouse"));
        Captured served = servedWhile(warehouse, (channel, session) -> {
            String count = "SELECT CAST(count(*) AS STRING) FROM gold.claim_checks";
            List<List<String>> rows = query(channel, session, count);
            for (String write : List.of("DROP TABLE gold.claim_checks", "DELETE FROM gold.claim_checks",
                    "VACUUM gold.claim_checks RETAIN 0 HOURS")) {
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                        () -> query(channel, session, write));
                assertTrue(refused.getMessage().contains("read-only: the statement "), refused.getMessage());
                assertTrue(refused.getMessage().contains("run with --allow-writes to allow writes"),
                        refused.getMessage());
            }
            assertEquals(rows, query(channel, session, count));
        });
        assertEquals(ExitCodes.OK, served.exit(), served.err());
        assertTrue(served.out().contains("; read-only; Ctrl-C stops."), served.out());
    }

    @Test
    void aRunThatCompletesWhileServingIsServedFromTheNextRequestAndADeadOneNever(@TempDir Path dir)
            throws Exception {
        Path warehouse = ReadOnlySqlTest.copyOfSampleTables(dir.resolve("warehouse"));
        String location = warehouse.toAbsolutePath() + "/gold/claim_checks";
        long rows = SharedSpark.spark().read().format("delta").load(location).count();
        long latest = io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), location).history(1).head()
                .getLong(0);
        // version 0 of gold.claim_checks is the empty table created from its DDL
        ReadOnlySqlTest.appendRun(warehouse, "r1", "complete", "2026-01-01T00:00:00Z", Map.of("gold.claim_checks", 0L));
        Captured served = servedWhile(warehouse, (channel, session) -> {
            String count = "SELECT CAST(count(*) AS STRING) FROM gold.claim_checks";
            assertEquals(List.of(List.of("0")), query(channel, session, count));
            ReadOnlySqlTest.appendRun(warehouse, "r2", "started", "2026-02-01T00:00:00Z", null);
            Thread.sleep(1_100); // the server looks at bronze.runs at most once a second
            assertEquals(List.of(List.of("0")), query(channel, session, count), "r2 has not completed");
            ReadOnlySqlTest.appendRun(warehouse, "r2", "complete", "2026-02-01T00:10:00Z",
                    Map.of("gold.claim_checks", latest));
            Thread.sleep(1_100);
            assertEquals(List.of(List.of(Long.toString(rows))), query(channel, session, count));
            // a client that connects later sees the same run
            assertEquals(List.of(List.of(Long.toString(rows))), query(channel, UUID.randomUUID().toString(), count));
        });
        assertEquals(ExitCodes.OK, served.exit(), served.err());
        assertTrue(served.err().contains("valuechain: a new run completed; serving its tables from now on\n"),
                served.err());
    }

    @Test
    void aPortOutOfRangeIsOneLineAndExitCode2() {
        for (String port : List.of("-1", "65536")) {
            Captured c = CliRun.cli("serve", "--warehouse", "target/no-such-warehouse", "--port", port);
            assertEquals(ExitCodes.USAGE, c.exit(), c.err());
            assertEquals("valuechain: --port must be 0 (any free port) to 65535, not " + port + "\n", c.err());
        }
    }

    @Test
    void aTakenPortIsOneLineAndExitCode3() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName(ConnectServer.HOST), 0));
            Captured c = CliRun.cli("serve", "--warehouse", SampleWarehouse.path().toString(),
                    "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
            assertEquals("valuechain: port " + taken.getLocalPort() + " on localhost is in use (another "
                    + "'valuechain serve'?): choose another with --port\n", SqlShellTest.ownLines(c.err()));
            assertEquals("", c.out());
        }
    }

    @Test
    void aMissingWarehouseIsOneLineAndExitCode3() {
        for (String command : List.of("serve", "sql")) {
            Captured c = CliRun.cli(command, "--warehouse", "target/no-such-warehouse");
            assertEquals(ExitCodes.INPUT_ERROR, c.exit(), c.err());
            assertTrue(SqlShellTest.ownLines(c.err()).matches("valuechain: no tables under file:/.*/target/no-such-warehouse: "
                    + "run 'bin/valuechain run' first or point --warehouse at an existing warehouse\n"), c.err());
        }
    }

    /** What a test does as a client of a running serve. */
    private interface Client {
        void run(ManagedChannel channel, String session) throws Exception;
    }

    /**
     * Serves a copied warehouse while the client runs, then stops the server and points the catalog back at the
     * sample warehouse; returns serve's exit code and output.
     */
    private static Captured servedWhile(Path warehouse, Client client) throws Exception {
        int port = freePort();
        AtomicReference<Captured> result = new AtomicReference<>();
        Thread server = serve(warehouse.toString(), port, result);
        ManagedChannel channel = NettyChannelBuilder.forAddress(ConnectServer.HOST, port).usePlaintext().build();
        try {
            client.run(channel, UUID.randomUUID().toString());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            server.interrupt();
            server.join();
            SampleWarehouse.register();
        }
        return result.get();
    }

    /** Sends one SQL relation and returns its rows, every value as text. */
    private static List<List<String>> query(ManagedChannel channel, String session, String sql) throws IOException {
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                .setSessionId(session)
                .setUserContext(UserContext.newBuilder().setUserId("valuechain-test"))
                .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SQL.newBuilder().setQuery(sql))))
                .build();
        List<List<String>> rows = new ArrayList<>();
        Iterator<ExecutePlanResponse> responses = SparkConnectServiceGrpc.newBlockingStub(channel).executePlan(request);
        while (responses.hasNext()) {
            ExecutePlanResponse response = responses.next();
            if (response.hasArrowBatch()) {
                rows.addAll(arrowRows(response.getArrowBatch().getData().toByteArray()));
            }
        }
        return rows;
    }

    private static List<List<String>> arrowRows(byte[] arrowStream) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(arrowStream), allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                for (int i = 0; i < batch.getRowCount(); i++) {
                    List<String> row = new ArrayList<>();
                    for (FieldVector column : batch.getFieldVectors()) {
                        row.add(column.isNull(i) ? null : column.getObject(i).toString());
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(ConnectServer.HOST))) {
            return probe.getLocalPort();
        }
    }

    /** Starts `serve` on the warehouse in a thread of this JVM, its result set when it ends; returns once it listens. */
    private static Thread serve(String warehouse, int port, AtomicReference<Captured> result)
            throws InterruptedException {
        Thread server = new Thread(() -> result.set(CliRun.cli("serve", "--warehouse", warehouse,
                "--port", Integer.toString(port))), "valuechain-serve");
        server.start();
        awaitListening(port, server, result);
        return server;
    }

    /** Waits until the server accepts connections; fails at once if the command ended instead. */
    private static void awaitListening(int port, Thread server, AtomicReference<Captured> result)
            throws InterruptedException {
        while (server.isAlive()) {
            try (Socket s = new Socket(ConnectServer.HOST, port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        server.join();
        throw new AssertionError("serve ended before listening on port " + port + ": " + result.get());
    }
}
