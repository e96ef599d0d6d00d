package io.logjms.provider.message;

import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization of ObjectMessage bodies. Reading is guarded by an {@link
 * ObjectMessageAllowList} and resolves classes through the thread's context class loader first, as
 * application servers need.
 */
final class ObjectBodySerializer {
    private ObjectBodySerializer() {
    }

    static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw JmsExceptionSupport.withCause(new MessageFormatException(
                    "cannot serialize the ObjectMessage body of type " + object.getClass().getName() + ": " + e), e);
        }
        return bytes.toByteArray();
    }

    static Serializable deserialize(byte[] bytes, ObjectMessageAllowList allowList) throws MessageFormatException {
        RejectionRecordingFilter filter = new RejectionRecordingFilter(allowList.asFilter());
        try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return (Serializable) in.readObject();
        } catch (InvalidClassException e) {
            if (filter.rejectedClass != null) {
                throw JmsExceptionSupport.withCause(notAllowed(filter.rejectedClass, allowList), e);
            }
            throw failure(e);
        } catch (ClassNotFoundException e) {
            throw JmsExceptionSupport.withCause(new MessageFormatException(
                    "cannot deserialize the ObjectMessage body: class " + e.getMessage() + " is not on the classpath"),
                    e);
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    private static MessageFormatException notAllowed(String className, ObjectMessageAllowList allowList) {
        int lastDot = className.lastIndexOf('.');
        String packagePattern = lastDot < 0 ? className : className.substring(0, lastDot) + ".*";
        return new MessageFormatException("ObjectMessage body class " + className
                + " is not in the ObjectMessage allow-list [" + allowList + "]; to allow it, add '" + className
                + "' or '" + packagePattern + "' to the comma-separated system property "
                + ObjectMessageAllowList.SYSTEM_PROPERTY + " (or configure the allow-list on the connection"
                + " factory); '*' allows every class and should be used only with trusted senders");
    }

    private static MessageFormatException failure(Exception cause) {
        return JmsExceptionSupport.withCause(
                new MessageFormatException("cannot deserialize the ObjectMessage body: " + cause), cause);
    }

    /** Remembers the first class the filter rejects, which the JDK's exception does not name. */
    private static final class RejectionRecordingFilter implements ObjectInputFilter {
        private final ObjectInputFilter delegate;
        private String rejectedClass;

        RejectionRecordingFilter(ObjectInputFilter delegate) {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = delegate.checkInput(info);
            if (status == Status.REJECTED && rejectedClass == null && info.serialClass() != null) {
                rejectedClass = elementType(info.serialClass()).getName();
            }
            return status;
        }

        private static Class<?> elementType(Class<?> type) {
            Class<?> element = type;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            return element;
        }
    }

    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {
        ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // not visible to the context loader: fall back to the default resolution below
                }
            }
            return super.resolveClass(description);
        }
    }
}
