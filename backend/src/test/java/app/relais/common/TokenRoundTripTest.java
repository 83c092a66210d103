package app.relais.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The HS256 trap: a token this app signs must verify on this app. */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class TokenRoundTripTest {

    @Test
    void shouldAcceptATokenSignedWithTheConfiguredSecret() {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/test-support/whoami")
                .then().statusCode(200).body("role", equalTo("admin"));
    }

    @Test
    void shouldRejectAMissingTokenWithProblemDetails() {
        given().when().get("/api/test-support/whoami")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthorized"));
    }
}
