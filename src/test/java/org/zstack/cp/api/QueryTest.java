package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The shared query parser, through QueryHost: three hosts per test, named {@code <prefix>-a..c}. */
@QuarkusTest
class QueryTest {
    private String prefix;

    @BeforeEach
    void addHosts() {
        prefix = "q" + UUID.randomUUID().toString().substring(0, 8);
        int octet = Math.floorMod(prefix.hashCode(), 200);
        addHost(prefix + "-a", "172.16." + octet + ".1", 7001, "first");
        addHost(prefix + "-b", "172.16." + octet + ".2", 7002, null);
        addHost(prefix + "-c", "172.16." + octet + ".3", 7003, null);
    }

    private static void addHost(String name, String ip, int agentPort, String description) {
        Fixtures.uuid(Api.as().body(Fixtures.hostBody(name, ip, "pw", agentPort,
                description == null ? Map.of() : Map.of("description", description))).post("/zstack/v1/hosts/kvm"));
    }

    private RequestSpecification mine(String... conditions) {
        List<String> q = new java.util.ArrayList<>(List.of(conditions));
        q.add("name~=" + prefix + "-%");
        return Api.as().queryParam("q", q.toArray());
    }

    private List<String> names(RequestSpecification request) {
        return request.get("/zstack/v1/hosts").then().statusCode(200).extract().path("inventories.name");
    }

    @Test
    void everyOperator() {
        String a = prefix + "-a";
        String b = prefix + "-b";
        String c = prefix + "-c";
        org.assertj.core.api.Assertions.assertThat(names(mine("name=" + a))).containsExactly(a);
        org.assertj.core.api.Assertions.assertThat(names(mine("name!=" + a))).containsExactlyInAnyOrder(b, c);
        org.assertj.core.api.Assertions.assertThat(names(mine("agentPort>7001"))).containsExactlyInAnyOrder(b, c);
        org.assertj.core.api.Assertions.assertThat(names(mine("agentPort<7002"))).containsExactly(a);
        org.assertj.core.api.Assertions.assertThat(names(mine("agentPort>=7002"))).containsExactlyInAnyOrder(b, c);
        org.assertj.core.api.Assertions.assertThat(names(mine("agentPort<=7002"))).containsExactlyInAnyOrder(a, b);
        org.assertj.core.api.Assertions.assertThat(names(mine("name?=" + a + "," + c))).containsExactlyInAnyOrder(a, c);
        org.assertj.core.api.Assertions.assertThat(names(mine("name!?=" + a + "," + c))).containsExactly(b);
        org.assertj.core.api.Assertions.assertThat(names(mine("name~=%-b"))).containsExactly(b);
        org.assertj.core.api.Assertions.assertThat(names(mine("name!~=%-b"))).containsExactlyInAnyOrder(a, c);
        org.assertj.core.api.Assertions.assertThat(names(mine("description is null"))).containsExactlyInAnyOrder(b, c);
        org.assertj.core.api.Assertions.assertThat(names(mine("description not null"))).containsExactly(a);
        org.assertj.core.api.Assertions.assertThat(names(mine("state=Enabled", "status?=Connected,Disconnected")))
                .containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void limitStartSortAndReplyWithCount() {
        mine().queryParam("sort", "-name").queryParam("limit", 2).queryParam("start", 1)
                .get("/zstack/v1/hosts").then().statusCode(200)
                .body("inventories.name", contains(prefix + "-b", prefix + "-a"))
                .body("total", equalTo(null));
        mine().queryParam("sort", "+agentPort").queryParam("limit", 1).queryParam("replyWithCount", true)
                .get("/zstack/v1/hosts").then().statusCode(200)
                .body("inventories.name", contains(prefix + "-a"))
                .body("total", equalTo(3));
        mine().queryParam("limit", 0).queryParam("replyWithCount", "true")
                .get("/zstack/v1/hosts").then().statusCode(200)
                .body("inventories", hasSize(0)).body("total", equalTo(3));
        mine().get("/zstack/v1/hosts").then().statusCode(200)
                .body("inventories.name", containsInAnyOrder(prefix + "-a", prefix + "-b", prefix + "-c"));
    }

    @Test
    void badQueriesGetSys1007() {
        for (Map<String, String> params : List.of(Map.of("q", "password=x"), Map.of("q", "passwordEncrypted=x"),
                Map.of("q", "nosuchfield=1"), Map.of("q", "no operator"), Map.of("q", "agentPort=abc"),
                Map.of("q", "state=Exploded"), Map.of("q", "state~=En%"), Map.of("sort", "-password"),
                Map.of("limit", "-1"), Map.of("start", "x"))) {
            Api.as().queryParams(params).get("/zstack/v1/hosts")
                    .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        }
    }

    @Test
    void injectionFindsNothingAndDoesNotFail() {
        for (String condition : List.of("name=x' or '1'='1", "name~=x' or '1'='1", "name?=a','b') or ('1'='1",
                "description=x\" or 1=1 --", "name=x'; drop table host; --")) {
            Api.as().queryParam("q", condition).get("/zstack/v1/hosts")
                    .then().statusCode(200).body("inventories", hasSize(0));
        }
        org.assertj.core.api.Assertions.assertThat(names(mine())).hasSize(3);
    }
}
