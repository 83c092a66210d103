package app.relais.whatsapp;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * The one place that knows what a Twilio error means: whether a send may be retried, and what the
 * admin should read (French and English, with the fix). Definitions are Twilio's (twilio.com/docs/errors).
 */
public final class TwilioErrorCatalog {

    /** How a code behaves for the sender. */
    public enum Retry {
        /** Never retry: the message or the recipient must change. */
        NO,
        /** Retry later with back-off (rate limits, temporary unreachability). */
        LATER,
        /** Fix the configuration (credentials, sender), then resend. */
        CONFIG
    }

    /** One code, as the dashboard shows it. */
    public record ErrorExplanation(int code, Retry retry, String twilioDefinition, String titleFr, String fixFr,
            String titleEn, String fixEn) {
        public String moreInfo() {
            return "https://www.twilio.com/docs/errors/" + code;
        }
    }

    private static final Map<Integer, ErrorExplanation> CODES = new LinkedHashMap<>();

    static {
        add(63007, Retry.NO, "Twilio could not find a Channel with the specified From address",
                "Le destinataire n'a pas rejoint le Sandbox",
                "Il doit envoyer « join <code> » au +1 415 523 8886 sur WhatsApp, puis renvoyer le message.",
                "The recipient has not joined the Sandbox",
                "They must send \"join <code>\" to +1 415 523 8886 on WhatsApp, then resend.");
        add(21608, Retry.NO, "The 'To' phone number provided is not yet verified for this account",
                "Numéro non vérifié (compte d'essai / Sandbox)",
                "Le destinataire doit rejoindre le Sandbox, ou vérifiez le numéro dans la console Twilio.",
                "Number not verified (trial account / Sandbox)",
                "The recipient must join the Sandbox, or verify the number in the Twilio console.");
        add(63016, Retry.NO, "Failed to send freeform message because you are outside the allowed window",
                "Hors fenêtre de 24 h",
                "Le contact n'a pas écrit depuis plus de 24 h : utilisez un modèle approuvé (ContentSid).",
                "Outside the 24-hour window",
                "The contact has not written in the last 24 hours: send an approved template (ContentSid).");
        add(63018, Retry.LATER, "Rate limit exceeded for Channel",
                "Limite de débit atteinte",
                "Envoi ralenti automatiquement ; le Sandbox accepte environ 1 message toutes les 3 s.",
                "Rate limit reached",
                "Sending slows down automatically; the Sandbox accepts about 1 message every 3 s.");
        // Three codes the statistics used to explain on their own (stats/ErrorExplanations): the catalog is now the only source.
        add(21408, Retry.CONFIG, "Permission to send an SMS or WhatsApp message has not been enabled for the region",
                "Envoi non autorisé vers ce pays/région",
                "Activez ce pays dans les autorisations géographiques de la console Twilio.",
                "Sending to this country/region is not enabled",
                "Enable the country in the geographic permissions of the Twilio console.");
        add(21614, Retry.NO, "'To' number is not a valid mobile number",
                "Ce numéro n'est pas un mobile valide",
                "Corrigez le numéro du contact.",
                "This number is not a valid mobile number",
                "Correct the contact's number.");
        add(63003, Retry.NO, "Channel could not find To address",
                "Numéro WhatsApp du destinataire invalide",
                "Vérifiez le numéro du contact (format international).",
                "Invalid WhatsApp recipient number",
                "Check the contact's number (international format).");
        add(63017, Retry.LATER, "Rate limit exceeded for the account",
                "Limite de débit du compte atteinte",
                "Envoi ralenti automatiquement ; réduisez le débit de la campagne.",
                "Account rate limit reached",
                "Sending slows down automatically; lower the campaign's rate.");
        add(63024, Retry.NO, "Invalid message recipient",
                "Ce numéro n'utilise pas WhatsApp",
                "Vérifiez le numéro ou contactez la personne par un autre canal.",
                "This number does not use WhatsApp",
                "Check the number or reach the person another way.");
        add(63014, Retry.NO, "The message could not be delivered because the user blocked your business",
                "Le contact a bloqué votre numéro",
                "Retirez-le de vos campagnes.",
                "The contact blocked your number",
                "Remove them from your campaigns.");
        add(63021, Retry.NO, "Channel invalid content error",
                "Contenu invalide (longueur ou média)",
                "Modèle + paramètres ≤ 1 024 caractères ; vérifiez le média et les variables.",
                "Invalid content (length or media)",
                "Template + parameters ≤ 1,024 characters; check the media and variables.");
        add(63049, Retry.NO, "Meta chose not to deliver this WhatsApp marketing message",
                "Meta n'a pas délivré ce message marketing",
                "Meta limite les messages marketing par destinataire ; réessayez plus tard avec un autre contenu ou un modèle utilitaire.",
                "Meta did not deliver this marketing message",
                "Meta limits marketing messages per recipient; try later with other content or a utility template.");
        add(63032, Retry.NO, "We cannot send this message to this user because of a WhatsApp limitation",
                "Meta n'a pas délivré ce message marketing",
                "Limitation WhatsApp pour ce destinataire (messages marketing) ; ne renvoyez pas tout de suite.",
                "Meta did not deliver this marketing message",
                "WhatsApp limitation for this recipient (marketing messages); do not resend right away.");
        add(21211, Retry.NO, "Invalid 'To' Phone Number",
                "Numéro invalide",
                "Utilisez le format international, par exemple +33612345678.",
                "Invalid number",
                "Use the international format, e.g. +33612345678.");
        add(21610, Retry.NO, "Attempt to send to unsubscribed recipient",
                "Le contact s'est désinscrit",
                "Il a répondu STOP ; il ne recevra plus de messages tant qu'il ne se réabonne pas.",
                "The contact unsubscribed",
                "They replied STOP; they receive nothing until they opt in again.");
        add(21617, Retry.NO, "The concatenated message body exceeds the 1600 character limit",
                "Message trop long",
                "Le texte dépasse 1 600 caractères : raccourcissez-le.",
                "Message too long",
                "The text exceeds 1,600 characters: shorten it.");
        add(21656, Retry.NO, "The ContentVariables Parameter is invalid",
                "Variables du modèle invalides",
                "ContentVariables doit être un objet JSON aux clés \"1\", \"2\"… correspondant au modèle.",
                "Invalid template variables",
                "ContentVariables must be a JSON object keyed \"1\", \"2\"… matching the template.");
        add(20003, Retry.CONFIG, "Authentication Error - invalid username or password",
                "Identifiants Twilio incorrects",
                "Vérifiez TWILIO_ACCOUNT_SID et TWILIO_AUTH_TOKEN (console Twilio, page d'accueil du compte).",
                "Wrong Twilio credentials",
                "Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console, account home page).");
        add(20429, Retry.LATER, "Too Many Requests",
                "Trop de requêtes simultanées",
                "Twilio n'a pas traité la demande : renvoi automatique avec attente.",
                "Too many concurrent requests",
                "Twilio did not process the request: resent automatically after a pause.");
        add(20500, Retry.LATER, "Internal Server Error",
                "Erreur interne de Twilio",
                "Le message a peut-être été accepté : Relais vérifie auprès de Twilio avant tout renvoi.",
                "Twilio internal error",
                "The message may have been accepted: Relais checks with Twilio before any resend.");
        add(30001, Retry.LATER, "Queue overflow",
                "File d'attente Twilio saturée",
                "Trop de messages en attente chez Twilio (plus de 4 h) : réduisez le débit.",
                "Twilio queue overflow",
                "Too many messages queued at Twilio (over 4 h): lower the rate.");
        add(30003, Retry.LATER, "Unreachable destination handset",
                "Destination injoignable",
                "Téléphone éteint ou hors réseau : échec temporaire, « Réessayer les échecs » de la campagne le renverra.",
                "Destination unreachable",
                "Phone off or out of coverage: a temporary failure; the campaign's \"Retry failed\" sends it again.");
        add(30004, Retry.NO, "Message blocked",
                "Message bloqué",
                "Le destinataire ou l'opérateur bloque ce message.",
                "Message blocked",
                "The recipient or the carrier blocks this message.");
        add(30005, Retry.NO, "Unknown destination handset",
                "Numéro inconnu",
                "Le numéro n'existe pas ou plus : vérifiez-le.",
                "Unknown number",
                "The number does not exist (any more): check it.");
        add(30006, Retry.NO, "Landline or unreachable carrier",
                "Fixe sans WhatsApp",
                "Le numéro est une ligne fixe ou un opérateur injoignable.",
                "Landline without WhatsApp",
                "The number is a landline or an unreachable carrier.");
        add(30007, Retry.NO, "Message filtered",
                "Message filtré par l'opérateur",
                "Filtré comme spam : revoyez le contenu et le consentement des contacts.",
                "Message filtered by the carrier",
                "Filtered as spam: review the content and the contacts' consent.");
        add(30008, Retry.LATER, "Unknown error",
                "Erreur inconnue de l'opérateur",
                "Échec temporaire : « Réessayer les échecs » de la campagne le renverra.",
                "Unknown carrier error",
                "A temporary failure: the campaign's \"Retry failed\" sends it again.");
    }

