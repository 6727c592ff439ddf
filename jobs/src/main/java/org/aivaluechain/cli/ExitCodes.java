package org.aivaluechain.cli;

/** Exit codes scripts can rely on (also listed in --help). */
public final class ExitCodes {
    public static final int OK = 0;
    /** --strict and a reconciliation check failed, or a SQL statement failed */
    public static final int CHECKS_FAILED = 1;
    /** bad command line (picocli's usage error code) */
    public static final int USAGE = 2;
    /** an input file is missing or unreadable, or the warehouse cannot be used */
    public static final int INPUT_ERROR = 3;
    /** anything else: a bug or an environment problem; the stack trace goes to stderr */
    public static final int INTERNAL_ERROR = 4;

    private ExitCodes() {
    }
}
