package dev.chaosjunit.prometheus.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** The text of Prometheus API calls: the base URL's rules, form encoding, time values, transport errors. */
public final class ApiText {

    private ApiText() {
    }

    public static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** One form-encoded value. */
    public static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String seconds(Instant t) {
        return new java.math.BigDecimal(t.getEpochSecond()).add(java.math.BigDecimal.valueOf(t.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    public static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    public static URI parseBaseUrl(String url) {
        String valid = "expected an absolute http:// or https:// URL of the Prometheus server, for example "
                + "\"http://127.0.0.1:9090\"";
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Prometheus URL is empty: " + valid);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Prometheus URL \"" + url + "\" is not a URL (" + e.getReason()
                    + "): " + valid);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("Prometheus URL \"" + url + "\" is not valid: " + valid);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Prometheus URL \"" + url + "\" must not have a query or fragment: "
                    + valid);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Prometheus URL \"" + url.replace(uri.getRawUserInfo(), "***")
                    + "\" must not carry credentials: use basicAuth(...) or bearerToken(...)");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
