# service2 of the rollout-safety sample, one image tag per version (the VERSION build argument):
#   docker build -f docker/service2.Dockerfile --build-arg VERSION=v1 -t chaos-junit/rollout-service2:v1 .
# v1 the running version, v2 a new fine one, v3 never ready (/health answers 503), v4 ready but slow
# (every count request waits SERVICE2_SLOW_DELAY, 2s by default). See scripts/rollout-safety-up.sh.
FROM eclipse-temurin:17-jre
ARG VERSION=v1
COPY target/rollout-safety-services.jar /app/services.jar
USER 10001
EXPOSE 8000
ENV PORT=8000 SERVICE2_VERSION=${VERSION} SERVICE2_SLOW_DELAY=2s
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/services.jar", "dev.chaosjunit.samples.rollout.service2.Service2Main"]
