package io.logjms.examples.jakartaee;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last orders the listener received, newest first (kept in memory, for the servlet to show). */
@Singleton
public class ReceivedOrders {
    private static final int KEPT = 100;
    private final Deque<String> orders = new ArrayDeque<>();

    @Lock(LockType.WRITE)
    public void add(String order) {
        orders.addFirst(order);
        if (orders.size() > KEPT) {
            orders.removeLast();
        }
    }

    @Lock(LockType.READ)
    public List<String> latest() {
        return new ArrayList<>(orders);
    }
}
