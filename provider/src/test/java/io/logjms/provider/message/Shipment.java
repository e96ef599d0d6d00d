package io.logjms.provider.message;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** An application class for ObjectMessage tests. */
final class Shipment implements Serializable {
    private static final long serialVersionUID = 1L;

    final String id;
    final List<String> items = new ArrayList<>();

    Shipment(String id) {
        this.id = id;
    }
}
