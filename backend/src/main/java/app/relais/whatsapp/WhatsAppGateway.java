package app.relais.whatsapp;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The only way out to WhatsApp: Twilio's Messages API through the official SDK, pointed at Twilio,
 * the built-in simulator or a test server. Only the delivery engine (and the super admin's test
 * message) calls {@link #send}.
 */
public interface WhatsAppGateway {

    /** One create call, never retried by the SDK itself (a create is not idempotent). */
    SendOutcome send(OutboundMessage message);

    /**
     * The same create without holding the caller's thread while the provider answers; never completes
     * exceptionally (a failure is an outcome). By default the blocking {@link #send} on the caller's thread.
     */
    default java.util.concurrent.CompletableFuture<SendOutcome> sendAsync(OutboundMessage message) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(send(message));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(new SendOutcome.Unknown(e.toString()));
        }
    }

    /** GET …/Messages/{sid}.json — the provider's view of one message, empty when it does not exist. */
    Optional<ProviderMessage> fetch(String sid);

    /**
     * Every message of the account sent at or after {@code since}, as Twilio lists them (its Messages
     * list filtered by DateSent, newest first), fetched lazily {@code pageSize} at a time (Twilio allows up
     * to 1,000): the status repair reads a whole outage's statuses in a few calls.
     */
    java.util.stream.Stream<ProviderMessage> sentSince(OffsetDateTime since, int pageSize);

    /** Messages to {@code toE164} from our sender created at or after {@code since} (for reconciliation). */
    List<ProviderMessage> search(String toE164, OffsetDateTime since);
}
