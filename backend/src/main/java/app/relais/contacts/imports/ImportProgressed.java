package app.relais.contacts.imports;

import java.util.UUID;

/**
 * Fired (synchronously, outside any JTA transaction) after an import job's row changed: a part was
 * committed, the job started, completed or failed. The live-event stream turns it into
 * {@code import.progress}, coalesced to at most one event per job per second.
 */
public record ImportProgressed(UUID importId) {
}
