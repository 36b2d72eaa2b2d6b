package io.gan4j;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of tests that make native arrays: a fresh manager for each test, closed after it. */
public abstract class NativeTest {

    protected NDManager manager;

    @BeforeEach
    protected final void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    protected final void closeManager() {
        manager.close();
    }
}
