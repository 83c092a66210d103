package app.relais.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.content.v1.Content;
import com.twilio.rest.content.v1.ContentAndApprovals;
import com.twilio.rest.content.v1.content.ApprovalFetch;
import com.twilio.type.PhoneNumber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link WhatsAppGateway} over the official Twilio SDK with its own {@link TwilioRestClient}: the base
 * URL points at Twilio, the simulator or a test server, and a create is sent once (never resent by the
 * transport). Not a CDI bean itself: {@link ConfiguredWhatsAppGateway} builds it from the configuration,
 * tests build it against WireMock.
 */
public final class TwilioGateway implements WhatsAppGateway {

    /** Everything one gateway needs. {@code sender} is E.164 (+14155238886); the service SID wins when set. */
    public record Settings(String accountSid, String authToken, String apiBaseUrl, String sender,
            String messagingServiceSid, String webhookBaseUrl, Duration connectTimeout, Duration readTimeout,
            int maxConnections) {
    }

    static final int SEARCH_LIMIT = 200;
    /** The largest page Twilio's list resources serve. */
    public static final int MAX_PAGE_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final TwilioRestClient client;
    private final RelaisTwilioHttpClient http;
    /** The SDK with a transport that only captures the request it built (see {@link #sendAsync}). */
    private final TwilioRestClient capturing;

    public TwilioGateway(Settings settings) {
        this(settings, null, settings.maxConnections());
    }

