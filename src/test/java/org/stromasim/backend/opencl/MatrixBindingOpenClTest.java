package org.stromasim.backend.opencl;

import org.stromasim.backend.Backend;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.MatrixBindingContract;
import org.stromasim.transport.TransportModel;

/**
 * Reversible matrix binding on the OpenCL kernels, every scheme ({@link MatrixBindingContract}: the same
 * answers the Java backend is held to). The uniform decay runs 8 voxels wide so that a CPU device takes its
 * float8 path.
 */
@EnabledIfOpenClOrCi
class MatrixBindingOpenClTest extends MatrixBindingContract {

    @Override
    protected Backend backend(Scenario sc, Tissue t, float[] retardation) {
        OpenClBackend b = new OpenClBackend(TransportModel.compile(sc, t), OpenClTestDevice.get());
        System.arraycopy(retardation, 0, b.fields().retardation(0), 0, retardation.length);
        b.upload(t);
        return b;
    }

    @Override
    protected int uniformDecayNx() {
        return 8;
    }
}
