package app.relais.common;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import app.relais.testsupport.RelaisTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

@QuarkusTest
@QuarkusTestResource(RelaisTestResources.class)
class HealthTest {

    @Test
    void shouldTurnDownWhenRedisStopsAndUpWhenItComesBack() throws Exception {
        RedisServer redis = RelaisTestResources.embeddedRedis();
        Assumptions.assumeTrue(redis != null, "REDIS_URL names an external server; it is not stopped by tests");
        redis.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().when().get("/api/health/ready")
                            .then().statusCode(503).body("status", equalTo("DOWN")));
        } finally {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/api/health/ready")
                        .then().statusCode(200).body("status", equalTo("UP")));
    }
}
