package org.zstack.cp.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.enterprise.inject.Any;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document lists exactly the operations the application serves, each with its ZStack shapes. */
@QuarkusTest
class OpenApiTest {
    private static final Map<Class<? extends java.lang.annotation.Annotation>, String> METHODS =
            Map.of(GET.class, "get", PUT.class, "put", POST.class, "post", DELETE.class, "delete");

    @Test
    void theDocumentListsEveryServedOperationAndNoOther() throws Exception {
        JsonNode doc = document();
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method + " " + path.getKey()));
        }
        assertThat(documented).isEqualTo(servedRoutes()).hasSizeGreaterThan(35);
    }

    @Test
    void everyOperationHasAnIdTheZStackErrorsAndTheSessionHeader() throws Exception {
        JsonNode doc = document();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            String name = op.getKey() + " " + path.getKey();
            assertThat(operation.path("operationId").asText()).as(name).isNotEmpty();
            for (String status : new String[]{"200", "400", "503", "500"}) {
                assertThat(operation.path("responses").has(status)).as(name + " " + status).isTrue();
            }
            assertThat(operation.at("/responses/503/content/application~1json/schema/$ref").asText())
                    .as(name).endsWith("ZStackError");
            boolean isPublic = path.getKey().startsWith("/zstack/v1/accounts");
            assertThat(operation.has("security")).as(name).isEqualTo(!isPublic);
        }));
        JsonNode updateTpm = doc.at("/paths/~1zstack~1v1~1tpms/put");
        assertThat(updateTpm.path("operationId").asText()).isEqualTo("UpdateTpm");
        assertThat(updateTpm.at("/responses/503/description").asText()).contains("TPM.1702", "TPM.1703");
        JsonNode schemas = doc.at("/components/schemas");
        assertThat(schemas.at("/UpdateTpmBody/properties").has("updateTpm")).isTrue();
        assertThat(schemas.at("/UpdateTpmBody/properties").has("systemTags")).isTrue();
        assertThat(schemas.at("/ImageStoreBackupStorageActionsBody/properties").has("updateImageStoreBackupStorage"))
                .isTrue();
        assertThat(schemas.at("/VmInstanceActionsBody/properties").has("changeVmPassword")).isTrue();
        assertThat(schemas.at("/IAM2VirtualIDActionsBody/properties").has("updateIAM2VirtualID")).isTrue();
        assertThat(schemas.at("/UpdateGuestToolsStateBody/properties").has("userTags")).isTrue();
        assertThat(schemas.at("/Password/type").asText()).isEqualTo("string");
        assertThat(schemas.at("/ChangeVmPasswordParams/properties/password/$ref").asText()).endsWith("Password");
        RestAssured.given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void datesAndUuidsAreDescribedAsZStackWritesThem() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).startsWith("3.0.");
        JsonNode schemas = doc.at("/components/schemas");
        JsonNode date = schemas.path("ZStackDate");
        assertThat(date.path("type").asText()).isEqualTo("string");
        assertThat(date.has("format")).isFalse();
        Pattern datePattern = Pattern.compile(date.path("pattern").asText());
        assertThat(datePattern.matcher("Nov 14, 2017 2:20:57 PM").find()).isTrue();
        assertThat(datePattern.matcher("Jan 1, 2026 12:00:00 AM").find()).isTrue();
        assertThat(datePattern.matcher("2017-11-14T14:20:57Z").find()).isFalse();
        assertThat(datePattern.matcher("Nov 14, 2017 14:20:57 PM").find()).isFalse();
        Pattern uuidPattern = Pattern.compile(schemas.at("/ZStackUuid/pattern").asText());
        assertThat(uuidPattern.pattern()).isEqualTo("^[0-9a-f]{32}$");
        assertThat(doc.toString()).doesNotContain("date-time").doesNotContain("\"Instant\"");
        assertThat(schemas.at("/HostInventory/properties/createDate/$ref").asText()).endsWith("/ZStackDate");
        assertThat(schemas.at("/SessionInventory/properties/expiredDate/$ref").asText()).endsWith("/ZStackDate");
        assertThat(schemas.at("/VmInstanceInventory/properties/uuid/$ref").asText()).endsWith("/ZStackUuid");
        assertThat(schemas.at("/VmInstanceInventory/properties/hostUuid/$ref").asText()).endsWith("/ZStackUuid");
        assertThat(schemas.at("/ImageStoreBackupStorageInventory/properties/attachedZoneUuids/items/$ref").asText())
                .endsWith("/ZStackUuid");
        assertThat(doc.at("/paths/~1zstack~1v1~1hosts~1{uuid}/get/parameters/0/schema/$ref").asText())
                .endsWith("/ZStackUuid");
        schemas.fields().forEachRemaining(schema -> {
            JsonNode properties = schema.getValue().path("properties");
            if (properties.has("inventory") || properties.has("inventories")) {
                assertThat(properties.at("/schema/additionalProperties/type").asText()).as(schema.getKey())
                        .isEqualTo("string");
            }
        });
    }

    @Test
    void everyQueryTakesTheZStackQueryParametersAndEveryOperationListsItsErrorStatuses() throws Exception {
        JsonNode doc = document();
        Set<String> queries = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            String name = op.getKey() + " " + path.getKey();
            Map<String, JsonNode> parameters = new java.util.HashMap<>();
            operation.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p));
            if (operation.path("operationId").asText().startsWith("Query")) {
                queries.add(name);
                assertThat(parameters).as(name).containsKeys("q", "limit", "start", "sort", "replyWithCount",
                        "count", "fields", "groupBy", "filterName");
                assertThat(parameters.get("q").at("/schema/type").asText()).isEqualTo("array");
                assertThat(parameters.get("limit").at("/schema/type").asText()).isEqualTo("integer");
                assertThat(parameters.get("count").at("/schema/type").asText()).isEqualTo("boolean");
            }
            Set<String> statuses = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(name).contains("400", "408", "414", "431", "500", "503");
            if (op.getKey().equals("put") || op.getKey().equals("post")) {
                assertThat(statuses).as(name).contains("413", "415");
            }
            statuses.stream().filter(s -> !s.equals("200") && !s.equals("202")).forEach(status -> assertThat(
                    operation.at("/responses/" + status + "/content/application~1json/schema/$ref").asText())
                    .as(name + " " + status).endsWith("/ZStackError"));
        }));
        assertThat(queries).contains("get /zstack/v1/hosts", "get /zstack/v1/vm-instances", "get /zstack/v1/tpms");
        JsonNode updateTpm = doc.at("/paths/~1zstack~1v1~1tpms/put");
        assertThat(updateTpm.at("/responses/202/content/application~1json/schema/required/0").asText())
                .isEqualTo("location");
        List<String> headers = new java.util.ArrayList<>();
        updateTpm.path("parameters").forEach(p -> headers.add(p.path("name").asText()));
        assertThat(headers).contains("X-Job-UUID", "X-API-Timeout", "X-Web-Hook", "X-JSON-Schema");
        assertThat(doc.at("/paths/~1zstack~1v1~1vm-instances~1{vmInstanceUuid}~1guesttools-state/put/responses")
                .has("202")).as("UpdateGuestToolsState is synchronous in ZStack").isFalse();
        JsonNode poll = doc.at("/paths/~1zstack~1v1~1api-jobs~1{uuid}/get/responses");
        assertThat(poll.has("200") && poll.has("202") && poll.has("404") && poll.has("503")).isTrue();
        JsonNode tooMany = doc.at("/paths/~1zstack~1v1~1accounts~1login/put/responses/429");
        assertThat(tooMany.at("/headers/Retry-After/required").asBoolean()).isTrue();
        assertThat(doc.at("/paths/~1zstack~1v1~1iam2~1virtual-ids/post/responses").has("429")).isTrue();
    }

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    private static Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (InjectableBean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)
                .stream().map(b -> (InjectableBean<?>) b).toList()) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null || !type.getPackageName().startsWith("org.zstack.cp")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                METHODS.forEach((annotation, verb) -> {
                    if (method.isAnnotationPresent(annotation)) {
                        Path sub = method.getAnnotation(Path.class);
                        routes.add(verb + " " + root.value() + (sub == null ? "" : sub.value()));
                    }
                });
            }
        }
        return routes;
    }
}
