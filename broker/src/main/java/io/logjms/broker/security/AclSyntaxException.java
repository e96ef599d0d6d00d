package io.logjms.broker.security;

import io.logjms.broker.config.ConfigException;

/** A line of an ACL or groups file that does not follow the syntax; the message names the file and line. */
public final class AclSyntaxException extends ConfigException {
    private static final long serialVersionUID = 1L;

    AclSyntaxException(String key, String source, int line, String problem) {
        super(key, source + " line " + line + ": " + problem + " (" + key + ")");
    }

    AclSyntaxException(String key, String message, Throwable cause) {
        super(key, message, cause);
    }
}
