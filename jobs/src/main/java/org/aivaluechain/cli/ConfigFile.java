package org.aivaluechain.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.aivaluechain.io.InputFileException;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a properties file, so a warehouse path or an output format need not be typed every
 * time. Precedence: a command-line flag, then the file, then the built-in default. The file is the one given
 * with --config, else $VALUECHAIN_CONF, else ./valuechain.properties when it exists.
 *
 * <p>Keys are option names without dashes ({@code warehouse=/data/warehouse}); a key prefixed with a command
 * name applies to that command only and wins over the plain key ({@code sql.format=csv}). An unknown key is
 * an error rather than silently ignored, so a typo does not go unnoticed.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    static final String OPTION = "--config";
    static final String ENVIRONMENT_VARIABLE = "VALUECHAIN_CONF";
    static final String DEFAULT_FILE = "valuechain.properties";

    /** Options that make no sense as defaults: they act, or they choose the file itself. */
    private static final Set<String> NOT_CONFIGURABLE = Set.of("help", "version", "config");

    private final Path file;
    private final Properties values;
    /** each option -> the name of the command it belongs to (mixins give every command its own option) */
    private final Map<OptionSpec, String> commandOf = new IdentityHashMap<>();

    private ConfigFile(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /**
     * The file that applies to this command line: the --config argument, else the environment variable, else
     * the default file in the working directory if present. A file named explicitly must exist.
     */
    static Optional<Path> locate(String[] args, Map<String, String> environment, Path workingDirectory) {
        Optional<String> flag = flagValue(args);
        if (flag.isPresent()) {
            return Optional.of(requireFile(Path.of(flag.get()), OPTION));
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(requireFile(Path.of(fromEnvironment), "$" + ENVIRONMENT_VARIABLE));
        }
        Path byDefault = workingDirectory.resolve(DEFAULT_FILE);
        return Files.isRegularFile(byDefault) ? Optional.of(byDefault) : Optional.empty();
    }

    /** The value of --config FILE or --config=FILE; picocli parses the option too, this only reads it first. */
    static Optional<String> flagValue(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            }
            if (args[i].startsWith(OPTION + "=")) {
                return Optional.of(args[i].substring(OPTION.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** Reads the file and checks every key against the options of the command tree. */
    static ConfigFile load(Path file, CommandLine root) {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException e) {
            throw new InputFileException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        ConfigFile config = new ConfigFile(file, values);
        config.index(root);
        config.rejectUnknownKeys();
        return config;
    }

    private void index(CommandLine command) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            commandOf.put(option, command.getCommandName());
        }
        command.getSubcommands().values().forEach(this::index);
    }

    private void rejectUnknownKeys() {
        Set<String> known = new TreeSet<>();
        commandOf.forEach((option, command) -> {
            String key = key(option);
            if (!NOT_CONFIGURABLE.contains(key)) {
                known.add(key);
                known.add(command + "." + key);
            }
        });
        for (String key : values.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new InputFileException("config file " + file + ": unknown key '" + key + "' (known: "
                        + String.join(", ", known.stream().filter(k -> !k.contains(".")).toList())
                        + "; prefix a key with a command name, e.g. sql.format, to apply it to that command only)");
            }
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || NOT_CONFIGURABLE.contains(key(option))) {
            return null;
        }
        String command = commandOf.get(option);
        String forCommand = command == null ? null : values.getProperty(command + "." + key(option));
        return forCommand != null ? forCommand.strip() : strippedOrNull(values.getProperty(key(option)));
    }

    private static String strippedOrNull(String value) {
        return value == null ? null : value.strip();
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static Path requireFile(Path file, String from) {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException("config file not found: " + file + " (from " + from + ")");
        }
        return file;
    }
}
