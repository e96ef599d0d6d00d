package io.logjms.provider.jndi;

import java.util.Collections;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;

/**
 * A flat, read-only JNDI context over a fixed map of names to objects, as the JMS client of
 * {@link LogJmsInitialContextFactory} needs: {@code lookup} by the whole name, {@code list} and
 * {@code listBindings} of everything. Names are not split into sub-contexts ({@code jms/orders} is one
 * name). Binding, renaming and sub-context changes are refused with
 * {@link OperationNotSupportedException}. Thread-safe (immutable).
 */
final class ReadOnlyContext implements Context {
    private static final NameParser PARSER = CompositeName::new;

    private final Map<String, Object> bindings;
    private final Hashtable<Object, Object> environment;
    private final Function<String, Object> dynamic;

    /**
     * @param dynamic makes objects for names not bound (such as {@code dynamicQueues/x}), or returns null
     */
    ReadOnlyContext(Map<String, Object> bindings, Hashtable<?, ?> environment, Function<String, Object> dynamic) {
        this.bindings = Collections.unmodifiableMap(new TreeMap<>(bindings));
        this.environment = new Hashtable<>(environment);
        this.dynamic = dynamic;
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(name.toString());
    }

    @Override
    public Object lookup(String name) throws NamingException {
        if (name == null || name.isEmpty()) {
            return this;
        }
        Object bound = bindings.get(name);
        if (bound == null) {
            try {
                bound = dynamic.apply(name);
            } catch (IllegalArgumentException e) {
                throw invalidName("'" + name + "': " + e.getMessage());
            }
        }
        if (bound == null) {
            NameNotFoundException notFound = new NameNotFoundException("'" + name + "' is not bound in this logjms"
                    + " context; bound names: " + bindings.keySet());
            notFound.setRemainingName(new CompositeName().add(name));
            throw notFound;
        }
        return bound;
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(name.toString());
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        checkRoot(name);
        return new Listing<>(bindings.entrySet().iterator(),
                e -> new NameClassPair(e.getKey(), e.getValue().getClass().getName()));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(name.toString());
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        checkRoot(name);
        return new Listing<>(bindings.entrySet().iterator(), e -> new Binding(e.getKey(), e.getValue()));
    }

    private void checkRoot(String name) throws NamingException {
        if (name != null && !name.isEmpty()) {
            throw new NameNotFoundException("this logjms context has no sub-context '" + name + "'");
        }
    }

    @Override
    public NameParser getNameParser(Name name) {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(String name) {
        return PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        Name result = (Name) prefix.clone();
        result.addAll(name);
        return result;
    }

    @Override
    public String composeName(String name, String prefix) throws NamingException {
        return composeName(new CompositeName(name), new CompositeName(prefix)).toString();
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    @Override
    public void close() {
        // nothing is held: the bound objects belong to whoever looked them up
    }

    // ---- changes are refused: the context is built from its properties once ----

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    @Override
    public Object addToEnvironment(String propName, Object propVal) throws NamingException {
        throw readOnly("addToEnvironment");
    }

    @Override
    public Object removeFromEnvironment(String propName) throws NamingException {
        throw readOnly("removeFromEnvironment");
    }

    private static OperationNotSupportedException readOnly(String operation) {
        return new OperationNotSupportedException(operation + ": the logjms JNDI context is read-only; configure it"
                + " with connectionFactory.*, queue.* and topic.* properties");
    }

    /** A NamingEnumeration over a snapshot iterator. */
    private static final class Listing<T> implements NamingEnumeration<T> {
        private final Iterator<Map.Entry<String, Object>> entries;
        private final Function<Map.Entry<String, Object>, T> mapper;

        Listing(Iterator<Map.Entry<String, Object>> entries, Function<Map.Entry<String, Object>, T> mapper) {
            this.entries = entries;
            this.mapper = mapper;
        }

        @Override
        public T next() {
            return nextElement();
        }

        @Override
        public boolean hasMore() {
            return entries.hasNext();
        }

        @Override
        public void close() {
            // a snapshot holds nothing to release
        }

        @Override
        public boolean hasMoreElements() {
            return entries.hasNext();
        }

        @Override
        public T nextElement() {
            if (!entries.hasNext()) {
                throw new NoSuchElementException();
            }
            return mapper.apply(entries.next());
        }
    }

    static InvalidNameException invalidName(String message) {
        return new InvalidNameException(message);
    }
}
