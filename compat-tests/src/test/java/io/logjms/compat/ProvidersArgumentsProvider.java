package io.logjms.compat;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Supplies the selected providers to a {@link ProviderTest}. Each provider is started once per test engine run
 * and shared by all scenarios; it is stopped when the engine finishes (see {@link RunningProviders}).
 */
final class ProvidersArgumentsProvider implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        RunningProviders running = RunningProviders.of(context);
        return Providers.selectedFor(context.getRequiredTestClass()).stream()
                .map(kind -> Arguments.of(running.get(kind)));
    }
}
