package dev.herald.channel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestUriFilterTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "/chat,                NULL,            true",
            "/feed,                topics=a%2Cb,    true",
            "/user,                access_token=x.y.z, true",
            "/rooms/lobby,         '',              true",
            "/feed,                topics=a&x=%zz,  false",
            "/chat,                %zz,             false",
            "/chat,                x=%4,            false",
            "/rooms/%zz,           NULL,            false",
            "/chat,                x=a b,           false",
    })
    void isValidUri_acceptsWhatUriParses_only(String path, String query, boolean valid) {
        assertThat(RequestUriFilter.isValidUri(path, query)).isEqualTo(valid);
    }
}
