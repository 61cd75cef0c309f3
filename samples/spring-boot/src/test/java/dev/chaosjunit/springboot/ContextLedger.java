package dev.chaosjunit.springboot;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContext;

/**
 * What each test class saw of the Spring context and the chaos proxy, kept for the whole JVM, so that a later class
 * can compare itself with the earlier ones.
 */
final class ContextLedger {

    /**
     * One class's view.
     *
     * @param testClass      the class
     * @param context        its application context (compared by identity)
     * @param paymentsClient the {@link PaymentsClient} bean (compared by identity)
     * @param configuredPort the payments port the context was configured with ({@code payments.base-url})
     * @param proxyPort      the port of the extension's proxy "payments" while this class ran
     */
    record Entry(Class<?> testClass, ApplicationContext context, PaymentsClient paymentsClient, int configuredPort,
            int proxyPort) {
    }

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    private ContextLedger() {
    }

    static void record(Entry entry) {
        ENTRIES.removeIf(e -> e.testClass() == entry.testClass());
        ENTRIES.add(entry);
    }

    static List<Entry> entries() {
        return List.copyOf(ENTRIES);
    }

    static Optional<Entry> of(Class<?> testClass) {
        return ENTRIES.stream().filter(e -> e.testClass() == testClass).findFirst();
    }
}
