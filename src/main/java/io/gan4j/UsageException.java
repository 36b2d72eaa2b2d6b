package io.gan4j;

/** A mistake in how gan4j was called (a bad option value, a missing argument): the CLI exits 2, not 1. */
public class UsageException extends Gan4jException {

    public UsageException(String message) {
        super(message);
    }
}
