package org.zstack.cp.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenAPI document that a running service serves at {@code /q/openapi}, as the contract every answer under
 * {@code /zstack/v1} must keep: an answer of a documented operation validates against that operation (status,
 * headers, body, with no field the document does not name); an answer under {@code /zstack/v1} that no operation
 * documents (an unknown path, a method a path does not take) is a ZStack error. Requests are not checked: the
 * suite sends bad ones on purpose. Other paths ({@code /q/*}, the agents' {@code /zstack/asyncrest/callback}) are
 * outside the document and not checked.
 */
public final class OpenApiContract {
    private static final String API = "/zstack/v1/";
    private static final Set<String> UNDOCUMENTED = Set.of(
            "validation.request.path.missing", "validation.request.operation.notAllowed");
    private static final Map<String, OpenApiContract> SERVED = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final List<Pattern> paths;

    private OpenApiContract(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIParser().readContents(document, null, options).getOpenAPI();
        if (api == null || api.getPaths() == null) {
            throw new IllegalStateException("the served OpenAPI document cannot be read");
        }
        LevelResolver levels = LevelResolver.create()
                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR).build();
        this.validator = OpenApiInteractionValidator.createFor(api).withLevelResolver(levels).build();
        this.schemas = new SchemaValidator(api, new MessageResolver(levels));
        this.paths = api.getPaths().keySet().stream()
                .map(template -> Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")))
                .toList();
    }

    /** The contract of the service at {@code base} (scheme, host and port), read once. */
    public static OpenApiContract servedBy(URI base) {
        return SERVED.computeIfAbsent(base.getScheme() + "://" + base.getAuthority(), OpenApiContract::load);
    }

    private static OpenApiContract load(String base) {
        try {
            HttpResponse<String> served = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() != 200) {
                throw new IllegalStateException(base + "/q/openapi answered " + served.statusCode());
            }
            return new OpenApiContract(served.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + base + "/q/openapi", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether answers to {@code uri} are checked at all. */
    public static boolean covers(URI uri) {
        return uri.getRawPath() != null && uri.getRawPath().startsWith(API);
    }

    /** Fails with the document's complaints unless the answer to {@code method uri} keeps the contract. */
    public static void check(String method, URI uri, int status, Map<String, List<String>> headers, String body) {
        if (covers(uri)) {
            servedBy(uri).verify(method, uri, status, headers, body);
        }
    }

    /** The same for an answer of the JDK client; returns it, so that it chains. */
    public static <T extends HttpResponse<String>> T checked(T answer) {
        check(answer.request().method(), answer.uri(), answer.statusCode(), answer.headers().map(), answer.body());
        return answer;
    }

    private void verify(String method, URI uri, int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        Request.Method verb = Arrays.stream(Request.Method.values())
                .filter(m -> m.name().equals(method.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        String path = routed(uri.getRawPath());
        ValidationReport report = verb == null || paths.stream().noneMatch(p -> p.matcher(path).matches())
                ? undocumented(status, body) : validator.validateResponse(path, verb, response.build());
        if (report.getMessages().stream().anyMatch(m -> UNDOCUMENTED.contains(m.getKey()))) {
            report = verb == Request.Method.HEAD ? ValidationReport.empty() : undocumented(status, body);
        }
        if (report.hasErrors()) {
            throw new AssertionError("the answer to " + method + " " + uri + " breaks /q/openapi:\n"
                    + report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(m -> "  " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n"))
                    + "\n  status " + status + ", body " + body);
        }
    }

    /**
     * The path as the service routes it: dot segments (also percent-encoded) resolved, empty segments and
     * matrix parameters ({@code ;name=value}) dropped, no trailing slash.
     */
    static String routed(String rawPath) {
        String path = rawPath.replaceAll("(?i)%2e", ".").replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
        path = URI.create(path).normalize().getRawPath();
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** No operation documents this request, so the answer must be a ZStack error. */
    private ValidationReport undocumented(int status, String body) {
        if (status < 400) {
            return ValidationReport.singleton(ValidationReport.Message.create("zstack.undocumented",
                    "an undocumented path or method answered " + status).build());
        }
        return schemas.validate(body == null ? "" : body,
                new Schema<>().$ref("#/components/schemas/ZStackError"), "response.body");
    }
}
