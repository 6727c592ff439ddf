package org.aivaluechain.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

import org.aivaluechain.cli.ValueChainCli;

/** Runs the CLI in this JVM as a user would, capturing its exit code, stdout and stderr. */
public final class CliRun {

    public record Captured(int exit, String out, String err) {
    }

    private CliRun() {
    }

    public static Captured cli(String... args) {
        return capture(() -> ValueChainCli.execute(args));
    }

    public static synchronized Captured capture(IntSupplier command) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = command.getAsInt();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Captured(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
