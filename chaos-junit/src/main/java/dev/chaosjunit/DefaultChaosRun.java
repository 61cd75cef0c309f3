package dev.chaosjunit;

import dev.chaosjunit.internal.Experiment;
import dev.chaosjunit.fault.FaultEvent;
import dev.chaosjunit.network.ProxyAddress;
import dev.chaosjunit.network.internal.ProxyView;
import dev.chaosjunit.steadystate.LoadResults;
import dev.chaosjunit.check.SteadyStateCheck;
import dev.chaosjunit.check.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ChaosRun} backed by the test's experiment. */
final class DefaultChaosRun implements ChaosRun {

    private final Experiment experiment;
    private final ProxyView proxies;

    DefaultChaosRun(Experiment experiment, ProxyView proxies) {
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
    public LoadResults load() {
        List<LoadResults> loads = loads();
        if (loads.size() == 1) {
            return loads.get(0);
        }
        if (loads.isEmpty()) {
            throw new IllegalStateException("this test declares no steady-state load: add @SteadyState(...) to read"
                    + " run.load()");
        }
        throw new IllegalStateException("this test declares " + loads.size() + " steady-state loads ("
                + names(loads) + "): use run.load(name)");
    }

    @Override
    public LoadResults load(String name) {
        List<LoadResults> loads = loads();
        return loads.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no steady-state load named \"" + name + "\""
                        + (loads.isEmpty() ? ": this test declares none" : "; known: " + names(loads))));
    }

    private List<LoadResults> loads() {
        return experiment.declarations().checks().stream().filter(c -> c instanceof LoadResults.Source)
                .map(c -> ((LoadResults.Source) c).loadResults()).collect(Collectors.toList());
    }

    private static String names(List<LoadResults> loads) {
        return loads.stream().map(l -> "\"" + l.name() + "\"").collect(Collectors.joining(", "));
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
