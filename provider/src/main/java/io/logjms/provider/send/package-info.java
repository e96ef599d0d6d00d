/**
 * The send side of a session, below the JMS objects: partition choice, message ids, packing records
 * into batches, coalescing asynchronous sends, and calling completion listeners in send order.
 */
package io.logjms.provider.send;
