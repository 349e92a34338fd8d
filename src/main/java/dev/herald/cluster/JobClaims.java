package dev.herald.cluster;

import com.hazelcast.map.IMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes a scheduled job run once per tick for the whole cluster. Every instance schedules the job; at each tick,
 * every instance asks for the tick and exactly one is granted it, whichever instances are alive: there is no leader
 * to lose and to elect again.
 *
 * <p>A claim is one {@code putIfAbsent} on the Hazelcast map {@value #MAP}, keyed by the job's name and the tick's
 * scheduled time, which is atomic across the cluster. Claims expire after {@value #CLAIM_TTL_SECONDS} s, far after
 * any instance could still ask for the same tick. Without a grid every claim is granted: the instance is alone.
 */
@ApplicationScoped
public class JobClaims {

    /** The Hazelcast map that holds the claims. */
    public static final String MAP = "herald.job-claims";

    static final long CLAIM_TTL_SECONDS = 3_600;

    private static final Logger LOGGER = Logger.getLogger(JobClaims.class.getName());

    @Inject
    Grid grid;

    /**
     * @param job  the job's name, the same on every instance
     * @param tick the tick's scheduled time, the same on every instance
     * @return {@code true} for the one instance that runs the job at this tick, {@code false} for all the others and
     *         when the grid cannot answer (the tick is then skipped rather than risk running twice)
     */
    public boolean claim(String job, Instant tick) {
        var hazelcast = grid.hazelcast();
        if (hazelcast.isEmpty()) {
            return true;
        }
        try {
            IMap<String, String> claims = hazelcast.get().getMap(MAP);
            String owner = grid.memberId().orElse("?");
            return claims.putIfAbsent(job + "@" + tick, owner, CLAIM_TTL_SECONDS, TimeUnit.SECONDS) == null;
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Herald cluster: could not claim " + job + " at " + tick + "; skipping it: " + e);
            return false;
        }
    }
}
