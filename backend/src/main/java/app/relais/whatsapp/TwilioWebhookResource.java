package app.relais.whatsapp;

import app.relais.common.error.ApiException;
import app.relais.common.error.Problem;
import app.relais.messages.InboundMessageReceived;
import app.relais.messages.MessageStatusChanged;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The one URL Twilio calls, for inbound messages and status callbacks alike. The signature is checked
 * against the public URL (TWILIO_WEBHOOK_BASE_URL + path + raw query), so it holds behind ngrok or a
 * TLS proxy. The empty TwiML answer is sent only once the event is committed; a database failure
 * answers 503 and writes nothing.
 */
@Path(WebhookUrls.WEBHOOK_PATH)
@Tag(name = "Webhooks")
public class TwilioWebhookResource {

    private static final Logger LOG = Logger.getLogger(TwilioWebhookResource.class);
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    /** Twilio waits 15 s for an answer: past this, answer 503 rather than let Twilio time out. */
    private static final int COMMIT_WAIT_SECONDS = 12;
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private final WhatsAppSetup setup;
    private final WebhookStore store;
    private final StatusCallbackWriter writer;
    private final WebhookMonitor monitor;
    private final Event<MessageStatusChanged> statusChanged;
    private final Event<InboundMessageReceived> inboundReceived;
    private final ObjectMapper json;
    private volatile RequestValidator validator;
    private volatile String validatorToken;

