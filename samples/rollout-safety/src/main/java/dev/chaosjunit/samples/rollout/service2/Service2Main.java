package dev.chaosjunit.samples.rollout.service2;

import dev.chaosjunit.samples.rollout.common.Settings;

/** Entry point of the service2 image: reads the environment, serves until the process is stopped. */
public final class Service2Main {

    private Service2Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Service2Config config;
        try {
            config = Service2Config.from(Settings.fromEnvironment());
        } catch (IllegalArgumentException e) {
            System.err.println("service2: " + e.getMessage());
            System.exit(2);
            return;
        }
        Service2 service = Service2.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "service2-shutdown"));
        System.out.println("service2 version " + config.version().number() + " listening on " + service.url());
        Thread.currentThread().join();
    }
}
