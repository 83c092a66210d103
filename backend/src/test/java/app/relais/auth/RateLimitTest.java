package app.relais.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import app.relais.testsupport.RelaisTestResources;
import app.relais.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The API rate limit: the counters live in the real Redis; the test fills a fresh user's counter up to
 * the limit (instead of sending a thousand requests) and checks the next request is refused.
 */
@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class RateLimitTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "relais.rate-limit.user-per-minute")
    int userPerMinute;

    @Test
    void aUserOverTheLimitShouldGet429WithRetryAfterAndOthersShouldNot() {
        UUID userId = UUID.randomUUID();
        String token = TestTokens.token(userId, "busy@test.local", "admin", Duration.ofMinutes(5));
        given().auth().oauth2(token).when().get("/api/categories").then().statusCode(200);
        long window = System.currentTimeMillis() / 60_000;
        for (long w = window; w <= window + 1; w++) {
            redis.value(Long.class).set(ApiRateLimiter.userKey(userId.toString(), w), (long) userPerMinute);
        }
        given().auth().oauth2(token).header("Accept-Language", "fr").when().get("/api/categories").then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("rate-limited"))
                .body("title", equalTo("Trop de requêtes"));
        String other = TestTokens.token(UUID.randomUUID(), "calm@test.local", "admin", Duration.ofMinutes(5));
        given().auth().oauth2(other).when().get("/api/categories").then().statusCode(200);
    }

    @Test
    void anAnonymousAddressOverTheLimitShouldGet429() {
        String ip = "10.250." + (int) (Math.random() * 250) + ".7";
        long window = System.currentTimeMillis() / 60_000;
        for (long w = window; w <= window + 1; w++) {
            redis.value(Long.class).set(ApiRateLimiter.ipKey(ip, w), 1_000_000L);
        }
        // Public endpoints (sign-in, refresh) are the ones reachable without a token: they count per address.
        given().header("X-Forwarded-For", ip).contentType("application/json").body("{\"refreshToken\":\"nope\"}")
                .when().post("/api/auth/refresh").then().statusCode(429).body("code", equalTo("rate-limited"));
        given().header("X-Forwarded-For", "10.251.0.9").contentType("application/json").body("{\"refreshToken\":\"nope\"}")
                .when().post("/api/auth/refresh").then().statusCode(401);
    }
}
