/** The receive side of a consumer, below the JMS objects: its buffer of pushed records and its credit. */
package io.logjms.provider.delivery;
