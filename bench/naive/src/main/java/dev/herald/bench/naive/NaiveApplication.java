package dev.herald.bench.naive;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The naive baseline's REST API lives under {@code /api}, like Herald's. */
@ApplicationPath("api")
public class NaiveApplication extends Application {
}
