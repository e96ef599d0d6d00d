package io.logjms.broker.log;

/** A {@link LogConfig} value outside its allowed range; the message names the setting and the value. */
public class InvalidLogConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidLogConfigException(String message) {
        super(message);
    }
}
