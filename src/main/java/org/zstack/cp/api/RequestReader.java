package org.zstack.cp.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Turns a JSON node into validated parameters and reads the tags of a body. */
@Singleton
public class RequestReader {
    private final ObjectMapper mapper;
    private final Validator validator;

    public RequestReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <P> P read(JsonNode node, Class<P> type) {
        NulCharacters.rejectIn(node);
        P params;
        try {
            params = mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ErrorMapper.translate(e.getCause() instanceof JsonProcessingException c ? c : e);
        }
        Set<ConstraintViolation<P>> violations = validator.validate(params);
        if (!violations.isEmpty()) {
            throw ApiException.invalidArgument(violations.stream()
                    .map(v -> "field [" + v.getPropertyPath() + "] " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        if (params instanceof CheckedParams checked) {
            checked.check();
        }
        return params;
    }

    /** The tags at the top level of the body, joined with any inside the action object. */
    public Tags tags(JsonNode body, JsonNode actionNode) {
        List<String> system = new ArrayList<>();
        List<String> user = new ArrayList<>();
        for (JsonNode node : List.of(body, actionNode)) {
            if (node != null && node.isObject()) {
                addTags(node, "systemTags", TagForm::systemTag, system);
                addTags(node, "userTags", TagForm::userTag, user);
            }
        }
        return system.isEmpty() && user.isEmpty() ? Tags.NONE : new Tags(List.copyOf(system), List.copyOf(user));
    }

    private static void addTags(JsonNode node, String field, UnaryOperator<String> form, List<String> into) {
        JsonNode tags = node.get(field);
        if (tags == null || tags.isNull()) {
            return;
        }
        if (!tags.isArray()) {
            throw ApiException.badRequest("field [" + field + "] has the wrong type; expected a list of strings");
        }
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) {
                throw ApiException.badRequest("field [" + field + "] has the wrong type; expected a list of strings");
            }
            NulCharacters.check(field, tag.textValue());
            String text = form.apply(tag.textValue());
            if (!into.contains(text)) {
                into.add(text);
            }
        }
    }
}