    private TwilioErrorCatalog() {
    }

    private static void add(int code, Retry retry, String definition, String titleFr, String fixFr, String titleEn,
            String fixEn) {
        CODES.put(code, new ErrorExplanation(code, retry, definition, titleFr, fixFr, titleEn, fixEn));
    }

    public static Collection<ErrorExplanation> all() {
        return CODES.values();
    }

    public static Optional<ErrorExplanation> explain(Integer code) {
        return code == null ? Optional.empty() : Optional.ofNullable(CODES.get(code));
    }

    /** The codes of failures that may succeed later (what "retry failed" resends by default), ascending. */
    public static java.util.List<Integer> retryableCodes() {
        return CODES.values().stream().filter(e -> e.retry() == Retry.LATER).map(ErrorExplanation::code).sorted().toList();
    }

    /** True when a failure with this code (REST error or callback ErrorCode) may succeed later. */
    public static boolean isRetryable(Integer code) {
        return explain(code).map(e -> e.retry() == Retry.LATER).orElse(false);
    }

    /** Classifies an HTTP error answer of the Messages API. */
    public static SendOutcome classify(int httpStatus, Integer code, String message) {
        if (httpStatus == 429 || Integer.valueOf(20429).equals(code)) {
            return new SendOutcome.Transient(code == null ? 20429 : code, httpStatus, message);
        }
        if (httpStatus >= 500) {
            // The create may have reached Twilio and been processed: reconcile before any resend.
            return new SendOutcome.Unknown("HTTP " + httpStatus + (code == null ? "" : " code " + code) + ": " + message);
        }
        if (code != null && isRetryable(code)) {
            return new SendOutcome.Transient(code, httpStatus, message);
        }
        return new SendOutcome.Permanent(code, httpStatus, message);
    }

