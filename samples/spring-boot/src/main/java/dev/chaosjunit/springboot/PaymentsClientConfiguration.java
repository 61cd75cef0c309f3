package dev.chaosjunit.springboot;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The payments {@link RestClient}: base URL and timeouts from {@link PaymentsProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
public class PaymentsClientConfiguration {

    // snippet:request-factory
    /** The JDK {@code HttpClient} with the configured connect and read timeouts. */
    @Bean
    ClientHttpRequestFactory paymentsRequestFactory(PaymentsProperties payments) {
        ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
                .withConnectTimeout(payments.connectTimeout())
                .withReadTimeout(payments.readTimeout());
        return ClientHttpRequestFactoryBuilder.jdk().build(settings);
    }

    @Bean
    RestClient paymentsRestClient(RestClient.Builder builder, PaymentsProperties payments,
            ClientHttpRequestFactory paymentsRequestFactory) {
        return builder.baseUrl(payments.baseUrl().toString()).requestFactory(paymentsRequestFactory).build();
    }
    // end-snippet

    @Bean
    PaymentsClient paymentsClient(RestClient paymentsRestClient) {
        return new PaymentsClient(paymentsRestClient);
    }
}
