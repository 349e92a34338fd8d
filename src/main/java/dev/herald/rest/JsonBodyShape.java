package dev.herald.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a JSON request body against the Java type it is about to be bound to, before JSON-B sees it, and refuses
 * what JSON-B would otherwise quietly accept: a number where a string belongs ({@code "room":5} would become
 * {@code "5"}), an explicit {@code null} for a field (it would read as if the field were absent), a fraction where a
 * whole number belongs, duplicate keys (the last would win), and anything after the JSON value. Each refusal is a
 * {@link Refused} whose message, written here for the client, names the offending field, such as
 * {@code delivery.windowMs}.
 *
 * <p>Records are checked field by field, lists element by element; a field of type {@link JsonValue} (a free-form
 * payload) may hold any JSON, but its objects must not repeat a key either. Types it does not know are left to
 * JSON-B. Thread-safe and stateless apart from a cache of each record's fields.
 */
final class JsonBodyShape {

    /**
     * The deepest nesting of arrays and objects a body may have, counted from the body itself. Parsson, which reads
     * every body, fails past 1,000 levels with a bare {@code RuntimeException}; this limit comes first.
     */
    static final int MAX_DEPTH = 500;

    static final String DETAIL_EMPTY = "The body is empty: send a JSON object";
    static final String DETAIL_SYNTAX = "The body is not valid JSON (line %d, column %d)";
    static final String DETAIL_NOT_UTF8 = "The body is not valid UTF-8 (byte %d): send JSON text in UTF-8";
    static final String DETAIL_TRUNCATED = "The body ends before its JSON value does: it is cut short";
    static final String DETAIL_TOO_DEEP = "%s: nests arrays and objects deeper than " + MAX_DEPTH + " levels";
    static final String DETAIL_TRAILING = "The body goes on after its JSON value (line %d, column %d): send exactly one"
            + " JSON value";
    static final String DETAIL_DUPLICATE = "%s: the key \"%s\" appears more than once";
    static final String DETAIL_UNKNOWN = "%s: there is no such field; check its spelling against the API description";
    static final String DETAIL_NULL = "%s: must be %s; leave the field out instead of sending null";
    static final String DETAIL_TYPE = "%s: must be %s";

    private static final String BODY = "body";
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

    private JsonBodyShape() {
    }

