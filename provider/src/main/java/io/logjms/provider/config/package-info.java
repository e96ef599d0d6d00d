/**
 * Connection configuration: the logjms URL ({@link io.logjms.provider.config.ConnectionUrl}), its
 * options ({@link io.logjms.provider.config.ConnectionOption}) and the parsed, immutable result
 * ({@link io.logjms.provider.config.ConnectionOptions}).
 */
package io.logjms.provider.config;
