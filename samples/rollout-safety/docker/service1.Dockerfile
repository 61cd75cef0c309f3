# service1 of the rollout-safety sample. Build the jar first, then the image, from samples/rollout-safety:
#   mvn -B -ntp -pl samples/rollout-safety -am package -DskipTests        (from the project root)
#   docker build -f docker/service1.Dockerfile -t chaos-junit/rollout-service1:v2 .
# scripts/rollout-safety-up.sh does both and loads the images into kind.
FROM eclipse-temurin:17-jre
COPY target/rollout-safety-services.jar /app/services.jar
USER 10001
EXPOSE 8000
ENV PORT=8000 SERVICE2_URL=http://service2:8000 SERVICE2_TIMEOUT=500ms
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/services.jar", "dev.chaosjunit.samples.rollout.service1.Service1Main"]
