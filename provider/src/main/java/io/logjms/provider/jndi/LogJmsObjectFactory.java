package io.logjms.provider.jndi;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsXAConnectionFactory;
import io.logjms.provider.config.ConnectionOption;
import io.logjms.provider.config.ConnectionOptions;
import java.util.Enumeration;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * Rebuilds a {@link LogJmsConnectionFactory} (or a {@link LogJmsXAConnectionFactory}, by the reference's
 * class name) from the {@link Reference} it gave JNDI: the URL from the
 * {@value LogJmsConnectionFactory#BROKER_URL_ADDRESS} address and each option override from the address
 * named after it. Returns null for references of other classes, as JNDI expects.
 */
public class LogJmsObjectFactory implements ObjectFactory {

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) {
        if (!(obj instanceof Reference reference)) {
            return null;
        }
        boolean xa = LogJmsXAConnectionFactory.class.getName().equals(reference.getClassName());
        if (!xa && !LogJmsConnectionFactory.class.getName().equals(reference.getClassName())) {
            return null;
        }
        RefAddr address = reference.get(LogJmsConnectionFactory.BROKER_URL_ADDRESS);
        String url = address != null && address.getContent() != null ? (String) address.getContent()
                : ConnectionOptions.DEFAULT_URL;
        LogJmsConnectionFactory factory = xa ? new LogJmsXAConnectionFactory(url) : new LogJmsConnectionFactory(url);
        Enumeration<RefAddr> addresses = reference.getAll();
        while (addresses.hasMoreElements()) {
            RefAddr option = addresses.nextElement();
            ConnectionOption.byKey(option.getType()).ifPresent(key ->
                    factory.setOption(key, (String) option.getContent()));
        }
        return factory;
    }
}
