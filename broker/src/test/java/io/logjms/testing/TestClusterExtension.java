package io.logjms.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes every {@link TestCluster} made through it: those made during a test after that test, those made in
 * {@code @BeforeAll} after the class; prints each node's log tail when the test or class failed. Register it
 * with {@code @RegisterExtension static final TestClusterExtension clusters = new TestClusterExtension();}
 * and make clusters with {@link #start(TestCluster.Builder)}.
 */
public final class TestClusterExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final int TAIL_LINES = 60;
    private final List<TestCluster> classScoped = new ArrayList<>();
    private final List<TestCluster> testScoped = new ArrayList<>();
    private boolean inTest;

    /** Builds and starts a cluster that this extension will close. */
    public synchronized TestCluster start(TestCluster.Builder builder) throws IOException {
        TestCluster cluster = builder.start();
        (inTest ? testScoped : classScoped).add(cluster);
        return cluster;
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        inTest = true;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        inTest = false;
        if (context.getExecutionException().isPresent()) {
            printTails(context.getDisplayName(), testScoped);
            printTails(context.getDisplayName(), classScoped);
        }
        closeAll(testScoped);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            printTails(context.getDisplayName(), classScoped);
        }
        closeAll(classScoped);
    }

    private static void printTails(String what, List<TestCluster> clusters) {
        for (TestCluster c : clusters) {
            System.err.println("==== " + what + " failed; TestCluster of " + c.size() + " nodes:\n"
                    + c.describe(TAIL_LINES));
        }
    }

    private static void closeAll(List<TestCluster> clusters) {
        clusters.forEach(TestCluster::close);
        clusters.clear();
    }
}
