package io.gan4j;

/**
 * A failure the user can act on: bad input file, unknown model, missing checkpoint, invalid option.
 * The message is one line that names the file or option and the problem; the CLI prints it and
 * exits non-zero.
 */
public class Gan4jException extends RuntimeException {

    public Gan4jException(String message) {
        super(message);
    }

    public Gan4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
