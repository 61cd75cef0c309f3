package dev.chaosjunit.springboot;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders}: {@code 201} with payment {@code authorized}, or {@code 202} with payment {@code pending}
 * when the payments fallback answered.
 */
@RestController
public class OrdersController {

    private final PaymentsClient payments;

    public OrdersController(PaymentsClient payments) {
        this.payments = payments;
    }

    @PostMapping("/orders")
    public ResponseEntity<Order> place(@RequestBody OrderRequest request) {
        if (request == null || request.item() == null || request.item().isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        String id = UUID.randomUUID().toString();
        PaymentsClient.Payment payment = payments.authorize(id, request.item());
        Order order = new Order(id, request.item(), payment.status());
        return ResponseEntity.status(payment.authorized() ? HttpStatus.CREATED : HttpStatus.ACCEPTED).body(order);
    }

    /** The request body of {@code POST /orders}. */
    public record OrderRequest(String item) {
    }

    /** The answer of {@code POST /orders}. */
    public record Order(String id, String item, String payment) {
    }
}
