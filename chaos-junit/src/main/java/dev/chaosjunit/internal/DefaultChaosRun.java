package dev.chaosjunit.internal;

import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.internal.ProxyView;
import dev.chaosjunit.steadystate.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link ChaosRun} backed by the test's experiment. */
public final class DefaultChaosRun implements ChaosRun {

    private final Experiment experiment;
    private final ProxyView proxies;

    public DefaultChaosRun(Experiment experiment, ProxyView proxies) {
        this.experiment = experiment;
        this.proxies = proxies;
    }

    @Override
    public ProxyAddress proxy(String name) {
        return proxies.address(name);
    }

    @Override
    public Set<String> proxyNames() {
        return proxies.names();
    }

    @Override
    public long seed() {
        return experiment.seed();
    }

    @Override
    public Path journal() {
        return experiment.journal();
    }

    @Override
    public Optional<Duration> window() {
        return experiment.declarations().window();
    }

    @Override
    public List<FaultEvent> timeline() {
        return experiment.timeline();
    }

    @Override
    public List<Verdict> verdicts() {
        return experiment.verdicts();
    }
}
