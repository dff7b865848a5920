package org.zstack.cp.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A password from a request: never trimmed, and masked wherever it is printed or serialized,
 * so that a record holding one can be logged safely. {@link #reveal()} is the only way to the text.
 */
@Schema(type = SchemaType.STRING, description = "A password; never trimmed, never answered or logged")
@JsonDeserialize(using = Password.Deserializer.class)
@JsonSerialize(using = ToStringSerializer.class)
public final class Password {
    public static final String MASK = "******";
    private final String value;

    public Password(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    public int length() {
        return value.length();
    }

    /** Fails with SYS.1007 unless the password has {@code min..max} characters and matches {@code pattern}. */
    public void check(String field, int min, int max, Pattern pattern) {
        if (value.length() < min || value.length() > max) {
            throw ApiException.invalidArgument("field [" + field + "] must have " + min + " to " + max + " characters");
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw ApiException.invalidArgument("field [" + field + "] has characters that are not allowed");
        }
    }

    @Override
    public String toString() {
        return MASK;
    }

    static final class Deserializer extends StdDeserializer<Password> {
        Deserializer() {
            super(Password.class);
        }

        @Override
        public Password deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Password) ctxt.handleUnexpectedToken(Password.class, p);
            }
            return new Password(p.getText());
        }
    }
}
