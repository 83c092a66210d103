package app.relais.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * One rule for every JSON body, in the mapper rather than in each DTO: a key given twice is refused
 * (not "last one wins", and not a 500 on records), a number or a boolean is not silently turned into
 * text ({@code "name": 123}) nor a boolean into a number, a decimal is not truncated into an integer,
 * and text may not hold a NUL character (PostgreSQL cannot store it). Each failure is a 400 Problem
 * naming the field (ProblemMappers).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("relais-strict-json");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addKeyDeserializer(String.class, new TextKeyDeserializer());
        mapper.registerModule(module);
    }

    /** Text that holds a NUL character: a 400 naming the field ({@code nul_character}). */
    public static final class NulCharacterException extends MismatchedInputException {

        NulCharacterException(JsonParser parser) {
            super(parser, "Text holds a NUL character", String.class);
        }
    }

    static String checked(String text, JsonParser parser) throws NulCharacterException {
        if (text.indexOf('\u0000') >= 0) {
            throw new NulCharacterException(parser);
        }
        return text;
    }

    /** Only a JSON string is text: a number, a boolean, an object or an array is a type error. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {

        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return checked(p.getText(), p);
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    static final class TextKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(key, ctxt.getParser());
        }
    }
}
