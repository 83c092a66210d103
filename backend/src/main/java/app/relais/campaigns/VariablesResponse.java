package app.relais.campaigns;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The variables a message can use, as {{name}}: the built-in ones and the contacts' attribute keys in use. */
@Schema(name = "MessageVariables", example = """
        {"builtIn": ["first_name", "last_name", "phone"],
         "attributes": [{"name": "ville", "contacts": 1204}, {"name": "code_promo", "contacts": 88}]}""")
public record VariablesResponse(
        @Schema(description = "Always available: first_name, last_name, phone") List<String> builtIn,
        @Schema(description = "Attribute keys of the contacts, most used first (at most 200)") List<Attribute> attributes) {

    @Schema(name = "MessageVariableAttribute")
    public record Attribute(String name, @Schema(description = "Contacts that have this attribute") long contacts) {
    }
}
