package app.relais.whatsapp.simulator;

import java.util.Locale;

/** How a simulated phone answers, modelled on what Twilio reports for real recipients. */
public enum Behaviour {
    /** Joined to the sandbox, on WhatsApp: sent → delivered → read. */
    OK(null, null),
    /** Has not sent "join <code>": Twilio accepts the create, then the message fails with 63007. */
    NOT_JOINED(63007, "Twilio could not find a Channel with the specified From address"),
    /** Not a WhatsApp user: the message fails with 63024. */
    NOT_ON_WHATSAPP(63024, "Invalid message recipient"),
    /** Phone off or out of coverage: sent, then undelivered with 30003. */
    UNREACHABLE(30003, "Unreachable destination handset");

    private final Integer errorCode;
    private final String errorMessage;

    Behaviour(Integer errorCode, String errorMessage) {
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    public Integer errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Behaviour fromValue(String value) {
        for (Behaviour b : values()) {
            if (b.value().equalsIgnoreCase(value)) {
                return b;
            }
        }
        return null;
    }
}
