package app.relais.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/**
 * The one price of a sent WhatsApp message ({@code relais.pricing.*}), used by every cost figure: the
 * preflight's estimate, the dashboard's estimated cost, the settings page. Two prices (0.085 before the send,
 * 0.005 after it) disagreed 17×; see docs/campagnes.md for the default.
 */
@ConfigMapping(prefix = "relais.pricing")
public interface PricingConfig {

    /** Price of one message (PRICE_PER_MESSAGE): Twilio's fee plus Meta's marketing template fee. */
    @WithDefault("0.0900")
    BigDecimal pricePerMessage();

    /** ISO 4217 currency of the price (PRICE_CURRENCY). */
    @WithDefault("USD")
    String currency();
}
