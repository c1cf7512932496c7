package org.stromasim.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.data.SnapshotSeries;

/** Background loading: the newest request is delivered once; failures come back as messages. */
class AsyncSceneLoaderTest {

    @TempDir
    Path dir;

    private static AsyncSceneLoader.Outcome await(AsyncSceneLoader async) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Optional<AsyncSceneLoader.Outcome> outcome = async.poll();
            if (outcome.isPresent()) {
                return outcome.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no scene within 5 s");
    }

    @Test
    void newestRequestWinsAndFailuresAreReported() throws IOException, InterruptedException {
        SnapshotSeries series = SnapshotSeries.open(SyntheticRuns.blobRun(dir.resolve("run")));
        ViewState state = new ViewState("drug", 0, OrbitCamera.DEFAULT, RenderSettings.DEFAULT, null, null);
        try (AsyncSceneLoader async = new AsyncSceneLoader(new SceneLoader(series, null, CompareMode.NONE))) {
            async.request(state);
            async.request(state.withTimeIndex(1));
            AsyncSceneLoader.Outcome outcome = await(async);
            assertNull(outcome.failure());
            assertEquals(600, outcome.scene().panels().get(0).field().timeS(), "the newer request is delivered");
            assertTrue(async.poll().isEmpty(), "delivered once");

            async.request(state.withField("il6"));
            AsyncSceneLoader.Outcome failed = await(async);
            assertNull(failed.scene());
            assertNotNull(failed.failure());
            assertTrue(failed.failure().getMessage().contains("has no field 'il6'"), failed.failure().getMessage());

            async.request(state); // cached from before: delivered without reading again
            assertEquals(0, await(async).scene().panels().get(0).field().timeS());
        }
    }
}
