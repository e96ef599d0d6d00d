package io.logjms.provider.message;

import jakarta.jms.TextMessage;

/** A text message of "another provider". */
final class ForeignTextMessage extends ForeignMessage implements TextMessage {
    private String text;

    ForeignTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String text) {
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }
}
