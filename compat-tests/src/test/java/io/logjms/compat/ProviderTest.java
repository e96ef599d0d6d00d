package io.logjms.compat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Marks a scenario that runs once against every provider in {@link Providers}. The method takes one
 * {@link JmsProviderUnderTest} parameter; each invocation is named after the provider. The provider outlives the
 * invocation ({@code autoCloseArguments = false}): {@link RunningProviders} stops it when the engine run ends.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}", autoCloseArguments = false)
@ArgumentsSource(ProvidersArgumentsProvider.class)
public @interface ProviderTest {
}
