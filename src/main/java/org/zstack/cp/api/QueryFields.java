package org.zstack.cp.api;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The inventory fields a resource lets clients query and sort on, each with the entity attribute
 * it reads and the type its values are converted to before they are bound, and the inventory record
 * whose fields {@code fields=} may select.
 */
public final class QueryFields {
    /** One queryable field; {@code text} fields alone take the LIKE operators. */
    public record Field(String name, String attribute, Function<String, Object> parser, boolean text) {
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final String idAttribute;
    private List<String> inventoryFields = List.of();

    private QueryFields(String idAttribute) {
        this.idAttribute = idAttribute;
    }

    /** Fields of an entity whose primary key attribute is {@code idAttribute}. */
    public static QueryFields keyedBy(String idAttribute) {
        return new QueryFields(idAttribute);
    }

    public QueryFields text(String... names) {
        for (String name : names) {
            fields.put(name, new Field(name, name, v -> v, true));
        }
        return this;
    }

    public QueryFields integer(String... names) {
        for (String name : names) {
            fields.put(name, new Field(name, name, v -> parseNumber(name, v, Integer::valueOf), false));
        }
        return this;
    }

    public QueryFields number(String... names) {
        for (String name : names) {
            fields.put(name, new Field(name, name, v -> parseNumber(name, v, Long::valueOf), false));
        }
        return this;
    }

    public QueryFields date(String... names) {
        for (String name : names) {
            fields.put(name, new Field(name, name, v -> parseDate(name, v), false));
        }
        return this;
    }

    /** An enum field; the constants are passed in, so that no reflection is needed to list them. */
    public <E extends Enum<E>> QueryFields enumeration(String name, E[] constants) {
        fields.put(name, new Field(name, name, v -> parseEnum(name, v, constants), false));
        return this;
    }

    /** The inventory the query answers with; {@code fields=} selects among its fields. */
    public QueryFields inventory(Class<? extends Record> inventory) {
        inventoryFields = RecordFields.names(inventory);
        return this;
    }

    /** The names, if each is a field of the inventory; null stays null (all fields). */
    public List<String> selectable(List<String> names) {
        if (names == null) {
            return null;
        }
        for (String name : names) {
            if (!inventoryFields.contains(name)) {
                throw ApiException.invalidArgument("[fields] names [" + name + "], which is not a field of the "
                        + "inventory; the fields are " + inventoryFields);
            }
        }
        return names;
    }

    public Field get(String name) {
        Field field = fields.get(name);
        if (field == null) {
            throw ApiException.invalidArgument("[" + name + "] is not a field that can be queried; the fields are "
                    + fields.keySet());
        }
        return field;
    }

    public String idAttribute() {
        return idAttribute;
    }

    private static Object parseNumber(String name, String value, Function<String, Object> parse) {
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidArgument("field [" + name + "] takes a number, not [" + value + "]");
        }
    }

    private static Object parseDate(String name, String value) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(value.trim()));
        } catch (NumberFormatException notMillis) {
            try {
                return ZonedDateTime.parse(value.trim(), ZStackJson.DATE_FORMAT).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.invalidArgument("field [" + name + "] takes a date in milliseconds or as "
                        + "'MMM d, yyyy h:mm:ss a', not [" + value + "]");
            }
        }
    }

    private static <E extends Enum<E>> Object parseEnum(String name, String value, E[] constants) {
        for (E constant : constants) {
            if (constant.name().equals(value.trim())) {
                return constant;
            }
        }
        throw ApiException.invalidArgument("field [" + name + "] takes one of "
                + java.util.Arrays.toString(constants) + ", not [" + value + "]");
    }
}
