package org.aivaluechain.cli;

/**
 * A command line that names something that does not exist, found only once the warehouse is open (an --as-of run
 * id): exit code 2 with one line, like picocli's own usage errors but without the whole usage text after it.
 */
final class UsageException extends RuntimeException {
    UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    UsageException(String message) {
        super(message);
    }
}