    /** Classifies what the SDK threw for one create call. */
    /**
     * A create whose transport failed before any answer (the asynchronous path): Transient only when the
     * connection was never made (Twilio cannot have the request); anything else — no answer in time, the
     * connection closed after the request left — may have been created: Unknown, reconciled before any resend.
     */
    public static SendOutcome classifyTransport(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof RelaisTwilioHttpClient.NotSent || c instanceof ConnectException
                    || c instanceof java.net.http.HttpConnectTimeoutException
                    || c instanceof ConnectTimeoutException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException) {
                return new SendOutcome.Transient(null, 0, "connection failed: " + c.getMessage());
            }
        }
        if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new SendOutcome.Unknown("no answer in time: " + cause.getMessage());
        }
        return new SendOutcome.Unknown("no answer: " + cause);
    }

    public static SendOutcome classify(RuntimeException failure) {
        if (failure instanceof ApiException api && api.getStatusCode() != null) {
            return classify(api.getStatusCode(), api.getCode(), api.getMessage());
        }
        Throwable cause = failure.getCause();
        while (cause != null) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                // Never connected: Twilio cannot have received the request.
                return new SendOutcome.Transient(null, 0, "connection failed: " + cause.getMessage());
            }
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return new SendOutcome.Unknown("no answer in time: " + cause.getMessage());
            }
            cause = cause.getCause();
        }
        if (failure instanceof ApiConnectionException) {
            return new SendOutcome.Transient(null, 0, failure.getMessage());
        }
        return new SendOutcome.Unknown(failure.getMessage());
    }
}
