/** Acknowledgement bookkeeping of a session: what was consumed and not yet acknowledged, and batched auto-acks. */
package io.logjms.provider.ack;
