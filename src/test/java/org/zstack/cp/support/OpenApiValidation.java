package org.zstack.cp.support;

import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A RestAssured filter, installed for every RestAssured call of the suite, that checks each answer's contract. */
public final class OpenApiValidation implements OrderedFilter {
    private static final OpenApiValidation FILTER = new OpenApiValidation();

    private OpenApiValidation() {
    }

    /** Called by {@link OpenApiValidationExtension} before every test class, in the test's class loader. */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        Map<String, List<String>> headers = response.getHeaders().asList().stream().collect(Collectors.groupingBy(
                Header::getName, LinkedHashMap::new, Collectors.mapping(Header::getValue, Collectors.toList())));
        OpenApiContract.check(request.getMethod(), URI.create(request.getURI()), response.getStatusCode(), headers,
                response.asString());
        return response;
    }

    /** Last of the filters, next to the wire, so that it sees the answer as the service sent it. */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
