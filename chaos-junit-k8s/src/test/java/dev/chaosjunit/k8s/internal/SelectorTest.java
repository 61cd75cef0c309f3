package dev.chaosjunit.k8s.internal;

import dev.chaosjunit.k8s.internal.select.Selector;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectorTest {

    @Test
    void equalityAndSetBasedTermsAreEvaluatedExactly() {
        Selector s = Selector.parse("app=carts, env in (prod,staging), tier notin (db), !legacy, team");
        assertThat(s.matches(Map.of("app", "carts", "env", "prod", "tier", "web", "team", "a"))).isTrue();
        assertThat(s.matches(Map.of("app", "carts", "env", "dev", "team", "a"))).as("env not in the set").isFalse();
        assertThat(s.matches(Map.of("app", "carts", "env", "prod", "tier", "db", "team", "a"))).isFalse();
        assertThat(s.matches(Map.of("app", "carts", "env", "prod", "legacy", "x", "team", "a"))).isFalse();
        assertThat(s.matches(Map.of("app", "carts", "env", "prod"))).as("team missing").isFalse();
        assertThat(s.serverSideLabels()).as("only equality goes to the server").containsExactly(Map.entry("app", "carts"));
    }

    @Test
    void notEqualsAndDoubleEquals() {
        Selector s = Selector.parse("app==carts,version!=v2");
        assertThat(s.matches(Map.of("app", "carts"))).isTrue();
        assertThat(s.matches(Map.of("app", "carts", "version", "v2"))).isFalse();
    }

    @Test
    void syntaxErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> Selector.parse("")).hasMessage("is empty: expected a label selector such as"
                + " \"app=carts\" (an empty selector would match every pod of the namespace)");
        assertThatThrownBy(() -> Selector.parse("app=carts,,x")).hasMessage("has an empty term: expected terms"
                + " separated by single commas");
        assertThatThrownBy(() -> Selector.parse("env in (a,b")).hasMessage("has an unclosed '(': expected a set"
                + " such as \"env in (a,b)\"");
        assertThatThrownBy(() -> Selector.parse("=carts")).hasMessage("term \"=carts\" has no key before the operator");
        assertThatThrownBy(() -> Selector.parse("app=car ts")).hasMessage("term \"app=car ts\" has an invalid value"
                + " \"car ts\": expected up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or"
                + " digit");
        assertThatThrownBy(() -> Selector.parse("app foo")).hasMessage("term \"app foo\" is not understood: expected"
                + " key=value, key!=value, key in (a,b), key notin (a,b), key or !key");
        assertThatThrownBy(() -> Selector.parse("-app=x")).hasMessageStartingWith("term \"-app=x\" has an invalid key");
    }
}
