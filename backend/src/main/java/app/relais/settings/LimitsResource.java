package app.relais.settings;

import app.relais.common.api.Roles;
import app.relais.common.config.PricingConfig;
import app.relais.common.error.Problem;
import app.relais.delivery.DeliveryConfig;
import app.relais.delivery.DeliveryEngine;
import app.relais.whatsapp.ProviderMode;
import app.relais.whatsapp.WhatsAppSetup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only limits from the configuration, for the settings page and the campaign wizard. */
@Path("/api/settings/limits")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
public class LimitsResource {

    /** Twilio's sandbox accepts one message every 3 seconds. */
    static final int SANDBOX_MIN_DELAY_MS = 3000;

    private final DeliveryConfig delivery;
    private final DeliveryEngine engine;
    private final WhatsAppSetup setup;
    private final PricingConfig pricing;

    public LimitsResource(DeliveryConfig delivery, DeliveryEngine engine, WhatsAppSetup setup, PricingConfig pricing) {
        this.delivery = delivery;
        this.engine = engine;
        this.setup = setup;
        this.pricing = pricing;
    }

    @GET
    @Operation(operationId = "getLimits", summary = "The limits in force: pacing defaults and the sandbox preset, daily limit, time zone, price, 24 h window")
    @APIResponse(responseCode = "200", description = "The limits", content = @Content(schema = @Schema(implementation = LimitsResponse.class)))
    @APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public LimitsResponse limits() {
        ProviderMode mode = setup.mode();
        return new LimitsResponse(mode.value(), mode == ProviderMode.TWILIO_SANDBOX,
                new LimitsResponse.Pacing(engine.messagesPerSecond(), delivery.messagesPerSecond().isPresent(),
                        delivery.failureRateThreshold(), delivery.failureRateWindow()),
                new LimitsResponse.Pacing.SandboxPreset(1000.0 / SANDBOX_MIN_DELAY_MS, SANDBOX_MIN_DELAY_MS),
                delivery.dailyMessageLimit(), delivery.quotaTimeZone(), pricing.pricePerMessage(), pricing.currency(),
                delivery.replyWindow().toHours(), delivery.retryBackoff().stream().map(Duration::toSeconds).toList());
    }
}
