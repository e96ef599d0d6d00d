package io.logjms.broker.metrics;

import io.logjms.broker.log.LatencyRecorder;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The broker's meters, in a Prometheus registry (names in docs/OPERATIONS.md; Micrometer's naming turns
 * {@code logjms.messages.in} into {@code logjms_messages_in_total}).
 *
 * <p>Counting is cheap on the hot paths: a destination's counters are looked up once and held in a
 * {@link DestinationMeters}, and timers take a nanosecond figure. Gauges (lag, queue depth, log end
 * offsets, connections) are computed only when scraped, from the {@link BrokerView} given to
 * {@link #watch}. Thread-safe.
 */
public final class BrokerMetrics implements AutoCloseable {
    /** Prefix of the ids of non-durable subscriptions, which are unique per consumer and so are forgotten. */
    private static final String NON_DURABLE_PREFIX = "consumer/";

    /** Histogram buckets of the latency timers: 14 fixed bounds rather than Micrometer's ~70 generated ones. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Map<DestinationId, DestinationMeters> destinations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> subscriptionDeliveries = new ConcurrentHashMap<>();
    private final Counter redeliveries;
    private final Counter deadLettered;
    private final Timer produceLatency;
    private final Timer fsyncLatency;
    private final MultiGauge subscriptionLag;
    private final MultiGauge queueDepth;
    private final MultiGauge logEndOffset;
    private volatile BrokerView view;

    public BrokerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        redeliveries = Counter.builder("logjms.redeliveries")
                .description("Records delivered again after a rollback, recover or lost consumer").register(registry);
        deadLettered = Counter.builder("logjms.dead.lettered")
                .description("Records moved to the dead-letter queue").register(registry);
        produceLatency = latency("logjms.produce.latency", "From a produce request's arrival to its answer");
        fsyncLatency = latency("logjms.fsync.latency", "Forced writes of appended log data that producers wait for");
        subscriptionLag = MultiGauge.builder("logjms.subscription.lag")
                .description("Records of the destination the subscription has not acknowledged").register(registry);
        queueDepth = MultiGauge.builder("logjms.queue.depth")
                .description("Messages of the queue not acknowledged yet").register(registry);
        logEndOffset = MultiGauge.builder("logjms.partition.log.end.offset")
                .description("Offset the next record appended to the partition gets").register(registry);
        Gauge.builder("logjms.connections", this, BrokerMetrics::connections)
                .description("Open client connections").register(registry);
    }

    private Timer latency(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** {@code queue} or {@code topic}. */
    public static String typeLabel(DestinationId id) {
        return id.type() == DestinationType.QUEUE ? "queue" : "topic";
    }

    /** Where gauges read the broker's state at scrape time. */
    public void watch(BrokerView source) {
        this.view = source;
    }

    /** The counters of a destination; hold the result rather than calling this per message. */
    public DestinationMeters destination(DestinationId id) {
        DestinationMeters m = destinations.get(id);
        return m != null ? m : destinations.computeIfAbsent(id, this::newDestinationMeters);
    }

    private DestinationMeters newDestinationMeters(DestinationId id) {
        Tags tags = Tags.of("destination", id.name(), "type", typeLabel(id));
        return new DestinationMeters(
                Counter.builder("logjms.messages.in").description("Records appended").tags(tags).register(registry),
                Counter.builder("logjms.bytes.in").description("Bytes of record batches appended").tags(tags)
                        .register(registry),
                Counter.builder("logjms.messages.out").description("Records delivered to consumers").tags(tags)
                        .register(registry));
    }

    /** Drops a deleted destination's counters (temporary queues come and go: their series must not pile up). */
    public void forget(DestinationId id) {
        if (destinations.remove(id) != null) {
            Tags tags = Tags.of("destination", id.name(), "type", typeLabel(id));
            for (String name : List.of("logjms.messages.in", "logjms.bytes.in", "logjms.messages.out")) {
                registry.find(name).tags(tags).meters().forEach(registry::remove);
            }
        }
    }

    /** The meters of a new consumer of {@code destination}; {@link #bind} it once its subscription is known. */
    public ConsumerMeters consumer(DestinationId destination) {
        return new ConsumerMeters(destination(destination), redeliveries);
    }

    /** Counts the consumer's deliveries as its subscription's from now on (and those it made before). */
    public void bind(ConsumerMeters consumer, String subscriptionId) {
        consumer.bind(subscriptionDeliveries.computeIfAbsent(subscriptionId, id -> new LongAdder()));
    }

    /** Records delivered to consumers of this subscription since the broker started. */
    public long deliveries(String subscriptionId) {
        LongAdder a = subscriptionDeliveries.get(subscriptionId);
        return a == null ? 0 : a.sum();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    /**
     * Counts an XA request the broker carried out: {@code request} is {@code start}, {@code end},
     * {@code prepare}, {@code commit}, {@code commit_one_phase}, {@code rollback}, {@code recover} or
     * {@code forget}.
     */
    public void xaRequest(String request) {
        Counter.builder("logjms.xa.requests").description("XA requests carried out, by request")
                .tag("request", request).register(registry).increment();
    }

    /** XA requests of the kind {@code request} carried out since the broker started. */
    public double xaRequests(String request) {
        Counter counter = registry.find("logjms.xa.requests").tag("request", request).counter();
        return counter == null ? 0 : counter.count();
    }

    public LatencyRecorder produceLatency() {
        return nanos -> produceLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public LatencyRecorder fsyncLatency() {
        return nanos -> fsyncLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Sum of {@code logjms_messages_in_total} over every destination. */
    public double messagesIn() {
        return registry.find("logjms.messages.in").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Sum of {@code logjms_messages_out_total} over every destination. */
    public double messagesOut() {
        return registry.find("logjms.messages.out").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Sum of {@code logjms_bytes_in_total} over every destination. */
    public double bytesIn() {
        return registry.find("logjms.bytes.in").counters().stream().mapToDouble(Counter::count).sum();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter, gauges computed now. */
    public String scrape() {
        BrokerView source = view;
        return scrape(source == null ? BrokerView.Snapshot.EMPTY : source.snapshot());
    }

    /** The exposition with the gauges set from {@code snapshot}. */
    synchronized String scrape(BrokerView.Snapshot snapshot) {
        refreshGauges(snapshot);
        return registry.scrape();
    }

    private void refreshGauges(BrokerView.Snapshot snapshot) {
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        for (SubscriptionStatus s : snapshot.subscriptions()) {
            lags.add(MultiGauge.Row.of(Tags.of("subscription", s.id()), s.lag()));
        }
        List<MultiGauge.Row<?>> depths = new ArrayList<>();
        List<MultiGauge.Row<?>> ends = new ArrayList<>();
        for (DestinationStatus d : snapshot.destinations()) {
            if (d.isQueue()) {
                depths.add(MultiGauge.Row.of(Tags.of("queue", d.id().name()), d.depth()));
            }
            for (PartitionStatus p : d.partitions()) {
                ends.add(MultiGauge.Row.of(Tags.of("destination", d.id().name(), "type", d.typeLabel(),
                        "partition", Integer.toString(p.partition())), p.logEndOffset()));
            }
        }
        subscriptionLag.register(lags, true);
        queueDepth.register(depths, true);
        logEndOffset.register(ends, true);
        forgetEndedNonDurableSubscriptions(snapshot);
    }

    private void forgetEndedNonDurableSubscriptions(BrokerView.Snapshot snapshot) {
        Set<String> live = snapshot.subscriptions().stream().map(SubscriptionStatus::id).collect(Collectors.toSet());
        subscriptionDeliveries.keySet().removeIf(id -> id.startsWith(NON_DURABLE_PREFIX) && !live.contains(id));
    }

    private double connections() {
        BrokerView source = view;
        return source == null ? 0 : source.connections();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
