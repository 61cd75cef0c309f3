package dev.chaosjunit.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small checkout service: {@code POST /orders} authorizes the payment with a downstream "payments" service
 * through a {@link org.springframework.web.client.RestClient} with connect and read timeouts, and accepts the order
 * as pending when payments is slow or down (see {@link PaymentsClient}).
 */
@SpringBootApplication
public class CheckoutApplication {

    public static void main(String[] args) {
        SpringApplication.run(CheckoutApplication.class, args);
    }
}
