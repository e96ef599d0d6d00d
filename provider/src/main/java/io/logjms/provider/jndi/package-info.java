/**
 * JNDI for logjms: an {@link javax.naming.spi.InitialContextFactory} configured by properties, and the
 * {@link javax.naming.spi.ObjectFactory} that rebuilds a connection factory from its reference.
 */
package io.logjms.provider.jndi;
