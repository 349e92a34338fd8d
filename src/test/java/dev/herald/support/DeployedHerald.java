package dev.herald.support;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;

/**
 * What most integration tests start from: Herald deployed by Arquillian on a real Payara Micro (each subclass names
 * its deployment with a static {@code @Deployment} method), its base URI on loopback, and REST clients without and
 * with a publisher's token.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedHerald {

    @ArquillianResource
    URL deployed;

    /** The deployment's base URI on 127.0.0.1, such as {@code http://127.0.0.1:8080/herald/}. */
    protected URI base;

    /** A REST client without a token. */
    protected Rest rest;

    /** A REST client with a token of the {@code publisher} role. */
    protected Rest publisher;

    @BeforeEach
    void connectToDeployment() {
        base = Deployments.onLoopback(deployed);
        rest = new Rest(base);
        publisher = rest.withToken(Tokens.publisher());
    }
}
