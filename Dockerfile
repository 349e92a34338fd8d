# Herald on the official Payara Micro 7 image for JDK 21 (docs/operations.md has the details).
# Build the WAR first, then the image:
#   mvn package && docker build -t herald .
#   docker run --stop-timeout 20 -p 8080:8080 -e HERALD_SHUTDOWN_DRAIN_TIMEOUT_MS=10000 herald
FROM payara/micro:7.2026.11-jdk21

# Configuration comes from the environment: MicroProfile Config maps HERALD_SHUTDOWN_DRAIN_TIMEOUT_MS to
# herald.shutdown.drain-timeout-ms, and so on for every setting in docs/configuration.md. JVM_ARGS and
# MEM_MAX_RAM_PERCENTAGE are the base image's own hooks for JVM options.
# docker stop sends SIGKILL 10 s after SIGTERM unless told otherwise: give it the drain timeout plus about 5 s.
STOPSIGNAL SIGTERM

# ROOT.war is served at the context root "/". The image already runs as its non-root user "payara" (uid 1000);
# saying so here keeps it true whatever the base image does next.
COPY --chown=payara:payara target/herald.war ${DEPLOY_DIR}/ROOT.war
COPY --chown=payara:payara server-config/pre-boot-container.txt /opt/payara/config/pre-boot-commands.txt
COPY --chown=payara:payara server-config/post-boot-commands.txt /opt/payara/config/post-boot-commands.txt
USER payara

# 8080: HTTP and WebSocket, /health, /metrics, /openapi. 6900: Hazelcast, for clustering.
EXPOSE 8080 6900

# No token minting in an image meant to be deployed: tokens come from your identity provider, signed with the secret
# you give as HERALD_JWT_SECRET (at least 32 bytes). Without it, Herald signs with a random key and accepts no token.
ENV HERALD_TOKENS_MINTING_ENABLED=false

# Liveness only: a draining instance reports not ready but must not be called unhealthy. No curl in the image, so
# bash's /dev/tcp makes the request.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The base image's entrypoint execs java, so SIGTERM reaches Payara Micro, which drains Herald before it exits.
# Inside a container HTTP must listen on every interface, so the loopback-only pre-boot file of a developer's machine
# is not applied here; pre-boot-container.txt holds what else the server needs before it starts.
CMD ["--deploymentDir", "/opt/payara/deployments", "--contextroot", "/", \
     "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.txt", \
     "--postbootcommandfile", "/opt/payara/config/post-boot-commands.txt"]
