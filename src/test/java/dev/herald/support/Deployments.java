package dev.herald.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * Builds the WARs the integration tests deploy: the Herald WAR that {@code mvn package} built, exactly as it ships,
 * plus the fixtures a test needs.
 */
public final class Deployments {

    private static final File HERALD_WAR = new File("target/herald.war");

    private Deployments() {
    }

    /**
     * @param fixtures test classes to add (resources, beans); they must be top-level classes
     * @return the Herald WAR with the fixtures
     */
    public static WebArchive herald(Class<?>... fixtures) {
        if (!HERALD_WAR.isFile()) {
            throw new IllegalStateException(HERALD_WAR + " is missing: run the ITs with `mvn verify`, which packages it first");
        }
        createAuditDirectory();
        // Every deployment carries the token audit, so the logs of the whole suite are checked (see LogAuditIT).
        return ShrinkWrap.createFromZipFile(WebArchive.class, HERALD_WAR).addClasses(fixtures)
                .addClass(dev.herald.fixture.TokenLogAudit.class);
    }

    // Payara Micro refuses to start when its --accessLog directory (see arquillian.xml) does not exist.
    private static void createAuditDirectory() {
        String audit = System.getProperty("herald.test.audit.dir");
        if (audit != null) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(audit, "access"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * The adapter reports the machine's external address; the tests talk to loopback only.
     *
     * @param deployed the URL Arquillian injected
     * @return the same URL on 127.0.0.1
     */
    public static URI onLoopback(URL deployed) {
        try {
            URI uri = deployed.toURI();
            return new URI(uri.getScheme(), uri.getUserInfo(), "127.0.0.1", uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(deployed.toString(), e);
        }
    }
}
