package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.BrowseResponse.BrowsedRecord;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at a queue's pending messages without consuming them. Each {@link #getEnumeration()} starts a
 * new pass from the oldest pending message and reads pages with BROWSE requests as it goes, each page
 * continuing where the previous one ended. An {@code Enumeration} cannot throw a JMSException, so a
 * failure while fetching a page is thrown as the unchecked counterpart.
 */
public class LogJmsQueueBrowser implements QueueBrowser {
    private static final Logger LOG = LoggerFactory.getLogger(LogJmsQueueBrowser.class);
    private static final int MAX_PAGE = 500;

    private final LogJmsSession session;
    private final Queue queue;
    private final DestinationId destinationId;
    private final String selector;
    private volatile boolean closed;

    LogJmsQueueBrowser(LogJmsSession session, Queue queue, DestinationId destinationId, String selector) {
        this.session = session;
        this.queue = queue;
        this.destinationId = destinationId;
        this.selector = selector;
    }

    @Override
    public Queue getQueue() throws JMSException {
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        return selector;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        session.connection().checkUsable();
        return new Pages();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        session.checkOpen();
    }

    /** One pass over the queue, a page at a time. */
    private final class Pages implements Enumeration<Message> {
        private final ArrayDeque<BrowsedRecord> page = new ArrayDeque<>();
        private Map<Integer, Long> positions = Map.of();
        private boolean done;
        private Message next;

        @Override
        public boolean hasMoreElements() {
            while (next == null) {
                if (page.isEmpty()) {
                    if (done || closed || session.isClosed()) {
                        return false;
                    }
                    fetch();
                    continue;
                }
                next = toMessage(page.poll());
            }
            return true;
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("no more messages in " + queue);
            }
            Message message = next;
            next = null;
            return message;
        }

        private void fetch() {
            int pageSize = Math.min(MAX_PAGE, session.connection().options().prefetch());
            session.connection().flushAutomaticAcknowledgements();
            BrowseResponse response = ExceptionTranslator.unchecked(() -> ExceptionTranslator.await(
                    session.connection().broker().browse(new BrowseRequest(destinationId, selector, pageSize,
                            positions)), "browse " + queue));
            page.addAll(response.records());
            boolean stalled = response.records().isEmpty() && response.positions().equals(positions);
            positions = response.positions();
            done = response.done() || stalled;
        }

        private Message toMessage(BrowsedRecord browsed) {
            try {
                return IncomingMessages.toMessage(browsed.partition(), browsed.record(),
                        session.connection().options().objectMessageAllowList());
            } catch (JMSException e) {
                LOG.warn("skipping an undecodable message of {} while browsing (partition {}, offset {}): {}", queue,
                        browsed.partition(), browsed.record().offset(), e.getMessage());
                return null;
            }
        }
    }
}
