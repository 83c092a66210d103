package app.relais.whatsapp;

/** The webhook's path and how its public URL is written. */
public final class WebhookUrls {

    public static final String WEBHOOK_PATH = "/api/webhooks/twilio";

    private WebhookUrls() {
    }

    public static String stripTrailingSlash(String url) {
        if (url == null) {
            return "";
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The URL Twilio signed: public base + path + the raw query string as received. */
    public static String signedUrl(String publicBase, String rawQuery) {
        String url = stripTrailingSlash(publicBase) + WEBHOOK_PATH;
        return rawQuery == null || rawQuery.isEmpty() ? url : url + "?" + rawQuery;
    }
}