    /**
     * @param body the request body, whole
     * @param type the type it will be bound to, such as a record with its generic information
     * @throws Refused when the body is empty, not UTF-8, not one JSON value, nested too deep, repeats a key, or holds a value of
     *                 the wrong kind for its field; the message names the field
     */
    static void check(byte[] body, Type type) {
        if (isBlank(body)) {
            throw new Refused(DETAIL_EMPTY);
        }
        requireUtf8(body);
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body))) {
            parser.next();
            value(parser, type, BODY, 1);
            requireEnd(parser, body.length);
        } catch (JsonParsingException e) {
            throw located(DETAIL_SYNTAX, e.getLocation(), body.length);
        } catch (JsonException e) {
            // Bytes that decode to no text at all: Parsson reports these without a location.
            throw new Refused(DETAIL_SYNTAX.formatted(1, 1));
        }
    }

    // Parsson would read a malformed sequence as U+FFFD, which would then reach every recipient as if sent.
    private static void requireUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(body.length), true);
        if (result.isError()) {
            throw new Refused(DETAIL_NOT_UTF8.formatted(in.position() + 1));
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    // The parser stands on the first event of the value; depth counts the arrays and objects it opens, from 1 for the
    // body.
    private static void value(JsonParser parser, Type type, String path, int depth) {
        Class<?> raw = rawClass(type);
        Kind kind = raw == null || JsonValue.class.isAssignableFrom(raw) ? null : Kind.of(raw);
        if (kind == null) {
            anyValue(parser, path, depth);
            return;
        }
        JsonParser.Event event = parser.currentEvent();
        if (event == JsonParser.Event.VALUE_NULL) {
            // Left out and null read the same once bound, so a null would silently mean "absent".
            throw new Refused((BODY.equals(path) ? DETAIL_TYPE : DETAIL_NULL).formatted(path, kind.description));
        }
        switch (kind) {
            case RECORD -> record(parser, raw, path, depth);
            case LIST -> list(parser, elementType(type), path, depth);
            default -> scalar(parser, kind, path);
        }
    }

    private static void record(JsonParser parser, Class<?> type, String path, int depth) {
        requireEvent(parser, JsonParser.Event.START_OBJECT, Kind.RECORD, path);
        Map<String, Type> fields = FIELDS.computeIfAbsent(type, JsonBodyShape::fieldsOf);
        Set<String> seen = new HashSet<>();
        while (parser.next() != JsonParser.Event.END_OBJECT) {
            String key = parser.getString();
            String field = BODY.equals(path) ? key : path + "." + key;
            if (!seen.add(key)) {
                throw new Refused(DETAIL_DUPLICATE.formatted(path, key));
            }
            Type fieldType = fields.get(key);
            if (fieldType == null) {
                throw new Refused(DETAIL_UNKNOWN.formatted(field));
            }
            parser.next();
            value(parser, fieldType, field, depth + 1);
        }
    }

    private static void list(JsonParser parser, Type elementType, String path, int depth) {
        requireEvent(parser, JsonParser.Event.START_ARRAY, Kind.LIST, path);
        int index = 0;
        while (parser.next() != JsonParser.Event.END_ARRAY) {
            value(parser, elementType, path + "[" + index++ + "]", depth + 1);
        }
    }

    private static void scalar(JsonParser parser, Kind kind, String path) {
        JsonParser.Event event = parser.currentEvent();
        boolean fits = switch (kind) {
            case STRING -> event == JsonParser.Event.VALUE_STRING;
            case BOOLEAN -> event == JsonParser.Event.VALUE_TRUE || event == JsonParser.Event.VALUE_FALSE;
            case NUMBER -> event == JsonParser.Event.VALUE_NUMBER;
            case INT, LONG -> event == JsonParser.Event.VALUE_NUMBER && fitsWhole(parser.getBigDecimal(), kind);
            case RECORD, LIST -> false;
        };
        if (!fits) {
            throw new Refused(DETAIL_TYPE.formatted(path, kind.description));
        }
    }

    private static boolean fitsWhole(BigDecimal number, Kind kind) {
        try {
            if (kind == Kind.INT) {
                number.intValueExact();
            } else {
                number.longValueExact();
            }
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    // Free-form JSON: any shape, walked without recursion so that deep nesting costs no stack, checking only that no
    // object repeats a key.
    private static void anyValue(JsonParser parser, String path, int depth) {
        JsonParser.Event event = parser.currentEvent();
        if (event != JsonParser.Event.START_OBJECT && event != JsonParser.Event.START_ARRAY) {
            return;
        }
        Deque<Set<String>> open = new ArrayDeque<>();
        open.push(keysOf(event));
        while (!open.isEmpty()) {
            if (depth + open.size() - 1 > MAX_DEPTH) {
                throw new Refused(DETAIL_TOO_DEEP.formatted(path));
            }
            switch (parser.next()) {
                case KEY_NAME -> {
                    if (!open.peek().add(parser.getString())) {
                        throw new Refused(DETAIL_DUPLICATE.formatted(path, parser.getString()));
                    }
                }
                case START_OBJECT, START_ARRAY -> open.push(keysOf(parser.currentEvent()));
                case END_OBJECT, END_ARRAY -> open.pop();
                default -> {
                    // A scalar inside the value: nothing to check.
                }
            }
        }
    }

    // Arrays have no keys: an empty, unmodifiable set stands in for them and is never added to.
    private static Set<String> keysOf(JsonParser.Event start) {
        return start == JsonParser.Event.START_OBJECT ? new HashSet<>() : Collections.emptySet();
    }

    // Parsson reports content after the value from hasNext(), as a parsing exception at that content.
    private static void requireEnd(JsonParser parser, int length) {
        try {
            if (parser.hasNext()) {
                throw located(DETAIL_TRAILING, parser.getLocation(), length);
            }
        } catch (JsonParsingException e) {
            throw located(DETAIL_TRAILING, e.getLocation(), length);
        }
    }

    private static void requireEvent(JsonParser parser, JsonParser.Event wanted, Kind kind, String path) {
        if (parser.currentEvent() != wanted) {
            throw new Refused(DETAIL_TYPE.formatted(path, kind.description));
        }
    }

    // Parsson 1.1.7 places the end of the input past its last byte.
    private static Refused located(String detail, JsonLocation location, int length) {
        if (location != null && location.getStreamOffset() >= length) {
            return new Refused(DETAIL_TRUNCATED);
        }
        long line = location == null ? 1 : Math.max(1, location.getLineNumber());
        long column = location == null ? 1 : Math.max(1, location.getColumnNumber());
        return new Refused(detail.formatted(line, column));
    }

    // The JSON names of a record's fields: the component's name, or its @JsonbProperty, which Java puts on the
    // accessor (the annotation cannot target a record component itself).
    private static Map<String, Type> fieldsOf(Class<?> type) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonbProperty renamed = component.getAccessor().getAnnotation(JsonbProperty.class);
            String name = renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
            fields.put(name, component.getGenericType());
        }
        return Map.copyOf(fields);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            return raw;
        }
        return null;
    }

    private static Type elementType(Type listType) {
        return listType instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : null;
    }

    /** The kinds of field this checker knows, with how a detail describes the value each needs. */
    private enum Kind {
        STRING("a string"),
        BOOLEAN("true or false"),
        INT("a whole number (32 bits)"),
        LONG("a whole number (64 bits)"),
        NUMBER("a number"),
        LIST("an array"),
        RECORD("a JSON object");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        static Kind of(Class<?> type) {
            if (type.isRecord()) {
                return RECORD;
            }
            if (Collection.class.isAssignableFrom(type)) {
                return LIST;
            }
            if (type == String.class) {
                return STRING;
            }
            if (type == Boolean.class || type == boolean.class) {
                return BOOLEAN;
            }
            if (type == Integer.class || type == int.class) {
                return INT;
            }
            if (type == Long.class || type == long.class) {
                return LONG;
            }
            if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
                return NUMBER;
            }
            return null;
        }
    }

    /** A body that is not strictly of its type. The message is written for the client and names the field. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String detail) {
            super(detail, null, false, false);
        }
    }
}
