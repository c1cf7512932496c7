package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.selection.BackendFactory;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/** Each way OpenCL can fail gives its own message: what went wrong, the numbers, and the fix. */
@EnabledIfOpenClOrCi
class FailureModesTest {

    @Test
    void aKernelBuildErrorCarriesTheFileTheOptionsAndTheBuildLog() {
        DeviceContext context = DeviceContext.of(OpenClTestDevice.get());
        String file = "kernels-broken/broken.cl";
        KernelBuildException e = assertThrows(KernelBuildException.class,
                () -> context.build(file, KernelSource.read(file), DeviceContext.BUILD_OPTIONS));
        assertEquals(file, e.fileName());
        assertEquals(DeviceContext.BUILD_OPTIONS, e.options());
        assertTrue(e.buildLog().contains("undeclared_identifier_for_the_test"), e.buildLog());
        assertTrue(e.getMessage().contains("kernel file " + file), e.getMessage());
        assertTrue(e.getMessage().contains("build options \"" + DeviceContext.BUILD_OPTIONS + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("CL_BUILD_PROGRAM_FAILURE"), e.getMessage());
    }

    @Test
    void aKernelNamedLikeABuiltInFailsAtCreationWithItsName() {
        DeviceContext context = DeviceContext.of(OpenClTestDevice.get());
        String file = "kernels-broken/builtin-name.cl";
        // PoCL (like NVIDIA) accepts the build; whichever step refuses it, the message names the problem.
        KernelBuildException e = assertThrows(KernelBuildException.class, () -> DeviceContext.kernel(
                context.build(file, KernelSource.read(file), DeviceContext.BUILD_OPTIONS), file, "step"));
        assertTrue(e.getMessage().contains(file), e.getMessage());
        if (e.buildLog().isEmpty()) {
            assertTrue(e.getMessage().contains("cannot create kernel 'step'"), e.getMessage());
            assertTrue(e.getMessage().contains("built-in"), e.getMessage());
        }
    }

    @Test
    void aGridTooLargeForTheDeviceIsRefusedBeforeAllocatingWithNeededAndAvailableMemory() {
        Scenario sc = scenario().grid(32, 32, 32, 10.0).with(species("drug").d0(10)).with(species("b").d0(10)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        // 32³ = 32768 voxels × 2 species: 256 KiB per concentration copy; per voxel 3 × 2 × 4 B of
        // species fields + 1 + 1 (cell code, reaction key) + 12 (viability, wall area and distance)
        // + 8 + 8 B = 54 B, 1.7 MiB in all.
        OpenClDevice small = OpenClTestDevice.get().withMemory(1L << 20, 1L << 30);
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class, () -> new OpenClBackend(model, small));
        assertTrue(total.getMessage().contains("grid 32×32×32 with 2 species needs 1.7 MiB of device memory "
                + "(largest buffer 256.0 KiB)"), total.getMessage());
        assertTrue(total.getMessage().contains("has 1.0 MiB of global memory"), total.getMessage());

        OpenClDevice smallAllocation = OpenClTestDevice.get().withMemory(1L << 30, 128L << 10);
        IllegalArgumentException alloc = assertThrows(IllegalArgumentException.class,
                () -> new OpenClBackend(model, smallAllocation));
        assertTrue(alloc.getMessage().contains("allows 128.0 KiB per buffer"), alloc.getMessage());
    }

    @Test
    void anUnknownDeviceNameOrIndexIsAnInputErrorListingTheDevices() {
        Scenario sc = scenario().grid(4, 4, 4, 10.0).with(species("drug").d0(10)).build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        IllegalArgumentException byName = assertThrows(IllegalArgumentException.class,
                () -> BackendFactory.select(BackendChoice.OPENCL, "no-such-device-xyz", model, 1));
        assertTrue(byName.getMessage().startsWith("--device 'no-such-device-xyz': no device name or platform contains it"),
                byName.getMessage());
        IllegalArgumentException byIndex = assertThrows(IllegalArgumentException.class,
                () -> BackendFactory.select(BackendChoice.OPENCL, "99", model, 1));
        assertTrue(byIndex.getMessage().contains("--device 99: no such device; allowed 0.."), byIndex.getMessage());
    }

    @Test
    void aLinkFailureNamesTheMissingLoaderAndTheFix() {
        // The errors JOCL throws without libOpenCL.so: UnsatisfiedLinkError first, NoClassDefFoundError after.
        for (Throwable t : List.of(new UnsatisfiedLinkError("Could not initialize native OpenCL library"),
                new NoClassDefFoundError("Could not initialize class org.jocl.CL"))) {
            String m = OpenClLoader.translateLinkFailure(t).getMessage();
            assertTrue(m.startsWith("OpenCL is not usable: JOCL could not load the OpenCL ICD loader libOpenCL.so ("
                    + t.getClass().getSimpleName()), m);
            assertTrue(m.contains("ocl-icd-opencl-dev"), m);
            assertTrue(m.contains("LD_LIBRARY_PATH"), m);
        }
    }

    @Test
    void withALoaderButNoDriverOpenclIsExitTwoAndAutoFallsBackSayingWhy(@TempDir Path dir) throws Exception {
        // ocl-icd reads the drivers from OCL_ICD_VENDORS when set: an empty directory = no platform.
        Path vendors = Files.createDirectory(dir.resolve("vendors"));
        ChildRun opencl = ChildRun.cli(vendors, "run", "--backend", "opencl", "--until", "0.1", "--no-progress",
                "--out", dir.resolve("a").toString());
        assertEquals(2, opencl.exitCode(), opencl.output());
        assertTrue(opencl.output().contains("error: --backend opencl: OpenCL is not usable: the ICD loader found no "
                + "platform (CL_PLATFORM_NOT_FOUND_KHR, -1001); install an OpenCL driver: pocl-opencl-icd"), opencl.output());

        ChildRun auto = ChildRun.cli(vendors, "run", "--backend", "auto", "--until", "0.1", "--no-progress",
                "--out", dir.resolve("b").toString());
        assertEquals(0, auto.exitCode(), auto.output());
        assertTrue(auto.output().contains("backend auto: OpenCL is not usable: the ICD loader found no platform "
                + "(CL_PLATFORM_NOT_FOUND_KHR, -1001)"), auto.output());
        assertTrue(auto.output().contains("; using java ("), auto.output());
        String runInfo = Files.readString(dir.resolve("b").resolve("run.json"), StandardCharsets.UTF_8);
        assertTrue(runInfo.contains("\"backend\" : \"java ("), runInfo);
    }

    /** The command line in a child JVM with another OpenCL driver directory. */
    record ChildRun(int exitCode, String output) {
        static ChildRun cli(Path vendors, String... args) throws IOException, InterruptedException {
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.stromasim.cli.Main"));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("OCL_ICD_VENDORS", vendors.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ChildRun(p.waitFor(), out);
        }
    }
}
