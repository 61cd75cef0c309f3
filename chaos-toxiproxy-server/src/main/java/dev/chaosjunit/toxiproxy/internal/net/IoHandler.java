package dev.chaosjunit.toxiproxy.internal.net;

import java.nio.channels.SelectionKey;

/** Something registered with an {@link EventLoop}'s selector: it is told when its key is ready. */
public interface IoHandler {
    void onReady(SelectionKey key);
}
