package org.zstack.cp.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A record's components as the JSON properties Jackson writes for it, in declaration order. */
final class RecordFields {
    private record Accessor(String name, Method method) {
    }

    private static final ClassValue<List<Accessor>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Accessor> computeValue(Class<?> type) {
            List<Accessor> accessors = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method method = component.getAccessor();
                if (method.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                method.setAccessible(true);
                JsonProperty property = method.getAnnotation(JsonProperty.class);
                String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
                accessors.add(new Accessor(name, method));
            }
            return List.copyOf(accessors);
        }
    };

    private RecordFields() {
    }

    /** The JSON property names of a record class. */
    static List<String> names(Class<? extends Record> type) {
        return ACCESSORS.get(type).stream().map(Accessor::name).toList();
    }

    /** Each JSON property of the record and its value; null values included. */
    static Map<String, Object> of(Record record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Accessor accessor : ACCESSORS.get(record.getClass())) {
            values.put(accessor.name(), read(record, accessor.method()));
        }
        return values;
    }

    private static Object read(Record record, Method accessor) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + " of " + record.getClass().getName(), e);
        }
    }
}
