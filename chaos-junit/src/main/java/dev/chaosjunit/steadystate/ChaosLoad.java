package dev.chaosjunit.steadystate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of the test class (static or not, no parameters) that returns the {@code LoadDriver} a
 * {@link SteadyState#load()} refers to. It is called when the experiment starts, after {@code @BeforeAll} and
 * {@code @BeforeEach}, so it can use ports and URLs known only at run time.
 *
 * <pre>{@code
 * @ChaosLoad("checkout")
 * static LoadDriver checkout() {
 *     return LoadDriver.target(shop.url()).scenario(SockShopUser.scenario()).maxConnections(32);
 * }
 * }</pre>
 *
 * <p>The load profile (rate or users, duration) comes from {@link SteadyState}; one set on the driver is replaced.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChaosLoad {

    /** The name {@link SteadyState#load()} uses; the method name when empty. */
    String value() default "";
}
