package io.logjms.broker.log;

/**
 * What recovery found in one segment.
 *
 * @param baseOffset     the segment
 * @param validBatches   batches kept
 * @param validBytes     bytes kept (the new file size)
 * @param nextOffset     offset after the last batch kept
 * @param truncatedBytes bytes cut from the end of the file
 * @param problem        why the bytes were cut, or null if none were
 */
record RecoveryResult(long baseOffset, int validBatches, int validBytes, long nextOffset, long truncatedBytes,
                      String problem) {
}
