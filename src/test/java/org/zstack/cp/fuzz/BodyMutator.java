package org.zstack.cp.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Mutates a valid JSON body, one or two things at a time: a field of the wrong type, missing or extra keys, a wrong
 * or doubled action key, hostile strings, tags, and at the byte level invalid JSON, invalid UTF-8, deep nesting.
 */
final class BodyMutator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PLAIN = MAPPER.writer();
    private static final ObjectWriter ASCII = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final List<String> INVALID_JSON = List.of("{", "}", "{'a': 1}", "{\"a\":}", "nul", "[1,]",
            "{\"a\":1,}", "/* c */{}", "{\"a\" 1}", "\"unterminated", "{\"a\":tru}", "{\"a\":01}", "{\"a\":+1}",
            "{\"a\":.5}", "{\"a\":NaN}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{,}", "{{}}",
            "{\"a\":[1,2}", "\u0000{}", "{\"a\":\"b\"\u0000}");
    /** Bodies that are JSON but not an object. */
    private static final List<String> NOT_OBJECTS = List.of("[]", "[1, 2]", "1", "\"text\"", "true", "-0.5", "[{}]");
    private final Values values;

    BodyMutator(Values values) {
        this.values = values;
    }

    /** Applies one or two mutations to {@code c.json} and serializes it into {@code c.body}. */
    void mutate(FuzzCase c) {
        int n = values.chance(0.3) ? 2 : 1;
        for (int i = 0; i < n && c.body == null; i++) {
            if (!mutateOnce(c)) {
                break;
            }
        }
    }

    /** Serializes {@code c.json}, unless a raw mutation has already set the bytes. */
    void finish(FuzzCase c) {
        if (c.body != null || c.json == null) {
            return;
        }
        c.validationOnly = c.json != null && asksValidationOnly(c);
        String text;
        try {
            text = (values.chance(0.3) ? ASCII : PLAIN).writeValueAsString(c.json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        c.body = substitutePlaceholders(c, text);
    }

    /** Answers false when the mutation forbids a second one (it fixed the expected answer). */
    private boolean mutateOnce(FuzzCase c) {
        int roll = values.random().nextInt(100);
        if (roll < 18) {
            Slot slot = anySlot(c.json);
            if (slot != null) {
                JsonNode value = values.node();
                slot.set(value);
                c.mutated("wrong type at " + slot.path + ": " + abbreviate(value), null);
            }
        } else if (roll < 28) {
            Slot slot = anySlot(c.json);
            if (slot != null) {
                slot.remove();
                c.mutated("missing " + slot.path, null);
            }
        } else if (roll < 36) {
            ObjectNode target = anyObject(c.json);
            String key = values.pick(List.of("extra", "uuid", "Name", "NAME", "__proto__", "systemtags", "",
                    "session", "a".repeat(300), "\u0000", "名前", values.string()));
            target.set(key, values.node());
            c.mutated("extra key [" + abbreviate(key) + "]", null);
        } else if (roll < 52) {
            Slot slot = stringSlot(c.json);
            if (slot != null) {
                String value = values.string();
                slot.set(Values.JSON.textNode(value));
                c.mutated("hostile string at " + slot.path + ": " + abbreviate(value), null);
            }
        } else if (roll < 60) {
            return mutateActionKey(c);
        } else if (roll < 68) {
            ObjectNode target = values.chance(0.7) || c.actionKey == null || !(c.json.get(c.actionKey) instanceof ObjectNode)
                    ? c.json : (ObjectNode) c.json.get(c.actionKey);
            String field = values.chance(0.5) ? "systemTags" : "userTags";
            if (values.chance(0.3)) {
                ArrayNode tags = Values.JSON.arrayNode().add(values.pick(List.of("validationOnly", " validationOnly ",
                        "validationonly", "validationOnly::true")));
                target.set("systemTags", tags);
                c.mutated("systemTags " + tags, null);
            } else {
                JsonNode tags = values.tags();
                target.set(field, tags);
                c.mutated(field + " " + abbreviate(tags), null);
            }
        } else if (roll < 73) {
            Slot slot = anySlot(c.json);
            if (slot != null) {
                slot.set(Values.JSON.nullNode());
                c.mutated("null at " + slot.path, null);
            }
        } else if (roll < 77) {
            Slot slot = anySlot(c.json);
            if (slot != null) {
                slot.set(Values.JSON.textNode(Values.DEEP));
                c.mutated("deep nesting at " + slot.path, null);
            }
        } else if (roll < 81) {
            Slot slot = stringSlot(c.json);
            if (slot != null) {
                slot.set(Values.JSON.textNode(values.pick(List.of("a", "")) + Values.BAD_UTF8));
                c.mutated("invalid UTF-8 at " + slot.path, null);
            }
        } else if (roll < 84) {
            Slot slot = stringSlot(c.json);
            if (slot != null) {
                slot.set(Values.JSON.textNode("a" + Values.RAW_CONTROL));
                c.mutated("raw control character at " + slot.path, null);
            }
        } else {
            rawMutation(c);
        }
        return true;
    }

    private boolean mutateActionKey(FuzzCase c) {
        if (c.actionKey == null || !c.json.has(c.actionKey)) {
            c.json.set(values.pick(List.of("startVmInstance", "params", "logInByAccount", "updateTpm", "nope")),
                    Values.JSON.objectNode());
            c.mutated("an action key of another path", null);
            return true;
        }
        JsonNode params = c.json.remove(c.actionKey);
        switch (values.random().nextInt(6)) {
            case 0 -> {
                String key = randomCase(c.actionKey);
                c.json.set(key, params);
                c.mutated("action key cased " + key, null);
            }
            case 1 -> {
                String key = values.pick(List.of(c.actionKey + "X", c.actionKey.substring(1), "_" + c.actionKey,
                        c.actionKey + " ", c.actionKey.replace('a', '4'), c.actionKey + "\u0000"));
                c.json.set(key, params);
                c.mutated("action key misspelt [" + key.replace("\u0000", "\\0") + "]",
                        c.bareBodyAllowed ? null : Expect.INVALID);
                return c.bareBodyAllowed;
            }
            case 2 -> {
                c.json.set(c.actionKey, params);
                String second = c.otherActionKeys.isEmpty() || values.chance(0.4) ? randomCase(c.actionKey)
                        : values.pick(c.otherActionKeys);
                if (second.equals(c.actionKey)) {
                    second = c.actionKey.toUpperCase(Locale.ROOT);
                }
                c.json.set(second, Values.JSON.objectNode());
                c.mutated("second action key " + second, Expect.INVALID);
                return false;
            }
            case 3 -> {
                if (params instanceof ObjectNode object) {
                    object.fields().forEachRemaining(e -> c.json.set(e.getKey(), e.getValue()));
                }
                c.mutated("params without the action key", c.bareBodyAllowed ? null : Expect.INVALID);
                return c.bareBodyAllowed;
            }
            case 4 -> {
                JsonNode value = values.chance(0.5) ? Values.JSON.arrayNode().add(params)
                        : Values.JSON.textNode(params.toString());
                c.json.set(c.actionKey, value);
                c.mutated("action value " + value.getNodeType(), new Expect(java.util.Set.of("SYS.1007"), null, false));
                return false;
            }
            default -> {
                c.json.set(c.actionKey, values.node());
                c.mutated("action value replaced", null);
            }
        }
        return true;
    }

    private void rawMutation(FuzzCase c) {
        String serialized = c.json.toString();
        byte[] bytes = serialized.getBytes(StandardCharsets.UTF_8);
        switch (values.random().nextInt(9)) {
            case 0 -> {
                c.body = new byte[0];
                c.mutated("empty body", c.bareBodyAllowed ? null : Expect.INVALID);
            }
            case 1 -> {
                int cut = values.between(1, bytes.length - 1);
                c.body = java.util.Arrays.copyOf(bytes, cut);
                c.mutated("truncated at " + cut, Expect.BAD_JSON);
            }
            case 2 -> {
                String text = values.pick(INVALID_JSON);
                c.body = text.getBytes(StandardCharsets.UTF_8);
                c.mutated("invalid JSON " + text.replace("\u0000", "\\0"), Expect.BAD_JSON);
            }
            case 3 -> {
                String text = values.pick(NOT_OBJECTS);
                c.body = text.getBytes(StandardCharsets.UTF_8);
                c.mutated("not an object: " + text, Expect.BAD_JSON);
            }
            case 4 -> {
                c.body = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
                c.mutated("byte order mark", null);
            }
            case 5 -> {
                Iterator<String> keys = c.json.fieldNames();
                String key = keys.hasNext() ? keys.next() : "a";
                c.body = ("{\"" + key + "\": " + values.pick(List.of("1", "null", "{}", "[]")) + ", "
                        + serialized.substring(1)).getBytes(StandardCharsets.UTF_8);
                c.mutated("duplicate key " + key, null);
            }
            case 6 -> {
                boolean arrays = values.chance(0.5);
                c.body = Values.deep(values.pick(List.of(1000, 1001, 5000)), arrays).getBytes(StandardCharsets.UTF_8);
                c.mutated("body nested " + (arrays ? "arrays" : "objects"), arrays ? Expect.BAD_JSON : null);
            }
            case 7 -> {
                c.body = (" ".repeat(values.pick(List.of(1000, 100_000))) + serialized + "\n\n")
                        .getBytes(StandardCharsets.UTF_8);
                c.mutated("whitespace padding", null);
            }
            default -> {
                c.body = (values.pick(List.of("null", "{}", "{\"systemTags\": null}", "{\"userTags\": []}")))
                        .getBytes(StandardCharsets.UTF_8);
                c.mutated("almost empty body " + new String(c.body, StandardCharsets.UTF_8), null);
            }
        }
    }

    /** Replaces the placeholders of {@link Values} with bytes no JSON writer produces. */
    private byte[] substitutePlaceholders(FuzzCase c, String text) {
        if (!text.contains("@@FUZZ-")) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int at = text.indexOf("@@FUZZ-", i);
            if (at < 0) {
                out.writeBytes(text.substring(i).getBytes(StandardCharsets.UTF_8));
                break;
            }
            if (text.startsWith("\"" + Values.DEEP + "\"", at - 1)) {
                out.writeBytes(text.substring(i, at - 1).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(Values.deep(values.pick(List.of(998, 1000, 1500)), values.chance(0.5))
                        .getBytes(StandardCharsets.UTF_8));
                i = at + Values.DEEP.length() + 1;
            } else if (text.startsWith(Values.BAD_UTF8, at)) {
                out.writeBytes(text.substring(i, at).getBytes(StandardCharsets.UTF_8));
                int kind = values.random().nextInt(5);
                out.writeBytes(switch (kind) {
                    case 0 -> new byte[]{(byte) 0xFF};
                    case 1 -> new byte[]{(byte) 0x80};
                    case 2 -> new byte[]{(byte) 0xC3, (byte) 0x28};
                    case 3 -> new byte[]{(byte) 0xC0, (byte) 0xAF};
                    default -> new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80};
                });
                if (kind < 3) {
                    c.mutated("(bytes not UTF-8)", Expect.BAD_JSON);
                }
                i = at + Values.BAD_UTF8.length();
            } else if (text.startsWith(Values.RAW_CONTROL, at)) {
                out.writeBytes(text.substring(i, at).getBytes(StandardCharsets.UTF_8));
                out.write(values.pick(List.of(0x00, 0x01, 0x0A, 0x1F)));
                c.mutated("(raw control byte)", Expect.BAD_JSON);
                i = at + Values.RAW_CONTROL.length();
            } else {
                out.writeBytes(text.substring(i, at + 2).getBytes(StandardCharsets.UTF_8));
                i = at + 2;
            }
        }
        return out.toByteArray();
    }

    /** Whether the service reads the tag validationOnly: at the top level, or inside the object of a known action. */
    private static boolean asksValidationOnly(FuzzCase c) {
        List<JsonNode> holders = new ArrayList<>();
        holders.add(c.json);
        List<String> actions = new ArrayList<>(c.otherActionKeys);
        if (c.actionKey != null) {
            actions.add(c.actionKey);
        }
        c.json.fields().forEachRemaining(e -> {
            if (actions.stream().anyMatch(a -> a.equalsIgnoreCase(e.getKey()))) {
                holders.add(e.getValue());
            }
        });
        for (JsonNode holder : holders) {
            JsonNode tags = holder.get("systemTags");
            if (tags != null && tags.isArray()) {
                for (JsonNode tag : tags) {
                    if (tag.isTextual() && tag.textValue().trim().equals("validationOnly")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String randomCase(String key) {
        StringBuilder sb = new StringBuilder();
        for (char ch : key.toCharArray()) {
            sb.append(values.chance(0.5) ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
        }
        return sb.toString();
    }

    /** A place in the tree that holds a value: an object's field or an array's element. */
    private static final class Slot {
        final JsonNode container;
        final String key;
        final int index;
        final String path;

        Slot(JsonNode container, String key, int index, String path) {
            this.container = container;
            this.key = key;
            this.index = index;
            this.path = path;
        }

        JsonNode get() {
            return key != null ? container.get(key) : container.get(index);
        }

        void set(JsonNode value) {
            if (key != null) {
                ((ObjectNode) container).set(key, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void remove() {
            if (key != null) {
                ((ObjectNode) container).remove(key);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, String path, List<Slot> into) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                into.add(new Slot(object, name, -1, path + "." + name));
                collect(object.get(name), path + "." + name, into);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                into.add(new Slot(array, null, i, path + "[" + i + "]"));
                collect(array.get(i), path + "[" + i + "]", into);
            }
        }
    }

    private Slot anySlot(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        return slots.isEmpty() ? null : values.pick(slots);
    }

    /** Prefers string fields, the ones the service's rules read. */
    private Slot stringSlot(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        List<Slot> strings = slots.stream().filter(s -> s.get() != null && s.get().isTextual()).toList();
        return !strings.isEmpty() ? values.pick(strings) : slots.isEmpty() ? null : values.pick(slots);
    }

    private ObjectNode anyObject(ObjectNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(root);
        slots.stream().map(Slot::get).filter(n -> n instanceof ObjectNode).map(n -> (ObjectNode) n).forEach(objects::add);
        return values.pick(objects);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String abbreviate(Object value) {
        return abbreviate(value, 60);
    }

    static String abbreviate(Object value, int max) {
        String text = String.valueOf(value).replace("\u0000", "\\0");
        return text.length() > max ? text.substring(0, max) + "...(" + text.length() + " chars)" : text;
    }
}
