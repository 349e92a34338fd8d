package dev.herald.support;

import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Builds the WARs the integration tests deploy: the Herald WAR that {@code mvn package} built, exactly as it ships,
 * plus the fixtures a test needs.
 */
public final class Deployments {

    private static final File HERALD_WAR = new File("target/herald.war");

    private static final String CONFIG_PATH = "WEB-INF/classes/META-INF/microprofile-config.properties";

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
     * Adds MicroProfile Config settings to a deployment: appends them to the WAR's own
     * {@code META-INF/microprofile-config.properties}, whose settings stay.
     *
     * @param archive    the deployment
     * @param properties lines such as {@code "herald.delivery.heartbeat.interval-ms=500"}
     * @return the same deployment
     */
    public static WebArchive withConfig(WebArchive archive, String... properties) {
        String shipped = "";
        Node node = archive.get(CONFIG_PATH);
        if (node != null && node.getAsset() != null) {
            try (InputStream in = node.getAsset().openStream()) {
                shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException("Reading " + CONFIG_PATH + " failed", e);
            }
            archive.delete(CONFIG_PATH);
        }
        return archive.add(new StringAsset(shipped + String.join("\n", properties) + "\n"), CONFIG_PATH);
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
