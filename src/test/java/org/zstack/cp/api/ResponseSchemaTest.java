package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;

import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.capacity;

/**
 * ZStack's {@code schema} (a map of JSON paths to ZStack class names, by which the ZStack SDK picks the class of
 * each object) on every query answer and, with {@code X-JSON-Schema}, on other success bodies; and the query
 * parameters {@code count}, {@code fields}, {@code groupBy}, {@code filterName}.
 */
@QuarkusTest
class ResponseSchemaTest {
    private static final String VM = "org.zstack.header.vm.VmInstanceInventory";
    private static final String HOST = "org.zstack.kvm.KVMHostInventory";
    private static final String IMAGE_STORE = "org.zstack.storage.backup.imagestore.ImageStoreBackupStorageInventory";
    private static final String VIRTUAL_ID = "org.zstack.iam2.entity.IAM2VirtualIDInventory";
    private static final String ATTRIBUTE = "org.zstack.iam2.entity.IAM2VirtualIDAttributeInventory";
    private static final String GUEST_TOOLS = "org.zstack.guesttools.GuestToolsStateInventory";
    private static final String SESSION = "org.zstack.header.identity.SessionInventory";
    private static final String SYSTEM_TAG = "org.zstack.header.tag.SystemTagInventory";
    private static final String USER_TAG = "org.zstack.header.tag.UserTagInventory";
    private static final String TPM = "org.zstack.header.tpm.entity.TpmInventory";
    private static final String TPM_HOST_REF = "org.zstack.header.tpm.entity.TpmHostRefInventory";
    private static final String KEY_PROVIDER = "org.zstack.header.keyprovider.KeyProviderInventory";
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

    /** A query route, the class of its inventories, and the nested list field with the class of its elements. */
    private record Route(String path, String inventoryClass, String nestedField, String nestedClass) {
        Route(String path, String inventoryClass) {
            this(path, inventoryClass, null, null);
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("/zstack/v1/hosts", HOST),
            new Route("/zstack/v1/vm-instances", VM),
            new Route("/zstack/v1/backup-storage/image-store", IMAGE_STORE),
            new Route("/zstack/v1/iam2/virtual-ids", VIRTUAL_ID, "attributes", ATTRIBUTE),
            new Route("/zstack/v1/guesttools", GUEST_TOOLS),
            new Route("/zstack/v1/tpms", TPM, "hostRefs", TPM_HOST_REF),
            new Route("/zstack/v1/key-providers", KEY_PROVIDER),
            new Route("/zstack/v1/system-tags", SYSTEM_TAG),
            new Route("/zstack/v1/user-tags", USER_TAG));

    private static String host;
    private static String vm;
    private static String tpm;
    private static String backupStorage;
    private static String virtualId;

