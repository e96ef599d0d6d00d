package io.logjms.compat;

/**
 * A known place where a provider departs from Jakarta Messaging 3.1. A scenario touching such a place asks
 * {@link JmsProviderUnderTest#deviatesFrom(SpecDeviation)} and, for a deviating provider, either skips with the
 * {@link #description()} or asserts the provider's actual behaviour; every other provider must show the
 * behaviour the specification requires.
 */
public enum SpecDeviation {
    ;

    private final String description;

    SpecDeviation(String description) {
        this.description = description;
    }

    /** What the provider does instead of what the specification requires. */
    public String description() {
        return description;
    }
}
