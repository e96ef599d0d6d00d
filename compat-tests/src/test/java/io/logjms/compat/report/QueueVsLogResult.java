package io.logjms.compat.report;

/**
 * One queue-vs-log scenario run against one provider.
 *
 * @param scenario the scenario's display name, starting with its number
 * @param provider the provider's name
 * @param outcome how it ended
 * @param observation what the provider did, as the scenario published it; empty if it published nothing
 * @param detail the failure message or skip reason, empty when passed
 */
record QueueVsLogResult(String scenario, String provider, Outcome outcome, String observation, String detail) {
}
