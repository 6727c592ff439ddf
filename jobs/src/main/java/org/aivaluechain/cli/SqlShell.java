package org.aivaluechain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The interactive SQL shell (JLine): line editing, multi-line statements recalled as one history entry, and
 * history kept in a file across sessions. On a terminal it edits in place; from a pipe it reads line by line
 * through a dumb terminal, with the same statement handling and history. Prompts go to stderr, results to
 * stdout.
 *
 * <p>Kept apart from {@link SqlCommand} so -e and -f never load JLine (a cluster's classpath may lack it).
 */
final class SqlShell {

    private static final String PROMPT = "valuechain> ";
    private static final String CONTINUATION_PROMPT = "        ...> ";
    private static final int HISTORY_ENTRIES = 10_000;

    private final StatementRunner runner;
    private final Path historyFile;

    SqlShell(StatementRunner runner, Path historyFile) {
        this.runner = runner;
        this.historyFile = historyFile;
    }

    /** Runs statements until quit, exit or end of input; exit code 1 when any statement failed. */
    int run(InputStream in, OutputStream prompts) throws IOException {
        boolean onTerminal = System.console() != null;
        try (Terminal terminal = onTerminal ? systemTerminal() : pipe(in, prompts)) {
            LineReaderBuilder builder = LineReaderBuilder.builder();
            if (writable(historyFile)) {
                builder.variable(LineReader.HISTORY_FILE, historyFile);
            }
            LineReader reader = builder
                    .terminal(terminal)
                    .appName("valuechain")
                    .parser(new StatementParser())
                    .variable(LineReader.HISTORY_SIZE, HISTORY_ENTRIES)
                    .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_ENTRIES)
                    // no prompts from a pipe, as in other SQL shells: stderr then carries only errors
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, onTerminal ? CONTINUATION_PROMPT : "")
                    // '!' belongs to SQL (a != b), not to bash-style history expansion
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.HISTORY_TIMESTAMPED, false)
                    .build();
            if (onTerminal) {
                System.err.println("valuechain SQL shell: tables in bronze, silver, gold (SHOW TABLES IN gold;). "
                        + "End statements with ';', quit with 'quit;' or Ctrl-D.");
            }
            // Ctrl-C while a statement runs cancels its Spark jobs rather than ending the shell
            terminal.handle(Terminal.Signal.INT, signal -> runner.spark().sparkContext().cancelAllJobs());
            boolean anyFailed = false;
            while (true) {
                String input;
                boolean endOfInput = false;
                try {
                    input = reader.readLine(onTerminal ? PROMPT : "");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt drops what was typed, as in other shells
                } catch (EndOfFileException e) {
                    // a last statement without ';' still runs, and is remembered like the others
                    input = e.getPartialLine();
                    endOfInput = true;
                    if (input != null && !input.isBlank()) {
                        reader.getHistory().add(input);
                    }
                }
                if (input != null && !input.isBlank()) {
                    for (String statement : SqlStatements.split(input)) {
                        if (isQuit(statement)) {
                            return exitCode(anyFailed);
                        }
                        anyFailed |= !runner.runOne(statement);
                    }
                }
                if (endOfInput) {
                    if (onTerminal) {
                        terminal.writer().println();
                        terminal.flush();
                    }
                    return exitCode(anyFailed);
                }
            }
        }
    }

    /** Creates the history file if needed; when it cannot be written, says so once and keeps history in memory. */
    private static boolean writable(Path historyFile) {
        try {
            Path parent = historyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(historyFile)) {
                Files.createFile(historyFile);
            }
            if (Files.isWritable(historyFile)) {
                return true;
            }
            System.err.println("valuechain: history file " + historyFile + " is not writable: history is not kept");
        } catch (IOException e) {
            System.err.println("valuechain: cannot create history file " + historyFile + " (" + e
                    + "): history is not kept");
        }
        return false;
    }

    private static int exitCode(boolean anyFailed) {
        return anyFailed ? ExitCodes.CHECKS_FAILED : ExitCodes.OK;
    }

    /** stdin and stdout are a terminal: full line editing, prompts and echo on stderr */
    private static Terminal systemTerminal() throws IOException {
        return TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                .dumb(true).build();
    }

    /** a pipe or a file: a dumb terminal just reads lines from the stream (no pseudo-terminal in between) */
    private static Terminal pipe(InputStream in, OutputStream out) throws IOException {
        return new DumbTerminal("valuechain", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
    }

    static boolean isQuit(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (word.endsWith(";")) {
            word = word.substring(0, word.length() - 1).strip();
        }
        return word.equals("quit") || word.equals("exit");
    }

    /**
     * Accepts the input only once it ends a statement (';' outside quotes) or is quit/exit; until then Enter
     * continues on the next line, so a multi-line statement is edited and recalled as one entry.
     */
    static final class StatementParser extends DefaultParser {
        StatementParser() {
            // SQL strings keep their backslashes: they are not shell escapes
            escapeChars(new char[0]);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !isQuit(line)
                    && !SqlStatements.complete(line)) {
                throw new EOFError(-1, cursor, "statement not ended with ';'");
            }
            return super.parse(line, cursor, context);
        }
    }
}
