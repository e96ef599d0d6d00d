package io.logjms.benchmarks.sidebyside;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A broker in memory for the workload tests: topics are lists, a durable subscription is a position in
 * one, created at the topic's end; sends complete at once. Thread-safe (one monitor).
 */
class InMemoryClient implements MessagingClient {
    private final boolean topicHistory;
    private final boolean queues;
    private final Map<String, List<byte[]>> topics = new HashMap<>();
    private final Map<String, Integer> subscriptions = new HashMap<>();
    final List<String> removedSubscriptions = new ArrayList<>();

    /**
     * @param topicHistory whether a new subscriber can start at a topic's beginning
     * @param queues whether the client has queues to browse
     */
    InMemoryClient(boolean topicHistory, boolean queues) {
        this.topicHistory = topicHistory;
        this.queues = queues;
    }

    synchronized int size(String topic) {
        return log(topic).size();
    }

    private synchronized List<byte[]> log(String name) {
        return topics.computeIfAbsent(name, n -> new ArrayList<>());
    }

    @Override
    public synchronized void createTopic(String topic) {
        log(topic);
    }

    @Override
    public synchronized void createSubscription(String topic, String subscription) {
        subscriptions.putIfAbsent(subscription, log(topic).size());
    }

    @Override
    public synchronized void removeSubscription(String topic, String subscription) {
        subscriptions.remove(subscription);
        removedSubscriptions.add(subscription);
    }

    @Override
    public Publisher openPublisher(String topic, boolean asyncCapable) {
        return new Publisher() {
            @Override
            public void send(byte[] payload) {
                append(topic, payload);
            }

            @Override
            public void sendAsync(byte[] payload, SendCallback callback) {
                append(topic, payload);
                callback.completed(null);
            }

            @Override
            public void close() {
            }
        };
    }

    private void append(String topic, byte[] payload) {
        synchronized (this) {
            log(topic).add(payload.clone());
            notifyAll();
        }
    }

    @Override
    public synchronized Subscriber openSubscriber(String topic, String subscription, AckMode ackMode) {
        return new Cursor(topic, subscriptions.getOrDefault(subscription, 0), subscription, false);
    }

    @Override
    public synchronized Subscriber openFromEarliest(String topic, String subscription)
            throws UnsupportedWorkloadException {
        if (!topicHistory) {
            throw new UnsupportedWorkloadException("no topic history here");
        }
        return new Cursor(topic, 0, subscription, false);
    }

    @Override
    public boolean hasQueues() {
        return queues;
    }

    @Override
    public Publisher openQueuePublisher(String queue) {
        return openPublisher("queue:" + queue, true);
    }

    @Override
    public Subscriber openQueueBrowser(String queue) {
        return new Cursor("queue:" + queue, 0, null, true);
    }

    @Override
    public void close() {
    }

    /** Reads a topic from a position; a browser ends at the end instead of waiting. */
    private final class Cursor implements Subscriber {
        private final String topic;
        private final String subscription;
        private final boolean browser;
        private int position;
        private byte[] last;
        private boolean ended;

        Cursor(String topic, int position, String subscription, boolean browser) {
            this.topic = topic;
            this.position = position;
            this.subscription = subscription;
            this.browser = browser;
        }

        @Override
        public boolean receive(Duration timeout) throws InterruptedException {
            synchronized (InMemoryClient.this) {
                List<byte[]> log = log(topic);
                if (position >= log.size()) {
                    if (browser) {
                        ended = true;
                        return false;
                    }
                    InMemoryClient.this.wait(Math.max(1, timeout.toMillis()));
                    if (position >= log.size()) {
                        return false;
                    }
                }
                last = log.get(position++);
                if (subscription != null && subscriptions.containsKey(subscription)) {
                    subscriptions.put(subscription, position);
                }
                return true;
            }
        }

        @Override
        public long stampOfLast() {
            return ByteBuffer.wrap(last).getLong(0);
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
        }
    }
}
