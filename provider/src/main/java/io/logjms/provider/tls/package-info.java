/**
 * The client side of TLS: the {@code tls}, {@code trustStore}, {@code keyStore} and {@code verifyHost} options
 * of a logjms URL ({@link io.logjms.provider.tls.TlsOptions}), the TLS handler they make
 * ({@link io.logjms.provider.tls.ClientTls}) and the messages that say why a TLS connection failed.
 */
package io.logjms.provider.tls;
