package io.logjms.selector;

import java.util.HashMap;
import java.util.Map;

/** A message view backed by a map; absent keys and null values both read as null. */
final class MapMessageView implements MessageView {

    private final Map<String, Object> values = new HashMap<>();

    /** @param namesAndValues alternating identifier names and values (values may be null) */
    static MapMessageView of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        MapMessageView view = new MapMessageView();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            view.values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return view;
    }

    @Override
    public Object selectorValue(String identifier) {
        return values.get(identifier);
    }
}
