package app.relais.whatsapp;

import app.relais.contacts.Contact;
import app.relais.messages.Message;
import app.relais.messages.MessageStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The settings page's services: the connection summary and the "send a test" button. */
@ApplicationScoped
public class WhatsAppService {

    private final WhatsAppGateway gateway;
    private final WhatsAppSetup setup;
    private final WebhookMonitor monitor;
    private final EntityManager em;

    public WhatsAppService(WhatsAppGateway gateway, WhatsAppSetup setup, WebhookMonitor monitor, EntityManager em) {
        this.gateway = gateway;
        this.setup = setup;
        this.monitor = monitor;
        this.em = em;
    }

    public WhatsAppSettingsResponse settings() {
        var last = monitor.last();
        var rejected = monitor.rejected();
        String code = setup.sandboxJoinCode();
        String number = setup.sandboxNumber();
        var sandbox = new WhatsAppSettingsResponse.Sandbox(number, code,
                "Chaque destinataire envoie « join " + code + " » au " + number
                        + " sur WhatsApp (une fois ; la session du Sandbox dure 24 h après son dernier message).",
                "Each recipient sends \"join " + code + "\" to " + number
                        + " on WhatsApp (once; the Sandbox session lasts 24 h after their last message).");
        return new WhatsAppSettingsResponse(setup.mode().value(), setup.senderDescription(), mask(setup.accountSid()),
                setup.webhookUrl(), setup.signatureCheck(), last.map(WebhookMonitor.LastWebhook::at).orElse(null),
                last.map(WebhookMonitor.LastWebhook::valid).orElse(null),
                last.map(WebhookMonitor.LastWebhook::kind).orElse(null), rejected.count(), rejected.lastAt(),
                rejected.lastReason(), sandbox);
    }

    /** Writes a {@code test} message row, sends it (outside any transaction), then records the outcome. */
    public TestMessageResponse sendTest(TestMessageRequest request) {
        UUID messageId = QuarkusTransaction.requiringNew().call(() -> createTestMessage(request));
        SendOutcome outcome = gateway.send(new OutboundMessage(messageId, request.to(), request.body(), null, null));
        QuarkusTransaction.requiringNew().run(() -> recordOutcome(messageId, outcome));
        if (outcome instanceof SendOutcome.Accepted a) {
            return new TestMessageResponse(messageId, "accepted", a.sid(), a.status(), null, null, null, null);
        }
        if (outcome instanceof SendOutcome.Permanent p) {
            return failure(messageId, "permanent", p.twilioCode(), p.httpStatus(), p.message());
        }
        if (outcome instanceof SendOutcome.Transient t) {
            return failure(messageId, "transient", t.twilioCode(), t.httpStatus(), t.message());
        }
        return new TestMessageResponse(messageId, "unknown", null, "sending", null, null,
                ((SendOutcome.Unknown) outcome).message(), null);
    }

    private static TestMessageResponse failure(UUID id, String outcome, Integer code, int httpStatus, String message) {
        return new TestMessageResponse(id, outcome, null, "failed", code, httpStatus, message,
                TwilioErrorCatalog.explain(code).map(ErrorCodeResponse::of).orElse(null));
    }

    private UUID createTestMessage(TestMessageRequest request) {
        Contact contact = Contact.findByPhone(request.to()).orElseGet(() -> {
            Contact c = new Contact();
            c.phoneE164 = request.to();
            c.notes = "Créé par un message de test WhatsApp";
            c.persist();
            return c;
        });
        Message m = new Message();
        m.contactId = contact.id;
        m.kind = Message.KIND_TEST;
        m.direction = Message.OUTBOUND;
        m.body = request.body();
        m.fromAddress = setup.senderDescription();
        m.toAddress = "whatsapp:" + request.to();
        m.status = MessageStatus.QUEUED.dbValue();
        m.persist();
        return m.id;
    }

    /** The callback may already have moved the row (simulator, fast Twilio): only fill what is missing. */
    private void recordOutcome(UUID messageId, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted a) {
            em.createNativeQuery("UPDATE messages SET twilio_sid = COALESCE(twilio_sid, ?1),"
                    + " attempts = attempts + 1, updated_at = now() WHERE id = ?2")
                    .setParameter(1, a.sid()).setParameter(2, messageId).executeUpdate();
        } else if (outcome instanceof SendOutcome.Permanent p) {
            fail(messageId, p.twilioCode(), p.message());
        } else if (outcome instanceof SendOutcome.Transient t) {
            fail(messageId, t.twilioCode(), t.message());
        } else {
            em.createNativeQuery("UPDATE messages SET status = 'sending', attempts = attempts + 1,"
                    + " error_message = ?1, updated_at = now() WHERE id = ?2 AND status = 'queued'")
                    .setParameter(1, ((SendOutcome.Unknown) outcome).message()).setParameter(2, messageId).executeUpdate();
        }
    }

    private void fail(UUID messageId, Integer code, String message) {
        em.createNativeQuery("UPDATE messages SET status = 'failed', error_code = ?1, error_message = ?2,"
                + " failed_at = ?3, attempts = attempts + 1, updated_at = now() WHERE id = ?4")
                .setParameter(1, code).setParameter(2, message).setParameter(3, OffsetDateTime.now())
                .setParameter(4, messageId).executeUpdate();
    }

    static String mask(String sid) {
        if (sid == null || sid.length() < 8) {
            return sid;
        }
        return sid.substring(0, 2) + "…" + sid.substring(sid.length() - 4);
    }
}
