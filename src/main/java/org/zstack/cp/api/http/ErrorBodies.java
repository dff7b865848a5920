package org.zstack.cp.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorReply;

import java.nio.charset.StandardCharsets;

/** The ZStack error body as bytes, for the layers below Quarkus REST that answer by themselves. */
@Singleton
public class ErrorBodies {
    private final ObjectMapper mapper;

    public ErrorBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] json(ApiException e) {
        try {
            return mapper.writeValueAsBytes(ErrorReply.of(e));
        } catch (JsonProcessingException impossible) {
            return ("{\"error\":{\"code\":\"" + e.code().code() + "\"}}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
