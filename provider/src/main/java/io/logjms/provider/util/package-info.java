/** Threads shared by all logjms connections of a JVM, and the serial executor sessions use them through. */
package io.logjms.provider.util;
