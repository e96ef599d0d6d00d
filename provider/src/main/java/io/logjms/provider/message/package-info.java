/**
 * The JMS message classes of logjms ({@link io.logjms.provider.message.LogJmsMessage} and its typed
 * subclasses), which apply the Jakarta Messaging rules for headers, properties and bodies, and
 * {@link io.logjms.provider.message.MessageConverter}, which turns any JMS message into the wire form
 * of {@link io.logjms.protocol.message} and back.
 */
package io.logjms.provider.message;
