package io.logjms.compat.report;

/** How one run of one scenario against one provider ended. */
enum Outcome {
    PASSED, FAILED, SKIPPED
}
