package io.logjms.compat.spec;

import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TextMessage} that belongs to no provider, for the rule (chapter 3.12) that a provider must accept and
 * send a message implementation it did not create. It keeps header fields and properties in maps and performs no
 * type conversion: a provider reading it may only rely on the {@code Message} interface.
 */
final class ForeignTextMessage implements InvocationHandler {

    private final Map<String, Object> headers = new HashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private String text;

    private ForeignTextMessage(String text) {
        this.text = text;
        headers.put("JMSDeliveryMode", jakarta.jms.DeliveryMode.PERSISTENT);
        headers.put("JMSPriority", jakarta.jms.Message.DEFAULT_PRIORITY);
    }

    /** A new foreign text message with the given body. */
    static TextMessage create(String text) {
        return (TextMessage) Proxy.newProxyInstance(ForeignTextMessage.class.getClassLoader(),
                new Class<?>[] {TextMessage.class}, new ForeignTextMessage(text));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        switch (name) {
            case "getText":
                return text;
            case "setText":
                text = (String) args[0];
                return null;
            case "clearBody":
                text = null;
                return null;
            case "clearProperties":
                properties.clear();
                return null;
            case "getPropertyNames":
                return Collections.enumeration(properties.keySet());
            case "propertyExists":
                return properties.containsKey((String) args[0]);
            case "getBody":
                return text;
            case "isBodyAssignableTo":
                return ((Class<?>) args[0]).isAssignableFrom(String.class);
            case "acknowledge":
                return null;
            case "toString":
                return "ForeignTextMessage[" + text + ", " + properties + "]";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return accessor(name, method.getReturnType(), args);
        }
    }

    /** Setters and getters of header fields (keyed by the name after set/get) and of typed properties. */
    private Object accessor(String name, Class<?> returnType, Object[] args) {
        boolean property = name.endsWith("Property");
        if (name.startsWith("set")) {
            String key = property ? (String) args[0] : name.substring(3);
            Object value = property ? args[1] : args[0];
            (property ? properties : headers).put(key, value);
            return null;
        }
        if (name.startsWith("get")) {
            Object value = property ? properties.get((String) args[0]) : headers.get(name.substring(3));
            return value != null || !returnType.isPrimitive() ? value : defaultOf(returnType);
        }
        throw new IllegalArgumentException("ForeignTextMessage does not implement " + name);
    }

    private static Object defaultOf(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == long.class) {
            return 0L;
        }
        if (primitive == int.class) {
            return 0;
        }
        throw new IllegalArgumentException("no default for " + primitive);
    }
}
