package dev.herald.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiPathsTest {

    @Test
    void withoutPatterns_templateWithRegexContainingBraces_keepsOnlyTheParameterName() {
        assertThat(OpenApiPaths.withoutPatterns("/api/users/{id: [0-9]{1,18}}")).isEqualTo("/api/users/{id}");
    }

    @Test
    void withoutPatterns_plainTemplatesAndSeveralParameters_areLeftOrCleanedAlike() {
        assertThat(OpenApiPaths.withoutPatterns("/api/registry")).isEqualTo("/api/registry");
        assertThat(OpenApiPaths.withoutPatterns("/api/rooms/{room}")).isEqualTo("/api/rooms/{room}");
        assertThat(OpenApiPaths.withoutPatterns("/a/{x:[a-z]+}/b/{ y : \\d{2} }/c")).isEqualTo("/a/{x}/b/{y}/c");
    }
}
