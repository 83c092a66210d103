package app.relais.common.web;

import app.relais.common.error.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies (the Twilio webhook, the simulator's
 * Twilio-compatible API) in place of the framework's reader, which fails with a 500 on a malformed
 * body such as {@code %zz%%%=&&=}: here a bad percent sequence is a 400 Problem, an empty pair is
 * skipped. Values are decoded as UTF-8, as Twilio sends them (and as its signature is computed).
 */
@Provider
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormBodyReader implements MessageBodyReader<MultivaluedMap<String, String>> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MultivaluedMap.class.isAssignableFrom(type);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(Class<MultivaluedMap<String, String>> type, Type genericType,
            Annotation[] annotations, MediaType mediaType, MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream) throws IOException {
        return parse(new String(entityStream.readAllBytes(), StandardCharsets.UTF_8));
    }

    public static MultivaluedMap<String, String> parse(String body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty()) {
                form.add(name, value);
            }
        }
        return form;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "malformed-form");
        }
    }
}
