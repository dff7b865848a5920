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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
