# Herald on the official Payara Micro 7 image for JDK 21.
# Build the WAR first (mvn package), then: docker build -t herald . && docker run -p 8080:8080 herald
FROM payara/micro:7.2026.11-jdk21

# ROOT.war is served at the context root "/".
COPY --chown=payara:payara target/herald.war ${DEPLOY_DIR}/ROOT.war
COPY --chown=payara:payara server-config/post-boot-commands.txt /opt/payara/config/post-boot-commands.txt

EXPOSE 8080

# No token minting in an image meant to be deployed: tokens come from your identity provider, signed with the secret
# you give as HERALD_JWT_SECRET (at least 32 bytes). Without it, Herald signs with a random key and accepts no token.
ENV HERALD_TOKENS_MINTING_ENABLED=false

# The image runs as its non-root user "payara". Inside a container HTTP must listen on every interface, so the
# loopback-only pre-boot file used for local runs is deliberately not applied here.
CMD ["--deploymentDir", "/opt/payara/deployments", "--postbootcommandfile", "/opt/payara/config/post-boot-commands.txt", "--contextroot", "/"]
