/**
 * The broker's one on-disk entry format for its own state files: checksummed entries with torn-tail
 * detection, and whole files replaced atomically. Used by the transaction log, producer-state snapshots,
 * the producer id block file, the leader-epoch checkpoint, the metadata journal and the cursor journal.
 */
package io.logjms.broker.journal;
