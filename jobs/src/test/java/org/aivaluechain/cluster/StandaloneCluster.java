package org.aivaluechain.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 (one master, one worker, each a child JVM) built from the jars
 * of the test classpath, as a Spark distribution would lay them out: SPARK_HOME/jars holds (symlinks to) the
 * Spark runtime and SPARK_HOME/conf a log4j2.properties. The application's own libraries are kept out of it,
 * as a cluster would not have them: Delta goes with spark-submit's --jars and picocli and commons-csv inside
 * the application jar, as `mvn -Pcluster package` bundles them. Closing it ends every process it started.
 */
final class StandaloneCluster implements AutoCloseable {

    /** Passed to spark-submit with --jars: a cluster does not have Delta unless the job brings it. */
    private static final Pattern DELTA = Pattern.compile("delta-(spark|storage).*\\.jar");
    /** Bundled into the application jar (the cluster profile's shade plugin includes exactly these). */
    private static final Pattern BUNDLED = Pattern.compile("(picocli|commons-csv)-.*\\.jar");
    /** Test-only jars: neither on a cluster nor in the application. */
    private static final Pattern TEST_ONLY = Pattern.compile(
            "(junit-|opentest4j|apiguardian|surefire|common-java5|common-junit).*\\.jar");

    private final Path dir;
    private final Path sparkHome;
    private final List<String> jvmFlags;
    private final List<Path> deltaJars = new ArrayList<>();
    private final List<Path> bundledJars = new ArrayList<>();
    private final List<Process> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final int masterPort;
    private final int masterWebPort;
    /** Ends the children if the test JVM exits without closing (killed by a timeout, Ctrl-C). */
    private final Thread killOnExit = new Thread(this::destroyAll, "standalone-cluster-cleanup");

    StandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        this.sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        this.jvmFlags = jvmFlags();
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("conf"));
        try (InputStream log4j = StandaloneCluster.class.getResourceAsStream("cluster-log4j2.properties")) {
            Files.copy(log4j, sparkHome.resolve("conf/log4j2.properties"));
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (!Files.isRegularFile(p) || !name.endsWith(".jar") || TEST_ONLY.matcher(name).matches()) {
                continue; // the project's class folders and the test framework
            }
            if (DELTA.matcher(name).matches()) {
                deltaJars.add(p);
            } else if (BUNDLED.matcher(name).matches()) {
                bundledJars.add(p);
            } else if (!Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), p.toAbsolutePath());
            }
        }
        if (deltaJars.size() != 2 || bundledJars.size() != 2) {
            throw new IllegalStateException("expected delta-spark, delta-storage, picocli and commons-csv on the "
                    + "test classpath, found " + deltaJars + " " + bundledJars);
        }
        masterPort = freePort();
        masterWebPort = freePort();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    List<Path> deltaJars() {
        return deltaJars;
    }

    /** Starts the master and one worker and waits until the worker has registered. */
    void start(String workerCores, String workerMemory, Duration timeout) throws IOException, InterruptedException {
        List<String> daemonJvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
        start("master", daemonJvm, List.of("org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
                "--webui-port", String.valueOf(masterWebPort)));
        Path workDir = Files.createDirectories(dir.resolve("worker"));
        start("worker", daemonJvm, List.of("org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--port", String.valueOf(freePort()),
                "--webui-port", String.valueOf(freePort()),
                "--cores", workerCores, "--memory", workerMemory, "--work-dir", workDir.toString(),
                masterUrl()));
        awaitAliveWorker(timeout);
    }

    /** Directory where the worker keeps one folder per application it ran executors for. */
    Path workerDir() {
        return dir.resolve("worker");
    }

    /**
     * The application jar: the project's compiled classes and resources (DDL files included) plus the bundled
     * libraries, with the CLI as main class.
     */
    Path applicationJar(Path classes) throws IOException {
        Path jar = dir.resolve("valuechain-app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.aivaluechain.cli.ValueChainCli");
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
                    written.add(name);
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            for (Path library : bundledJars) {
                copyEntries(library, out, written);
            }
        }
        return jar;
    }

    private static void copyEntries(Path library, JarOutputStream out, Set<String> written) throws IOException {
        try (JarFile in = new JarFile(library.toFile())) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                String name = e.getName();
                if (e.isDirectory() || name.equals("META-INF/MANIFEST.MF") || name.endsWith("module-info.class")
                        || !written.add(name)) {
                    continue; // as the shade plugin's filters: one manifest, no module descriptors, first wins
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    /**
     * Runs org.apache.spark.deploy.SparkSubmit in a child JVM with the distribution's classpath, as the
     * spark-submit script does, and returns its exit code (or fails after the timeout).
     */
    int submit(List<String> sparkSubmitArgs, Duration timeout) throws IOException, InterruptedException {
        List<String> main = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit"));
        main.addAll(sparkSubmitArgs);
        Process submit = start("spark-submit", List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"), main);
        if (!submit.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("spark-submit did not finish within " + timeout + "\n" + logs());
        }
        return submit.exitValue();
    }

    private Process start(String name, List<String> heap, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(heap);
        command.add("-cp");
        command.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + File.separator + "*");
        command.addAll(mainAndArgs);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("HADOOP_") || k.equals("YARN_CONF_DIR"));
        env.put("SPARK_HOME", sparkHome.toString());
        // the worker launches executors through Spark's launcher library, which needs these without a build tree
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        Process process = builder.start();
        started.add(process);
        logs.add(log);
        return process;
    }

    private void awaitAliveWorker(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest state = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        Pattern oneAlive = Pattern.compile("\"aliveworkers\"\\s*:\\s*1\\b");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : started) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process exited with " + p.exitValue() + "\n" + logs());
                }
            }
            try {
                last = http.send(state, HttpResponse.BodyHandlers.ofString()).body();
                if (oneAlive.matcher(last).find()) {
                    return;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no worker registered within " + timeout + " (master said: " + last + ")\n"
                + logs());
    }

    /** Every child's output and the executors' logs, for a failure message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        List<Path> all = new ArrayList<>(logs);
        try (Stream<Path> executorLogs = Files.walk(workerDir())) {
            all.addAll(executorLogs.filter(p -> p.getFileName().toString().matches("stdout|stderr")).sorted().toList());
        } catch (IOException | UncheckedIOException noWorkerDir) {
            // nothing more to show
        }
        for (Path log : all) {
            text.append("----- ").append(log).append(" -----\n");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size())));
            } catch (IOException e) {
                text.append("(unreadable: ").append(e.getMessage()).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The output of a child process started under this name (e.g. "spark-submit"). */
    String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    /**
     * Ends the processes in reverse order, each with its children first (the worker's executors), then removes
     * the jar links (they point into the Maven repository, which a temp-folder cleanup must not follow).
     */
    @Override
    public void close() throws InterruptedException, IOException {
        List<Process> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        for (Process p : reversed) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
        try (Stream<Path> links = Files.list(sparkHome.resolve("jars"))) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    private void destroyAll() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static List<String> jvmFlags() throws IOException {
        // the Java 17 module flags Spark needs, from the pom's spark.jvm.flags (filtered into the classes)
        try (InputStream in = StandaloneCluster.class.getResourceAsStream("/valuechain/jvm.flags")) {
            String flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return Arrays.asList(flags.split("\\s+"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
