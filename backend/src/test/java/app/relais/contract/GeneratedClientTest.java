package app.relais.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.relais.testsupport.Accounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * An integrator's view of the contract: openapi-generator (Java, native HTTP client) makes a client
 * from the document the API serves, into target/generated-client; src/test/client-flow/MainFlow.java
 * is compiled against it and runs the main flow (sign in, category, contact, campaign, launch,
 * statistics) through it. A spec that misleads generated clients (a wrong Accept, an untyped 201, a
 * schema the server does not follow) fails here.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final Logger LOG = Logger.getLogger(GeneratedClientTest.class);
    private static final Path OUT = Path.of("target", "generated-client");

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldRunTheMainFlowThroughAGeneratedClient() throws Exception {
        long start = System.nanoTime();
        Path spec = OUT.resolve("openapi.json");
        Files.createDirectories(OUT);
        Files.writeString(spec, given().accept("application/json").get("/api/openapi?format=json").then()
                .statusCode(200).extract().asString());
        Path sources = OUT.resolve("src");
        generate(spec, sources);
        long generated = System.nanoTime();
        Path classes = OUT.resolve("classes");
        compile(sources, classes);
        long compiled = System.nanoTime();
        LOG.infof("Generated client: generation %d ms, compilation %d ms", (generated - start) / 1_000_000,
                (compiled - generated) / 1_000_000);

        String email = Accounts.uniqueEmail("generated-client");
        Accounts.createUser(email, "admin");
        String phone = "+3361" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                Thread.currentThread().getContextClassLoader())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = (Map<String, Object>) loader.loadClass("app.relais.client.MainFlow")
                    .getMethod("run", String.class, String.class, String.class, String.class)
                    .invoke(null, base.toString().replaceAll("/$", ""), email, Accounts.PASSWORD, phone);
            assertEquals(email, outcome.get("userEmail"));
            assertEquals(phone, outcome.get("contactPhone"));
            assertEquals("draft", outcome.get("draftStatus"));
            assertEquals("sending", outcome.get("launchedStatus"));
            assertEquals(1, ((Number) outcome.get("recipients")).intValue());
        }
    }

    private static void generate(Path spec, Path sources) {
        CodegenConfigurator config = new CodegenConfigurator()
                .setGeneratorName("java").setLibrary("native")
                .setInputSpec(spec.toAbsolutePath().toString()).setOutputDir(sources.toAbsolutePath().toString())
                .setApiPackage("app.relais.client.api").setModelPackage("app.relais.client.model")
                .setInvokerPackage("app.relais.client")
                .addAdditionalProperty("useJakartaEe", true)
                .addAdditionalProperty("openApiNullable", false)
                .addAdditionalProperty("hideGenerationTimestamp", true);
        config.addGlobalProperty("apiTests", "false");
        config.addGlobalProperty("modelTests", "false");
        config.addGlobalProperty("apiDocs", "false");
        config.addGlobalProperty("modelDocs", "false");
        List<File> files = new DefaultGenerator().opts(config.toClientOptInput()).generate();
        assertTrue(files.size() > 10, "openapi-generator wrote " + files.size() + " files");
    }

    /** Compiles MainFlow with only the generated classes it reaches (javac's -sourcepath). */
    private static void compile(Path sources, Path classes) throws Exception {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        String flow = Path.of("src", "test", "client-flow", "app", "relais", "client", "MainFlow.java").toString();
        boolean ok = javac.getTask(errors, null, null, List.of("-d", classes.toString(), "-proc:none", "-nowarn",
                "-classpath", System.getProperty("java.class.path"),
                "-sourcepath", sources.resolve(Path.of("src", "main", "java")).toString()), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(flow)).call();
        assertTrue(ok, "the generated client and MainFlow compile:\n" + errors);
    }
}
