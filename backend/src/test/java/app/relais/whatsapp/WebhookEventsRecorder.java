package app.relais.whatsapp;

import app.relais.messages.InboundMessageReceived;
import app.relais.messages.MessageStatusChanged;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test observer: the events the webhook fires, as the engine would receive them (a singleton: no proxy, fields readable). */
@Singleton
public class WebhookEventsRecorder {

    final List<MessageStatusChanged> statusChanges = new CopyOnWriteArrayList<>();
    final List<InboundMessageReceived> inbound = new CopyOnWriteArrayList<>();

    void onStatus(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageStatusChanged event) {
        statusChanges.add(event);
    }

    void onInbound(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboundMessageReceived event) {
        inbound.add(event);
    }
}
