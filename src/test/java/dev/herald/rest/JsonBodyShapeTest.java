package dev.herald.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonBodyShapeTest {

    private static String refusal(String body, Class<?> type) {
        JsonBodyShape.Refused refused = catchThrowableOfType(JsonBodyShape.Refused.class,
                () -> JsonBodyShape.check(body.getBytes(StandardCharsets.UTF_8), type));
        assertThat(refused).as(body).isNotNull();
        return refused.getMessage();
    }

    // Each body is refused for its one fault; the fields it leaves out are Jakarta Validation's to ask for later.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"room":5}                                | room: must be a string
            {"room":null}                             | room: must be a string; leave the field out instead of sending null
            {"except":123}                            | except: must be a string
            {"channel":true}                          | channel: must be a string
            {"users":"a"}                             | users: must be an array
            {"users":["a",3]}                         | users[1]: must be a string
            {"users":[null]}                          | users[0]: must be a string; leave the field out instead of sending null
            {"delivery":{"windowMs":"50"}}            | delivery.windowMs: must be a whole number (64 bits)
            {"delivery":{"windowMs":50.5}}            | delivery.windowMs: must be a whole number (64 bits)
            {"delivery":{"windowMs":1e30}}            | delivery.windowMs: must be a whole number (64 bits)
            {"delivery":null}                         | delivery: must be a JSON object; leave the field out instead of sending null
            {"delivery":[]}                           | delivery: must be a JSON object
            {"delivery":{"mod":"batched"}}            | delivery.mod: there is no such field; check its spelling against the API description
            {"channel":"chat","channel":"chat"}       | body: the key "channel" appears more than once
            {"payload":{"a":[{"k":1,"k":2}]}}         | payload: the key "k" appears more than once
            [1,2]                                     | body: must be a JSON object
            null                                      | body: must be a JSON object
            {"channel":"chat"} x                      | The body goes on after its JSON value (line 1, column 20): send exactly one JSON value
            {"channel":"chat"}{}                      | The body goes on after its JSON value (line 1, column 19): send exactly one JSON value
            {"channel" "chat"}                        | The body is not valid JSON (line 1, column 17)
            {"channel":"chat",                        | The body ends before its JSON value does: it is cut short
            """)
    void check_publishBodyNotStrictlyOfItsType_refusedNamingTheField(String body, String detail) {
        assertThat(refusal(body, PublishRequest.class)).isEqualTo(detail);
    }

    @Test
    void check_renamedFieldOfTheWrongType_namedAsTheClientSpellsIt() {
        assertThat(refusal("{\"sub\":\"a\",\"ttl_seconds\":\"long\"}", TokenRequest.class))
                .isEqualTo("ttl_seconds: must be a whole number (64 bits)");
        assertThat(refusal("{\"sub\":\"a\",\"ttlSeconds\":60}", TokenRequest.class))
                .isEqualTo("ttlSeconds: there is no such field; check its spelling against the API description");
    }

    @Test
    void check_emptyOrBlankBody_refusedAsEmpty() {
        assertThat(refusal("", NewUser.class)).isEqualTo(JsonBodyShape.DETAIL_EMPTY);
        assertThat(refusal(" \r\n", NewUser.class)).isEqualTo(JsonBodyShape.DETAIL_EMPTY);
    }

    @Test
    void check_bodyWithMalformedUtf8_refusedNamingTheFirstBadByte_notReadAsReplacementCharacters() {
        byte[] prefix = "{\"channel\":\"chat\",\"payload\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xFF;
        body[prefix.length + 1] = (byte) 0xFE;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';

        JsonBodyShape.Refused refused = catchThrowableOfType(JsonBodyShape.Refused.class,
                () -> JsonBodyShape.check(body, PublishRequest.class));

        assertThat(refused.getMessage()).isEqualTo("The body is not valid UTF-8 (byte 30): send JSON text in UTF-8");
    }

    @Test
    void check_payloadNestedPastTheLimit_refused_atTheLimit_accepted() {
        int inPayload = JsonBodyShape.MAX_DEPTH - 1;
        String atLimit = "{\"channel\":\"chat\",\"payload\":" + "[".repeat(inPayload) + "]".repeat(inPayload) + "}";
        String past = "{\"channel\":\"chat\",\"payload\":" + "[".repeat(inPayload + 1) + "]".repeat(inPayload + 1) + "}";

        assertThatCode(() -> JsonBodyShape.check(atLimit.getBytes(StandardCharsets.UTF_8), PublishRequest.class))
                .doesNotThrowAnyException();
        assertThat(refusal(past, PublishRequest.class))
                .isEqualTo("payload: nests arrays and objects deeper than 500 levels");
        assertThat(refusal("{\"channel\":\"chat\",\"payload\":" + "[".repeat(5_000), PublishRequest.class))
                .isEqualTo("payload: nests arrays and objects deeper than 500 levels");
    }

    @Test
    void check_everyFieldOfTheRightKind_andAnyPayload_accepted() {
        String body = """
                {"channel":"user","users":["a","b"],"except":"c","payload":{"x":[1,null,{"y":true}],"z":null},
                 "delivery":{"mode":"throttled","intervalMs":100,"throttleMode":"drop","key":"k"}}
                """;

        assertThatCode(() -> JsonBodyShape.check(body.getBytes(StandardCharsets.UTF_8), PublishRequest.class))
                .doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyShape.check("{\"channel\":\"chat\",\"payload\":null}  \n"
                .getBytes(StandardCharsets.UTF_8), PublishRequest.class)).doesNotThrowAnyException();
    }
}
