package dev.chaosjunit.toxiproxy.internal.net;

import dev.chaosjunit.toxiproxy.internal.toxic.Chunk;
import dev.chaosjunit.toxiproxy.internal.toxic.ChunkSink;
import dev.chaosjunit.toxiproxy.internal.toxic.StageContext;
import dev.chaosjunit.toxiproxy.internal.toxic.StreamDirection;
import dev.chaosjunit.toxiproxy.internal.toxic.ToxicSpec;
import dev.chaosjunit.toxiproxy.internal.toxic.ToxicStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The toxic stages of one direction of one connection, in toxic order, ending in the socket writer. */
final class ToxicChain {
    private final StreamDirection direction;
    private final ChunkSink end;
    private final StageContext context;
    /** A slot's stage is null when the toxicity roll left that toxic out for this connection. */
    private List<Slot> slots = List.of();
    private ChunkSink head;

    private static final class Slot {
        final ToxicSpec spec;
        final ToxicStage stage;

        Slot(ToxicSpec spec, ToxicStage stage) {
            this.spec = spec;
            this.stage = stage;
        }
    }

    ToxicChain(StreamDirection direction, ChunkSink end, StageContext context) {
        this.direction = direction;
        this.end = end;
        this.context = context;
        this.head = end;
    }

    /** Where data read from the socket goes: the first stage, or the writer when no toxic applies. */
    ChunkSink head() {
        return head;
    }

    /**
     * Brings the chain in line with the proxy's toxics for this direction. Unchanged toxics keep their stage (and
     * what it holds); removed or replaced stages pass what they hold to the next stage that stays, oldest first, so
     * the byte order never changes. New and updated toxics roll their toxicity again, as Toxiproxy does.
     *
     * @return true when a removed toxic asks for the connection to be closed (a {@code timeout} that held it)
     */
    boolean apply(List<ToxicSpec> all) {
        Set<String> names = new HashSet<>();
        for (ToxicSpec spec : all) {
            if (spec.stream() == direction) {
                names.add(spec.name());
            }
        }
        boolean close = false;
        Map<String, Slot> old = new HashMap<>();
        for (Slot slot : slots) {
            old.put(slot.spec.name(), slot);
        }
        List<Slot> next = new ArrayList<>();
        List<Slot> kept = new ArrayList<>();
        for (ToxicSpec spec : all) {
            if (spec.stream() != direction) {
                continue;
            }
            Slot previous = old.get(spec.name());
            if (previous != null && previous.spec == spec) {
                next.add(previous);
                kept.add(previous);
                continue;
            }
            ToxicStage stage = spec.newStageOrNull(context);
            if (stage != null && previous != null && previous.stage != null) {
                stage.restoreState(previous.stage.carriedState());
            }
            next.add(new Slot(spec, stage));
        }
        List<Slot> before = slots;
        slots = List.copyOf(next);
        ChunkSink downstream = end;
        for (int i = slots.size() - 1; i >= 0; i--) {
            ToxicStage stage = slots.get(i).stage;
            if (stage != null) {
                stage.next(downstream);
                downstream = stage;
            }
        }
        head = downstream;
        // Flush stages that went away, downstream ones first, each into the next stage that stayed.
        for (int i = before.size() - 1; i >= 0; i--) {
            Slot slot = before.get(i);
            if (slot.stage == null || kept.contains(slot)) {
                continue;
            }
            if (!names.contains(slot.spec.name()) && slot.stage.closesConnectionWhenRemoved()) {
                slot.stage.drain();
                close = true;
                continue;
            }
            ChunkSink successor = end;
            for (int j = i + 1; j < before.size(); j++) {
                Slot later = before.get(j);
                if (later.stage != null && kept.contains(later)) {
                    successor = later.stage;
                    break;
                }
            }
            for (Chunk chunk : slot.stage.drain()) {
                successor.accept(chunk);
            }
        }
        return close;
    }

    /** The connection is closing: stop every stage's timers and forget what they hold. */
    void dispose() {
        for (Slot slot : slots) {
            if (slot.stage != null) {
                slot.stage.drain();
            }
        }
        slots = List.of();
        head = end;
    }
}
