package org.aivaluechain.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.apache.spark.sql.connect.service.SparkConnectService$;

import scala.Option;

/**
 * Spark's own Spark Connect gRPC service, started inside this JVM on an existing session. Connect clients get
 * sessions of their own that share this session's catalog, so every table registered here is visible to them
 * by name. One service per JVM (Spark keeps it in a singleton).
 */
final class ConnectServer {

    /** Loopback only: the service has no authentication, and the warehouse is the user's. */
    static final String HOST = "127.0.0.1";
    private static final long STOP_GRACE_SECONDS = 10;

    private ConnectServer() {
    }

    /** Thrown when the port is taken, so the command can say so in one line. */
    static final class PortInUseException extends RuntimeException {
        PortInUseException(int port, Throwable cause) {
            super("port " + port + " on localhost is in use (another 'valuechain serve'?): choose another with "
                    + "--port", cause);
        }
    }

    /** Starts the service on the port (0: any free port) and returns the port it listens on. */
    static int start(SparkSession spark, int port) {
        if (port != 0) {
            requireFree(port);
        }
        // the service reads its binding from the running context's configuration when it starts
        SparkConf conf = SparkEnv.get().conf();
        conf.set("spark.connect.grpc.binding.address", HOST);
        conf.set("spark.connect.grpc.binding.port", Integer.toString(port));
        conf.set("spark.connect.grpc.interceptor.classes", FollowNewRuns.class.getName());
        SparkConnectService.start(spark.sparkContext());
        return SparkConnectService$.MODULE$.localPort();
    }

    /** Stops accepting requests, lets running ones finish for a few seconds, then closes client sessions. */
    static void stop() {
        SparkConnectService.stop(Option.apply(STOP_GRACE_SECONDS), Option.apply(TimeUnit.SECONDS));
    }

    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new PortInUseException(port, e);
        }
    }
}
