package dev.herald.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Herald's REST API, under {@code /api}. */
@ApplicationPath("api")
public class HeraldApplication extends Application {
}
