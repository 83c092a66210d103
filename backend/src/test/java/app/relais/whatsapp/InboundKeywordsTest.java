package app.relais.whatsapp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboundKeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = { "STOP", "stop", " Stop ", "ARRET", "arret", "ARRÊT", "arrêt", "STOP ALL", "stop  all",
            "UNSUBSCRIBE", "Unsubscribe", "DESABONNER", "desabonner\n" })
    void shouldRecogniseOptOutWords(String body) {
        assertTrue(InboundKeywords.isOptOut(body));
    }

    @ParameterizedTest
    @ValueSource(strings = { "stop please", "STOPPED", "arrête de m'écrire", "", "non" })
    void shouldNotTakeOtherTextForOptOut(String body) {
        assertFalse(InboundKeywords.isOptOut(body));
    }

    @ParameterizedTest
    @ValueSource(strings = { "join bright-tiger", "JOIN bright-tiger", " join relais-demo ", "Join word" })
    void shouldRecogniseSandboxJoin(String body) {
        assertTrue(InboundKeywords.isSandboxJoin(body));
    }

    @ParameterizedTest
    @ValueSource(strings = { "join", "joined the club", "I want to join you all" })
    void shouldNotTakeOtherTextForJoin(String body) {
        assertFalse(InboundKeywords.isSandboxJoin(body));
    }
}
