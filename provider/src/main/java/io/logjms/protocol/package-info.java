/**
 * The wire protocol and record format shared by the logjms client and broker: frames, request and
 * response types, error codes and the record batch layout that is both sent on the wire and stored
 * in the log.
 */
package io.logjms.protocol;
