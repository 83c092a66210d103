package app.relais.whatsapp;

/** Which WhatsApp provider the app talks to. */
public enum ProviderMode {
    /** No Twilio credentials, not production: the built-in Twilio-compatible simulator. */
    SIMULATOR("simulator"),
    /** Twilio credentials with the sandbox sender. */
    TWILIO_SANDBOX("twilio_sandbox"),
    /** Twilio credentials with a production WhatsApp sender or a Messaging Service. */
    TWILIO_PRODUCTION("twilio_production");

    private final String value;

    ProviderMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
