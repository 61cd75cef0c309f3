package dev.chaosjunit.internal;

import dev.chaosjunit.ChaosRun;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.internal.ProxyView;
import dev.chaosjunit.steadystate.SteadyStateCheck;
import dev.chaosjunit.steadystate.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    @Override
    public <T extends SteadyStateCheck> T check(Class<T> type) {
        List<T> matching = experiment.declarations().checks().stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toList());
        if (matching.size() != 1) {
            throw new IllegalArgumentException((matching.isEmpty() ? "no" : matching.size()) + " steady-state "
                    + "check(s) of type " + type.getName() + " in this experiment: its checks are "
                    + experiment.declarations().checks().stream().map(c -> c.name() + " (" + c.getClass().getName()
                            + ")").collect(Collectors.toList()));
        }
        return matching.get(0);
    }
}
