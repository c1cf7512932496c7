package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stromasim.backend.java.BolusStartLumenExposureTest;
import org.stromasim.backend.java.BolusStartLumenExposureTest.Scheme;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * The step-mean exchange source and the lumen's exact exposure on the OpenCL backend: the host computes
 * each (sub-)step's plasma mean and integral once ({@code PlasmaCurve.mean}) and both backends use it,
 * so steps straddling a bolus start agree with the Java backend per voxel within each scheme's parity
 * tolerance (explicit {@link FeatureParityTest#TOLERANCE}, RKL2 {@link Rkl2ParityTest#TOLERANCE}, split
 * implicit {@link ImplicitParityTest}'s, unsplit {@link UnsplitParityTest}'s), and the device's lumen exposure is the hand-written ∫ plasma dt of
 * {@link BolusStartLumenExposureTest} (1e-6: float increments on a Kahan pair).
 */
@EnabledIfOpenClOrCi
class BolusStartParityTest {

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void stepsStraddlingABolusStartAgreeWithTheJavaBackend(Scheme scheme) {
        Scenario sc = scheme.scenario();
        Tissue initial = BolusStartLumenExposureTest.initial(sc);
        Tissue java = BothBackends.run(sc, initial, false, 0.0, scheme.dtS(), scheme.steps);
        Tissue opencl = BothBackends.run(sc, initial, true, 0.0, scheme.dtS(), scheme.steps);
        switch (scheme) {
            case EXPLICIT_STRANG, EXPLICIT_LIE -> {
                BothBackends.assertClose("drug", java.concentration(0), opencl.concentration(0), FeatureParityTest.TOLERANCE);
                BothBackends.assertClose("exposure", java.drugExposure(), opencl.drugExposure(), FeatureParityTest.TOLERANCE);
            }
            case RKL2 -> {
                BothBackends.assertClose("drug", java.concentration(0), opencl.concentration(0), Rkl2ParityTest.TOLERANCE);
                BothBackends.assertClose("exposure", java.drugExposure(), opencl.drugExposure(), Rkl2ParityTest.TOLERANCE);
            }
            case IMPLICIT_SPLIT -> {
                ImplicitParityTest.assertClosePerVoxel("drug", java.concentration(0), opencl.concentration(0));
                ImplicitParityTest.assertClosePerVoxel("exposure", java.drugExposure(), opencl.drugExposure());
            }
            case IMPLICIT_UNSPLIT -> {
                ImplicitParityTest.assertClosePerVoxel("drug", java.concentration(0), opencl.concentration(0),
                        UnsplitParityTest.RELATIVE, UnsplitParityTest.FLOOR);
                ImplicitParityTest.assertClosePerVoxel("exposure", java.drugExposure(), opencl.drugExposure(),
                        UnsplitParityTest.RELATIVE, UnsplitParityTest.FLOOR);
            }
        }
        double expected = BolusStartLumenExposureTest.plasmaIntegral(BolusStartLumenExposureTest.END_S);
        assertEquals(expected, opencl.drugExposure()[BolusStartLumenExposureTest.lumenVoxel()], 1e-6 * expected);
    }
}
