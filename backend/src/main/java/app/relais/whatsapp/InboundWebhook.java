package app.relais.whatsapp;

import java.util.List;
import java.util.Map;

/** A message a contact sent to our WhatsApp sender, as Twilio posts it. */
public record InboundWebhook(String sid, String fromE164, String to, String body, List<Map<String, String>> media,
        String profileName, String waId, String buttonText, String buttonPayload, String originalRepliedMessageSid) {
}
