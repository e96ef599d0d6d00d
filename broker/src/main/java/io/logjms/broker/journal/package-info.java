/**
 * The broker's one on-disk entry format for its own state files: checksummed entries with torn-tail
 * detection, and whole files replaced atomically. Used by the transaction log, producer-state snapshots
 * and the producer id block file; the cursor and metadata journals are to move onto it.
 */
package io.logjms.broker.journal;
