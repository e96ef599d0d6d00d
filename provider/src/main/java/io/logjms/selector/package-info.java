/**
 * The JMS message selector engine (Jakarta Messaging 3.1, section 3.8.1): a parser that turns a
 * selector string into an immutable expression tree, and an evaluator that applies it to any
 * {@link io.logjms.selector.MessageView}. The client uses it to reject bad selectors when a consumer
 * is created; the broker uses it to filter records before they cross the wire.
 */
package io.logjms.selector;
