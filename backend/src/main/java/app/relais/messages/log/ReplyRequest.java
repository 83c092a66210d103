package app.relais.messages.log;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A free-form answer to a contact, possible only inside the 24 h window the contact's last message opened. */
public record ReplyRequest(@Schema(example = "Bonjour Awa, votre commande part demain.", maxLength = 1600) String body) {
}
