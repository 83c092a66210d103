package app.relais.whatsapp.simulator;

import app.relais.whatsapp.TwilioSignature;
import app.relais.whatsapp.WhatsAppSetup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Plays Twilio's part after a create: the status callbacks (sent → delivered → read, or the failure a
 * recipient's behaviour calls for), each a form POST signed with the simulator's token for the URL
 * given as StatusCallback. A callback for the configured public base is delivered to the app's own
 * address, as a TLS proxy or ngrok would, so the signature covers the public URL.
 */
@ApplicationScoped
public class SimulatorCallbacks {

    private static final Logger LOG = Logger.getLogger(SimulatorCallbacks.class);
    private static final int DELIVERY_ATTEMPTS = 3;
    private static final int RESUME_DELAY_MS = 2000;

    record Step(String status, Integer errorCode, String errorMessage, int delayMs) {
    }

    private final SimulatorStore store;
    private final SimulatorConfig config;
    private final WhatsAppSetup setup;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "simulator-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SimulatorCallbacks(SimulatorStore store, SimulatorConfig config, WhatsAppSetup setup) {
        this.store = store;
        this.config = config;
        this.setup = setup;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    List<Step> stepsFor(Behaviour behaviour) {
        int step = config.stepDelayMs();
        List<Step> steps = new ArrayList<>();
        switch (behaviour) {
            case OK -> {
                steps.add(new Step("sent", null, null, step));
                steps.add(new Step("delivered", null, null, step));
                steps.add(new Step("read", null, null, config.readDelayMs()));
            }
            case NOT_JOINED, NOT_ON_WHATSAPP ->
                steps.add(new Step("failed", behaviour.errorCode(), behaviour.errorMessage(), step));
            case UNREACHABLE -> {
                steps.add(new Step("sent", null, null, step));
                steps.add(new Step("undelivered", behaviour.errorCode(), behaviour.errorMessage(), step));
            }
        }
        return steps;
    }

    /** Catches up during the start, before the status repair's first pass can read the simulator. */
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        resume();
    }

    /**
     * Twilio goes on while the app is down: the statuses of the messages a stopped instance was playing
     * move on as time says. Those that fell due while it was down are recorded here without a callback
     * (Twilio posted them to a closed port and does not retry: lost, as in production); the later ones
     * are played as usual.
     */
    void resume() {
        if (!setup.simulatorActive()) {
            return;
        }
        long now = System.currentTimeMillis();
        int silent = 0;
        int played = 0;
        try {
            for (SimulatorStore.Unfinished u : store.unfinished(java.time.OffsetDateTime.now().minusDays(1))) {
                List<Step> steps = stepsFor(u.behaviour());
                int next = 0;
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).status().equals(u.message().status())) {
                        next = i + 1;
                    }
                }
                long due = u.message().dateCreated().toInstant().toEpochMilli();
                for (int i = 0; i < steps.size(); i++) {
                    due += steps.get(i).delayMs();
                    if (i < next) {
                        continue;
                    }
                    Step step = steps.get(i);
                    if (due <= now) {
                        store.updateStatus(u.message().sid(), step.status(), step.errorCode(), step.errorMessage());
                        silent++;
                    } else {
                        List<Step> rest = new ArrayList<>(steps.subList(i, steps.size()));
                        // Not before the server listens: the callbacks go to this instance's own port.
                        rest.set(0, new Step(step.status(), step.errorCode(), step.errorMessage(),
                                (int) Math.max(RESUME_DELAY_MS, due - now)));
                        schedule(u.message(), rest, 0);
                        played++;
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Simulator: statuses not resumed: %s", e.getMessage());
        }
        if (silent + played > 0) {
            LOG.infof("Simulator: %d status(es) reached while the app was down (their callbacks lost), %d message(s) resumed",
                    silent, played);
        }
    }

    /** Starts the status sequence of an accepted message. */
    public void play(SimulatedMessage message, Behaviour behaviour) {
        schedule(message, stepsFor(behaviour), 0);
    }

    private void schedule(SimulatedMessage message, List<Step> steps, int index) {
        if (index >= steps.size()) {
            return;
        }
        Step step = steps.get(index);
        scheduler.schedule(() -> {
            try {
                store.updateStatus(message.sid(), step.status(), step.errorCode(), step.errorMessage());
                if (message.statusCallback() != null && !message.statusCallback().isBlank()) {
                    deliver(message.statusCallback(), statusParams(message, step));
                }
            } catch (RuntimeException e) {
                LOG.warnf("Simulator: status %s of %s not delivered: %s", step.status(), message.sid(), e.getMessage());
            }
            schedule(message, steps, index + 1);
        }, step.delayMs(), TimeUnit.MILLISECONDS);
    }

    static Map<String, String> statusParams(SimulatedMessage message, Step step) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", message.sid());
        params.put("SmsSid", message.sid());
        params.put("MessageStatus", step.status());
        params.put("SmsStatus", step.status());
        params.put("AccountSid", message.accountSid());
        params.put("From", message.fromAddress());
        params.put("To", message.toAddress());
        params.put("ChannelToAddress", message.phoneE164());
        params.put("ChannelPrefix", "whatsapp");
        params.put("ApiVersion", "2010-04-01");
        if (message.messagingServiceSid() != null) {
            params.put("MessagingServiceSid", message.messagingServiceSid());
        }
        if (step.errorCode() != null) {
            params.put("ErrorCode", String.valueOf(step.errorCode()));
            params.put("ErrorMessage", step.errorMessage());
        }
        return params;
    }

    /**
     * POSTs a signed form to {@code signedUrl} (delivered to the app itself when it is the public
     * webhook). Like Twilio with a connection-retry override: a refused connection or a 5xx is retried.
     * Returns the last HTTP status (0 when never connected).
     */
    public int deliver(String signedUrl, Map<String, String> params) {
        String signature = TwilioSignature.compute(setup.authToken(), signedUrl, params);
        String target = targetOf(signedUrl);
        String form = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", signature)
                .header("User-Agent", "TwilioProxy/1.1 (Relais simulator)")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        int status = 0;
        for (int attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500) {
                    return status;
                }
            } catch (IOException e) {
                LOG.debugf("Simulator: callback to %s failed: %s", target, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            sleep(Math.max(200, config.stepDelayMs()) * (long) attempt);
        }
        return status;
    }

    String targetOf(String signedUrl) {
        String publicBase = setup.publicBaseUrl();
        if (signedUrl.startsWith(publicBase)) {
            String local = config.callbackTarget().orElseGet(setup::localBaseUrl);
            return local + signedUrl.substring(publicBase.length());
        }
        return signedUrl;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
