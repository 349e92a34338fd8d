package dev.herald.rest;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JAX-RS path templates with regular expressions ({@code /api/users/{id: [0-9]{1,18}}}) into OpenAPI path
 * templates ({@code /api/users/{id}}). Payara Micro 7.2026.11 copies the JAX-RS template into {@code /openapi} as it
 * is, which no OpenAPI client can match. Registered with {@code mp.openapi.filter}.
 */
public class OpenApiPaths implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new TreeMap<>(paths.getPathItems());
        items.forEach((template, item) -> {
            String plain = withoutPatterns(template);
            if (!plain.equals(template)) {
                paths.removePathItem(template);
                paths.addPathItem(plain, item);
            }
        });
    }

    /**
     * @param template a JAX-RS path template
     * @return the template with every {@code {name: regex}} written as {@code {name}}
     */
    static String withoutPatterns(String template) {
        StringBuilder plain = new StringBuilder(template.length());
        int depth = 0;
        boolean inPattern = false;
        for (char c : template.toCharArray()) {
            if (depth == 0) {
                plain.append(c);
                depth = c == '{' ? 1 : 0;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                plain.append(c);
                inPattern = false;
                continue;
            } else if (c == ':' && depth == 1) {
                inPattern = true;
            }
            if (!inPattern && depth == 1 && !Character.isWhitespace(c)) {
                plain.append(c);
            }
        }
        return plain.toString();
    }
}
