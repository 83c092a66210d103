package app.relais.common.api;

import io.smallrye.openapi.api.OperationIdGenerator;
import java.util.Locale;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

/**
 * The operationId of an operation that names none (mp.openapi.extensions.smallrye.operationIdStrategy):
 * the Java method name, completed by the resource's noun when the method name is a bare verb, so a
 * generated client reads {@code listContacts}, {@code createCategory}, {@code launchCampaign}.
 * A method whose name already says what it does ({@code retryFailed}, {@code recipientsCsv}) keeps it;
 * {@code @Operation(operationId = …)} wins over all of this. The contract test fails on a duplicate.
 */
public class ReadableOperationIds implements OperationIdGenerator {

    @Override
    public String generateOperationId(ClassInfo resource, MethodInfo method) {
        return operationId(resource.simpleName(), method.name());
    }

    static String operationId(String resourceClass, String method) {
        String noun = resourceClass.endsWith("Resource")
                ? resourceClass.substring(0, resourceClass.length() - "Resource".length())
                : resourceClass;
        if (noun.isEmpty() || !method.chars().allMatch(Character::isLowerCase)) {
            return method;
        }
        if (method.equalsIgnoreCase(noun)) {
            return "get" + noun;
        }
        if (method.equals("list")) {
            return "list" + plural(noun);
        }
        return method + noun;
    }

    static String plural(String noun) {
        String lower = noun.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s") || lower.endsWith("log")) {
            return noun;
        }
        if (lower.endsWith("y") && !lower.matches(".*[aeiou]y")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }
}
