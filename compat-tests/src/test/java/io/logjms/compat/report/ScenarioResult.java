package io.logjms.compat.report;

/**
 * The result of one scenario against one provider.
 *
 * @param suite {@code Jakarta Messaging scenarios} or {@code JORAM conformance tests}
 * @param chapter the test class, which stands for a chapter of the specification
 * @param scenario the test method
 * @param provider the provider's name
 * @param outcome how it ended
 * @param detail the failure message or skip reason, empty when passed
 */
record ScenarioResult(String suite, String chapter, String scenario, String provider, Outcome outcome,
        String detail) {
}
