package org.zstack.cp.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one place where failures become ZStack error bodies. Every exception type that Quarkus
 * would otherwise answer itself is listed so that this mapper wins over the built-in ones.
 */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
    private final MeterRegistry metrics;

    public ErrorMapper(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper(value = {Throwable.class, WebApplicationException.class, NotFoundException.class,
            NotSupportedException.class, ProcessingException.class,
            JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, JsonParseException.class, InputCoercionException.class,
            ConstraintViolationException.class, CompletionException.class, ApiException.class},
            priority = 1)
    public Response map(Throwable failure) {
        ApiException e = translate(failure);
        metrics.counter("zstack.errors", "code", e.code().code(), "status", String.valueOf(e.status())).increment();
        Response.ResponseBuilder answer = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE);
        if (e instanceof RetryLater later) {
            answer.header("Retry-After", later.retryAfterSeconds());
        }
        return answer.entity(ErrorReply.of(e)).build();
    }

    /** The ZStack error body that answers the failure. */
    public static ErrorReply reply(Throwable failure) {
        return ErrorReply.of(translate(failure));
    }

    public static ApiException translate(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api;
        }
        if (t instanceof JsonParseException parse) {
            return ApiException.badRequest("the body is not valid JSON (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")");
        }
        if (t instanceof MismatchedInputException mismatch) {
            return ApiException.badRequest("field [" + fieldPath(mismatch) + "] has the wrong type; expected "
                    + (mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName()));
        }
        if (t instanceof InputCoercionException coercion) {
            return ApiException.badRequest("a number is out of range for its field; expected "
                    + coercion.getTargetType().getSimpleName());
        }
        if (t instanceof JsonProcessingException) {
            return ApiException.badRequest("the body is not a valid request");
        }
        if (t instanceof ConstraintViolationException cve) {
            return ApiException.invalidArgument(cve.getConstraintViolations().stream()
                    .map(v -> "field [" + v.getPropertyPath() + "] " + v.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        if (t instanceof NotFoundException || t instanceof NotAllowedException) {
            int status = ((WebApplicationException) t).getResponse().getStatus();
            return new ApiException(ErrorCode.NO_ROUTE, status, "no API serves this method and path", null);
        }
        if (t instanceof NotSupportedException) {
            return new ApiException(ErrorCode.INVALID_ARGUMENT, 415,
                    "the request's Content-Type is not supported; send application/json", null);
        }
        if (ClientDisconnects.isDisconnect(t)) {
            LOG.debugf("the client went away before its answer was sent: %s", t.toString());
            return new ApiException(ErrorCode.INTERNAL, 500, "the client closed the connection", null);
        }
        if (t instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
            return new ApiException(ErrorCode.INVALID_ARGUMENT, wae.getResponse().getStatus(),
                    "the request is not acceptable: " + wae.getResponse().getStatusInfo().getReasonPhrase(), null);
        }
        if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                || DatabaseErrors.isPoolWaitTimeout(t)) {
            return ApiException.timeout("the operation timed out");
        }
        if (DatabaseErrors.isUnstorableText(t)) {
            return ApiException.invalidArgument("a text field holds a character that cannot be stored (such as U+0000)");
        }
        if (DatabaseErrors.isUnavailable(t)) {
            LOG.warnf("database unavailable: %s", t.toString());
            return new ApiException(ErrorCode.INTERNAL, 503, "the database is unavailable", null);
        }
        LOG.error("unexpected failure", failure);
        return new ApiException(ErrorCode.INTERNAL, 500, "an unexpected error happened; see the service log", null);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ProcessingException
                || (t instanceof WebApplicationException && t.getCause() != null)
                || t.getClass().getName().startsWith("org.hibernate.")) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }
}