    public TwilioWebhookResource(WhatsAppSetup setup, WebhookStore store, StatusCallbackWriter writer, WebhookMonitor monitor,
            Event<MessageStatusChanged> statusChanged, Event<InboundMessageReceived> inboundReceived, ObjectMapper json) {
        this.setup = setup;
        this.store = store;
        this.writer = writer;
        this.monitor = monitor;
        this.statusChanged = statusChanged;
        this.inboundReceived = inboundReceived;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({ MediaType.TEXT_XML, "application/problem+json" })
    @Operation(summary = "Twilio webhook: inbound WhatsApp messages and status callbacks (signed with X-Twilio-Signature)")
    @APIResponse(responseCode = "200", description = "Stored (or already stored): empty TwiML",
            content = @Content(mediaType = MediaType.TEXT_XML))
    @APIResponse(responseCode = "400", description = "Not a Twilio message payload", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing or invalid X-Twilio-Signature, or another Twilio account (AccountSid)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Database unavailable: nothing written, Twilio may retry", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> receive(MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signature, @Context HttpServerRequest request) {
        Map<String, String> signed = new HashMap<>(form.size() * 2);
        form.forEach((name, values) -> signed.put(name, values.isEmpty() ? "" : values.get(0)));
        String kind = isStatusCallback(signed) ? "status" : "inbound";
        if (setup.signatureCheck()) {
            String url = WebhookUrls.signedUrl(setup.publicBaseUrl(), request.query());
            boolean valid = signature != null && !signature.isBlank() && validator().validate(url, signed, signature);
            if (!valid) {
                monitor.reject(WebhookMonitor.SIGNATURE);
                LOG.debugf("Webhook refused: bad or missing X-Twilio-Signature for %s", url);
                throw new ApiException(403, "twilio-signature-invalid");
            }
        }
        String account = signed.get("AccountSid");
        if (account != null && !account.equals(setup.accountSid())) {
            // Signed with our token yet for another account: not ours to store.
            monitor.reject(WebhookMonitor.ACCOUNT);
            LOG.warnf("Webhook refused: AccountSid %s is not the configured account", account);
            throw new ApiException(403, "twilio-account-mismatch");
        }
        monitor.record(kind);
        Map<String, String> params = storable(signed);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        if ("status".equals(kind)) {
            // The hot path stays off the worker pool: the request waits, without a thread, for the
            // group commit of StatusCallbackWriter, and is answered from the writer's thread.
            handleStatus(params, request.getParam("m")).toCompletableFuture()
                    .orTimeout(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS)
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            answer.completeExceptionally(unavailable(unwrap(failure)));
                            return;
                        }
                        try {
                            result.change().ifPresent(statusChanged::fire);
                        } catch (RuntimeException e) {
                            LOG.warnf("Status change observers failed after the commit: %s", e.getMessage());
                        }
                        answer.complete(twiml());
                    });
        } else {
            // Inbound messages are rarer and write with plain blocking JDBC: on the worker pool.
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    handleInbound(params);
                    answer.complete(twiml());
                } catch (ApiException e) {
                    answer.completeExceptionally(e);
                } catch (SQLException | RuntimeException e) {
                    answer.completeExceptionally(unavailable(e));
                }
            });
        }
        return answer;
    }

    /**
     * What WhatsApp sent, in a form PostgreSQL can hold: a NUL character (which text and jsonb columns
     * refuse) becomes U+FFFD, so the message is stored rather than lost to retries. Done after the
     * signature check, which covers the bytes as sent.
     */
    static Map<String, String> storable(Map<String, String> params) {
        Map<String, String> clean = null;
        for (var entry : params.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (name.indexOf('\u0000') >= 0 || value.indexOf('\u0000') >= 0) {
                if (clean == null) {
                    clean = new HashMap<>(params);
                }
                clean.remove(name);
                clean.put(name.replace('\u0000', '\uFFFD'), value.replace('\u0000', '\uFFFD'));
            }
        }
        return clean == null ? params : clean;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Response twiml() {
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML_TYPE).build();
    }

    private static ApiException unavailable(Throwable cause) {
        if (cause instanceof ApiException api) {
            return api;
        }
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        LOG.warnf("Webhook not stored, answering 503 (SQLState %s): %s", state, cause.getMessage());
        return new ApiException(503, "service-unavailable", List.of(), Map.of(), 5);
    }

    static boolean isStatusCallback(Map<String, String> params) {
        String status = params.get("MessageStatus");
        if (status == null && params.get("Body") == null && params.get("NumMedia") == null) {
            status = params.get("SmsStatus");
        }
        if (status == null) {
            return false;
        }
        String s = status.toLowerCase(Locale.ROOT);
        return !s.equals("received") && !s.equals("receiving");
    }

    private CompletionStage<WebhookStore.StatusResult> handleStatus(Map<String, String> params, String m) {
        String sid = params.get("MessageSid") != null ? params.get("MessageSid") : params.get("SmsSid");
        String status = params.get("MessageStatus") != null ? params.get("MessageStatus") : params.get("SmsStatus");
        if (sid == null || sid.isBlank()) {
            throw ApiException.invalidField("MessageSid", "required", "MessageSid is required");
        }
        UUID messageId = parseUuid(m);
        Integer errorCode = parseInt(params.get("ErrorCode"));
        String errorMessage = blankToNull(params.get("ErrorMessage"));
        if (errorCode != null && errorMessage == null) {
            errorMessage = TwilioErrorCatalog.explain(errorCode).map(TwilioErrorCatalog.ErrorExplanation::twilioDefinition)
                    .orElse(null);
        }
        return writer.submit(new StatusCallback(messageId, sid, status.toLowerCase(Locale.ROOT), errorCode,
                errorMessage, toJson(params)));
    }

    private void handleInbound(Map<String, String> params) throws SQLException {
        String sid = params.get("MessageSid") != null ? params.get("MessageSid") : params.get("SmsMessageSid");
        String from = params.get("From");
        if (sid == null || sid.isBlank() || from == null) {
            throw ApiException.invalidField("MessageSid", "required", "MessageSid and From are required");
        }
        String phone = from.startsWith("whatsapp:") ? from.substring("whatsapp:".length()) : from;
        if (!E164.matcher(phone).matches()) {
            throw ApiException.invalidField("From", "whatsapp_invalid_phone", "From is not an E.164 number");
        }
        List<Map<String, String>> media = new ArrayList<>();
        int numMedia = parseInt(params.get("NumMedia")) == null ? 0 : parseInt(params.get("NumMedia"));
        for (int i = 0; i < Math.min(numMedia, 10); i++) {
            String url = params.get("MediaUrl" + i);
            if (url != null) {
                Map<String, String> item = new HashMap<>();
                item.put("url", url);
                item.put("contentType", params.getOrDefault("MediaContentType" + i, ""));
                media.add(item);
            }
        }
        InboundWebhook inbound = new InboundWebhook(sid, phone, params.get("To"), params.get("Body"), media,
                blankToNull(params.get("ProfileName")), blankToNull(params.get("WaId")),
                blankToNull(params.get("ButtonText")), blankToNull(params.get("ButtonPayload")),
                blankToNull(params.get("OriginalRepliedMessageSid")));
        WebhookStore.InboundResult result = store.storeInbound(inbound);
        result.event().ifPresent(inboundReceived::fire);
    }

    private RequestValidator validator() {
        String token = setup.authToken();
        if (validator == null || !token.equals(validatorToken)) {
            validator = new RequestValidator(token);
            validatorToken = token;
        }
        return validator;
    }

    private String toJson(Map<String, String> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static UUID parseUuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer parseInt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