    /** {@code vertx}: the application's, for the creates (null: a small one of its own); {@code inFlight}: creates at once. */
    public TwilioGateway(Settings settings, io.vertx.core.Vertx vertx, int inFlight) {
        this.settings = settings;
        this.http = new RelaisTwilioHttpClient(settings.apiBaseUrl(), settings.connectTimeout(),
                settings.readTimeout(), settings.maxConnections(), vertx, Math.max(inFlight, settings.maxConnections()));
        this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .accountSid(settings.accountSid())
                .httpClient(http)
                .build();
        this.capturing = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .accountSid(settings.accountSid())
                .httpClient(new CapturingHttpClient())
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /** The From address as Twilio sees it, or the Messaging Service SID. */
    public String senderAddress() {
        return hasService() ? settings.messagingServiceSid() : "whatsapp:" + settings.sender();
    }

    /** The StatusCallback given on a create: the public webhook with our id, so a lost create can be matched. */
    public String statusCallbackUrl(java.util.UUID messageId) {
        String base = WebhookUrls.stripTrailingSlash(settings.webhookBaseUrl()) + WebhookUrls.WEBHOOK_PATH;
        return messageId == null ? base : base + "?m=" + URLEncoder.encode(messageId.toString(), StandardCharsets.UTF_8);
    }

    /** The create, waited for (the super admin's test message, tests); the engine uses {@link #sendAsync}. */
    @Override
    public SendOutcome send(OutboundMessage message) {
        return sendAsync(message).join();
    }

    /**
     * One create without a thread waiting for Twilio. The SDK builds the request exactly as
     * {@code creator.create(client)} does (path, form parameters, authentication: its {@link TwilioRestClient}
     * runs with a transport that captures the request instead of sending it); the JDK's HttpClient sends it
     * once ({@link RelaisTwilioHttpClient#makeRequestAsync}, Vert.x); the SDK reads the answer as its creator does:
     * {@link RestException#fromJson} and {@link ApiException} for an error, {@link Message#fromJson} for the
     * created message; {@link TwilioErrorCatalog#classify} maps the outcome. Never completes exceptionally.
     */
    @Override
    public java.util.concurrent.CompletableFuture<SendOutcome> sendAsync(OutboundMessage message) {
        com.twilio.http.Request request;
        try {
            request = CapturingHttpClient.capture(() -> creator(message).create(capturing));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(TwilioErrorCatalog.classify(e));
        }
        return http.makeRequestAsync(request).handle((response, failure) -> {
            if (failure != null) {
                return TwilioErrorCatalog.classifyTransport(failure);
            }
            try {
                return accepted(read(response, capturing.getObjectMapper()));
            } catch (RuntimeException e) {
                return TwilioErrorCatalog.classify(e);
            }
        });
    }

    /** What {@code MessageCreator.create} does with the answer, by the SDK's own parsers. */
    static Message read(com.twilio.http.Response response, ObjectMapper mapper) {
        if (!TwilioRestClient.SUCCESS.test(response.getStatusCode())) {
            com.twilio.exception.RestException error = com.twilio.exception.RestException.fromJson(response.getStream(), mapper);
            if (error == null) {
                throw new ApiException("Server Error, no content", response.getStatusCode());
            }
            throw new ApiException(error);
        }
        return Message.fromJson(response.getStream(), mapper);
    }

    private static SendOutcome accepted(Message created) {
        return new SendOutcome.Accepted(created.getSid(),
                created.getStatus() == null ? "queued" : created.getStatus().toString());
    }

    private MessageCreator creator(OutboundMessage message) {
        PhoneNumber to = new PhoneNumber("whatsapp:" + message.toE164());
        // With a template Twilio sends the template's own text: the rendered body is only our record of it.
        String body = message.contentSid() != null ? null : blankToNull(message.body());
        MessageCreator creator = hasService()
                ? Message.creator(settings.accountSid(), to, settings.messagingServiceSid(), body)
                : Message.creator(settings.accountSid(), to, new PhoneNumber("whatsapp:" + settings.sender()), body);
        if (message.contentSid() != null) {
            creator.setContentSid(message.contentSid());
            Map<String, String> variables = message.contentVariables();
            if (variables != null && !variables.isEmpty()) {
                creator.setContentVariables(toJson(variables));
            }
        }
        if (settings.webhookBaseUrl() != null && !settings.webhookBaseUrl().isBlank()) {
            creator.setStatusCallback(statusCallbackUrl(message.messageId()));
        }
        return creator;
    }

    /** Empty when Twilio answers 404; other failures are thrown (the reconciler retries later). */
    @Override
    public Optional<ProviderMessage> fetch(String sid) {
        try {
            return Optional.of(toProvider(Message.fetcher(settings.accountSid(), sid).fetch(client)));
        } catch (ApiException e) {
            if (Integer.valueOf(404).equals(e.getStatusCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public java.util.stream.Stream<ProviderMessage> sentSince(OffsetDateTime since, int pageSize) {
        ResourceSet<Message> pages = Message.reader(settings.accountSid())
                .setDateSentAfter(since.atZoneSameInstant(ZoneOffset.UTC))
                .setPageSize((long) Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE)))
                .read(client);
        return java.util.stream.StreamSupport.stream(pages.spliterator(), false).map(TwilioGateway::toProvider);
    }

    /** Newest first, as Twilio lists them; stops at {@code since} or after {@value #SEARCH_LIMIT} messages. */
    @Override
    public List<ProviderMessage> search(String toE164, OffsetDateTime since) {
        ResourceSet<Message> pages = Message.reader(settings.accountSid())
                .setTo("whatsapp:" + toE164)
                .setPageSize(50L)
                .read(client);
        List<ProviderMessage> found = new ArrayList<>();
        for (Message m : pages) {
            ProviderMessage p = toProvider(m);
            if (since != null && p.dateCreated() != null && p.dateCreated().isBefore(since)) {
                break;
            }
            if (!hasService() && p.from() != null && !p.from().equals(senderAddress())) {
                continue;
            }
            found.add(p);
            if (found.size() >= SEARCH_LIMIT) {
                break;
            }
        }
        return found;
    }

    /**
     * The account's Content templates with their WhatsApp approval, in one listing
     * (GET content.twilio.com/v1/ContentAndApprovals), at most {@code max}. Failures are thrown as the
     * SDK's exceptions (ApiException with Twilio's status, ApiConnectionException for the network).
     */
    public List<ContentTemplate> templates(int max) {
        ResourceSet<ContentAndApprovals> pages = ContentAndApprovals.reader()
                .setPageSize(Math.max(1, Math.min(max, MAX_PAGE_SIZE)))
                .read(client);
        List<ContentTemplate> found = new ArrayList<>();
        for (ContentAndApprovals c : pages) {
            found.add(ContentTemplate.of(c.getSid(), c.getFriendlyName(), c.getLanguage(), c.getTypes(),
                    c.getVariables(), c.getApprovalRequests(), c.getDateUpdated()));
            if (found.size() >= max) {
                break;
            }
        }
        return found;
    }

    /**
     * One template (GET /v1/Content/{sid}) and its approval (GET /v1/Content/{sid}/ApprovalRequests);
     * empty when Twilio answers 404. A template never submitted to WhatsApp reads as unsubmitted.
     */
    public Optional<ContentTemplate> template(String sid) {
        Content content;
        try {
            content = Content.fetcher(sid).fetch(client);
        } catch (ApiException e) {
            if (Integer.valueOf(404).equals(e.getStatusCode())) {
                return Optional.empty();
            }
            throw e;
        }
        Object approval = null;
        try {
            approval = ApprovalFetch.fetcher(sid).fetch(client).getWhatsapp();
        } catch (ApiException e) {
            if (!Integer.valueOf(404).equals(e.getStatusCode())) {
                throw e;
            }
        }
        return Optional.of(ContentTemplate.of(content.getSid(), content.getFriendlyName(), content.getLanguage(),
                content.getTypes(), content.getVariables(), approval, content.getDateUpdated()));
    }

    /**
     * A transport that sends nothing: it hands the request the SDK built back to {@link #capture} by
     * throwing it (no stack trace), so the SDK's creator, its serializers and its authentication shape the
     * request the asynchronous transport then sends.
     */
    static final class CapturingHttpClient extends com.twilio.http.HttpClient {

        private static final class Captured extends RuntimeException {
            final transient com.twilio.http.Request request;

            Captured(com.twilio.http.Request request) {
                super("captured", null, false, false);
                this.request = request;
            }
        }

        static com.twilio.http.Request capture(Runnable build) {
            try {
                build.run();
            } catch (Captured c) {
                return c.request;
            }
            throw new IllegalStateException("The SDK sent no request");
        }

        @Override
        public com.twilio.http.Response reliableRequest(com.twilio.http.Request request) {
            throw new Captured(request);
        }

        @Override
        public com.twilio.http.Response reliableRequest(com.twilio.http.Request request, int[] retryCodes, int retries,
                long delayMillis) {
            throw new Captured(request);
        }

        @Override
        public com.twilio.http.Response makeRequest(com.twilio.http.Request request) {
            throw new Captured(request);
        }
    }

    private boolean hasService() {
        return settings.messagingServiceSid() != null && !settings.messagingServiceSid().isBlank();
    }

    private static ProviderMessage toProvider(Message m) {
        OffsetDateTime created = m.getDateCreated() == null ? null
                : m.getDateCreated().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        return new ProviderMessage(m.getSid(), m.getTo(), m.getFrom() == null ? null : m.getFrom().toString(),
                m.getBody(), m.getStatus() == null ? null : m.getStatus().toString(), m.getErrorCode(),
                m.getErrorMessage(), created, null);
    }

    static String toJson(Map<String, String> variables) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(variables));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ContentVariables", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
