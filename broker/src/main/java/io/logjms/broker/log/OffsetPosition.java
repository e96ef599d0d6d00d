package io.logjms.broker.log;

/** An offset index entry or lookup result: the batch starting at {@code offset} is at {@code position}. */
record OffsetPosition(long offset, int position) {
}
