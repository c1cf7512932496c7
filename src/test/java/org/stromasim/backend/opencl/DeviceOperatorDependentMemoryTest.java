package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jocl.cl_command_queue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.solver.OperatorDependentLevels;

/**
 * The memory plan's count of the operator-dependent device solver
 * ({@link DeviceOperatorDependentMultigrid#deviceBytesFor}, from the grid alone) against the bytes the
 * solver really allocates on the device once built from a Java hierarchy: even and odd grids, the default
 * host split and every level on the device. The count must cover the allocation (a plan below it lets a
 * run fail half-way with an allocation error) and be no more than 1 % above it.
 */
@EnabledIfOpenClOrCi
class DeviceOperatorDependentMemoryTest {

    @ParameterizedTest(name = "{0}×{1}×{2}, host cells {3}")
    @CsvSource({"48, 40, 40, -1", "32, 32, 32, 0", "37, 29, 21, -1", "37, 29, 21, 0"})
    void thePlanCoversWhatTheSolverAllocates(int nx, int ny, int nz, int hostCells) {
        int maxHostCells = hostCells < 0 ? MultigridHierarchy.HOST_CELLS : hostCells;
        float[] k = DeviceOperatorDependentParityTest.vessels(nx, ny, nz, 3);
        MultigridSolver solver = MultigridSolver.create(nx, ny, nz, 2.0, k, Map.of(), Coarsening.OPERATOR_DEPENDENT);
        solver.setUniformAbsorption(1e-3);
        OperatorDependentLevels levels = solver.operatorDependentLevels();
        DeviceContext context = DeviceContext.of(OpenClTestDevice.get());
        long allocated;
        try (ClResources resources = new ClResources(context.context())) {
            cl_command_queue queue = resources.queue(OpenClTestDevice.get());
            MultigridKernels kernels = new MultigridKernels(resources, context, queue);
            GalerkinKernels galerkin = new GalerkinKernels(resources, context, queue);
            try (DeviceOperatorDependentMultigrid device = new DeviceOperatorDependentMultigrid(levels, maxHostCells,
                    kernels, galerkin, context, queue)) {
                allocated = device.deviceBytes();
            }
        }
        long planned = DeviceOperatorDependentMultigrid.deviceBytesFor(nx, ny, nz, maxHostCells);
        String figures = "planned " + planned + " B, allocated " + allocated + " B";
        assertTrue(planned >= allocated, figures);
        assertTrue(planned <= 1.01 * allocated, figures);
    }
}
