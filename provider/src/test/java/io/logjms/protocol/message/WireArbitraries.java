package io.logjms.protocol.message;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** Random headers, properties and body values for the codec properties. */
final class WireArbitraries {
    private WireArbitraries() {
    }

    /**
     * Strings without unpaired surrogates (which UTF-8 cannot carry), including supplementary
     * characters as proper pairs.
     */
    static Arbitrary<String> strings() {
        Arbitrary<String> bmp = Arbitraries.strings()
                .withCharRange('\u0000', '\uD7FF')
                .withCharRange('\uE000', '\uFFFF')
                .ofMaxLength(24);
        Arbitrary<String> supplementary = Arbitraries.of("\uD83D\uDE00", "a\uD834\uDD1Eb", "\u00e9t\u00e9 \u4e2d\u6587");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, bmp),
                net.jqwik.api.Tuple.of(1, supplementary),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(200).ofMaxLength(400)));
    }

    static Arbitrary<String> nonEmptyStrings() {
        return strings().filter(s -> !s.isEmpty());
    }

    static Arbitrary<Object> propertyValues() {
        return Arbitraries.oneOf(
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE),
                Arbitraries.bytes().map(b -> (Object) b),
                Arbitraries.shorts().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.floats().map(f -> (Object) f),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Float.NaN, Double.NEGATIVE_INFINITY, -0.0d, Float.MIN_VALUE, Long.MIN_VALUE,
                        Integer.MIN_VALUE),
                strings().map(s -> (Object) s),
                Arbitraries.just(null));
    }

    static Arbitrary<Object> bodyValues() {
        return Arbitraries.oneOf(
                propertyValues(),
                Arbitraries.chars().map(c -> (Object) c),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> (Object) b));
    }

    static Arbitrary<DestinationRef> destinations() {
        return Combinators.combine(Arbitraries.of(DestinationKind.class), nonEmptyStrings())
                .as(DestinationRef::new);
    }

    static Arbitrary<MessageHeaders> headers() {
        Arbitrary<Long> times = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs(),
                Arbitraries.longs().between(1_600_000_000_000L, 1_900_000_000_000L));
        return Builders.withBuilder(MessageHeaders::new)
                .use(strings().injectNull(0.3)).in((h, v) -> {
                    h.setMessageId(v);
                    return h;
                })
                .use(times).in((h, v) -> {
                    h.setTimestamp(v);
                    return h;
                })
                .use(strings().injectNull(0.5)).in((h, v) -> {
                    h.setCorrelationId(v);
                    return h;
                })
                .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).withProbability(0.2).in((h, v) -> {
                    h.setCorrelationIdBytes(v);
                    return h;
                })
                .use(strings().injectNull(0.5)).in((h, v) -> {
                    h.setType(v);
                    return h;
                })
                .use(Arbitraries.of(MessageHeaders.PERSISTENT, MessageHeaders.NON_PERSISTENT)).in((h, v) -> {
                    h.setDeliveryMode(v);
                    return h;
                })
                .use(Arbitraries.integers().between(0, 9)).in((h, v) -> {
                    h.setPriority(v);
                    return h;
                })
                .use(times).in((h, v) -> {
                    h.setExpiration(v);
                    return h;
                })
                .use(times).in((h, v) -> {
                    h.setDeliveryTime(v);
                    return h;
                })
                .use(destinations().injectNull(0.2)).in((h, v) -> {
                    h.setDestination(v);
                    return h;
                })
                .use(destinations().injectNull(0.6)).in((h, v) -> {
                    h.setReplyTo(v);
                    return h;
                })
                .use(Arbitraries.of(BodyType.class)).in((h, v) -> {
                    h.setBodyType(v);
                    return h;
                })
                .use(Arbitraries.of(true, false)).in((h, v) -> {
                    h.setRedelivered(v);
                    return h;
                })
                .use(Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, Integer.MAX_VALUE)))
                .in((h, v) -> {
                    h.setDeliveryCount(v);
                    return h;
                })
                .use(Arbitraries.maps(strings(), propertyValues()).ofMaxSize(12)).in((h, properties) -> {
                    properties.forEach(h::setProperty);
                    return h;
                })
                .build();
    }
}
