/**
 * The {@code bin/logjms} admin command line: picocli commands over
 * {@link io.logjms.provider.admin.LogJmsAdmin}, printing aligned tables or JSON.
 */
package io.logjms.broker.admin;
