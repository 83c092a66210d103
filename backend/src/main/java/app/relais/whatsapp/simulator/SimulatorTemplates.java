package app.relais.whatsapp.simulator;

import app.relais.whatsapp.ContentTemplate;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's Content templates: a few French templates like a real account holds, approved, pending,
 * rejected and never submitted, so the first run of the dashboard shows each case. SIDs are fixed
 * (derived from the name) so that a campaign made from one still finds it after a restart.
 */
public final class SimulatorTemplates {

    /** One template: its types as Twilio's JSON gives them, default variables, WhatsApp approval. */
    public record Template(String sid, String friendlyName, String language, Map<String, Object> types,
            Map<String, String> variables, String status, String category, String rejectionReason,
            OffsetDateTime dateCreated, OffsetDateTime dateUpdated) {

        /** The text the contact reads, for the simulator's received messages (as Relais reads it from Twilio). */
        public String text() {
            String text = ContentTemplate.bodyOf(types);
            return text == null ? "" : text;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    public static final Template WELCOME = new Template(sid("relais_bienvenue"), "relais_bienvenue", "fr",
            types(Map.of("twilio/text", Map.of("body", "Bonjour {{1}}, bienvenue chez {{2}} !"))),
            vars("1", "Awa", "2", "Relais"), "approved", "MARKETING", null,
            at("2026-09-14T08:30:00Z"), at("2026-09-15T10:02:00Z"));

    public static final Template PROMO = new Template(sid("relais_promo_soldes"), "relais_promo_soldes", "fr",
            types(Map.of(
                    "twilio/quick-reply", Map.of(
                            "body", "{{1}}, nos soldes commencent le {{2}} : jusqu'à -{{3}} % en magasin et en ligne. Ça vous intéresse ?",
                            "actions", List.of(Map.of("title", "Oui, je veux", "id", "soldes_oui"),
                                    Map.of("title", "Non merci", "id", "soldes_non"))),
                    "twilio/text", Map.of(
                            "body", "{{1}}, nos soldes commencent le {{2}} : jusqu'à -{{3}} % en magasin et en ligne. Répondez OUI pour en savoir plus."))),
            vars("1", "Awa", "2", "8 janvier", "3", "50"), "approved", "MARKETING", null,
            at("2026-10-02T14:11:00Z"), at("2026-10-03T09:45:00Z"));

    public static final Template ORDER_READY = new Template(sid("relais_commande_prete"), "relais_commande_prete", "fr",
            types(Map.of("twilio/text", Map.of(
                    "body", "Votre commande {{1}} est prête : retirez-la au magasin {{2}} avant le {{3}}. Pensez à votre pièce d'identité."))),
            vars("1", "CMD-2048", "2", "Lyon Part-Dieu", "3", "12 décembre"), "approved", "UTILITY", null,
            at("2026-10-20T07:00:00Z"), at("2026-10-21T16:20:00Z"));

    public static final Template APPOINTMENT = new Template(sid("relais_rappel_rdv"), "relais_rappel_rdv", "fr",
            types(Map.of("twilio/text", Map.of(
                    "body", "Bonjour {{1}}, nous vous rappelons votre rendez-vous du {{2}} à {{3}}. Répondez 1 pour confirmer ou 2 pour annuler."))),
            vars("1", "Awa", "2", "15 décembre", "3", "14 h 30"), "pending", "UTILITY", null,
            at("2026-11-28T11:00:00Z"), at("2026-11-28T11:05:00Z"));

    public static final Template FLASH = new Template(sid("relais_offre_flash"), "relais_offre_flash", "fr",
            types(Map.of("twilio/text", Map.of(
                    "body", "OFFRE FLASH !!! {{1}}, gagnez {{2}} € en cliquant vite sur ce lien : {{3}}"))),
            vars("1", "Awa", "2", "500", "3", "https://exemple.fr/flash"), "rejected", "MARKETING",
            "The message template was rejected because it violates WhatsApp Commerce Policy (misleading promotion).",
            at("2026-11-05T09:00:00Z"), at("2026-11-06T13:40:00Z"));

    public static final Template LOYALTY = new Template(sid("relais_carte_fidelite"), "relais_carte_fidelite", "fr",
            types(Map.of("twilio/card", Map.of(
                    "title", "{{1}}, votre carte fidélité",
                    "subtitle", "Vous avez {{2}} points : {{3}} € offerts dès 500 points.",
                    "actions", List.of(Map.of("type", "URL", "title", "Voir mes points", "url", "https://exemple.fr/fidelite"))))),
            vars("1", "Awa", "2", "320", "3", "10"), null, null, null,
            at("2026-11-30T15:00:00Z"), at("2026-11-30T15:00:00Z"));

    /** Newest first by last update, like the console. */
    public static final List<Template> ALL = List.of(LOYALTY, APPOINTMENT, FLASH, ORDER_READY, PROMO, WELCOME);

    private SimulatorTemplates() {
    }

    public static Optional<Template> find(String sid) {
        return ALL.stream().filter(t -> t.sid().equalsIgnoreCase(sid)).findFirst();
    }

    /** The template's text with {@code variables} put in (keys "1", "2"…); a missing one keeps its default. */
    public static String render(Template template, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(template.text());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = variables != null && variables.containsKey(key) ? variables.get(key) : template.variables().get(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String sid(String name) {
        return "HX" + UUID.nameUUIDFromBytes(("relais-simulator:" + name).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    /** Keeps the richer type first, as Twilio lists them. */
    private static Map<String, Object> types(Map<String, Object> types) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        types.entrySet().stream().sorted((a, b) -> "twilio/text".equals(a.getKey()) ? 1 : "twilio/text".equals(b.getKey()) ? -1 : 0)
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    private static Map<String, String> vars(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static OffsetDateTime at(String iso) {
        return OffsetDateTime.parse(iso);
    }
}
