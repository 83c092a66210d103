package app.relais.whatsapp;

import java.time.OffsetDateTime;

/** A message as the provider reports it (fetch or search), used to reconcile our rows. */
public record ProviderMessage(String sid, String to, String from, String body, String status,
        Integer errorCode, String errorMessage, OffsetDateTime dateCreated, String statusCallbackUrl) {
}
