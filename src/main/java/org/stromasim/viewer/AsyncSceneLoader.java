package org.stromasim.viewer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads scenes on a background thread so the window keeps drawing and answering input while a large
 * snapshot is read. The newest request wins: a result for a request that has since been replaced is
 * kept in the cache but not delivered. Recently loaded scenes are cached, so stepping back and forth or
 * looping an animation reads each snapshot once.
 */
public final class AsyncSceneLoader implements AutoCloseable {

    /** Scenes kept: a few snapshots either side of the current one (a memory/latency trade-off, our choice). */
    static final int CACHE_SCENES = 8;

    /** What a scene depends on besides the run: changing any of these needs a new load. */
    record Key(String field, int timeIndex, boolean log, String colorMap, boolean overlays, Double low, Double high) {
        static Key of(ViewState state) {
            RenderSettings s = state.settings();
            return new Key(state.field(), state.timeIndex(), s.log(), s.colorMap().key(), s.showVessels() || s.showTumour(),
                    state.rangeLow(), state.rangeHigh());
        }
    }

    /** A finished load: the scene, or the reason it failed (shown to the user; the old scene stays). */
    public record Outcome(Scene scene, RuntimeException failure) {
    }

    private final SceneLoader loader;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stromasim-viewer-loader");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Key, Scene> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Scene> eldest) {
            return size() > CACHE_SCENES;
        }
    };
    private Key latest;
    private CompletableFuture<Outcome> pending;

    public AsyncSceneLoader(SceneLoader loader) {
        this.loader = loader;
    }

    /** Starts loading what {@code state} shows, unless that is already the latest request. */
    public synchronized void request(ViewState state) {
        Key key = Key.of(state);
        if (key.equals(latest)) {
            return;
        }
        latest = key;
        Scene cached = cache.get(key);
        if (cached != null) {
            pending = CompletableFuture.completedFuture(new Outcome(cached, null));
            return;
        }
        pending = CompletableFuture.supplyAsync(() -> {
            try {
                Scene scene = loader.load(state.field(), state.timeIndex(), state);
                synchronized (this) {
                    cache.put(key, scene);
                }
                return new Outcome(scene, null);
            } catch (RuntimeException failure) {
                return new Outcome(null, failure);
            }
        }, executor);
    }

    /** The outcome of the latest request once it is done, exactly once; empty while loading. */
    public synchronized Optional<Outcome> poll() {
        if (pending == null || !pending.isDone()) {
            return Optional.empty();
        }
        Outcome outcome = pending.join();
        pending = null;
        return Optional.of(outcome);
    }

    /** True while the latest request is still loading. */
    public synchronized boolean loading() {
        return pending != null && !pending.isDone();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
