package org.stromasim.backend.opencl;

import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.BackendFieldsIsolationTest;

/** {@link BackendFieldsIsolationTest} on two OpenCL backends of one model. */
@EnabledIfOpenClOrCi
class OpenClFieldsIsolationTest {

    @Test
    void twoOpenClBackendsOfOneModelDoNotSeeEachOthersChanges() {
        BackendFieldsIsolationTest.check(model -> new OpenClBackend(model, OpenClTestDevice.get()));
    }
}
