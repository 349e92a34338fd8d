package dev.herald.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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
        return ShrinkWrap.createFromZipFile(WebArchive.class, HERALD_WAR).addClasses(fixtures);
    }

    /**
     * Adds MicroProfile Config settings to a deployment, as its {@code META-INF/microprofile-config.properties}.
     *
     * @param archive    the deployment
     * @param properties lines such as {@code "herald.delivery.heartbeat.interval-ms=500"}
     * @return the same deployment
     */
    public static WebArchive withConfig(WebArchive archive, String... properties) {
        return archive.addAsResource(new StringAsset(String.join("\n", properties) + "\n"),
                "META-INF/microprofile-config.properties");
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
