package app.relais.monitoring;

/**
 * The send queue's state. The default counts queued/sending rows in PostgreSQL (the truth, through a
 * partial index); the delivery engine may provide a bean reading its Redis Stream instead.
 */
public interface QueueSource {

    QueueSnapshot snapshot();
}
