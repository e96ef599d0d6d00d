package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark: for each run, each system in turn (A, B, C, A, B, C …) gets a fresh broker in its
 * own JVM, a short untimed warm-up, then every selected single-broker workload; the broker is then stopped and
 * its data removed. For W6 the system then gets a fresh cluster of 3 brokers, the same warm-up and W6. A failing
 * workload or broker never stops the benchmark: its figures are recorded as missing with the reason (a system
 * without a cluster gets "needs cluster: ..." or "not measured: ...").
 */
final class BenchmarkRunner {
    private final BenchSettings settings;
    private final BrokerLauncher launcher;
    private final Progress progress;
    private final Payloads payloads;
    private final int warmupMessages;

    BenchmarkRunner(BenchSettings settings, BrokerLauncher launcher, Progress progress, int warmupMessages) {
        this.settings = settings;
        this.launcher = launcher;
        this.progress = progress;
        this.payloads = new Payloads(settings.payloadBytes());
        this.warmupMessages = warmupMessages;
    }

    List<Measurement> run() {
        List<Measurement> measurements = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            for (SystemKind system : settings.systems()) {
                measurements.addAll(runSystem(system, run));
                if (Thread.currentThread().isInterrupted()) {
                    return measurements;
                }
            }
        }
        return measurements;
    }

    private List<Measurement> runSystem(SystemKind system, int run) {
        List<Measurement> out = new ArrayList<>();
        List<Workload> single = settings.workloads().stream().filter(w -> w.brokers() == 1).toList();
        List<Workload> clustered = settings.workloads().stream().filter(w -> w.brokers() > 1).toList();
        if (!single.isEmpty()) {
            out.addAll(runOnOneBroker(system, run, single));
        }
        for (Workload workload : clustered) {
            if (!Thread.currentThread().isInterrupted()) {
                out.addAll(runOnCluster(system, run, workload));
            }
        }
        return out;
    }

    private List<Measurement> runOnOneBroker(SystemKind system, int run, List<Workload> workloads) {
        List<Measurement> out = new ArrayList<>();
        progress.say("== run " + run + "/" + settings.runs() + ": " + system.label() + " — starting its broker");
        String why = null;
        try (BrokerProcess broker = launcher.start(system, run);
                MessagingClient client = launcher.connect(system, broker.host(), broker.port())) {
            progress.say("   " + system.id() + " broker listening on " + broker.host() + ":" + broker.port());
            WorkloadContext ctx = new WorkloadContext(client, settings, system, run, payloads, progress);
            warmUp(ctx);
            for (Workload workload : workloads) {
                out.addAll(WorkloadRun.of(workload).run(ctx));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        } catch (Exception e) {
            why = "failed: " + WorkloadContext.describe(e);
            progress.say("   " + system.id() + " run " + run + " " + why);
        }
        return withMissing(out, system, run, workloads, why);
    }

    private List<Measurement> runOnCluster(SystemKind system, int run, Workload workload) {
        List<Measurement> out = new ArrayList<>();
        progress.say("== run " + run + "/" + settings.runs() + ": " + system.label() + " — starting a cluster of "
                + workload.brokers() + " brokers for " + workload);
        String why = null;
        try (BrokerCluster cluster = launcher.startCluster(system, run, workload.brokers());
                MessagingClient client = launcher.connect(system, cluster)) {
            progress.say("   " + system.id() + " cluster listening on " + cluster.bootstrap());
            WorkloadContext ctx = new WorkloadContext(client, settings, system, run, payloads, progress);
            warmUp(ctx);
            out.addAll(WorkloadRun.of(workload).run(ctx));
        } catch (UnsupportedWorkloadException e) {
            why = e.getMessage().startsWith("needs cluster") ? e.getMessage() : "not measured: " + e.getMessage();
            progress.say("   " + system.id() + " " + workload + " skipped: " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        } catch (Exception e) {
            why = "failed: " + WorkloadContext.describe(e);
            progress.say("   " + system.id() + " run " + run + " " + workload + " " + why);
        }
        return withMissing(out, system, run, List.of(workload), why);
    }

    /** {@code out}, plus a missing value saying {@code why} for each metric of {@code workloads} it lacks. */
    private List<Measurement> withMissing(List<Measurement> out, SystemKind system, int run, List<Workload> workloads,
            String why) {
        if (why != null) {
            Set<String> done = new HashSet<>();
            out.forEach(m -> done.add(m.metricId()));
            for (Metric metric : Metrics.forWorkloads(workloads, settings.rates())) {
                if (!done.contains(metric.id())) {
                    out.add(Measurement.missing(system, metric, run, why));
                }
            }
        }
        return out;
    }

    /** Publishes and drains a few messages untimed, so class loading and JIT warm-up fall outside the figures. */
    private void warmUp(WorkloadContext ctx) throws Exception {
        if (warmupMessages <= 0) {
            return;
        }
        String topic = "warmup";
        String subscription = "warmup-reader";
        ctx.client.createTopic(topic);
        ctx.client.createSubscription(topic, subscription);
        ctx.progress.begin(ctx.label("warm-up (untimed)"), warmupMessages);
        try (Publisher publisher = ctx.client.openPublisher(topic, true)) {
            ctx.publishAsync(publisher, warmupMessages, false);
        }
        try (Subscriber subscriber = ctx.client.openSubscriber(topic, subscription, MessagingClient.AckMode.AUTO)) {
            ctx.receive(subscriber, warmupMessages, (s, now) -> {
            });
        }
        ctx.client.removeSubscription(topic, subscription);
        ctx.progress.end("done");
    }
}
