package io.logjms.provider.jndi;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.config.ConnectionOption;
import java.util.Enumeration;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * Rebuilds a {@link LogJmsConnectionFactory} from the {@link Reference} it gave JNDI: the URL from the
 * {@value LogJmsConnectionFactory#BROKER_URL_ADDRESS} address and each option override from the address
 * named after it. Returns null for references of other classes, as JNDI expects.
 */
public class LogJmsObjectFactory implements ObjectFactory {

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) {
        if (!(obj instanceof Reference reference)
                || !LogJmsConnectionFactory.class.getName().equals(reference.getClassName())) {
            return null;
        }
        RefAddr url = reference.get(LogJmsConnectionFactory.BROKER_URL_ADDRESS);
        LogJmsConnectionFactory factory = url != null && url.getContent() != null
                ? new LogJmsConnectionFactory((String) url.getContent()) : new LogJmsConnectionFactory();
        Enumeration<RefAddr> addresses = reference.getAll();
        while (addresses.hasMoreElements()) {
            RefAddr address = addresses.nextElement();
            ConnectionOption.byKey(address.getType()).ifPresent(option ->
                    factory.setOption(option, (String) address.getContent()));
        }
        return factory;
    }
}
