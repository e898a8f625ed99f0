package io.faultwatch.model;

import java.util.Locale;

/**
 * Where an alert rule's notifications go.
 *
 * @param target the incoming-webhook URL (slack), the URL (webhook) or the recipient address (email)
 */
public record AlertChannel(Type type, String target) {

    public enum Type {
        SLACK, WEBHOOK, EMAIL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Null when the name is unknown. */
        public static Type fromWireName(String name) {
            for (Type type : values()) {
                if (type.wireName().equals(name)) {
                    return type;
                }
            }
            return null;
        }
    }
}