    /** Once per class, but in a {@code @BeforeEach}, where RestAssured already points at the test port. */
    @BeforeEach
    void oneOfEach() {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(100, 50)));
        if (host != null) {
            return;
        }
        host = Fixtures.addHost();
        vm = Fixtures.createVm(host, "CreateStopped");
        String keyProvider = Fixtures.uuid(Api.as().body(Fixtures.tagged(Fixtures.keyProviderBody("kp-schema"),
                List.of("schema::system"), List.of("schema-user"))).post("/zstack/v1/key-providers"));
        tpm = Fixtures.addTpm(vm, keyProvider);
        Api.as().body("{\"startVmInstance\": {}}").put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200);
        backupStorage = Fixtures.uuid(new Fixtures.BackupStorage(Fixtures.loopbackIp(), AGENT.port())
                .withPassword("bs-schema-secret").add());
        virtualId = Fixtures.uuid(Api.as().body(virtualIdBody("a1", "a2")).post("/zstack/v1/iam2/virtual-ids"));
    }

    /** A virtual ID with an attribute named each of {@code attributes}. */
    private static Map<String, Object> virtualIdBody(String... attributes) {
        return Fixtures.virtualIdBody(Fixtures.uniqueName("vid-"), "Vid-schema-9f3e", Map.of("attributes",
                Arrays.stream(attributes).map(name -> Map.of("name", name, "value", "value-of-" + name)).toList()));
    }

    private static Map<String, Object> body(RequestSpecification request, String path) {
        return request.get(path).then().statusCode(200).extract().as(Map.class);
    }

    /** What the schema of a query answer must be: every inventory and every element of its nested list. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> expectedSchema(Route route, Map<String, Object> answer) {
        Map<String, String> expected = new LinkedHashMap<>();
        List<Map<String, Object>> inventories = (List<Map<String, Object>>) answer.get("inventories");
        for (int i = 0; i < inventories.size(); i++) {
            expected.put("inventories[" + i + "]", route.inventoryClass());
            Object nested = route.nestedField() == null ? null : inventories.get(i).get(route.nestedField());
            if (nested != null) {
                for (int j = 0; j < ((List<?>) nested).size(); j++) {
                    expected.put("inventories[" + i + "]." + route.nestedField() + "[" + j + "]",
                            route.nestedClass());
                }
            }
        }
        return expected;
    }

    @Test
    void everyQueryAnswerListsTheClassOfEveryInventoryAndOfWhatIsNestedInIt() {
        for (Route route : ROUTES) {
            Map<String, Object> answer = body(Api.as(), route.path());
            assertThat((List<?>) answer.get("inventories")).as(route.path()).isNotEmpty();
            assertThat(answer.get("schema")).as(route.path()).isEqualTo(expectedSchema(route, answer));
        }
        Map<String, Object> virtualIds = body(Api.as().queryParam("q", "uuid=" + virtualId),
                "/zstack/v1/iam2/virtual-ids");
        assertThat(virtualIds.get("schema")).isEqualTo(Map.of("inventories[0]", VIRTUAL_ID,
                "inventories[0].attributes[0]", ATTRIBUTE, "inventories[0].attributes[1]", ATTRIBUTE));
        Map<String, Object> tpms = body(Api.as().queryParam("q", "uuid=" + tpm), "/zstack/v1/tpms");
        assertThat(tpms.get("schema")).isEqualTo(Map.of("inventories[0]", TPM,
                "inventories[0].hostRefs[0]", TPM_HOST_REF));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGetByUuidAndAnEmptyAnswerCarryTheSchemaToo() {
        for (String path : List.of("/zstack/v1/hosts/" + host, "/zstack/v1/vm-instances/" + vm,
                "/zstack/v1/backup-storage/image-store/" + backupStorage, "/zstack/v1/guesttools/" + vm)) {
            Map<String, Object> answer = body(Api.as(), path);
            assertThat((Map<String, Object>) answer.get("schema")).as(path).hasSize(1).containsKey("inventories[0]");
        }
        Api.as().queryParam("q", "uuid=" + "0".repeat(32)).get("/zstack/v1/hosts").then().statusCode(200)
                .body("inventories", org.hamcrest.Matchers.empty())
                .body("schema", equalTo(Map.of()));
    }

    @Test
    void countAnswersTheTotalAlone() {
        for (Route route : ROUTES) {
            long all = ((List<?>) body(Api.as().queryParam("limit", 100000), route.path()).get("inventories")).size();
            Map<String, Object> answer = body(Api.as().queryParam("count", true), route.path());
            assertThat(answer).as(route.path()).containsOnlyKeys("total", "schema");
            assertThat(((Number) answer.get("total")).longValue()).as(route.path()).isEqualTo(all);
            assertThat((Map<?, ?>) answer.get("schema")).as(route.path()).isEmpty();
        }
        Api.as().queryParam("count", true).queryParam("q", "uuid=" + vm).get("/zstack/v1/vm-instances")
                .then().statusCode(200).body("total", equalTo(1)).body("$", not(hasKey("inventories")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void fieldsTrimsEveryInventoryAndTheSchemaStillNamesItsClass() {
        for (Route route : ROUTES) {
            List<String> fields = route.path().endsWith("guesttools") ? List.of("vmInstanceUuid", "version")
                    : route.path().endsWith("-tags") ? List.of("uuid", "tag") : List.of("uuid", "name");
            Map<String, Object> answer = body(Api.as().queryParam("fields", String.join(",", fields)),
                    route.path());
            List<Map<String, Object>> inventories = (List<Map<String, Object>>) answer.get("inventories");
            assertThat(inventories).as(route.path()).isNotEmpty();
            for (Map<String, Object> inventory : inventories) {
                assertThat(fields).as(route.path()).containsAll(inventory.keySet());
                assertThat(inventory).as(route.path()).containsKey(fields.get(0));
            }
            assertThat(answer.get("schema")).as(route.path()).isEqualTo(expectedSchema(route, answer));
        }
        Object attributes = Api.as().get("/zstack/v1/iam2/virtual-ids/" + virtualId).then().statusCode(200)
                .extract().path("inventories[0].attributes");
        Api.as().queryParam("fields", "uuid, attributes").queryParam("q", "uuid=" + virtualId)
                .get("/zstack/v1/iam2/virtual-ids").then().statusCode(200)
                .body("inventories[0]", equalTo(Map.of("uuid", virtualId, "attributes", attributes)))
                .body("schema", equalTo(Map.of("inventories[0]", VIRTUAL_ID,
                        "inventories[0].attributes[0]", ATTRIBUTE, "inventories[0].attributes[1]", ATTRIBUTE)));
    }

    @Test
    void anUnknownFieldInFieldsIsAParameterError() {
        for (String fields : List.of("uuid,noSuchField", ",", "password")) {
            Api.as().queryParam("fields", fields).get("/zstack/v1/iam2/virtual-ids").then().statusCode(503)
                    .body("error.code", equalTo("SYS.1007"));
        }
        Api.as().queryParam("fields", "uuid,bogus").get("/zstack/v1/hosts").then().statusCode(503)
                .body("error.code", equalTo("SYS.1007"))
                .body("error.details", org.hamcrest.Matchers.containsString("bogus"));
    }

    @Test
    void groupByAndFilterNameAreAcceptedAndAnUnsignedSortIsAscending() {
        Api.as().queryParam("groupBy", "name").queryParam("filterName", "anything").queryParam("q", "uuid=" + vm)
                .get("/zstack/v1/vm-instances").then().statusCode(200)
                .body("inventories[0].uuid", equalTo(vm));
        List<String> ascending = Api.as().queryParam("sort", "uuid").queryParam("fields", "uuid")
                .get("/zstack/v1/hosts").then().statusCode(200).extract().path("inventories.uuid");
        assertThat(ascending).isSorted();
    }

    @Test
    void xJsonSchemaAddsTheSchemaToASyncUpdateAndWithoutItThereIsNone() {
        String update = "{\"updateImageStoreBackupStorage\": {\"name\": \"bs-schema-renamed\"}}";
        String actions = "/zstack/v1/backup-storage/image-store/" + backupStorage + "/actions";
        Api.as().header("X-JSON-Schema", "true").body(update).put(actions).then().statusCode(200)
                .body("inventory.hostname", org.hamcrest.Matchers.notNullValue())
                .body("schema", equalTo(Map.of("inventory", IMAGE_STORE)));
        Api.as().body(update).put(actions).then().statusCode(200).body("$", not(hasKey("schema")));

        String guestTools = "/zstack/v1/vm-instances/" + vm + "/guesttools-state";
        Api.as().header("X-JSON-Schema", "").body("{}").put(guestTools).then().statusCode(200)
                .body("schema", equalTo(Map.of("inventory", GUEST_TOOLS)));
        Api.as().body("{}").put(guestTools).then().statusCode(200).body("$", not(hasKey("schema")));
    }

    @Test
    void xJsonSchemaOnCreatesListsNestedObjects() {
        ValidatableResponse created = Api.as().header("X-JSON-Schema", "true").body(virtualIdBody("n"))
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200);
        created.body("schema", equalTo(Map.of("inventory", VIRTUAL_ID, "inventory.attributes[0]", ATTRIBUTE)));
        Api.as().header("X-JSON-Schema", "true").body(Fixtures.keyProviderBody("kp-schema-2"))
                .post("/zstack/v1/key-providers").then().statusCode(200)
                .body("schema", equalTo(Map.of("inventory", KEY_PROVIDER)));
        Api.as().header("X-JSON-Schema", "true").body(Fixtures.vmBody("vm-schema", host, "CreateStopped"))
                .post("/zstack/v1/vm-instances").then().statusCode(200)
                .body("schema", equalTo(Map.of("inventory", VM)));
        Api.as().body(virtualIdBody("a1", "a2")).post("/zstack/v1/iam2/virtual-ids").then().statusCode(200)
                .body("$", not(hasKey("schema")));
    }

    @Test
    void xJsonSchemaOnLoginNamesTheSession() {
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .header("X-JSON-Schema", "true")
                .body(Api.loginBody("admin", Api.sha512(Api.adminPassword())))
                .put("/zstack/v1/accounts/login").then().statusCode(200)
                .body("schema", equalTo(Map.of("inventory", SESSION)));
    }

    @Test
    void anErrorNeverCarriesASchema() {
        Api.as().header("X-JSON-Schema", "true").body("{\"updateImageStoreBackupStorage\": {\"name\": \"  \"}}")
                .put("/zstack/v1/backup-storage/image-store/" + backupStorage + "/actions").then().statusCode(503)
                .body("$", not(hasKey("schema")));
    }
}
