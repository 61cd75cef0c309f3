package dev.chaosjunit.samples.rollout.service1;

import dev.chaosjunit.samples.rollout.common.Settings;

/** Entry point of the service1 image: reads the environment, serves until the process is stopped. */
public final class Service1Main {

    private Service1Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Service1Config config;
        try {
            config = Service1Config.from(Settings.fromEnvironment());
        } catch (IllegalArgumentException e) {
            System.err.println("service1: " + e.getMessage());
            System.exit(2);
            return;
        }
        Service1 service = Service1.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "service1-shutdown"));
        System.out.println("service1 version " + Service1.VERSION + " listening on " + service.url() + ", service2 at "
                + config.service2Url() + " (timeout " + config.service2Timeout().toMillis() + "ms)");
        Thread.currentThread().join();
    }
}
